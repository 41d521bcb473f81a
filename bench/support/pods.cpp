#include "support/pods.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/decode/json_decoder.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace writ::bench {

size_t JsonLines::bytes() const {
  size_t n = 0;
  for (std::string_view l : lines) n += l.size();
  return n;
}

JsonLines read_json_lines(const std::string& path, size_t limit) {
  JsonLines out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  out.text = std::move(ss).str();
  std::string_view rest = out.text;
  while (!rest.empty() && (limit == 0 || out.lines.size() < limit)) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty()) out.lines.push_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (out.lines.empty()) {
    std::fprintf(stderr, "bench: %s has no objects\n", path.c_str());
    std::exit(2);
  }
  return out;
}

DecodedSet decode_all(const JsonLines& in, const KeyTable& keys) {
  DecodedSet set;
  JsonDecoder decoder;
  for (size_t i = 0; i < in.lines.size(); ++i) {
    auto doc = std::make_unique<Document>(&keys);
    DecodeError err;
    if (!decoder.decode(in.lines[i], *doc, &err)) {
      std::fprintf(stderr, "bench: line %zu: %s\n", i + 1, err.message.c_str());
      std::exit(2);
    }
    set.json_bytes += in.lines[i].size();
    set.tree_bytes += doc->tree_bytes();
    set.docs.push_back(std::move(doc));
  }
  return set;
}

static void flush_range(const void* begin, size_t bytes) {
#if defined(__SSE2__)
  constexpr uintptr_t kLine = 64;
  auto p = reinterpret_cast<uintptr_t>(begin) & ~(kLine - 1);
  auto end = reinterpret_cast<uintptr_t>(begin) + bytes;
  for (; p < end; p += kLine) _mm_clflush(reinterpret_cast<const void*>(p));
#else
  static_cast<void>(begin);
  static_cast<void>(bytes);
#endif
}

// A container's children and key ids are arrays of their own; a string's
// bytes too. The nodes themselves are flushed with their parent's array.
static void flush_tree(const Node* n) {
  if (n->type == Type::String) {
    flush_range(n->s, n->len);
  } else if (n->type == Type::List || n->type == Type::Map) {
    flush_range(n->children, sizeof(Node) * n->len);
    uint32_t padded = (n->len + Node::kKeyGroup - 1) / Node::kKeyGroup * Node::kKeyGroup;  // the ids a scan reads
    if (n->type == Type::Map) flush_range(n->keys(), sizeof(KeyId) * padded);
    for (uint32_t i = 0; i < n->len; ++i) flush_tree(n->children + i);
  }
}

void evict_from_caches(const std::vector<std::unique_ptr<Document>>& docs) {
  for (const auto& d : docs) {
    flush_range(d.get(), sizeof(Document));
    if (d->root() == nullptr) continue;
    flush_range(d->root() - 1, 2 * sizeof(Node));  // the hidden header node and the root
    flush_tree(d->root());
  }
#if defined(__SSE2__)
  _mm_mfence();
#endif
}

}  // namespace writ::bench
