// Why a decoder rejected its input. Decoders never throw; they return one of these.
#pragma once
#include <cstdint>
#include <string_view>

namespace switchyard::protocol {

enum class errc : std::uint8_t {
  ok = 0,
  incomplete,          // more bytes are needed (a frame or payload that has not fully arrived)
  truncated,           // the message ended inside a field
  trailing_bytes,      // bytes left over after the last field
  bad_value,           // a field holds a value the protocol does not allow
  bad_sequence,        // a sequence id other than the one expected
  too_large,           // over a configured limit (max_allowed_packet)
  unexpected_message,  // a well-formed message that is not valid at this point
  unsupported,         // valid MySQL, but not something switchyard handles
};

[[nodiscard]] constexpr std::string_view to_string(errc e) {
  switch (e) {
    case errc::ok: return "ok";
    case errc::incomplete: return "incomplete";
    case errc::truncated: return "truncated";
    case errc::trailing_bytes: return "trailing bytes";
    case errc::bad_value: return "bad value";
    case errc::bad_sequence: return "bad sequence id";
    case errc::too_large: return "too large";
    case errc::unexpected_message: return "unexpected message";
    case errc::unsupported: return "unsupported";
  }
  return "unknown";
}

}  // namespace switchyard::protocol
