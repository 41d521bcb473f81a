// InputLoader: files, folders and stdin → decoded documents, in order.
//
// Formats: YAML streams (`---`-separated), JSON, JSON Lines. The format is
// taken from the extension (.yaml .yml .json .jsonl .ndjson) or sniffed
// (stdin). JSON Lines are streamed line by line, so a file of any size runs
// in bounded memory. A malformed document becomes a LoadedDocument carrying
// the error with its file, line and column; the documents around it are
// still delivered.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/document.hpp"

namespace writ {

enum class InputFormat { kAuto, kYaml, kJson, kJsonLines };

struct LoadedDocument {
  std::shared_ptr<Document> doc;     // null when the document could not be decoded
  SourceLocation location;
  std::vector<uint32_t> item_lines;  // absolute lines of root.items[*] (YAML lists)
  std::string error;                 // set when doc is null
  uint32_t error_line = 0;           // absolute, 1-based; 0 if unknown
  uint32_t error_column = 0;

  bool ok() const { return doc != nullptr; }
  // "file:line:col: message"
  std::string error_text() const;
};

using DocumentSink = std::function<void(LoadedDocument&&)>;

class InputLoader {
 public:
  InputLoader(const KeyTable& keys, InputLimits limits = {});

  // A file, a folder (recursive, sorted, hidden entries skipped) or "-".
  void load(const std::string& path, const DocumentSink& sink);
  void load_text(std::string_view text, const std::string& name, InputFormat format, const DocumentSink& sink);

  // Files of a folder that load() reads, sorted.
  static std::vector<std::string> list_folder(const std::string& dir);
  static InputFormat format_for(const std::string& path);

 private:
  void load_stream(std::istream& in, const std::string& name, InputFormat format, const DocumentSink& sink);
  void load_json_lines(std::istream& in, std::string first, uint32_t first_line, const std::string& name,
                       const DocumentSink& sink);
  void load_yaml(std::string_view text, const std::string& name, const DocumentSink& sink);
  void load_json(std::string_view text, const std::string& name, const DocumentSink& sink);

  const KeyTable& keys_;
  InputLimits limits_;
  JsonDecoder json_;
  YamlDecoder yaml_;
};

// What a document holds, for evaluation.
enum class ResourceKind { kObject, kAdmissionReview, kAuditEvent };

struct Resource {
  std::shared_ptr<const Document> doc;
  const Node* node = nullptr;  // the object, the AdmissionReview or the Event
  ResourceKind kind = ResourceKind::kObject;
  SourceLocation location;
};

// The resources of a document: the document itself, or the items of a
// `kind: List` (and typed lists such as PodList or audit EventList).
std::vector<Resource> resources_of(const LoadedDocument& doc);

}  // namespace writ
