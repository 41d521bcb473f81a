// Node: one value of a decoded input document, immutable, in an arena.
//
// A document is a tree of 24-byte Nodes. The children of a list or a map
// are contiguous, so a child's position is `child - parent->children`; the
// interned key ids of a map follow its children array. Every node knows its
// parent: the field path of an offending value (spec.containers[1].image) is
// rebuilt only when a violation is reported, never tracked while evaluating.
//
// Lifetime: nodes live in their Document's arena and die with it.
#pragma once

#include <cstdint>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "runtime/value/types.hpp"

namespace writ {

class Document;

struct Node {
  Type type;
  uint8_t flags;         // kHeaderFlag on the hidden node before a root
  uint16_t reserved;
  uint32_t len;          // string bytes, list items or map entries
  const Node* parent;    // nullptr for a document root
  union {
    bool b;
    int64_t i;
    double f;
    const char* s;
    const Node* children;
    const Document* doc;  // header node only
  };

  static constexpr uint8_t kHeaderFlag = 1;

  std::string_view str() const { return {s, len}; }
  const KeyId* keys() const { return reinterpret_cast<const KeyId*>(children + len); }
  uint32_t index_in_parent() const { return static_cast<uint32_t>(this - parent->children); }

  // Field lookup by interned id: the hot path of every `a.b` in a policy.
  // Four ids per step: the builder pads a map's ids to a multiple of
  // kKeyGroup with kNoKey, which no lookup matches (a hit there is past
  // len). One compare and one rarely mispredicted branch per four keys,
  // where a key-by-key scan exits at a different point in every map.
  static constexpr uint32_t kKeyGroup = 4;
  [[gnu::always_inline]] const Node* field(KeyId id) const {
    const KeyId* k = keys();
#if defined(__SSE2__)
    const __m128i want = _mm_set1_epi32(static_cast<int>(id));
    for (uint32_t j = 0; j < len; j += kKeyGroup) {
      __m128i got = _mm_loadu_si128(reinterpret_cast<const __m128i*>(k + j));
      auto hits = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(got, want))));
      if (hits != 0) {
        uint32_t at = j + static_cast<uint32_t>(__builtin_ctz(hits));
        // A map with entries has its children: said so, callers' `if (v)`
        // on the result folds into the `at < len` test.
        if (children == nullptr) __builtin_unreachable();
        return at < len ? children + at : nullptr;
      }
    }
#else
    for (uint32_t j = 0; j < len; ++j)
      if (k[j] == id) return children + j;
#endif
    return nullptr;
  }

  // The document this node belongs to (walks up to the root).
  const Document* document() const {
    const Node* n = this;
    while (n->parent != nullptr) n = n->parent;
    return (n - 1)->doc;
  }
};
static_assert(sizeof(Node) == 24, "Node layout is part of the memory budget");

}  // namespace writ
