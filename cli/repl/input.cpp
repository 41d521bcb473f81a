#include "cli/repl/input.hpp"

#include <fstream>
#include <sstream>

#include "cli/report.hpp"
#include "cli/session.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"

namespace writ::cli::repl {

namespace {

struct Scan {
  std::vector<Resource> resources;
  std::string first_error;
};

Scan scan(const KeyTable& keys, const std::string& text, const std::string& path, InputFormat format) {
  Scan s;
  InputLoader loader(keys);
  loader.load_text(text, path, format, [&](LoadedDocument&& d) {
    if (!d.ok()) {
      if (s.first_error.empty()) s.first_error = d.error_text();
      return;
    }
    for (Resource& r : resources_of(d)) s.resources.push_back(std::move(r));
  });
  return s;
}

}  // namespace

bool BoundInput::open(const std::string& arg, std::string* error) {
  std::string path = arg;
  size_t index = 1;
  bool picked = false;
  // FILE#N, unless FILE#N is itself the name of a file.
  size_t hash = arg.rfind('#');
  if (hash != std::string::npos && hash + 1 < arg.size() && !std::ifstream(arg)) {
    std::string n = arg.substr(hash + 1);
    if (n.find_first_not_of("0123456789") != std::string::npos || n.size() > 9 || std::stoul(n) == 0) {
      *error = "in " + arg + ", #N must be a resource number from 1";
      return false;
    }
    path = arg.substr(0, hash);
    index = std::stoul(n);
    picked = true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  KeyTable keys;
  Scan s = scan(keys, text, path, InputLoader::format_for(path));
  if (s.resources.empty()) {
    *error = s.first_error.empty() ? path + " holds no resource" : s.first_error;
    return false;
  }
  if (index > s.resources.size()) {
    *error = path + " holds " + std::to_string(s.resources.size()) + " resource" + (s.resources.size() == 1 ? "" : "s") +
             ", not " + std::to_string(index);
    return false;
  }
  const Resource& r = s.resources[index - 1];
  path_ = path;
  // Only the chosen resource is kept, as JSON: decoding it again for each
  // program costs what it is, not what the whole file is.
  json_ = to_json(Value::of(r.node));
  location_ = r.location;
  kind_ = r.kind;
  EvalInput bound = input_of(r);
  ResourceId id;
  identify(r, bound, &id);
  std::string who = id.kind;
  std::string name = id.namespace_.empty() ? id.name : id.namespace_ + "/" + id.name;
  if (!name.empty()) who += (who.empty() ? "" : " ") + name;
  if (r.kind == ResourceKind::kAdmissionReview) {
    Value op;
    if (bound.request.type == Type::Map && map_get_str(bound.request, "operation", &op) && op.type == Type::String)
      who = std::string(op.str()) + " " + who;
  }
  std::string names;
  for (const std::string& n : this->names()) names += (names.empty() ? "" : ", ") + n;
  description_ = names + ": " + (who.empty() ? "a document" : who) + " (" + r.location.to_string() + ")";
  if (s.resources.size() > 1 && !picked)
    description_ += "\n" + path + " holds " + std::to_string(s.resources.size()) +
                    " resources: this is #1; pick another with :input " + path + "#N";
  if (!s.first_error.empty())
    description_ += "\nnote: a document could not be read and is not counted: " + s.first_error;
  return true;
}

bool BoundInput::decode(const KeyTable& keys, DecodedInput* out, std::string* error) const {
  Scan s = scan(keys, json_, path_, InputFormat::kJson);
  if (s.resources.size() != 1) {  // it was read once: only a decoder change could do this
    *error = "cannot decode " + location_.to_string() + " again";
    return false;
  }
  out->resource = s.resources[0];
  out->resource.location = location_;
  out->doc = out->resource.doc;
  out->input = input_of(out->resource);
  return true;
}

std::string BoundInput::describe() const { return description_; }

std::vector<std::string> BoundInput::names() const {
  if (!bound()) return {};
  switch (kind_) {
    case ResourceKind::kObject: return {"object"};
    case ResourceKind::kAdmissionReview: return {"request", "object", "oldObject"};
    case ResourceKind::kAuditEvent: return {"event"};
  }
  return {};
}

}  // namespace writ::cli::repl
