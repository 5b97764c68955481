// The site registry against a plain map: random adds and removes far past
// the table's size (removed entries must not wear it out), ranges removed
// across the table's wrap-around, and lookups from another thread that must
// never miss a live site while the writer churns the sites around it.
#include <errno.h>
#include <stdint.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/core/site_registry.h"
}

namespace {

trap_site Site(uintptr_t addr) {
  trap_site s = {};
  s.addr = addr;
  s.resume_to = addr ^ 0x5a5a;
  s.object = static_cast<uint32_t>(addr >> 4);
  s.nr = static_cast<int32_t>(addr & 0x1ff);
  s.role = SITE_SYSCALL;
  s.kind = 1;
  s.original[0] = 0x0f;
  s.original[1] = 0x05;
  return s;
}

void ExpectSame(const trap_site &a, const trap_site &b) {
  EXPECT_EQ(a.addr, b.addr);
  EXPECT_EQ(a.resume_to, b.resume_to);
  EXPECT_EQ(a.object, b.object);
  EXPECT_EQ(a.nr, b.nr);
  EXPECT_EQ(a.role, b.role);
}

void Clear() {
  site_registry_remove_range(0, UINTPTR_MAX);
  ASSERT_EQ(site_registry_count(), 0u);
}

// Looks up every site of `stay` over and over on a thread of its own
// until stopped, counting lookups, misses and wrong copies.
class Reader {
 public:
  explicit Reader(const std::vector<uintptr_t> &stay)
      : thread_([this, &stay] {
          trap_site got;
          while (!done_.load()) {
            for (uintptr_t a : stay) {
              if (!site_registry_find(a, &got))
                misses_++;
              else if (got.addr != a || got.resume_to != (a ^ 0x5a5a))
                wrong_++;
              lookups_++;
            }
          }
        }) {}
  // Returns once it has looked every site up once: the table then grows
  // under a reader that is running, however the machine schedules it.
  void WaitUntilLooking() {
    while (lookups_.load() == 0) std::this_thread::yield();
  }
  // Stops it and checks that it looked, and never missed or misread.
  void StopAndCheck() {
    done_ = true;
    thread_.join();
    EXPECT_GT(lookups_.load(), 0);
    EXPECT_EQ(misses_.load(), 0);
    EXPECT_EQ(wrong_.load(), 0);
  }

 private:
  std::atomic<bool> done_{false};
  std::atomic<long> misses_{0}, wrong_{0}, lookups_{0};
  std::thread thread_;
};

// First in this file, so it starts from the table's initial size: the
// table grows (it doubles whenever it would be more than three quarters
// full) while another thread looks sites up, and none is ever missed or
// read wrong; every site added is there at the end, and past the largest
// table's fill limit an add is refused, not lost.
TEST(SiteRegistry, GrowsWhileReadersLookUp) {
  ASSERT_EQ(site_registry_init(), 0);
  Clear();
  std::vector<uintptr_t> stay;
  for (uintptr_t a = 0x7f0000100000ull; stay.size() < 500; a += 0x36)
    stay.push_back(a);
  for (uintptr_t a : stay) {
    trap_site s = Site(a);
    ASSERT_EQ(site_registry_add(&s), 0);
  }
  Reader reader(stay);
  reader.WaitUntilLooking();
  std::vector<uintptr_t> more;
  uintptr_t a = 0x550000000000ull;
  int refused = 0;
  while (refused == 0) {
    trap_site s = Site(a);
    int r = site_registry_add(&s);
    if (r == -ENOSPC)
      refused = 1;
    else {
      ASSERT_EQ(r, 0);
      more.push_back(a);
    }
    a += 0x4e;
  }
  reader.StopAndCheck();
  // 3/4 of the largest table (2^14 slots).
  EXPECT_EQ(site_registry_count(), 12288u);
  EXPECT_EQ(stay.size() + more.size(), 12288u);
  trap_site got;
  for (uintptr_t m : more) {
    ASSERT_EQ(site_registry_find(m, &got), 1) << std::hex << m;
    ExpectSame(got, Site(m));
  }
  Clear();
}

// Removing an address that holds no site removes nothing and says so,
// whether its page never held a site or holds others (the registry skips
// the table for pages that never held one); the others stay, and a site
// in such a page is still removed.
TEST(SiteRegistry, RemovingWhatIsNotThereKeepsTheRest) {
  ASSERT_EQ(site_registry_init(), 0);
  Clear();
  const uintptr_t page = 0x7f1234567000ull;
  trap_site a = Site(page + 0x10), b = Site(page + 0xff0);
  ASSERT_EQ(site_registry_add(&a), 0);
  ASSERT_EQ(site_registry_add(&b), 0);
  EXPECT_EQ(site_registry_remove(page + 0x12), 0);       // same page
  EXPECT_EQ(site_registry_remove(page + 0x5000), 0);     // a page never used
  EXPECT_EQ(site_registry_remove(page + 0x1000000), 0);  // same bit, 16 MiB on
  EXPECT_EQ(site_registry_count(), 2u);
  trap_site got;
  ASSERT_EQ(site_registry_find(b.addr, &got), 1);
  ExpectSame(got, b);
  EXPECT_EQ(site_registry_remove(a.addr), 1);
  EXPECT_EQ(site_registry_find(a.addr, &got), 0);
  EXPECT_EQ(site_registry_remove(b.addr), 1);
  EXPECT_EQ(site_registry_count(), 0u);
  // A page seen once and emptied: its sites are still found when they
  // come back.
  ASSERT_EQ(site_registry_add(&a), 0);
  EXPECT_EQ(site_registry_remove(a.addr), 1);
}

TEST(SiteRegistry, MatchesAMapThroughAMillionChanges) {
  ASSERT_EQ(site_registry_init(), 0);
  Clear();
  std::mt19937_64 rng(42);
  std::map<uintptr_t, trap_site> want;
  std::vector<uintptr_t> live;
  for (int step = 0; step < 1000000; step++) {
    // New addresses all the time, as a JIT's code comes and goes; about
    // 3,000 live at once.
    if (live.size() < 3000 && (rng() & 1)) {
      uintptr_t a = 0x7f0000000000ull + (rng() % (1ull << 36)) * 2 + 2;
      int r = site_registry_add(&want.emplace(a, Site(a)).first->second);
      if (r == -EEXIST) continue;
      ASSERT_EQ(r, 0) << "step " << step;
      live.push_back(a);
    } else if (!live.empty()) {
      size_t k = rng() % live.size();
      ASSERT_EQ(site_registry_remove(live[k]), 1) << "step " << step;
      want.erase(live[k]);
      live[k] = live.back();
      live.pop_back();
    }
    if (step % 997 == 0) {
      trap_site got;
      for (uintptr_t a : live) {
        ASSERT_EQ(site_registry_find(a, &got), 1);
        ExpectSame(got, want[a]);
      }
      // Addresses that are no site end their probe too.
      for (int i = 0; i < 100; i++)
        EXPECT_EQ(site_registry_find(0x1000 + 2 * rng() % 100000, &got), 0);
    }
  }
  EXPECT_EQ(site_registry_count(), live.size());
  Clear();
}

TEST(SiteRegistry, RemoveRangeTakesExactlyTheRange) {
  ASSERT_EQ(site_registry_init(), 0);
  Clear();
  // Dense addresses collide and wrap around the table's end.
  std::vector<uintptr_t> addrs;
  for (uintptr_t a = 0x400000; addrs.size() < 10000; a += 6) addrs.push_back(a);
  for (uintptr_t a : addrs) {
    trap_site s = Site(a);
    ASSERT_EQ(site_registry_add(&s), 0);
  }
  const uintptr_t lo = addrs[2500], hi = addrs[7500];
  EXPECT_EQ(site_registry_remove_range(lo, hi), 5000u);
  trap_site got;
  for (uintptr_t a : addrs)
    EXPECT_EQ(site_registry_find(a, &got), a < lo || a >= hi) << std::hex << a;
  EXPECT_EQ(site_registry_count(), 5000u);
  trap_site full = Site(1 << 20);
  Clear();
  // Full: adds are refused, never loop.
  for (uintptr_t a = 0x10; site_registry_add(&(full = Site(a))) == 0; a += 2) {
  }
  EXPECT_EQ(site_registry_add(&full), -ENOSPC);
  EXPECT_EQ(site_registry_find(0x3, &got), 0);
  Clear();
}

TEST(SiteRegistry, ReadersNeverMissALiveSiteWhileItIsChurned) {
  ASSERT_EQ(site_registry_init(), 0);
  Clear();
  // Live sites among many that come and go (the table up to 3/4 full), so
  // removals shift the live ones back along their probe chains under the
  // reader.
  std::vector<uintptr_t> stay, churn;
  for (uintptr_t a = 0x500000; stay.size() < 2000; a += 2) stay.push_back(a);
  for (uintptr_t a = 0x900000; churn.size() < 10000; a += 2) churn.push_back(a);
  for (uintptr_t a : stay) {
    trap_site s = Site(a);
    ASSERT_EQ(site_registry_add(&s), 0);
  }
  Reader reader(stay);
  reader.WaitUntilLooking();
  for (int round = 0; round < 200; round++) {
    for (uintptr_t a : churn) {
      trap_site s = Site(a);
      site_registry_add(&s);
    }
    if (round & 1)
      site_registry_remove_range(churn.front(), churn.back() + 1);
    else
      for (uintptr_t a : churn) site_registry_remove(a);
  }
  reader.StopAndCheck();
  Clear();
}

}  // namespace
