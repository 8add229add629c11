#include "proxy/execute_params.hpp"

#include <charconv>
#include <cstdio>

#include "protocol/prepared.hpp"

namespace switchyard::proxy {
namespace pr = protocol;

namespace {

template <class Float>
std::string float_text(Float v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string datetime_text(const pr::mysql_datetime& d, pr::column_type type) {
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", d.year, d.month, d.day);
  if (type != pr::column_type::date && type != pr::column_type::newdate) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), " %02u:%02u:%02u", d.hour, d.minute, d.second);
    if (d.microsecond != 0) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06u", d.microsecond);
  }
  return buf;
}

std::string time_text(const pr::mysql_time& t) {
  char buf[48];
  const unsigned long hours = static_cast<unsigned long>(t.days) * 24 + t.hour;
  int n = std::snprintf(buf, sizeof buf, "%s%lu:%02u:%02u", t.negative ? "-" : "", hours, t.minute, t.second);
  if (t.microsecond != 0) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06u", t.microsecond);
  return buf;
}

std::optional<std::string> text_of(const pr::field_value& v, pr::column_type type) {
  return std::visit(
      [type](const auto& x) -> std::optional<std::string> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return std::nullopt;
        else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) return float_text(x);
        else if constexpr (std::is_same_v<T, std::string_view>) return std::string(x);
        else if constexpr (std::is_same_v<T, pr::mysql_datetime>) return datetime_text(x, type);
        else return time_text(x);
      },
      v);
}

}  // namespace

bool execute_params_as_text(pr::bytes_view payload, prepared_statement& statement,
                            std::vector<std::optional<std::string>>& out, std::string& error) {
  out.clear();
  pr::bytes long_bitmap((statement.param_count + 7) / 8, 0);
  for (const auto& [index, data] : statement.long_data)
    if (index < statement.param_count) long_bitmap[index / 8] |= static_cast<std::uint8_t>(1u << (index % 8));
  pr::stmt_execute_context ctx;
  ctx.param_count = statement.param_count;
  ctx.bound_types = statement.bound_types;
  ctx.long_data_bitmap = long_bitmap;
  pr::com_stmt_execute execute;
  if (pr::decode_com_stmt_execute(payload, ctx, execute) != pr::errc::ok) {
    error = "COM_STMT_EXECUTE did not decode";
    return false;
  }
  const auto& block = execute.params;
  if (block.values.size() < statement.param_count || block.types.size() < statement.param_count) {
    error = "COM_STMT_EXECUTE carries fewer parameters than were prepared";
    return false;
  }
  for (std::uint16_t i = 0; i < statement.param_count; ++i) {
    const auto long_value = statement.long_data.find(i);
    if (long_value != statement.long_data.end()) {
      out.emplace_back(long_value->second);
    } else if (pr::bitmap_bit(block.null_bitmap, i)) {
      out.emplace_back(std::nullopt);
    } else {
      out.push_back(text_of(block.values[i], block.types[i].type));
    }
  }
  statement.bound_types.assign(block.types.begin(), block.types.begin() + statement.param_count);
  statement.long_data.clear();
  return true;
}

bool collect_long_data(pr::bytes_view payload, prepared_statement& statement) {
  // [0x18][statement id: 4][parameter: 2][data]
  if (payload.size() < 7) return false;
  const auto param = static_cast<std::uint16_t>(payload[5] | payload[6] << 8);
  statement.long_data[param].append(pr::as_chars(payload.subspan(7)));
  return true;
}

}  // namespace switchyard::proxy
