#include "config/type_mapping_keys.hpp"

#include "common/str_cat.hpp"

namespace switchyard::config {
namespace {

// A two-way choice: `value` must be `a` or `b`; sets `out` to (value == b).
bool choice(std::string_view name, std::string_view value, std::string_view a, std::string_view b, bool& out,
            std::string& error) {
  if (value != a && value != b) {
    error = str_cat(name, ": expected ", a, " or ", b, ", got '", value, "'");
    return false;
  }
  out = value == b;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool apply_type_mapping_key(std::string_view name, std::string_view value, sql::type_mapping_options& o,
                            std::string& error) {
  error.clear();
  bool second = false;
  if (name == "tinyint1") {
    if (!choice(name, value, "boolean", "smallint", second, error)) return false;
    o.tinyint1_as_boolean = !second;
    return true;
  }
  if (name == "bit1") return choice(name, value, "bit", "boolean", o.bit1_as_boolean, error);
  if (name == "char") return choice(name, value, "char", "varchar", o.char_as_varchar, error);
  if (name == "time") return choice(name, value, "time", "interval", o.time_as_interval, error);
  if (name == "enum") return choice(name, value, "check", "type", o.enum_as_type, error);
  if (name == "zero_dates") {
    if (!choice(name, value, "null", "error", second, error)) return false;
    o.zero_dates_to_null = !second;
    return true;
  }
  if (name == "timestamp") {
    if (!choice(name, value, "timestamptz", "timestamp", second, error)) return false;
    o.timestamps = second ? sql::timestamp_policy::without_time_zone : sql::timestamp_policy::with_time_zone;
    return true;
  }
  if (name == "case_insensitive") {
    constexpr std::string_view prefix = "collation:";
    if (value == "plain") {
      o.case_insensitive = sql::case_insensitive_policy::plain;
    } else if (value == "citext") {
      o.case_insensitive = sql::case_insensitive_policy::citext;
    } else if (value.substr(0, prefix.size()) == prefix && value.size() > prefix.size()) {
      o.case_insensitive = sql::case_insensitive_policy::collation;
      o.ci_collation = std::string(value.substr(prefix.size()));
    } else {
      error = str_cat(name, ": expected plain, citext or collation:NAME, got '", value, "'");
      return false;
    }
    return true;
  }
  const bool type = name.substr(0, 5) == "type.";
  const bool column = name.substr(0, 7) == "column.";
  if (!type && !column) return false;
  const std::string key = lower(name.substr(type ? 5 : 7));
  if (key.empty() || (column && (key.find('.') == std::string::npos || key.front() == '.' || key.back() == '.'))) {
    error = str_cat(name, ": expected ", type ? "type.MYSQL_TYPE" : "column.TABLE.COLUMN", " = PG_TYPE");
    return false;
  }
  if (value.empty()) {
    error = str_cat(name, ": the PostgreSQL type is empty");
    return false;
  }
  (type ? o.type_overrides : o.column_overrides)[key] = std::string(value);
  return true;
}

}  // namespace switchyard::config
