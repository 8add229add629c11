#include "protocol/ok_err_eof.hpp"

#include "protocol/constants.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::uint16_t progress_report_code = 0xffff;
constexpr std::size_t eof_packet_size = 5;
constexpr std::size_t sql_state_size = 5;
constexpr std::size_t min_row_with_fe_size = 9;  // 0xFE and the 8 length bytes it announces

// One entry's data, already cut to its declared length: it must be consumed exactly.
errc decode_session_entry(std::uint8_t type, bytes_view data, session_track_entry& e) {
  e.type = static_cast<session_track_type>(type);
  byte_reader r(data);
  switch (e.type) {
    case session_track_type::system_variables:
      e.name = r.lenenc_string();
      e.value = r.lenenc_string();
      break;
    case session_track_type::gtids:
      e.gtid_encoding = r.u8();
      e.value = r.lenenc_string();
      break;
    case session_track_type::schema:
    case session_track_type::transaction_characteristics:
    case session_track_type::transaction_state:
      e.value = r.lenenc_string();
      break;
    case session_track_type::state_change:  // '1' without a length, whatever the docs say
    default:                                // a newer server's entry: kept whole
      e.value = r.rest_string();
      break;
  }
  // The entry's length fit the packet, so a field that overruns it is a lie, not a cut.
  return r.finish() == errc::ok ? errc::ok : errc::bad_value;
}

void encode_session_entry(const session_track_entry& e, bytes& out) {
  bytes data;
  byte_writer d(data);
  switch (e.type) {
    case session_track_type::system_variables:
      d.lenenc_string(e.name);
      d.lenenc_string(e.value);
      break;
    case session_track_type::gtids:
      d.u8(e.gtid_encoding);
      d.lenenc_string(e.value);
      break;
    case session_track_type::schema:
    case session_track_type::transaction_characteristics:
    case session_track_type::transaction_state:
      d.lenenc_string(e.value);
      break;
    case session_track_type::state_change:
    default:
      d.raw(e.value);
      break;
  }
  byte_writer w(out);
  w.u8(static_cast<std::uint8_t>(e.type));
  w.lenenc_int(data.size());
  w.raw(data);
}

errc decode_session_state(byte_reader& r, std::vector<session_track_entry>& out) {
  const std::string_view block = r.lenenc_string();
  if (!r.ok()) return r.error();
  byte_reader entries(as_bytes(block));
  while (!entries.empty()) {
    const std::uint8_t type = entries.u8();
    const std::string_view data = entries.lenenc_string();
    if (!entries.ok()) return errc::bad_value;
    session_track_entry e;
    if (const errc ec = decode_session_entry(type, as_bytes(data), e); ec != errc::ok) return ec;
    out.push_back(e);
  }
  return errc::ok;
}

}  // namespace

errc decode_ok_packet(bytes_view payload, std::uint32_t capabilities, ok_packet& out) {
  out = {};
  byte_reader r(payload);
  out.header = r.u8();
  if (r.ok() && out.header != ok_header && out.header != eof_header) return errc::unexpected_message;
  out.affected_rows = r.lenenc_int();
  out.last_insert_id = r.lenenc_int();
  out.status_flags = r.u16();
  out.warnings = r.u16();
  if (!r.ok() || r.empty()) return r.error();
  out.info = r.lenenc_string();
  out.has_info = true;
  const bool tracked = (capabilities & capability::session_track) != 0;
  if (r.ok() && tracked && (out.status_flags & server_status::session_state_changed)) {
    if (const errc ec = decode_session_state(r, out.session_state); ec != errc::ok) return ec;
  }
  return r.finish();
}

void encode_ok_packet(const ok_packet& in, std::uint32_t capabilities, bytes& out) {
  byte_writer w(out);
  w.u8(in.header);
  w.lenenc_int(in.affected_rows);
  w.lenenc_int(in.last_insert_id);
  w.u16(in.status_flags);
  w.u16(in.warnings);
  const bool state = (capabilities & capability::session_track) != 0 &&
                     (in.status_flags & server_status::session_state_changed) != 0;
  if (!in.has_info && !(state && !in.session_state.empty())) return;
  w.lenenc_string(in.info);
  if (!state) return;
  bytes block;
  for (const session_track_entry& e : in.session_state) encode_session_entry(e, block);
  w.lenenc_int(block.size());
  w.raw(block);
}

errc decode_err_packet(bytes_view payload, err_packet& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != err_header && r.ok()) return errc::unexpected_message;
  out.error_code = r.u16();
  if (r.ok() && out.error_code == progress_report_code) return errc::unexpected_message;
  out.has_sql_state = r.peek_u8() == std::optional<std::uint8_t>('#');
  if (out.has_sql_state) {
    r.skip(1);
    out.sql_state = r.fixed_string(sql_state_size);
  }
  out.message = r.rest_string();
  return r.finish();
}

void encode_err_packet(const err_packet& in, bytes& out) {
  byte_writer w(out);
  w.u8(err_header);
  w.u16(in.error_code);
  if (in.has_sql_state) {
    w.u8('#');
    const std::string_view state = in.sql_state.substr(0, sql_state_size);
    w.raw(state);
    for (std::size_t i = state.size(); i < sql_state_size; ++i) w.u8('0');  // pad a short state
  }
  w.raw(in.message);
}

errc decode_eof_packet(bytes_view payload, eof_packet& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != eof_header && r.ok()) return errc::unexpected_message;
  out.warnings = r.u16();
  out.status_flags = r.u16();
  return r.finish();
}

void encode_eof_packet(const eof_packet& in, bytes& out) {
  byte_writer w(out);
  w.u8(eof_header);
  w.u16(in.warnings);
  w.u16(in.status_flags);
}

bool is_result_terminator(bytes_view payload, bool deprecate_eof) {
  if (payload.empty() || payload[0] != eof_header) return false;
  return payload.size() < (deprecate_eof ? max_packet_payload : min_row_with_fe_size);
}

bool is_mariadb_progress_report(bytes_view payload) {
  return payload.size() >= 3 && payload[0] == err_header && payload[1] == 0xff && payload[2] == 0xff;
}

errc decode_mariadb_progress_report(bytes_view payload, mariadb_progress_report& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != err_header && r.ok()) return errc::unexpected_message;
  if (r.u16() != progress_report_code && r.ok()) return errc::unexpected_message;
  out.number = r.u8();
  out.stage = r.u8();
  out.max_stage = r.u8();
  out.progress = r.u24();
  out.info = r.lenenc_string();
  return r.finish();
}

void encode_mariadb_progress_report(const mariadb_progress_report& in, bytes& out) {
  byte_writer w(out);
  w.u8(err_header);
  w.u16(progress_report_code);
  w.u8(in.number);
  w.u8(in.stage);
  w.u8(in.max_stage);
  w.u24(in.progress);
  w.lenenc_string(in.info);
}

}  // namespace switchyard::protocol
