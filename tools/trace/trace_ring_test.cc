// The ring's -r mark (trace_ring.h): what a writer holding a call open
// compares at the call's end to tell whether a line came after its entry
// half, with the orders two writers really stamp and put their lines in.
#include <gtest/gtest.h>

#include <memory>

// A C header: its one C11 assertion spelled as C++ spells it.
#define _Static_assert static_assert
extern "C" {
#include "tools/trace/trace_ring.h"
}
#undef _Static_assert

namespace {

struct Ring {
  std::unique_ptr<ring_header> h{new ring_header()};
};

// A writer's line: stamped at `now` (chained), then put; the mark it keeps
// is the value its put left.
long long StampAndPut(ring_header* h, long long now, long long* since) {
  long long stored = 0;
  *since = ring_since_last_line(h, now, 1, &stored);
  return ring_line_put(h);
}

// The failure seen under a loaded suite (sessions 35 and 36): B stamped
// its line before A stamped A's entry half, but put it after A's. The
// launcher writes B's line between A's halves; A must see that, or the
// next line counts from A's entry and -r loses A's call.
TEST(TraceRing, ALineStampedBeforeButPutAfterAnEntryComesAfterIt) {
  Ring r;
  long long since = 0, stored = 0;
  ring_since_last_line(r.h.get(), 1000, 1, &stored);  // a first line
  ring_line_put(r.h.get());
  ring_since_last_line(r.h.get(), 2000, 1, &stored);  // B stamps
  long long a_mark = StampAndPut(r.h.get(), 2500, &since);  // A: stamp, put
  EXPECT_EQ(since, 500);
  ring_line_put(r.h.get());  // B puts
  EXPECT_NE(__atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED), a_mark);
  // The next line counts from A's stamp (moved on by the two puts, 1 ns
  // each), not from B's older one.
  EXPECT_EQ(ring_since_last_line(r.h.get(), 3000, 1, &stored), 498);
}

// Records that are no lines (--timeline's event of A's own call, a reaped
// child) are put without ring_line_put: A sees no line after it.
TEST(TraceRing, NoLineAfterAnEntryLeavesItsMark) {
  Ring r;
  long long since = 0;
  long long a_mark = StampAndPut(r.h.get(), 5000, &since);
  EXPECT_EQ(since, 0);  // the first line counts 0
  EXPECT_EQ(__atomic_load_n(&r.h->last_line_ns, __ATOMIC_RELAXED), a_mark);
}

// No line yet: a put leaves the mark at 0, so the first stamped line still
// counts 0 rather than from the epoch.
TEST(TraceRing, APutBeforeAnyStampLeavesNoMark) {
  Ring r;
  EXPECT_EQ(ring_line_put(r.h.get()), 0);
  long long stored = 0;
  EXPECT_EQ(ring_since_last_line(r.h.get(), 7000, 1, &stored), 0);
  EXPECT_EQ(stored, 7000);
}

}  // namespace
