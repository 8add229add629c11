#include "migrate/mysql_server_settings.hpp"

#include <cctype>

#include "migrate/mysql_client.hpp"

namespace switchyard::migrate {

namespace {
std::uint64_t digits_value(std::string_view text) {
  if (text.empty() || text.size() > 20) return 0;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}
}  // namespace

std::uint64_t gtid_sequence_of(std::string_view gtid) {
  if (gtid.find(',') != std::string_view::npos) return 0;  // several domains: no single order
  const std::size_t colon = gtid.rfind(':');                // MySQL: uuid:seq
  const std::size_t at = colon != std::string_view::npos ? colon : gtid.rfind('-');
  if (at == std::string_view::npos) return 0;
  return digits_value(gtid.substr(at + 1));
}

std::uint64_t executed_sequence_of(std::string_view gtid_executed, std::string_view server_uuid) {
  std::size_t start = 0;
  while (start < gtid_executed.size()) {
    std::size_t end = gtid_executed.find(',', start);
    if (end == std::string_view::npos) end = gtid_executed.size();
    std::string_view set = gtid_executed.substr(start, end - start);
    while (!set.empty() && (set.front() == ' ' || set.front() == '\n')) set.remove_prefix(1);
    start = end + 1;
    const std::size_t colon = set.find(':');
    if (colon == std::string_view::npos || colon != server_uuid.size()) continue;
    bool same = true;  // UUIDs compare without case
    for (std::size_t i = 0; i < colon && same; ++i)
      same = std::tolower(static_cast<unsigned char>(set[i])) == std::tolower(static_cast<unsigned char>(server_uuid[i]));
    if (!same) continue;
    const std::size_t last_colon = set.rfind(':');  // intervals "1-5:7-42": the last one ends highest
    std::string_view interval = set.substr(last_colon + 1);
    const std::size_t dash = interval.find('-');
    return digits_value(dash == std::string_view::npos ? interval : interval.substr(dash + 1));
  }
  return 0;
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
  if (!out.last_gtid) {
    std::string ignored;  // MariaDB has no @@gtid_mode / session_track_gtids: an error means "not MySQL 8"
    const auto r = mysql_client::query(
        m.get(), "SELECT @@global.gtid_mode, @@global.gtid_executed, @@server_uuid, @@session.session_track_gtids",
        ignored);
    if (r) {
      MYSQL_ROW row = mysql_fetch_row(r.get());
      unsigned long* lengths = row != nullptr ? mysql_fetch_lengths(r.get()) : nullptr;
      out.own_gtid = row != nullptr && mysql_client::field(row, lengths, 0) == "ON";
      if (out.own_gtid)
        out.binlog_seq = executed_sequence_of(mysql_client::field(row, lengths, 1), mysql_client::field(row, lengths, 2));
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
