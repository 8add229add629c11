#include "protocol/prepared.hpp"

#include "protocol/commands.hpp"

namespace switchyard::protocol {
namespace {

errc decode_statement_id_command(bytes_view payload, command c, std::uint32_t& statement_id) {
  byte_reader r(payload);
  expect_command(r, c);
  statement_id = r.u32();
  return r.finish();
}

void encode_statement_id_command(command c, std::uint32_t statement_id, bytes& out) {
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(c));
  w.u32(statement_id);
}

// With query attributes the parameter count travels in the packet, when the client says so.
bool sends_parameter_count(const stmt_execute_context& ctx, std::uint8_t flags) {
  return ctx.query_attributes && (ctx.param_count > 0 || (flags & cursor_type::parameter_count_available));
}

}  // namespace

errc decode_com_stmt_prepare(bytes_view payload, com_stmt_prepare& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::stmt_prepare);
  out.query = r.rest_string();
  return r.finish();
}

void encode_com_stmt_prepare(const com_stmt_prepare& in, bytes& out) {
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(command::stmt_prepare));
  w.raw(in.query);
}

errc decode_com_stmt_prepare_ok(bytes_view payload, bool optional_metadata, com_stmt_prepare_ok& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != ok_header && r.ok()) return errc::unexpected_message;
  out.statement_id = r.u32();
  out.num_columns = r.u16();
  out.num_params = r.u16();
  out.reserved = r.u8();
  out.warning_count = r.u16();
  if (optional_metadata && r.ok() && !r.empty()) {
    out.has_metadata_follows = true;
    out.metadata_follows = r.u8();
  }
  return r.finish();
}

void encode_com_stmt_prepare_ok(const com_stmt_prepare_ok& in, bytes& out) {
  byte_writer w(out);
  w.u8(ok_header);
  w.u32(in.statement_id);
  w.u16(in.num_columns);
  w.u16(in.num_params);
  w.u8(in.reserved);
  w.u16(in.warning_count);
  if (in.has_metadata_follows) w.u8(in.metadata_follows);
}

errc decode_com_stmt_execute(bytes_view payload, const stmt_execute_context& ctx, com_stmt_execute& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::stmt_execute);
  out.statement_id = r.u32();
  out.flags = r.u8();
  out.iteration_count = r.u32();
  if (!r.ok()) return r.error();
  std::uint64_t count = ctx.param_count;
  if (sends_parameter_count(ctx, out.flags)) {
    count = r.lenenc_int();
    // Every parameter takes a bitmap bit and two type bytes: a count the packet cannot hold is
    // refused before anything is sized by it.
    if (r.ok() && count > r.remaining()) return errc::truncated;
  }
  if (r.ok() && count > 0) {
    read_param_block(r, static_cast<std::size_t>(count),
                     {ctx.bound_types, ctx.long_data_bitmap, ctx.query_attributes}, out.params);
  }
  return r.finish();
}

errc encode_com_stmt_execute(const com_stmt_execute& in, const stmt_execute_context& ctx, bytes& out) {
  const std::size_t start = out.size();
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(command::stmt_execute));
  w.u32(in.statement_id);
  w.u8(in.flags);
  w.u32(in.iteration_count);
  const std::size_t count = in.params.values.size();
  if (sends_parameter_count(ctx, in.flags)) {
    w.lenenc_int(count);
  } else if (count != ctx.param_count) {
    out.resize(start);
    return errc::bad_value;
  }
  if (count == 0) return errc::ok;
  const errc ec = write_param_block(w, in.params, {ctx.bound_types, ctx.long_data_bitmap, ctx.query_attributes});
  if (ec != errc::ok) out.resize(start);
  return ec;
}

errc decode_com_stmt_fetch(bytes_view payload, com_stmt_fetch& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::stmt_fetch);
  out.statement_id = r.u32();
  out.num_rows = r.u32();
  return r.finish();
}

void encode_com_stmt_fetch(const com_stmt_fetch& in, bytes& out) {
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(command::stmt_fetch));
  w.u32(in.statement_id);
  w.u32(in.num_rows);
}

std::uint32_t statement_id_of(bytes_view payload) {
  if (payload.size() < 5) return 0;
  byte_reader r(payload.subspan(1, 4));
  return r.u32();
}

errc decode_com_stmt_close(bytes_view payload, std::uint32_t& statement_id) {
  return decode_statement_id_command(payload, command::stmt_close, statement_id);
}
void encode_com_stmt_close(std::uint32_t statement_id, bytes& out) {
  encode_statement_id_command(command::stmt_close, statement_id, out);
}
errc decode_com_stmt_reset(bytes_view payload, std::uint32_t& statement_id) {
  return decode_statement_id_command(payload, command::stmt_reset, statement_id);
}
void encode_com_stmt_reset(std::uint32_t statement_id, bytes& out) {
  encode_statement_id_command(command::stmt_reset, statement_id, out);
}

errc decode_com_stmt_send_long_data(bytes_view payload, com_stmt_send_long_data& out) {
  out = {};
  byte_reader r(payload);
  expect_command(r, command::stmt_send_long_data);
  out.statement_id = r.u32();
  out.param_id = r.u16();
  out.data = r.rest_string();
  return r.finish();
}

void encode_com_stmt_send_long_data(const com_stmt_send_long_data& in, bytes& out) {
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(command::stmt_send_long_data));
  w.u32(in.statement_id);
  w.u16(in.param_id);
  w.raw(in.data);
}

}  // namespace switchyard::protocol
