#include "cli/tool_args.hpp"

#include <algorithm>
#include <string_view>

namespace switchyard::cli {

bool wants_help(int argc, char** argv) noexcept {
  for (int i = 0; i < argc; ++i)
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") return true;
  return false;
}

std::string split_tool_args(int argc, char** argv, tool_args& out) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config") {
      if (i + 1 >= argc) return "--config needs a file";
      out.config_path = argv[++i];
      continue;
    }
    if (arg.rfind("--config=", 0) == 0) {
      out.config_path = arg.substr(9);
      continue;
    }
    // --section.key=value: a dot in the name before '='
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos && arg.substr(0, eq).find('.') != std::string::npos) {
      out.overrides.emplace_back(arg.substr(2, eq - 2), arg.substr(eq + 1));
      continue;
    }
    out.rest.push_back(arg);
  }
  return {};
}

std::string load_tool_settings(int argc, char** argv, tool_args& args, config::settings& settings) {
  std::string error = split_tool_args(argc, argv, args);
  if (!error.empty()) return error;
  const config::load_result loaded = config::load(args.config_path, args.overrides, settings);
  return loaded.ok ? std::string() : "configuration error: " + loaded.error;
}

std::string resolve_tool_databases(const config::settings& settings, std::vector<std::string>& databases) {
  if (databases.empty()) databases = settings.migrate.databases;
  if (databases.empty()) return "no database: give --database DB or set migrate.databases (or mirror.databases)";
  if (settings.migrate.mysql_user.empty()) return "no MySQL account: set migrate.mysql_user (or mirror.mysql_user)";
  return {};
}

migrate::mysql_endpoint tool_endpoint(const config::settings& s) {
  migrate::mysql_endpoint e;
  e.host = s.mysql.address.host;
  e.port = s.mysql.address.port;
  e.user = s.migrate.mysql_user;
  e.password = s.migrate.mysql_password;
  e.connect_timeout_seconds = static_cast<unsigned>(std::max<std::int64_t>(1, s.proxy.connect_timeout.count() / 1000));
  return e;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = std::min(text.find(',', at), text.size());
    if (comma > at) out.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

}  // namespace switchyard::cli
