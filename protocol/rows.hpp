// Result-set rows: the text protocol's (COM_QUERY) and the binary protocol's (COM_STMT_EXECUTE,
// COM_STMT_FETCH).
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/column_definition.hpp"
#include "protocol/errc.hpp"
#include "protocol/field_value.hpp"

namespace switchyard::protocol {

// A text-protocol value: the column's text as sent, or nullopt for NULL (0xFB).
using text_value = std::optional<std::string_view>;

// Exactly `column_count` values, each a length-encoded string or 0xFB.
[[nodiscard]] errc decode_text_row(bytes_view payload, std::size_t column_count, std::vector<text_value>& out);
void encode_text_row(std::span<const text_value> values, bytes& out);

[[nodiscard]] inline column_info column_info_of(const column_definition_41& c) {
  return {c.type, (c.flags & column_flag::unsigned_) != 0};
}

// 0x00, a NULL bitmap whose first two bits are unused, then each non-NULL value in its binary
// form. Unused bitmap bits must be zero.
[[nodiscard]] errc decode_binary_row(bytes_view payload, std::span<const column_info> columns,
                                     std::vector<field_value>& out);
// bad_value, with `out` unchanged, when the counts differ or a value does not fit its column.
[[nodiscard]] errc encode_binary_row(std::span<const column_info> columns, std::span<const field_value> values,
                                     bytes& out);

// The NULL bitmap of `count` entries starting at bit `offset` (2 in rows, 0 in COM_STMT_EXECUTE).
[[nodiscard]] constexpr std::size_t null_bitmap_size(std::size_t count, std::size_t offset) {
  return (count + offset + 7) / 8;
}

}  // namespace switchyard::protocol
