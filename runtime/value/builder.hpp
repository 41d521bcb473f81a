// DocumentBuilder: builds a Document from a stream of events.
//
// Decoders (JSON, YAML) and hosts that build inputs by hand use it. Events:
// begin_map/begin_list ... end, key() before each map entry, scalar values.
// The builder lays children out contiguously, sets parent links, interns
// keys through the document's KeyTable, rejects duplicate keys, and enforces
// InputLimits (depth, node count, string size).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/support/status.hpp"
#include "runtime/value/document.hpp"
#include "writ/limits.hpp"

namespace writ {

class DocumentBuilder {
 public:
  DocumentBuilder(Document& doc, const InputLimits& limits);
  // A builder kept from document to document (a decoder's): start() each
  // one. Its buffers keep their capacity, so decoding allocates only in the
  // documents' arenas.
  explicit DocumentBuilder(const InputLimits& limits);
  void start(Document& doc);

  Status begin_map();
  Status begin_list();
  Status key(std::string_view name);
  Status null_value();
  Status bool_value(bool v);
  Status int_value(int64_t v);
  Status float_value(double v);
  Status string_value(std::string_view v);
  Status end();
  // Completes the document; exactly one top-level value must have been built.
  Status finish();

  uint32_t depth() const { return static_cast<uint32_t>(frames_.size()); }
  // After end() refused a map for a duplicate key: the entry (0-based, in
  // input order) that repeats an earlier key, for decoders to locate.
  size_t duplicate_key_index() const { return duplicate_index_; }

 private:
  Status push_scalar(Node n);
  Status open(Type t);
  Status check_duplicate_keys(size_t start, size_t n);

  struct Frame {
    size_t start;  // first child in pending_
    Type type;
  };
  Document* doc_ = nullptr;
  const InputLimits limits_;  // a copy: callers pass temporaries
  std::vector<Node> pending_;     // children of every open container
  std::vector<KeyId> pending_keys_;
  std::vector<uint32_t> overflow_hashes_;  // by overflow key index: KeyTable::hash, low half
  std::vector<Frame> frames_;
  KeyId next_key_ = kNoKey;
  bool have_key_ = false;
  uint32_t nodes_ = 0;
  size_t duplicate_index_ = 0;
};

}  // namespace writ
