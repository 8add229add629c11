// `switchyard backfill`: copies MySQL tables into their PostgreSQL twins in key-range chunks with
// N worker threads (and any number of processes sharing the checkpoints in PostgreSQL), then
// re-checks each chunk against MySQL to catch rows the dual write changed meanwhile.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "migrate/backfill/chunk_copier.hpp"
#include "migrate/mysql_catalog.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::migrate {

enum class progress_mode : std::uint8_t { automatic, bar, json, none };

struct backfill_options {
  mysql_endpoint mysql;
  std::string pg_conninfo;
  std::vector<std::string> databases;
  std::vector<std::string> tables;  // "t" (in every database) or "db.t"; empty: every table
  unsigned workers = 4;
  std::uint64_t chunk_rows = 10'000;
  double rate_rows = 0;             // rows/s across the process; 0: unlimited
  double rate_bytes = 0;            // bytes/s (of COPY data) across the process; 0: unlimited
  progress_mode progress = progress_mode::automatic;
  std::chrono::milliseconds progress_interval{1'000};
  bool restart = false;
  std::chrono::milliseconds recheck_delay{1'000};
  // Re-check only while a dual write is live (its progress table has a fresh heartbeat), or always.
  bool recheck_always = false;
  // A round waits until the dual write is past the previous snapshot by this much (the delay
  // between MySQL's commit and the proxy's hand-over, plus clock skew between hosts)...
  std::chrono::milliseconds mirror_margin{500};
  // ...but no longer than this: then it runs anyway, and what still differs after the last round
  // is recorded for repair.
  std::chrono::milliseconds mirror_wait_limit{120'000};
  copier_settings copier;           // owner filled in by run_backfill when empty
  sql::type_mapping_options types;
};

struct table_summary {
  std::string table;  // db.t
  std::string state;  // done, failed, refused, incomplete
  std::uint64_t rows = 0;
  std::uint64_t chunks_done = 0, chunks_total = 0;
  std::string error;
};

struct backfill_result {
  int exit_status = 1;             // 0 only when every selected table is done
  std::vector<std::string> errors; // each already a full sentence for the log
  std::vector<table_summary> tables;
  std::uint64_t rows_copied = 0;   // by this process
  std::uint64_t bytes_copied = 0;
  std::size_t rows_fixed = 0;      // by re-checks
  std::vector<std::string> divergent_keys;  // "db.t (id)=(5)"
  std::size_t chunks_copied_with_recheck = 0;  // by this process: left awaiting re-check rounds
  std::size_t rounds_past_wait_limit = 0;      // re-check rounds that stopped waiting for a lagging dual write
  std::vector<std::string> notes;              // what the operator should know (not errors)
  double seconds = 0;
};

// Runs the backfill; progress lines go to `progress_out`.
[[nodiscard]] backfill_result run_backfill(backfill_options options, std::FILE* progress_out);

}  // namespace switchyard::migrate
