#include "cli/type_mapping_flags.hpp"

#include <array>

#include "config/type_mapping_keys.hpp"

namespace switchyard::cli {
namespace {

constexpr std::array<std::string_view, 10> flags = {"--tinyint1",  "--bit1",           "--char", "--time",
                                                     "--enum",      "--timestamp",      "--zero-dates",
                                                     "--case-insensitive", "--type",    "--column"};

}  // namespace

std::string_view type_mapping_flags_help() {
  return "  --tinyint1 boolean|smallint     tinyint(1) columns (default boolean)\n"
         "  --bit1 bit|boolean              bit(1) columns (default bit: an integer like every BIT(n))\n"
         "  --char char|varchar             char(n) columns (default varchar(n); char(n) is blank-padded)\n"
         "  --time time|interval            time columns (default time; MySQL's range is wider)\n"
         "  --enum check|type               enum: text with a CHECK (default) or an enum type\n"
         "  --timestamp timestamptz|timestamp   MySQL timestamp columns (default timestamptz)\n"
         "  --zero-dates null|error         zero-date DEFAULTs: dropped with NOT NULL (default), or refused\n"
         "  --case-insensitive plain|citext|collation:NAME   ..._ci text columns (default plain)\n"
         "  --type MYSQL_TYPE=PG_TYPE       override a type (\"tinyint(1)=smallint\", \"json=json\")\n"
         "  --column TABLE.COLUMN=PG_TYPE   override one column\n";
}

bool is_type_mapping_flag(std::string_view flag) {
  for (const auto f : flags)
    if (f == flag) return true;
  return false;
}

// --type and --column take FROM=TO; the others a choice (the configuration's [schema] names).
bool apply_type_mapping_flag(std::string_view flag, std::string_view value, sql::type_mapping_options& o,
                             std::string& error) {
  if (!is_type_mapping_flag(flag)) return false;
  std::string name(flag.substr(2));
  for (char& c : name)
    if (c == '-') c = '_';
  std::string_view to = value;
  if (flag == "--type" || flag == "--column") {
    const auto eq = value.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      error = std::string(flag) + ": expected " + (flag == "--type" ? "MYSQL_TYPE=PG_TYPE" : "TABLE.COLUMN=PG_TYPE") +
              ", got '" + std::string(value) + "'";
      return true;
    }
    name += "." + std::string(value.substr(0, eq));
    to = value.substr(eq + 1);
  }
  if (!config::apply_type_mapping_key(name, to, o, error) && error.rfind(name + ": ", 0) == 0)
    error = std::string(flag) + error.substr(name.size());  // named as the user typed it
  return true;
}

}  // namespace switchyard::cli
