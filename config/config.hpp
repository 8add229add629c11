// switchyard's configuration: an INI file ([section] key = value) whose every key can be
// overridden on the command line as --section.key=value. Unknown keys, bad values and
// inconsistent combinations are errors that name the key; nothing starts with a bad config.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/log.hpp"
#include "config/values.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::config {

using std::chrono::milliseconds;

enum class backend_tls : std::uint8_t { off, preferred, required };

struct proxy_settings {
  net_address listen{"127.0.0.1", 3307};
  unsigned workers = 0;  // event-loop threads; 0 = one per core
  unsigned max_connections = 4096;
  std::uint64_t max_allowed_packet = 64ull << 20;
  milliseconds connect_timeout{5'000};
  milliseconds handshake_timeout{10'000};
  milliseconds idle_timeout{8 * 3'600'000};
  milliseconds query_timeout{0};  // 0: a statement may run as long as MySQL lets it
  milliseconds shutdown_timeout{30'000};
  log::level log_level = log::level::info;
};

struct mysql_settings {
  net_address address{"127.0.0.1", 3306};
  backend_tls tls = backend_tls::off;
  std::string tls_ca_file;       // verify MySQL's certificate against this CA when set
  bool tls_verify_identity = false;
};

struct client_tls_settings {
  std::string cert_file;  // TLS for clients is offered when both files are set
  std::string key_file;
  bool required = false;  // refuse clients that do not use TLS
  [[nodiscard]] bool enabled() const { return !cert_file.empty(); }
};

struct postgresql_settings {
  std::string conninfo = "host=127.0.0.1 port=5432 dbname=postgres";
  unsigned pool_size = 4;  // connections the mirror and the divergence log share
};

// The migration's phase (issue plan: 0 mysql_only, 1 dual_write; later phases come with their issues).
enum class migration_phase : std::uint8_t { mysql_only, dual_write };
[[nodiscard]] std::string_view to_string(migration_phase p);

struct migration_settings {
  migration_phase phase = migration_phase::mysql_only;
};

// Phase 1's mirror of committed writes to PostgreSQL (proxy/dual_write.hpp).
struct mirror_settings {
  std::size_t queue_capacity = 10000;          // committed transactions waiting; beyond: recorded as divergent
  milliseconds apply_timeout{5'000};           // per PostgreSQL transaction
  std::string divergence_file = "switchyard-divergences.log";
  milliseconds ship_interval{1'000};           // how often the divergence file is shipped to PostgreSQL
  bool synchronous = false;                    // answer COMMIT only after PostgreSQL applied it
  milliseconds synchronous_timeout{1'000};     // then answer anyway (asynchronous for that transaction)
  std::vector<std::string> databases;          // MySQL databases mirrored; empty: every non-system one
  bool commit_order_from_gtid = true;          // order by the commits' GTIDs when MySQL provides them
  milliseconds reorder_window{20};             // how long a commit waits for earlier ones seen later
  std::string mysql_user;                      // account that reads MySQL's catalog and settings
  std::string mysql_password;
};

// How MySQL's types become PostgreSQL's: used by `switchyard schema` to create the tables and by
// every catalog the proxy and the tools load, so all agree on each column's PostgreSQL type.
struct schema_settings {
  sql::type_mapping_options types;
};

// The account and databases the phase-2 tools (schema, backfill, verify) read MySQL with.
struct migrate_settings {
  std::string mysql_user;                 // empty: mirror.mysql_user
  std::string mysql_password;             // with mysql_user; else mirror.mysql_password
  std::vector<std::string> databases;     // empty: mirror.databases
};

struct settings {
  proxy_settings proxy;
  mysql_settings mysql;
  client_tls_settings client_tls;
  postgresql_settings postgresql;
  migration_settings migration;
  mirror_settings mirror;
  schema_settings schema;
  migrate_settings migrate;
};

// One `section.key = value` with where it came from, for error messages.
struct setting_source {
  std::string key;
  std::string value;
  std::string origin;  // "file.conf:12" or "command line"
};

struct load_result {
  bool ok = false;
  std::string error;  // names the key (and file:line) and the problem
};

// Reads `path` (empty: no file) and applies `overrides` (section.key -> value) on top.
[[nodiscard]] load_result load(const std::string& path, const std::vector<std::pair<std::string, std::string>>& overrides,
                               settings& out);

// Parses INI text; `origin` names it in error messages.
[[nodiscard]] load_result parse_ini(std::string_view text, const std::string& origin,
                                    std::vector<setting_source>& out);

// Applies key/value pairs to `out` and checks the combination.
[[nodiscard]] load_result apply_settings(const std::vector<setting_source>& values, settings& out);

// Every key with its description and default, for --help and the README.
[[nodiscard]] std::string describe_keys();

}  // namespace switchyard::config
