#include <csignal>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "common/log.hpp"
#include "config/config.hpp"
#include "proxy/runtime.hpp"
#include "proxy/server.hpp"

namespace switchyard::cli {

const char* version() { return "0.1.0"; }

namespace {
void print_proxy_help() {
  std::printf(
      "usage: switchyard proxy [--config FILE] [--check] [--section.key=value ...]\n"
      "\n"
      "Runs the MySQL-protocol proxy. Settings come from FILE (INI: [section] key = value),\n"
      "then from --section.key=value flags, which override the file. --check validates the\n"
      "configuration and exits.\n"
      "\n"
      "settings:\n%s",
      config::describe_keys().c_str());
}
}  // namespace

int run_proxy(int argc, char** argv) {
  std::string config_path;
  bool check_only = false;
  std::vector<std::pair<std::string, std::string>> overrides;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      print_proxy_help();
      return 0;
    }
    if (arg == "--check") {
      check_only = true;
      continue;
    }
    if (arg == "--config" || arg.rfind("--config=", 0) == 0) {
      if (arg == "--config") {
        if (i + 1 >= argc) {
          std::fprintf(stderr, "switchyard proxy: --config needs a file\n");
          return 2;
        }
        config_path = argv[++i];
      } else {
        config_path = arg.substr(9);
      }
      continue;
    }
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
      std::fprintf(stderr, "switchyard proxy: unexpected argument '%s' (settings are --section.key=value)\n",
                   arg.c_str());
      return 2;
    }
    overrides.emplace_back(arg.substr(2, eq - 2), arg.substr(eq + 1));
  }

  proxy::runtime rt;
  const config::load_result loaded = config::load(config_path, overrides, rt.settings);
  if (!loaded.ok) {
    std::fprintf(stderr, "switchyard: configuration error: %s\n", loaded.error.c_str());
    return 2;
  }
  log::set_level(rt.settings.proxy.log_level);
  std::string error;
  if (!proxy::make_tls_contexts(rt, error)) {
    std::fprintf(stderr, "switchyard: configuration error: %s\n", error.c_str());
    return 2;
  }
  rt.reload = [config_path, overrides](config::settings& out, std::string& why) {
    const config::load_result r = config::load(config_path, overrides, out);
    if (!r.ok) why = r.error;
    return r.ok;
  };
  if (check_only) {
    std::printf("configuration OK\n");
    return 0;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a client that vanishes must not kill the proxy
  proxy::server srv(rt);
  if (!srv.listen(error)) {
    std::fprintf(stderr, "switchyard: %s\n", error.c_str());
    return 1;
  }
  srv.run(true);
  return 0;
}

}  // namespace switchyard::cli
