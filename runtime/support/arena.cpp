#include "runtime/support/arena.hpp"

#include <algorithm>

namespace writ {

void* Arena::allocate_slow(size_t size, size_t align) {
  // Move to the next kept chunk that is large enough, or obtain a new one.
  size_t need = size + align;
  if (cur_ != nullptr) used_before_active_ += static_cast<size_t>(cur_ - chunks_[active_].mem.get());
  size_t next = cur_ == nullptr ? 0 : active_ + 1;
  while (next < chunks_.size() && chunks_[next].size < need) ++next;
  if (next >= chunks_.size()) {
    size_t sz = need > chunk_size_ ? need : chunk_size_;
    chunks_.push_back(Chunk{std::unique_ptr<char[]>(new char[sz]), sz});
    next = chunks_.size() - 1;
  }
  active_ = next;
  cur_ = chunks_[active_].mem.get();
  end_ = cur_ + chunks_[active_].size;
  uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~(uintptr_t)(align - 1);
  cur_ = reinterpret_cast<char*>(p + size);
  return reinterpret_cast<void*>(p);
}

void Arena::reserve(size_t bytes) {
  if (!chunks_.empty()) return;
  size_t sz = bytes < 256 ? 256 : bytes;
  chunks_.push_back(Chunk{std::unique_ptr<char[]>(new char[sz]), sz});
}

void Arena::reset() {
  // Drop chunks far above the usual size; keep the rest in order.
  size_t keep = 0;
  for (size_t i = 0; i < chunks_.size(); ++i) {
    if (chunks_[i].size > 64 * chunk_size_) continue;
    if (keep != i) chunks_[keep] = std::move(chunks_[i]);
    ++keep;
  }
  chunks_.resize(keep);
  active_ = 0;
  cur_ = nullptr;
  end_ = nullptr;
  used_before_active_ = 0;
}

// Loads, not prefetch instructions: on this machine software prefetches of
// a cold tree bought nothing (docs/performance.md), demand loads do.
static inline void touch(const char* p) { static_cast<void>(*static_cast<const volatile char*>(p)); }

size_t Arena::touch_recent(size_t max_bytes) const {
  constexpr size_t kLine = 64;
  size_t lines = 0;
  if (cur_ == nullptr) return 0;
  for (size_t k = active_ + 1; k-- > 0 && max_bytes > 0;) {
    const char* end = k == active_ ? cur_ : chunks_[k].mem.get() + chunks_[k].size;
    size_t n = std::min(static_cast<size_t>(end - chunks_[k].mem.get()), max_bytes);
    max_bytes -= n;
    const char* base = end - n;
    size_t off = n;  // [base, base + off) is left to touch, from its end
    for (; off >= 4 * kLine; off -= 4 * kLine, lines += 4) {
      touch(base + off - kLine);
      touch(base + off - 2 * kLine);
      touch(base + off - 3 * kLine);
      touch(base + off - 4 * kLine);
    }
    for (; off > 0; ++lines) {
      off = off > kLine ? off - kLine : 0;
      touch(base + off);
    }
  }
  return lines;
}

size_t Arena::bytes_used() const {
  if (cur_ == nullptr) return used_before_active_;
  return used_before_active_ + static_cast<size_t>(cur_ - chunks_[active_].mem.get());
}

size_t Arena::bytes_reserved() const {
  size_t n = 0;
  for (const auto& c : chunks_) n += c.size;
  return n;
}

}  // namespace writ
