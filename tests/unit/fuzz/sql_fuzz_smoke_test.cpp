// Runs the SQL fuzz target over seeded mutations of real statements (fixed seed: a failure
// reproduces), and over every prefix of each, which cuts every construct short.
#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "fuzz/targets.hpp"
#include "support/mutate.hpp"

namespace switchyard::fuzz {
namespace {

constexpr std::string_view seeds[] = {
    "SELECT c FROM sbtest1 WHERE id=42",
    "INSERT INTO t (a, b) VALUES (1, 'x\\'y'), (2, \"z\"\"w\"), (-3, _utf8mb4'q') ON DUPLICATE KEY UPDATE a = VALUES(a)",
    "SELECT /*+ BKA(t) */ `a``b`, @x := @@session.sql_mode, N'n', X'41', 0x42, b'1', 0b1, 1.5e-3, .5, 1. FROM t -- c\n",
    "/*!40101 SET NAMES utf8mb4 */; SELECT a->>'$.k', a || b, a <=> b FROM t WHERE id IN (1, 2, 3) # x\n; COMMIT",
    "SELECT \"a\" FROM \"t\" WHERE x = ? AND y IN (?, ?) /* end */",
};

void run(std::string_view text, std::uint8_t mode_byte) {
  protocol::bytes input;
  input.push_back(mode_byte);
  input.insert(input.end(), text.begin(), text.end());
  sql_target(input);
}

TEST(FuzzSmoke, SqlOverEveryPrefixUnderEveryMode) {
  for (const std::string_view seed : seeds) {
    for (std::uint8_t mode = 0; mode < 8; ++mode) {
      for (std::size_t n = 0; n <= seed.size(); ++n) run(seed.substr(0, n), mode);
    }
  }
}

TEST(FuzzSmoke, SqlOverMutatedStatements) {
  std::mt19937 rng(20251124);
  constexpr char alphabet[] = "'\"`\\;#-/*!+@?.()0123456789abexXbBN_ \n";
  for (int i = 0; i < 200000; ++i) {
    std::string text(seeds[rng() % std::size(seeds)]);
    test::mutate_text(text, rng, {alphabet, sizeof alphabet - 1});
    run(text, static_cast<std::uint8_t>(rng() % 8));
  }
}

}  // namespace
}  // namespace switchyard::fuzz
