// The backfill's checkpoints in PostgreSQL, schema `switchyard`:
//   backfill_plans  one row per (MySQL database, table): the key chunked by, chunk size, chunk
//                   count, keys counted when planning, finished_at, error (the table stopped);
//   backfill_chunks one row per chunk: key bounds (lower exclusive, upper inclusive, JSON arrays of
//                   the key values as text; NULL: open), state pending/leased/done/failed, lease
//                   owner and expiry, copied_at (rows in, re-check pending), rechecks, rows, bytes,
//                   attempts, differing_keys, error.
// Workers claim chunks with FOR UPDATE SKIP LOCKED; a leased chunk whose lease expired is claimable
// again. Planning takes a transaction-scoped advisory lock per table, so concurrent processes plan
// each table once. A chunk's rows and its state change commit in the copier's one transaction.
#pragma once
#include <libpq-fe.h>
#include <mysql.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "migrate/backfill/table_job.hpp"

namespace switchyard::migrate::backfill_state {

// Creates the schema and tables when missing.
[[nodiscard]] bool ensure_tables(PGconn* pg, std::string& error);
// Forgets the plan and chunks of a table (--restart).
[[nodiscard]] bool forget(PGconn* pg, const table_job& job, std::string& error);
// A new run retries what an earlier run stopped on: clears the table's error, failed chunks pending.
[[nodiscard]] bool retry_failed(PGconn* pg, const table_job& job, std::string& error);
// Plans `job` unless a plan exists: streams the key columns from MySQL in key order
// (mysql_use_result) and cuts a chunk every `chunk_rows` keys. `planned` tells whether this call
// made the plan.
[[nodiscard]] bool plan(PGconn* pg, MYSQL* mysql, const table_job& job, std::uint64_t chunk_rows, bool& planned,
                        std::string& error);

struct chunk_claim {
  std::string schema;
  std::string table;
  int chunk = 0;
  std::optional<key_value> lower;
  std::optional<key_value> upper;
  bool copied = false;  // rows are in; only the re-check is left
  int rechecks = 0;
  // Re-check rounds: the keys that differed in the previous round -> both sides' rows then (md5s
  // of their text; empty for a missing row). Held in memory between rounds only.
  std::map<std::string, std::string> differed;
  // When MySQL's snapshot for the copy or the last round was taken (unix seconds, this host's
  // clock; 0: unknown, as for a chunk a dead worker copied). Held in memory.
  double snapshot_at = 0;
  bool via_staging = false;  // copy through the staging table (a direct COPY met the dual write)
};
// Claims the next chunk of `tables` (pending, or leased with an expired lease). nullopt with an
// empty `error` when none is claimable.
[[nodiscard]] std::optional<chunk_claim> claim(PGconn* pg, const std::vector<const table_job*>& tables,
                                               const std::string& owner, unsigned lease_seconds, std::string& error);
// Inside the copier's transaction: locks the chunk row and checks it is still leased by `owner`.
[[nodiscard]] bool still_ours(PGconn* pg, const chunk_claim& c, const std::string& owner, std::string& error);
// Inside the copier's transaction: the chunk's rows are in; `done` or awaiting its re-check.
[[nodiscard]] bool mark_copied(PGconn* pg, const chunk_claim& c, std::uint64_t rows, std::uint64_t bytes, bool done,
                               unsigned lease_seconds, std::string& error);
// Inside the re-check's transaction: one more round, or done with the keys still differing.
[[nodiscard]] bool mark_rechecked(PGconn* pg, const chunk_claim& c, bool done, std::size_t differing_keys,
                                  unsigned lease_seconds, std::string& error);
// Stops the table: the chunk failed with `reason` (own transaction).
[[nodiscard]] bool mark_failed(PGconn* pg, const chunk_claim& c, const std::string& reason, std::string& error);
// True when every chunk of the table is done (then sets finished_at).
[[nodiscard]] bool table_finished(PGconn* pg, const table_job& job, std::string& error);

struct table_state {
  std::string schema, table;
  std::uint64_t chunks_done = 0, chunks_total = 0, rows = 0, rows_planned = 0;
  bool finished = false;
  std::string error;
};
[[nodiscard]] std::vector<table_state> progress(PGconn* pg, const std::vector<const table_job*>& tables, std::string& error);

// Bounds as stored: a JSON array of strings (binary key values as hex); decode is the inverse.
[[nodiscard]] std::string encode_bound(const table_job& job, const key_value& v);
[[nodiscard]] bool decode_bound(const std::vector<key_column>& key, std::string_view json, key_value& out);

}  // namespace switchyard::migrate::backfill_state
