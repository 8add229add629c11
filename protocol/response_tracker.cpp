#include "protocol/response_tracker.hpp"

#include <algorithm>
#include <cstring>

#include "protocol/framing.hpp"

namespace switchyard::protocol {

response_kind response_kind_of(command c) {
  switch (c) {
    case command::quit:
    case command::stmt_close:
    case command::stmt_send_long_data:
      return response_kind::none;
    case command::query:
    case command::process_info:
      return response_kind::text_result;
    case command::stmt_execute:
    case command::mariadb_stmt_bulk_execute:
      return response_kind::binary_result;
    case command::stmt_fetch:
      return response_kind::fetch_rows;
    case command::stmt_prepare:
      return response_kind::prepare;
    case command::field_list:
      return response_kind::field_list;
    default:
      return response_kind::single_packet;
  }
}

namespace {
// An OK packet (0x00 or 0xFE header): header, affected rows, last insert id, status flags.
struct ok_fields {
  std::uint64_t affected_rows = 0;
  std::uint64_t last_insert_id = 0;
  std::uint16_t status_flags = 0;
};
ok_fields ok_packet_fields(bytes_view prefix) {
  byte_reader r(prefix);
  r.skip(1);
  ok_fields f;
  f.affected_rows = r.lenenc_int();
  f.last_insert_id = r.lenenc_int();
  f.status_flags = r.u16();
  return r.ok() ? f : ok_fields{};
}
// Status flags of a classic EOF packet: header, warnings, status.
std::uint16_t eof_status_flags(bytes_view prefix) {
  byte_reader r(prefix);
  r.skip(3);
  const std::uint16_t flags = r.u16();
  return r.ok() ? flags : 0;
}
}  // namespace

void response_tracker::start(response_kind kind, std::uint32_t capabilities, std::uint32_t mariadb_capabilities,
                             std::uint8_t first_sequence_id) {
  *this = response_tracker{};
  kind_ = kind;
  deprecate_eof_ = (capabilities & capability::deprecate_eof) != 0;
  progress_reports_ = (mariadb_capabilities & mariadb_capability::progress) != 0;
  metadata_byte_ = (mariadb_capabilities & mariadb_capability::cache_metadata) != 0;
  expected_seq_ = first_sequence_id;
  switch (kind) {
    case response_kind::none: state_ = state::finished; break;
    case response_kind::single_packet: state_ = state::single; break;
    case response_kind::text_result:
    case response_kind::binary_result: state_ = state::result_first; break;
    case response_kind::fetch_rows: state_ = state::rows; break;
    case response_kind::prepare: state_ = state::prepare_first; break;
    case response_kind::field_list: state_ = state::field_defs; break;
  }
}

void response_tracker::resume_after_local_infile(std::uint8_t next_sequence_id) {
  expected_seq_ = next_sequence_id;
  state_ = state::result_first;
  pending_ = tracker_status::need_more;
}

bool response_tracker::is_terminator(bytes_view prefix, std::uint32_t length) const {
  // A row never starts with 0xFE unless its first value is 16 MiB or longer, so its packet is
  // 0xFFFFFF long; a classic EOF is shorter than 9 bytes.
  if (prefix.empty() || prefix[0] != eof_header) return false;
  return deprecate_eof_ ? length < max_packet_payload : length < 9;
}

feed_result response_tracker::feed(bytes_view data) {
  if (state_ == state::finished) return {0, tracker_status::done};
  if (state_ == state::failed) return {0, tracker_status::protocol_error};
  std::size_t pos = 0;
  state_change_oks_.clear();
  while (pos < data.size()) {
    if (!in_payload_) {
      packet_offset_ = header_have_ == 0 ? static_cast<std::uint32_t>(pos) : offset_unknown;
      const std::size_t take = std::min(packet_header_size - header_have_, data.size() - pos);
      std::memcpy(header_.data() + header_have_, data.data() + pos, take);
      header_have_ += take;
      pos += take;
      if (header_have_ < packet_header_size) break;
      header_have_ = 0;
      const packet_header h = decode_packet_header(header_.data());
      if (h.sequence_id != expected_seq_) {
        state_ = state::failed;
        return {pos, tracker_status::protocol_error};
      }
      ++expected_seq_;
      in_payload_ = true;
      payload_length_ = h.payload_length;
      payload_seen_ = 0;
      continuation_ = next_is_continuation_;
      next_is_continuation_ = payload_length_ == max_packet_payload;
      interpreted_ = continuation_;
      prefix_have_ = 0;
    }
    if (!interpreted_) {
      const std::size_t want = std::min<std::size_t>(payload_length_, prefix_wanted);
      const std::size_t avail = data.size() - pos;
      if (prefix_have_ == 0 && avail >= want) {
        on_packet(data.subspan(pos, want), payload_length_);  // zero-copy: the usual case
      } else {
        const std::size_t take = std::min(want - prefix_have_, avail);
        std::memcpy(prefix_.data() + prefix_have_, data.data() + pos, take);
        prefix_have_ += take;
        pos += take;
        payload_seen_ += static_cast<std::uint32_t>(take);
        if (prefix_have_ < want) break;
        on_packet(bytes_view(prefix_.data(), want), payload_length_);
      }
      interpreted_ = true;
      if (state_ == state::failed) return {pos, tracker_status::protocol_error};
    }
    const std::size_t skip = std::min<std::size_t>(payload_length_ - payload_seen_, data.size() - pos);
    pos += skip;
    payload_seen_ += static_cast<std::uint32_t>(skip);
    if (payload_seen_ < payload_length_) break;
    in_payload_ = false;
    if (pending_ != tracker_status::need_more && !next_is_continuation_) {
      const tracker_status s = pending_;
      pending_ = tracker_status::need_more;
      return {pos, s};
    }
  }
  return {pos, tracker_status::need_more};
}

void response_tracker::on_packet(bytes_view prefix, std::uint32_t length) {
  auto fail = [this] { state_ = state::failed; };
  auto finish = [this] { state_ = state::finished; pending_ = tracker_status::done; };
  // An ERR's error number (bytes 1-2), for callers that must tell a deadlock from other errors.
  auto note_error = [&] {
    saw_error_ = true;
    if (prefix.size() >= 3) error_code_ = static_cast<std::uint16_t>(prefix[1] | (prefix[2] << 8));
  };
  auto finish_with_error = [&] { note_error(); finish(); };
  auto ok_status_flags = [&](bytes_view p) {
    const ok_fields f = ok_packet_fields(p);
    affected_rows_ = f.affected_rows;
    last_insert_id_ = f.last_insert_id;
    if ((f.status_flags & server_status::session_state_changed) && packet_offset_ != offset_unknown)
      state_change_oks_.push_back(packet_offset_);
    return f.status_flags;
  };
  // One result set (or OK) ended; another follows when the server says so.
  auto end_of_result = [&](std::uint16_t flags) {
    status_flags_ = flags;
    if (flags & server_status::more_results_exists) state_ = state::result_first;
    else finish();
  };

  if (length == 0 && state_ != state::single) return fail();
  const std::uint8_t first = prefix.empty() ? 0 : prefix[0];
  // MariaDB's progress report (ERR header, error code 0xFFFF) says how far a long statement got;
  // the response goes on after it.
  if (progress_reports_ && first == err_header && prefix.size() >= 3 && prefix[1] == 0xff && prefix[2] == 0xff)
    return;

  switch (state_) {
    case state::single:
      if (first == err_header) note_error();
      else if (first == ok_header && length >= 7) status_flags_ = ok_status_flags(prefix);
      return finish();

    case state::result_first: {
      if (first == ok_header) return end_of_result(ok_status_flags(prefix));
      if (first == err_header) return finish_with_error();
      if (first == local_infile_header) {
        if (kind_ != response_kind::text_result) return fail();
        state_ = state::idle;
        pending_ = tracker_status::local_infile;
        return;
      }
      byte_reader r(prefix);
      const std::uint64_t columns = r.lenenc_int();
      // With cached metadata, MariaDB may leave the column definitions out (the client has them).
      const bool definitions_follow = !metadata_byte_ || r.u8() != 0;
      if (!r.ok() || columns == 0) return fail();
      remaining_ = columns;
      if (definitions_follow) state_ = state::column_defs;
      else after_result_set_columns();
      return;
    }

    case state::column_defs:
      if (first == err_header) return finish_with_error();
      if (--remaining_ == 0) after_result_set_columns();
      return;

    case state::columns_eof: {
      if (first == err_header) return finish_with_error();
      if (!is_terminator(prefix, length)) return fail();
      const std::uint16_t flags = eof_status_flags(prefix);
      // A prepared statement executed with a cursor: no rows now, COM_STMT_FETCH gets them.
      if (kind_ == response_kind::binary_result && (flags & server_status::cursor_exists))
        return end_of_result(flags);
      status_flags_ = flags;
      state_ = state::rows;
      return;
    }

    case state::rows:
      if (is_terminator(prefix, length))
        return end_of_result(deprecate_eof_ ? ok_status_flags(prefix) : eof_status_flags(prefix));
      if (first == err_header) return finish_with_error();
      return;  // a row

    case state::prepare_first: {
      if (first == err_header) return finish_with_error();
      if (first != ok_header || length < 12) return fail();
      byte_reader r(prefix);
      r.skip(1);
      statement_id_ = r.u32();
      prepared_columns_ = r.u16();
      prepared_params_ = r.u16();
      remaining_ = prepared_params_;
      if (remaining_ > 0) state_ = state::prepare_params;
      else after_prepare_params();
      return;
    }

    case state::prepare_params:
      if (--remaining_ == 0) {
        if (deprecate_eof_) after_prepare_params();
        else state_ = state::prepare_params_eof;
      }
      return;

    case state::prepare_params_eof:
      if (!is_terminator(prefix, length)) return fail();
      return after_prepare_params();

    case state::prepare_columns:
      if (--remaining_ == 0) {
        if (deprecate_eof_) after_prepare_columns();
        else state_ = state::prepare_columns_eof;
      }
      return;

    case state::prepare_columns_eof:
      if (!is_terminator(prefix, length)) return fail();
      return after_prepare_columns();

    case state::field_defs:
      if (first == err_header) return finish_with_error();
      if (is_terminator(prefix, length)) return finish();
      return;  // a column definition

    case state::idle:
    case state::finished:
    case state::failed:
      return fail();  // the server sent something nobody asked for
  }
}

void response_tracker::after_result_set_columns() {
  state_ = deprecate_eof_ ? state::rows : state::columns_eof;
}

void response_tracker::after_prepare_params() {
  remaining_ = prepared_columns_;
  if (remaining_ > 0) state_ = state::prepare_columns;
  else after_prepare_columns();
}

void response_tracker::after_prepare_columns() {
  state_ = state::finished;
  pending_ = tracker_status::done;
}

}  // namespace switchyard::protocol
