// Client commands outside prepared statements: COM_QUERY (with MySQL's query attributes),
// COM_INIT_DB, COM_FIELD_LIST, COM_SET_OPTION, COM_CHANGE_USER and the commands that are only
// their command byte (COM_PING, COM_QUIT, COM_STATISTICS, COM_RESET_CONNECTION, ...). Payloads
// include the command byte.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/connect_attributes.hpp"
#include "protocol/constants.hpp"
#include "protocol/errc.hpp"
#include "protocol/param_block.hpp"

namespace switchyard::protocol {

// The command byte of a client packet; nullopt for an empty payload.
[[nodiscard]] inline std::optional<command> command_of(bytes_view payload) {
  if (payload.empty()) return std::nullopt;
  return static_cast<command>(payload[0]);
}

// Reads the command byte of `r`'s packet: a different command is unexpected_message (sticky).
void expect_command(byte_reader& r, command c);

struct com_query {
  std::string_view query;
  // With CLIENT_QUERY_ATTRIBUTES (MySQL 8.0.23+) only: named values sent along with the query.
  std::uint64_t parameter_set_count = 1;
  param_block attributes;
};

[[nodiscard]] errc decode_com_query(bytes_view payload, bool query_attributes, com_query& out);
[[nodiscard]] errc encode_com_query(const com_query& in, bool query_attributes, bytes& out);
void encode_com_query(std::string_view query, bytes& out);  // without query attributes

// Exactly the command byte: COM_PING, COM_QUIT, COM_STATISTICS, COM_RESET_CONNECTION, COM_DEBUG...
[[nodiscard]] errc decode_simple_command(bytes_view payload, command expected);
void encode_simple_command(command c, bytes& out);

struct com_init_db {
  std::string_view schema;
};
[[nodiscard]] errc decode_com_init_db(bytes_view payload, com_init_db& out);
void encode_com_init_db(const com_init_db& in, bytes& out);

// Deprecated but still sent by old clients; the answer is column definitions with defaults.
struct com_field_list {
  std::string_view table;
  std::string_view wildcard;
};
[[nodiscard]] errc decode_com_field_list(bytes_view payload, com_field_list& out);
void encode_com_field_list(const com_field_list& in, bytes& out);

// Answered by an EOF packet (not OK) unless DEPRECATE_EOF, or by ERR.
struct com_set_option {
  std::uint16_t option = option_multi_statements_on;
};
[[nodiscard]] errc decode_com_set_option(bytes_view payload, com_set_option& out);
void encode_com_set_option(const com_set_option& in, bytes& out);

struct com_change_user {
  std::string_view username;
  std::string_view auth_response;
  std::string_view database;
  // Pre-4.1 clients end the packet after the database; the fields below come as one group.
  bool has_character_set = true;
  std::uint16_t character_set = 0;
  std::string_view auth_plugin_name;          // when capabilities & plugin_auth
  connect_attribute_list connect_attributes;  // when capabilities & connect_attrs
};

// `capabilities` are the session's: they decide how the auth response and the tail are sent.
[[nodiscard]] errc decode_com_change_user(bytes_view payload, std::uint32_t capabilities, com_change_user& out);
void encode_com_change_user(const com_change_user& in, std::uint32_t capabilities, bytes& out);

}  // namespace switchyard::protocol
