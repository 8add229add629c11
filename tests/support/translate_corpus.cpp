#include "support/translate_corpus.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

namespace switchyard::test {
namespace {

constexpr std::string_view case_marker = "-- case:";
constexpr std::string_view mode_marker = "-- mode:";
constexpr std::string_view differential_marker = "-- differential";
constexpr std::string_view mysql8_marker = "-- mysql8-only";
constexpr std::string_view known_wrong_marker = "-- known-wrong:";
constexpr std::string_view after_marker = "-- after:";
constexpr std::string_view expect_marker = "-- expect:";
constexpr std::string_view unsupported_marker = "-- unsupported:";
constexpr std::string_view nothing_marker = "<nothing>";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "ANSI_QUOTES, NO_BACKSLASH_ESCAPES" -> flags; false on an unknown flag.
bool parse_mode(std::string_view text, sql::sql_mode& mode) {
  std::stringstream in{std::string(text)};
  std::string flag;
  while (std::getline(in, flag, ',')) {
    flag = trim(flag);
    if (flag == "ANSI_QUOTES") mode.ansi_quotes = true;
    else if (flag == "NO_BACKSLASH_ESCAPES") mode.no_backslash_escapes = true;
    else if (flag == "PIPES_AS_CONCAT") mode.pipes_as_concat = true;
    else return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& lines, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) out += '\n';
    out += lines[i];
  }
  return out;
}

void parse_file(corpus_file& file, std::set<std::string>& names, std::vector<std::string>& errors) {
  const std::string stem = std::filesystem::path(file.path).stem().string();
  const auto& lines = file.lines;
  auto error = [&](std::size_t line, const std::string& message) {
    errors.push_back(file.path + ":" + std::to_string(line + 1) + ": " + message);
  };
  std::size_t i = 0;
  while (i < lines.size() && !starts_with(lines[i], case_marker)) ++i;  // header comment
  while (i < lines.size()) {
    corpus_case c;
    c.file = file.path;
    c.line = i + 1;
    const std::string name = trim(std::string_view(lines[i]).substr(case_marker.size()));
    if (!valid_name(name)) error(i, "case name must be [A-Za-z0-9_]+: '" + name + "'");
    c.name = stem + "_" + name;
    if (!names.insert(c.name).second) error(i, "duplicate case name " + c.name);
    ++i;
    for (; i < lines.size(); ++i) {
      if (starts_with(lines[i], mode_marker)) {
        if (!parse_mode(std::string_view(lines[i]).substr(mode_marker.size()), c.mode)) error(i, "unknown sql_mode flag");
      } else if (trim(lines[i]) == differential_marker) {
        c.differential = true;
      } else if (trim(lines[i]) == mysql8_marker) {
        c.mysql8_only = true;
      } else if (starts_with(lines[i], after_marker)) {
        c.after = trim(std::string_view(lines[i]).substr(after_marker.size()));
        if (c.after.empty()) error(i, "`-- after:` needs a SELECT");
      } else if (starts_with(lines[i], known_wrong_marker)) {
        c.known_wrong = trim(std::string_view(lines[i]).substr(known_wrong_marker.size()));
        if (c.known_wrong.empty()) error(i, "`-- known-wrong:` needs the reason");
      } else {
        break;
      }
    }
    const std::size_t statement_begin = i;
    while (i < lines.size() && !starts_with(lines[i], expect_marker) && !starts_with(lines[i], unsupported_marker) &&
           !starts_with(lines[i], case_marker)) {
      ++i;
    }
    std::size_t statement_end = i;
    while (statement_end > statement_begin && trim(lines[statement_end - 1]).empty()) --statement_end;
    c.mysql = join(lines, statement_begin, statement_end);
    if (c.mysql.empty()) error(c.line - 1, "case without a MySQL statement");
    if (i >= lines.size() || starts_with(lines[i], case_marker)) {
      error(c.line - 1, "case without `-- expect:` or `-- unsupported:`");
      c.expect_begin = c.expect_end = statement_end;
    } else if (starts_with(lines[i], unsupported_marker)) {
      c.expectation = corpus_expectation::unsupported;
      c.expected = trim(std::string_view(lines[i]).substr(unsupported_marker.size()));
      c.expect_begin = i;
      c.expect_end = ++i;
    } else {
      const std::string rest = trim(std::string_view(lines[i]).substr(expect_marker.size()));
      if (rest == nothing_marker) {  // the translation is empty: nothing to run on PostgreSQL
        c.expectation = corpus_expectation::translation;
        c.expect_begin = i;
        c.expect_end = ++i;
        for (; i < lines.size() && !starts_with(lines[i], case_marker); ++i) {
          if (!trim(lines[i]).empty() && !starts_with(lines[i], "--")) error(i, "text after `-- expect: <nothing>`");
        }
        file.cases.push_back(std::move(c));
        continue;
      }
      if (!rest.empty()) error(i, "the expected text goes on the lines after `-- expect:`");
      c.expect_begin = i++;
      const std::size_t text_begin = i;
      while (i < lines.size() && !trim(lines[i]).empty() && !starts_with(lines[i], case_marker)) ++i;
      c.expect_end = i;
      c.expected = join(lines, text_begin, i);
      c.expectation = c.expected.empty() ? corpus_expectation::pending : corpus_expectation::translation;
    }
    // Up to the next case: blank lines and `--` comments only (stray SQL would belong to no case).
    for (; i < lines.size() && !starts_with(lines[i], case_marker); ++i) {
      if (!trim(lines[i]).empty() && !starts_with(lines[i], "--")) {
        error(i, "text after the expectation block (a blank line ends it)");
      }
    }
    file.cases.push_back(std::move(c));
  }
}

}  // namespace

std::vector<corpus_file> load_corpus(const std::string& directory, std::vector<std::string>& errors) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".sql") paths.push_back(entry.path().string());
  }
  if (ec) errors.push_back(directory + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<corpus_file> files;
  std::set<std::string> names;
  for (const auto& path : paths) {
    corpus_file file;
    file.path = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      errors.push_back(path + ": cannot read");
      continue;
    }
    for (std::string line; std::getline(in, line);) file.lines.push_back(line);
    parse_file(file, names, errors);
    files.push_back(std::move(file));
  }
  return files;
}

std::string rewrite_corpus_file(const corpus_file& file, const std::vector<std::string>& replacement) {
  std::string out;
  std::size_t next_line = 0;
  for (std::size_t k = 0; k < file.cases.size() && k < replacement.size(); ++k) {
    const corpus_case& c = file.cases[k];
    for (; next_line < c.expect_begin; ++next_line) out += file.lines[next_line] + '\n';
    out += replacement[k];
    out += '\n';
    next_line = c.expect_end;
  }
  for (; next_line < file.lines.size(); ++next_line) out += file.lines[next_line] + '\n';
  return out;
}

void PrintTo(const corpus_case& c, std::ostream* os) { *os << c.name << " (" << c.file << ":" << c.line << ")"; }

std::string corpus_directory() { return std::string(SWITCHYARD_SOURCE_DIR) + "/tests/corpus/translate"; }

}  // namespace switchyard::test
