// `switchyard verify`: MySQL and PostgreSQL compared table by table (counts, chunk checksums
// computed inside each database, bisection to the differing rows, a random sample), printed as a
// table or one JSON document; --repair re-copies the differing rows and those the dual write's
// divergence log names, then verifies them again. Each run is recorded in switchyard.verify_runs.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/tool_args.hpp"
#include "cli/verify_divergences.hpp"
#include "common/log.hpp"
#include "migrate/mysql_catalog.hpp"
#include "migrate/pg_client.hpp"
#include "migrate/verify_engine.hpp"
#include "migrate/verify_repair.hpp"
#include "migrate/verify_report.hpp"

namespace switchyard::cli {
namespace {

void print_help() {
  std::printf(
      "usage: switchyard verify [--config FILE] [--section.key=value ...] [--database DB ...] [--tables a,b]\n"
      "                         [--chunk-rows N] [--float-digits N] [--sample N] [--recheck-delay MS]\n"
      "                         [--json] [--repair]\n"
      "\n"
      "Compares every table of the databases (--database, else migrate.databases) on MySQL (mysql.address,\n"
      "migrate.mysql_user) and PostgreSQL (postgresql.conninfo): row counts and checksums of chunks of\n"
      "--chunk-rows keys (default 50000) computed inside each database over a rendering of each row that\n"
      "is the same on both engines (floats at --float-digits significant digits, default 15, FLOAT at\n"
      "most 6); a differing chunk is re-checked after --recheck-delay ms (default 500) and bisected down\n"
      "to its differing rows; --sample N keys per table are also compared value by value. A table without\n"
      "a primary or NOT NULL unique key is compared by count and whole-table checksum only.\n"
      "--tables: names (or db.name) to compare instead of all.\n"
      "--json: one JSON document instead of the table.\n"
      "--repair: re-copies the differing rows from MySQL's current values (deleting those MySQL no longer\n"
      "has), and the rows and tables the divergence log (switchyard_divergences) names in these databases,\n"
      "marks those records repaired, then verifies the repaired tables again (the report shows that\n"
      "second result).\n"
      "\n"
      "Exit status: 0 everything matches; 1 differences; 2 bad arguments or configuration, a server\n"
      "unreachable, an unknown table, a table that could not be compared or repaired.\n");
}

struct verify_options {
  std::vector<std::string> databases;
  std::vector<std::string> tables;
  migrate::verify_settings engine;
  bool json = false;
  bool repair = false;
};

bool parse_count(const std::string& text, std::uint64_t low, std::uint64_t high, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= low && out <= high;
}

// The command's own flags into `o`; an error message or empty.
std::string parse(const std::vector<std::string>& args, verify_options& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    const auto eq = flag.find('=');
    const bool has_value = flag.rfind("--", 0) == 0 && eq != std::string::npos;
    if (has_value) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (flag == "--json" || flag == "--repair") {
      if (has_value) return flag + " takes no value";
      (flag == "--json" ? o.json : o.repair) = true;
      continue;
    }
    const bool known = flag == "--database" || flag == "--tables" || flag == "--chunk-rows" || flag == "--float-digits" ||
                       flag == "--sample" || flag == "--recheck-delay";
    if (!known) return "unexpected argument '" + args[i] + "' (see switchyard verify --help)";
    if (!has_value) {
      if (i + 1 >= args.size()) return flag + " needs a value";
      value = args[++i];
    }
    std::uint64_t n = 0;
    if (flag == "--database") {
      o.databases.push_back(value);
    } else if (flag == "--tables") {
      o.tables = split_commas(value);
      if (o.tables.empty()) return "--tables needs at least one table name";
    } else if (flag == "--chunk-rows") {
      if (!parse_count(value, 1, 100000000, n)) return "--chunk-rows: expected a number from 1, got '" + value + "'";
      o.engine.chunk_rows = n;
    } else if (flag == "--float-digits") {
      if (!parse_count(value, 1, 17, n)) return "--float-digits: expected 1 to 17, got '" + value + "'";
      o.engine.render.float_digits = static_cast<unsigned>(n);
    } else if (flag == "--sample") {
      if (!parse_count(value, 0, 1000000, n)) return "--sample: expected a number of rows, got '" + value + "'";
      o.engine.sample = n;
    } else {
      if (!parse_count(value, 0, 600000, n)) return "--recheck-delay: expected milliseconds, got '" + value + "'";
      o.engine.recheck_delay_ms = static_cast<unsigned>(n);
    }
  }
  return {};
}

// The tables to compare: all of the databases', or the --tables names (table or db.table).
std::string select_tables(const sql::memory_catalog& catalog, const verify_options& o,
                          std::vector<const sql::table_info*>& out) {
  if (o.tables.empty()) {
    out = catalog.tables();
    return {};
  }
  for (const std::string& name : o.tables) {
    const auto dot = name.find('.');
    bool found = false;
    for (const std::string& db : o.databases) {
      if (dot != std::string::npos && name.substr(0, dot) != db) continue;
      if (const sql::table_info* t = catalog.find_table(db, dot == std::string::npos ? name : name.substr(dot + 1))) {
        out.push_back(t);
        found = true;
      }
    }
    if (!found) return "unknown table '" + name + "' (not a base table of " + [&] {
      std::string dbs;
      for (const auto& db : o.databases) dbs += (dbs.empty() ? "" : ", ") + db;
      return dbs;
    }() + ")";
  }
  return {};
}

struct repair_context {
  migrate::verifier& verifier;
  sql::memory_catalog& catalog;
  const migrate::mysql_endpoint& endpoint;
  const sql::type_mapping_options& types;
  const std::vector<std::string>& databases;  // the log's records of other databases are left for their runs
  migrate::zero_date_policy zero_dates;
  migrate::repair_summary summary;
  std::set<std::pair<std::string, std::string>> touched;  // (database, table) repaired
};

const sql::table_info* table_for(repair_context& r, const std::string& db, const std::string& table) {
  if (const sql::table_info* t = r.catalog.find_table(db, table)) return t;
  (void)migrate::load_mysql_catalog(r.endpoint, db, r.catalog, r.types);  // a database not compared this run
  return r.catalog.find_table(db, table);
}

void count(repair_context& r, const sql::table_info& t, const migrate::repair_outcome& outcome, bool whole) {
  if (!outcome.ok) {
    r.summary.errors.push_back(outcome.error);
    return;
  }
  r.summary.rows_deleted += outcome.deleted;
  r.summary.rows_copied += outcome.copied;
  r.summary.tables_recopied += whole ? 1 : 0;
  r.touched.insert({t.schema, t.name});
}

void repair_differences(repair_context& r, const std::vector<migrate::table_result>& results) {
  for (const auto& res : results) {
    if (!res.error.empty() || res.matches()) continue;
    const sql::table_info* t = r.catalog.find_table(res.database, res.table);
    if (t == nullptr) continue;
    if (res.key.empty() || res.checksum_differs) {  // no key to name rows by: the table again
      count(r, *t, migrate::repair_table(r.verifier.mysql(), r.verifier.postgresql(), *t, r.zero_dates), true);
      continue;
    }
    std::vector<migrate::key_value> keys;
    for (const auto& d : res.differences) keys.push_back(d.key);
    count(r, *t, migrate::repair_rows(r.verifier.mysql(), r.verifier.postgresql(), *t, res.key, keys, r.zero_dates),
          false);
  }
}

void repair_divergence_log(repair_context& r) {
  std::vector<pending_divergence> pending;
  std::string error;
  if (!read_divergences(r.verifier.postgresql(), pending, error)) {
    r.summary.errors.push_back("divergence log: " + error);
    return;
  }
  std::vector<std::string> repaired;
  for (const auto& p : pending) {
    const auto& d = p.record;
    if (std::find(r.databases.begin(), r.databases.end(), d.schema) == r.databases.end()) continue;
    const sql::table_info* t = table_for(r, d.schema, d.table);
    if (t == nullptr) {
      r.summary.errors.push_back("divergence " + p.id + ": no table " + d.schema + "." + d.table + " on MySQL");
      continue;
    }
    const std::vector<migrate::key_column> key = migrate::verify_key(*t);
    const bool whole = d.keys.empty() || key.size() != 1;  // the log names rows of one-column primary keys only
    std::vector<migrate::key_value> keys;
    for (const auto& k : d.keys) keys.push_back({k});
    const std::size_t errors = r.summary.errors.size();
    count(r, *t,
          whole ? migrate::repair_table(r.verifier.mysql(), r.verifier.postgresql(), *t, r.zero_dates)
                : migrate::repair_rows(r.verifier.mysql(), r.verifier.postgresql(), *t, key, keys, r.zero_dates),
          whole);
    if (r.summary.errors.size() == errors) repaired.push_back(p.id);
  }
  if (!mark_repaired(r.verifier.postgresql(), repaired, error))
    r.summary.errors.push_back("divergence log: " + error);
  else
    r.summary.divergences_repaired = repaired.size();
}

void record_run(PGconn* pg, double started_unix, const std::vector<migrate::table_result>& results, bool repaired,
                const std::string& summary) {
  std::string error;
  migrate::pg_client::rows rows;
  const bool ok =
      migrate::pg_client::exec(pg,
                               "BEGIN; " + std::string(migrate::pg_client::switchyard_ddl_lock) +
                                   "; CREATE SCHEMA IF NOT EXISTS switchyard; CREATE TABLE IF NOT EXISTS switchyard.verify_runs "
                               "(id bigserial PRIMARY KEY, started timestamptz NOT NULL, finished timestamptz NOT NULL, "
                               "ok boolean NOT NULL, tables integer NOT NULL, differing_rows bigint NOT NULL, "
                               "repaired boolean NOT NULL, summary jsonb NOT NULL); COMMIT",
                               error) &&
      migrate::pg_client::query(pg,
                                "INSERT INTO switchyard.verify_runs (started, finished, ok, tables, differing_rows, "
                                "repaired, summary) VALUES (to_timestamp($1::float8), now(), $2::boolean, $3::integer, "
                                "$4::bigint, $5::boolean, $6::jsonb) RETURNING id",
                                {std::to_string(started_unix), migrate::all_match(results) ? "true" : "false",
                                 std::to_string(results.size()), std::to_string(migrate::differing_rows(results)),
                                 repaired ? "true" : "false", summary},
                                rows, error);
  if (!ok) std::fprintf(stderr, "switchyard verify: warning: run not recorded in switchyard.verify_runs: %s\n", error.c_str());
}

}  // namespace

int run_verify(int argc, char** argv) {
  if (wants_help(argc, argv)) {
    print_help();
    return 0;
  }
  const double started_unix =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  tool_args args;
  config::settings settings;
  verify_options o;
  std::string error = load_tool_settings(argc, argv, args, settings);
  if (error.empty()) error = parse(args.rest, o);
  if (error.empty()) error = resolve_tool_databases(settings, o.databases);
  const auto fail = [](const std::string& message) {
    std::fprintf(stderr, "switchyard verify: %s\n", message.c_str());
    return 2;
  };
  if (!error.empty()) return fail(error);
  log::set_level(settings.proxy.log_level);
  o.engine.endpoint = tool_endpoint(settings);
  o.engine.pg_conninfo = settings.postgresql.conninfo;
  // An unreachable PostgreSQL that drops packets must not hang verify (key=value conninfo only).
  if (o.engine.pg_conninfo.find("connect_timeout") == std::string::npos && o.engine.pg_conninfo.find("://") == std::string::npos)
    o.engine.pg_conninfo += " connect_timeout=" + std::to_string(o.engine.endpoint.connect_timeout_seconds);

  sql::memory_catalog catalog;
  for (const std::string& db : o.databases) {
    const migrate::catalog_load_result loaded = migrate::load_mysql_catalog(o.engine.endpoint, db, catalog, settings.schema.types);
    if (!loaded.ok) return fail("catalog of " + db + ": " + loaded.error);
  }
  std::vector<const sql::table_info*> tables;
  if (error = select_tables(catalog, o, tables); !error.empty()) return fail(error);
  const std::unique_ptr<migrate::verifier> verifier = migrate::verifier::connect(o.engine, error);
  if (!verifier) return fail(error);

  std::vector<migrate::table_result> results;
  for (const sql::table_info* t : tables) results.push_back(verifier->verify_table(*t));

  std::optional<migrate::repair_summary> repair;
  if (o.repair) {
    repair_context r{*verifier, catalog, o.engine.endpoint, settings.schema.types, o.databases,
                     settings.schema.types.zero_dates_to_null ? migrate::zero_date_policy::null_if_nullable
                                                              : migrate::zero_date_policy::reject,
                     {}, {}};
    repair_differences(r, results);
    repair_divergence_log(r);
    for (const auto& [db, name] : r.touched) {  // verify again what was repaired
      const sql::table_info* t = catalog.find_table(db, name);
      if (t == nullptr) continue;
      migrate::table_result again = verifier->verify_table(*t);
      bool replaced = false;
      for (auto& res : results)
        if (res.database == db && res.table == name) {
          res = again;
          replaced = true;
        }
      if (!replaced) results.push_back(std::move(again));
    }
    repair = std::move(r.summary);
  }

  const std::string json = migrate::json_report(results, repair);
  if (o.json) std::printf("%s\n", json.c_str());
  else std::fputs(migrate::human_report(results, repair).c_str(), stdout);
  record_run(verifier->postgresql(), started_unix, results, o.repair, json);

  bool errors = repair && !repair->errors.empty();
  for (const auto& res : results) errors = errors || !res.error.empty();
  if (errors) return 2;
  return migrate::all_match(results) ? 0 : 1;
}

}  // namespace switchyard::cli
