#include "migrate/backfill/sequence.hpp"

#include "migrate/backfill/pg_session.hpp"
#include "migrate/mysql_client.hpp"

namespace switchyard::migrate {

bool set_identity_sequence(MYSQL* mysql, PGconn* pg, const table_job& job, std::string& error) {
  if (job.identity_column.empty()) return true;
  const auto r = mysql_client::query(mysql,
                                     "SELECT COALESCE(AUTO_INCREMENT, 1) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                                         mysql_client::quoted(mysql, job.schema) +
                                         " AND TABLE_NAME = " + mysql_client::quoted(mysql, job.table),
                                     error);
  if (!r) return false;
  std::string next = "1";
  if (MYSQL_ROW row = mysql_fetch_row(r.get())) next = mysql_client::field(row, mysql_fetch_lengths(r.get()), 0);
  const std::string column = quote_identifier(job.identity_column, sql_dialect::postgresql);
  std::string lower_name = job.identity_column;  // pg_get_serial_sequence takes the column name literally
  for (char& ch : lower_name)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  // setval(seq, v, true): the next value is v + 1; with nothing to move past, the sequence restarts at 1.
  return pg_session::run(pg,
                        "SELECT CASE WHEN v >= 1 THEN setval(s, v, true) ELSE setval(s, 1, false) END FROM (SELECT "
                        "pg_get_serial_sequence($1, $2) AS s, GREATEST((SELECT max(" + column + ") FROM " + job.pg_name +
                            "), $3::numeric - 1)::bigint AS v) x WHERE s IS NOT NULL",
                        error, {job.pg_name, lower_name, next});
}

}  // namespace switchyard::migrate
