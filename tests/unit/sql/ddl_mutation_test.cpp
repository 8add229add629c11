// translate_ddl and apply_ddl over seeded mutations of real DDL (fixed seed: a failure
// reproduces): never a crash, a failure always points inside the text, and whatever translates
// is PostgreSQL that PostgreSQL's parser accepts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "sql/ddl_catalog.hpp"
#include "sql/ddl_translate.hpp"
#include "support/corpus.hpp"
#include "support/pg_parse.hpp"

namespace switchyard::sql {
namespace {

TEST(ddl_mutation, mutated_ddl_fails_cleanly_or_translates_to_valid_postgresql) {
  const std::string schema = test::read_corpus("schema.sql");
  std::vector<std::string_view> parts;
  split_statements(schema, {}, parts);
  std::vector<std::string> seeds(parts.begin(), parts.end());
  for (const auto* extra : {
           "ALTER TABLE users ADD COLUMN n INT NOT NULL, MODIFY name VARCHAR(20) DEFAULT 'x', DROP INDEX uq_users_email",
           "ALTER TABLE orders CHANGE note notes TEXT, RENAME INDEX ix_orders_user TO ix_u, RENAME TO orders2",
           "CREATE UNIQUE INDEX u ON products (sku, name(10) DESC)",
           "RENAME TABLE a TO b, db.c TO d",
           "DROP TABLE IF EXISTS a, `b`, c.d",
           "CREATE TABLE x (a BIT(3) DEFAULT b'1', b BINARY(2) DEFAULT X'0a', c SET('a') DEFAULT 'a', d YEAR)"})
    seeds.emplace_back(extra);

  memory_catalog catalog;
  ASSERT_TRUE(load_catalog_from_schema_sql(schema, "app", catalog).ok);
  translate_options options;
  options.current_database = "app";
  options.tables = &catalog;

  std::mt19937 rng(20261124);
  constexpr char alphabet[] = "'\"`\\;#-/*!+@?.,()0123456789abexXbBN_ \nKEYINDEXUNIQUEPRIMARYDEFAULTNULLNOT";
  std::size_t translated = 0, refused = 0;
  // SWITCHYARD_DDL_MUTATIONS=n runs n instead (longer local runs).
  const char* count_text = std::getenv("SWITCHYARD_DDL_MUTATIONS");
  const int count = count_text ? std::atoi(count_text) : 20000;
  for (int i = 0; i < count; ++i) {
    std::string text = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      const char c = (rng() % 4) ? alphabet[rng() % (sizeof alphabet - 1)] : static_cast<char>(rng());
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1 + rng() % 4); break;
      }
    }
    const auto r = translate_ddl(text, options, {});
    memory_catalog scratch;
    (void)apply_ddl(text, "app", scratch);
    if (!r.ok) {
      ++refused;
      ASSERT_LE(r.reason.position, text.size()) << text;
      ASSERT_FALSE(r.reason.construct.empty()) << text;
      continue;
    }
    ++translated;
    const auto parsed = test::pg_parse(r.output.text);
    ASSERT_TRUE(parsed.ok) << text << "\n -> " << r.output.text << "\n  " << parsed.error;
  }
  EXPECT_GT(translated, static_cast<std::size_t>(count) / 20);
  EXPECT_GT(refused, static_cast<std::size_t>(count) / 20);
}

}  // namespace
}  // namespace switchyard::sql
