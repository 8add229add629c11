// A single non-NULL value in the binary protocol (rows of COM_STMT_EXECUTE results, and the
// parameters of COM_STMT_EXECUTE), read or written according to its column type.
#pragma once
#include "protocol/bytes.hpp"
#include "protocol/field_value.hpp"

namespace switchyard::protocol {

// Reads one value; failures (truncated, bad_value for an illegal temporal length or a type that
// never travels on the wire) stick in `r`.
[[nodiscard]] field_value read_binary_value(byte_reader& r, const column_info& column);

// Writes one value in the form its column type takes. bad_value when the value's kind does not
// fit the type or an integer is out of the type's range; nothing is written then.
[[nodiscard]] errc write_binary_value(byte_writer& w, const column_info& column, const field_value& value);

}  // namespace switchyard::protocol
