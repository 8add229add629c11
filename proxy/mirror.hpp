// The phase-1 mirror: applies the transactions clients committed on MySQL to PostgreSQL, one at
// a time in the order they were submitted (commit order as this proxy saw it), off the clients'
// path. Not yet fed by the sessions (issue 4 is in progress): tests and, later, the session hand it
// committed transactions.
//
// Never blocks a client: submit() only appends to a bounded queue; when the queue is full the
// transaction is not applied and a divergence is recorded for every table it wrote. A
// transaction is applied whole or not at all: each statement is translated (with the instant and
// ids MySQL used pinned), then everything runs in one PostgreSQL transaction in one pipeline
// (BEGIN; SET LOCAL search_path; per statement SET LOCAL switchyard.now and the statement;
// COMMIT). A statement the translator refuses, or PostgreSQL rejects, or PostgreSQL being away,
// leaves PostgreSQL unchanged for that transaction and records a divergence per written table
// with the reason, naming the rows by primary key when the statement does (else the whole table).
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "backend/pg_pool.hpp"
#include "proxy/divergence.hpp"
#include "proxy/transaction_tracker.hpp"
#include "sql/catalog.hpp"
#include "sql/lexer.hpp"

namespace switchyard::proxy {

// Where divergences go (the local file now; the PostgreSQL divergence table later).
class divergence_sink {
 public:
  virtual ~divergence_sink() = default;
  virtual void record(std::vector<divergence> records) = 0;
};

struct mirror_settings {
  std::size_t queue_capacity = 10000;  // transactions
  std::chrono::milliseconds apply_timeout{5000};  // acquire + pipeline, per transaction
};

struct mirror_counters {
  std::uint64_t submitted = 0;
  std::uint64_t applied_transactions = 0;
  std::uint64_t applied_statements = 0;
  std::uint64_t diverged_transactions = 0;  // not applied: refused, rejected, unreachable or queue full
  std::uint64_t queue_full = 0;
  std::uint64_t divergences = 0;            // records written (one per table)
  std::size_t queue_peak = 0;
};

// What MySQL ran and what it generated, per statement (see translate_options' pinned fields).
struct mirrored_statement {
  tracked_statement statement;
  std::string pinned_now;            // the session's NOW(), 'YYYY-MM-DD HH:MM:SS.ffffff'; empty: none
  std::int64_t pinned_unix_micros = 0;
};

struct mirror_transaction {
  std::vector<mirrored_statement> statements;
  std::string database;  // the session's current database
  sql::sql_mode mode;
};

class mirror {
 public:
  mirror(boost::asio::any_io_executor executor, backend::pg_pool& pool, const sql::catalog& catalog,
         divergence_sink& sink, mirror_settings settings);

  // Appends to the queue; false (and divergences recorded) when it is full. Never waits.
  // `now_micros` stamps divergences.
  bool submit(mirror_transaction t, std::int64_t now_micros);
  // Applies queued transactions until stop(); run it as one coroutine on the pool's executor.
  boost::asio::awaitable<void> run();
  void stop();

  [[nodiscard]] const mirror_counters& counters() const noexcept { return counters_; }
  [[nodiscard]] std::size_t queue_depth() const noexcept { return queue_.size(); }

 private:
  boost::asio::awaitable<void> apply(mirror_transaction t);
  void diverge(const mirror_transaction& t, const std::string& reason, std::int64_t now_micros);

  backend::pg_pool& pool_;
  const sql::catalog& catalog_;
  divergence_sink& sink_;
  mirror_settings settings_;
  std::deque<mirror_transaction> queue_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
  mirror_counters counters_;
};

}  // namespace switchyard::proxy
