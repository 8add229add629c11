#include "support/pg_parse.hpp"

#include <pg_query.h>

namespace switchyard::test {

pg_parse_result pg_parse(std::string_view sql) {
  const std::string text(sql);  // libpg_query takes a NUL-terminated string
  PgQueryParseResult parsed = pg_query_parse(text.c_str());
  pg_parse_result out;
  if (parsed.error != nullptr) {
    out.error = std::string(parsed.error->message) + " at " + std::to_string(parsed.error->cursorpos);
  } else {
    out.ok = true;
    out.tree_json = parsed.parse_tree;
  }
  pg_query_free_parse_result(parsed);
  return out;
}

}  // namespace switchyard::test
