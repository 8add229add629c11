// Result-set metadata: the column count packet that opens a result set and the
// ColumnDefinition41 packets that follow it (also sent for prepared-statement parameters and in
// answer to COM_FIELD_LIST).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/constants.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

struct column_count_packet {
  std::uint64_t count = 0;
  // With CLIENT_OPTIONAL_RESULTSET_METADATA (MySQL) or MARIADB_CLIENT_CACHE_METADATA, one more
  // byte: 0 means the column definitions are left out (the client already has them).
  bool has_metadata_follows = false;
  std::uint8_t metadata_follows = 1;
};

// `metadata_byte`: one of the two capabilities above was negotiated. A count of 0 is bad_value.
[[nodiscard]] errc decode_column_count(bytes_view payload, bool metadata_byte, column_count_packet& out);
void encode_column_count(const column_count_packet& in, bytes& out);

struct column_definition_options {
  bool field_list = false;                 // answering COM_FIELD_LIST: a default value follows
  bool mariadb_extended_metadata = false;  // MARIADB_CLIENT_EXTENDED_METADATA was negotiated
};

struct column_definition_41 {
  std::string_view catalog = "def";
  std::string_view schema;
  std::string_view table;      // alias
  std::string_view org_table;  // physical table
  std::string_view name;       // alias
  std::string_view org_name;   // physical column
  // MariaDB's extended type information, as sent (see parse_mariadb_type_info).
  std::string_view mariadb_extended_metadata;
  std::uint16_t character_set = 0;
  std::uint32_t column_length = 0;
  column_type type = column_type::decimal;
  std::uint16_t flags = 0;
  std::uint8_t decimals = 0;
  std::uint16_t reserved = 0;  // two filler bytes, zero from every known server
  std::optional<std::string_view> default_value;  // COM_FIELD_LIST only; nullopt is NULL (0xFB)
};

// The length byte of the fixed-size fields must be 0x0C.
[[nodiscard]] errc decode_column_definition_41(bytes_view payload, const column_definition_options& options,
                                               column_definition_41& out);
void encode_column_definition_41(const column_definition_41& in, const column_definition_options& options,
                                 bytes& out);

// What MariaDB's extended metadata says: entries of a key byte, a length and a value.
struct mariadb_type_info {
  std::string_view data_type_name;  // key 0, e.g. "point" for a GEOMETRY column
  std::string_view format_name;     // key 1, e.g. "json" for a JSON (LONGTEXT) column
};

[[nodiscard]] errc parse_mariadb_type_info(std::string_view metadata, mariadb_type_info& out);

}  // namespace switchyard::protocol
