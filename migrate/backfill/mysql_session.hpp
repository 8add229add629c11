// The backfill's MySQL sessions: UTC, utf8mb4 (binary columns arrive as their bytes), quotes in
// literals only doubled (NO_BACKSLASH_ESCAPES, see key_range.hpp), long write timeouts (a slow
// PostgreSQL or the rate limit may pause the reading), and streaming reads (mysql_use_result:
// rows are handed over one at a time, never a whole table in memory).
#pragma once
#include <mysql.h>

#include <functional>
#include <string>

#include "migrate/mysql_client.hpp"

namespace switchyard::migrate::mysql_session {

[[nodiscard]] mysql_client::connection open(const mysql_endpoint& endpoint, std::string& error);
// A statement without a result set.
[[nodiscard]] bool exec(MYSQL* m, const std::string& sql, std::string& error);
// Streams the rows of `sql` to `on_row` (false from it stops early; the rest is drained).
[[nodiscard]] bool stream(MYSQL* m, const std::string& sql, std::string& error,
                          const std::function<bool(MYSQL_ROW, unsigned long*)>& on_row);

}  // namespace switchyard::migrate::mysql_session
