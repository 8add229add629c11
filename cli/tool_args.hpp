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

// Splits argv; an error message when --config has no file.
[[nodiscard]] std::string split_tool_args(int argc, char** argv, tool_args& out);

// The MySQL endpoint the tools read with: mysql.address and the migrate account.
[[nodiscard]] migrate::mysql_endpoint tool_endpoint(const config::settings& s);

}  // namespace switchyard::cli
