#include "runtime/decode/json_decoder.hpp"

#include <simdjson.h>

#include <cmath>

#include "runtime/value/builder.hpp"

namespace writ {

struct JsonDecoder::Impl {
  explicit Impl(const InputLimits& limits) : builder(limits) {}
  simdjson::dom::parser parser;
  DocumentBuilder builder;  // reused: no allocation per document
};

JsonDecoder::JsonDecoder(InputLimits limits) : impl_(std::make_unique<Impl>(limits)), limits_(limits) {}
JsonDecoder::~JsonDecoder() = default;

namespace {

Status build(DocumentBuilder& b, simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT: {
      WRIT_TRY(b.begin_map());
      for (auto field : simdjson::dom::object(e)) {
        WRIT_TRY(b.key(field.key));
        WRIT_TRY(build(b, field.value));
      }
      return b.end();
    }
    case element_type::ARRAY: {
      WRIT_TRY(b.begin_list());
      for (auto item : simdjson::dom::array(e)) WRIT_TRY(build(b, item));
      return b.end();
    }
    case element_type::STRING: return b.string_value(std::string_view(e));
    case element_type::INT64: return b.int_value(int64_t(e));
    case element_type::UINT64:  // beyond int64: refused, as YAML's (the locator says where)
      return error(StatusCode::kInputError, "number out of range: " + std::to_string(uint64_t(e)) +
                                                " (integers are 64-bit; floats must be finite)");
    case element_type::DOUBLE: return b.float_value(double(e));
    case element_type::BOOL: return b.bool_value(bool(e));
    case element_type::NULL_VALUE: return b.null_value();
  }
  return error(StatusCode::kInternal, "unknown JSON element");
}

}  // namespace

bool JsonDecoder::decode(std::string_view text, Document& doc, DecodeError* err) {
  if (text.size() > limits_.max_document_bytes) {
    err->message = "document is larger than " + std::to_string(limits_.max_document_bytes) + " bytes";
    err->line = 1;
    err->column = 1;
    doc.reset();
    return false;
  }
  if (impl_->parser.max_depth() != limits_.max_depth + 1) {
    // simdjson counts the document itself as one level.
    if (impl_->parser.allocate(std::max<size_t>(text.size(), 4096), limits_.max_depth + 1) != simdjson::SUCCESS) {
      err->message = "out of memory";
      return false;
    }
  }
  simdjson::dom::element root;
  auto code = impl_->parser.parse(text.data(), text.size(), true).get(root);
  if (code != simdjson::SUCCESS) {
    doc.reset();
    if (code == simdjson::DEPTH_ERROR) {
      err->message = "nesting deeper than " + std::to_string(limits_.max_depth) + " levels";
      err->line = 1;
      err->column = 1;
      return false;
    }
    if (!locate_json_error(text, err)) {
      err->message = std::string("invalid JSON: ") + simdjson::error_message(code);
      err->line = 1;
      err->column = 1;
    }
    return false;
  }
  DocumentBuilder& b = impl_->builder;
  b.start(doc);
  doc.reserve(text.size() * 5 / 2 + 512);  // trees are ~2.1 bytes per JSON byte (pods: 1.9-2.25)
  Status st = build(b, root);
  if (st.is_ok()) st = b.finish();
  if (!st.is_ok()) {
    doc.reset();
    // Duplicate keys and numbers out of range have a position; limits do not.
    if (st.code() == StatusCode::kInputError && locate_json_error(text, err)) return false;
    err->message = st.message();
    err->line = 1;
    err->column = 1;
    return false;
  }
  return true;
}

}  // namespace writ
