#include "runtime/decode/yaml_decoder.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cstdio>
#include <cmath>
#include <map>
#include <sstream>

#include "runtime/support/utf8.hpp"
#include "runtime/decode/yaml_scalars.hpp"
#include "runtime/value/builder.hpp"

namespace writ {

std::vector<YamlChunk> split_yaml_stream(std::string_view s) {
  std::vector<YamlChunk> out;
  size_t start = 0;
  uint32_t start_line = 1, line = 1;
  auto marker = [&](size_t pos, char c) {
    return s.compare(pos, 3, std::string(3, c)) == 0 &&
           (pos + 3 == s.size() || s[pos + 3] == ' ' || s[pos + 3] == '\t' || s[pos + 3] == '\n' || s[pos + 3] == '\r');
  };
  for (size_t pos = 0; pos < s.size();) {
    size_t eol = s.find('\n', pos);
    size_t next = eol == std::string_view::npos ? s.size() : eol + 1;
    if (marker(pos, '-') && pos > start) {
      out.push_back({s.substr(start, pos - start), start_line});
      start = pos;
      start_line = line;
    } else if (marker(pos, '.')) {
      out.push_back({s.substr(start, next - start), start_line});
      start = next;
      start_line = line + 1;
    }
    pos = next;
    ++line;
  }
  if (start < s.size()) out.push_back({s.substr(start), start_line});
  return out;
}

namespace {

using yaml_scalars::Scalar;
using yaml_scalars::Number;
using yaml_scalars::parse_float;
using yaml_scalars::parse_int;
using yaml_scalars::resolve_plain;

struct Event {
  enum Kind : uint8_t { kMapStart, kMapEnd, kSeqStart, kSeqEnd, kScalar, kNull } kind;
  std::string tag;
  std::string value;
  uint32_t line;
};

class Handler : public YAML::EventHandler {
 public:
  Handler(Document& doc, const InputLimits& limits, YamlResult* result)
      : builder_(doc, limits), limits_(limits), result_(result) {}

  Status status() const { return status_; }
  bool saw_value() const { return saw_value_; }
  Status finish() { return status_.is_ok() && saw_value_ ? builder_.finish() : status_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
    handle(Event{Event::kNull, {}, {}, line(m)}, anchor);
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
    if (!status_.is_ok()) return;
    if (++aliases_ > limits_.max_yaml_aliases) {
      fail(m, "more than " + std::to_string(limits_.max_yaml_aliases) + " YAML aliases");
      return;
    }
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) { fail(m, "alias to an unknown anchor"); return; }
    const std::vector<Event> replay = it->second;  // copy: recording may append to the same anchor
    for (const Event& e : replay) {
      if (++expanded_ > limits_.max_yaml_alias_values) {
        fail(m, "YAML aliases expand to more than " + std::to_string(limits_.max_yaml_alias_values) + " values (alias bomb?)");
        return;
      }
      handle(e, 0);
      if (!status_.is_ok()) return;
    }
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    handle(Event{Event::kScalar, tag, value, line(m)}, anchor);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    handle(Event{Event::kSeqStart, tag, {}, line(m)}, anchor);
  }
  void OnSequenceEnd() override { handle(Event{Event::kSeqEnd, {}, {}, 0}, 0); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    handle(Event{Event::kMapStart, tag, {}, line(m)}, anchor);
  }
  void OnMapEnd() override { handle(Event{Event::kMapEnd, {}, {}, 0}, 0); }

  uint32_t error_line = 0, error_column = 0;

 private:

  static uint32_t line(const YAML::Mark& m) { return static_cast<uint32_t>(m.line + 1); }
  void fail(const YAML::Mark& m, std::string msg) {
    if (!status_.is_ok()) return;
    status_ = error(StatusCode::kLimitExceeded, std::move(msg));
    error_line = line(m);
    error_column = static_cast<uint32_t>(m.column + 1);
  }
  void fail_at(uint32_t l, Status st) {
    if (!status_.is_ok()) return;
    status_ = std::move(st);
    error_line = l;
    error_column = 1;
  }

  // Records the event into every anchor being recorded, then builds it.
  void handle(const Event& e, YAML::anchor_t anchor) {
    if (!status_.is_ok()) return;
    bool opens = e.kind == Event::kMapStart || e.kind == Event::kSeqStart;
    bool closes = e.kind == Event::kMapEnd || e.kind == Event::kSeqEnd;
    for (auto& rec : recording_) anchors_[rec.anchor].push_back(e);
    if (anchor != 0) {
      anchors_[anchor] = {e};
      if (opens) recording_.push_back({anchor, depth_});
    }
    if (opens) ++depth_;
    build(e);
    if (closes) {
      --depth_;
      while (!recording_.empty() && recording_.back().depth == depth_) recording_.pop_back();
    }
  }

  void build(const Event& e) {
    saw_value_ = true;
    bool in_map = !frames_.empty() && frames_.back().is_map;
    bool is_key = in_map && frames_.back().expect_key;
    if (is_key) {
      if (e.kind == Event::kMapEnd) {
        size_t keys_start = frames_.back().key_lines_start;
        frames_.pop_back();
        Status st = builder_.end();
        uint32_t l = e.line;
        if (!st.is_ok() && st.code() == StatusCode::kInputError && keys_start + builder_.duplicate_key_index() < key_lines_.size())
          l = key_lines_[keys_start + builder_.duplicate_key_index()];  // the repeated key's line
        key_lines_.resize(keys_start);
        finish_value(st, l);
        return;
      }
      if (e.kind != Event::kScalar && e.kind != Event::kNull) {
        fail_at(e.line, error(StatusCode::kInputError, "map keys must be strings, not lists or maps"));
        return;
      }
      frames_.back().expect_key = false;
      key_lines_.push_back(e.line);
      if (frames_.size() == 1) last_key_ = e.value;
      Status st = builder_.key(e.value);
      if (!st.is_ok()) fail_at(e.line, st);
      return;
    }
    // Lines of root.items[*], for `kind: List` reports.
    if (frames_.size() == 2 && frames_[1].is_items && (e.kind != Event::kSeqEnd)) result_->item_lines.push_back(e.line);
    if (frames_.empty() && result_->content_line == 0) result_->content_line = e.line;
    switch (e.kind) {
      case Event::kMapStart:
        frames_.push_back({true, true, false, key_lines_.size()});
        finish_open(builder_.begin_map(), e.line);
        return;
      case Event::kSeqStart: {
        bool items = frames_.size() == 1 && last_key_ == "items";
        frames_.push_back({false, false, items, key_lines_.size()});
        finish_open(builder_.begin_list(), e.line);
        return;
      }
      case Event::kSeqEnd:
        frames_.pop_back();
        finish_value(builder_.end(), e.line);
        return;
      case Event::kMapEnd:
        fail_at(e.line, error(StatusCode::kInternal, "unbalanced map end"));
        return;
      case Event::kNull:
        finish_value(builder_.null_value(), e.line);
        return;
      case Event::kScalar:
        finish_value(scalar(e), e.line);
        return;
    }
  }

  Status scalar(const Event& e) {
    const std::string& tag = e.tag;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    if (tag == "?") {
      switch (resolve_plain(e.value, &b, &i, &f)) {
        case Scalar::kNull: return builder_.null_value();
        case Scalar::kBool: return builder_.bool_value(b);
        case Scalar::kInt: return builder_.int_value(i);
        case Scalar::kFloat: return builder_.float_value(f);
        case Scalar::kString: return builder_.string_value(e.value);
        case Scalar::kOutOfRange: return out_of_range(e.value);
      }
    }
    static const std::string kCore = "tag:yaml.org,2002:";
    if (tag.compare(0, kCore.size(), kCore) == 0) {
      std::string_view t = std::string_view(tag).substr(kCore.size());
      if (t == "int" || t == "float") {
        Number n = t == "int" ? parse_int(e.value, &i) : parse_float(e.value, &f);
        if (n == Number::kOk) return t == "int" ? builder_.int_value(i) : builder_.float_value(f);
        if (n == Number::kOutOfRange) return out_of_range(e.value);
      }
      if (t == "bool" && resolve_plain(e.value, &b, &i, &f) == Scalar::kBool) return builder_.bool_value(b);
      if (t == "null") return builder_.null_value();
      if (t != "str" && t != "binary" && t != "timestamp")
        return error(StatusCode::kInputError, "value \"" + e.value + "\" does not fit its tag !!" + std::string(t));
    }
    return builder_.string_value(e.value);
  }

  static Status out_of_range(const std::string& text) {
    return error(StatusCode::kInputError, "number out of range: " + text.substr(0, 40) +
                                              (text.size() > 40 ? "..." : "") +
                                              " (integers are 64-bit; floats must be finite)");
  }

  void finish_open(Status st, uint32_t l) {
    if (!st.is_ok()) fail_at(l, st);
  }
  void finish_value(Status st, uint32_t l) {
    if (!st.is_ok()) { fail_at(l, st); return; }
    if (!frames_.empty() && frames_.back().is_map) frames_.back().expect_key = true;
  }

  struct Frame {
    bool is_map;
    bool expect_key;
    bool is_items;
    size_t key_lines_start;  // this map's keys in key_lines_
  };
  struct Recording {
    YAML::anchor_t anchor;
    uint32_t depth;
  };

  DocumentBuilder builder_;
  const InputLimits& limits_;
  YamlResult* result_;
  Status status_;
  std::vector<Frame> frames_;
  std::vector<uint32_t> key_lines_;  // line of each key of the open maps
  std::vector<Recording> recording_;
  std::map<YAML::anchor_t, std::vector<Event>> anchors_;
  std::string last_key_;
  uint32_t depth_ = 0;
  uint64_t aliases_ = 0;
  uint64_t expanded_ = 0;
  bool saw_value_ = false;
};

// yaml-cpp's messages, in the words of someone editing a manifest.
std::string explain_yaml_error(const std::string& msg) {
  static const std::pair<const char*, const char*> table[] = {
      {"end of map flow not found", "a '{' is not closed (missing '}')"},
      {"end of sequence flow not found", "a '[' is not closed (missing ']')"},
      {"end of map not found", "a map is not closed"},
      {"end of sequence not found", "a list is not closed"},
      {"illegal map value", "a value cannot start here (check the indentation, or quote a value containing ': ')"},
      {"bad indentation of a sequence entry", "bad indentation of a list item"},
      {"unknown escape character", "unknown escape character in a double-quoted string"},
      {"end of string not found", "a quoted string is not closed"},
      {"block sequence entries are not allowed in this context", "a list item ('- ') cannot appear here (check the indentation)"},
  };
  for (const auto& [from, to] : table)
    if (msg == from) return to;
  return msg;
}

}  // namespace

bool YamlDecoder::decode(std::string_view text, Document& doc, YamlResult* result, DecodeError* err) {
  *result = YamlResult{};
  if (text.size() > limits_.max_document_bytes) {
    err->message = "document is larger than " + std::to_string(limits_.max_document_bytes) + " bytes";
    err->line = 1;
    err->column = 1;
    return false;
  }
  if (size_t bad = utf8::first_invalid(text); bad != std::string_view::npos) {
    uint32_t line = 1, column = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    err->message = std::string("invalid UTF-8 (byte ") + hex + "): documents must be UTF-8";
    err->line = line;
    err->column = column;
    return false;
  }
  Handler handler(doc, limits_, result);
  doc.reserve(text.size() * 3 + 512);  // YAML is terser than JSON: ~2.7 bytes of tree per byte
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    parser.HandleNextDocument(handler);
  } catch (const YAML::Exception& e) {
    // yaml-cpp guards its own recursion (DeepRecursion, whose message reads
    // "bad file"); our depth limit usually stops the document first, and
    // its message says more.
    if (handler.status().is_ok()) {
      bool too_deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
      err->message = too_deep ? "nesting deeper than the YAML parser allows" : explain_yaml_error(e.msg);
      err->line = static_cast<uint32_t>(e.mark.line + 1);
      err->column = static_cast<uint32_t>(e.mark.column + 1);
      if (e.mark.line < 0) err->line = 0, err->column = 0;
      doc.reset();
      return false;
    }
  }
  if (!handler.status().is_ok()) {
    err->message = handler.status().message();
    err->line = handler.error_line;
    err->column = handler.error_column;
    doc.reset();
    return false;
  }
  if (!handler.saw_value()) {
    result->empty = true;
    return true;
  }
  Status st = handler.finish();
  if (!st.is_ok()) {
    err->message = st.message();
    err->line = 1;
    err->column = 1;
    doc.reset();
    return false;
  }
  return true;
}

}  // namespace writ
