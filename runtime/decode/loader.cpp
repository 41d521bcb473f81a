#include "runtime/decode/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ {

namespace fs = std::filesystem;

std::string LoadedDocument::error_text() const {
  std::string s = location.file;
  if (error_line) {
    s += ":" + std::to_string(error_line);
    if (error_column) s += ":" + std::to_string(error_column);
  } else if (location.jsonl) {
    s += "#" + std::to_string(location.index);
  }
  return s + ": " + error;
}

InputLoader::InputLoader(const KeyTable& keys, InputLimits limits)
    : keys_(keys), limits_(limits), json_(limits), yaml_(limits) {}

InputFormat InputLoader::format_for(const std::string& path) {
  auto ends = [&](const char* ext) {
    size_t n = std::char_traits<char>::length(ext);
    return path.size() >= n && path.compare(path.size() - n, n, ext) == 0;
  };
  if (ends(".yaml") || ends(".yml")) return InputFormat::kYaml;
  if (ends(".jsonl") || ends(".ndjson")) return InputFormat::kJsonLines;
  if (ends(".json")) return InputFormat::kJson;
  return InputFormat::kAuto;
}

std::vector<std::string> InputLoader::list_folder(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string p = it->path().string();
    if (format_for(p) != InputFormat::kAuto) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

void InputLoader::load(const std::string& path, const DocumentSink& sink) {
  auto fail = [&](std::string msg) {
    LoadedDocument d;
    d.location.file = path;
    d.error = std::move(msg);
    sink(std::move(d));
  };
  if (path == "-") {
    load_stream(std::cin, "-", InputFormat::kAuto, sink);
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files = list_folder(path);
    if (files.empty()) fail("no .yaml, .yml, .json or .jsonl files in this folder");
    for (const std::string& f : files) load(f, sink);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(fs::exists(path, ec) ? "cannot read file" : "no such file or folder");
    return;
  }
  load_stream(in, path, format_for(path), sink);
}

// Reads the first line; decides JSON Lines vs a whole document; then either
// streams lines or reads the rest.
void InputLoader::load_stream(std::istream& in, const std::string& name, InputFormat format, const DocumentSink& sink) {
  if (format == InputFormat::kJsonLines) {
    load_json_lines(in, {}, 0, name, sink);
    return;
  }
  std::string first;
  uint32_t lines = 0;
  // Skip leading blank lines while sniffing.
  while (std::getline(in, first)) {
    ++lines;
    if (first.find_first_not_of(" \t\r") != std::string::npos) break;
  }
  bool starts_json = false;
  size_t p = first.find_first_not_of(" \t\r");
  if (p != std::string::npos) starts_json = first[p] == '{';
  if ((format == InputFormat::kAuto || format == InputFormat::kJson) && starts_json && !in.eof()) {
    // One complete JSON object on the first line, more after it: JSON Lines.
    DecodeError err;
    Document probe(&keys_);
    if (json_.decode(first, probe, &err)) {
      std::streampos pos = in.tellg();
      std::string next;
      bool more = false;
      while (std::getline(in, next))
        if (next.find_first_not_of(" \t\r") != std::string::npos) { more = true; break; }
      in.clear();
      in.seekg(pos);
      if (more && in) {
        load_json_lines(in, first, lines, name, sink);
        return;
      }
    }
  }
  std::ostringstream rest;
  rest << in.rdbuf();
  std::string text(lines > 0 ? lines - 1 : 0, '\n');  // keep line numbers right
  text += first;
  if (!in.eof() || rest.tellp() > 0) text += '\n';
  text += rest.str();
  if (format == InputFormat::kAuto) format = starts_json ? InputFormat::kJson : InputFormat::kYaml;
  load_text(text, name, format, sink);
}

void InputLoader::load_text(std::string_view text, const std::string& name, InputFormat format, const DocumentSink& sink) {
  if (format == InputFormat::kJsonLines) {
    std::istringstream in{std::string(text)};
    load_json_lines(in, {}, 0, name, sink);
    return;
  }
  if (format == InputFormat::kJson || (format == InputFormat::kAuto && text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                                        text[text.find_first_not_of(" \t\r\n")] == '{'))
    load_json(text, name, sink);
  else
    load_yaml(text, name, sink);
}

void InputLoader::load_json_lines(std::istream& in, std::string first, uint32_t first_line, const std::string& name,
                                  const DocumentSink& sink) {
  std::string line = std::move(first);
  uint32_t n = first_line;
  bool have = first_line > 0;
  for (;;) {
    if (!have) {
      if (!std::getline(in, line)) break;
      ++n;
    }
    have = false;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    LoadedDocument d;
    d.location = SourceLocation{name, n, n, true};
    auto doc = std::make_shared<Document>(&keys_);
    DecodeError err;
    if (json_.decode(line, *doc, &err)) {
      d.doc = std::move(doc);
    } else {
      d.error = err.message;
      d.error_line = n;
      d.error_column = err.column;
    }
    sink(std::move(d));
  }
}

void InputLoader::load_json(std::string_view text, const std::string& name, const DocumentSink& sink) {
  LoadedDocument d;
  d.location = SourceLocation{name, 1, 1, false};
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos)
    d.location.line = 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(start), '\n'));
  auto doc = std::make_shared<Document>(&keys_);
  DecodeError err;
  if (json_.decode(text, *doc, &err)) {
    d.doc = std::move(doc);
  } else {
    d.error = err.message;
    d.error_line = err.line;
    d.error_column = err.column;
  }
  sink(std::move(d));
}

void InputLoader::load_yaml(std::string_view text, const std::string& name, const DocumentSink& sink) {
  uint32_t index = 0;
  for (const YamlChunk& chunk : split_yaml_stream(text)) {
    auto doc = std::make_shared<Document>(&keys_);
    YamlResult res;
    DecodeError err;
    LoadedDocument d;
    bool ok = yaml_.decode(chunk.text, *doc, &res, &err);
    if (ok && res.empty) continue;
    d.location = SourceLocation{name, chunk.first_line, ++index, false};
    if (ok) {
      d.location.line = chunk.first_line + res.content_line - 1;
      for (uint32_t l : res.item_lines) d.item_lines.push_back(chunk.first_line + l - 1);
      d.doc = std::move(doc);
    } else {
      d.error = err.message;
      d.error_line = err.line ? chunk.first_line + err.line - 1 : 0;
      d.error_column = err.column;
    }
    sink(std::move(d));
  }
}

static ResourceKind classify(const Value& v) {
  std::string_view api = string_of(field_of(v, keys::kApiVersion));
  std::string_view kind = string_of(field_of(v, keys::kKind));
  if (kind == "AdmissionReview" && api.rfind("admission.k8s.io/", 0) == 0) return ResourceKind::kAdmissionReview;
  if (kind == "Event" && api.rfind("audit.k8s.io/", 0) == 0) return ResourceKind::kAuditEvent;
  return ResourceKind::kObject;
}

std::vector<Resource> resources_of(const LoadedDocument& d) {
  std::vector<Resource> out;
  if (!d.ok() || d.doc->root() == nullptr) return out;
  Value root = d.doc->root_value();
  std::string_view kind = string_of(field_of(root, keys::kKind));
  Value items = field_of(root, keys::kItems);
  bool is_list = kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0 && items.type == Type::List &&
                 items.rep == Value::kTree;
  if (!is_list) {
    out.push_back(Resource{d.doc, d.doc->root(), classify(root), d.location});
    return out;
  }
  for (uint32_t j = 0; j < items.len; ++j) {
    const Node* item = items.node->children + j;
    SourceLocation loc = d.location;
    loc.line = j < d.item_lines.size() ? d.item_lines[j] : 0;
    loc.index = j + 1;
    if (loc.line == 0 && !loc.jsonl) loc.file += "#items[" + std::to_string(j) + "]";
    else if (loc.jsonl) loc.file += "#" + std::to_string(d.location.index) + ".items[" + std::to_string(j) + "]", loc.jsonl = false, loc.line = 0;
    out.push_back(Resource{d.doc, item, classify(Value::of(item)), loc});
  }
  return out;
}

}  // namespace writ
