#include "proxy/execute_params.hpp"

#include <gtest/gtest.h>

#include "protocol/prepared.hpp"

namespace switchyard::proxy {
namespace {
namespace pr = protocol;

pr::bytes execute_packet(const std::vector<pr::param_type>& types, const std::vector<pr::field_value>& values,
                         bool new_params_bound = true) {
  pr::com_stmt_execute e;
  e.statement_id = 7;
  e.params.new_params_bound = new_params_bound;
  e.params.types = types;
  e.params.values = values;
  pr::stmt_execute_context ctx;
  ctx.param_count = static_cast<std::uint16_t>(values.size());
  if (!new_params_bound) ctx.bound_types = types;
  pr::bytes out;
  EXPECT_EQ(pr::encode_com_stmt_execute(e, ctx, out), pr::errc::ok);
  return out;
}

TEST(ExecuteParams, EveryKindBecomesPostgresText) {
  prepared_statement st;
  st.text = "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  st.param_count = 9;
  const std::vector<pr::param_type> types = {
      {pr::column_type::longlong, 0},  {pr::column_type::longlong, pr::param_flag_unsigned},
      {pr::column_type::double_, 0},   {pr::column_type::var_string, 0},
      {pr::column_type::datetime, 0},  {pr::column_type::date, 0},
      {pr::column_type::time, 0},      {pr::column_type::null, 0},
      {pr::column_type::float_, 0}};
  const std::vector<pr::field_value> values = {
      std::int64_t{-42}, std::uint64_t{18446744073709551615ull}, 0.1, std::string_view("it's"),
      pr::mysql_datetime{2024, 5, 6, 7, 8, 9, 120}, pr::mysql_datetime{2024, 5, 6},
      pr::mysql_time{true, 1, 2, 3, 4, 0}, std::monostate{}, 1.5f};
  const pr::bytes packet = execute_packet(types, values);
  std::vector<std::optional<std::string>> out;
  std::string error;
  ASSERT_TRUE(execute_params_as_text(packet, st, out, error)) << error;
  ASSERT_EQ(out.size(), 9u);
  EXPECT_EQ(out[0], "-42");
  EXPECT_EQ(out[1], "18446744073709551615");
  EXPECT_EQ(out[2], "0.1");
  EXPECT_EQ(out[3], "it's");
  EXPECT_EQ(out[4], "2024-05-06 07:08:09.000120");
  EXPECT_EQ(out[5], "2024-05-06");
  EXPECT_EQ(out[6], "-26:03:04");
  EXPECT_EQ(out[7], std::nullopt);
  EXPECT_EQ(out[8], "1.5");
  EXPECT_EQ(st.bound_types.size(), 9u);
}

TEST(ExecuteParams, ReusesTheEarlierBindingAndLongData) {
  prepared_statement st;
  st.param_count = 2;
  const std::vector<pr::param_type> types = {{pr::column_type::long_, 0}, {pr::column_type::blob, 0}};
  std::vector<std::optional<std::string>> out;
  std::string error;
  ASSERT_TRUE(execute_params_as_text(execute_packet(types, {std::int64_t{1}, std::string_view("a")}), st, out, error));
  // Long data for parameter 1, then an execute that does not re-bind the types.
  pr::bytes long_data = {0x18, 7, 0, 0, 0, 1, 0, 'x', 'y'};
  ASSERT_TRUE(collect_long_data(long_data, st));
  ASSERT_TRUE(collect_long_data(pr::bytes{0x18, 7, 0, 0, 0, 1, 0, 'z'}, st));
  pr::com_stmt_execute e;
  e.statement_id = 7;
  e.params.new_params_bound = false;
  e.params.values = {std::int64_t{2}, std::monostate{}};
  pr::stmt_execute_context ctx;
  ctx.param_count = 2;
  ctx.bound_types = st.bound_types;
  const pr::bytes bitmap = {0x02};
  ctx.long_data_bitmap = bitmap;
  pr::bytes packet;
  ASSERT_EQ(pr::encode_com_stmt_execute(e, ctx, packet), pr::errc::ok);
  ASSERT_TRUE(execute_params_as_text(packet, st, out, error)) << error;
  EXPECT_EQ(out, (std::vector<std::optional<std::string>>{"2", "xyz"}));
  EXPECT_TRUE(st.long_data.empty()) << "MySQL forgets long data after the execute";
}

TEST(ExecuteParams, GarbageIsAnErrorNotACrash) {
  prepared_statement st;
  st.param_count = 3;
  std::vector<std::optional<std::string>> out;
  std::string error;
  EXPECT_FALSE(execute_params_as_text(pr::bytes{0x17, 1, 0}, st, out, error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(execute_params_as_text(pr::bytes{0x17, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0xfe}, st, out, error));
  EXPECT_FALSE(collect_long_data(pr::bytes{0x18, 1}, st));
}

}  // namespace
}  // namespace switchyard::proxy
