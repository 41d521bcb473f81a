// Document: one decoded input (a Kubernetes object, an AdmissionReview, an
// audit Event...) as an immutable tree of Nodes in its own arena.
//
// A Document is decoded against the KeyTable of the policy set that will
// evaluate it (see key_table.hpp); `key_table()` says which. It can be
// evaluated by any number of threads at once. reset() empties it for reuse:
// a stream of inputs decoded into one Document reaches a steady state with
// no heap allocation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/node.hpp"
#include "runtime/value/value.hpp"

namespace writ {

// Where a document came from, for reports: "dir/pods.yaml:12", "log.jsonl#3".
struct SourceLocation {
  std::string file;   // as given on the command line; "-" for stdin
  uint32_t line = 0;  // 1-based line of the document start, 0 if unknown
  uint32_t index = 0; // 1-based document number within the file
  bool jsonl = false; // render as file#index rather than file:line

  std::string to_string() const;
};

class Document {
 public:
  explicit Document(const KeyTable* keys) : keys_(keys) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const KeyTable* key_table() const { return keys_; }
  const Node* root() const { return root_; }
  // The root passed the object shape check (object_shape.hpp) when the
  // document was built, while its tree was hot in the cache: evaluations
  // of the root need not check it again. False for other roots.
  bool root_shape_checked() const { return root_shape_checked_; }
  // Kept beside root_, not read from the root node: a host holding many
  // documents (a benchmark, an audit's batch) asks for the root before
  // evaluating, and on a cold tree reading the node would be a cache miss
  // served alone, before Document::warm could ask for the tree's lines
  // together (eval-only -8 to -13% in A/B runs, with EvalInput::document).
  Value root_value() const { return root_value_; }

  // The name of an interned or overflow key of this document.
  std::string_view key_name(KeyId id) const {
    return (id & kOverflowKey) ? overflow_keys_[id & ~kOverflowKey] : keys_->name(id);
  }

  SourceLocation location;

  // Bytes of tree (nodes, keys, strings) held: the memory benchmark's figure.
  size_t tree_bytes() const { return arena_.bytes_used(); }
  // Bytes of memory held for the tree (what `reserve` sizes).
  size_t memory_bytes() const { return arena_.bytes_reserved(); }

  // Brings the tree into the cache before an evaluation walks it. Rules
  // follow parent-to-child links, so on a cold tree each cache miss is
  // known only once the previous one is served, and the misses come one at
  // a time; a sweep over the arena issues independent reads that the CPU
  // (and its stream prefetcher) serve many at a time. Newest bytes first:
  // the builder allocates the root and the top-level maps last. Capped: in
  // a large document most bytes are data no rule reads. A tree already in
  // cache costs ~120 loads for a 3.7 KB pod.
  static constexpr size_t kWarmBytes = 32 * 1024;
  // (The overflow keys' names, outside the arena, are not swept: ~175
  // views per generated pod, 44 lines, ~170 instructions, for no change
  // in an A/B run.)
  size_t warm() const { return arena_.touch_recent(kWarmBytes); }

  // Sizes a fresh document's memory for its tree (`tree_bytes` expected)
  // rather than the arena's 16 KB default chunk: a run that holds many
  // small documents (writ audit) then holds no half-empty chunks. Decoders
  // call it with an estimate from the text's size; a reused document
  // already has its memory and ignores it.
  void reserve(size_t tree_bytes) { arena_.reserve(tree_bytes); }

  void reset() {
    arena_.reset();
    overflow_keys_.clear();
    root_ = nullptr;
    root_value_ = Value::null();
    root_shape_checked_ = false;
  }

 private:
  friend class DocumentBuilder;
  const KeyTable* keys_;
  Arena arena_;
  std::vector<std::string_view> overflow_keys_;
  const Node* root_ = nullptr;
  Value root_value_;  // Value::of(root_), or null
  bool root_shape_checked_ = false;
};

// The name of entry j of a map value, whatever its representation.
std::string_view map_key_at(const Value& map, uint32_t j);

// The same as a string value, carrying its key id when it is an input
// map's. `keys` is the table every input an evaluation reads was decoded
// against (above): an interned key's name comes from it, without walking
// up to the document (~40 instructions per key of a loop over a map's
// entries); only an overflow key's name lives in the document. A computed
// map's entry ids are not sure to come from that table: none is carried.
inline Value map_key_value_at(const Value& map, uint32_t j, const KeyTable& keys) {
  if (map.rep == Value::kComputed) return Value::string(map.entries[j].key_str());
  KeyId id = map.node->keys()[j];
  if (id & kOverflowKey) return Value::string(map.node->document()->key_name(id));
  return Value::key_string(keys.name(id), id);
}

}  // namespace writ
