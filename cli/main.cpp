// The switchyard executable: one binary, one subcommand per tool.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "cli/commands.hpp"

namespace {
void print_usage() {
  std::fputs(
      "usage: switchyard <command> [options]\n"
      "\n"
      "commands:\n"
      "  proxy     run the MySQL-protocol proxy (switchyard proxy --help)\n"
      "  translate translate MySQL statements to PostgreSQL (switchyard translate --help)\n"
      "  schema    PostgreSQL DDL from a MySQL database, printed or applied (switchyard schema --help)\n"
      "  backfill  copy MySQL tables into PostgreSQL, resumable (switchyard backfill --help)\n"
      "  verify    compare MySQL and PostgreSQL, optionally repair (switchyard verify --help)\n"
      "  version   print the version\n"
      "\n"
      "Later phases add ctl.\n",
      stdout);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage();
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "proxy") return switchyard::cli::run_proxy(argc - 2, argv + 2);
  if (command == "translate") return switchyard::cli::run_translate(argc - 2, argv + 2);
  if (command == "schema") return switchyard::cli::run_schema(argc - 2, argv + 2);
  if (command == "backfill") return switchyard::cli::run_backfill(argc - 2, argv + 2);
  if (command == "verify") return switchyard::cli::run_verify(argc - 2, argv + 2);
  if (command == "version" || command == "--version") {
    std::printf("switchyard %s\n", switchyard::cli::version());
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    print_usage();
    return 0;
  }
  std::fprintf(stderr, "switchyard: unknown command '%s'\n\n", argv[1]);
  print_usage();
  return 2;
}
