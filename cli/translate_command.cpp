// `switchyard translate`: MySQL statements in, PostgreSQL statements out, with the catalog the
// translator would use in the proxy (a JSON file, a MySQL DDL file, or a live information_schema).
#include <boost/json.hpp>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/type_mapping_flags.hpp"
#include "migrate/mysql_catalog.hpp"
#include "sql/catalog_json.hpp"
#include "sql/classifier.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/ddl_parser.hpp"
#include "sql/digest.hpp"
#include "sql/translate.hpp"

namespace switchyard::cli {
namespace {

void print_translate_help() {
  std::fputs(
      "usage: switchyard translate [options] [--] [STATEMENT ...]\n"
      "\n"
      "Translates MySQL statements to PostgreSQL. Statements come from the arguments (each may hold\n"
      "several, separated by ';'), or from standard input when there are none. Prints one PostgreSQL\n"
      "text per statement, ending in ';'. DDL statements also update the catalog (with a current\n"
      "database), so later statements see the tables they create.\n"
      "\n"
      "options:\n"
      "  --catalog FILE        tables and column types: FILE.json (catalog JSON) or FILE.sql (MySQL\n"
      "                        DDL, applied in --database)\n"
      "  --mysql HOST:PORT     read the catalog of --database from a live MySQL information_schema\n"
      "  --user U, --password P   credentials for --mysql\n"
      "  --database DB         the current database (unqualified table names)\n"
      "  --sql-mode MODES      comma-separated: ANSI_QUOTES, NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT\n"
      "  --digest              also print each statement's digest and fingerprint\n"
      "  --classify            also print each statement's classification\n"
      "  --json                one JSON object per statement: mysql, postgresql or unsupported\n"
      "                        {construct, position}, and digest, fingerprint, classification when asked\n"
      "  --print-catalog       print the catalog as JSON (for --catalog FILE.json) and exit\n"
      "\n"
      "type mapping (MySQL -> PostgreSQL column types, for DDL and the catalog):\n",
      stdout);
  std::fputs(std::string(type_mapping_flags_help()).c_str(), stdout);
  std::fputs(
      "\n"
      "exit status: 0 all translated, 1 some statement unsupported (the reason is printed),\n"
      "2 usage or configuration error.\n",
      stdout);
}

struct settings {
  std::vector<std::string> statements_args;  // statements given as arguments
  std::string catalog_file;
  std::string mysql_address;
  std::string user;
  std::string password;
  std::string database;
  sql::sql_mode mode;
  bool digest = false;
  bool classify = false;
  bool json = false;
  bool print_catalog = false;
  sql::type_mapping_options types;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "switchyard translate: %s\n", message.c_str());
  return 2;
}

bool parse_sql_mode(std::string_view text, sql::sql_mode& mode, std::string& error) {
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string flag(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    for (char& c : flag) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (flag == "ANSI_QUOTES") mode.ansi_quotes = true;
    else if (flag == "NO_BACKSLASH_ESCAPES") mode.no_backslash_escapes = true;
    else if (flag == "PIPES_AS_CONCAT") mode.pipes_as_concat = true;
    else if (flag == "ANSI") mode.ansi_quotes = mode.pipes_as_concat = true;
    else if (!flag.empty()) {
      error = "--sql-mode: unknown mode '" + flag + "' (known: ANSI_QUOTES, NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT, ANSI)";
      return false;
    }
  }
  return true;
}

// Parses the arguments; an error message when they are not usable.
std::string parse_arguments(int argc, char** argv, settings& s, bool& help) {
  const auto value_of = [&](int& i, std::string_view name, std::string& out) -> std::string {
    const std::string arg = argv[i];
    const std::string prefix = std::string(name) + "=";
    if (arg.rfind(prefix, 0) == 0) {
      out = arg.substr(prefix.size());
      return {};
    }
    if (i + 1 >= argc) return std::string(name) + " needs a value";
    out = argv[++i];
    return {};
  };
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto is = [&](std::string_view name) { return arg == name || arg.rfind(std::string(name) + "=", 0) == 0; };
    std::string error;
    if (arg == "--help" || arg == "-h") {
      help = true;
      return {};
    } else if (arg == "--digest") {
      s.digest = true;
    } else if (arg == "--classify") {
      s.classify = true;
    } else if (arg == "--json") {
      s.json = true;
    } else if (arg == "--print-catalog") {
      s.print_catalog = true;
    } else if (is("--catalog")) {
      error = value_of(i, "--catalog", s.catalog_file);
    } else if (is("--mysql")) {
      error = value_of(i, "--mysql", s.mysql_address);
    } else if (is("--user")) {
      error = value_of(i, "--user", s.user);
    } else if (is("--password")) {
      error = value_of(i, "--password", s.password);
    } else if (is("--database")) {
      error = value_of(i, "--database", s.database);
    } else if (const auto eq = arg.find('='); is_type_mapping_flag(arg.substr(0, eq))) {
      std::string value;
      const std::string flag = arg.substr(0, eq);
      error = value_of(i, flag, value);
      if (error.empty()) (void)apply_type_mapping_flag(flag, value, s.types, error);
    } else if (is("--sql-mode")) {
      std::string modes;
      error = value_of(i, "--sql-mode", modes);
      if (error.empty() && !parse_sql_mode(modes, s.mode, error)) return error;
    } else if (arg == "--") {  // the rest are statements, even when they start with --
      for (++i; i < argc; ++i) s.statements_args.emplace_back(argv[i]);
      break;
    } else if (arg.rfind("--", 0) == 0) {
      return "unknown option '" + arg + "' (see switchyard translate --help)";
    } else {
      s.statements_args.push_back(arg);
    }
    if (!error.empty()) return error;
  }
  if (!s.catalog_file.empty() && !s.mysql_address.empty()) return "--catalog and --mysql cannot be combined";
  if (!s.mysql_address.empty() && s.database.empty()) return "--mysql needs --database";
  if (!s.mysql_address.empty() && s.user.empty()) return "--mysql needs --user";
  return {};
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string load_catalog(const settings& s, sql::memory_catalog& catalog) {
  if (!s.catalog_file.empty()) {
    const bool json = ends_with(s.catalog_file, ".json");
    if (!json && !ends_with(s.catalog_file, ".sql"))
      return "--catalog: '" + s.catalog_file + "' must end in .json or .sql";
    std::string text;
    if (!read_file(s.catalog_file, text)) return "cannot read catalog file '" + s.catalog_file + "'";
    if (json) {
      const auto r = sql::catalog_from_json(text, catalog, s.types);
      if (!r.ok) return s.catalog_file + ": " + r.error;
      return {};
    }
    if (s.database.empty()) return "--catalog " + s.catalog_file + " (MySQL DDL) needs --database";
    const auto r = sql::load_catalog_from_schema_sql(text, s.database, catalog, s.types, s.mode);
    if (!r.ok) return s.catalog_file + ": at byte " + std::to_string(r.position) + ": " + r.error;
    return {};
  }
  if (!s.mysql_address.empty()) {
    migrate::mysql_endpoint e;
    const auto colon = s.mysql_address.rfind(':');
    if (colon == std::string::npos || colon == 0) return "--mysql: expected HOST:PORT, got '" + s.mysql_address + "'";
    e.host = s.mysql_address.substr(0, colon);
    const std::string port = s.mysql_address.substr(colon + 1);
    unsigned value = 0;
    const auto r = std::from_chars(port.data(), port.data() + port.size(), value);
    if (r.ec != std::errc() || r.ptr != port.data() + port.size() || value == 0 || value > 65535)
      return "--mysql: '" + port + "' is not a port number";
    e.port = static_cast<std::uint16_t>(value);
    e.user = s.user;
    e.password = s.password;
    const auto loaded = migrate::load_mysql_catalog(e, s.database, catalog, s.types);
    if (!loaded.ok) return loaded.error;
    for (const auto& w : loaded.warnings) std::fprintf(stderr, "switchyard translate: warning: %s\n", w.c_str());
  }
  return {};
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

boost::json::object classification_json(const sql::statement_facts& f) {
  boost::json::array tables;
  for (const auto& t : f.table_list()) {
    boost::json::object o{{"table", t.table}, {"written", t.written}};
    if (!t.schema.empty()) o["schema"] = t.schema;
    tables.push_back(std::move(o));
  }
  boost::json::object o{{"kind", sql::to_string(f.kind)},
                        {"reads", f.reads},
                        {"writes", f.writes},
                        {"tables", std::move(tables)},
                        {"eligible_for_postgresql", f.eligible_for_postgresql}};
  if (!f.eligible_for_postgresql) o["reason"] = sql::to_string(f.reason);
  return o;
}

std::string classification_text(const sql::statement_facts& f) {
  std::string out = "kind=" + std::string(sql::to_string(f.kind)) + " reads=" + (f.reads ? "yes" : "no") +
                    " writes=" + (f.writes ? "yes" : "no") + " tables=";
  bool first = true;
  for (const auto& t : f.table_list()) {
    if (!first) out += ',';
    first = false;
    if (!t.schema.empty()) out += std::string(t.schema) + ".";
    out += t.table;
    if (t.written) out += "(w)";
  }
  if (first) out += '-';
  out += f.eligible_for_postgresql ? " postgresql=eligible" : " postgresql=" + std::string(sql::to_string(f.reason));
  return out;
}

}  // namespace

int run_translate(int argc, char** argv) {
  settings s;
  bool help = false;
  if (const auto error = parse_arguments(argc, argv, s, help); !error.empty()) return usage_error(error);
  if (help) {
    print_translate_help();
    return 0;
  }
  sql::memory_catalog catalog;
  if (const auto error = load_catalog(s, catalog); !error.empty()) return usage_error(error);
  if (s.print_catalog) {
    std::printf("%s\n", sql::catalog_to_json(catalog).c_str());
    return 0;
  }

  std::vector<std::string> sources = s.statements_args;
  if (sources.empty()) sources.emplace_back(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::vector<std::string_view> statements;
  for (const auto& text : sources) sql::split_statements(text, s.mode, statements);
  if (statements.empty()) return usage_error("no statements to translate");

  int status = 0;
  std::size_t index = 0;
  for (const auto statement : statements) {
    ++index;
    sql::translate_options options;
    options.mode = s.mode;
    options.current_database = s.database;
    options.tables = &catalog;
    options.types = &s.types;
    const bool ddl = sql::looks_like_ddl(statement, s.mode);  // DDL also updates the catalog
    const auto result = sql::translate(statement, options);
    if (result.ok && ddl && !s.database.empty()) (void)sql::apply_ddl(statement, s.database, catalog, s.types, s.mode);
    if (!result.ok) status = 1;
    const auto digest = s.digest ? sql::digest_of(statement, s.mode) : sql::digest{};
    const auto facts = s.classify ? sql::classify(statement, s.mode) : sql::statement_facts{};

    if (s.json) {
      boost::json::object o{{"mysql", statement}};
      if (result.ok) {
        o["postgresql"] = result.output.text;
      } else {
        o["unsupported"] = boost::json::object{{"construct", result.reason.construct}, {"position", result.reason.position}};
      }
      if (s.digest) {
        o["digest"] = digest.text;
        o["fingerprint"] = hex64(digest.fingerprint);
      }
      if (s.classify) o["classification"] = classification_json(facts);
      std::printf("%s\n", boost::json::serialize(o).c_str());
      continue;
    }
    if (s.digest) std::printf("-- digest %s: %s\n", hex64(digest.fingerprint).c_str(), digest.text.c_str());
    if (s.classify) std::printf("-- classify: %s\n", classification_text(facts).c_str());
    if (result.ok) {
      if (result.output.text.empty()) std::printf("-- nothing to do on PostgreSQL\n");
      else std::printf("%s;\n", result.output.text.c_str());
    } else {
      std::printf("-- unsupported: %s at byte %u\n", result.reason.construct.c_str(), result.reason.position);
      std::fprintf(stderr, "switchyard translate: statement %zu: unsupported: %s at byte %u: %.*s\n", index,
                   result.reason.construct.c_str(), result.reason.position, static_cast<int>(statement.size()),
                   statement.data());
    }
  }
  return status;
}

}  // namespace switchyard::cli
