#include "protocol/commands.hpp"

namespace switchyard::protocol {
namespace {

void put_command(byte_writer& w, command c) { w.u8(static_cast<std::uint8_t>(c)); }

}  // namespace

void expect_command(byte_reader& r, command c) {
  const std::uint8_t b = r.u8();
  if (r.ok() && b != static_cast<std::uint8_t>(c)) r.fail(errc::unexpected_message);
}

errc decode_com_query(bytes_view payload, bool query_attributes, com_query& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::query);
  if (query_attributes) {
    const std::uint64_t count = r.lenenc_int();
    out.parameter_set_count = r.lenenc_int();
    if (r.ok() && count > r.remaining()) return errc::truncated;  // cannot hold that many
    if (r.ok() && count > 0) {
      read_param_block(r, static_cast<std::size_t>(count), {.with_names = true}, out.attributes);
    }
  }
  out.query = r.rest_string();
  return r.finish();
}

errc encode_com_query(const com_query& in, bool query_attributes, bytes& out) {
  const std::size_t start = out.size();
  byte_writer w(out);
  put_command(w, command::query);
  if (query_attributes) {
    const std::size_t count = in.attributes.values.size();
    w.lenenc_int(count);
    w.lenenc_int(in.parameter_set_count);
    if (count > 0) {
      if (const errc ec = write_param_block(w, in.attributes, {.with_names = true}); ec != errc::ok) {
        out.resize(start);
        return ec;
      }
    }
  }
  w.raw(in.query);
  return errc::ok;
}

void encode_com_query(std::string_view query, bytes& out) {
  byte_writer w(out);
  put_command(w, command::query);
  w.raw(query);
}

errc decode_simple_command(bytes_view payload, command expected) {
  byte_reader r(payload);
  expect_command(r, expected);
  return r.finish();
}

void encode_simple_command(command c, bytes& out) {
  byte_writer w(out);
  put_command(w, c);
}

errc decode_com_init_db(bytes_view payload, com_init_db& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::init_db);
  out.schema = r.rest_string();
  return r.finish();
}

void encode_com_init_db(const com_init_db& in, bytes& out) {
  byte_writer w(out);
  put_command(w, command::init_db);
  w.raw(in.schema);
}

errc decode_com_field_list(bytes_view payload, com_field_list& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::field_list);
  out.table = r.null_string();
  out.wildcard = r.rest_string();
  return r.finish();
}

void encode_com_field_list(const com_field_list& in, bytes& out) {
  byte_writer w(out);
  put_command(w, command::field_list);
  w.null_string(in.table);
  w.raw(in.wildcard);
}

errc decode_com_set_option(bytes_view payload, com_set_option& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::set_option);
  out.option = r.u16();
  return r.finish();
}

void encode_com_set_option(const com_set_option& in, bytes& out) {
  byte_writer w(out);
  put_command(w, command::set_option);
  w.u16(in.option);
}

errc decode_com_change_user(bytes_view payload, std::uint32_t capabilities, com_change_user& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::change_user);
  out.username = r.null_string();
  if (capabilities & capability::secure_connection) {
    out.auth_response = r.fixed_string(r.u8());
  } else {
    out.auth_response = r.null_string();
  }
  out.database = r.null_string();
  if (!r.ok() || r.empty()) {
    out.has_character_set = false;
    return r.error();
  }
  out.character_set = r.u16();
  if (capabilities & capability::plugin_auth) out.auth_plugin_name = r.null_string();
  if (capabilities & capability::connect_attrs) read_connect_attributes(r, out.connect_attributes);
  return r.finish();
}

void encode_com_change_user(const com_change_user& in, std::uint32_t capabilities, bytes& out) {
  byte_writer w(out);
  put_command(w, command::change_user);
  w.null_string(in.username);
  if (capabilities & capability::secure_connection) {
    const std::string_view auth = in.auth_response.substr(0, 0xff);
    w.u8(static_cast<std::uint8_t>(auth.size()));
    w.raw(auth);
  } else {
    w.null_string(in.auth_response);
  }
  w.null_string(in.database);
  if (!in.has_character_set) return;
  w.u16(in.character_set);
  if (capabilities & capability::plugin_auth) w.null_string(in.auth_plugin_name);
  if (capabilities & capability::connect_attrs) write_connect_attributes(w, in.connect_attributes);
}

}  // namespace switchyard::protocol
