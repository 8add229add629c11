// PostgreSQL's own parser (libpg_query) for tests: does generated SQL parse, and to what tree.
#pragma once
#include <string>
#include <string_view>

namespace switchyard::test {

struct pg_parse_result {
  bool ok = false;
  std::string error;      // PostgreSQL's message and cursor position when !ok
  std::string tree_json;  // the parse tree as libpg_query's JSON when ok
};

[[nodiscard]] pg_parse_result pg_parse(std::string_view sql);

}  // namespace switchyard::test
