// `switchyard backfill`: option parsing and the summary; the copying is migrate/backfill.
#include <unistd.h>

#include <boost/json.hpp>

#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/tool_args.hpp"
#include "config/config.hpp"
#include "migrate/backfill/backfill.hpp"

namespace switchyard::cli {
namespace {

void print_backfill_help() {
  std::fputs(
      "usage: switchyard backfill [--config FILE] [--database DB]... [--tables a,b] [--workers N]\n"
      "                           [--chunk-rows N] [--rate-rows N | --rate-mb N] [--progress auto|bar|json|none]\n"
      "                           [--lease-seconds N] [--restart] [--section.key=value ...]\n"
      "\n"
      "Copies every table of the databases (or the listed ones) from MySQL to the PostgreSQL tables\n"
      "`switchyard schema` created, in key-range chunks, checkpointed in PostgreSQL (schema switchyard):\n"
      "run it again after a crash and it copies exactly what is not done. Several processes may run at\n"
      "once on the same databases: they share the chunks.\n"
      "\n"
      "options:\n"
      "  --config FILE         settings (mysql.address, postgresql.conninfo, migrate.*, schema.*)\n"
      "  --database DB         a MySQL database to copy (repeatable; default: migrate.databases)\n"
      "  --tables a,db.b       only these tables\n"
      "  --workers N           worker threads (default 4)\n"
      "  --chunk-rows N        keys per chunk (default 10000)\n"
      "  --rate-rows N         at most N rows/s across the workers of this process\n"
      "  --rate-mb N           at most N MB/s (COPY data) across the workers of this process\n"
      "  --progress MODE       auto (a bar per table on a terminal, else JSON lines), bar, json, none\n"
      "  --lease-seconds N     a claimed chunk not finished within N s may be taken over (default 30)\n"
      "  --restart             forget the plan and progress of the selected tables, start over\n"
      "  --zero-dates POLICY   null (NULL when nullable, else reject the row; default), reject, infinity\n"
      "  --recheck-rounds K    re-check rounds per chunk against MySQL (default 3; 0: none)\n"
      "  --recheck-delay-ms N  delay before each re-check round (default 1000)\n"
      "  --recheck WHEN        auto (default): re-check chunks only while a dual-writing proxy is live\n"
      "                        (its heartbeat in PostgreSQL); always\n"
      "  --mirror-margin-ms N  a round starts once the dual write is N ms past the chunk's last MySQL\n"
      "                        snapshot (hand-over delay and clock skew; default 500)\n"
      "  --mirror-wait-s N     ...but waits at most N s for a lagging dual write (default 120)\n"
      "\n"
      "exit status: 0 every table copied, 1 some table failed, was refused or could not be reached,\n"
      "2 usage or configuration error.\n",
      stdout);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "switchyard backfill: %s\n", message.c_str());
  return 2;
}

template <typename T>
bool parse_number(const std::string& text, T& out, T minimum) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc() && r.ptr == text.data() + text.size() && out >= minimum;
}

void print_summary(const migrate::backfill_result& r, bool json) {
  if (json) {
    boost::json::array tables;
    for (const auto& t : r.tables)
      tables.push_back({{"table", t.table}, {"state", t.state}, {"rows", t.rows}, {"chunks_done", t.chunks_done},
                        {"chunks_total", t.chunks_total}, {"error", t.error}});
    boost::json::array divergent(r.divergent_keys.begin(), r.divergent_keys.end());
    const double rate = r.seconds > 0 ? static_cast<double>(r.rows_copied) / r.seconds : 0;
    boost::json::object o{{"summary", boost::json::object{{"tables", std::move(tables)},
                                                          {"rows_copied", r.rows_copied},
                                                          {"bytes_copied", r.bytes_copied},
                                                          {"rows_fixed_by_recheck", r.rows_fixed},
                                                          {"chunks_copied_with_recheck", r.chunks_copied_with_recheck},
                                                          {"recheck_rounds_past_wait_limit", r.rounds_past_wait_limit},
                                                          {"notes", boost::json::array(r.notes.begin(), r.notes.end())},
                                                          {"divergent_keys", std::move(divergent)},
                                                          {"seconds", r.seconds},
                                                          {"rows_per_s", static_cast<std::int64_t>(rate)},
                                                          {"exit_status", r.exit_status}}}};
    std::printf("%s\n", boost::json::serialize(o).c_str());
    return;
  }
  std::printf("\nbackfill summary: %llu rows copied by this process in %.1f s (%.0f rows/s), %zu fixed by re-checks\n",
              static_cast<unsigned long long>(r.rows_copied), r.seconds,
              r.seconds > 0 ? static_cast<double>(r.rows_copied) / r.seconds : 0.0, r.rows_fixed);
  for (const auto& t : r.tables)
    std::printf("  %-40s %-10s %10llu rows  %llu/%llu chunks%s%s\n", t.table.c_str(), t.state.c_str(),
                static_cast<unsigned long long>(t.rows), static_cast<unsigned long long>(t.chunks_done),
                static_cast<unsigned long long>(t.chunks_total), t.error.empty() ? "" : "  ", t.error.c_str());
  for (const auto& k : r.divergent_keys) std::printf("  still differing after re-checks (recorded for verify --repair): %s\n", k.c_str());
}

}  // namespace

int run_backfill(int argc, char** argv) {
  tool_args args;
  if (const auto error = split_tool_args(argc, argv, args); !error.empty()) return usage_error(error);
  migrate::backfill_options o;
  o.copier.lease_seconds = 30;
  std::vector<std::string> databases;
  std::string progress = "auto";
  const std::vector<std::string>& rest = args.rest;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    if (arg == "--help" || arg == "-h") {
      print_backfill_help();
      return 0;
    }
    if (arg == "--restart") {
      o.restart = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    std::string value;
    const bool known = name == "--database" || name == "--tables" || name == "--workers" || name == "--chunk-rows" ||
                       name == "--rate-rows" || name == "--rate-mb" || name == "--progress" || name == "--lease-seconds" ||
                       name == "--zero-dates" || name == "--recheck-rounds" || name == "--recheck-delay-ms" ||
                       name == "--recheck" || name == "--mirror-margin-ms" || name == "--mirror-wait-s";
    if (!known) return usage_error("unknown option '" + arg + "' (see switchyard backfill --help)");
    if (eq != std::string::npos) value = arg.substr(eq + 1);
    else if (i + 1 < rest.size()) value = rest[++i];
    else return usage_error(name + " needs a value");
    double mb = 0;
    if (name == "--database") databases.push_back(value);
    else if (name == "--tables") o.tables = split_commas(value);
    else if (name == "--progress") progress = value;
    else if (name == "--workers" && !parse_number(value, o.workers, 1u)) return usage_error("--workers: expected a number >= 1, got '" + value + "'");
    else if (name == "--chunk-rows" && !parse_number<std::uint64_t>(value, o.chunk_rows, 1)) return usage_error("--chunk-rows: expected a number >= 1, got '" + value + "'");
    else if (name == "--rate-rows" && !parse_number(value, o.rate_rows, 1.0)) return usage_error("--rate-rows: expected a positive number, got '" + value + "'");
    else if (name == "--rate-mb") {
      if (!parse_number(value, mb, 0.001)) return usage_error("--rate-mb: expected a positive number, got '" + value + "'");
      o.rate_bytes = mb * 1024 * 1024;
    } else if (name == "--lease-seconds" && !parse_number(value, o.copier.lease_seconds, 1u)) return usage_error("--lease-seconds: expected a number >= 1, got '" + value + "'");
    else if (name == "--zero-dates" && !migrate::parse_zero_date_policy(value, o.copier.zero_dates)) return usage_error("--zero-dates: expected null, reject or infinity, got '" + value + "'");
    else if (name == "--recheck-rounds" && !parse_number(value, o.copier.recheck_rounds, 0u)) return usage_error("--recheck-rounds: expected a number >= 0, got '" + value + "'");
    else if (name == "--recheck") {
      if (value != "auto" && value != "always") return usage_error("--recheck: expected auto or always, got '" + value + "'");
      o.recheck_always = value == "always";
    } else if (name == "--mirror-margin-ms") {
      unsigned ms = 0;
      if (!parse_number(value, ms, 0u)) return usage_error("--mirror-margin-ms: expected a number >= 0, got '" + value + "'");
      o.mirror_margin = std::chrono::milliseconds(ms);
    } else if (name == "--mirror-wait-s") {
      unsigned sec = 0;
      if (!parse_number(value, sec, 0u)) return usage_error("--mirror-wait-s: expected a number >= 0, got '" + value + "'");
      o.mirror_wait_limit = std::chrono::seconds(sec);
    }
    else if (name == "--recheck-delay-ms") {
      unsigned ms = 0;
      if (!parse_number(value, ms, 0u)) return usage_error("--recheck-delay-ms: expected a number >= 0, got '" + value + "'");
      o.recheck_delay = std::chrono::milliseconds(ms);
    }
  }
  if (o.rate_rows > 0 && o.rate_bytes > 0) return usage_error("--rate-rows and --rate-mb cannot be combined");
  if (progress == "auto") o.progress = migrate::progress_mode::automatic;
  else if (progress == "bar") o.progress = migrate::progress_mode::bar;
  else if (progress == "json") o.progress = migrate::progress_mode::json;
  else if (progress == "none") o.progress = migrate::progress_mode::none;
  else return usage_error("--progress: expected auto, bar, json or none, got '" + progress + "'");

  config::settings settings;
  const config::load_result loaded = config::load(args.config_path, args.overrides, settings);
  if (!loaded.ok) return usage_error("configuration error: " + loaded.error);
  if (const auto error = resolve_tool_databases(settings, databases); !error.empty()) return usage_error(error);
  o.mysql = tool_endpoint(settings);
  o.pg_conninfo = settings.postgresql.conninfo;
  o.databases = databases;
  o.types = settings.schema.types;

  const bool json = o.progress == migrate::progress_mode::json ||
                    (o.progress != migrate::progress_mode::bar && !isatty(fileno(stdout)));
  const migrate::backfill_result r = migrate::run_backfill(o, stdout);
  for (const auto& n : r.notes) std::fprintf(stderr, "switchyard backfill: %s\n", n.c_str());
  for (const auto& e : r.errors) std::fprintf(stderr, "switchyard backfill: error: %s\n", e.c_str());
  if (r.exit_status == 2) return 2;
  print_summary(r, json);
  return r.exit_status;
}

}  // namespace switchyard::cli
