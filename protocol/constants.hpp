// Numbers of the MySQL client/server protocol, named as in the MySQL documentation.
#pragma once
#include <cstddef>
#include <cstdint>

namespace switchyard::protocol {

// Framing: a payload of 0xFFFFFF bytes or more is split; a packet of exactly this length says
// "continued in the next packet" (and an exact multiple ends with an empty packet).
inline constexpr std::size_t max_packet_payload = 0xFFFFFF;
inline constexpr std::size_t packet_header_size = 4;

namespace capability {
inline constexpr std::uint32_t long_password = 1u << 0;  // MariaDB: "CLIENT_MYSQL"
inline constexpr std::uint32_t found_rows = 1u << 1;
inline constexpr std::uint32_t long_flag = 1u << 2;
inline constexpr std::uint32_t connect_with_db = 1u << 3;
inline constexpr std::uint32_t no_schema = 1u << 4;
inline constexpr std::uint32_t compress = 1u << 5;
inline constexpr std::uint32_t odbc = 1u << 6;
inline constexpr std::uint32_t local_files = 1u << 7;
inline constexpr std::uint32_t ignore_space = 1u << 8;
inline constexpr std::uint32_t protocol_41 = 1u << 9;
inline constexpr std::uint32_t interactive = 1u << 10;
inline constexpr std::uint32_t ssl = 1u << 11;
inline constexpr std::uint32_t ignore_sigpipe = 1u << 12;
inline constexpr std::uint32_t transactions = 1u << 13;
inline constexpr std::uint32_t reserved = 1u << 14;
inline constexpr std::uint32_t secure_connection = 1u << 15;  // a.k.a. RESERVED2
inline constexpr std::uint32_t multi_statements = 1u << 16;
inline constexpr std::uint32_t multi_results = 1u << 17;
inline constexpr std::uint32_t ps_multi_results = 1u << 18;
inline constexpr std::uint32_t plugin_auth = 1u << 19;
inline constexpr std::uint32_t connect_attrs = 1u << 20;
inline constexpr std::uint32_t plugin_auth_lenenc_client_data = 1u << 21;
inline constexpr std::uint32_t can_handle_expired_passwords = 1u << 22;
inline constexpr std::uint32_t session_track = 1u << 23;
inline constexpr std::uint32_t deprecate_eof = 1u << 24;
inline constexpr std::uint32_t optional_resultset_metadata = 1u << 25;
inline constexpr std::uint32_t zstd_compression_algorithm = 1u << 26;
inline constexpr std::uint32_t query_attributes = 1u << 27;
inline constexpr std::uint32_t multi_factor_authentication = 1u << 28;
inline constexpr std::uint32_t capability_extension = 1u << 29;  // MariaDB: PROGRESS_OBSOLETE
inline constexpr std::uint32_t ssl_verify_server_cert = 1u << 30;
inline constexpr std::uint32_t remember_options = 1u << 31;
}  // namespace capability

// MariaDB's extended capabilities: the upper 32 bits, sent in the last 4 reserved bytes of the
// handshake when the server clears CLIENT_MYSQL (long_password).
namespace mariadb_capability {
inline constexpr std::uint32_t progress = 1u << 0;
inline constexpr std::uint32_t com_multi = 1u << 1;
inline constexpr std::uint32_t stmt_bulk_operations = 1u << 2;
inline constexpr std::uint32_t extended_type_info = 1u << 3;
inline constexpr std::uint32_t cache_metadata = 1u << 4;
}  // namespace mariadb_capability

namespace server_status {
inline constexpr std::uint16_t in_trans = 0x0001;
inline constexpr std::uint16_t autocommit = 0x0002;
inline constexpr std::uint16_t more_results_exists = 0x0008;
inline constexpr std::uint16_t no_good_index_used = 0x0010;
inline constexpr std::uint16_t no_index_used = 0x0020;
inline constexpr std::uint16_t cursor_exists = 0x0040;
inline constexpr std::uint16_t last_row_sent = 0x0080;
inline constexpr std::uint16_t db_dropped = 0x0100;
inline constexpr std::uint16_t no_backslash_escapes = 0x0200;
inline constexpr std::uint16_t metadata_changed = 0x0400;
inline constexpr std::uint16_t query_was_slow = 0x0800;
inline constexpr std::uint16_t ps_out_params = 0x1000;
inline constexpr std::uint16_t in_trans_readonly = 0x2000;
inline constexpr std::uint16_t session_state_changed = 0x4000;
}  // namespace server_status

enum class command : std::uint8_t {
  sleep = 0x00,
  quit = 0x01,
  init_db = 0x02,
  query = 0x03,
  field_list = 0x04,
  create_db = 0x05,
  drop_db = 0x06,
  refresh = 0x07,
  shutdown = 0x08,
  statistics = 0x09,
  process_info = 0x0a,
  connect = 0x0b,
  process_kill = 0x0c,
  debug = 0x0d,
  ping = 0x0e,
  time = 0x0f,
  delayed_insert = 0x10,
  change_user = 0x11,
  binlog_dump = 0x12,
  table_dump = 0x13,
  connect_out = 0x14,
  register_slave = 0x15,
  stmt_prepare = 0x16,
  stmt_execute = 0x17,
  stmt_send_long_data = 0x18,
  stmt_close = 0x19,
  stmt_reset = 0x1a,
  set_option = 0x1b,
  stmt_fetch = 0x1c,
  daemon = 0x1d,
  binlog_dump_gtid = 0x1e,
  reset_connection = 0x1f,
  clone = 0x20,
  mariadb_stmt_bulk_execute = 0xfa,
};

// First byte of a server packet.
inline constexpr std::uint8_t ok_header = 0x00;
inline constexpr std::uint8_t auth_more_data_header = 0x01;
inline constexpr std::uint8_t local_infile_header = 0xfb;
inline constexpr std::uint8_t eof_header = 0xfe;  // also AuthSwitchRequest during authentication
inline constexpr std::uint8_t err_header = 0xff;

enum class column_type : std::uint8_t {
  decimal = 0x00,
  tiny = 0x01,
  short_ = 0x02,
  long_ = 0x03,
  float_ = 0x04,
  double_ = 0x05,
  null = 0x06,
  timestamp = 0x07,
  longlong = 0x08,
  int24 = 0x09,
  date = 0x0a,
  time = 0x0b,
  datetime = 0x0c,
  year = 0x0d,
  newdate = 0x0e,
  varchar = 0x0f,
  bit = 0x10,
  timestamp2 = 0x11,
  datetime2 = 0x12,
  time2 = 0x13,
  typed_array = 0x14,
  vector = 0xf2,
  json = 0xf5,
  newdecimal = 0xf6,
  enum_ = 0xf7,
  set = 0xf8,
  tiny_blob = 0xf9,
  medium_blob = 0xfa,
  long_blob = 0xfb,
  blob = 0xfc,
  var_string = 0xfd,
  string = 0xfe,
  geometry = 0xff,
};

namespace column_flag {
inline constexpr std::uint16_t not_null = 0x0001;
inline constexpr std::uint16_t pri_key = 0x0002;
inline constexpr std::uint16_t unique_key = 0x0004;
inline constexpr std::uint16_t multiple_key = 0x0008;
inline constexpr std::uint16_t blob = 0x0010;
inline constexpr std::uint16_t unsigned_ = 0x0020;
inline constexpr std::uint16_t zerofill = 0x0040;
inline constexpr std::uint16_t binary = 0x0080;
inline constexpr std::uint16_t enum_ = 0x0100;
inline constexpr std::uint16_t auto_increment = 0x0200;
inline constexpr std::uint16_t timestamp = 0x0400;
inline constexpr std::uint16_t set = 0x0800;
inline constexpr std::uint16_t no_default_value = 0x1000;
inline constexpr std::uint16_t on_update_now = 0x2000;
inline constexpr std::uint16_t num = 0x8000;
}  // namespace column_flag

// COM_STMT_EXECUTE flags.
namespace cursor_type {
inline constexpr std::uint8_t no_cursor = 0x00;
inline constexpr std::uint8_t read_only = 0x01;
inline constexpr std::uint8_t for_update = 0x02;
inline constexpr std::uint8_t scrollable = 0x04;
inline constexpr std::uint8_t parameter_count_available = 0x08;
}  // namespace cursor_type

// COM_SET_OPTION values.
inline constexpr std::uint16_t option_multi_statements_on = 0;
inline constexpr std::uint16_t option_multi_statements_off = 1;

}  // namespace switchyard::protocol
