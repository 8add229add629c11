#include "support/translate_any.hpp"

#include "sql/ddl_translate.hpp"

namespace switchyard::test {

sql::translate_result translate_any(std::string_view mysql_sql, const sql::translate_options& options) {
  auto r = sql::translate(mysql_sql, options);
  if (!r.ok && r.reason.construct == "DDL") return sql::translate_ddl(mysql_sql, options, {});
  return r;
}

}  // namespace switchyard::test
