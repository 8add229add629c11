#include "cli/tool_args.hpp"

namespace switchyard::cli {

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

migrate::mysql_endpoint tool_endpoint(const config::settings& s) {
  migrate::mysql_endpoint e;
  e.host = s.mysql.address.host;
  e.port = s.mysql.address.port;
  e.user = s.migrate.mysql_user;
  e.password = s.migrate.mysql_password;
  e.connect_timeout_seconds = static_cast<unsigned>(std::max<std::int64_t>(1, s.proxy.connect_timeout.count() / 1000));
  return e;
}

}  // namespace switchyard::cli
