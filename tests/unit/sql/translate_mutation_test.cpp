// Mutated corpus statements (fixed seed, deterministic): tokens dropped, doubled, swapped or
// replaced by tokens from other statements. Whatever the translator accepts must come out as
// PostgreSQL that PostgreSQL's parser accepts, as valid UTF-8 without NUL; a statement it cannot
// translate faithfully must be refused, never emitted broken.
#include <gtest/gtest.h>

#include <iostream>
#include <random>
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

struct statement {
  std::string text;
  sql::sql_mode mode;
  std::vector<std::string> tokens;  // token texts, in order
};

std::vector<statement> corpus_statements() {
  std::vector<std::string> errors;
  std::vector<statement> out;
  for (const auto& f : load_corpus(corpus_directory(), errors)) {
    for (const auto& c : f.cases) {
      statement s{c.mysql, c.mode, {}};
      sql::lexer lex(c.mysql, c.mode);
      for (sql::token t = lex.next(); t.kind != sql::token_kind::end && t.kind != sql::token_kind::error;
           t = lex.next()) {
        s.tokens.emplace_back(sql::token_text(t, c.mysql));
      }
      if (!s.tokens.empty()) out.push_back(std::move(s));
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

TEST(TranslateMutations, AcceptedStatementsParseOnPostgreSql) {
  const auto statements = corpus_statements();
  ASSERT_GT(statements.size(), 300u);
  std::mt19937 rng(31337);
  int translated = 0, refused = 0, failures = 0;
  for (int i = 0; i < 20000; ++i) {
    const statement& base = statements[rng() % statements.size()];
    std::vector<std::string> tokens = base.tokens;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !tokens.empty(); ++e) {
      const std::size_t at = rng() % tokens.size();
      const statement& donor = statements[rng() % statements.size()];
      switch (rng() % 4) {
        case 0: tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(at)); break;
        case 1: tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(at), tokens[at]); break;
        case 2:
          if (at + 1 < tokens.size()) std::swap(tokens[at], tokens[at + 1]);
          break;
        default: tokens[at] = donor.tokens[rng() % donor.tokens.size()]; break;
      }
    }
    const std::string text = join(tokens);
    const auto r = sql::translate(text, {.mode = base.mode, .current_database = "app", .tables = &corpus_catalog()});
    if (!r.ok) {
      ++refused;
      continue;
    }
    ++translated;
    if (r.output.text.empty()) continue;  // nothing to run on PostgreSQL (a session setting)
    std::string problem;
    if (!sql::is_postgres_text(r.output.text)) {
      problem = "not valid UTF-8 without NUL";
    } else if (const auto parsed = pg_parse(r.output.text); !parsed.ok) {
      problem = "does not parse: " + parsed.error;
    }
    if (!problem.empty() && ++failures <= 10) {
      ADD_FAILURE() << "MySQL:      " << text << "\nPostgreSQL: " << r.output.text << "\n" << problem;
    }
  }
  std::cout << "[ mutation ] 20000 mutated statements: " << translated << " translated, " << refused << " refused, "
            << failures << " translations PostgreSQL rejects\n";
  EXPECT_EQ(failures, 0);
  EXPECT_GT(translated, 1000) << "the mutations must reach the emitter";
}

}  // namespace
}  // namespace switchyard::test
