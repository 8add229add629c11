#include "proxy/mirror.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sql/affected_keys.hpp"
#include "sql/classifier.hpp"
#include "sql/digest.hpp"
#include "sql/translate.hpp"

namespace switchyard::proxy {
namespace asio = boost::asio;

namespace {

std::int64_t wall_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

mirror::mirror(asio::any_io_executor executor, backend::pg_pool& pool, const sql::catalog& catalog,
               divergence_sink& sink, mirror_settings settings)
    : pool_(pool), catalog_(catalog), sink_(sink), settings_(settings), wake_(executor) {
  wake_.expires_at(asio::steady_timer::time_point::max());
}

void mirror::diverge(const mirror_transaction& t, const std::string& reason, std::int64_t now_micros) {
  // One record per table each statement wrote: its rows by primary key when the statement names
  // them literally (sql/affected_keys.hpp), else the whole table.
  std::vector<divergence> records;
  for (const auto& s : t.statements) {
    const sql::statement_facts facts = sql::classify(s.statement.text, t.mode);
    const sql::digest d = sql::digest_of(s.statement.text, t.mode);
    sql::translate_options options;
    options.mode = t.mode;
    options.current_database = t.database;
    options.tables = &catalog_;
    options.first_insert_id = s.statement.last_insert_id;
    const sql::affected_rows rows = sql::affected_keys(s.statement.text, options);
    for (std::size_t i = 0; i < facts.table_count && i < sql::max_tables; ++i) {
      const sql::table_ref& table = facts.tables[i];
      if (!table.written) continue;
      divergence r;
      r.schema = table.schema.empty() ? t.database : std::string(table.schema);
      r.table = std::string(table.table);
      if (rows.known && rows.schema == r.schema && rows.table == r.table) r.keys = rows.keys;
      r.digest = d.text;
      r.fingerprint = d.fingerprint;
      r.reason = reason;
      r.unix_micros = now_micros;
      records.push_back(std::move(r));
    }
  }
  ++counters_.diverged_transactions;
  counters_.divergences += records.size();
  if (!records.empty()) sink_.record(std::move(records));
}

bool mirror::submit(mirror_transaction t, std::int64_t now_micros) {
  ++counters_.submitted;
  if (queue_.size() >= settings_.queue_capacity) {
    ++counters_.queue_full;
    diverge(t, "mirror queue full", now_micros);
    return false;
  }
  queue_.push_back(std::move(t));
  if (queue_.size() > counters_.queue_peak) counters_.queue_peak = queue_.size();
  wake_.cancel();
  return true;
}

void mirror::stop() {
  stopping_ = true;
  wake_.cancel();
}

asio::awaitable<void> mirror::run() {
  while (!stopping_ || !queue_.empty()) {
    if (queue_.empty()) {
      boost::system::error_code ec;
      wake_.expires_at(asio::steady_timer::time_point::max());
      co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    mirror_transaction t = std::move(queue_.front());
    queue_.pop_front();
    co_await apply(std::move(t));
  }
}

asio::awaitable<void> mirror::apply(mirror_transaction t) {
  // Translate everything first: a transaction is applied whole or not at all.
  std::vector<backend::pg_statement> batch;
  {
    backend::pg_statement begin;
    begin.sql = "BEGIN";
    batch.push_back(std::move(begin));
    backend::pg_statement path;
    path.sql = "SELECT set_config('search_path', $1, true)";
    std::string schema;
    sql::append_pg_identifier(t.database, schema);
    path.params.emplace_back(std::move(schema));
    batch.push_back(std::move(path));
  }
  for (const auto& s : t.statements) {
    sql::translate_options options;
    options.mode = t.mode;
    options.current_database = t.database;
    options.tables = &catalog_;
    options.pinned_now = s.pinned_now;
    options.pinned_unix_micros = s.pinned_unix_micros;
    options.first_insert_id = s.statement.last_insert_id;
    const sql::translate_result r = sql::translate(s.statement.text, options);
    if (!r.ok) {
      diverge(t, "not translatable: " + r.reason.construct + " at byte " + std::to_string(r.reason.position),
              wall_micros());
      co_return;
    }
    if (r.output.parameter_count != 0) {
      diverge(t, "prepared statement parameters are not mirrored yet", wall_micros());
      co_return;
    }
    if (s.pinned_unix_micros != 0) {
      backend::pg_statement pin;
      pin.sql = "SELECT set_config('switchyard.now', $1, true)";
      // timestamptz input in UTC, whatever the connection's time zone
      pin.params.emplace_back(sql::utc_datetime_text(s.pinned_unix_micros) + "+00");
      batch.push_back(std::move(pin));
    }
    backend::pg_statement statement;
    statement.sql = r.output.text;
    batch.push_back(std::move(statement));
  }
  backend::pg_statement commit;
  commit.sql = "COMMIT";
  batch.push_back(std::move(commit));

  const auto deadline = backend::clock::now() + settings_.apply_timeout;
  backend::acquired lease = co_await pool_.acquire(deadline);
  if (!lease.error.ok()) {
    diverge(t, "PostgreSQL unavailable: " + lease.error.message, wall_micros());
    co_return;
  }
  const backend::pg_batch_result result = co_await lease.connection->execute_pipeline(std::move(batch), deadline);
  if (!result.ok()) {
    std::string reason = "PostgreSQL: ";
    if (!result.error.sqlstate.empty()) reason += result.error.sqlstate + " ";
    reason += result.error.message;
    diverge(t, reason, wall_micros());
    co_return;
  }
  ++counters_.applied_transactions;
  counters_.applied_statements += t.statements.size();
}

}  // namespace switchyard::proxy
