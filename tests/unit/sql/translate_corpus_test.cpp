// The translation corpus (tests/corpus/translate/*.sql, format in tests/support/translate_corpus.hpp): each
// case is one test. Every case translates with current_database "app" and the corpus catalog, and
// must match its expectation exactly; every expected and every actual PostgreSQL text must parse
// with PostgreSQL's own parser; the literal slots must satisfy the cache contract.
//
// Pending cases (no expected text yet) are skipped, never passed; the summary at the end counts
// them. SWITCHYARD_UPDATE_CORPUS=1 rewrites expectations from the actual output (golden files; the
// diff is reviewed): a translated case gets `-- expect:` + the text, a refused `-- unsupported:`
// case gets the construct. It never flips a case's kind: a pending case the translator refuses
// stays pending, a must-refuse case the translator accepts keeps failing, and a case marked
// `-- known-wrong:` stays pending (its output was reviewed and found wrong; TRANSLATOR_BUGS.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "sql/lexer.hpp"
#include "sql/literals.hpp"
#include "sql/translate.hpp"
#include "support/translate_corpus.hpp"
#include "support/corpus_catalog.hpp"
#include "support/pg_parse.hpp"

namespace switchyard::test {
namespace {

struct corpus_state {
  std::vector<std::string> errors;
  std::vector<corpus_file> files;
  std::vector<corpus_case> cases;
  std::map<std::string, std::string> replacements;  // case name -> new expectation block
  int passed = 0, failed = 0, pending = 0, known_wrong = 0;
};

corpus_state& state() {
  static corpus_state s = [] {
    corpus_state st;
    st.files = load_corpus(corpus_directory(), st.errors);
    for (const auto& f : st.files) st.cases.insert(st.cases.end(), f.cases.begin(), f.cases.end());
    return st;
  }();
  return s;
}

bool updating() {
  const char* v = std::getenv("SWITCHYARD_UPDATE_CORPUS");
  return v != nullptr && std::string(v) == "1";
}

sql::translate_options options_for(const corpus_case& c) {
  return sql::translate_options{.mode = c.mode, .current_database = "app", .tables = &corpus_catalog()};
}

// The cache contract (translate.hpp): slots lie inside the text in order without overlap, each
// holds exactly its literal re-encoded in its class; every literal token is placed or baked;
// `?` placeholders are counted.
void check_slots(const corpus_case& c, const sql::translation& t) {
  std::vector<sql::token> literals;
  std::uint32_t placeholders = 0;
  sql::lexer lex(c.mysql, c.mode);
  for (sql::token tok = lex.next(); tok.kind != sql::token_kind::end; tok = lex.next()) {
    if (sql::is_literal_token(tok)) literals.push_back(tok);
    if (tok.kind == sql::token_kind::placeholder) ++placeholders;
  }
  EXPECT_EQ(t.literal_count, literals.size()) << "literal tokens in the MySQL text";
  EXPECT_EQ(t.parameter_count, placeholders) << "`?` placeholders in the MySQL text";
  std::vector<bool> covered(literals.size(), false);
  std::uint32_t previous_end = 0;
  std::string scratch, encoded;
  for (const auto& slot : t.slots) {
    const std::uint64_t end = std::uint64_t{slot.output_offset} + slot.output_length;
    ASSERT_LE(end, t.text.size()) << "slot outside the text";
    EXPECT_GE(slot.output_offset, previous_end) << "slots out of order or overlapping";
    previous_end = static_cast<std::uint32_t>(end);
    ASSERT_LT(slot.literal_index, literals.size()) << "slot names a literal that does not exist";
    covered[slot.literal_index] = true;
    encoded.clear();
    ASSERT_TRUE(sql::append_pg_literal(literals[slot.literal_index], c.mysql, c.mode, slot.cls, scratch, encoded))
        << "literal " << slot.literal_index << " cannot be written as " << sql::to_string(slot.cls);
    EXPECT_EQ(t.text.substr(slot.output_offset, slot.output_length), encoded)
        << "slot of literal " << slot.literal_index << " (" << sql::to_string(slot.cls) << ")";
  }
  for (const auto b : t.baked) {
    ASSERT_LT(b, literals.size()) << "baked literal that does not exist";
    covered[b] = true;
  }
  for (std::size_t i = 0; i < covered.size(); ++i) {
    EXPECT_TRUE(covered[i]) << "literal " << i << " (" << sql::token_text(literals[i], c.mysql)
                            << ") is neither placed nor baked";
  }
}

std::string expect_block(const std::string& text) {
  return text.empty() ? std::string("-- expect: <nothing>") : "-- expect:\n" + text;
}

class TranslateCorpus : public ::testing::TestWithParam<corpus_case> {};

TEST_P(TranslateCorpus, Case) {
  const corpus_case& c = GetParam();
  SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + "\nMySQL: " + c.mysql);
  auto& st = state();

  if (c.expectation == corpus_expectation::translation) {
    const auto parsed = pg_parse(c.expected);
    EXPECT_TRUE(parsed.ok) << "the EXPECTED PostgreSQL text does not parse: " << parsed.error << "\n" << c.expected;
  }
  const sql::translate_result r = sql::translate(c.mysql, options_for(c));
  if (r.ok) {
    EXPECT_TRUE(sql::is_postgres_text(r.output.text)) << "the PostgreSQL text is not valid UTF-8 without NUL";
    const auto parsed = pg_parse(r.output.text);
    EXPECT_TRUE(parsed.ok) << "the ACTUAL PostgreSQL text does not parse: " << parsed.error << "\n" << r.output.text;
    check_slots(c, r.output);
  } else {
    EXPECT_LE(r.reason.position, c.mysql.size()) << "unsupported position outside the statement";
    EXPECT_FALSE(r.reason.construct.empty()) << "unsupported without naming the construct";
  }

  switch (c.expectation) {
    case corpus_expectation::translation:
      EXPECT_TRUE(r.ok) << "refused: " << r.reason.construct << " at " << r.reason.position;
      if (r.ok) {
        EXPECT_EQ(r.output.text, c.expected);
        if (updating()) st.replacements[c.name] = expect_block(r.output.text);
      }
      break;
    case corpus_expectation::unsupported:
      EXPECT_FALSE(r.ok) << "must be refused, but translated to:\n" << r.output.text;
      if (!r.ok) {
        if (!c.expected.empty()) {
          EXPECT_EQ(r.reason.construct, c.expected);
        }
        if (updating()) st.replacements[c.name] = "-- unsupported: " + r.reason.construct;
      }
      break;
    case corpus_expectation::pending:
      if (r.ok && updating() && c.known_wrong.empty()) st.replacements[c.name] = expect_block(r.output.text);
      break;
  }
  if (HasFailure()) {
    ++st.failed;
  } else if (!c.known_wrong.empty()) {
    ++st.known_wrong;
    if (c.expectation != corpus_expectation::pending) ADD_FAILURE() << "a known-wrong case must stay pending";
    if (r.ok) GTEST_SKIP() << "KNOWN WRONG (" << c.known_wrong << "); translates to:\n" << r.output.text;
    GTEST_SKIP() << "KNOWN WRONG (" << c.known_wrong << "); now refused: " << r.reason.construct;
  } else if (c.expectation == corpus_expectation::pending) {
    ++st.pending;
    if (r.ok) GTEST_SKIP() << "pending (no expectation yet); translates to:\n" << r.output.text;
    GTEST_SKIP() << "pending (no expectation yet); refused: " << r.reason.construct << " at " << r.reason.position;
  } else {
    ++st.passed;
  }
}

std::string case_name(const ::testing::TestParamInfo<corpus_case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, TranslateCorpus, ::testing::ValuesIn(state().cases), case_name);

TEST(TranslateCorpusFiles, ParseWithoutErrorsAndAreBigEnough) {
  const auto& st = state();
  for (const auto& e : st.errors) ADD_FAILURE() << e;
  EXPECT_EQ(corpus_catalog().table_count(), 9u);
  EXPECT_EQ(corpus_catalog_error(), "") << "tests/corpus/schema.sql does not load into the catalog";
  EXPECT_GE(st.cases.size(), 320u) << "the corpus holds at least 320 statements";
  const auto differential = std::count_if(st.cases.begin(), st.cases.end(), [](const auto& c) { return c.differential; });
  EXPECT_GE(differential, 120) << "at least 120 cases run in the differential test";
}

// Prints the counts (skipped cases are pending, not passed) and, when updating, rewrites the files.
class corpus_summary : public ::testing::Environment {
 public:
  void TearDown() override {
    auto& st = state();
    if (st.passed + st.failed + st.pending + st.known_wrong == 0) return;  // filtered out
    std::cout << "[ corpus   ] " << st.cases.size() << " cases: " << st.passed << " passed, " << st.failed
              << " failed, " << st.pending << " pending and " << st.known_wrong
              << " known wrong (skipped, NOT passed)\n";
    if (!updating()) return;
    int rewritten = 0;
    for (const auto& file : st.files) {
      std::vector<std::string> blocks;
      bool changed = false;
      for (const auto& c : file.cases) {
        const auto it = st.replacements.find(c.name);
        if (it != st.replacements.end()) {
          blocks.push_back(it->second);
          changed = true;
        } else {
          std::string block;
          for (std::size_t i = c.expect_begin; i < c.expect_end; ++i) block += (i > c.expect_begin ? "\n" : "") + file.lines[i];
          blocks.push_back(block);
        }
      }
      if (!changed) continue;
      std::ofstream(file.path, std::ios::binary | std::ios::trunc) << rewrite_corpus_file(file, blocks);
      ++rewritten;
    }
    std::cout << "[ corpus   ] SWITCHYARD_UPDATE_CORPUS=1: rewrote " << rewritten << " files, "
              << st.replacements.size() << " expectation blocks (review the diff)\n";
  }
};

const auto* const summary_env = ::testing::AddGlobalTestEnvironment(new corpus_summary);

}  // namespace
}  // namespace switchyard::test
