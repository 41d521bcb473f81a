#include "runtime/support/arena.hpp"
#include "support/writ_test.hpp"

TEST_CASE("an arena reuses its chunks after reset") {
  writ::Arena arena(1024);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 100; ++i) arena.allocate(100, 8);
    if (round == 0) continue;
    size_t reserved = arena.bytes_reserved();
    arena.reset();
    for (int i = 0; i < 100; ++i) arena.allocate(100, 8);
    CHECK(arena.bytes_reserved() == reserved);
    arena.reset();
  }
  void* p = arena.allocate(3, 1);
  void* q = arena.allocate(8, 8);
  CHECK(reinterpret_cast<uintptr_t>(q) % 8 == 0);
  CHECK(p != q);
}

TEST_CASE("touch_recent reads every line handed out, newest first, up to its cap") {
  writ::Arena arena(1024);
  CHECK(arena.touch_recent(1 << 20) == 0);  // nothing handed out yet
  arena.allocate(10, 1);
  CHECK(arena.touch_recent(1 << 20) == 1);  // less than a line is one line
  arena.reset();
  arena.allocate(1000, 1);                   // 16 lines of the first chunk
  CHECK(arena.touch_recent(1 << 20) == 16);
  arena.allocate(1000, 1);                   // does not fit: a second chunk
  CHECK(arena.touch_recent(1000) == 16);     // the newest chunk only
  CHECK(arena.touch_recent(1001) == 17);     // and the last byte of the first
  CHECK(arena.touch_recent(1 << 20) == 32);  // both (the first to its end)
  CHECK(arena.touch_recent(0) == 0);
  arena.reset();
  CHECK(arena.touch_recent(1 << 20) == 0);
}
