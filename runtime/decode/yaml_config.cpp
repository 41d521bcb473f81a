#include "runtime/decode/yaml_config.hpp"

#include <yaml-cpp/yaml.h>

#include "runtime/decode/yaml_scalars.hpp"
#include "runtime/value/builder.hpp"

namespace writ {

namespace {

ConfigNode convert(const YAML::Node& n, int depth) {
  ConfigNode out;
  out.line = static_cast<uint32_t>(n.Mark().line + 1);
  out.column = static_cast<uint32_t>(n.Mark().column + 1);
  if (depth > 200) return out;  // config files are shallow; keep the recursion bounded
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: out.kind = ConfigNode::Kind::kNull; break;
    case YAML::NodeType::Scalar:
      out.kind = ConfigNode::Kind::kScalar;
      out.scalar = n.Scalar();
      out.plain = n.Tag() == "?";
      if (n.Tag() != "?" && n.Tag() != "!") out.tag = n.Tag();
      break;
    case YAML::NodeType::Sequence:
      out.kind = ConfigNode::Kind::kList;
      for (const YAML::Node& item : n) out.items.push_back(convert(item, depth + 1));
      break;
    case YAML::NodeType::Map:
      out.kind = ConfigNode::Kind::kMap;
      for (const auto& kv : n) out.entries.emplace_back(kv.first.Scalar(), convert(kv.second, depth + 1));
      break;
  }
  return out;
}

Status build(DocumentBuilder& b, const ConfigNode& n) {
  using namespace yaml_scalars;
  switch (n.kind) {
    case ConfigNode::Kind::kNull: return b.null_value();
    case ConfigNode::Kind::kScalar: {
      bool bv = false;
      int64_t iv = 0;
      double fv = 0;
      if (n.plain) {
        switch (resolve_plain(n.scalar, &bv, &iv, &fv)) {
          case Scalar::kNull: return b.null_value();
          case Scalar::kBool: return b.bool_value(bv);
          case Scalar::kInt: return b.int_value(iv);
          case Scalar::kFloat: return b.float_value(fv);
          case Scalar::kString: break;
          case Scalar::kOutOfRange:
            return error(StatusCode::kInputError, "number out of range: " + n.scalar + " (integers are 64-bit; floats must be finite)");
        }
      } else if (n.tag == "tag:yaml.org,2002:int" && parse_int(n.scalar, &iv) == Number::kOk) {
        return b.int_value(iv);
      }
      return b.string_value(n.scalar);
    }
    case ConfigNode::Kind::kList:
      WRIT_TRY(b.begin_list());
      for (const ConfigNode& item : n.items) WRIT_TRY(build(b, item));
      return b.end();
    case ConfigNode::Kind::kMap:
      WRIT_TRY(b.begin_map());
      for (const auto& [k, v] : n.entries) {
        WRIT_TRY(b.key(k));
        WRIT_TRY(build(b, v));
      }
      return b.end();
  }
  return Status::ok();
}

}  // namespace

Result<std::vector<ConfigNode>> parse_config_yaml(std::string_view text) {
  try {
    std::vector<ConfigNode> out;
    for (const YAML::Node& doc : YAML::LoadAll(std::string(text))) out.push_back(convert(doc, 0));
    return out;
  } catch (const YAML::Exception& e) {
    Span s;
    s.line = static_cast<uint32_t>(e.mark.line + 1);
    s.column = static_cast<uint32_t>(e.mark.column + 1);
    return error(StatusCode::kInputError, e.msg, s);
  }
}

Status build_document(const ConfigNode& node, Document& doc, const InputLimits& limits) {
  DocumentBuilder b(doc, limits);
  WRIT_TRY(build(b, node));
  return b.finish();
}

}  // namespace writ
