#include "runtime/value/key_table.hpp"

#include "runtime/value/format.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ {

KeyTable::KeyTable() {
  names_.emplace_back();  // id 0 = kNoKey
  steps_.emplace_back();
  slots_.resize(64);
  mask_ = 63;
  for (const char* name : keys::kWellKnownNames) intern(name);
}

uint64_t KeyTable::hash(std::string_view s) {
  // FNV-1a over 8-byte words, then a murmur finalizer: field names are short,
  // so a simple word-at-a-time hash beats anything fancier here.
  uint64_t h = 0xcbf29ce484222325ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  // The 0 to 7 bytes left as one little-endian word, read without a loop
  // (a byte at a time, this was a third of a key's hashing): the last 8
  // bytes of the name shifted down, or two overlapping 4-byte reads, or
  // first, middle and last byte.
  size_t rest = s.size() - i;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  uint64_t tail = 0;
  if (rest == 0) {
  } else if (s.size() >= 8) {
    __builtin_memcpy(&tail, p + s.size() - 8, 8);
    tail >>= 8 * (8 - rest);
  } else if (rest >= 4) {
    uint32_t lo, hi;
    __builtin_memcpy(&lo, p + i, 4);
    __builtin_memcpy(&hi, p + i + rest - 4, 4);
    tail = lo | static_cast<uint64_t>(hi) << (8 * (rest - 4));
  } else {
    tail = p[i] | static_cast<uint64_t>(p[i + rest / 2]) << (8 * (rest / 2)) |
           static_cast<uint64_t>(p[i + rest - 1]) << (8 * (rest - 1));
  }
  h = (h ^ tail) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

KeyId KeyTable::intern(std::string_view name) {
  if (KeyId id = find(name); id != kNoKey) return id;
  if (name.size() > kMaxKeyLen) return kNoKey;
  if ((names_.size() + 1) * 2 > slots_.size()) grow();
  storage_.emplace_back(name);
  KeyId id = static_cast<KeyId>(names_.size());
  names_.emplace_back(storage_.back());
  // `.name` with its dot, which a path's first step drops (append_path_step).
  std::string step;
  if (writ::is_identifier(name)) step.append(".").append(name);
  else append_path_key(step, name, false);
  storage_.push_back(std::move(step));
  steps_.emplace_back(storage_.back());
  uint64_t h = hash(name);
  uint32_t slot = static_cast<uint32_t>(h) & mask_;
  while (slots_[slot].id != kNoKey) slot = (slot + 1) & mask_;
  slots_[slot] = Slot{static_cast<uint32_t>(h >> 32), id};
  return id;
}

void KeyTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  mask_ = static_cast<uint32_t>(slots_.size() - 1);
  for (KeyId id = 1; id < names_.size(); ++id) {
    uint64_t h = hash(names_[id]);
    uint32_t slot = static_cast<uint32_t>(h) & mask_;
    while (slots_[slot].id != kNoKey) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{static_cast<uint32_t>(h >> 32), id};
  }
}

}  // namespace writ
