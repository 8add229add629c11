#include "migrate/backfill/sequence.hpp"

#include "migrate/backfill/pg_session.hpp"
#include "migrate/mysql_client.hpp"
#include "migrate/schema_plan.hpp"

namespace switchyard::migrate {

bool set_identity_sequence(MYSQL* mysql, PGconn* pg, const table_job& job, std::string& error) {
  if (job.identity_column.empty()) return true;
  const auto r = mysql_client::query(mysql,
                                     "SELECT COALESCE(AUTO_INCREMENT, 1) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                                         mysql_client::quoted(mysql, job.schema) +
                                         " AND TABLE_NAME = " + mysql_client::quoted(mysql, job.table),
                                     error);
  if (!r) return false;
  std::uint64_t next = 1;
  if (MYSQL_ROW row = mysql_fetch_row(r.get())) next = std::stoull("0" + mysql_client::field(row, mysql_fetch_lengths(r.get()), 0));
  return pg_session::run(pg, identity_sequence_move(job.schema, job.table, job.identity_column, next), error);
}

}  // namespace switchyard::migrate
