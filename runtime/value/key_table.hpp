// KeyTable: the interned field names of a compiled policy set.
//
// The compiler adds every field name a policy can look up; the table is then
// frozen and shared, read-only, by every thread. Decoders map each input key
// through find(): a known name becomes its id, so `c.securityContext` in a
// policy is an integer compare at run time, never a string compare.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value/types.hpp"

namespace writ {

class KeyTable {
 public:
  KeyTable();

  // Adds `name` if new; returns its id. Only before the table is shared.
  KeyId intern(std::string_view name);

  // The id of `name`, or kNoKey. Thread-safe once interning has stopped.
  KeyId find(std::string_view name) const { return name.size() > kMaxKeyLen ? kNoKey : find(name, hash(name)); }
  // The same, given hash(name) (a decoder keeps the hash of a key the table
  // does not hold, to compare such keys by hash first).
  KeyId find(std::string_view name, uint64_t h) const {
    if (name.size() > kMaxKeyLen) return kNoKey;
    for (uint32_t slot = static_cast<uint32_t>(h) & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.id == kNoKey) return kNoKey;
      if (s.hash == static_cast<uint32_t>(h >> 32) && names_[s.id] == name) return s.id;
    }
  }

  std::string_view name(KeyId id) const { return names_[id]; }
  // The key as a field-path step, spelled once, at intern: `.name`, or
  // `["odd/key"]` when it is not an identifier (append_path_key's forms).
  // Asked for every step of every violation's path.
  std::string_view path_step(KeyId id) const { return steps_[id]; }
  // Does the name print as `.name` in a field path (is_identifier)?
  bool is_identifier(KeyId id) const { return steps_[id].starts_with('.'); }
  size_t size() const { return names_.size(); }  // includes the unused id 0

  static constexpr size_t kMaxKeyLen = 253;  // longest Kubernetes annotation key

  static uint64_t hash(std::string_view s);

 private:
  void grow();

  struct Slot {
    uint32_t hash = 0;  // high half of the 64-bit hash
    KeyId id = kNoKey;
  };
  std::deque<std::string> storage_;       // stable addresses for names_ and steps_
  std::vector<std::string_view> names_;   // by id; [0] unused
  std::vector<std::string_view> steps_;   // by id: path_step(id)
  std::vector<Slot> slots_;
  uint32_t mask_ = 0;
};

}  // namespace writ
