// After a table's last chunk: its identity sequence moves past the highest id, the larger of the
// column's maximum on PostgreSQL and MySQL's AUTO_INCREMENT - 1, so rows PostgreSQL numbers itself
// later never collide with copied ones.
#pragma once
#include <libpq-fe.h>
#include <mysql.h>

#include <string>

#include "migrate/backfill/table_job.hpp"

namespace switchyard::migrate {

// True when done or when there is nothing to move (no AUTO_INCREMENT, no sequence on PostgreSQL).
[[nodiscard]] bool set_identity_sequence(MYSQL* mysql, PGconn* pg, const table_job& job, std::string& error);

}  // namespace switchyard::migrate
