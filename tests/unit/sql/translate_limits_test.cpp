// The translator refuses statements whose trees would be too deep to write, instead of
// overflowing the stack; and it keeps the counts the cache relies on.
#include <gtest/gtest.h>

#include <string>

#include "sql/translate.hpp"

namespace switchyard::sql {
namespace {

translate_result run(const std::string& sql) {
  translate_options options;
  options.current_database = "app";
  return translate(sql, options);
}

std::string repeated(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(TranslateLimits, DeepParenthesesAreRefused) {
  const auto r = run("SELECT " + repeated("(", 100000) + "1" + repeated(")", 100000));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.reason.construct, "nesting deeper than 200 levels");
}

TEST(TranslateLimits, LongOperatorChainsAreRefused) {
  const auto r = run("SELECT 1" + repeated(" + 1", 100000));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.reason.construct, "expression with more than 1000 operators in a row");
}

TEST(TranslateLimits, ManyJoinsAreRefused) {
  const auto r = run("SELECT * FROM a" + repeated(" JOIN a ON 1", 100000));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.reason.construct, "expression with more than 1000 operators in a row");
}

TEST(TranslateLimits, OperatorsOfTheWholeStatementAreBounded) {
  // Several chains below the per-chain bound, nested, add up past the statement's bound.
  const std::string chain = repeated(" + 1", 900);
  const auto r = run("SELECT ((((1" + chain + ")" + chain + ")" + chain + ")" + chain + ")");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.reason.construct, "statement with more than 2000 operators or joins");
}

TEST(TranslateLimits, RepeatedUnaryOperatorsAreRefused) {
  EXPECT_FALSE(run("SELECT " + repeated("- ", 100000) + "1").ok);
  EXPECT_FALSE(run("SELECT 1 FROM t WHERE " + repeated("NOT ", 100000) + "1").ok);
}

TEST(TranslateLimits, LongListsAreFine) {
  const auto r = run("SELECT 1 IN (1" + repeated(", 1", 100000) + ")");
  ASSERT_TRUE(r.ok) << r.reason.construct;
  EXPECT_EQ(r.output.literal_count, 100002u);
  // Every literal is placed; the ones inside the unaliased select item are also baked, since
  // they spell the column's name.
  EXPECT_EQ(r.output.slots.size(), 100002u);
  EXPECT_EQ(r.output.baked.size(), 100002u);
}

TEST(TranslateContract, CountsAndSlots) {
  const auto r = run("SELECT * FROM t WHERE a = ? AND b = 'x' AND c IN (1, 2.5, ?) LIMIT 3");
  ASSERT_TRUE(r.ok) << r.reason.construct;
  EXPECT_EQ(r.output.parameter_count, 2u);
  EXPECT_EQ(r.output.literal_count, 4u);
  EXPECT_EQ(r.output.text, "SELECT * FROM t WHERE a = $1 AND b = 'x' AND c IN (1, 2.5, $2) LIMIT 3");
  ASSERT_EQ(r.output.slots.size(), 3u) << "LIMIT counts are baked";
  for (const auto& slot : r.output.slots) {
    ASSERT_LE(slot.output_offset + slot.output_length, r.output.text.size());
  }
  EXPECT_EQ(r.output.text.substr(r.output.slots[0].output_offset, r.output.slots[0].output_length), "'x'");
  EXPECT_EQ(r.output.slots[0].cls, literal_class::text);
  EXPECT_EQ(r.output.slots[0].literal_index, 0u);
  EXPECT_EQ(r.output.slots[1].cls, literal_class::integer);
  EXPECT_EQ(r.output.slots[2].cls, literal_class::decimal);
  EXPECT_EQ(r.output.baked, std::vector<std::uint32_t>{3});
}

TEST(TranslateContract, ErrorsNameThePosition) {
  const std::string sql = "SELECT a FROM t WHERE MATCH (a) AGAINST ('x')";
  const auto r = run(sql);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.reason.construct, "MATCH ... AGAINST");
  EXPECT_EQ(r.reason.position, sql.find("MATCH"));
  EXPECT_FALSE(run("SELECT 1; SELECT 2").ok);
  EXPECT_TRUE(run("SELECT 1;").ok);
  EXPECT_FALSE(run("").ok);
  EXPECT_FALSE(run("SELECT 'unterminated").ok);
}

}  // namespace
}  // namespace switchyard::sql
