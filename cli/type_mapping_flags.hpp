// Command-line flags for the MySQL -> PostgreSQL type mapping (sql/type_mapping.hpp), shared by
// the commands that create or translate schemas.
#pragma once
#include <string>
#include <string_view>

#include "sql/type_mapping.hpp"

namespace switchyard::cli {

// Help text listing the flags, one per line, indented by two spaces.
[[nodiscard]] std::string_view type_mapping_flags_help();

// When `arg` (with `value`, the text after '=' or the next argument) is one of the flags, applies it
// and returns true; `error` is set when its value is bad. False for any other argument.
[[nodiscard]] bool apply_type_mapping_flag(std::string_view flag, std::string_view value,
                                           sql::type_mapping_options& options, std::string& error);

// Whether `flag` is one of the type-mapping flags (all take a value).
[[nodiscard]] bool is_type_mapping_flag(std::string_view flag);

}  // namespace switchyard::cli
