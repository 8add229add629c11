#include "migrate/backfill/chunk_copier.hpp"

#include <chrono>
#include <thread>

#include "migrate/backfill/mysql_session.hpp"
#include "migrate/backfill/pg_session.hpp"
#include "proxy/divergence.hpp"
#include "proxy/divergence_log.hpp"

namespace switchyard::migrate {
namespace {

using chunk_claim = backfill_state::chunk_claim;
using pg_session::run;
constexpr std::size_t flush_bytes = 256 * 1024;

std::string stage_name(const table_job& job) {
  // One staging table per source table per session; the name only has to be unique on the session.
  std::string name = "switchyard_stage_";
  for (const char ch : job.label()) name += (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_';
  return quote_identifier(name.substr(0, 60) + "_" + std::to_string(std::hash<std::string>{}(job.label()) % 100000),
                          sql_dialect::postgresql);
}

std::string on_key(const table_job& job, std::string_view left, std::string_view right) {
  std::string out;
  for (const auto& k : job.key) {
    if (!out.empty()) out += " AND ";
    const std::string c = quote_identifier(k.name, sql_dialect::postgresql);
    out += std::string(left) + "." + c + " = " + std::string(right) + "." + c;
  }
  return out;
}

std::string row_of(const table_job& job, std::string_view alias) {
  std::string out = "ROW(";
  bool first = true;
  for (const auto& c : job.columns) {
    if (!first) out += ", ";
    first = false;
    out += std::string(alias) + "." + quote_identifier(c.name, sql_dialect::postgresql);
  }
  return out + ")";
}

void rollback(PGconn* pg) {
  std::string ignored;
  (void)run(pg, "ROLLBACK", ignored);
}

}  // namespace

rate_limiter::rate_limiter(double rows_per_second, double bytes_per_second) {
  const double rate = rows_per_second > 0 ? rows_per_second : bytes_per_second;
  if (rate <= 0) return;
  by_bytes_ = rows_per_second <= 0;
  // A tenth of a second's worth saved up: smooth, yet one flush never waits alone.
  bucket_.emplace(rate, rate / 10, token_bucket::clock::now());
}

void rate_limiter::charge(std::uint64_t rows, std::uint64_t bytes) {
  if (!bucket_) return;
  token_bucket::clock::duration wait;
  {
    const std::lock_guard lock(mutex_);
    wait = bucket_->take(static_cast<double>(by_bytes_ ? bytes : rows), token_bucket::clock::now());
  }
  if (wait > token_bucket::clock::duration::zero()) std::this_thread::sleep_for(wait);
}

std::string describe_key(const table_job& job, const std::vector<std::string>& values) {
  std::string names, vals;
  for (std::size_t i = 0; i < job.key.size() && i < values.size(); ++i) {
    if (i > 0) {
      names += ", ";
      vals += ", ";
    }
    names += job.key[i].name;
    vals += values[i];
  }
  return "(" + names + ")=(" + vals + ")";
}

std::size_t copy_error_line(std::string_view context) noexcept {
  const auto at = context.find(", line ");
  if (at == std::string_view::npos) return 0;
  std::size_t n = 0;
  for (std::size_t i = at + 7; i < context.size() && context[i] >= '0' && context[i] <= '9'; ++i)
    n = n * 10 + static_cast<std::size_t>(context[i] - '0');
  return n;
}

chunk_copier::chunk_copier(MYSQL* mysql, PGconn* pg, const copier_settings& settings, rate_limiter& limiter)
    : mysql_(mysql), pg_(pg), settings_(settings), limiter_(limiter) {}

bool chunk_copier::ensure_stage(const table_job& job, std::string& error) {
  const std::string name = stage_name(job);
  if (stages_.count(name)) return true;
  // CHECK constraints come along so a value PostgreSQL refuses fails in COPY, which names its line.
  if (!run(pg_, "CREATE TEMP TABLE IF NOT EXISTS " + name + " (LIKE " + job.pg_name + " INCLUDING CONSTRAINTS) ON COMMIT DELETE ROWS",
           error))
    return false;
  stages_.insert(name);
  return true;
}

chunk_copier::staged chunk_copier::stage(const table_job& job, const chunk_claim& chunk, const std::string& target) {
  staged s;
  std::string error;
  if (!mysql_session::exec(mysql_, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", error)) {
    s.message = error;
    return s;
  }
  // Read after the snapshot exists: no later than it, which is the safe side for waiting on the mirror.
  s.snapshot_at = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto copy = pg_session::exec(pg_, "COPY " + target + " (" + job.pg_columns + ") FROM STDIN", error);
  if (!copy) {
    (void)mysql_session::exec(mysql_, "ROLLBACK", error);
    s.message = error;
    return s;
  }
  std::vector<std::vector<std::string>> keys;  // per row, to name the row PostgreSQL's COPY refuses
  std::string buffer, value_error;
  bool copy_failed = false;
  std::uint64_t unsent_rows = 0;
  const auto flush = [&] {
    if (buffer.empty()) return;
    if (PQputCopyData(pg_, buffer.data(), static_cast<int>(buffer.size())) != 1) copy_failed = true;
    s.bytes += buffer.size();
    limiter_.charge(unsent_rows, buffer.size());
    buffer.clear();
    unsent_rows = 0;
  };
  const std::string select = "SELECT " + job.mysql_columns + " FROM " + job.mysql_name + " WHERE " +
                             key_range_predicate(job.key, chunk.lower, chunk.upper, sql_dialect::mysql) + " ORDER BY " +
                             key_column_list(job.key, sql_dialect::mysql);
  const bool read = mysql_session::stream(mysql_, select, error, [&](MYSQL_ROW row, unsigned long* lengths) {
    auto& key = keys.emplace_back();
    for (const std::size_t i : job.key_index) key.emplace_back(row[i], lengths[i]);
    for (std::size_t i = 0; i < job.copy.size(); ++i) {
      if (i > 0) buffer += '\t';
      if (!append_copy_value(job.copy[i], row[i], row[i] ? lengths[i] : 0, settings_.zero_dates, buffer, value_error)) {
        s.rejected = true;
        s.message = "row " + describe_key(job, key) + " rejected: column " + job.columns[i].name + ": " + value_error;
        return false;
      }
    }
    buffer += '\n';
    ++s.rows;
    ++unsent_rows;
    if (buffer.size() >= flush_bytes) flush();
    return !copy_failed;
  });
  std::string ignored;
  (void)mysql_session::exec(mysql_, "COMMIT", ignored);
  if (!read) {
    (void)PQputCopyEnd(pg_, "reading MySQL failed");
    while (PGresult* r = PQgetResult(pg_)) PQclear(r);
    s.message = error;
    return s;
  }
  if (!s.rejected) flush();
  (void)PQputCopyEnd(pg_, s.rejected ? "row rejected" : nullptr);
  bool first = true;
  while (PGresult* r = PQgetResult(pg_)) {
    const pg_session::result owned(r);
    if (!first || s.rejected || PQresultStatus(r) == PGRES_COMMAND_OK) continue;
    first = false;
    const char* context = PQresultErrorField(r, PG_DIAG_CONTEXT);
    const char* sqlstate = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (target == job.pg_name && sqlstate && std::string_view(sqlstate) == "23505") {  // unique_violation
      s.conflict = true;
      s.message = "a key of the range was inserted by the dual write during the direct COPY";
      continue;
    }
    const std::size_t line = context ? copy_error_line(context) : 0;
    s.rejected = line > 0 && line <= keys.size();
    s.message = s.rejected ? "row " + describe_key(job, keys[line - 1]) + " rejected by PostgreSQL: " + pg_session::describe(r, pg_)
                           : "PostgreSQL: COPY: " + pg_session::describe(r, pg_);
    if (!s.rejected && copy_failed) s.message = "PostgreSQL: COPY: " + std::string(PQerrorMessage(pg_));
    first = false;
  }
  s.ok = !s.rejected && s.message.empty();
  return s;
}

chunk_result chunk_copier::fail(const chunk_claim& chunk, const std::string& reason, bool table) {
  rollback(pg_);
  chunk_result r;
  if (pg_session::transient(reason)) {
    r.outcome = chunk_result::kind::retry;
    r.message = reason;
    return r;
  }
  r.outcome = table ? chunk_result::kind::table_failed : chunk_result::kind::error;
  r.message = reason;
  if (table) {
    std::string error;
    if (!backfill_state::mark_failed(pg_, chunk, reason, error)) r.message += " (and recording it failed: " + error + ")";
  }
  return r;
}

// BEGIN, lock the chunk (still ours), stage its range: the shared start of copy and recheck.
bool chunk_copier::range_is_empty(const table_job& job, const chunk_claim& chunk, bool& empty, std::string& error) {
  const auto r = pg_session::exec(pg_, "SELECT NOT EXISTS (SELECT 1 FROM " + job.pg_name + " t WHERE " +
                                           key_range_predicate(job.key, chunk.lower, chunk.upper, sql_dialect::postgresql, "t.") +
                                           ")",
                                  error);
  if (!r) return false;
  empty = pg_session::value(r.get(), 0, 0) == "t";
  return true;
}

chunk_result chunk_copier::begin(const table_job& job, const chunk_claim& chunk, staged& s, bool may_go_direct) {
  chunk_result r;
  std::string error;
  if (!ensure_stage(job, error) || !run(pg_, "BEGIN", error)) return fail(chunk, error, false);
  if (!backfill_state::still_ours(pg_, chunk, settings_.owner, error)) {
    rollback(pg_);
    r.outcome = chunk_result::kind::lost_lease;
    r.message = error;
    return r;
  }
  // Straight into the table only where PostgreSQL's range is MySQL's (the key orders alike).
  bool direct = false;
  if (may_go_direct && orders_alike(job.key) && !range_is_empty(job, chunk, direct, error)) return fail(chunk, error, false);
  s = stage(job, chunk, direct ? job.pg_name : stage_name(job));
  s.direct = direct;
  if (s.conflict) {
    rollback(pg_);
    r.outcome = chunk_result::kind::retry;
    r.message = s.message;
    r.via_staging_next = true;
    return r;
  }
  if (!s.ok) return fail(chunk, job.label() + ": chunk " + std::to_string(chunk.chunk) + ": " + s.message, s.rejected);
  r.outcome = chunk_result::kind::done;
  r.rows = s.rows;
  r.bytes = s.bytes;
  r.snapshot_at = s.snapshot_at;
  return r;
}

chunk_result chunk_copier::copy(const table_job& job, const chunk_claim& chunk, bool recheck) {
  staged s;
  chunk_result r = begin(job, chunk, s, !chunk.via_staging);
  if (r.outcome != chunk_result::kind::done) return r;
  std::string error;
  const std::string insert = "INSERT INTO " + job.pg_name + " (" + job.pg_columns + ") SELECT " + job.pg_columns + " FROM " +
                             stage_name(job) + " ORDER BY " + key_column_list(job.key, sql_dialect::postgresql) +
                             " ON CONFLICT (" + key_column_list(job.key, sql_dialect::postgresql) +
                             ") DO NOTHING";
  if (!s.direct && !run(pg_, insert, error))
    return fail(chunk, job.label() + ": chunk " + std::to_string(chunk.chunk) + ": rows rejected: " + error, true);
  const bool done = settings_.recheck_rounds == 0 || !recheck;
  if (!backfill_state::mark_copied(pg_, chunk, s.rows, s.bytes, done, settings_.lease_seconds, error) ||
      !run(pg_, "COMMIT", error))
    return fail(chunk, error, false);
  r.outcome = done ? chunk_result::kind::done : chunk_result::kind::recheck_pending;
  return r;
}

chunk_result chunk_copier::recheck(const table_job& job, const chunk_claim& chunk) {
  const std::string stage = stage_name(job);
  // The table's rows in the chunk: by range when PostgreSQL orders the key as MySQL does, else only
  // the keys MySQL still has (a row deleted on MySQL is then not seen: a known limit).
  const bool by_range = orders_alike(job.key);
  const std::string in_chunk = by_range ? key_range_predicate(job.key, chunk.lower, chunk.upper, sql_dialect::postgresql, "t.")
                                        : "EXISTS (SELECT 1 FROM " + stage + " s WHERE " + on_key(job, "s", "t") + ")";
  staged s;
  chunk_result r = begin(job, chunk, s, false);
  if (r.outcome != chunk_result::kind::done) return r;
  std::string keys_out;
  for (const auto& k : job.key) {
    if (!keys_out.empty()) keys_out += ", ";
    const std::string c = quote_identifier(k.name, sql_dialect::postgresql);
    keys_out += "coalesce(s." + c + ", t." + c + ")::text";
  }
  // Both sides' rows, hashed: a row is stale when neither changed between two rounds.
  const std::string first = quote_identifier(job.key[0].name, sql_dialect::postgresql);
  keys_out += ", CASE WHEN s." + first + " IS NULL THEN '' ELSE md5(" + row_of(job, "s") + "::text) END || '/' || " +
              "CASE WHEN t." + first + " IS NULL THEN '' ELSE md5(" + row_of(job, "t") + "::text) END";
  const std::string first_key = quote_identifier(job.key[0].name, sql_dialect::postgresql);
  std::string error;
  const auto diff = pg_session::exec(pg_,
                                    "SELECT " + keys_out + " FROM " + stage + " s FULL JOIN (SELECT * FROM " + job.pg_name +
                                        " t WHERE " + in_chunk + ") t ON " + on_key(job, "s", "t") + " WHERE s." + first_key +
                                        " IS NULL OR t." + first_key + " IS NULL OR " + row_of(job, "s") +
                                        " IS DISTINCT FROM " + row_of(job, "t"),
                                    error);
  if (!diff) return fail(chunk, job.label() + ": re-check of chunk " + std::to_string(chunk.chunk) + ": " + error, false);
  std::vector<std::vector<std::string>> differing;
  std::string key_list;  // the stale rows' keys as text, to touch exactly them
  const bool fix_all = settings_.recheck_rounds <= 1;
  const int key_fields = static_cast<int>(job.key.size());
  for (int i = 0; i < PQntuples(diff.get()); ++i) {
    auto& key = differing.emplace_back();
    std::string joined;
    for (int c = 0; c < key_fields; ++c) {
      key.push_back(pg_session::value(diff.get(), i, c));
      joined += key.back() + '\0';
    }
    const std::string both_rows = pg_session::value(diff.get(), i, key_fields);
    const auto before = chunk.differed.find(joined);
    r.differed.emplace(joined, both_rows);
    if (!fix_all && (before == chunk.differed.end() || before->second != both_rows)) continue;  // maybe in flight
    key_list += key_list.empty() ? "" : ", ";
    if (key_fields > 1) key_list += "ROW(";
    for (int c = 0; c < key_fields; ++c) key_list += (c > 0 ? ", " : "") + pg_session::literal(key[c]);
    if (key_fields > 1) key_list += ')';
    ++r.fixed;
  }
  const bool last = static_cast<unsigned>(chunk.rechecks) + 1 >= settings_.recheck_rounds;
  if (!key_list.empty()) {
    std::string set, key_names = key_column_list(job.key, sql_dialect::postgresql);
    for (std::size_t i = 0; i < job.columns.size(); ++i) {
      bool is_key = false;
      for (const std::size_t k : job.key_index) is_key = is_key || k == i;
      if (is_key) continue;
      if (!set.empty()) set += ", ";
      const std::string c = quote_identifier(job.columns[i].name, sql_dialect::postgresql);
      set += c + " = EXCLUDED." + c;
    }
    const auto key_text = [&](std::string_view alias) {
      std::string out;
      for (std::size_t i = 0; i < job.key.size(); ++i)
        out += (i > 0 ? ", " : "") + std::string(alias) + "." + quote_identifier(job.key[i].name, sql_dialect::postgresql) + "::text";
      return job.key.size() > 1 ? "ROW(" + out + ")" : out;
    };
    const std::string upsert = "INSERT INTO " + job.pg_name + " AS t (" + job.pg_columns + ") SELECT " + job.pg_columns +
                               " FROM " + stage + " s WHERE " + key_text("s") + " IN (" + key_list + ") ORDER BY " +
                               key_names + " ON CONFLICT (" + key_names + ") " +
                               (set.empty() ? std::string("DO NOTHING")
                                            : "DO UPDATE SET " + set + " WHERE " + row_of(job, "t") + " IS DISTINCT FROM " +
                                                  row_of(job, "EXCLUDED"));
    const std::string remove = "DELETE FROM " + job.pg_name + " t WHERE " + key_text("t") + " IN (" + key_list +
                               ") AND NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE " + on_key(job, "s", "t") + ")";
    if (!run(pg_, upsert, error) || !run(pg_, remove, error))
      return fail(chunk, job.label() + ": re-check of chunk " + std::to_string(chunk.chunk) + ": fixing rows: " + error, true);
  }
  // Settled when nothing differs; after the last round what still differed is named for repair.
  const bool done = differing.empty() || last;
  if (done && !differing.empty()) {
    if (!record_divergences(job, chunk, differing, error)) return fail(chunk, error, false);
    for (const auto& k : differing) r.divergent.push_back(describe_key(job, k));
  }
  if (!backfill_state::mark_rechecked(pg_, chunk, done, done ? differing.size() : 0, settings_.lease_seconds, error) ||
      !run(pg_, "COMMIT", error))
    return fail(chunk, error, false);
  r.outcome = done ? chunk_result::kind::done : chunk_result::kind::recheck_pending;
  return r;
}

bool chunk_copier::record_divergences(const table_job& job, const chunk_claim& chunk,
                                      const std::vector<std::vector<std::string>>& keys, std::string& error) {
  proxy::divergence d;
  d.schema = job.schema;
  d.table = job.table;
  if (job.key.size() == 1 && job.key_name == "PRIMARY")  // else the whole table, as the dual write does
    for (const auto& k : keys) d.keys.push_back(k[0]);
  d.digest = "switchyard backfill re-check";
  d.reason = "backfill: " + std::to_string(keys.size()) + " row(s) of chunk " + std::to_string(chunk.chunk) +
             " still differ from MySQL after " + std::to_string(settings_.recheck_rounds) + " re-check(s)";
  d.unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return run(pg_, proxy::divergence_insert_sql(settings_.divergence_table), error, proxy::divergence_insert_params(d));
}

}  // namespace switchyard::migrate
