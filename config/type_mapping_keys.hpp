// The MySQL -> PostgreSQL type-mapping choices (sql/type_mapping.hpp) by name, shared by the
// configuration's [schema] section and the tools' command-line flags, so both spell them alike:
//   tinyint1 = boolean|smallint        bit1 = bit|boolean          char = char|varchar
//   time = time|interval               enum = check|type           timestamp = timestamptz|timestamp
//   case_insensitive = plain|citext|collation:NAME      zero_dates = null|error
//   type.<MYSQL TYPE> = <PG TYPE>      column.<TABLE.COLUMN> = <PG TYPE>
#pragma once
#include <string>
#include <string_view>

#include "sql/type_mapping.hpp"

namespace switchyard::config {

// Applies the choice `name` = `value`. False with `error` set (naming what is expected) when the
// value is bad; false with `error` empty when `name` is not a type-mapping choice.
[[nodiscard]] bool apply_type_mapping_key(std::string_view name, std::string_view value,
                                          sql::type_mapping_options& options, std::string& error);

}  // namespace switchyard::config
