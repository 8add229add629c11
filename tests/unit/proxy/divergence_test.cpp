// Divergence records: their JSON line, and the local append-only file they survive crashes in.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "proxy/divergence.hpp"
#include "proxy/divergence_file.hpp"

namespace switchyard::proxy {
namespace {

divergence sample(std::string table = "orders") {
  divergence d;
  d.schema = "app";
  d.table = std::move(table);
  d.keys = {"42", "it's \"quoted\"\n", std::string("\0\xff\x01", 3)};  // text and binary keys
  d.digest = "UPDATE orders SET status = ? WHERE id = ?";
  d.fingerprint = 0xfedcba9876543210ull;  // above 2^63: kept exact
  d.reason = "PostgreSQL: ERROR: duplicate key value";
  d.unix_micros = 1764000000123456;
  return d;
}

TEST(divergence, round_trips_through_one_json_line) {
  const divergence d = sample();
  const std::string line = encode_divergence(d);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  divergence back;
  std::string error;
  ASSERT_TRUE(decode_divergence(line, back, error)) << error;
  EXPECT_EQ(back, d);
}

TEST(divergence, whole_table_records_have_no_keys) {
  divergence d = sample();
  d.keys.clear();
  divergence back;
  std::string error;
  ASSERT_TRUE(decode_divergence(encode_divergence(d), back, error)) << error;
  EXPECT_TRUE(back.keys.empty());
}

TEST(divergence, malformed_lines_are_refused_with_a_reason) {
  divergence d;
  std::string error;
  for (const char* bad : {"", "{", "[]", "{\"schema\":\"a\"}", R"({"schema":"a","table":"t","keys":[1],"digest":"",)"
                          R"("fingerprint":"1","reason":"","unix_micros":1})",
                          R"({"schema":"a","table":"t","keys":[],"digest":"","fingerprint":"x","reason":"","unix_micros":1})",
                          R"({"schema":"a","table":"t","keys":[{"hex":"zz"}],"digest":"","fingerprint":"1","reason":"","unix_micros":1})"}) {
    error.clear();
    EXPECT_FALSE(decode_divergence(bad, d, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

class divergence_file_test : public ::testing::Test {
 protected:
  std::string path = (std::filesystem::temp_directory_path() /
                      ("switchyard-divergence-" + std::to_string(::getpid()) + ".jsonl"))
                         .string();
  void TearDown() override { std::filesystem::remove(path); }
};

TEST_F(divergence_file_test, appended_records_are_read_back_in_order_across_reopens) {
  std::string error;
  {
    divergence_file f(path, error);
    ASSERT_TRUE(f.ok()) << error;
    const divergence batch[] = {sample("a"), sample("b")};
    ASSERT_TRUE(f.append(batch, error)) << error;
  }
  {
    divergence_file f(path, error);
    const divergence batch[] = {sample("c")};
    ASSERT_TRUE(f.append(batch, error)) << error;
  }
  const auto c = divergence_file::read_all(path);
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.torn_or_bad_lines, 0u);
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.records[0].table, "a");
  EXPECT_EQ(c.records[2].table, "c");
  EXPECT_EQ(c.records[2], sample("c"));
}

TEST_F(divergence_file_test, a_line_torn_by_a_crash_is_counted_and_does_not_swallow_the_next_record) {
  std::string error;
  {
    divergence_file f(path, error);
    const divergence batch[] = {sample("before")};
    ASSERT_TRUE(f.append(batch, error)) << error;
  }
  {
    // A crash in the middle of a write: half a record, no newline.
    std::ofstream torn(path, std::ios::app | std::ios::binary);
    const std::string line = encode_divergence(sample("torn"));
    torn << line.substr(0, line.size() / 2);
  }
  {
    divergence_file f(path, error);
    ASSERT_TRUE(f.ok()) << error;
    const divergence batch[] = {sample("after")};
    ASSERT_TRUE(f.append(batch, error)) << error;
  }
  const auto c = divergence_file::read_all(path);
  EXPECT_EQ(c.torn_or_bad_lines, 1u);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].table, "before");
  EXPECT_EQ(c.records[1].table, "after");
}

TEST_F(divergence_file_test, an_unwritable_place_is_an_error_not_a_crash) {
  std::string error;
  divergence_file f("/nonexistent-directory/divergences.jsonl", error);
  EXPECT_FALSE(f.ok());
  EXPECT_NE(error.find("cannot open divergence file"), std::string::npos) << error;
  const divergence batch[] = {sample()};
  std::string append_error;
  EXPECT_FALSE(f.append(batch, append_error));
  EXPECT_FALSE(append_error.empty());
  EXPECT_NE(divergence_file::read_all("/nonexistent-directory/divergences.jsonl").error, "");
}

}  // namespace
}  // namespace switchyard::proxy
