#include "support/pods.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/decode/json_decoder.hpp"

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

}  // namespace writ::bench
