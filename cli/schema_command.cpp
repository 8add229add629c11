// `switchyard schema`: a MySQL database's tables as PostgreSQL DDL, printed or applied, and the
// catalog the translator uses (migrate/schema_plan.hpp says what goes in which section).
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/tool_args.hpp"
#include "cli/type_mapping_flags.hpp"
#include "common/log.hpp"
#include "migrate/mysql_catalog.hpp"
#include "migrate/schema_apply.hpp"
#include "migrate/schema_plan.hpp"
#include "migrate/schema_reader.hpp"
#include "sql/catalog_json.hpp"

namespace switchyard::cli {
namespace {

void print_help() {
  std::printf(
      "usage: switchyard schema [--config FILE] [--section.key=value ...] [--database DB ...]\n"
      "                         [--section pre-data|post-data|all] [--apply] [--skip-existing]\n"
      "                         [--catalog-out FILE] [type-mapping flags]\n"
      "\n"
      "Reads each database's tables from MySQL's information_schema and writes PostgreSQL DDL:\n"
      "  pre-data   schema, tables, primary/unique keys, indexes, identities, defaults, enum checks,\n"
      "             ON UPDATE CURRENT_TIMESTAMP triggers (before the dual write and the backfill)\n"
      "  post-data  foreign keys, identity sequences moved past the highest id (after the backfill)\n"
      "Printed on stdout (default: all), or run on PostgreSQL (postgresql.conninfo) with --apply,\n"
      "one transaction per database and section. The databases are --database, else\n"
      "migrate.databases; MySQL is mysql.address with migrate.mysql_user/mysql_password.\n"
      "--apply also stores the catalog (every column's MySQL and PostgreSQL type) in\n"
      "switchyard.catalog; --catalog-out writes it as JSON (switchyard translate --catalog).\n"
      "Type mapping: the configuration's [schema] section, overridden by these flags:\n%s"
      "\n"
      "Exit status: 0 done; 1 a table could not be translated or applied (the others were);\n"
      "2 bad arguments or configuration, a server unreachable.\n",
      std::string(type_mapping_flags_help()).c_str());
}

struct schema_options {
  std::vector<std::string> databases;
  migrate::schema_section section = migrate::schema_section::all;
  bool apply = false;
  bool skip_existing = false;
  std::string catalog_out;
};

// The command's own flags into `o` and the type mapping; an error message or empty.
std::string parse(const std::vector<std::string>& args, schema_options& o, sql::type_mapping_options& types) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    const auto eq = flag.find('=');
    const bool inline_value = flag.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    const auto take = [&](std::string& out) {
      if (inline_value) { out = value; return true; }
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    if (flag == "--apply") {
      o.apply = true;
    } else if (flag == "--skip-existing") {
      o.skip_existing = true;
    } else if (flag == "--database" || flag == "--section" || flag == "--catalog-out" || is_type_mapping_flag(flag)) {
      if (!take(value)) return flag + " needs a value";
      if (flag == "--database") {
        o.databases.push_back(value);
      } else if (flag == "--catalog-out") {
        o.catalog_out = value;
      } else if (flag == "--section") {
        if (value == "pre-data") o.section = migrate::schema_section::pre_data;
        else if (value == "post-data") o.section = migrate::schema_section::post_data;
        else if (value == "all") o.section = migrate::schema_section::all;
        else return "--section: expected pre-data, post-data or all, got '" + value + "'";
      } else {
        std::string error;
        (void)apply_type_mapping_flag(flag, value, types, error);
        if (!error.empty()) return error;
      }
    } else {
      return "unexpected argument '" + args[i] + "' (see switchyard schema --help)";
    }
  }
  return {};
}

void print_plan(const migrate::schema_plan& plan, migrate::schema_section section, const std::string& source) {
  std::printf("-- switchyard schema: MySQL database %s (%s)\n", plan.database.c_str(), source.c_str());
  for (const auto& t : plan.tables)
    for (const std::string& note : t.notes) std::printf("-- note: %s\n", note.c_str());
  if (section != migrate::schema_section::post_data) {
    std::printf("\n-- pre-data\n");
    for (const std::string& statement : plan.preamble) std::printf("%s;\n", statement.c_str());
    for (const auto& t : plan.tables) {
      if (!t.error.empty()) {
        std::printf("\n-- table %s NOT CREATED: %s\n", t.name.c_str(), t.error.c_str());
        continue;
      }
      std::printf("\n-- table %s\n%s;\n", t.name.c_str(), t.create.c_str());
    }
  }
  if (section != migrate::schema_section::pre_data) {
    std::printf("\n-- post-data (after the backfill)\n");
    for (const auto& t : plan.tables) {
      for (const auto& fk : t.foreign_keys) std::printf("%s;\n", fk.sql.c_str());
      for (const std::string& move : t.sequences) std::printf("%s;\n", move.c_str());
    }
  }
}

}  // namespace

int run_schema(int argc, char** argv) {
  if (wants_help(argc, argv)) {
    print_help();
    return 0;
  }
  tool_args args;
  config::settings settings;
  schema_options o;
  std::string error = load_tool_settings(argc, argv, args, settings);
  sql::type_mapping_options types = settings.schema.types;
  if (error.empty()) error = parse(args.rest, o, types);
  if (error.empty()) error = resolve_tool_databases(settings, o.databases);
  if (!error.empty()) {
    std::fprintf(stderr, "switchyard schema: %s\n", error.c_str());
    return 2;
  }
  log::set_level(settings.proxy.log_level);
  const migrate::mysql_endpoint endpoint = tool_endpoint(settings);
  const std::string source = "MySQL at " + endpoint.host + ":" + std::to_string(endpoint.port);
  int status = 0;
  sql::memory_catalog catalog;
  for (const std::string& db : o.databases) {
    const migrate::schema_read_result read = migrate::read_mysql_schema(endpoint, db);
    if (!read.ok) {
      std::fprintf(stderr, "switchyard schema: %s\n", read.error.c_str());
      return 2;
    }
    const migrate::schema_plan plan = migrate::plan_schema(db, read.tables, types);
    for (const auto& t : plan.tables)
      if (!t.error.empty()) {
        std::fprintf(stderr, "switchyard schema: %s.%s: %s\n", db.c_str(), t.name.c_str(), t.error.c_str());
        status = 1;
      }
    sql::memory_catalog one;
    const migrate::catalog_load_result loaded = migrate::load_mysql_catalog(endpoint, db, one, types);
    if (!loaded.ok) {
      std::fprintf(stderr, "switchyard schema: catalog of %s: %s\n", db.c_str(), loaded.error.c_str());
      return 2;
    }
    for (const sql::table_info* t : one.tables()) catalog.add_table(*t);
    if (!o.apply) {
      print_plan(plan, o.section, source);
      continue;
    }
    const migrate::schema_apply_result applied =
        migrate::apply_schema(settings.postgresql.conninfo, plan, o.section, o.skip_existing, sql::catalog_to_json(one));
    if (!applied.ok) {
      std::fprintf(stderr, "switchyard schema: %s: %s\n", db.c_str(), applied.error.c_str());
      status = applied.error.rfind("cannot connect", 0) == 0 ? 2 : 1;
      continue;
    }
    for (const auto& t : plan.tables)
      for (const std::string& note : t.notes) std::fprintf(stderr, "switchyard schema: note: %s\n", note.c_str());
    std::printf("%s: %zu table(s) created, %zu skipped (already there), %zu foreign key(s), %zu sequence(s) moved\n",
                db.c_str(), applied.created.size(), applied.skipped.size(), applied.foreign_keys, applied.sequences);
  }
  if (!o.catalog_out.empty()) {
    std::ofstream out(o.catalog_out, std::ios::trunc);
    out << sql::catalog_to_json(catalog) << "\n";
    if (!out) {
      std::fprintf(stderr, "switchyard schema: cannot write %s\n", o.catalog_out.c_str());
      return 2;
    }
  }
  return status;
}

}  // namespace switchyard::cli
