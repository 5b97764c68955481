// The ring's -r mark (trace_ring.h): what a writer holding a call open
// compares at the call's end to tell whether a line came after its entry
// half, with the orders two writers really stamp and put their lines in.
#include <gtest/gtest.h>

#include <vector>

// A C header: its one C11 assertion spelled as C++ spells it.
#define _Static_assert static_assert
extern "C" {
#include "tools/trace/trace_ring.h"
}
#undef _Static_assert

namespace {

// The header and its slots, zeroed (no record named yet).
struct Ring {
  std::vector<uint64_t> mem =
      std::vector<uint64_t>((RING_HEADER_BYTES + (size_t)RING_SLOT * RING_SLOTS) / 8);
  ring_header* h = reinterpret_cast<ring_header*>(mem.data());
};

// A one-slot record reserved with flags (0: a line) and, where named, its
// tag and flags set as its writer sets them; the reserve count after it.
uint64_t Reserve(ring_header* h, uint32_t flags, bool named = true) {
  uint64_t idx = h->reserve++;
  auto* rec = reinterpret_cast<ring_record*>(ring_slot(h, idx));
  if (named) {
    rec->flags = flags;
    __atomic_store_n(&rec->tag, ring_tag(idx, 1, 0), __ATOMIC_RELEASE);
  }
  return h->reserve;
}

// A writer's line: stamped at `now` (chained), then put; the mark it keeps
// is the value its put left.
long long StampAndPut(ring_header* h, long long now, long long* since) {
  long long stored = 0;
  *since = ring_since_last_line(h, now, 1, &stored);
  return ring_line_put(h);
}

// The trace's first line, stamped at 1000 and put.
void FirstLine(ring_header* h) {
  long long stored = 0;
  ring_since_last_line(h, 1000, 1, &stored);
  ring_line_put(h);
}

// The failure seen under a loaded suite (sessions 35 and 36): B stamped
// its line before A stamped A's entry half, but put it after A's. The
// launcher writes B's line between A's halves; A must see that, or the
// next line counts from A's entry and -r loses A's call.
TEST(TraceRing, ALineStampedBeforeButPutAfterAnEntryComesAfterIt) {
  Ring r;
  long long since = 0, stored = 0;
  FirstLine(r.h);
  ring_since_last_line(r.h, 2000, 1, &stored);  // B stamps
  long long a_mark = StampAndPut(r.h, 2500, &since);  // A: stamp, put
  EXPECT_EQ(since, 500);
  ring_line_put(r.h);  // B puts
  EXPECT_NE(__atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED), a_mark);
  // The next line counts from A's stamp (moved on by the two puts, 1 ns
  // each), not from B's older one.
  EXPECT_EQ(ring_since_last_line(r.h, 3000, 1, &stored), 498);
}

// A stamps its entry half (at 2000, after a first line) and reserves its
// record, B's line is reserved before A's (b_first) or after it, and B
// stamps (at 3000) and puts that line before A's put; then, where
// other_flags is not 0, a record that is no line is reserved after A's.
// Whether A then sees a line after its entry half.
bool SeesBsLine(bool b_first, uint32_t other_flags = 0) {
  Ring r;
  long long since = 0, stored = 0;
  FirstLine(r.h);
  Reserve(r.h, 0);                                  // the first line
  ring_since_last_line(r.h, 2000, 1, &stored);  // A stamps
  long long a_pre = __atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED);
  if (b_first) Reserve(r.h, 0);                     // B reserves
  uint64_t a_reserved_to = Reserve(r.h, RING_OPEN); // A reserves
  if (!b_first) Reserve(r.h, 0);                    // B reserves
  StampAndPut(r.h, 3000, &since);                   // B: stamp, put
  EXPECT_EQ(since, 1000);
  long long a_mark = ring_line_put_from(r.h, a_pre);  // A puts
  EXPECT_EQ(a_mark, RING_MARK_MOVED);
  if (other_flags) Reserve(r.h, other_flags);
  return ring_line_came_after(r.h, a_mark, a_reserved_to);
}

// The failure seen in a fresh-clone CI run (session 48): A was preempted
// between reserving its entry half and putting it while B stamped,
// reserved and put a line after it. A's put then found B's mark; kept as
// A's own, it hid B's line, A's "<... resumed>" line moved no stamp, and
// the next line counted from B's (+0.117986 where +0.000325 was due).
TEST(TraceRing, ALinePutWhileAnEntryWaitsForItsPutComesAfterIt) {
  EXPECT_TRUE(SeesBsLine(false));
}

// The same race where B's line was reserved before A's: it does not come
// between A's halves (the launcher writes it before them), nor does a
// record that is no line reserved after A's (--timeline's event of A's
// call, which the launcher passes by with A's line held open).
TEST(TraceRing, ALineReservedBeforeAnEntryDoesNotComeAfterIt) {
  EXPECT_FALSE(SeesBsLine(true));
  EXPECT_FALSE(SeesBsLine(true, RING_EVENT));
  EXPECT_FALSE(SeesBsLine(true, RING_REAPED));
}

// With nothing between A's reservation and its put, A keeps its own mark,
// which a line put after it moves.
TEST(TraceRing, AnEntryPutAloneKeepsItsMark) {
  Ring r;
  long long since = 0, stored = 0;
  FirstLine(r.h);
  Reserve(r.h, 0);
  ring_since_last_line(r.h, 4000, 1, &stored);  // A stamps
  long long a_pre = __atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED);
  uint64_t a_reserved_to = Reserve(r.h, RING_OPEN);  // A reserves
  long long a_mark = ring_line_put_from(r.h, a_pre);
  EXPECT_EQ(a_mark, 4001);
  EXPECT_FALSE(ring_line_came_after(r.h, a_mark, a_reserved_to));
  Reserve(r.h, 0);                                  // B reserves
  StampAndPut(r.h, 5000, &since);
  EXPECT_TRUE(ring_line_came_after(r.h, a_mark, a_reserved_to));
}

// B has stamped a line but not reserved it yet, and a record that is no
// line (a reaped child's) comes after A's: nothing the launcher writes
// comes between A's halves yet. Once B's line is reserved it does; a
// record reserved but not named yet might be one, and counts as one.
TEST(TraceRing, OnlyLinesReservedAfterAnEntryComeAfterIt) {
  Ring r;
  long long stored = 0;
  FirstLine(r.h);
  Reserve(r.h, 0);
  ring_since_last_line(r.h, 4000, 1, &stored);  // A stamps
  long long a_pre = __atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED);
  uint64_t a_reserved_to = Reserve(r.h, RING_OPEN);
  long long a_mark = ring_line_put_from(r.h, a_pre);
  ring_since_last_line(r.h, 5000, 1, &stored);  // B stamps
  Reserve(r.h, RING_REAPED);
  EXPECT_FALSE(ring_line_came_after(r.h, a_mark, a_reserved_to));
  Reserve(r.h, 0, /*named=*/false);                 // B reserves
  EXPECT_TRUE(ring_line_came_after(r.h, a_mark, a_reserved_to));
}

// Records that are no lines (--timeline's event of A's own call, a reaped
// child) are put without ring_line_put: A sees no line after it.
TEST(TraceRing, NoLineAfterAnEntryLeavesItsMark) {
  Ring r;
  long long since = 0;
  long long a_mark = StampAndPut(r.h, 5000, &since);
  EXPECT_EQ(since, 0);  // the first line counts 0
  EXPECT_EQ(__atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED), a_mark);
}

// No line yet: a put leaves the mark at 0, so the first stamped line still
// counts 0 rather than from the epoch.
TEST(TraceRing, APutBeforeAnyStampLeavesNoMark) {
  Ring r;
  EXPECT_EQ(ring_line_put(r.h), 0);
  long long stored = 0;
  EXPECT_EQ(ring_since_last_line(r.h, 7000, 1, &stored), 0);
  EXPECT_EQ(stored, 7000);
}

}  // namespace
