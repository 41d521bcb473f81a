// `:input FILE` and `:input FILE#N`: the resource the REPL evaluates
// against. The file is read once (later edits need another `:input`); the
// chosen resource is kept and decoded again for each compiled program,
// because a document is decoded against its program's KeyTable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"

namespace writ::cli::repl {

struct DecodedInput {
  std::shared_ptr<const Document> doc;  // keeps the values of `input` alive
  Resource resource;
  EvalInput input;
};

class BoundInput {
 public:
  // Reads FILE or FILE#N (N counts resources from 1: documents, and the
  // items of a `kind: List`). False with *error if it cannot.
  bool open(const std::string& arg, std::string* error);
  bool bound() const { return !path_.empty(); }

  bool decode(const KeyTable& keys, DecodedInput* out, std::string* error) const;

  // "object: Deployment default/web (web.yaml:4)", and a hint when the file
  // holds more than one resource.
  std::string describe() const;
  // The top-level names the input binds: object, request, event...
  std::vector<std::string> names() const;

 private:
  std::string path_;
  std::string json_;          // the chosen resource
  SourceLocation location_;   // where it is in the file
  ResourceKind kind_ = ResourceKind::kObject;
  std::string description_;
};

}  // namespace writ::cli::repl
