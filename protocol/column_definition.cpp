#include "protocol/column_definition.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::uint8_t fixed_fields_length = 0x0c;
constexpr std::uint8_t null_marker = 0xfb;

}  // namespace

errc decode_column_count(bytes_view payload, bool metadata_byte, column_count_packet& out) {
  out = {};
  byte_reader r(payload);
  out.count = r.lenenc_int();
  if (r.ok() && out.count == 0) return errc::bad_value;
  if (metadata_byte) {
    out.has_metadata_follows = true;
    out.metadata_follows = r.u8();
  }
  return r.finish();
}

void encode_column_count(const column_count_packet& in, bytes& out) {
  byte_writer w(out);
  w.lenenc_int(in.count);
  if (in.has_metadata_follows) w.u8(in.metadata_follows);
}

errc decode_column_definition_41(bytes_view payload, const column_definition_options& options,
                                 column_definition_41& out) {
  out = {};
  byte_reader r(payload);
  out.catalog = r.lenenc_string();
  out.schema = r.lenenc_string();
  out.table = r.lenenc_string();
  out.org_table = r.lenenc_string();
  out.name = r.lenenc_string();
  out.org_name = r.lenenc_string();
  if (options.mariadb_extended_metadata) out.mariadb_extended_metadata = r.lenenc_string();
  if (r.lenenc_int() != fixed_fields_length && r.ok()) return errc::bad_value;
  out.character_set = r.u16();
  out.column_length = r.u32();
  out.type = static_cast<column_type>(r.u8());
  out.flags = r.u16();
  out.decimals = r.u8();
  out.reserved = r.u16();
  if (options.field_list) {
    if (r.peek_u8() == std::optional<std::uint8_t>(null_marker)) {
      r.skip(1);
    } else {
      out.default_value = r.lenenc_string();
    }
  }
  return r.finish();
}

void encode_column_definition_41(const column_definition_41& in, const column_definition_options& options,
                                 bytes& out) {
  byte_writer w(out);
  w.lenenc_string(in.catalog);
  w.lenenc_string(in.schema);
  w.lenenc_string(in.table);
  w.lenenc_string(in.org_table);
  w.lenenc_string(in.name);
  w.lenenc_string(in.org_name);
  if (options.mariadb_extended_metadata) w.lenenc_string(in.mariadb_extended_metadata);
  w.lenenc_int(fixed_fields_length);
  w.u16(in.character_set);
  w.u32(in.column_length);
  w.u8(static_cast<std::uint8_t>(in.type));
  w.u16(in.flags);
  w.u8(in.decimals);
  w.u16(in.reserved);
  if (options.field_list) {
    if (in.default_value) {
      w.lenenc_string(*in.default_value);
    } else {
      w.u8(null_marker);
    }
  }
}

errc parse_mariadb_type_info(std::string_view metadata, mariadb_type_info& out) {
  out = {};
  byte_reader r(as_bytes(metadata));
  while (r.ok() && !r.empty()) {
    const std::uint8_t key = r.u8();
    const std::string_view value = r.lenenc_string();
    if (key == 0) out.data_type_name = value;
    if (key == 1) out.format_name = value;  // other keys: from a newer server, skipped
  }
  return r.finish();
}

}  // namespace switchyard::protocol
