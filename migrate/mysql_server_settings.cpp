#include "migrate/mysql_server_settings.hpp"

#include "migrate/mysql_client.hpp"

namespace switchyard::migrate {

std::uint64_t gtid_sequence_of(std::string_view gtid) {
  if (gtid.find(',') != std::string_view::npos) return 0;  // several domains: no single order
  const std::size_t dash = gtid.rfind('-');
  if (dash == std::string_view::npos || dash + 1 == gtid.size()) return 0;
  std::uint64_t value = 0;
  for (const char c : gtid.substr(dash + 1)) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

bool load_mysql_server_settings(const mysql_endpoint& endpoint, mysql_server_settings& out, std::string& error) {
  const mysql_client::connection m = mysql_client::connect(endpoint, error);
  if (!m) return false;
  {
    const auto r = mysql_client::query(m.get(),
                                       "SELECT @@global.time_zone, @@system_time_zone, @@global.sql_mode, "
                                       "@@global.auto_increment_increment, @@innodb_autoinc_lock_mode, "
                                       "@@innodb_rollback_on_timeout, "
                                       "CONCAT(IF(NOW() < UTC_TIMESTAMP(), '-', '+'), "
                                       "TIME_FORMAT(ABS(TIMEDIFF(NOW(), UTC_TIMESTAMP())), '%H:%i'))",
                                       error);
    if (!r) return false;
    MYSQL_ROW row = mysql_fetch_row(r.get());
    unsigned long* lengths = mysql_fetch_lengths(r.get());
    if (row == nullptr) {
      error = "server settings: no row";
      return false;
    }
    out.time_zone = mysql_client::field(row, lengths, 0);
    out.system_time_zone = mysql_client::field(row, lengths, 1);
    out.sql_mode = mysql_client::field(row, lengths, 2);
    out.auto_increment_increment = std::stoull("0" + mysql_client::field(row, lengths, 3));
    out.autoinc_lock_mode = static_cast<unsigned>(std::stoul("0" + mysql_client::field(row, lengths, 4)));
    out.rollback_on_timeout = mysql_client::field(row, lengths, 5) == "1";
    out.system_utc_offset = mysql_client::field(row, lengths, 6);
  }
  {
    std::string ignored;  // MySQL has no @@last_gtid: an error means "not available"
    const auto r = mysql_client::query(m.get(), "SELECT @@log_bin, @@gtid_binlog_pos", ignored);
    if (r) {
      MYSQL_ROW row = mysql_fetch_row(r.get());
      out.last_gtid = row != nullptr && row[0] != nullptr && std::string_view(row[0]) == "1";
      if (out.last_gtid) out.binlog_seq = gtid_sequence_of(mysql_client::field(row, mysql_fetch_lengths(r.get()), 1));
    }
  }
  const auto r = mysql_client::query(m.get(),
                                     "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN "
                                     "('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1",
                                     error);
  if (!r) return false;
  out.databases.clear();
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) out.databases.push_back(mysql_client::field(row, mysql_fetch_lengths(r.get()), 0));
  return true;
}

}  // namespace switchyard::migrate
