// The statement corpus through the proxy in phase 1 (issue 4 item 9): tests/corpus/schema.sql and
// seed.sql sent through the proxy (DDL mirroring creates the PostgreSQL tables), then the
// corpus's write cases (tests/corpus/translate/*.sql, read by the differential test's reader) one
// by one, each followed by a full compare of both sides. Two runs:
//   agreeing   the write cases the differential test expects to agree (marked differential, not
//              known-wrong, not MySQL-8-only, translated): zero differing rows after every case.
//   all        every write case (DML, then DDL last, except those naming other databases): any
//              table that differs is named in the divergence log. Nothing lost without a record.
// Each case's effect is attributed: the differences that appear after it are reported with it.
#include <algorithm>
#include <iostream>
#include <map>

#include "dual_write/dual_write_fixture.hpp"
#include "sql/classifier.hpp"
#include "sql/lexer.hpp"
#include "sql/translate.hpp"
#include "support/corpus.hpp"
#include "support/corpus_catalog.hpp"
#include "support/translate_corpus.hpp"

namespace switchyard::dual_write_test {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<std::string> statements_of(const std::string& text) {
  std::vector<std::string> out;
  sql::statement_splitter split(text, {});
  std::string_view stmt;
  while (split.next(stmt)) out.emplace_back(stmt);
  return out;
}

std::vector<test::corpus_case> corpus_cases() {
  std::vector<std::string> errors;
  std::vector<test::corpus_case> out;
  for (auto& f : test::load_corpus(test::corpus_directory(), errors))
    for (auto& c : f.cases) out.push_back(std::move(c));
  for (const auto& e : errors) ADD_FAILURE() << e;
  return out;
}

bool is_write(const test::corpus_case& c) { return sql::classify(c.mysql, c.mode).writes; }
bool is_ddl(const test::corpus_case& c) { return sql::classify(c.mysql, c.mode).kind == sql::statement_kind::ddl; }

// What the differential test expects to agree on both servers (differential_test.cpp: run, not
// known wrong, not refused by the translator with the corpus's catalog).
bool expected_to_agree(const test::corpus_case& c) {
  if (!c.differential || c.mysql8_only || !c.known_wrong.empty()) return false;
  const auto t = sql::translate(c.mysql, {.mode = c.mode, .current_database = "app", .tables = &test::corpus_catalog()});
  return t.ok;
}

// One differing row (or a table-level problem) of a compare, in lower-case table names.
struct difference_line {
  std::string table;
  std::string key;   // the primary key's value for one-column keys ("('7')" -> "7"); "" otherwise
  std::string text;  // "table: key: what"
  bool operator<(const difference_line& o) const { return text < o.text; }
};

std::set<difference_line> difference_lines(const compare_result& r) {
  std::set<difference_line> out;
  for (const auto& t : r.differences) {
    if (!t.problem.empty()) out.insert({lower(t.table), "", lower(t.table) + ": " + t.problem.substr(0, 120)});
    for (const auto& row : t.rows) {
      const bool single = row.key.size() > 4 && row.key.find("', '") == std::string::npos && row.key.rfind("('", 0) == 0;
      out.insert({lower(t.table), single ? row.key.substr(2, row.key.size() - 4) : "",
                  lower(t.table) + ": " + row.key + ": " + row.what});
    }
  }
  return out;
}

// Whether a record names the row: a record of its table for the whole table, or naming its key.
bool recorded(const difference_line& d, const std::vector<proxy::divergence>& records) {
  for (const auto& r : records) {
    if (lower(r.table) != d.table) continue;
    if (r.keys.empty()) return true;
    if (!d.key.empty() && std::find(r.keys.begin(), r.keys.end(), d.key) != r.keys.end()) return true;
  }
  return false;
}

// Cases that leave differences through the dual write today (the state of the corpus run in
// file order, DML then DDL), with why. recorded: a divergence names what differs (the agreeing
// run expects these recorded rather than equal). silent: the translation runs on PostgreSQL with
// another result and nothing is recorded; the all-cases run expects exactly these unrecorded, so
// a new silent case fails, and so does one that is fixed (its entry must go).
const std::map<std::string, std::string> known_recorded = {
    {"writes_replace_auto_increment_unique",
     "the translator refuses a REPLACE across several unique keys when a DEFAULT CURRENT_TIMESTAMP column is pinned"},
    {"writes_delete_limit_no_key", "LIMIT without ORDER BY: which rows is MySQL's choice, recorded as unsafe"},
};
const std::map<std::string, std::string> known_silent = {
    {"insert_insert_select", "datetime(6) into datetime: MariaDB truncates the fraction, PostgreSQL rounds"},
    {"insert_replace_select", "REPLACE on a _ci primary key: 'PAID' and 'paid' are one key on MySQL, two on "
                              "PostgreSQL (TRANSLATOR_BUGS.md 18)"},
};

struct run_report {
  std::size_t cases = 0;
  std::size_t mysql_ok = 0;
  std::size_t mysql_refused = 0;
  std::size_t cases_with_new_differences = 0;
  std::vector<std::string> unrecorded;       // cases after which a table differs that no record names
  std::set<std::string> unrecorded_cases;
  std::set<std::string> cases_with_differences;
  std::vector<std::string> with_differences;  // cases after which new differences appeared
  compare_result last;
  std::vector<proxy::divergence> records;
};

class corpus_it : public dual_write_case {
 protected:
  void SetUp() override {
    dual_write_case::SetUp();
    if (HasFatalFailure()) return;
    const std::vector<std::string> ddl = statements_of(test::corpus_schema_sql());
    ASSERT_GE(ddl.size(), 9u);
    start_with_tables(ddl);
    if (HasFatalFailure()) return;
    base_mode_ = scalar(client_.get(), "SELECT @@SESSION.sql_mode");
    exec(client_.get(), "SET time_zone = '+00:00'");  // as the seed was written for
    const auto seed = statements_of(test::read_corpus("seed.sql"));
    ASSERT_GE(seed.size(), 5u);
    for (const auto& s : seed) exec(client_.get(), s);
    ASSERT_TRUE(mirror_caught_up());
    const compare_result r = compare();
    ASSERT_TRUE(r.equal()) << "the seed differs:\n" << r.describe();
    EXPECT_GE(r.rows, 100u);
    seed_rows_ = r.rows;
    for (const auto& d : divergences()) ADD_FAILURE() << "seed diverged: " << d.table << ": " << d.reason;
  }

  // Runs `cases` through the proxy one by one, comparing after each.
  run_report run(const std::vector<test::corpus_case>& cases) {
    run_report report;
    std::set<difference_line> before = difference_lines(compare());
    for (const auto& c : cases) {
      ++report.cases;
      std::string flags;
      if (c.mode.ansi_quotes) flags += ",ANSI_QUOTES";
      if (c.mode.no_backslash_escapes) flags += ",NO_BACKSLASH_ESCAPES";
      if (c.mode.pipes_as_concat) flags += ",PIPES_AS_CONCAT";
      if (!flags.empty()) exec(client_.get(), "SET SESSION sql_mode = '" + base_mode_ + flags + "'");
      const std::string answer = run_and_dump(client_.get(), c.mysql);
      const bool refused = answer.rfind("ERR ", 0) == 0;
      // Client-side errors (2000-2999: connection lost, server gone) mean the proxy broke the session.
      EXPECT_NE(answer.rfind("ERR 20", 0), 0u) << c.name << ": " << answer;
      ++(refused ? report.mysql_refused : report.mysql_ok);
      if (!flags.empty()) exec(client_.get(), "SET SESSION sql_mode = '" + base_mode_ + "'");
      EXPECT_TRUE(mirror_caught_up()) << c.name;
      const compare_result r = compare();
      EXPECT_EQ(r.error, "") << c.name;
      const std::set<difference_line> now = difference_lines(r);
      std::vector<difference_line> added;
      std::set_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(added));
      before = now;
      if (added.empty()) continue;
      ++report.cases_with_new_differences;
      std::string text = c.name + " (" + c.file.substr(c.file.rfind('/') + 1) + ":" + std::to_string(c.line) +
                         (refused ? ", refused by MySQL" : "") +
                         (c.known_wrong.empty() ? "" : ", known wrong: " + c.known_wrong) + "): " + c.mysql.substr(0, 160);
      const auto records = divergences();
      std::string unrecorded;
      for (std::size_t i = 0; i < added.size(); ++i) {
        const bool named = recorded(added[i], records);
        if (i < 4) text += "\n    " + added[i].text + (named ? "" : "   <- no record names it");
        if (!named) unrecorded += (unrecorded.empty() ? "" : ", ") + added[i].text;
      }
      report.with_differences.push_back(text);
      report.cases_with_differences.insert(c.name);
      if (unrecorded.empty()) continue;
      report.unrecorded.push_back(text + "\n    unrecorded: " + unrecorded);
      report.unrecorded_cases.insert(c.name);
    }
    report.last = compare();
    report.records = divergences();
    return report;
  }

  static void print(const std::string& label, const run_report& r) {
    std::map<std::string, std::size_t> reasons;
    for (const auto& d : r.records) ++reasons[d.reason.substr(0, 60)];
    std::cout << "[ corpus   ] " << label << ": " << r.cases << " write cases, " << r.mysql_ok << " ran on MySQL, "
              << r.mysql_refused << " refused by MySQL; " << r.cases_with_new_differences
              << " left new differences; at the end " << r.last.differing_rows() << " differing rows in "
              << r.last.differences.size() << " of " << r.last.tables << " tables; " << r.records.size()
              << " divergence records; " << r.unrecorded.size() << " cases left unrecorded differences\n";
    for (const auto& [reason, n] : reasons) std::cout << "[ corpus   ]   " << n << " x " << reason << "\n";
    for (const auto& w : r.with_differences) std::cout << "[ corpus   ]   after " << w << "\n";
  }

  std::string base_mode_;
  std::size_t seed_rows_ = 0;
};

TEST_F(corpus_it, the_cases_expected_to_agree_leave_zero_differences) {
  std::vector<test::corpus_case> cases;
  for (auto& c : corpus_cases())
    if (is_write(c) && !is_ddl(c) && expected_to_agree(c)) cases.push_back(std::move(c));
  ASSERT_GE(cases.size(), 30u);
  const run_report r = run(cases);
  print("agreeing", r);
  EXPECT_GE(r.mysql_ok, 30u);
  for (const auto& u : r.unrecorded) ADD_FAILURE() << "a difference no divergence record names, after " << u;
  for (const auto& name : r.cases_with_differences)
    EXPECT_TRUE(known_recorded.count(name)) << name << " leaves differences through the dual write";
  for (const auto& [name, why] : known_recorded)
    if (std::any_of(cases.begin(), cases.end(), [&](const auto& c) { return c.name == name; }))
      EXPECT_TRUE(r.cases_with_differences.count(name)) << name << " agrees now: remove it from known_recorded (" << why << ")";
}

TEST_F(corpus_it, every_write_case_leaves_no_difference_without_a_record) {
  std::vector<test::corpus_case> dml, ddl;
  for (auto& c : corpus_cases()) {
    if (c.mysql8_only || !is_write(c)) continue;
    if (lower(c.mysql).find("database") != std::string::npos) continue;  // other databases: not ours to touch
    (is_ddl(c) ? ddl : dml).push_back(std::move(c));
  }
  ASSERT_GE(dml.size(), 60u);
  ASSERT_GE(ddl.size(), 20u);
  std::vector<test::corpus_case> cases = std::move(dml);
  for (auto& c : ddl) cases.push_back(std::move(c));
  const run_report r = run(cases);
  print("all", r);
  for (const auto& u : r.unrecorded) {
    const std::string name = u.substr(0, u.find(' '));
    if (known_silent.count(name) == 0) ADD_FAILURE() << "a difference no divergence record names, after " << u;
  }
  for (const auto& [name, why] : known_silent)
    EXPECT_TRUE(r.unrecorded_cases.count(name)) << name << " no longer differs silently: remove it from known_silent ("
                                                << why << ")";
  std::set<std::string> silent_tables;
  for (const auto& d : difference_lines(r.last))
    if (!recorded(d, r.records)) silent_tables.insert(d.table);
  std::cout << "[ corpus   ] tables that differ at the end without a record (known silent cases): "
            << (silent_tables.empty() ? "none" : "") ;
  for (const auto& t : silent_tables) std::cout << t << " ";
  std::cout << "\n";
}

}  // namespace
}  // namespace switchyard::dual_write_test
