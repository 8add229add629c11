#include "migrate/verify_engine.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <chrono>
#include <set>
#include <thread>

#include "migrate/verify_pg.hpp"
#include "sql/ascii.hpp"

namespace switchyard::migrate {
namespace {


pg_result pg_select(PGconn* c, const std::string& sql, std::string& error) {
  pg_result r(PQexec(c, sql.c_str()));
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
    error = pg_failure(c);
    return nullptr;
  }
  return r;
}

std::string mysql_failure(MYSQL* m) { return std::string("MySQL: ") + mysql_error(m); }

// Reads one value of a PostgreSQL key column back to the text key_range expects.
bool pg_key_value(const key_column& k, const char* v, std::string& out) {
  if (k.category != sql::type_category::binary) {
    out = v;
    return true;
  }
  auto bytes = unhex(v);
  if (!bytes) return false;
  out = std::move(*bytes);
  return true;
}

}  // namespace

struct verifier::table_job {
  const sql::table_info& table;
  std::vector<render_column> columns;
  std::vector<key_column> key;
  std::vector<std::size_t> key_positions;
  table_result& result;
};

namespace {

mysql_client::connection mysql_session(const verify_settings& settings, std::string& error) {
  mysql_client::connection m = mysql_client::connect(settings.endpoint, error);
  if (!m) return nullptr;
  for (const char* set : {"SET time_zone = '+00:00'", "SET sql_mode = 'NO_BACKSLASH_ESCAPES'"})
    if (mysql_query(m.get(), set) != 0) {
      error = mysql_client::describe(settings.endpoint) + ": " + mysql_error(m.get());
      return nullptr;
    }
  return m;
}

pg_client::connection pg_session(const verify_settings& settings, bool create_functions, std::string& error) {
  pg_client::connection c = pg_client::connect(settings.pg_conninfo, error);
  if (!c) return nullptr;
  const std::string setup = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';\n" +
                            (create_functions
                                 ? "BEGIN; " + std::string(pg_client::switchyard_ddl_lock) + ";\n" +
                                       json_function_sql() + "\nCOMMIT;"
                                 : std::string());
  if (!pg_client::exec(c.get(), setup, error)) return nullptr;
  return c;
}

}  // namespace

std::unique_ptr<verifier> verifier::connect(const verify_settings& settings, std::string& error) {
  auto v = std::unique_ptr<verifier>(new verifier());
  v->settings_ = settings;
  v->mysql_ = mysql_session(settings, error);
  if (!v->mysql_) return nullptr;
  v->pg_ = pg_session(settings, true, error);
  if (!v->pg_) return nullptr;
  for (unsigned i = 1; i < settings.connections; ++i) {
    v->mysql_more_.push_back(mysql_session(settings, error));
    if (!v->mysql_more_.back()) return nullptr;
    v->pg_more_.push_back(pg_session(settings, false, error));
    if (!v->pg_more_.back()) return nullptr;
  }
  return v;
}

bool verifier::checksums(table_job& job, const std::vector<key_span>& spans, std::vector<chunk_sum>& mysql,
                         std::vector<chunk_sum>& pg) {
  mysql.assign(spans.size(), {});
  pg.assign(spans.size(), {});
  const auto& t = job.table;
  std::mutex failed;
  std::string my_error, pg_error;
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> next_my{0}, next_pg{0};
  const auto predicate = [&](std::size_t i, sql_dialect d) {
    return job.key.empty() ? std::string("TRUE") : key_range_predicate(job.key, spans[i].lower, spans[i].upper, d);
  };
  const auto fail = [&](std::string& slot, std::string message) {
    const std::lock_guard lock(failed);
    if (slot.empty()) slot = std::move(message);
    stop = true;
  };
  const auto pg_worker = [&](PGconn* c) {
    for (std::size_t i = next_pg++; i < spans.size() && !stop; i = next_pg++) {
      std::string error;
      const pg_result r = pg_select(
          c, checksum_query(t.schema, t.name, job.columns, predicate(i, sql_dialect::postgresql), sql_dialect::postgresql,
                            settings_.render),
          error);
      if (!r) return fail(pg_error, error);
      pg[i].count = std::stoull(PQgetvalue(r.get(), 0, 0));
      pg[i].sum = PQgetvalue(r.get(), 0, 1);
    }
  };
  const auto my_worker = [&](MYSQL* m) {
    for (std::size_t i = next_my++; i < spans.size() && !stop; i = next_my++) {
      std::string error;
      const mysql_client::result r = mysql_client::query(
          m, checksum_query(t.schema, t.name, job.columns, predicate(i, sql_dialect::mysql), sql_dialect::mysql,
                            settings_.render),
          error);
      MYSQL_ROW row = r ? mysql_fetch_row(r.get()) : nullptr;
      if (row == nullptr || row[0] == nullptr || row[1] == nullptr)
        return fail(my_error, "MySQL: " + (error.empty() ? std::string("no checksum row") : error));
      mysql[i].count = std::stoull(row[0]);
      mysql[i].sum = row[1];
    }
  };
  // Both servers at once, each over its sessions; at most one session per chunk.
  std::vector<std::thread> workers;
  workers.emplace_back(pg_worker, pg_.get());
  const std::size_t extra = spans.size() > 1 ? pg_more_.size() : 0;
  for (std::size_t i = 0; i < extra; ++i) {
    workers.emplace_back(pg_worker, pg_more_[i].get());
    workers.emplace_back(my_worker, mysql_more_[i].get());
  }
  my_worker(mysql_.get());
  for (auto& w : workers) w.join();
  if (!my_error.empty()) job.result.error = my_error;
  else if (!pg_error.empty()) job.result.error = pg_error;
  return job.result.error.empty();
}

bool verifier::stream_keys(table_job& job, const std::string& predicate, bool from_postgresql,
                           const std::function<void(const key_value&)>& take) {
  const auto& t = job.table;
  key_value k(job.key.size());
  if (from_postgresql) {
    std::string select = "SELECT ";
    for (std::size_t i = 0; i < job.key.size(); ++i)
      select += (i > 0 ? ", " : "") + key_text(job.key[i], sql_dialect::postgresql);
    // ORDER BY the table's column, not the output column of the same name (its text).
    select += " FROM " + qualified_table(t.schema, t.name, sql_dialect::postgresql) + " AS t WHERE " + predicate +
              " ORDER BY " + key_column_list(job.key, sql_dialect::postgresql, "t.");
    const pg_result r = pg_select(pg_.get(), select, job.result.error);
    if (!r) return false;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      for (std::size_t i = 0; i < job.key.size(); ++i)
        if (!pg_key_value(job.key[i], PQgetvalue(r.get(), row, static_cast<int>(i)), k[i])) {
          job.result.error = "PostgreSQL: malformed key value";
          return false;
        }
      take(k);
    }
    return true;
  }
  const std::string select = "SELECT " + key_column_list(job.key, sql_dialect::mysql) + " FROM " +
                             qualified_table(t.schema, t.name, sql_dialect::mysql) + " WHERE " + predicate +
                             " ORDER BY " + key_column_list(job.key, sql_dialect::mysql);
  MYSQL* m = mysql_.get();
  if (mysql_real_query(m, select.data(), select.size()) != 0) {
    job.result.error = mysql_failure(m);
    return false;
  }
  const mysql_client::result r(mysql_use_result(m));  // streamed: a large table's keys are not buffered
  if (!r) {
    job.result.error = mysql_failure(m);
    return false;
  }
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(r.get());
    for (std::size_t i = 0; i < job.key.size(); ++i) k[i].assign(row[i] ? row[i] : "", row[i] ? lengths[i] : 0);
    take(k);
  }
  if (mysql_errno(m) != 0) {
    job.result.error = mysql_failure(m);
    return false;
  }
  return true;
}

bool verifier::fetch_rows(table_job& job, const std::string& mysql_predicate, const std::string& pg_predicate,
                          std::vector<row_difference>& out) {
  const auto& t = job.table;
  const std::size_t nk = job.key.size();
  std::vector<rendered_row> my_rows, pg_rows;
  const pg_result pr = pg_select(
      pg_.get(), rows_query(t.schema, t.name, job.columns, job.key, pg_predicate, sql_dialect::postgresql, settings_.render),
      job.result.error);
  if (!pr) return false;
  for (int row = 0; row < PQntuples(pr.get()); ++row) {
    rendered_row& r = pg_rows.emplace_back();
    r.key.resize(nk);
    for (std::size_t i = 0; i < nk; ++i)
      if (!pg_key_value(job.key[i], PQgetvalue(pr.get(), row, static_cast<int>(i)), r.key[i])) {
        job.result.error = "PostgreSQL: malformed key value";
        return false;
      }
    for (std::size_t c = 0; c < job.columns.size(); ++c) {
      const int f = static_cast<int>(nk + c);
      if (PQgetisnull(pr.get(), row, f)) r.values.emplace_back();
      else r.values.emplace_back(std::string(PQgetvalue(pr.get(), row, f), PQgetlength(pr.get(), row, f)));
    }
  }
  std::string error;
  const mysql_client::result mr = mysql_client::query(
      mysql_.get(), rows_query(t.schema, t.name, job.columns, job.key, mysql_predicate, sql_dialect::mysql, settings_.render),
      error);
  if (!mr) {
    job.result.error = "MySQL: " + error;
    return false;
  }
  while (MYSQL_ROW row = mysql_fetch_row(mr.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(mr.get());
    rendered_row& r = my_rows.emplace_back();
    for (std::size_t i = 0; i < nk; ++i) r.key.push_back(mysql_client::field(row, const_cast<unsigned long*>(lengths), i));
    for (std::size_t c = 0; c < job.columns.size(); ++c) {
      const std::size_t f = nk + c;
      if (row[f] == nullptr) r.values.emplace_back();
      else r.values.emplace_back(std::string(row[f], lengths[f]));
    }
  }
  for (auto& d : diff_rows(my_rows, pg_rows, job.key_positions, job.result.column_names,
                                      job.result.column_categories)) out.push_back(std::move(d));
  return true;
}

bool verifier::bisect(table_job& job, const key_span& span, const chunk_sum& mysql, const chunk_sum& pg,
                      std::vector<key_value> keys) {
  const auto range = [&](const key_span& s, sql_dialect d) { return key_range_predicate(job.key, s.lower, s.upper, d); };
  const std::uint64_t rows = std::max(mysql.count, pg.count);
  if (job.result.checksum_differs) return true;  // too many differences already: the table is re-copied whole
  // Small, or one side has none of it (every row differs): diff the rows themselves.
  if (rows > settings_.leaf_rows && std::min(mysql.count, pg.count) > 0) {
    if (keys.size() <= settings_.leaf_rows) {
      keys.clear();
      const bool from_postgresql = pg.count > mysql.count;  // the side with more rows has the finer cuts
      const std::string where = range(span, from_postgresql ? sql_dialect::postgresql : sql_dialect::mysql);
      if (!stream_keys(job, where, from_postgresql, [&](const key_value& k) { keys.push_back(k); })) return false;
    }
    if (keys.size() > settings_.leaf_rows) {
      const std::vector<span_part> parts = split_span(span, keys, settings_.split_parts);
      std::vector<key_span> spans;
      for (const auto& p : parts) spans.push_back(p.span);
      std::vector<chunk_sum> my_sums, pg_sums;
      if (!checksums(job, spans, my_sums, pg_sums)) return false;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        if (my_sums[i] == pg_sums[i]) continue;
        std::vector<key_value> part_keys(keys.begin() + static_cast<std::ptrdiff_t>(parts[i].first),
                                         keys.begin() + static_cast<std::ptrdiff_t>(parts[i].last));
        if (!bisect(job, spans[i], my_sums[i], pg_sums[i], std::move(part_keys))) return false;
      }
      return true;
    }
  }
  if (!fetch_rows(job, range(span, sql_dialect::mysql), range(span, sql_dialect::postgresql), job.result.differences))
    return false;
  if (job.result.differences.size() >= settings_.max_differences) {
    job.result.checksum_differs = true;
    if (!job.result.note.empty()) job.result.note += "; ";
    job.result.note += "more than " + std::to_string(settings_.max_differences) +
                       " differing rows: the listing stops there and --repair re-copies the whole table";
  }
  return true;
}

table_result verifier::verify_table(const sql::table_info& table) {
  const auto started = std::chrono::steady_clock::now();
  table_result result;
  result.database = table.schema;
  result.table = table.name;
  table_job job{table, make_render_columns(table), verify_key(table), {}, result};
  for (const auto& c : table.columns) {
    result.column_names.push_back(c.name);
    result.column_categories.push_back(c.category);
  }
  for (const auto& k : job.key)
    for (std::size_t i = 0; i < table.columns.size(); ++i)
      if (sql::ascii_iequals(table.columns[i].name, k.name)) job.key_positions.push_back(i);
  result.key = job.key;
  const bool ordered = !job.key.empty() && orders_alike(job.key);
  result.keyed = ordered;
  const auto finish = [&] {
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  };

  std::vector<key_span> spans{key_span{}};
  key_sampler sampler(job.key.empty() ? 0 : settings_.sample,
                      settings_.seed != 0 ? settings_.seed : std::random_device{}());
  if (job.key.empty()) {
    result.note = "no primary or NOT NULL unique key: compared by count and whole-table checksum only";
  } else if (!ordered) {
    result.note = "key orders differently on PostgreSQL (text or binary): one whole-table checksum, rows diffed whole";
    if (settings_.sample > 0 && !stream_keys(job, "TRUE", false, [&](const key_value& k) { sampler.add(k); }))
      return finish();
  } else {
    // One pass over MySQL's keys cuts the chunks and draws the sample.
    chunk_planner planner(settings_.chunk_rows);
    spans.clear();
    const bool streamed = stream_keys(job, "TRUE", false, [&](const key_value& k) {
      sampler.add(k);
      if (auto closed = planner.add(k)) spans.push_back(std::move(*closed));
    });
    if (!streamed) return finish();
    spans.push_back(planner.finish());
  }
  result.chunks = spans.size();

  std::vector<chunk_sum> my_sums, pg_sums;
  if (!checksums(job, spans, my_sums, pg_sums)) return finish();
  std::vector<key_span> differing;
  std::vector<std::size_t> differing_at;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    result.mysql_rows += my_sums[i].count;
    result.postgresql_rows += pg_sums[i].count;
    if (my_sums[i] != pg_sums[i]) {
      differing.push_back(spans[i]);
      differing_at.push_back(i);
    }
  }
  if (!differing.empty()) {
    // The dual write may be a few ms behind: only a chunk that still differs is reported.
    std::this_thread::sleep_for(std::chrono::milliseconds(settings_.recheck_delay_ms));
    std::vector<chunk_sum> my_again, pg_again;
    if (!checksums(job, differing, my_again, pg_again)) return finish();
    for (std::size_t j = 0; j < differing.size(); ++j) {
      const std::size_t i = differing_at[j];
      result.mysql_rows = result.mysql_rows - my_sums[i].count + my_again[j].count;
      result.postgresql_rows = result.postgresql_rows - pg_sums[i].count + pg_again[j].count;
      if (my_again[j] == pg_again[j]) continue;
      ++result.differing_chunks;
      if (job.key.empty()) {
        result.checksum_differs = true;
      } else if (ordered) {
        if (!bisect(job, differing[j], my_again[j], pg_again[j], {})) return finish();
      } else if (std::max(my_again[j].count, pg_again[j].count) <= settings_.max_unordered_rows) {
        if (!fetch_rows(job, "TRUE", "TRUE", result.differences)) return finish();
      } else {
        result.checksum_differs = true;
        result.note += "; too many rows to diff whole";
      }
    }
  }

  // The sample: keys picked while streaming, compared value by value; a difference is fetched again
  // after the delay and kept only when it persists.
  const std::vector<key_value>& sample = sampler.keys();
  result.sampled = sample.size();
  std::set<key_value> known;
  for (const auto& d : result.differences) known.insert(d.key);
  std::vector<row_difference> sample_diffs;
  for (std::size_t at = 0; at < sample.size(); at += 500) {
    const std::vector<key_value> batch(sample.begin() + static_cast<std::ptrdiff_t>(at),
                                       sample.begin() + static_cast<std::ptrdiff_t>(std::min(sample.size(), at + 500)));
    if (!fetch_rows(job, key_in_predicate(job.key, batch, sql_dialect::mysql),
                    key_in_predicate(job.key, batch, sql_dialect::postgresql), sample_diffs))
      return finish();
  }
  std::vector<key_value> suspects;
  for (const auto& d : sample_diffs)
    if (known.count(d.key) == 0) suspects.push_back(d.key);
  if (!suspects.empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(settings_.recheck_delay_ms));
    std::vector<row_difference> again;
    if (!fetch_rows(job, key_in_predicate(job.key, suspects, sql_dialect::mysql),
                    key_in_predicate(job.key, suspects, sql_dialect::postgresql), again))
      return finish();
    for (auto& d : again)
      if (known.insert(d.key).second) result.differences.push_back(std::move(d));
  }
  if (result.differing_chunks > 0 && result.differences.empty() && !result.checksum_differs) {
    if (!result.note.empty()) result.note += "; ";
    result.note += std::to_string(result.differing_chunks) +
                   " chunk checksum(s) differed but every row compares equal (JSON strings escaped differently, or the "
                   "dual write caught up meanwhile)";
  }
  return finish();
}

}  // namespace switchyard::migrate
