// Arguments common to the tools (schema, backfill, verify): --config FILE and --section.key=value
// overrides, read like the proxy's, then the settings loaded; the rest is the command's own.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "migrate/mysql_catalog.hpp"

namespace switchyard::cli {

struct tool_args {
  std::string config_path;
  std::vector<std::pair<std::string, std::string>> overrides;  // section.key -> value
  std::vector<std::string> rest;                               // the command's own arguments, in order
};

// Whether --help or -h is among the arguments.
[[nodiscard]] bool wants_help(int argc, char** argv) noexcept;

// Splits argv; an error message when --config has no file.
[[nodiscard]] std::string split_tool_args(int argc, char** argv, tool_args& out);

// split_tool_args, then the configuration loaded into `settings`: an error message or empty.
[[nodiscard]] std::string load_tool_settings(int argc, char** argv, tool_args& args, config::settings& settings);

// `databases` defaulted to migrate.databases, and the MySQL account checked: an error message or empty.
[[nodiscard]] std::string resolve_tool_databases(const config::settings& settings, std::vector<std::string>& databases);

// "a,b,,c" -> {a, b, c}: a --tables list (empty parts dropped).
[[nodiscard]] std::vector<std::string> split_commas(const std::string& text);

// The MySQL endpoint the tools read with: mysql.address and the migrate account.
[[nodiscard]] migrate::mysql_endpoint tool_endpoint(const config::settings& s);

}  // namespace switchyard::cli
