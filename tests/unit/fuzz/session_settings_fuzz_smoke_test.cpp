// Runs the session-settings fuzz target over every prefix of real SET statements under every
// sql_mode, and over seeded mutations of them (fixed seed: a failure reproduces).
#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "fuzz/targets.hpp"
#include "support/mutate.hpp"

namespace switchyard::fuzz {
namespace {

constexpr std::string_view seeds[] = {
    "SET @@SESSION.sql_mode = CONCAT(REPLACE(@@sql_mode, 'STRICT_TRANS_TABLES', ''), ',ANSI_QUOTES'), time_zone = '+5:30'",
    "/*!40101 SET NAMES utf8mb4 COLLATE utf8mb4_bin */; SET GLOBAL a = 1, SESSION time_zone := \"Europe/Paris\"",
    "SET @`saved` = @@character_set_client, CHARACTER SET latin1, @@local.time_zone = DEFAULT",
    "SET sql_mode = @@sql_mode || ',NO_BACKSLASH_ESCAPES', time_zone = @saved, @x = _utf8mb4'a\\'b' 'c'",
    "SET time_zone = IF((SELECT 1, 2), 'x', \"y\"), character_set_client = `koi8r`",
};

void run(std::string_view text, std::uint8_t mode_byte) {
  protocol::bytes input;
  input.push_back(mode_byte);
  input.insert(input.end(), text.begin(), text.end());
  session_settings_target(input);
}

TEST(FuzzSmoke, SessionSettingsOverEveryPrefixUnderEveryMode) {
  for (const std::string_view seed : seeds)
    for (std::uint8_t mode = 0; mode < 8; ++mode)
      for (std::size_t n = 0; n <= seed.size(); ++n) run(seed.substr(0, n), mode);
}

TEST(FuzzSmoke, SessionSettingsOverMutatedStatements) {
  std::mt19937 rng(20261124);
  constexpr char alphabet[] = "'\"`\\;,=:@()|/*!+-.0123456789 SETNAMESsetimzon_";
  for (int i = 0; i < 100000; ++i) {
    std::string text(seeds[rng() % std::size(seeds)]);
    test::mutate_text(text, rng, {alphabet, sizeof alphabet - 1});
    run(text, static_cast<std::uint8_t>(rng() % 8));
  }
}

}  // namespace
}  // namespace switchyard::fuzz
