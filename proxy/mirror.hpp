// The phase-1 mirror: applies the transactions clients committed on MySQL to PostgreSQL, in the
// order they were submitted (commit order as this proxy saw it), off the clients' path.
//
// Never blocks a client: submit() only appends to a bounded queue; when the queue is full the
// transaction is not applied and a divergence is recorded for every table it wrote. A
// transaction is applied whole or not at all: each statement is translated (with the instant and
// ids MySQL used pinned), then runs inside a PostgreSQL transaction in one pipeline (BEGIN;
// SET LOCAL search_path and TimeZone; per statement SET LOCAL switchyard.now and the statement;
// COMMIT). Under load several queued transactions share one PostgreSQL transaction (group
// commit, still in order); if that group fails, its transactions are retried one by one so only
// the failing one is lost. A statement the translator refuses, PostgreSQL rejects, or
// PostgreSQL being away leaves PostgreSQL unchanged for that transaction and records a
// divergence per written table with the reason, naming the rows by primary key when the
// statement does (else the whole table).
//
// Single-threaded: submit(), run() and the counters belong to one executor (proxy/dual_write.hpp
// posts submissions to it from the sessions' threads, which keeps their order).
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "backend/pg_pool.hpp"
#include "proxy/divergence.hpp"
#include "proxy/lag_histogram.hpp"
#include "proxy/transaction_tracker.hpp"
#include "sql/catalog.hpp"
#include "sql/lexer.hpp"
#include "sql/translate.hpp"
#include "sql/translation_cache.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::proxy {

// Where divergences go (the divergence log: a local file shipped to PostgreSQL).
class divergence_sink {
 public:
  virtual ~divergence_sink() = default;
  virtual void record(std::vector<divergence> records) = 0;
};

struct mirror_settings {
  std::size_t queue_capacity = 10000;             // transactions
  std::chrono::milliseconds apply_timeout{5000};  // acquire + pipeline, per PostgreSQL transaction
  std::size_t group_statements = 512;             // statements one group commit may hold
  // How long a transaction that carries MySQL's commit sequence waits for earlier ones whose
  // commit the proxy saw later (0: applied in the order seen).
  std::chrono::milliseconds reorder_window{20};
};

// Why a transaction was not applied (the metrics count each).
enum class mirror_failure : std::uint8_t {
  queue_full,      // the bounded queue was full at submit
  unsafe,          // a value MySQL made cannot be reproduced (unpinned time, RAND(), unknown session state, ...)
  untranslatable,  // the translator refused a statement
  unavailable,     // PostgreSQL away, or the apply timed out
  rejected,        // PostgreSQL refused a statement
  count_,
};
[[nodiscard]] std::string_view to_string(mirror_failure f);

struct mirror_counters {
  std::uint64_t submitted = 0;
  std::uint64_t applied_transactions = 0;
  std::uint64_t applied_statements = 0;
  std::uint64_t diverged_transactions = 0;  // not applied, for any mirror_failure
  std::uint64_t queue_full = 0;
  std::uint64_t divergences = 0;            // records written (one per table)
  std::uint64_t group_commits = 0;          // PostgreSQL transactions that carried more than one
  std::uint64_t late_commits = 0;           // seen after a later commit was released (recorded)
  std::size_t queue_peak = 0;
  std::array<std::uint64_t, static_cast<std::size_t>(mirror_failure::count_)> failures{};
};

// What MySQL ran and what it generated, per statement: the tracker's statement carries it all.
using mirrored_statement = tracked_statement;

struct mirror_transaction {
  std::vector<mirrored_statement> statements;
  std::string database;  // the session's current database (statements may override)
  sql::sql_mode mode;
  std::chrono::steady_clock::time_point committed_at{};  // when the proxy saw MySQL's commit (lag)
  // Called once on the mirror's executor when the transaction was applied (true) or recorded as
  // divergent (false); the synchronous mode waits for it.
  std::function<void(bool applied)> on_done;
  bool ddl = false;  // one DDL statement (applied on its own, and changes the catalog)
  // MySQL's commit order when known (the sequence number of the commit's GTID), else 0: the
  // order the proxy saw the commits.
  std::uint64_t commit_seq = 0;
  bool late = false;  // its sequence is below one already released: recorded for repair when applied
};

// Lowers `oldest` to when `t`'s commit was seen (the dual write's published progress).
void note_pending(const mirror_transaction& t, std::optional<std::chrono::steady_clock::time_point>& oldest);

class mirror {
 public:
  mirror(boost::asio::any_io_executor executor, backend::pg_pool& pool, sql::memory_catalog& catalog,
         divergence_sink& sink, mirror_settings settings);

  // Appends to the queue; false (and divergences recorded) when it is full. Never waits.
  // `now_micros` stamps divergences.
  bool submit(mirror_transaction t, std::int64_t now_micros);
  // Applies queued transactions until stop() and the queue is empty; one coroutine on the pool's executor.
  boost::asio::awaitable<void> run();
  // Stops after the queue is applied.
  void stop();
  // Records everything still queued as divergent (shutdown past its deadline).
  void abandon(const std::string& reason);
  void set_settings(const mirror_settings& s) { settings_ = s; }

  [[nodiscard]] const mirror_counters& counters() const noexcept { return counters_; }
  [[nodiscard]] const lag_histogram& lag() const noexcept { return lag_; }
  [[nodiscard]] std::size_t queue_depth() const noexcept { return queue_.size() + held_.size(); }
  // When the oldest commit still in the mirror (queued, held or being applied) was seen; none
  // when it is empty. The dual write's published progress (proxy/mirror_progress.hpp).
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> oldest_pending() const;
  // MySQL's SYSTEM time zone (what a session's "SYSTEM" means), for pinned local times.
  void set_system_time_zone(std::string zone) { system_time_zone_ = std::move(zone); }
  // MySQL's auto_increment_increment: the step between the ids of one multi-row insert.
  // MySQL's commits up to sequence `seq` are behind the dual write (the binary log's position
  // when it started): the commit after it need not wait the reorder window.
  void resume_after(std::uint64_t seq) {
    if (seq > released_seq_) released_seq_ = seq;
    if (seq > highest_seq_) highest_seq_ = seq;
  }
  // How MySQL's types map to PostgreSQL's ([schema] in the configuration): DDL is translated
  // and learnt with it, as `switchyard schema` created the tables.
  void set_type_mapping(sql::type_mapping_options types) { types_ = std::move(types); }
  void set_insert_id_increment(std::uint64_t step) { insert_id_increment_ = step == 0 ? 1 : step; }
  // Called on every change of the counters or queue (the dual-write service publishes metrics).
  std::function<void()> on_change;
  // Called with the records of every divergence (metrics by table).
  std::function<void(const std::vector<divergence>&)> on_divergence;

 private:
  struct failure_note {
    mirror_failure kind = mirror_failure::unsafe;
    std::string reason;
  };
  // The session settings a PostgreSQL transaction has set so far (SET LOCAL lasts until its end).
  struct local_settings {
    std::string database;
    std::string time_zone;
  };
  [[nodiscard]] bool prepare(mirror_transaction& t, std::vector<backend::pg_statement>& out, failure_note& failure,
                             local_settings& set);
  boost::asio::awaitable<void> apply_group(std::vector<mirror_transaction> group);
  boost::asio::awaitable<void> commit_members(std::vector<backend::pg_statement> batch,
                                              std::vector<mirror_transaction> members);
  boost::asio::awaitable<bool> run_pipeline(std::vector<backend::pg_statement> batch, std::string& failure,
                                            mirror_failure& kind);
  [[nodiscard]] sql::translate_options options_for(const mirror_transaction& t, const mirrored_statement& s) const;
  void applied(mirror_transaction& t);
  // Records a divergence per table `t` wrote (no counting as a failed transaction).
  void record(const mirror_transaction& t, const std::string& reason, std::int64_t now_micros);
  // After a mirrored rename: records made under a table's old name would no longer name it, so the
  // new name gets a whole-table record.
  void carry_over_renamed(const mirror_transaction& t);
  void keep(std::vector<divergence> records);  // counted, reported, durable at the end of the round
  void flush_divergences();
  void release_held(bool all);
  void diverge(mirror_transaction& t, mirror_failure kind, const std::string& reason, std::int64_t now_micros);

  backend::pg_pool& pool_;
  sql::memory_catalog& catalog_;
  divergence_sink& sink_;
  mirror_settings settings_;
  std::deque<mirror_transaction> queue_;
  struct held_transaction {
    mirror_transaction transaction;
    std::chrono::steady_clock::time_point arrived;
  };
  std::map<std::pair<std::uint64_t, std::uint64_t>, held_transaction> held_;  // (commit sequence, arrival) -> it
  std::uint64_t arrivals_ = 0;
  std::optional<std::chrono::steady_clock::time_point> applying_since_;  // the group being applied's oldest commit
  sql::type_mapping_options types_;
  std::uint64_t highest_seq_ = 0;   // the largest commit sequence submitted
  std::uint64_t released_seq_ = 0;  // the largest commit sequence released for applying
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
  mirror_counters counters_;
  std::vector<divergence> unflushed_;  // recorded by diverge(), handed to the sink once per round
  std::set<std::string> diverged_tables_;  // "schema\0table" with a record this run: a rename carries it over
  lag_histogram lag_;
  sql::translation_cache cache_;
  std::string system_time_zone_ = "UTC";
  std::uint64_t insert_id_increment_ = 1;
};

}  // namespace switchyard::proxy
