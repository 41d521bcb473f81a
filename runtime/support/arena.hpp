// Arena: a bump allocator whose memory is reused after reset().
//
// Input trees and the temporaries of an evaluation live in arenas. reset()
// keeps the chunks already obtained, so an evaluation loop that resets its
// arena between inputs reaches a steady state with no heap allocation at all.
// Objects placed in an arena must be trivially destructible: nothing is ever
// destroyed, memory is just reused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "runtime/support/copy_bytes.hpp"

namespace writ {

class Arena {
 public:
  explicit Arena(size_t chunk_size = 16 * 1024) : chunk_size_(chunk_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  // Uninitialized, `align`-aligned storage for `size` bytes.
  void* allocate(size_t size, size_t align = alignof(std::max_align_t)) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~(uintptr_t)(align - 1);
    if (p + size <= reinterpret_cast<uintptr_t>(end_) && cur_ != nullptr) {
      cur_ = reinterpret_cast<char*>(p + size);
      return reinterpret_cast<void*>(p);
    }
    return allocate_slow(size, align);
  }

  template <typename T>
  T* allocate_array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    return static_cast<T*>(allocate(sizeof(T) * (n ? n : 1), alignof(T)));
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Copies `s` into the arena; the view stays valid until reset().
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    copy_bytes(p, s.data(), s.size());
    return {p, s.size()};
  }

  // A size hint for a fresh arena: its first chunk holds `bytes` (at least
  // 256) instead of the default chunk size. No effect once it has memory.
  void reserve(size_t bytes);

  // Forget every allocation; keep the memory for reuse. Oversized chunks
  // (one huge string, say) are released so a single outlier input does not
  // pin its memory forever.
  void reset();

  // Reads one byte of each 64-byte line among the last `max_bytes` handed
  // out, newest first, to bring them into the cache (Document::warm says
  // why). Returns the number of lines read.
  size_t touch_recent(size_t max_bytes) const;

  // Bytes handed out since the last reset (for the memory benchmarks).
  size_t bytes_used() const;
  // Bytes obtained from the heap and kept.
  size_t bytes_reserved() const;

 private:
  void* allocate_slow(size_t size, size_t align);

  struct Chunk {
    std::unique_ptr<char[]> mem;
    size_t size;
  };
  size_t chunk_size_;
  std::vector<Chunk> chunks_;
  size_t active_ = 0;      // index of the chunk cur_ points into
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t used_before_active_ = 0;
};

}  // namespace writ
