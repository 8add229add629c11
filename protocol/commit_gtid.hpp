// A commit's GTID from its OK packet, where the proxy asked MySQL to report it in the session
// state (MariaDB: the system variable last_gtid through session_track_system_variables; MySQL 8:
// session_track_gtids = OWN_GTID), taken out again so that the client gets the OK it would have
// had without the proxy. No extra query per commit: the GTID rides on the answer. Pure.
#pragma once
#include <cstdint>
#include <string>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

enum class gtid_source : std::uint8_t {
  mariadb_last_gtid,  // a system_variables entry named last_gtid ("0-1-42")
  mysql_own_gtid,     // a gtids entry ("3e11fa47-71ca-11e1-9e33-c80aa9429562:42")
};

struct taken_gtid {
  bool found = false;      // the packet reported a (new) GTID
  std::string gtid;
  bool rewritten = false;  // the entry was removed: relay `payload` instead of the original
  bytes payload;
};

// `ok_payload`: an OK packet's payload (0x00, or 0xFE ending a result set), `capabilities` the
// session's. When the entry was the only session state, the state-changed flag is cleared and the
// state left out, as MySQL sends it when nothing changed. An OK without the entry is left alone.
[[nodiscard]] errc take_commit_gtid(bytes_view ok_payload, std::uint32_t capabilities, gtid_source source,
                                    taken_gtid& out);

}  // namespace switchyard::protocol
