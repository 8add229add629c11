#include <cstdlib>

#include "fuzz/targets.hpp"
#include "protocol/auth.hpp"
#include "protocol/column_definition.hpp"
#include "protocol/commands.hpp"
#include "protocol/handshake.hpp"
#include "protocol/local_infile.hpp"
#include "protocol/ok_err_eof.hpp"
#include "protocol/prepared.hpp"
#include "protocol/rows.hpp"

namespace switchyard::fuzz {

namespace pr = protocol;

void decoders_target(pr::bytes_view data) {
  const std::uint32_t caps = pr::capability::protocol_41 | pr::capability::session_track |
                             pr::capability::plugin_auth | pr::capability::connect_attrs |
                             pr::capability::connect_with_db;
  {
    pr::handshake_v10 h;
    if (pr::decode_handshake_v10(data, h) == pr::errc::ok) {
      // The proxy re-encodes the greeting it forwards: it must be byte-exact.
      pr::bytes again;
      pr::encode_handshake_v10(h, again);
      if (again.size() != data.size() || !std::equal(again.begin(), again.end(), data.begin())) std::abort();
    }
  }
  { pr::handshake_response_41 r; (void)pr::decode_handshake_response_41(data, r); }
  { pr::ssl_request r; (void)pr::decode_ssl_request(data, r); (void)pr::is_ssl_request(data); }
  { pr::auth_switch_request r; (void)pr::decode_auth_switch_request(data, r); }
  { pr::auth_more_data r; (void)pr::decode_auth_more_data(data, r); }
  { pr::ok_packet r; (void)pr::decode_ok_packet(data, caps, r); }
  { pr::err_packet r; (void)pr::decode_err_packet(data, r); }
  { pr::eof_packet r; (void)pr::decode_eof_packet(data, r); }
  { pr::mariadb_progress_report r; (void)pr::decode_mariadb_progress_report(data, r); }
  { pr::column_count_packet r; (void)pr::decode_column_count(data, true, r); }
  for (const bool field_list : {false, true}) {
    pr::column_definition_41 r;
    (void)pr::decode_column_definition_41(data, {field_list, !field_list}, r);
  }
  { pr::com_query r; (void)pr::decode_com_query(data, false, r); }
  { pr::com_change_user r; (void)pr::decode_com_change_user(data, caps, r); }
  { pr::com_field_list r; (void)pr::decode_com_field_list(data, r); }
  { pr::local_infile_request r; (void)pr::decode_local_infile_request(data, r); }
  { pr::com_stmt_prepare_ok r; (void)pr::decode_com_stmt_prepare_ok(data, false, r); }
  { pr::com_stmt_send_long_data r; (void)pr::decode_com_stmt_send_long_data(data, r); }
  if (!data.empty()) {
    pr::com_stmt_execute r;
    (void)pr::decode_com_stmt_execute(data, pr::stmt_execute_context{static_cast<std::uint16_t>(data[0] % 8)}, r);
  }
  {
    std::vector<pr::text_value> out;
    (void)pr::decode_text_row(data, data.empty() ? 1 : 1 + data[0] % 12, out);
  }
  {
    static const pr::column_info columns[] = {
        {pr::column_type::longlong}, {pr::column_type::var_string}, {pr::column_type::datetime},
        {pr::column_type::time},     {pr::column_type::double_},    {pr::column_type::newdecimal},
        {pr::column_type::tiny, true}, {pr::column_type::date}};
    std::vector<pr::field_value> out;
    (void)pr::decode_binary_row(data, columns, out);
  }
}

}  // namespace switchyard::fuzz
