// Knows where a server's response to one command ends, by reading only packet headers and the
// first bytes of each packet. It takes the server's byte stream in whatever chunks the network
// delivers (a packet may straddle chunks) and never holds a result set: the caller relays each
// chunk as soon as it was fed. Sans-io: no sockets, the caller does the reading and writing.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/constants.hpp"

namespace switchyard::protocol {

// The shape of the response a command gets.
enum class response_kind : std::uint8_t {
  none,           // COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA, COM_QUIT: no response at all
  single_packet,  // one packet, whatever it holds: OK/ERR/EOF commands, COM_STATISTICS
  text_result,    // COM_QUERY: OK | ERR | LOCAL INFILE request | result sets, text rows
  binary_result,  // COM_STMT_EXECUTE, COM_STMT_BULK_EXECUTE: OK | ERR | result set, binary rows, maybe a cursor
  fetch_rows,     // COM_STMT_FETCH: rows then a terminator, or ERR
  prepare,        // COM_STMT_PREPARE: PREPARE_OK + parameter and column definitions, or ERR
  field_list,     // COM_FIELD_LIST: column definitions until a terminator, or ERR
};

// The response each command gets; unsupported commands map to single_packet.
[[nodiscard]] response_kind response_kind_of(command c);

enum class tracker_status : std::uint8_t {
  need_more,           // every byte fed belongs to the response; it continues
  done,                // the response ended; `consumed` says where
  local_infile,        // the server asked for a LOCAL INFILE; the client's file comes next
  protocol_error,      // the server broke the protocol (bad sequence id, impossible packet)
};

struct feed_result {
  std::size_t consumed = 0;
  tracker_status status = tracker_status::need_more;
};

class response_tracker {
 public:
  // Starts tracking the response to a command. `capabilities` and `mariadb_capabilities` are
  // the session's negotiated ones (deprecate_eof decides the terminators; MariaDB's progress
  // reports and cached metadata add packets and bytes); `first_sequence_id` is the id the
  // server's first packet must carry (1 after a one-packet command).
  void start(response_kind kind, std::uint32_t capabilities, std::uint32_t mariadb_capabilities,
             std::uint8_t first_sequence_id);

  // Feeds the next bytes of the server stream. Consumes everything up to the end of the
  // response and stops there; status done, local_infile and protocol_error are final for the
  // bytes fed (call resume_after_local_infile() after relaying the client's file).
  [[nodiscard]] feed_result feed(bytes_view data);

  // After the client's LOCAL INFILE data (ending with its empty packet): the server answers
  // with OK or ERR, whose sequence id is `next_sequence_id`.
  void resume_after_local_infile(std::uint8_t next_sequence_id);

  // Facts seen so far, for the session.
  [[nodiscard]] std::uint16_t status_flags() const { return status_flags_; }
  [[nodiscard]] bool saw_error() const { return saw_error_; }
  // From the last OK packet of the response (0 when none): what the dual write needs to know.
  [[nodiscard]] std::uint64_t affected_rows() const { return affected_rows_; }
  [[nodiscard]] std::uint64_t last_insert_id() const { return last_insert_id_; }
  // The error number of the ERR that ended the response (0 when none, or when it was cut short).
  [[nodiscard]] std::uint16_t error_code() const { return error_code_; }
  [[nodiscard]] std::uint32_t prepared_statement_id() const { return statement_id_; }
  [[nodiscard]] std::uint16_t prepared_param_count() const { return prepared_params_; }
  [[nodiscard]] std::uint8_t next_sequence_id() const { return expected_seq_; }
  // Where, in the bytes of the last feed(), the OK packets start whose status says the session
  // state changed (their header was in those bytes; the payload may continue in the next feed).
  // The proxy takes its own tracked variables out of them.
  [[nodiscard]] const std::vector<std::uint32_t>& state_change_oks() const { return state_change_oks_; }

 private:
  enum class state : std::uint8_t {
    idle,
    result_first,    // OK | ERR | LOCAL INFILE | column count
    column_defs,     // `remaining_` column definitions to go
    columns_eof,     // the classic EOF after column definitions
    rows,            // rows until a terminator
    prepare_first,   // PREPARE_OK | ERR
    prepare_params,  // `remaining_` parameter definitions
    prepare_params_eof,
    prepare_columns,
    prepare_columns_eof,
    field_defs,      // COM_FIELD_LIST: definitions until a terminator
    single,          // any one packet
    finished,
    failed,
  };

  // Interprets one packet from its first bytes; `length` is the whole payload's length.
  void on_packet(bytes_view prefix, std::uint32_t length);
  void on_terminator(bytes_view prefix, std::uint32_t length);
  void after_result_set_columns();
  void after_prepare_params();
  void after_prepare_columns();
  [[nodiscard]] bool is_terminator(bytes_view prefix, std::uint32_t length) const;

  // A packet's first bytes are enough to classify it: an OK packet's status flags sit at most
  // 1 + 9 + 9 bytes in, PREPARE_OK's counts 9 bytes in.
  static constexpr std::size_t prefix_wanted = 32;

  response_kind kind_ = response_kind::none;
  state state_ = state::idle;
  bool deprecate_eof_ = false;
  bool progress_reports_ = false;  // MariaDB may interleave 0xFF 0xFFFF progress packets
  bool metadata_byte_ = false;     // MariaDB's column count carries a "metadata follows" byte
  std::uint8_t expected_seq_ = 0;
  std::uint64_t remaining_ = 0;
  std::uint16_t prepared_columns_ = 0;
  std::uint16_t prepared_params_ = 0;
  std::uint32_t statement_id_ = 0;
  std::uint16_t status_flags_ = 0;
  std::uint16_t error_code_ = 0;
  std::uint64_t affected_rows_ = 0;
  std::uint64_t last_insert_id_ = 0;
  bool saw_error_ = false;
  std::vector<std::uint32_t> state_change_oks_;
  static constexpr std::uint32_t offset_unknown = 0xFFFFFFFF;
  std::uint32_t packet_offset_ = offset_unknown;  // the current packet's header in the current feed

  // Per-packet progress across feed() calls.
  std::array<std::uint8_t, packet_header_size> header_{};
  std::size_t header_have_ = 0;
  bool in_payload_ = false;
  std::uint32_t payload_length_ = 0;
  std::uint32_t payload_seen_ = 0;
  bool continuation_ = false;       // this packet continues a 0xFFFFFF-long one: not interpreted
  bool next_is_continuation_ = false;
  bool interpreted_ = false;
  std::array<std::uint8_t, prefix_wanted> prefix_{};
  std::size_t prefix_have_ = 0;
  tracker_status pending_ = tracker_status::need_more;  // reported once the packet is consumed
};

}  // namespace switchyard::protocol
