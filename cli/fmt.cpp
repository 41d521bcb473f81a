// `writ fmt`: rewrite .writ files in their canonical form.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "compiler/format/formatter.hpp"

namespace writ::cli {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A unified diff (3 lines of context) from a longest-common-subsequence table.
std::string unified_diff(const std::string& path, const std::string& a_text, const std::string& b_text) {
  std::vector<std::string> a = lines_of(a_text), b = lines_of(b_text);
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Line {
    char kind;  // ' ' '-' '+'
    size_t ai, bi;
  };
  std::vector<Line> ops;
  for (size_t i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', i++, j++});
    else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
    else ops.push_back({'+', i, j++});
  }
  constexpr size_t kContext = 3;
  std::string out = "--- " + path + "\n+++ " + path + " (formatted)\n";
  size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: changes closer than 2 * context lines apart share one.
    size_t start = k > kContext ? k - kContext : 0, last = k;
    for (size_t x = k; x < ops.size() && x <= last + 2 * kContext; ++x)
      if (ops[x].kind != ' ') last = x;
    size_t end = std::min(ops.size(), last + 1 + kContext);
    size_t a_count = 0, b_count = 0;
    for (size_t x = start; x < end; ++x) {
      a_count += ops[x].kind != '+';
      b_count += ops[x].kind != '-';
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", ops[start].ai + 1, a_count, ops[start].bi + 1, b_count);
    for (size_t x = start; x < end; ++x)
      out += std::string(1, ops[x].kind) + (ops[x].kind == '+' ? b[ops[x].bi] : a[ops[x].ai]) + "\n";
    k = end;
  }
  return out;
}

std::vector<std::string> writ_files(const std::vector<std::string>& args, std::vector<std::string>* missing) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && (name[0] == '.' || name == "build" || name.rfind("build-", 0) == 0)) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && it->path().extension() == ".writ") found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(a, ec)) {
      out.push_back(a);
    } else {
      missing->push_back(a);
    }
  }
  return out;
}

}  // namespace

int run_fmt(const FmtOptions& opts) {
  std::vector<std::string> missing;
  std::vector<std::string> files = writ_files(opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths, &missing);
  for (const std::string& m : missing) print_error(m + ": no such file or folder");
  bool errors = !missing.empty(), changed = false;
  bool color = want_color(stderr);
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    SourceMap sources;
    uint32_t file = sources.add(path, text.str());
    Diagnostics diags;
    std::string formatted;
    if (!format_source(file, sources, diags, &formatted)) {
      fmt::print(stderr, "{}", render_all(diags, sources, color));
      errors = true;
      continue;
    }
    if (formatted == text.str()) continue;
    changed = true;
    if (opts.diff) {
      fmt::print("{}", unified_diff(path, text.str(), formatted));
    } else if (opts.check) {
      fmt::print("{}: not formatted\n", path);
    } else {
      std::ofstream(path, std::ios::binary | std::ios::trunc) << formatted;
      fmt::print("formatted {}\n", path);
    }
  }
  if (errors) return kExitError;
  return (opts.check || opts.diff) && changed ? kExitDeny : kExitOk;
}

}  // namespace writ::cli
