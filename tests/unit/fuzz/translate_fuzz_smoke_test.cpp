// Runs the translator fuzz target over seeded mutations of real statements (fixed seed: a failure
// reproduces) and over every prefix of each under every sql_mode. The inputs must reach both
// outcomes (translated and refused): a target that only ever sees refusals proves nothing.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "fuzz/targets.hpp"
#include "support/mutate.hpp"
#include "sql/translate.hpp"

namespace switchyard::fuzz {
namespace {

constexpr std::string_view seeds[] = {
    "SELECT id, a FROM t WHERE id = 42 AND b = 1 ORDER BY a DESC LIMIT 5, 10",
    "INSERT INTO t (id, a, c, d) VALUES (1, 'x\\'y', X'00ff', '{\"k\": [1]}'), (?, \"z\"\"w\", _binary'\\0', NULL) "
    "ON DUPLICATE KEY UPDATE a = VALUES(a), e = e + 1",
    "UPDATE t JOIN u ON u.id = t.id SET t.a = CONCAT(u.a, '--', 0x41), t.b = NOT t.b WHERE t.f > NOW() - INTERVAL 1 DAY",
    "DELETE FROM t WHERE a LIKE 'a\\_%' OR a REGEXP '^x' ORDER BY id LIMIT 3",
    "SELECT IF(b, 'y', 'n'), IFNULL(a, ''), GROUP_CONCAT(a ORDER BY id SEPARATOR ';'), JSON_EXTRACT(d, '$.k') "
    "FROM t GROUP BY b HAVING COUNT(*) > 1",
    "SELECT DATE_FORMAT(f, '%Y-%m-%d'), CAST(e AS SIGNED), a <=> NULL, 7 DIV 2, 1 / 0 FROM t /* c */ # x\n",
    "REPLACE INTO t SET id = 1, a = 'q'; START TRANSACTION READ ONLY",
};

struct outcomes {
  int translated = 0;
  int refused = 0;
  int violations = 0;  // inputs breaking the target's invariants (the libFuzzer build aborts on them)
};

void run(std::string_view text, std::uint8_t mode_byte, outcomes& seen) {
  protocol::bytes input;
  input.push_back(mode_byte);
  input.insert(input.end(), text.begin(), text.end());
  if (const char* violation = translate_violation(input)) {
    std::string shown;
    for (const unsigned char c : text) {
      static constexpr char hex[] = "0123456789abcdef";
      if (c >= 0x20 && c < 0x7f) shown += static_cast<char>(c);
      else shown += std::string("\\x") + hex[c >> 4] + hex[c & 15];
    }
    if (++seen.violations <= 5) ADD_FAILURE() << violation << " (mode " << int{mode_byte} << "): " << shown;
    return;
  }
  const sql::sql_mode mode{.ansi_quotes = (mode_byte & 1) != 0,
                           .no_backslash_escapes = (mode_byte & 2) != 0,
                           .pipes_as_concat = (mode_byte & 4) != 0};
  const bool ok = sql::translate(text, {.mode = mode, .current_database = "app", .tables = nullptr}).ok;
  (ok ? seen.translated : seen.refused)++;
}

TEST(FuzzSmoke, TranslateOverEveryPrefixUnderEveryMode) {
  outcomes seen;
  for (const std::string_view seed : seeds) {
    for (std::uint8_t mode = 0; mode < 8; ++mode) {
      for (std::size_t n = 0; n <= seed.size(); ++n) run(seed.substr(0, n), mode, seen);
    }
  }
  EXPECT_EQ(seen.violations, 0);
  EXPECT_GT(seen.translated, 0) << "no input translated: the target's checks never ran";
  EXPECT_GT(seen.refused, 0);
}

TEST(FuzzSmoke, TranslateOverMutatedStatements) {
  outcomes seen;
  std::mt19937 rng(20261124);
  constexpr char alphabet[] = "'\"`\\;#-/*!+@?.()0123456789abexXbBN_ \n\0\xff";
  for (int i = 0; i < 30000; ++i) {
    std::string text(seeds[rng() % std::size(seeds)]);
    test::mutate_text(text, rng, {alphabet, sizeof alphabet - 1});
    run(text, static_cast<std::uint8_t>(rng() % 8), seen);
  }
  EXPECT_EQ(seen.violations, 0);
  EXPECT_GT(seen.translated, 0) << "no mutated input translated: the target's checks never ran";
  EXPECT_GT(seen.refused, 0);
}

}  // namespace
}  // namespace switchyard::fuzz
