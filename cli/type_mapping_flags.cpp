#include "cli/type_mapping_flags.hpp"

#include <array>

namespace switchyard::cli {
namespace {

constexpr std::array<std::string_view, 9> flags = {"--tinyint1", "--bit1",  "--char",  "--time",  "--enum",
                                                    "--timestamp", "--case-insensitive", "--type", "--column"};

// A two-way choice: `value` must be `a` or `b`; sets `out` to (value == b).
bool choice(std::string_view flag, std::string_view value, std::string_view a, std::string_view b, bool& out,
            std::string& error) {
  if (value != a && value != b) {
    error = std::string(flag) + ": expected " + std::string(a) + " or " + std::string(b) + ", got '" +
            std::string(value) + "'";
    return true;
  }
  out = value == b;
  return true;
}

// FROM=TO for --type and --column.
bool mapping(std::string_view flag, std::string_view value, std::map<std::string, std::string, std::less<>>& out,
             std::string& error) {
  const auto eq = value.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == value.size()) {
    error = std::string(flag) + ": expected " + (flag == "--type" ? "MYSQL_TYPE=PG_TYPE" : "TABLE.COLUMN=PG_TYPE") +
            ", got '" + std::string(value) + "'";
    return true;
  }
  std::string key(value.substr(0, eq));
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (flag == "--column" && key.find('.') == std::string::npos) {
    error = "--column: expected TABLE.COLUMN=PG_TYPE, got '" + std::string(value) + "'";
    return true;
  }
  out[key] = std::string(value.substr(eq + 1));
  return true;
}

}  // namespace

std::string_view type_mapping_flags_help() {
  return "  --tinyint1 boolean|smallint     tinyint(1) columns (default boolean)\n"
         "  --bit1 bit|boolean              bit(1) columns (default bit: an integer like every BIT(n))\n"
         "  --char char|varchar             char(n) columns (default varchar(n); char(n) is blank-padded)\n"
         "  --time time|interval            time columns (default time; MySQL's range is wider)\n"
         "  --enum check|type               enum: text with a CHECK (default) or an enum type\n"
         "  --timestamp timestamptz|timestamp   MySQL timestamp columns (default timestamptz)\n"
         "  --case-insensitive plain|citext|collation:NAME   ..._ci text columns (default plain)\n"
         "  --type MYSQL_TYPE=PG_TYPE       override a type (\"tinyint(1)=smallint\", \"json=json\")\n"
         "  --column TABLE.COLUMN=PG_TYPE   override one column\n";
}

bool is_type_mapping_flag(std::string_view flag) {
  for (const auto f : flags)
    if (f == flag) return true;
  return false;
}

bool apply_type_mapping_flag(std::string_view flag, std::string_view value, sql::type_mapping_options& o,
                             std::string& error) {
  bool second = false;
  if (flag == "--tinyint1") {
    choice(flag, value, "boolean", "smallint", second, error);
    o.tinyint1_as_boolean = !second;
  } else if (flag == "--bit1") {
    choice(flag, value, "bit", "boolean", o.bit1_as_boolean, error);
  } else if (flag == "--char") {
    choice(flag, value, "char", "varchar", o.char_as_varchar, error);
  } else if (flag == "--time") {
    choice(flag, value, "time", "interval", o.time_as_interval, error);
  } else if (flag == "--enum") {
    choice(flag, value, "check", "type", o.enum_as_type, error);
  } else if (flag == "--timestamp") {
    choice(flag, value, "timestamptz", "timestamp", second, error);
    o.timestamps = second ? sql::timestamp_policy::without_time_zone : sql::timestamp_policy::with_time_zone;
  } else if (flag == "--case-insensitive") {
    constexpr std::string_view prefix = "collation:";
    if (value == "plain") {
      o.case_insensitive = sql::case_insensitive_policy::plain;
    } else if (value == "citext") {
      o.case_insensitive = sql::case_insensitive_policy::citext;
    } else if (value.substr(0, prefix.size()) == prefix && value.size() > prefix.size()) {
      o.case_insensitive = sql::case_insensitive_policy::collation;
      o.ci_collation = std::string(value.substr(prefix.size()));
    } else {
      error = "--case-insensitive: expected plain, citext or collation:NAME, got '" + std::string(value) + "'";
    }
  } else if (flag == "--type") {
    mapping(flag, value, o.type_overrides, error);
  } else if (flag == "--column") {
    mapping(flag, value, o.column_overrides, error);
  } else {
    return false;
  }
  return true;
}

}  // namespace switchyard::cli
