#include "proxy/mirror.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sql/affected_keys.hpp"
#include "sql/literal_params.hpp"
#include "sql/classifier.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/digest.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "proxy/time_zone.hpp"
#include "sql/translate.hpp"

namespace switchyard::proxy {
namespace asio = boost::asio;

namespace {

backend::pg_statement set_local(std::string_view setting, std::string value) {
  backend::pg_statement s;
  s.reuse_plan = true;
  s.sql = "SELECT set_config('";
  s.sql += setting;
  s.sql += "', $1, true)";
  s.params.emplace_back(std::move(value));
  return s;
}

std::string pg_schema(std::string_view database) {
  std::string schema;
  sql::append_pg_identifier(database, schema);
  return schema;
}

// Records of one round that differ only in their keys (the same table, statement shape and
// reason: a storm of queue-full or unreachable records) become one naming all their keys, or
// the whole table when one of them did. Order of first appearance is kept.
std::vector<divergence> coalesce(std::vector<divergence> records) {
  std::vector<divergence> out;
  std::map<std::tuple<std::string, std::string, std::uint64_t, std::string>, std::size_t> seen;
  for (auto& r : records) {
    const auto [it, added] = seen.try_emplace({r.schema, r.table, r.fingerprint, r.reason}, out.size());
    if (added) {
      out.push_back(std::move(r));
      continue;
    }
    divergence& first = out[it->second];
    if (first.keys.empty()) continue;  // already the whole table
    if (r.keys.empty()) {
      first.keys.clear();
      continue;
    }
    for (auto& k : r.keys)
      if (std::find(first.keys.begin(), first.keys.end(), k) == first.keys.end()) first.keys.push_back(std::move(k));
  }
  return out;
}

std::string untranslatable(const sql::translate_result& r) {
  return "not translatable: " + r.reason.construct + " at byte " + std::to_string(r.reason.position);
}

}  // namespace

std::string_view to_string(mirror_failure f) {
  switch (f) {
    case mirror_failure::queue_full: return "queue_full";
    case mirror_failure::unsafe: return "unsafe";
    case mirror_failure::untranslatable: return "untranslatable";
    case mirror_failure::unavailable: return "unavailable";
    case mirror_failure::rejected: return "rejected";
    case mirror_failure::count_: break;
  }
  return "?";
}

mirror::mirror(asio::any_io_executor executor, backend::pg_pool& pool, sql::memory_catalog& catalog,
               divergence_sink& sink, mirror_settings settings)
    : pool_(pool), catalog_(catalog), sink_(sink), settings_(settings), wake_(executor) {
  wake_.expires_at(asio::steady_timer::time_point::max());
}

// What translating (or naming the rows of) one of `t`'s statements needs, before any pinning:
// its database, sql_mode, the catalog, and the ids MySQL generated, spaced as MySQL spaced them.
sql::translate_options mirror::options_for(const mirror_transaction& t, const mirrored_statement& s) const {
  sql::translate_options options;
  options.mode = t.mode;
  options.current_database = s.database.empty() ? t.database : s.database;
  options.tables = &catalog_;
  options.types = &types_;
  options.first_insert_id = s.last_insert_id;
  options.insert_id_increment = insert_id_increment_;
  return options;
}

void mirror::diverge(mirror_transaction& t, mirror_failure kind, const std::string& reason, std::int64_t now_micros) {
  record(t, reason, now_micros);
  ++counters_.diverged_transactions;
  ++counters_.failures[static_cast<std::size_t>(kind)];
  if (t.on_done) t.on_done(false);
  if (on_change) on_change();
}

void mirror::record(const mirror_transaction& t, const std::string& reason, std::int64_t now_micros) {
  // One record per table each statement wrote: its rows by primary key when the statement names
  // them literally (sql/affected_keys.hpp), else the whole table.
  std::vector<divergence> records;
  std::string literal_text;
  for (const auto& s : t.statements) {
    const std::string& database = s.database.empty() ? t.database : s.database;
    const sql::digest d = sql::digest_of(s.text, t.mode);
    const sql::translate_options options = options_for(t, s);
    // A prepared statement's keys are its bound values: put them in the text to find them.
    const sql::affected_rows rows =
        sql::affected_keys(s.params.empty() ? std::string_view(s.text) : std::string_view(sql::with_literal_params(
                                                                               s.text, t.mode, s.params, literal_text)),
                           options);
    // Every statement of the text (a query may hold several).
    for (std::size_t at = 0; at < s.text.size();) {
      const sql::statement_facts facts = sql::classify(std::string_view(s.text).substr(at), t.mode);
      for (std::size_t i = 0; i < facts.table_count && i < sql::max_tables; ++i) {
        const sql::table_ref& table = facts.tables[i];
        if (!table.written) continue;
        divergence r;
        r.schema = table.schema.empty() ? database : std::string(table.schema);
        r.table = std::string(table.table);
        if (at == 0 && rows.known && rows.schema == r.schema && rows.table == r.table)
          r.keys = rows.keys;
        r.digest = d.text;
        r.fingerprint = d.fingerprint;
        r.reason = reason;
        r.unix_micros = now_micros;
        records.push_back(std::move(r));
      }
      if (facts.next_statement == sql::no_position) break;
      at += facts.next_statement;
    }
  }
  keep(std::move(records));
}

void mirror::keep(std::vector<divergence> records) {
  counters_.divergences += records.size();
  if (on_divergence) on_divergence(records);
  // Made durable together at the end of the round (one fdatasync for a storm of failures).
  for (auto& r : records) {
    diverged_tables_.insert(r.schema + '\0' + r.table);
    unflushed_.push_back(std::move(r));
  }
}

void mirror::carry_over_renamed(const mirror_transaction& t) {
  const auto& s = t.statements.front();
  std::vector<divergence> records;
  for (const sql::table_rename& r : sql::renamed_tables(s.text, s.database.empty() ? t.database : s.database, t.mode)) {
    if (!diverged_tables_.count(r.from_schema + '\0' + r.from_table)) continue;
    divergence d;
    d.schema = r.to_schema;
    d.table = r.to_table;
    const sql::digest digest = sql::digest_of(s.text, t.mode);  // a rename of a diverged table: rare
    d.digest = digest.text;
    d.fingerprint = digest.fingerprint;
    d.reason = "renamed from " + r.from_schema + "." + r.from_table + ", for which divergences were recorded";
    d.unix_micros = wall_clock_micros();
    records.push_back(std::move(d));
  }
  if (!records.empty()) keep(std::move(records));
}

void mirror::applied(mirror_transaction& t) {
  if (t.late) {
    // Applied after a transaction MySQL committed later: where they conflict PostgreSQL may hold
    // the older value. Never silently: its rows are recorded for repair.
    record(t, "committed on MySQL before a transaction already applied (seen more than the reorder window late)",
           wall_clock_micros());
  }
  ++counters_.applied_transactions;
  counters_.applied_statements += t.statements.size();
  if (t.committed_at != std::chrono::steady_clock::time_point{})
    lag_.record(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t.committed_at)
                    .count());
  if (t.on_done) t.on_done(true);
  if (on_change) on_change();
}

bool mirror::submit(mirror_transaction t, std::int64_t now_micros) {
  ++counters_.submitted;
  if (queue_depth() >= settings_.queue_capacity) {
    ++counters_.queue_full;
    // Durable at the end of this round with the others: one fdatasync per round, not one per
    // overflowing transaction, or an overloaded mirror would spend itself on the file.
    diverge(t, mirror_failure::queue_full, "mirror queue full", now_micros);
    return false;
  }
  // Once commits carry MySQL's sequence, one that does not (its commit was not foreseen) goes
  // after every sequence seen so far, as the proxy saw it, and waits like the others.
  if (t.commit_seq > highest_seq_) highest_seq_ = t.commit_seq;
  if (t.commit_seq != 0 && t.commit_seq < released_seq_) {
    t.late = true;
    ++counters_.late_commits;
  }
  if (highest_seq_ != 0 && settings_.reorder_window.count() > 0) {
    const std::pair<std::uint64_t, std::uint64_t> key{t.commit_seq != 0 ? t.commit_seq : highest_seq_, ++arrivals_};
    const auto at = held_.emplace(key, held_transaction{std::move(t), std::chrono::steady_clock::now()});
    // The smallest held one sets when the loop must wake, or may go at once (next in sequence).
    if (at.first == held_.begin()) wake_.cancel();
  } else {
    queue_.push_back(std::move(t));
    wake_.cancel();
  }
  if (queue_depth() > counters_.queue_peak) counters_.queue_peak = queue_depth();
  if (on_change) on_change();
  return true;
}

void mirror::flush_divergences() {
  if (unflushed_.empty()) return;
  sink_.record(coalesce(std::move(unflushed_)));
  unflushed_.clear();
}

void mirror::stop() {
  stopping_ = true;
  wake_.cancel();
}

void mirror::abandon(const std::string& reason) {
  release_held(true);
  const std::int64_t now = wall_clock_micros();
  while (!queue_.empty()) {
    mirror_transaction t = std::move(queue_.front());
    queue_.pop_front();
    diverge(t, mirror_failure::unavailable, reason, now);
  }
  flush_divergences();
}

// Transactions that carry MySQL's commit sequence wait in `held_` for the reorder window: one
// whose commit OK the proxy saw late (another worker, a descheduled MySQL thread) still goes
// before those MySQL committed after it. Released in sequence order: the smallest at once when
// it follows the last released with no gap (nothing MySQL committed before it can still come),
// else once it waited the window (the gap may be a commit the proxy never sees: another
// client, a database not mirrored).
void mirror::release_held(bool all) {
  const auto now = std::chrono::steady_clock::now();
  while (!held_.empty()) {
    auto first = held_.begin();
    const bool next_in_sequence = released_seq_ != 0 && first->first.first <= released_seq_ + 1;
    if (!all && !next_in_sequence && first->second.arrived + settings_.reorder_window > now) break;
    if (first->first.first > released_seq_) released_seq_ = first->first.first;
    queue_.push_back(std::move(first->second.transaction));
    held_.erase(first);
  }
}

asio::awaitable<void> mirror::run() {
  while (!stopping_ || !queue_.empty() || !held_.empty()) {
    flush_divergences();
    release_held(stopping_);
    if (queue_.empty()) {
      boost::system::error_code ec;
      wake_.expires_at(held_.empty() ? asio::steady_timer::time_point::max()
                                     : held_.begin()->second.arrived + settings_.reorder_window);
      co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    // A DDL transaction goes alone (it runs as one simple query); others are grouped while the
    // queue has more, up to the statement budget.
    std::vector<mirror_transaction> group;
    std::size_t statements = 0;
    while (!queue_.empty()) {
      const bool ddl = queue_.front().ddl;
      if (!group.empty() && (ddl || group.front().ddl || statements + queue_.front().statements.size() > settings_.group_statements))
        break;
      statements += queue_.front().statements.size();
      group.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    applying_since_.reset();
    for (const mirror_transaction& t : group) note_pending(t, applying_since_);
    co_await apply_group(std::move(group));
    applying_since_.reset();
  }
  flush_divergences();
}

void note_pending(const mirror_transaction& t, std::optional<std::chrono::steady_clock::time_point>& oldest) {
  if (t.committed_at == std::chrono::steady_clock::time_point{}) return;  // not a client's commit (a test's barrier)
  if (!oldest || t.committed_at < *oldest) oldest = t.committed_at;
}

std::optional<std::chrono::steady_clock::time_point> mirror::oldest_pending() const {
  std::optional<std::chrono::steady_clock::time_point> oldest = applying_since_;
  for (const mirror_transaction& t : queue_) note_pending(t, oldest);
  for (const auto& [key, held] : held_) note_pending(held.transaction, oldest);
  return oldest;
}

// Translates `t` into `out` (appended); false with `failure` set when it cannot be applied.
bool mirror::prepare(mirror_transaction& t, std::vector<backend::pg_statement>& out, failure_note& failure,
                     local_settings& set) {
  std::string& database = set.database;
  std::string& time_zone = set.time_zone;
  for (auto& s : t.statements) {
    if (!s.unsafe.empty()) {
      failure = {mirror_failure::unsafe, s.unsafe};
      return false;
    }
    const std::string& db = s.database.empty() ? t.database : s.database;
    std::string local_now = s.pinned_now;
    if (local_now.empty() && s.pinned_unix_micros != 0) {
      const std::optional<std::string> text =
          local_datetime_text(s.pinned_unix_micros, s.time_zone.empty() ? "+00:00" : s.time_zone, system_time_zone_);
      if (!text) {
        failure = {mirror_failure::unsafe, "time zone '" + s.time_zone + "' unknown to the mirror"};
        return false;
      }
      local_now = *text;
    }
    sql::translate_options options = options_for(t, s);
    options.pinned_now = local_now;
    options.pinned_unix_micros = s.pinned_unix_micros;
    const sql::translate_result r = sql::translate_cached(s.text, options, cache_);
    if (!r.ok) {
      failure = {mirror_failure::untranslatable, untranslatable(r)};
      return false;
    }
    if (r.output.parameter_count != s.params.size()) {
      failure = {mirror_failure::unsafe, "prepared statement: " + std::to_string(r.output.parameter_count) + " placeholders, " +
                  std::to_string(s.params.size()) + " values"};
      return false;
    }
    if (db != database && !db.empty()) {
      database = db;
      out.push_back(set_local("search_path", pg_schema(db)));
    }
    if (!s.time_zone.empty() && s.time_zone != time_zone) {
      const std::optional<std::string> pg_zone = pg_time_zone_of(s.time_zone, system_time_zone_);
      if (!pg_zone) {
        failure = {mirror_failure::unsafe, "time zone '" + s.time_zone + "' unknown to the mirror"};
        return false;
      }
      time_zone = s.time_zone;
      out.push_back(set_local("TimeZone", *pg_zone));
    }
    if (s.pinned_unix_micros != 0)  // timestamptz input in UTC, whatever the connection's time zone
      out.push_back(set_local("switchyard.now", sql::utc_datetime_text(s.pinned_unix_micros) + "+00"));
    SY_LOG(debug, 0, "mirror: ", s.text.substr(0, 200), " -> ", r.output.text.substr(0, 300));
    backend::pg_statement statement;
    statement.sql = r.output.text;
    statement.params = s.params;
    // Texts with parameters repeat (prepared statements, cached translations): plan them once.
    statement.reuse_plan = !statement.params.empty();
    out.push_back(std::move(statement));
  }
  return true;
}

asio::awaitable<bool> mirror::run_pipeline(std::vector<backend::pg_statement> batch, std::string& failure,
                                           mirror_failure& kind) {
  const auto deadline = backend::clock::now() + settings_.apply_timeout;
  backend::acquired lease = co_await pool_.acquire(deadline);
  if (!lease.error.ok()) {
    kind = mirror_failure::unavailable;
    failure = "PostgreSQL unavailable: " + lease.error.message;
    co_return false;
  }
  const backend::pg_batch_result result = co_await lease.connection->execute_pipeline(std::move(batch), deadline);
  if (result.ok()) co_return true;
  kind = result.error.code == backend::pg_errc::server_error ? mirror_failure::rejected : mirror_failure::unavailable;
  failure = "PostgreSQL: ";
  if (!result.error.sqlstate.empty()) failure += result.error.sqlstate + " ";
  failure += result.error.message;
  co_return false;
}

asio::awaitable<void> mirror::apply_group(std::vector<mirror_transaction> group) {
  if (group.size() == 1 && group.front().ddl) {
    // DDL: the translation may be several statements (and a trigger body with semicolons), so it
    // runs as one simple query; the catalog follows MySQL's schema whatever PostgreSQL says.
    mirror_transaction& t = group.front();
    const auto& s = t.statements.front();
    const std::string& db = s.database.empty() ? t.database : s.database;
    const sql::translate_result r = sql::translate(s.text, options_for(t, s));
    (void)sql::apply_ddl(s.text, db, catalog_, types_, t.mode);
    carry_over_renamed(t);
    if (!r.ok) {
      diverge(t, mirror_failure::untranslatable,
              untranslatable(r),
              wall_clock_micros());
      co_return;
    }
    const auto deadline = backend::clock::now() + settings_.apply_timeout;
    backend::acquired lease = co_await pool_.acquire(deadline);
    if (!lease.error.ok()) {
      diverge(t, mirror_failure::unavailable, "PostgreSQL unavailable: " + lease.error.message, wall_clock_micros());
      co_return;
    }
    // No database selected: MySQL accepted the statement, so its names are all qualified.
    std::string text = db.empty() ? "BEGIN; " + r.output.text + "; COMMIT"
                                  : "BEGIN; SET LOCAL search_path TO " + pg_schema(db) + "; " + r.output.text + "; COMMIT";
    const backend::pg_result result = co_await lease.connection->execute(std::move(text), deadline);
    if (!result.ok()) {
      const bool rejected = result.error.code == backend::pg_errc::server_error;
      diverge(t, rejected ? mirror_failure::rejected : mirror_failure::unavailable,
              "PostgreSQL: " + (result.error.sqlstate.empty() ? "" : result.error.sqlstate + " ") + result.error.message,
              wall_clock_micros());
      co_return;
    }
    applied(t);
    co_return;
  }

  // Translate everything first: a transaction is applied whole or not at all. One that cannot be
  // translated is recorded after those before it were applied, so records follow commit order.
  std::vector<backend::pg_statement> batch;
  std::vector<mirror_transaction> members;
  local_settings set;  // what the PostgreSQL transaction has SET LOCAL so far
  for (auto& t : group) {
    if (batch.empty()) {
      batch.push_back(backend::pg_statement{"BEGIN", {}, false});
      set = {};
    }
    const std::size_t mark = batch.size();
    const local_settings before = set;
    failure_note failure;
    if (prepare(t, batch, failure, set)) {
      members.push_back(std::move(t));
      continue;
    }
    batch.resize(mark);
    set = before;
    if (!members.empty()) {
      co_await commit_members(std::move(batch), std::move(members));
      batch.clear();
      members.clear();
    }
    diverge(t, failure.kind, failure.reason, wall_clock_micros());
  }
  if (!members.empty()) co_await commit_members(std::move(batch), std::move(members));
}

asio::awaitable<void> mirror::commit_members(std::vector<backend::pg_statement> batch,
                                             std::vector<mirror_transaction> members) {
  batch.push_back(backend::pg_statement{"COMMIT", {}});
  std::string failure;
  mirror_failure kind = mirror_failure::unavailable;
  const bool ok = co_await run_pipeline(std::move(batch), failure, kind);
  if (ok) {
    if (members.size() > 1) ++counters_.group_commits;
    for (auto& t : members) applied(t);
    co_return;
  }
  if (members.size() == 1) {
    diverge(members.front(), kind, failure, wall_clock_micros());
    co_return;
  }
  // One of them failed the group: retry each on its own, so only the failing one is lost. When
  // PostgreSQL is away each fails fast (the pool is down and says so without waiting).
  for (auto& t : members) {
    std::vector<mirror_transaction> single;
    single.push_back(std::move(t));
    co_await apply_group(std::move(single));
  }
}

}  // namespace switchyard::proxy
