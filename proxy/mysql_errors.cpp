#include "proxy/mysql_errors.hpp"

#include "common/str_cat.hpp"
#include "protocol/constants.hpp"
#include "protocol/framing.hpp"
#include "protocol/ok_err_eof.hpp"

namespace switchyard::proxy {
namespace errors {
mysql_error too_many_connections() { return {1040, "08004", "Too many connections"}; }
mysql_error bad_handshake() { return {1043, "08S01", "Bad handshake"}; }
mysql_error unknown_command() { return {1047, "08S01", "Unknown command"}; }
mysql_error packet_too_large() { return {1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"}; }
mysql_error packets_out_of_order() { return {1156, "08S01", "Got packets out of order"}; }
mysql_error malformed_packet() { return {1835, "HY000", "Malformed communication packet."}; }
mysql_error insecure_transport() {
  return {3159, "HY000", "Connections using insecure transport are prohibited while --require_secure_transport=ON."};
}
// Client libraries reserve 2000-2999 for errors they raise themselves and reject a server's
// ERR packet that carries one (libmariadb: "malformed packet"), so backend trouble is reported
// as ER_UNKNOWN_ERROR with a message that says what happened.
mysql_error cannot_connect(std::string_view where, std::string_view why) {
  return {1105, "HY000", str_cat("switchyard: can't connect to MySQL server on '", where, "' (", why, ")")};
}
mysql_error server_lost() { return {1105, "HY000", "switchyard: lost connection to MySQL server during query"}; }
mysql_error backend_tls_failed(std::string_view why) {
  return {1105, "HY000", str_cat("switchyard: TLS error with MySQL server: ", why)};
}
}  // namespace errors

protocol::bytes err_packet(std::uint8_t sequence_id, const mysql_error& e, bool with_sqlstate) {
  protocol::bytes payload;
  protocol::encode_err_packet({e.code, with_sqlstate, e.sqlstate, e.message}, payload);
  protocol::bytes framed;
  protocol::append_message(framed, payload, sequence_id);
  return framed;
}

}  // namespace switchyard::proxy
