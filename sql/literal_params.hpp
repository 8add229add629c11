// A prepared statement's text with its bound values written in as MySQL literals (pure tier):
// what the divergence log uses to name the rows a prepared write touched (sql/affected_keys.hpp
// reads literals only). Each `?` becomes the next value as a quoted string literal (MySQL
// compares and converts a string to the column's type as it would the bound value), or NULL.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/lexer.hpp"

namespace switchyard::sql {

// Writes into `out` (cleared first) and returns it. Placeholders beyond `params` stay `?`.
const std::string& with_literal_params(std::string_view text, sql_mode mode,
                                       const std::vector<std::optional<std::string>>& params, std::string& out);

}  // namespace switchyard::sql
