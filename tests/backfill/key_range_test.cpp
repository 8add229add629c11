// Keyset predicates for single and composite keys, in both dialects.
#include <gtest/gtest.h>

#include "migrate/key_range.hpp"

namespace switchyard::migrate {
namespace {

using sql::type_category;

TEST(key_range, single_integer_key_bounds) {
  const std::vector<key_column> k{{"id", type_category::integer}};
  EXPECT_EQ(key_range_predicate(k, std::nullopt, std::nullopt, sql_dialect::mysql), "TRUE");
  EXPECT_EQ(key_range_predicate(k, key_value{"10"}, std::nullopt, sql_dialect::mysql), "((`id` > 10))");
  EXPECT_EQ(key_range_predicate(k, std::nullopt, key_value{"20"}, sql_dialect::mysql), "((`id` <= 20))");
  EXPECT_EQ(key_range_predicate(k, key_value{"10"}, key_value{"20"}, sql_dialect::postgresql, "t."),
            "((t.id > 10)) AND ((t.id <= 20))");
}

TEST(key_range, composite_key_is_expanded_for_the_index) {
  const std::vector<key_column> k{{"a", type_category::integer}, {"B", type_category::text}};
  EXPECT_EQ(key_range_predicate(k, key_value{"1", "x'y"}, std::nullopt, sql_dialect::mysql),
            "((`a` > 1) OR (`a` = 1 AND `B` > 'x''y'))");
  EXPECT_EQ(key_range_predicate(k, std::nullopt, key_value{"2", "z"}, sql_dialect::postgresql),
            "((a < 2) OR (a = 2 AND b <= 'z'))");
  const std::vector<key_column> k3{{"a", type_category::integer}, {"b", type_category::integer}, {"c", type_category::date}};
  EXPECT_EQ(key_range_predicate(k3, key_value{"1", "2", "2024-01-01"}, std::nullopt, sql_dialect::mysql),
            "((`a` > 1) OR (`a` = 1 AND `b` > 2) OR (`a` = 1 AND `b` = 2 AND `c` > '2024-01-01'))");
}

TEST(key_range, literals_by_category) {
  EXPECT_EQ(key_literal("18446744073709551615", type_category::decimal, sql_dialect::mysql), "18446744073709551615");
  EXPECT_EQ(key_literal("1 OR 1=1", type_category::integer, sql_dialect::mysql), "'1 OR 1=1'");
  EXPECT_EQ(key_literal(std::string_view("\0\xff", 2), type_category::binary, sql_dialect::mysql), "X'00ff'");
  EXPECT_EQ(key_literal(std::string_view("\0\xff", 2), type_category::binary, sql_dialect::postgresql), "'\\x00ff'::bytea");
  EXPECT_EQ(key_literal("it's \\", type_category::text, sql_dialect::postgresql), "'it''s \\'");
  EXPECT_EQ(quote_identifier("we`ird", sql_dialect::mysql), "`we``ird`");
  EXPECT_EQ(quote_identifier("Order", sql_dialect::postgresql), "\"order\"");
}

TEST(key_range, only_numbers_and_dates_order_alike_on_both_engines) {
  EXPECT_TRUE(orders_alike({{"a", type_category::integer}, {"d", type_category::datetime}}));
  EXPECT_FALSE(orders_alike({{"a", type_category::integer}, {"s", type_category::text}}));
  EXPECT_FALSE(orders_alike({{"b", type_category::binary}}));
}

}  // namespace
}  // namespace switchyard::migrate
