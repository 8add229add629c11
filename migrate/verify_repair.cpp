#include "migrate/verify_repair.hpp"

#include <cstdlib>
#include <memory>

#include "migrate/verify_pg.hpp"
#include "migrate/verify_render.hpp"

namespace switchyard::migrate {
namespace {



bool pg_command(PGconn* pg, const std::string& sql, std::string& error, std::size_t* affected = nullptr) {
  const pg_result r(PQexec(pg, sql.c_str()));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    error = pg_failure(pg);
    return false;
  }
  if (affected != nullptr) *affected += std::strtoull(PQcmdTuples(r.get()), nullptr, 10);
  return true;
}

// MySQL's rows matching `mysql_predicate` streamed into COPY; counts them in `out.copied`.
bool copy_from_mysql(MYSQL* m, PGconn* pg, const sql::table_info& table, const std::string& mysql_predicate,
                     zero_date_policy zero_dates, repair_outcome& out) {
  std::string select = "SELECT ", columns;
  std::vector<copy_column> convert;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    select += (i > 0 ? ", " : "") + quote_identifier(table.columns[i].name, sql_dialect::mysql);
    columns += (i > 0 ? ", " : "") + quote_identifier(table.columns[i].name, sql_dialect::postgresql);
    convert.push_back(make_copy_column(table.columns[i]));
  }
  select += " FROM " + qualified_table(table.schema, table.name, sql_dialect::mysql) + " WHERE " + mysql_predicate;
  if (mysql_real_query(m, select.data(), select.size()) != 0) {
    out.error = std::string("MySQL: ") + mysql_error(m);
    return false;
  }
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> rows(mysql_use_result(m), &mysql_free_result);
  if (!rows) {
    out.error = std::string("MySQL: ") + mysql_error(m);
    return false;
  }
  const pg_result started(PQexec(pg, ("COPY " + qualified_table(table.schema, table.name, sql_dialect::postgresql) +
                                      " (" + columns + ") FROM STDIN")
                                         .c_str()));
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
    out.error = pg_failure(pg);
    while (mysql_fetch_row(rows.get()) != nullptr) {}  // drain the stream before the connection is reused
    return false;
  }
  std::string buffer, error;
  while (MYSQL_ROW row = mysql_fetch_row(rows.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(rows.get());
    for (std::size_t i = 0; i < convert.size() && error.empty(); ++i) {
      if (i > 0) buffer += '\t';
      if (!append_copy_value(convert[i], row[i], row[i] ? lengths[i] : 0, zero_dates, buffer, error))
        error = table.columns[i].name + ": " + error;
    }
    if (!error.empty()) break;
    buffer += '\n';
    ++out.copied;
    if (buffer.size() > (1U << 20)) {
      if (PQputCopyData(pg, buffer.data(), static_cast<int>(buffer.size())) != 1) error = pg_failure(pg);
      buffer.clear();
    }
  }
  if (error.empty() && mysql_errno(m) != 0) error = std::string("MySQL: ") + mysql_error(m);
  while (!error.empty() && mysql_fetch_row(rows.get()) != nullptr) {}
  if (error.empty() && !buffer.empty() && PQputCopyData(pg, buffer.data(), static_cast<int>(buffer.size())) != 1)
    error = pg_failure(pg);
  PQputCopyEnd(pg, error.empty() ? nullptr : error.c_str());
  while (PGresult* r = PQgetResult(pg)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty()) error = pg_failure(pg);
    PQclear(r);
  }
  out.error = error;
  return error.empty();
}

repair_outcome repair(MYSQL* m, PGconn* pg, const sql::table_info& table, const std::string& mysql_predicate,
                      const std::string& pg_predicate, zero_date_policy zero_dates) {
  repair_outcome out;
  if (!pg_command(pg, "BEGIN", out.error)) return out;
  const bool done =
      pg_command(pg, "DELETE FROM " + qualified_table(table.schema, table.name, sql_dialect::postgresql) + " WHERE " +
                         pg_predicate,
                 out.error, &out.deleted) &&
      copy_from_mysql(m, pg, table, mysql_predicate, zero_dates, out) && pg_command(pg, "COMMIT", out.error);
  if (!done) {
    std::string ignored;
    (void)pg_command(pg, "ROLLBACK", ignored);
    out.deleted = out.copied = 0;
    out.error = table.schema + "." + table.name + ": " + out.error;
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace

repair_outcome repair_rows(MYSQL* mysql, PGconn* pg, const sql::table_info& table, const std::vector<key_column>& key,
                           const std::vector<key_value>& keys, zero_date_policy zero_dates) {
  repair_outcome total;
  total.ok = true;
  constexpr std::size_t batch = 500;
  for (std::size_t at = 0; at < keys.size(); at += batch) {
    const std::vector<key_value> part(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                      keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), at + batch)));
    const repair_outcome one = repair(mysql, pg, table, key_in_predicate(key, part, sql_dialect::mysql),
                                      key_in_predicate(key, part, sql_dialect::postgresql), zero_dates);
    if (!one.ok) return one;
    total.deleted += one.deleted;
    total.copied += one.copied;
  }
  return total;
}

repair_outcome repair_table(MYSQL* mysql, PGconn* pg, const sql::table_info& table, zero_date_policy zero_dates) {
  return repair(mysql, pg, table, "TRUE", "TRUE", zero_dates);
}

}  // namespace switchyard::migrate
