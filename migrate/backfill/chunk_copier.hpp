// Copies one chunk MySQL -> PostgreSQL and re-checks it, on one worker's pair of blocking sessions.
//
// copy: in ONE PostgreSQL transaction: lock the chunk row (still leased by us), read the chunk's
// key range from MySQL in one consistent snapshot, COPY the converted rows into a temporary staging
// table, INSERT ... SELECT into the real table ON CONFLICT (key) DO NOTHING (a row the dual write
// put there first is newer and stays), and mark the chunk copied (or done). When the table has no
// row in the range yet (historical rows: the dual write inserts new keys), the rows are COPied
// straight into the table instead, half PostgreSQL's work; should the dual write insert a key of
// the range meanwhile, the COPY fails on it, nothing is kept, and the chunk is copied again through
// staging. A crash anywhere leaves either all of that or none of it.
//
// recheck: one round, some time after the copy, once the dual write has applied everything
// committed before the previous snapshot (backfill.cpp waits for its published progress): the
// range is read again from MySQL into staging and compared inside PostgreSQL with the table's rows
// in that range (full join by key, IS DISTINCT FROM). A row that differs the same way two rounds
// running (neither MySQL's row nor PostgreSQL's changed in between) is stale, not merely on its
// way through the dual write, and is fixed: upsert from
// staging, or delete when MySQL no longer has it (with one round, every differing row is fixed).
// When the last round still finds differences their keys are recorded as divergences in the dual
// write's table so `verify --repair` re-copies them. Only the keys found differing are touched, so
// a row the dual write changed after the diff stays as it wrote it. Because every statement
// committed before the previous snapshot has been applied when a round starts, and the row's two
// sides stayed the same since, nothing older than the fix can still land on it. What is left: a
// statement mirrored between this round's diff and its fix (milliseconds) is set back; the next
// round sees it, and the last round names it. (Locking the range in PostgreSQL first was tried: it
// holds the mirror back.)
#pragma once
#include <libpq-fe.h>
#include <mysql.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "migrate/backfill/state_store.hpp"
#include "migrate/backfill/table_job.hpp"
#include "migrate/token_bucket.hpp"

namespace switchyard::migrate {

// The process-wide rate limit shared by the workers (rows/s or bytes/s; none when rate is 0).
class rate_limiter {
 public:
  rate_limiter(double rows_per_second, double bytes_per_second);
  // Accounts for rows/bytes just sent and sleeps as long as the bucket says.
  void charge(std::uint64_t rows, std::uint64_t bytes);

 private:
  std::mutex mutex_;
  bool by_bytes_ = false;
  std::optional<token_bucket> bucket_;
};

struct copier_settings {
  std::string owner;               // lease owner: host:pid:worker
  unsigned lease_seconds = 300;
  zero_date_policy zero_dates = zero_date_policy::null_if_nullable;
  unsigned recheck_rounds = 3;     // 0: no re-check
  std::string divergence_table = "switchyard_divergences";
};

struct chunk_result {
  // retry: a deadlock or serialization failure with concurrent writers; nothing was committed, do the same again.
  enum class kind : std::uint8_t { done, recheck_pending, retry, lost_lease, table_failed, error };
  kind outcome = kind::error;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  std::size_t fixed = 0;                 // re-check: rows fixed this round
  std::vector<std::string> divergent;    // re-check: keys recorded as divergences ("(id)=(5)")
  std::map<std::string, std::string> differed;  // re-check: this round's differing keys, for the next round
  double snapshot_at = 0;                // when MySQL's snapshot of the range was taken (unix seconds, this clock)
  std::string message;                   // table_failed / error: why
  bool via_staging_next = false;         // retry: the direct COPY met a row the dual write inserted
};

class chunk_copier {
 public:
  chunk_copier(MYSQL* mysql, PGconn* pg, const copier_settings& settings, rate_limiter& limiter);
  // `recheck`: leave the chunk awaiting its re-check rounds (a dual write may race with the copy).
  [[nodiscard]] chunk_result copy(const table_job& job, const backfill_state::chunk_claim& chunk, bool recheck);
  [[nodiscard]] chunk_result recheck(const table_job& job, const backfill_state::chunk_claim& chunk);

 private:
  struct staged {
    bool ok = false;
    bool rejected = false;  // a row MySQL or PostgreSQL refused: stops the table
    std::string message;
    bool conflict = false;  // straight into the table: a row the dual write had put there meanwhile
    bool direct = false;    // COPY went straight into the table (its range was empty)
    std::uint64_t rows = 0, bytes = 0;
    double snapshot_at = 0;
  };
  [[nodiscard]] bool ensure_stage(const table_job& job, std::string& error);
  // COPY the chunk's rows from MySQL into `target` (the staging table, or the table itself).
  [[nodiscard]] staged stage(const table_job& job, const backfill_state::chunk_claim& chunk, const std::string& target);
  // `may_go_direct`: COPY straight into the table when it has no row in the chunk's range yet.
  [[nodiscard]] chunk_result begin(const table_job& job, const backfill_state::chunk_claim& chunk, staged& s,
                                   bool may_go_direct);
  [[nodiscard]] bool range_is_empty(const table_job& job, const backfill_state::chunk_claim& chunk, bool& empty,
                                    std::string& error);
  [[nodiscard]] chunk_result fail(const backfill_state::chunk_claim& chunk, const std::string& reason, bool table);
  [[nodiscard]] bool record_divergences(const table_job& job, const backfill_state::chunk_claim& chunk,
                                        const std::vector<std::vector<std::string>>& keys, std::string& error);

  MYSQL* mysql_;
  PGconn* pg_;
  const copier_settings& settings_;
  rate_limiter& limiter_;
  std::set<std::string> stages_;  // staging tables created on this session
};

// "(a, b)=(1, x)": a row's key for messages.
[[nodiscard]] std::string describe_key(const table_job& job, const std::vector<std::string>& values);
// The row number from PostgreSQL's COPY error context ("COPY t, line 17, column c: ..."); 0 if none.
[[nodiscard]] std::size_t copy_error_line(std::string_view context) noexcept;

}  // namespace switchyard::migrate
