// The generic response packets: OK (0x00, or 0xFE as a result-set terminator under
// CLIENT_DEPRECATE_EOF), ERR (0xFF), the classic EOF (0xFE), and MariaDB's progress report, which
// wears an ERR header but is not an error.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

// Entry types of the session state information in OK packets (CLIENT_SESSION_TRACK).
enum class session_track_type : std::uint8_t {
  system_variables = 0,             // name, value
  schema = 1,                       // value: the new default schema
  state_change = 2,                 // value: "1" (sent bare, not length-encoded)
  gtids = 3,                        // gtid_encoding, value
  transaction_characteristics = 4,  // value: SQL that would recreate them
  transaction_state = 5,            // value: 8 state characters
};

struct session_track_entry {
  session_track_type type = session_track_type::system_variables;
  std::string_view name;           // system_variables only
  std::string_view value;          // for unknown types: the entry's raw data
  std::uint8_t gtid_encoding = 0;  // gtids only (0: text)
};

struct ok_packet {
  std::uint8_t header = 0x00;  // 0x00, or 0xFE when it ends a result set under DEPRECATE_EOF
  std::uint64_t affected_rows = 0;
  std::uint64_t last_insert_id = 0;
  std::uint16_t status_flags = 0;
  std::uint16_t warnings = 0;
  // Human-readable info ("Records: 3  Duplicates: 0  Warnings: 0"). Length-encoded on the wire
  // whatever the MySQL docs say about string<EOF> (MySQL and MariaDB servers and clients agree);
  // servers leave it out entirely when it is empty and nothing follows: has_info false.
  std::string_view info;
  bool has_info = false;
  std::vector<session_track_entry> session_state;  // when status_flags & session_state_changed
};

// `capabilities` are the session's: with session_track, session state may follow the info.
[[nodiscard]] errc decode_ok_packet(bytes_view payload, std::uint32_t capabilities, ok_packet& out);
void encode_ok_packet(const ok_packet& in, std::uint32_t capabilities, bytes& out);

struct err_packet {
  std::uint16_t error_code = 0;
  bool has_sql_state = true;   // false for errors sent before the handshake (no '#' marker)
  std::string_view sql_state;  // 5 characters
  std::string_view message;
};

// A MariaDB progress report (error code 0xFFFF) is errc::unexpected_message here, so that it can
// never be taken for an error: see decode_mariadb_progress_report.
[[nodiscard]] errc decode_err_packet(bytes_view payload, err_packet& out);
void encode_err_packet(const err_packet& in, bytes& out);

struct eof_packet {
  std::uint16_t warnings = 0;
  std::uint16_t status_flags = 0;
};

[[nodiscard]] errc decode_eof_packet(bytes_view payload, eof_packet& out);  // exactly 5 bytes
void encode_eof_packet(const eof_packet& in, bytes& out);

// Whether a packet that starts with 0xFE where a row could be is the end of the rows (an EOF, or
// an OK under DEPRECATE_EOF) rather than a row whose first value has an 8-byte length.
// A row like that is at least 9 bytes; one long enough to matter under DEPRECATE_EOF spans packets.
[[nodiscard]] bool is_result_terminator(bytes_view payload, bool deprecate_eof);

// MariaDB sends these during long statements (LOAD DATA, ALTER TABLE) to clients that announced
// MARIADB_CLIENT_PROGRESS; the response continues after them.
struct mariadb_progress_report {
  std::uint8_t number = 1;  // counts reports in older servers; ignored by clients
  std::uint8_t stage = 0;
  std::uint8_t max_stage = 0;
  std::uint32_t progress = 0;  // thousandths of a percent of the stage
  std::string_view info;       // e.g. "copy to tmp table"
};

[[nodiscard]] bool is_mariadb_progress_report(bytes_view payload);
[[nodiscard]] errc decode_mariadb_progress_report(bytes_view payload, mariadb_progress_report& out);
void encode_mariadb_progress_report(const mariadb_progress_report& in, bytes& out);

}  // namespace switchyard::protocol
