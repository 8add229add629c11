// The MySQL server settings the phase-1 mirror reproduces or must know (read once at startup and
// on reload): the sessions' defaults (time zone, sql_mode), how auto-increment ids are handed
// out, whether a lock wait timeout rolls back the whole transaction, and the user databases.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/mysql_catalog.hpp"

namespace switchyard::migrate {

struct mysql_server_settings {
  std::string time_zone = "SYSTEM";   // @@global.time_zone: what new sessions start with
  std::string system_time_zone;       // @@system_time_zone: what SYSTEM means ("UTC", "CET", ...)
  std::string system_utc_offset;      // SYSTEM's offset now, "+HH:MM": the fallback when that name is unknown
  std::string sql_mode;               // @@global.sql_mode
  std::uint64_t auto_increment_increment = 1;
  unsigned autoinc_lock_mode = 1;     // 2 (interleaved): ids of multi-row inserts are unknowable
  bool rollback_on_timeout = false;   // @@innodb_rollback_on_timeout
  std::vector<std::string> databases; // every database but the system ones, by name
  // MariaDB with its binary log on: each session's @@last_gtid names its last commit, whose
  // sequence number is MySQL's commit order.
  bool last_gtid = false;
  // MySQL 8 with gtid_mode ON: a session can have each commit's GTID ("server_uuid:N") reported in
  // its OK packet (session_track_gtids = OWN_GTID); N is the commit order of this server.
  bool own_gtid = false;
  // The sequence number of the binary log's last GTID when read (MariaDB @@gtid_binlog_pos; MySQL
  // the end of this server's interval in @@gtid_executed), 0 when unknown or when several
  // replication domains are in use.
  std::uint64_t binlog_seq = 0;
  // Either way, commits carry MySQL's order.
  [[nodiscard]] bool commit_order_known() const noexcept { return last_gtid || own_gtid; }
};

// The sequence number of one GTID: MariaDB "domain-server-seq", MySQL "uuid:seq"; 0 for an empty,
// malformed or multi-domain ("0-1-5,1-2-9") value.
[[nodiscard]] std::uint64_t gtid_sequence_of(std::string_view gtid);
// The last sequence number of `server_uuid`'s interval in MySQL's @@gtid_executed
// ("uuid:1-5:7-42,\nother:1-3" -> 42 for uuid); 0 when absent or malformed.
[[nodiscard]] std::uint64_t executed_sequence_of(std::string_view gtid_executed, std::string_view server_uuid);

// Connects, reads, disconnects; false with `error` when the server cannot be read.
[[nodiscard]] bool load_mysql_server_settings(const mysql_endpoint& endpoint, mysql_server_settings& out,
                                              std::string& error);

}  // namespace switchyard::migrate
