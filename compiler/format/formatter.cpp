#include "compiler/format/formatter.hpp"

#include <vector>

#include "compiler/parse/tokens.hpp"

namespace writ {

namespace {

using Class = FormatToken::Class;

struct Open {
  char bracket;      // ( [ {
  bool block;        // a `{` whose contents are statements
  uint32_t indent;   // indent of the line it was opened on
  int ternaries = 0; // `?` waiting for their `:` at this level
};

class Formatter {
 public:
  explicit Formatter(const std::vector<FormatToken>& t) : t_(t) {}

  std::string run() {
    size_t i = 0;
    uint32_t prev_end_line = 0;
    bool prev_opened_block = false;
    while (i < t_.size()) {
      // One source line.
      size_t j = i;
      while (j < t_.size() && t_[j].line == t_[i].line) ++j;
      const FormatToken& first = t_[i];
      if (prev_end_line != 0) {
        bool closing = first.cls == Class::kClose && first.text == "}";
        if (first.line > prev_end_line + 1 && !prev_opened_block && !closing) out_ += '\n';
      }
      // A comment line takes the indentation of the code line it precedes (a
      // comment inside a continued expression stays inside it), except
      // before a closing bracket, where it stays with the block's contents.
      const FormatToken* anchor = &first;
      for (size_t k = j; anchor->cls == Class::kComment && k < t_.size(); ++k)
        if (t_[k].cls != Class::kComment && (k == 0 || t_[k].line != t_[k - 1].line)) anchor = &t_[k];
      uint32_t indent = anchor->cls == Class::kClose && anchor != &first
                            ? (stack_.empty() ? 0 : stack_.back().indent + 1)
                            : line_indent(*anchor, prev_end_line != 0);
      out_.append(2 * indent, ' ');
      for (size_t k = i; k < j; ++k) emit(k, k == i, indent);
      trim_trailing();
      out_ += '\n';
      prev_end_line = t_[j - 1].end_line;
      prev_opened_block = t_[j - 1].cls == Class::kOpen && t_[j - 1].text == "{";
      i = j;
    }
    return out_;
  }

 private:
  uint32_t line_indent(const FormatToken& first, bool not_first_line) {
    uint32_t indent = 0;
    if (!stack_.empty()) {
      indent = stack_.back().indent + 1;
      if (first.cls == Class::kClose) indent = stack_.back().indent;
    }
    bool at_statement_level = stack_.empty() || stack_.back().block;
    bool continuation = not_first_line && at_statement_level && !first.statement_start && first.cls != Class::kClose &&
                        first.cls != Class::kComment && !(first.keyword && first.text == "else");
    return indent + (continuation ? 1 : 0);
  }

  void trim_trailing() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }

  bool value_end(const FormatToken& a) const {
    return (a.cls == Class::kWord && !a.keyword) || (a.keyword && (a.text == "true" || a.text == "false" || a.text == "null")) ||
           a.cls == Class::kString || (a.cls == Class::kClose);
  }

  // Whether a space goes between tokens k-1 and k of the same line.
  bool space_before(size_t k) {
    const FormatToken& a = t_[k - 1];
    const FormatToken& b = t_[k];
    if (b.cls == Class::kComment) return true;
    if (a.cls == Class::kOpen && a.text != "{") return false;
    if (a.cls == Class::kOpen) return !(b.cls == Class::kClose && b.text == "}");
    if (b.cls == Class::kClose) return b.text == "}" && !(a.cls == Class::kOpen && a.text == "{");
    if (b.cls == Class::kComma) return false;
    if (a.cls == Class::kComma) return true;
    if (a.text == ".." || b.text == "..") return true;
    if (a.cls == Class::kDot || b.cls == Class::kDot) return false;
    if (b.cls == Class::kOpen && b.text == "(") return !(value_end(a) && a.cls != Class::kString && !(a.cls == Class::kClose && a.text == "}"));
    if (b.cls == Class::kOpen && b.text == "[") return !value_end(a);
    if (b.cls == Class::kColon) return colon_spaced_;
    if (a.cls == Class::kColon) return last_colon_spaced_after_;
    if (a.cls == Class::kMinus && unary_minus_) return false;
    return true;
  }

  void emit(size_t k, bool line_start, uint32_t indent) {
    const FormatToken& b = t_[k];
    // Decide colon and minus roles before spacing, from the bracket context.
    if (b.cls == Class::kColon) {
      bool in_slice = !stack_.empty() && stack_.back().bracket == '[' && stack_.back().ternaries == 0;
      bool ternary = !stack_.empty() ? stack_.back().ternaries > 0 : top_ternaries_ > 0;
      colon_spaced_ = ternary;
      last_colon_spaced_after_ = !in_slice || ternary;
      if (ternary) (stack_.empty() ? top_ternaries_ : stack_.back().ternaries)--;
    }
    if (!line_start && b.cls == Class::kComment) out_ += "  ";  // two spaces before a trailing comment
    else if (!line_start && space_before(k)) out_ += ' ';
    if (b.cls == Class::kMinus) unary_minus_ = line_start || !value_end(t_[k - 1]);
    else if (b.cls != Class::kComment) unary_minus_ = false;
    if (b.cls == Class::kOperator && b.text == "?") (stack_.empty() ? top_ternaries_ : stack_.back().ternaries)++;
    out_ += b.text;
    if (b.cls == Class::kOpen) stack_.push_back(Open{b.text[0], b.block_brace, indent});
    if (b.cls == Class::kClose && !stack_.empty()) stack_.pop_back();
  }

  const std::vector<FormatToken>& t_;
  std::string out_;
  std::vector<Open> stack_;
  int top_ternaries_ = 0;
  bool colon_spaced_ = false;
  bool last_colon_spaced_after_ = true;
  bool unary_minus_ = false;
};

}  // namespace

bool format_source(uint32_t file, const SourceMap& sources, Diagnostics& diags, std::string* out) {
  std::vector<FormatToken> tokens;
  if (!tokenize_for_format(file, sources, diags, &tokens)) return false;
  *out = Formatter(tokens).run();
  return true;
}

}  // namespace writ
