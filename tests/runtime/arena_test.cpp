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
