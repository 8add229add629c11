// The values a COM_STMT_EXECUTE binds, as PostgreSQL text parameters for the mirror (pure: no
// I/O). Integers and floats in decimal (floats in their shortest exact form), DECIMAL, strings,
// BLOBs and JSON as their bytes, DATE as YYYY-MM-DD, DATETIME/TIMESTAMP with microseconds when
// there are any, TIME as [-]H:MM:SS[.ffffff] with the days folded into the hours; NULL as nullopt.
// Parameters sent ahead with COM_STMT_SEND_LONG_DATA are taken from what was collected.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/param_block.hpp"

namespace switchyard::proxy {

// What the session remembers of one prepared statement.
struct prepared_statement {
  std::string text;
  std::uint16_t param_count = 0;
  std::vector<protocol::param_type> bound_types;  // the last execute's, for new_params_bound = 0
  std::map<std::uint16_t, std::string> long_data;  // COM_STMT_SEND_LONG_DATA by parameter, until the next execute
};

// Decodes `payload` (a whole COM_STMT_EXECUTE, command byte first) into `out`. False with `error`
// when it does not decode. Updates `statement.bound_types` and clears its long data, as MySQL does.
[[nodiscard]] bool execute_params_as_text(protocol::bytes_view payload, prepared_statement& statement,
                                          std::vector<std::optional<std::string>>& out, std::string& error);

// Appends a COM_STMT_SEND_LONG_DATA's chunk (payload with its command byte) to `statement`.
[[nodiscard]] bool collect_long_data(protocol::bytes_view payload, prepared_statement& statement);

}  // namespace switchyard::proxy
