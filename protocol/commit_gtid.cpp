#include "protocol/commit_gtid.hpp"

#include <algorithm>

#include "protocol/constants.hpp"
#include "protocol/ok_err_eof.hpp"

namespace switchyard::protocol {

errc take_commit_gtid(bytes_view ok_payload, std::uint32_t capabilities, gtid_source source, taken_gtid& out) {
  out = {};
  ok_packet ok;
  if (const errc ec = decode_ok_packet(ok_payload, capabilities, ok); ec != errc::ok) return ec;
  if ((ok.status_flags & server_status::session_state_changed) == 0 || ok.session_state.empty()) return errc::ok;
  const auto is_gtid = [source](const session_track_entry& e) {
    if (source == gtid_source::mysql_own_gtid) return e.type == session_track_type::gtids;
    return e.type == session_track_type::system_variables && e.name == "last_gtid";
  };
  const auto first = std::find_if(ok.session_state.begin(), ok.session_state.end(), is_gtid);
  if (first == ok.session_state.end()) return errc::ok;
  for (const session_track_entry& e : ok.session_state)
    if (is_gtid(e)) out.gtid.assign(e.value);  // the last one, should there be several
  out.found = true;
  ok.session_state.erase(std::remove_if(ok.session_state.begin(), ok.session_state.end(), is_gtid),
                         ok.session_state.end());
  if (ok.session_state.empty()) {
    ok.status_flags = static_cast<std::uint16_t>(ok.status_flags & ~server_status::session_state_changed);
    ok.has_info = !ok.info.empty();
  }
  encode_ok_packet(ok, capabilities, out.payload);
  out.rewritten = true;
  return errc::ok;
}

}  // namespace switchyard::protocol
