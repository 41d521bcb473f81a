// copy_bytes: memcpy for the short strings an evaluation copies.
//
// Messages and paths are built from short pieces (a container name, ".spec",
// "must not set"): a call to the library's memcpy costs more than the copy
// itself there. Two overlapping fixed-size moves cover 4 to 32 bytes with no
// call and no loop; longer pieces take memcpy.
#pragma once

#include <cstddef>
#include <cstring>

namespace writ {

[[gnu::always_inline]] inline void copy_bytes(char* to, const char* from, size_t n) {
  if (n >= 16 && n <= 32) {
    std::memcpy(to, from, 16);
    std::memcpy(to + n - 16, from + n - 16, 16);
  } else if (n >= 8 && n < 16) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n < 4) {
    for (size_t i = 0; i < n; ++i) to[i] = from[i];
  } else {
    std::memcpy(to, from, n);
  }
}

}  // namespace writ
