// `switchyard verify`'s comparison of one table (I/O): counts and chunk checksums computed inside
// MySQL and PostgreSQL at once (one connection each, the two sides in parallel threads), differing
// chunks re-checked after a delay (the dual write may be a few ms behind), then bisected down to
// small ranges whose rendered rows are fetched and diffed by key; a reservoir sample of keys
// compared value by value. Renderings: verify_render.hpp; planning and diff: verify_plan.hpp.
#pragma once
#include <mysql.h>
#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "migrate/mysql_catalog.hpp"
#include "migrate/mysql_client.hpp"
#include "migrate/pg_client.hpp"
#include "migrate/verify_plan.hpp"
#include "migrate/verify_render.hpp"
#include "sql/catalog.hpp"

namespace switchyard::migrate {

struct verify_settings {
  mysql_endpoint endpoint;
  std::string pg_conninfo;
  render_options render;
  std::uint64_t chunk_rows = 50000;
  std::size_t sample = 0;             // keys sampled per table and compared value by value
  unsigned recheck_delay_ms = 500;    // before a differing chunk is re-checked
  std::size_t leaf_rows = 64;         // bisection stops at ranges this small and diffs their rows
  std::size_t split_parts = 8;        // a differing range is cut into this many for re-checksumming
  std::size_t max_unordered_rows = 1000000;  // a differing table whose key orders differently is diffed whole up to this
  std::size_t max_differences = 100000;      // rows listed per table; past it the table is marked for a whole re-copy
  std::uint64_t seed = 0;             // of the sampler; 0: random
  unsigned connections = 2;           // per server, for the chunk checksums (the queries are CPU-bound)
};

class verifier {
 public:
  // Connects to both servers and prepares the sessions (UTC, ISO dates, MySQL's
  // NO_BACKSLASH_ESCAPES for key literals, the JSON rendering function on PostgreSQL); null with
  // `error` when a server is unreachable or refuses.
  [[nodiscard]] static std::unique_ptr<verifier> connect(const verify_settings& settings, std::string& error);

  [[nodiscard]] table_result verify_table(const sql::table_info& table);

  [[nodiscard]] MYSQL* mysql() const noexcept { return mysql_.get(); }
  [[nodiscard]] PGconn* postgresql() const noexcept { return pg_.get(); }

 private:
  struct chunk_sum {
    std::uint64_t count = 0;
    std::string sum;
    bool operator==(const chunk_sum&) const = default;
  };
  struct table_job;

  bool checksums(table_job& job, const std::vector<key_span>& spans, std::vector<chunk_sum>& mysql,
                 std::vector<chunk_sum>& pg);
  bool stream_keys(table_job& job, const std::string& predicate, bool from_postgresql,
                   const std::function<void(const key_value&)>& take);
  bool fetch_rows(table_job& job, const std::string& mysql_predicate, const std::string& pg_predicate,
                  std::vector<row_difference>& out);
  // `keys`: the span's keys as far as known (empty: streamed when needed), only to choose cuts.
  bool bisect(table_job& job, const key_span& span, const chunk_sum& mysql, const chunk_sum& pg,
              std::vector<key_value> keys);

  verify_settings settings_;
  mysql_client::connection mysql_;
  pg_client::connection pg_;
  std::vector<mysql_client::connection> mysql_more_;  // more sessions for checksums in parallel
  std::vector<pg_client::connection> pg_more_;
};

}  // namespace switchyard::migrate
