// Chunk planning, bisection split, sampling and the row diff of `switchyard verify` (pure).
#include <gtest/gtest.h>

#include <set>

#include "migrate/verify_plan.hpp"

namespace switchyard::migrate {
namespace {

key_value k(int v) { return {std::to_string(v)}; }

std::vector<key_span> plan(std::uint64_t rows, int keys) {
  chunk_planner p(rows);
  std::vector<key_span> spans;
  for (int i = 1; i <= keys; ++i)
    if (auto closed = p.add(k(i))) spans.push_back(std::move(*closed));
  spans.push_back(p.finish());
  return spans;
}

TEST(VerifyPlan, ChunksEveryNKeysLastOpen) {
  const auto spans = plan(3, 7);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_FALSE(spans[0].lower);
  EXPECT_EQ(spans[0].upper, k(3));
  EXPECT_EQ(spans[1].lower, k(3));
  EXPECT_EQ(spans[1].upper, k(6));
  EXPECT_EQ(spans[2].lower, k(6));
  EXPECT_FALSE(spans[2].upper);
}

TEST(VerifyPlan, SpansCloseAsTheKeysStream) {
  chunk_planner p(2);
  EXPECT_FALSE(p.add(k(1)));
  const auto closed = p.add(k(2));
  ASSERT_TRUE(closed);
  EXPECT_FALSE(closed->lower);
  EXPECT_EQ(closed->upper, k(2));
  EXPECT_FALSE(p.add(k(3)));
}

TEST(VerifyPlan, EmptyTableIsOneOpenChunk) {
  const auto spans = plan(10, 0);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_FALSE(spans[0].lower);
  EXPECT_FALSE(spans[0].upper);
  EXPECT_EQ(plan(2, 2).size(), 2u);  // (, 2] and (2, ): rows beyond MySQL's last key still counted
}

TEST(VerifyPlan, SplitKeepsTheBoundsAndCutsEvenly) {
  const key_span whole{k(0), k(100)};
  const auto halves = split_span(whole, {k(10), k(20), k(30), k(40)}, 2);
  ASSERT_EQ(halves.size(), 2u);
  EXPECT_EQ(halves[0].span.lower, k(0));
  EXPECT_EQ(halves[0].span.upper, k(20));
  EXPECT_EQ(halves[1].span.lower, k(20));
  EXPECT_EQ(halves[1].span.upper, k(100));
  EXPECT_EQ(halves[0].first, 0u);
  EXPECT_EQ(halves[0].last, 2u);
  EXPECT_EQ(halves[1].first, 2u);
  EXPECT_EQ(halves[1].last, 4u);
  std::vector<key_value> keys;
  for (int i = 1; i <= 10; ++i) keys.push_back(k(i));
  const auto parts = split_span(key_span{}, keys, 4);  // open bounds stay open
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_FALSE(parts.front().span.lower);
  EXPECT_FALSE(parts.back().span.upper);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    EXPECT_EQ(parts[i].span.lower, parts[i - 1].span.upper);  // contiguous
    EXPECT_EQ(parts[i].first, parts[i - 1].last);
  }
  EXPECT_EQ(parts.back().last, 10u);
  EXPECT_EQ(split_span(key_span{}, {k(1), k(2)}, 16).size(), 2u);  // never more parts than keys
}

TEST(VerifyPlan, SamplerKeepsAtMostNDistinctKeysFromTheStream) {
  key_sampler s(5, 42);
  for (int i = 0; i < 1000; ++i) s.add(k(i));
  ASSERT_EQ(s.keys().size(), 5u);
  std::set<key_value> distinct(s.keys().begin(), s.keys().end());
  EXPECT_EQ(distinct.size(), 5u);
  int late = 0;  // a uniform sample of 0..999 is not just the first five
  for (const auto& key : s.keys()) late += std::stoi(key[0]) >= 5;
  EXPECT_GT(late, 0);
  key_sampler none(0, 1);
  none.add(k(1));
  EXPECT_TRUE(none.keys().empty());
}

rendered_row row(int key, std::vector<std::optional<std::string>> rest) {
  rendered_row r{k(key), {std::to_string(key)}};
  for (auto& v : rest) r.values.push_back(std::move(v));
  return r;
}

TEST(VerifyPlan, DiffNamesMissingExtraAndChangedColumns) {
  const std::vector<std::string> names{"id", "a", "b"};
  const std::vector<rendered_row> my{row(1, {"x", "y"}), row(2, {"x", std::nullopt}), row(3, {"x", "y"}),
                                     row(5, {"0:", "y"})};
  const std::vector<rendered_row> pg{row(1, {"x", "y"}), row(2, {"x", "0:"}), row(4, {"x", "y"}),
                                     row(5, {std::nullopt, "y"})};
  const auto d = diff_rows(my, pg, {0}, names);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].what, row_difference::kind::values_differ);  // NULL vs empty string
  EXPECT_EQ(d[0].key, k(2));
  EXPECT_EQ(d[0].columns, std::vector<std::string>{"b"});
  EXPECT_EQ(d[1].what, row_difference::kind::missing_on_postgresql);
  EXPECT_EQ(d[1].key, k(3));
  EXPECT_FALSE(d[1].postgresql);
  EXPECT_EQ(d[2].key, k(5));
  EXPECT_EQ(d[2].columns, std::vector<std::string>{"a"});
  EXPECT_EQ(d[3].what, row_difference::kind::extra_on_postgresql);
  EXPECT_EQ(d[3].key, k(4));
  EXPECT_FALSE(d[3].mysql);
  EXPECT_STREQ(to_string(d[3].what), "extra on PostgreSQL");
  EXPECT_TRUE(diff_rows(my, my, {0}, names).empty());
}

TEST(VerifyPlan, DiffMatchesByRenderedKeyNotKeyText) {
  // MySQL prints a DATETIME key without fractions, PostgreSQL's key text has them: the renderings match.
  rendered_row m{{"2024-01-01 00:00:00"}, {"2024-01-01 00:00:00.000000", "1"}};
  rendered_row p{{"2024-01-01 00:00:00.000000"}, {"2024-01-01 00:00:00.000000", "1"}};
  EXPECT_TRUE(diff_rows({m}, {p}, {0}, {"at", "v"}).empty());
}

TEST(VerifyPlan, JsonEscapesAreNotDifferencesRealChangesAre) {
  EXPECT_TRUE(same_json("17:{\"a\":\"\\u00e9\\/x\"}", "11:{\"a\":\"é/x\"}"));
  EXPECT_FALSE(same_json("9:{\"a\":\"x\"}", "9:{\"a\":\"y\"}"));
  EXPECT_FALSE(same_json("3:{}", "not json"));
  const std::vector<sql::type_category> cats{sql::type_category::integer, sql::type_category::json,
                                             sql::type_category::text};
  const rendered_row m{k(1), {"1", "17:{\"a\":\"\\u00e9\\/x\"}", "1:a"}};
  const rendered_row p{k(1), {"1", "11:{\"a\":\"é/x\"}", "1:a"}};
  EXPECT_TRUE(diff_rows({m}, {p}, {0}, {"id", "j", "t"}, cats).empty());
  EXPECT_EQ(diff_rows({m}, {p}, {0}, {"id", "j", "t"}).size(), 1u);  // without categories: bytes
  rendered_row changed = p;
  changed.values[1] = "11:{\"a\":\"é/y\"}";
  const auto d = diff_rows({m}, {changed}, {0}, {"id", "j", "t"}, cats);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].columns, std::vector<std::string>{"j"});
}

}  // namespace
}  // namespace switchyard::migrate
