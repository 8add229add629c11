// Prepared statements: COM_STMT_PREPARE and its PREPARE_OK answer, COM_STMT_EXECUTE,
// COM_STMT_FETCH, COM_STMT_CLOSE, COM_STMT_RESET and COM_STMT_SEND_LONG_DATA. Payloads include the
// command byte.
#pragma once
#include <cstdint>
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"
#include "protocol/param_block.hpp"

namespace switchyard::protocol {

struct com_stmt_prepare {
  std::string_view query;
};
[[nodiscard]] errc decode_com_stmt_prepare(bytes_view payload, com_stmt_prepare& out);
void encode_com_stmt_prepare(const com_stmt_prepare& in, bytes& out);

// The server's answer; num_params parameter definitions and then num_columns column definitions
// follow it (each list closed by an EOF unless DEPRECATE_EOF).
struct com_stmt_prepare_ok {
  std::uint32_t statement_id = 0;
  std::uint16_t num_columns = 0;
  std::uint16_t num_params = 0;
  std::uint8_t reserved = 0;
  std::uint16_t warning_count = 0;
  // MySQL with CLIENT_OPTIONAL_RESULTSET_METADATA may add one byte (0: no definitions follow).
  bool has_metadata_follows = false;
  std::uint8_t metadata_follows = 1;
};
[[nodiscard]] errc decode_com_stmt_prepare_ok(bytes_view payload, bool optional_metadata, com_stmt_prepare_ok& out);
void encode_com_stmt_prepare_ok(const com_stmt_prepare_ok& in, bytes& out);

// What decoding COM_STMT_EXECUTE needs to know about the statement and the session.
struct stmt_execute_context {
  std::uint16_t param_count = 0;                 // from COM_STMT_PREPARE_OK
  std::span<const param_type> bound_types = {};  // from the previous execute, for new_params_bound = 0
  bytes_view long_data_bitmap = {};              // bit i: parameter i got COM_STMT_SEND_LONG_DATA
  bool query_attributes = false;                 // CLIENT_QUERY_ATTRIBUTES (MySQL 8.0.23+)
};

struct com_stmt_execute {
  std::uint32_t statement_id = 0;  // MariaDB: 0xFFFFFFFF means the statement prepared last
  std::uint8_t flags = 0;          // cursor_type bits, and parameter_count_available
  std::uint32_t iteration_count = 1;
  // One entry per parameter; with query attributes the client may send more than were prepared.
  param_block params;
};

[[nodiscard]] errc decode_com_stmt_execute(bytes_view payload, const stmt_execute_context& ctx, com_stmt_execute& out);
[[nodiscard]] errc encode_com_stmt_execute(const com_stmt_execute& in, const stmt_execute_context& ctx, bytes& out);

struct com_stmt_fetch {
  std::uint32_t statement_id = 0;
  std::uint32_t num_rows = 0;
};
[[nodiscard]] errc decode_com_stmt_fetch(bytes_view payload, com_stmt_fetch& out);
void encode_com_stmt_fetch(const com_stmt_fetch& in, bytes& out);

// The statement id every COM_STMT_* command carries right after its command byte (execute,
// send long data, reset, close, MariaDB's bulk execute); 0 when the payload is too short.
[[nodiscard]] std::uint32_t statement_id_of(bytes_view payload);

// COM_STMT_CLOSE (no answer at all) and COM_STMT_RESET (OK or ERR) carry only the statement id.
[[nodiscard]] errc decode_com_stmt_close(bytes_view payload, std::uint32_t& statement_id);
void encode_com_stmt_close(std::uint32_t statement_id, bytes& out);
[[nodiscard]] errc decode_com_stmt_reset(bytes_view payload, std::uint32_t& statement_id);
void encode_com_stmt_reset(std::uint32_t statement_id, bytes& out);

// No answer; the data is appended to the parameter's value for the next execute.
struct com_stmt_send_long_data {
  std::uint32_t statement_id = 0;
  std::uint16_t param_id = 0;
  std::string_view data;
};
[[nodiscard]] errc decode_com_stmt_send_long_data(bytes_view payload, com_stmt_send_long_data& out);
void encode_com_stmt_send_long_data(const com_stmt_send_long_data& in, bytes& out);

}  // namespace switchyard::protocol
