#include "runtime/support/arena.hpp"

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
