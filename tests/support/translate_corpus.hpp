// The translation corpus (tests/corpus/translate/*.sql): MySQL statements with the PostgreSQL
// text they must translate to, read by the corpus test and the differential test.
//
// File format, line based (a line is a directive only when it starts with the marker exactly):
//
//   -- case: <name>              starts a case; name = [A-Za-z0-9_]+, unique across all files
//   -- mode: ANSI_QUOTES,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT   (optional, any subset)
//   -- differential              (optional) the differential test runs it on both servers
//   -- after: <MySQL SELECT>     (optional, with -- differential) the statement writes: the
//                                differential test runs it in a transaction on both servers, then
//                                compares this query's result, then rolls back
//   -- known-wrong: <reason>     (optional) the translator's output is wrong (TRANSLATOR_BUGS.md):
//                                the case stays pending and is never filled by the update mode
//   -- mysql8-only               (optional) MySQL 8 syntax MariaDB 10.11 rejects (`->`, `AS new`, INSERT DELAYED on InnoDB,
//                                row alias): not run on MariaDB by the differential test's checks
//   <MySQL statement, one or more lines>
//   -- expect:                   then the PostgreSQL text on the following lines, up to a blank
//   <PostgreSQL text>            line, the next `-- case:` or the end of the file
// or
//   -- expect: <nothing>         the translation is empty (a session setting the proxy tracks)
// or
//   -- unsupported: <construct>  the translator must refuse it, naming exactly this construct
//
// After an expectation block's blank line, `--` comment lines may say something about the next
// case. `-- expect:` with no text after it is a pending case (not yet checked: reported as skipped);
// `-- unsupported:` with no construct checks only that the statement is refused. Lines before the
// first case are the file's header comment. SWITCHYARD_UPDATE_CORPUS=1 makes the corpus test
// rewrite each case's expectation block from the translator's actual output.
#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "sql/lexer.hpp"

namespace switchyard::test {

enum class corpus_expectation { pending, translation, unsupported };

struct corpus_case {
  std::string file;  // path of the .sql file
  std::string name;  // unique test name: <file stem>_<case name>
  std::size_t line = 0;  // 1-based line of `-- case:`
  sql::sql_mode mode;
  bool differential = false;
  bool mysql8_only = false;
  std::string known_wrong;
  std::string after;  // the query that shows a write's effect (differential test)  // why the translator's current output is wrong; empty when not known wrong
  std::string mysql;     // the statement, lines joined by '\n'
  corpus_expectation expectation = corpus_expectation::pending;
  std::string expected;  // PostgreSQL text, or the unsupported construct (may be empty)
  // The expectation block's lines [expect_begin, expect_end), 0-based, for rewriting.
  std::size_t expect_begin = 0;
  std::size_t expect_end = 0;
};

// gtest prints a case parameter by its name and place.
void PrintTo(const corpus_case& c, std::ostream* os);

struct corpus_file {
  std::string path;
  std::vector<std::string> lines;
  std::vector<corpus_case> cases;
};

// Reads every *.sql file in `directory` (sorted by name). Errors (bad directive, duplicate or
// malformed name, case without statement or expectation block) are appended to `errors` as
// "file:line: message"; cases that parsed are returned regardless.
[[nodiscard]] std::vector<corpus_file> load_corpus(const std::string& directory, std::vector<std::string>& errors);

// The file's text with each case's expectation block replaced by `replacement[i]` (one string per
// case, in order; each is the whole block, e.g. "-- expect:\nSELECT 1").
[[nodiscard]] std::string rewrite_corpus_file(const corpus_file& file, const std::vector<std::string>& replacement);

[[nodiscard]] std::string corpus_directory();  // <source>/tests/corpus/translate

}  // namespace switchyard::test
