// Which protocol capabilities pass through the proxy. A capability the proxy cannot follow
// (compression, query attributes, optional metadata, MariaDB's extensions) is masked in the
// greeting, so no client can ask for it, and masked again in the client's answer.
#pragma once
#include <cstdint>

#include "protocol/constants.hpp"

namespace switchyard::proxy {

namespace cap = protocol::capability;

inline constexpr std::uint32_t relayed_capabilities =
    cap::long_password | cap::found_rows | cap::long_flag | cap::connect_with_db | cap::no_schema | cap::odbc |
    cap::local_files | cap::ignore_space | cap::protocol_41 | cap::interactive | cap::ignore_sigpipe |
    cap::transactions | cap::reserved | cap::secure_connection | cap::multi_statements | cap::multi_results |
    cap::ps_multi_results | cap::plugin_auth | cap::connect_attrs | cap::plugin_auth_lenenc_client_data |
    cap::can_handle_expired_passwords | cap::session_track | cap::deprecate_eof | cap::ssl_verify_server_cert |
    cap::remember_options;

// MariaDB's extensions the proxy follows: progress reports and cached metadata change how a
// response ends (the response tracker knows both), extended type info only adds bytes inside
// column definitions, and bulk execution is one more command with an ordinary response.
// COM_MULTI is not relayed.
inline constexpr std::uint32_t relayed_mariadb_capabilities =
    protocol::mariadb_capability::progress | protocol::mariadb_capability::stmt_bulk_operations |
    protocol::mariadb_capability::extended_type_info | protocol::mariadb_capability::cache_metadata;

// What the client is offered: MySQL's capabilities that the proxy relays, plus TLS when the
// proxy terminates it for clients (whatever MySQL offers).
[[nodiscard]] constexpr std::uint32_t client_facing_capabilities(std::uint32_t server_caps, bool offer_tls) {
  return (server_caps & relayed_capabilities) | (offer_tls ? cap::ssl : 0u);
}

// What MySQL is told: the client's choice within what it was offered, with the ssl bit saying
// whether the proxy's own leg to MySQL uses TLS.
[[nodiscard]] constexpr std::uint32_t backend_facing_capabilities(std::uint32_t client_caps, std::uint32_t offered,
                                                                  bool backend_tls) {
  return (client_caps & offered & ~cap::ssl) | (backend_tls ? cap::ssl : 0u);
}

}  // namespace switchyard::proxy
