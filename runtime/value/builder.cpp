#include "runtime/value/builder.hpp"

#include <algorithm>
#include <string>

#include "runtime/value/object_shape.hpp"

namespace writ {

DocumentBuilder::DocumentBuilder(Document& doc, const InputLimits& limits) : limits_(limits) { start(doc); }

DocumentBuilder::DocumentBuilder(const InputLimits& limits) : limits_(limits) {}

void DocumentBuilder::start(Document& doc) {
  doc_ = &doc;
  doc_->reset();
  pending_.clear();
  pending_keys_.clear();
  overflow_hashes_.clear();
  frames_.clear();
  next_key_ = kNoKey;
  have_key_ = false;
  nodes_ = 0;
  duplicate_index_ = 0;
}

Status DocumentBuilder::push_scalar(Node n) {
  if (++nodes_ > limits_.max_values)
    return error(StatusCode::kLimitExceeded, "document has more than " + std::to_string(limits_.max_values) + " values");
  if (!frames_.empty() && frames_.back().type == Type::Map) {
    if (!have_key_) return error(StatusCode::kInternal, "map value without a key");
    pending_keys_.push_back(next_key_);
    have_key_ = false;
  } else {
    pending_keys_.push_back(kNoKey);
  }
  if (frames_.empty() && !pending_.empty())
    return error(StatusCode::kInternal, "more than one top-level value");
  pending_.push_back(n);
  return Status::ok();
}

static Node make_node(Type t) {
  Node n{};
  n.type = t;
  return n;
}

Status DocumentBuilder::open(Type t) {
  if (frames_.size() >= limits_.max_depth)
    return error(StatusCode::kLimitExceeded, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  WRIT_TRY(push_scalar(make_node(t)));
  frames_.push_back(Frame{pending_.size(), t});
  return Status::ok();
}

Status DocumentBuilder::begin_map() { return open(Type::Map); }
Status DocumentBuilder::begin_list() { return open(Type::List); }

Status DocumentBuilder::key(std::string_view name) {
  if (frames_.empty() || frames_.back().type != Type::Map) return error(StatusCode::kInternal, "key outside a map");
  if (name.size() > limits_.max_string_bytes)
    return error(StatusCode::kLimitExceeded, "key longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
  uint64_t h = KeyTable::hash(name);
  KeyId id = doc_->keys_->find(name, h);
  if (id == kNoKey) {
    id = kOverflowKey | static_cast<KeyId>(doc_->overflow_keys_.size());
    doc_->overflow_keys_.push_back(doc_->arena_.copy(name));
    overflow_hashes_.push_back(static_cast<uint32_t>(h));
  }
  next_key_ = id;
  have_key_ = true;
  return Status::ok();
}

Status DocumentBuilder::null_value() { return push_scalar(make_node(Type::Null)); }

Status DocumentBuilder::bool_value(bool v) {
  Node n = make_node(Type::Bool);
  n.b = v;
  return push_scalar(n);
}

Status DocumentBuilder::int_value(int64_t v) {
  Node n = make_node(Type::Int);
  n.i = v;
  return push_scalar(n);
}

Status DocumentBuilder::float_value(double v) {
  Node n = make_node(Type::Float);
  n.f = v;
  return push_scalar(n);
}

Status DocumentBuilder::string_value(std::string_view v) {
  if (v.size() > limits_.max_string_bytes)
    return error(StatusCode::kLimitExceeded, "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
  Node n = make_node(Type::String);
  n.len = static_cast<uint32_t>(v.size());
  n.s = doc_->arena_.copy(v).data();
  return push_scalar(n);
}

Status DocumentBuilder::check_duplicate_keys(size_t start, size_t n) {
  const KeyId* k = pending_keys_.data() + start;
  auto name = [&](size_t j) { return doc_->key_name(k[j]); };
  // Most keys of an input are overflow keys (names no policy reads): they
  // are told apart by their hash first, the names compared only when the
  // hashes are equal (-1.2% of decoding a pod, whose maps hold ~130 such keys).
  auto same_overflow = [&](KeyId a, KeyId b) {
    return (a & b & kOverflowKey) && overflow_hashes_[a & ~kOverflowKey] == overflow_hashes_[b & ~kOverflowKey] &&
           doc_->key_name(a) == doc_->key_name(b);
  };
  auto dup = [&](size_t a) {
    duplicate_index_ = a;
    return error(StatusCode::kInputError, "duplicate key \"" + std::string(name(a)) + "\"");
  };
  if (n <= 16) {
    for (size_t a = 1; a < n; ++a)
      for (size_t b = 0; b < a; ++b)
        if (k[a] == k[b] || same_overflow(k[a], k[b])) return dup(a);
    return Status::ok();
  }
  // Entries by name, then position: the first repeat in input order is the
  // smallest index that follows an equal name.
  std::vector<uint32_t> order(n);
  for (uint32_t j = 0; j < n; ++j) order[j] = j;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    std::string_view na = name(a), nb = name(b);
    return na != nb ? na < nb : a < b;
  });
  size_t first = n;
  for (size_t j = 1; j < n; ++j)
    if (name(order[j]) == name(order[j - 1])) first = std::min<size_t>(first, order[j]);
  return first < n ? dup(first) : Status::ok();
}

// Moves the children of every node in [first, first+n) that is a container
// under their final parent address.
static void adopt_grandchildren(Node* placed, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    Node& c = placed[j];
    if (c.type != Type::List && c.type != Type::Map) continue;
    Node* gc = const_cast<Node*>(c.children);
    for (uint32_t g = 0; g < c.len; ++g) gc[g].parent = &c;
  }
}

Status DocumentBuilder::end() {
  if (frames_.empty()) return error(StatusCode::kInternal, "end() without an open container");
  if (have_key_) return error(StatusCode::kInternal, "map key without a value");
  Frame f = frames_.back();
  frames_.pop_back();
  size_t n = pending_.size() - f.start;
  if (f.type == Type::Map) WRIT_TRY(check_duplicate_keys(f.start, n));
  // One block: n nodes, then (maps) n key ids padded with kNoKey to a
  // whole group (Node::field reads them a group at a time).
  size_t key_slots = f.type == Type::Map ? (n + Node::kKeyGroup - 1) / Node::kKeyGroup * Node::kKeyGroup : 0;
  size_t bytes = n * sizeof(Node) + key_slots * sizeof(KeyId);
  Node* placed = static_cast<Node*>(doc_->arena_.allocate(bytes ? bytes : sizeof(Node), alignof(Node)));
  if (n) std::copy(pending_.begin() + f.start, pending_.end(), placed);
  if (key_slots != 0) {
    auto* keys = reinterpret_cast<KeyId*>(placed + n);
    std::copy(pending_keys_.begin() + f.start, pending_keys_.end(), keys);
    std::fill(keys + n, keys + key_slots, kNoKey);
  }
  adopt_grandchildren(placed, n);
  pending_.resize(f.start);
  pending_keys_.resize(f.start);
  Node& self = pending_.back();
  self.len = static_cast<uint32_t>(n);
  self.children = placed;
  return Status::ok();
}

Status DocumentBuilder::finish() {
  if (!frames_.empty()) return error(StatusCode::kInternal, "unterminated container");
  if (pending_.size() != 1) return error(StatusCode::kInternal, "document has no value");
  Node* pair = static_cast<Node*>(doc_->arena_.allocate(2 * sizeof(Node), alignof(Node)));
  pair[0] = make_node(Type::Null);
  pair[0].flags = Node::kHeaderFlag;
  pair[0].doc = doc_;
  pair[1] = pending_[0];
  pair[1].parent = nullptr;
  adopt_grandchildren(pair + 1, 1);
  doc_->root_ = pair + 1;
  doc_->root_value_ = Value::of(doc_->root_);
  // Objects are checked here, once, rather than by each evaluation. A
  // document that fails is left unmarked: evaluating it reports why.
  doc_->root_shape_checked_ = doc_->root_->type == Type::Map && object_shape_problem(Value::of(doc_->root_)).empty();
  pending_.clear();
  pending_keys_.clear();
  return Status::ok();
}

}  // namespace writ
