// The translator's two entry points as the tests use them: sql::translate for everything, and
// sql::translate_ddl for the table DDL that translate() hands back as unsupported "DDL".
#pragma once
#include <string_view>

#include "sql/translate.hpp"

namespace switchyard::test {

[[nodiscard]] sql::translate_result translate_any(std::string_view mysql_sql, const sql::translate_options& options);

}  // namespace switchyard::test
