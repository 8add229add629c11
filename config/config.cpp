#include "config/config.hpp"

#include <fstream>
#include <functional>
#include <sstream>

#include "common/str_cat.hpp"
#include "config/type_mapping_keys.hpp"

namespace switchyard::config {
namespace {

using setter = std::function<bool(std::string_view value, settings& s, std::string& error)>;

struct key_spec {
  const char* key;
  const char* help;
  setter set;
};

template <class Section>
setter duration_key(Section settings::*section, milliseconds Section::*member, bool zero_allowed) {
  return [section, member, zero_allowed](std::string_view v, settings& s, std::string& e) {
    milliseconds d{};
    if (!parse_duration(v, d, e)) return false;
    if (d.count() == 0 && !zero_allowed) { e = "must be greater than 0"; return false; }
    (s.*section).*member = d;
    return true;
  };
}

// "a, b,c" -> {"a", "b", "c"}; an empty name is an error.
bool parse_name_list(std::string_view v, std::vector<std::string>& out, std::string& e) {
  out.clear();
  while (!v.empty()) {
    const auto comma = v.find(',');
    std::string_view name = v.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) { e = "empty database name"; return false; }
    out.emplace_back(name);
    v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
  }
  return true;
}

// A [schema] type-mapping choice (config/type_mapping_keys.hpp).
setter schema_key(std::string_view name) {
  return [name](std::string_view v, settings& s, std::string& e) {
    if (config::apply_type_mapping_key(name, v, s.schema.types, e)) return true;
    if (e.rfind(std::string(name) + ": ", 0) == 0) e.erase(0, name.size() + 2);
    return false;
  };
}

const std::vector<key_spec>& key_specs() {
  static const std::vector<key_spec> specs = {
      {"proxy.listen", "address clients connect to (default 127.0.0.1:3307)",
       [](std::string_view v, settings& s, std::string& e) { return parse_address(v, s.proxy.listen, e); }},
      {"proxy.workers", "event-loop threads, 0 = one per core (default 0)",
       [](std::string_view v, settings& s, std::string& e) {
         std::uint64_t n = 0;
         if (!parse_uint(v, 0, 256, n, e)) return false;
         s.proxy.workers = static_cast<unsigned>(n);
         return true;
       }},
      {"proxy.max_connections", "client connections at once; more get MySQL's error 1040 (default 4096)",
       [](std::string_view v, settings& s, std::string& e) {
         std::uint64_t n = 0;
         if (!parse_uint(v, 1, 1'000'000, n, e)) return false;
         s.proxy.max_connections = static_cast<unsigned>(n);
         return true;
       }},
      {"proxy.max_allowed_packet", "largest client message, like MySQL's max_allowed_packet (default 64MiB)",
       [](std::string_view v, settings& s, std::string& e) {
         std::uint64_t n = 0;
         if (!parse_size(v, n, e)) return false;
         if (n < 1024 || n > (1ull << 30)) { e = "must be between 1KiB and 1GiB"; return false; }
         s.proxy.max_allowed_packet = n;
         return true;
       }},
      {"proxy.connect_timeout", "time to open a MySQL connection (default 5s)",
       duration_key(&settings::proxy, &proxy_settings::connect_timeout, false)},
      {"proxy.handshake_timeout", "time for a client to authenticate (default 10s)",
       duration_key(&settings::proxy, &proxy_settings::handshake_timeout, false)},
      {"proxy.idle_timeout", "close client sessions idle this long (default 8h)",
       duration_key(&settings::proxy, &proxy_settings::idle_timeout, false)},
      {"proxy.query_timeout", "close a session whose MySQL response stalls this long, 0 = never (default 0)",
       duration_key(&settings::proxy, &proxy_settings::query_timeout, true)},
      {"proxy.shutdown_timeout", "on SIGTERM, time running statements get to finish (default 30s)",
       duration_key(&settings::proxy, &proxy_settings::shutdown_timeout, true)},
      {"proxy.log_level", "debug, info, warn or error (default info)",
       [](std::string_view v, settings& s, std::string& e) {
         if (log::parse_level(v, s.proxy.log_level)) return true;
         e = str_cat("'", v, "' is not a level (debug, info, warn, error)");
         return false;
       }},
      {"mysql.address", "MySQL (or MariaDB) server (default 127.0.0.1:3306)",
       [](std::string_view v, settings& s, std::string& e) { return parse_address(v, s.mysql.address, e); }},
      {"mysql.tls", "TLS to MySQL: off, preferred or required (default off)",
       [](std::string_view v, settings& s, std::string& e) {
         if (v == "off") s.mysql.tls = backend_tls::off;
         else if (v == "preferred") s.mysql.tls = backend_tls::preferred;
         else if (v == "required") s.mysql.tls = backend_tls::required;
         else { e = str_cat("'", v, "' is not off, preferred or required"); return false; }
         return true;
       }},
      {"mysql.tls_ca_file", "CA certificate(s) to verify MySQL's certificate (default: no verification)",
       [](std::string_view v, settings& s, std::string&) { s.mysql.tls_ca_file = std::string(v); return true; }},
      {"mysql.tls_verify_identity", "also check MySQL's certificate names its host (default false)",
       [](std::string_view v, settings& s, std::string& e) { return parse_bool(v, s.mysql.tls_verify_identity, e); }},
      {"client_tls.cert_file", "PEM certificate chain offered to clients (TLS is off without it)",
       [](std::string_view v, settings& s, std::string&) { s.client_tls.cert_file = std::string(v); return true; }},
      {"client_tls.key_file", "PEM private key of that certificate",
       [](std::string_view v, settings& s, std::string&) { s.client_tls.key_file = std::string(v); return true; }},
      {"client_tls.required", "refuse clients that do not use TLS (default false)",
       [](std::string_view v, settings& s, std::string& e) { return parse_bool(v, s.client_tls.required, e); }},
      {"postgresql.conninfo", "libpq connection string of the PostgreSQL target (used from phase 1 on)",
       [](std::string_view v, settings& s, std::string&) { s.postgresql.conninfo = std::string(v); return true; }},
      {"postgresql.pool_size", "PostgreSQL connections of the mirror and divergence log (default 4)",
       [](std::string_view v, settings& s, std::string& e) {
         std::uint64_t n = 0;
         if (!parse_uint(v, 1, 64, n, e)) return false;
         s.postgresql.pool_size = static_cast<unsigned>(n);
         return true;
       }},
      {"migration.phase", "mysql_only (phase 0) or dual_write (phase 1); SIGHUP rereads it (default mysql_only)",
       [](std::string_view v, settings& s, std::string& e) {
         if (v == "mysql_only" || v == "0") s.migration.phase = migration_phase::mysql_only;
         else if (v == "dual_write" || v == "1") s.migration.phase = migration_phase::dual_write;
         else { e = "must be mysql_only or dual_write (later phases are not available yet)"; return false; }
         return true;
       }},
      {"mirror.queue_capacity", "committed transactions waiting for PostgreSQL; more are recorded as divergent (default 10000)",
       [](std::string_view v, settings& s, std::string& e) {
         std::uint64_t n = 0;
         if (!parse_uint(v, 1, 10'000'000, n, e)) return false;
         s.mirror.queue_capacity = n;
         return true;
       }},
      {"mirror.apply_timeout", "time PostgreSQL gets to apply one transaction (default 5s)",
       duration_key(&settings::mirror, &mirror_settings::apply_timeout, false)},
      {"mirror.divergence_file", "local append-only log of what PostgreSQL did not get (default switchyard-divergences.log)",
       [](std::string_view v, settings& s, std::string& e) {
         if (v.empty()) { e = "must not be empty"; return false; }
         s.mirror.divergence_file = std::string(v);
         return true;
       }},
      {"mirror.ship_interval", "how often the divergence file is copied to PostgreSQL (default 1s)",
       duration_key(&settings::mirror, &mirror_settings::ship_interval, false)},
      {"mirror.synchronous", "answer a commit only after PostgreSQL applied it (default false)",
       [](std::string_view v, settings& s, std::string& e) { return parse_bool(v, s.mirror.synchronous, e); }},
      {"mirror.synchronous_timeout", "synchronous mode: answer anyway after this long (default 1s)",
       duration_key(&settings::mirror, &mirror_settings::synchronous_timeout, false)},
      {"mirror.databases", "comma-separated MySQL databases to mirror (default: every non-system database)",
       [](std::string_view v, settings& s, std::string& e) { return parse_name_list(v, s.mirror.databases, e); }},
      {"mirror.commit_order", "gtid (MySQL's commit order from @@last_gtid when its binlog is on) or observed (default gtid)",
       [](std::string_view v, settings& s, std::string& e) {
         if (v == "gtid") s.mirror.commit_order_from_gtid = true;
         else if (v == "observed") s.mirror.commit_order_from_gtid = false;
         else { e = "must be gtid or observed"; return false; }
         return true;
       }},
      {"mirror.reorder_window", "gtid order: how long a commit waits for earlier ones the proxy saw later (default 20ms)",
       duration_key(&settings::mirror, &mirror_settings::reorder_window, false)},
      {"mirror.mysql_user", "MySQL account that reads the catalog and server settings (needed for dual_write)",
       [](std::string_view v, settings& s, std::string&) { s.mirror.mysql_user = std::string(v); return true; }},
      {"mirror.mysql_password", "its password",
       [](std::string_view v, settings& s, std::string&) { s.mirror.mysql_password = std::string(v); return true; }},
      {"migrate.mysql_user", "MySQL account of schema, backfill and verify (default: mirror.mysql_user)",
       [](std::string_view v, settings& s, std::string&) { s.migrate.mysql_user = std::string(v); return true; }},
      {"migrate.mysql_password", "its password (default: mirror.mysql_password)",
       [](std::string_view v, settings& s, std::string&) { s.migrate.mysql_password = std::string(v); return true; }},
      {"migrate.databases", "comma-separated MySQL databases the tools work on (default: mirror.databases)",
       [](std::string_view v, settings& s, std::string& e) { return parse_name_list(v, s.migrate.databases, e); }},
      {"schema.tinyint1", "tinyint(1) columns become boolean or smallint (default boolean)", schema_key("tinyint1")},
      {"schema.bit1", "bit(1) columns: bit (an integer like every BIT(n)) or boolean (default bit)", schema_key("bit1")},
      {"schema.char", "char(n) columns: varchar (MySQL strips trailing blanks) or char (default varchar)",
       schema_key("char")},
      {"schema.time", "time columns: time or interval (MySQL's range is wider; default time)", schema_key("time")},
      {"schema.enum", "enum columns: check (text with a CHECK) or type (an enum type) (default check)",
       schema_key("enum")},
      {"schema.timestamp", "MySQL timestamp columns: timestamptz or timestamp (default timestamptz)",
       schema_key("timestamp")},
      {"schema.zero_dates", "MySQL zero dates: null (a zero-date DEFAULT is dropped with NOT NULL) or error (default null)",
       schema_key("zero_dates")},
      {"schema.case_insensitive", "..._ci text columns: plain, citext or collation:NAME (default plain)",
       schema_key("case_insensitive")},
      {"schema.type.<MYSQL TYPE>", "override a type, e.g. [schema.type] tinyint(1) = smallint", nullptr},
      {"schema.column.<TABLE.COLUMN>", "override one column, e.g. [schema.column] orders.total = numeric(12,2)",
       nullptr},
  };
  return specs;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool readable(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

load_result parse_ini(std::string_view text, const std::string& origin, std::vector<setting_source>& out) {
  std::string section;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    const std::string where = str_cat(origin, ":", line_no);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) return {false, str_cat(where, ": malformed section header '", line, "'")};
      section = std::string(trim(line.substr(1, line.size() - 2)));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) return {false, str_cat(where, ": expected 'key = value', got '", line, "'")};
    if (section.empty()) return {false, str_cat(where, ": key '", trim(line.substr(0, eq)), "' is outside any [section]")};
    std::string_view value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    out.push_back({str_cat(section, ".", trim(line.substr(0, eq))), std::string(value), where});
  }
  return {true, {}};
}

load_result apply_settings(const std::vector<setting_source>& values, settings& out) {
  for (const setting_source& v : values) {
    std::string error;
    // [schema.type] and [schema.column]: the key names the MySQL type or column overridden
    if (v.key.rfind("schema.type.", 0) == 0 || v.key.rfind("schema.column.", 0) == 0) {
      const std::string name = v.key.substr(7);  // "type.<...>" / "column.<...>"
      if (!apply_type_mapping_key(name, v.value, out.schema.types, error)) {
        if (error.rfind(name + ": ", 0) == 0) error.erase(0, name.size() + 2);
        return {false, str_cat(v.origin, ": ", v.key, ": ", error)};
      }
      continue;
    }
    const key_spec* spec = nullptr;
    for (const key_spec& k : key_specs())
      if (v.key == k.key && k.set) spec = &k;
    if (spec == nullptr) return {false, str_cat(v.origin, ": unknown key '", v.key, "'")};
    if (!spec->set(v.value, out, error)) return {false, str_cat(v.origin, ": ", v.key, ": ", error)};
  }
  const client_tls_settings& tls = out.client_tls;
  if (tls.cert_file.empty() != tls.key_file.empty())
    return {false, "client_tls.cert_file and client_tls.key_file must be set together"};
  if (tls.required && !tls.enabled()) return {false, "client_tls.required needs client_tls.cert_file and key_file"};
  if (tls.enabled() && !readable(tls.cert_file))
    return {false, str_cat("client_tls.cert_file: cannot read '", tls.cert_file, "'")};
  if (tls.enabled() && !readable(tls.key_file))
    return {false, str_cat("client_tls.key_file: cannot read '", tls.key_file, "'")};
  if (!out.mysql.tls_ca_file.empty() && !readable(out.mysql.tls_ca_file))
    return {false, str_cat("mysql.tls_ca_file: cannot read '", out.mysql.tls_ca_file, "'")};
  if (out.mysql.tls_verify_identity && out.mysql.tls_ca_file.empty())
    return {false, "mysql.tls_verify_identity needs mysql.tls_ca_file"};
  if (out.migrate.mysql_user.empty()) {
    out.migrate.mysql_user = out.mirror.mysql_user;
    if (out.migrate.mysql_password.empty()) out.migrate.mysql_password = out.mirror.mysql_password;
  }
  if (out.migrate.databases.empty()) out.migrate.databases = out.mirror.databases;
  if (out.migration.phase != migration_phase::mysql_only && out.mirror.mysql_user.empty())
    return {false, "migration.phase dual_write needs mirror.mysql_user (the account that reads MySQL's catalog)"};
  return {true, {}};
}

load_result load(const std::string& path, const std::vector<std::pair<std::string, std::string>>& overrides,
                 settings& out) {
  std::vector<setting_source> values;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) return {false, str_cat("cannot read configuration file '", path, "'")};
    std::stringstream text;
    text << in.rdbuf();
    load_result parsed = parse_ini(text.str(), path, values);
    if (!parsed.ok) return parsed;
  }
  for (const auto& [key, value] : overrides) values.push_back({key, value, str_cat("--", key)});
  return apply_settings(values, out);
}

std::string_view to_string(migration_phase p) {
  switch (p) {
    case migration_phase::mysql_only: return "mysql_only";
    case migration_phase::dual_write: return "dual_write";
  }
  return "?";
}

std::string describe_keys() {
  std::string out;
  for (const key_spec& k : key_specs()) str_append(out, "  --", k.key, "=...\n      ", k.help, "\n");
  return out;
}

}  // namespace switchyard::config
