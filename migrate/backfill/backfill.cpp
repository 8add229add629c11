#include "migrate/backfill/backfill.hpp"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "migrate/backfill/dual_write_watch.hpp"
#include "migrate/backfill/mysql_session.hpp"
#include "migrate/backfill/pg_session.hpp"
#include "migrate/backfill/sequence.hpp"
#include "migrate/backfill/state_store.hpp"
#include "migrate/backfill_progress.hpp"
#include "proxy/divergence_log.hpp"

namespace switchyard::migrate {
namespace {

using clock = std::chrono::steady_clock;
using backfill_state::chunk_claim;

// What the workers share.
struct shared_run {
  const backfill_options& options;
  std::vector<const table_job*> tables;
  std::map<std::string, const table_job*> by_label;
  rate_limiter limiter;
  std::atomic<std::uint64_t> rows{0}, bytes{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  backfill_result* result;
  std::map<std::string, std::string> failed;  // table -> first error
  dual_write_watch watch{options.databases, std::chrono::milliseconds(100)};

  void error(const std::string& message) {
    const std::lock_guard lock(mutex);
    result->errors.push_back(message);
  }
};

struct queued_recheck {
  chunk_claim chunk;
  clock::time_point due;
};

// Chunks of the run's tables not done yet, whoever holds them (other workers, other processes).
bool work_left(PGconn* pg, const shared_run& run, std::string& error) {
  const auto state = backfill_state::progress(pg, run.tables, error);
  if (!error.empty()) return false;
  for (const auto& t : state)
    if (!t.finished && t.error.empty() && t.chunks_done < t.chunks_total) return true;
  return false;
}

void worker(shared_run& run, unsigned index) {
  std::string error;
  const auto mysql = mysql_session::open(run.options.mysql, error);
  const auto pg = mysql ? pg_session::connect(run.options.pg_conninfo, error) : nullptr;
  if (!pg) {
    run.error("worker " + std::to_string(index) + ": " + error);
    return;
  }
  copier_settings settings = run.options.copier;
  settings.owner += ":" + std::to_string(index);
  chunk_copier copier(mysql.get(), pg.get(), settings, run.limiter);
  std::deque<queued_recheck> rechecks;  // in due order: every entry waits the same delay
  std::optional<chunk_claim> retry_copy;  // a copy that met a deadlock, to run again

  const auto handle = [&](const table_job& job, chunk_claim chunk, const chunk_result& r, bool was_recheck) {
    switch (r.outcome) {
      case chunk_result::kind::done:
      case chunk_result::kind::recheck_pending: {
        if (!was_recheck) {
          run.rows += r.rows;
          run.bytes += r.bytes;
        }
        {
          const std::lock_guard lock(run.mutex);
          run.result->rows_fixed += r.fixed;
          for (const auto& k : r.divergent) run.result->divergent_keys.push_back(job.label() + " " + k);
        }
        if (r.outcome == chunk_result::kind::recheck_pending) {
          if (was_recheck) ++chunk.rechecks;
          else {
            const std::lock_guard lock(run.mutex);
            ++run.result->chunks_copied_with_recheck;
          }
          chunk.differed = r.differed;
          chunk.snapshot_at = r.snapshot_at;
          rechecks.push_back({std::move(chunk), clock::now() + run.options.recheck_delay});
          return;
        }
        std::string e;
        if (backfill_state::table_finished(pg.get(), job, e) && !set_identity_sequence(mysql.get(), pg.get(), job, e))
          run.error(job.label() + ": moving the identity sequence: " + e);
        return;
      }
      case chunk_result::kind::retry:  // nothing committed: the same work again, shortly
        if (was_recheck) rechecks.push_front({std::move(chunk), clock::now() + std::chrono::milliseconds(50)});
        else {
          chunk.via_staging = chunk.via_staging || r.via_staging_next;
          retry_copy = std::move(chunk);
        }
        return;
      case chunk_result::kind::lost_lease:
        return;  // someone else has it now
      case chunk_result::kind::table_failed: {
        const std::lock_guard lock(run.mutex);
        if (run.failed.emplace(job.label(), r.message).second) run.result->errors.push_back(r.message);
        return;
      }
      case chunk_result::kind::error:
        run.error(r.message);
        run.stop = true;  // the session is in doubt: stop this process, leases let others go on
        return;
    }
  };

  // A due round waits for the dual write to apply what MySQL committed before the chunk's last
  // snapshot (or for the wait limit); meanwhile the worker copies other chunks.
  const auto round_ready = [&](const queued_recheck& q) {
    if (q.due > clock::now()) return false;
    std::string e;
    if (run.watch.current(pg.get(), e).past(q.chunk.snapshot_at, run.options.mirror_margin)) return true;
    if (q.due + run.options.mirror_wait_limit > clock::now()) return false;
    const std::lock_guard lock(run.mutex);
    ++run.result->rounds_past_wait_limit;
    return true;
  };
  const auto wants_recheck = [&] {
    if (run.options.copier.recheck_rounds == 0) return false;
    if (run.options.recheck_always) return true;
    std::string e;
    return run.watch.current(pg.get(), e).live_instances > 0;
  };

  while (!run.stop) {
    if (!rechecks.empty() && round_ready(rechecks.front())) {
      queued_recheck q = std::move(rechecks.front());
      rechecks.pop_front();
      const table_job& job = *run.by_label.at(q.chunk.schema + "." + q.chunk.table);
      handle(job, q.chunk, copier.recheck(job, q.chunk), true);
      continue;
    }
    std::optional<chunk_claim> chunk;
    if (retry_copy) {
      chunk = std::move(retry_copy);
      retry_copy.reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } else {
      chunk = backfill_state::claim(pg.get(), run.tables, settings.owner, settings.lease_seconds, error);
    }
    if (!error.empty()) {
      run.error("claiming a chunk: " + error);
      return;
    }
    if (chunk) {
      const table_job& job = *run.by_label.at(chunk->schema + "." + chunk->table);
      if (chunk->copied) {  // copied by a worker that died before its re-check: its snapshot is before now
        chunk->snapshot_at = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        rechecks.push_back({std::move(*chunk), clock::now()});
        continue;
      }
      handle(job, *chunk, copier.copy(job, *chunk, wants_recheck()), false);
      continue;
    }
    if (!rechecks.empty()) {
      std::this_thread::sleep_until(std::max(std::min(rechecks.front().due, clock::now() + std::chrono::milliseconds(200)),
                                             clock::now() + std::chrono::milliseconds(20)));
      continue;
    }
    // Nothing claimable: done, or chunks leased elsewhere (other processes, expired leases to come).
    const bool more = work_left(pg.get(), run, error);
    if (!error.empty()) {
      run.error(error);
      return;
    }
    if (!more) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// Prints progress every interval until `done`, then once more.
class progress_printer {
 public:
  progress_printer(shared_run& run, std::FILE* out, bool bar) : run_(run), out_(out), bar_(bar) {}

  void print(PGconn* pg) {
    std::string error;
    const auto state = backfill_state::progress(pg, run_.tables, error);
    const auto now = clock::now();
    if (bar_ && lines_ > 0) std::fprintf(out_, "\033[%zuA", lines_);
    lines_ = 0;
    for (const auto& s : state) {
      table_progress p;
      p.table = s.schema + "." + s.table;
      p.chunks_done = s.chunks_done;
      p.chunks_total = s.chunks_total;
      p.rows = s.rows;
      p.rows_planned = s.rows_planned;
      p.state = !s.error.empty() ? "failed" : s.finished ? "done" : s.rows > 0 ? "copying" : "planned";
      auto& seen = seen_[p.table];
      if (seen.at != clock::time_point{} && now > seen.at) {
        const double seconds = std::chrono::duration<double>(now - seen.at).count();
        seen.rate = s.rows >= seen.rows ? static_cast<double>(s.rows - seen.rows) / seconds : 0;
      }
      seen.rows = s.rows;
      seen.at = now;
      p.rows_per_second = seen.rate;
      if (bar_) {
        std::fprintf(out_, "\033[K%s\n", progress_bar_line(p).c_str());
        ++lines_;
      } else {
        std::fprintf(out_, "%s\n", progress_json_line(p).c_str());
      }
    }
    std::fflush(out_);
  }

 private:
  struct seen_rows {
    std::uint64_t rows = 0;
    clock::time_point at{};
    double rate = 0;
  };
  shared_run& run_;
  std::FILE* out_;
  bool bar_;
  std::size_t lines_ = 0;
  std::map<std::string, seen_rows> seen_;
};

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "host";
  return buf;
}

// The run's tables: every table of the databases, or the listed ones ("t" or "db.t").
bool select_tables(const backfill_options& o, const sql::memory_catalog& catalog, std::vector<const sql::table_info*>& out,
                   std::string& error) {
  if (o.tables.empty()) {
    for (const auto* t : catalog.tables()) out.push_back(t);
    return true;
  }
  for (const auto& name : o.tables) {
    const auto dot = name.find('.');
    bool found = false;
    for (const auto& db : o.databases) {
      if (dot != std::string::npos && name.substr(0, dot) != db) continue;
      if (const auto* t = catalog.find_table(db, dot == std::string::npos ? name : name.substr(dot + 1))) {
        out.push_back(t);
        found = true;
      }
    }
    if (!found) {
      error = "unknown table '" + name + "' (not a base table of database(s)";
      for (const auto& db : o.databases) error += " " + db;
      error += " on " + mysql_client::describe(o.mysql) + ")";
      return false;
    }
  }
  return true;
}

}  // namespace

backfill_result run_backfill(backfill_options options, std::FILE* progress_out) {
  const auto started = clock::now();
  backfill_result result;
  result.exit_status = 1;
  if (options.copier.owner.empty()) options.copier.owner = host_name() + ":" + std::to_string(getpid());
  if (options.databases.empty()) {
    result.errors.push_back("no database to copy: give --database or set migrate.databases");
    result.exit_status = 2;
    return result;
  }
  std::string error;
  const auto pg = pg_session::connect(options.pg_conninfo, error);
  // The divergence table is created here, once: concurrent CREATE ... IF NOT EXISTS inside the
  // re-checks' transactions could collide.
  if (!pg || !backfill_state::ensure_tables(pg.get(), error) ||
      !pg_session::run(pg.get(), proxy::divergence_table_ddl(options.copier.divergence_table), error)) {
    result.errors.push_back(error);
    return result;
  }
  sql::memory_catalog catalog;
  for (const auto& db : options.databases) {
    const auto loaded = load_mysql_catalog(options.mysql, db, catalog, options.types);
    if (!loaded.ok) {
      result.errors.push_back(loaded.error);
      return result;
    }
  }
  std::vector<const sql::table_info*> selected;
  if (!select_tables(options, catalog, selected, error)) {
    result.errors.push_back(error);
    result.exit_status = 2;
    return result;
  }
  const auto mysql = mysql_session::open(options.mysql, error);
  if (!mysql) {
    result.errors.push_back(error);
    return result;
  }

  // Jobs: refused tables (no key, missing on PostgreSQL) are reported; the others are planned.
  std::vector<table_job> jobs;
  jobs.reserve(selected.size());
  std::vector<std::string> missing;
  for (const auto* t : selected) {
    table_job job;
    if (!make_table_job(*t, job, error)) {
      result.errors.push_back(error);
      result.tables.push_back({t->schema + "." + t->name, "refused", 0, 0, 0, error});
      continue;
    }
    const auto exists = pg_session::exec(pg.get(), "SELECT to_regclass($1) IS NOT NULL", error, {job.pg_name});
    if (!exists) {
      result.errors.push_back(error);
      return result;
    }
    if (pg_session::value(exists.get(), 0, 0) != "t") {
      missing.push_back(job.pg_name);
      result.tables.push_back({job.label(), "refused", 0, 0, 0, "missing on PostgreSQL"});
      continue;
    }
    jobs.push_back(std::move(job));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    result.errors.push_back("table(s) missing on PostgreSQL: " + list + " (run switchyard schema first)");
  }

  shared_run run{options, {}, {}, rate_limiter(options.rate_rows, options.rate_bytes), {}, {}, {}, {}, &result, {}};
  {
    dual_write_progress dw;
    if (!read_dual_write_progress(pg.get(), options.databases, std::chrono::seconds(5), dw, error)) {
      result.errors.push_back(error);
      return result;
    }
    if (options.copier.recheck_rounds == 0)
      result.notes.push_back("re-checks off (--recheck-rounds 0): rows a dual write changes while their chunk is copied are "
                             "left to verify --repair");
    else if (dw.live_instances > 0)
      result.notes.push_back("dual write live on " + std::to_string(dw.live_instances) +
                             " proxy instance(s): each chunk is re-checked once the dual write has applied what MySQL "
                             "committed before its copy");
    else if (!options.recheck_always)
      result.notes.push_back("no dual write is live (no proxy heartbeat in PostgreSQL): chunks are not re-checked; a dual "
                             "write starting later makes the chunks copied from then on re-checked");
  }
  for (const auto& job : jobs) {
    bool ok = (!options.restart || backfill_state::forget(pg.get(), job, error)) && backfill_state::retry_failed(pg.get(), job, error);
    bool planned = false;
    ok = ok && backfill_state::plan(pg.get(), mysql.get(), job, options.chunk_rows, planned, error);
    if (!ok) {
      result.errors.push_back(job.label() + ": " + error);
      result.tables.push_back({job.label(), "failed", 0, 0, 0, error});
      continue;
    }
    run.tables.push_back(&job);
    run.by_label[job.label()] = &job;
  }

  if (!run.tables.empty()) {
    const bool bar = options.progress == progress_mode::bar ||
                     (options.progress == progress_mode::automatic && isatty(fileno(progress_out)));
    progress_printer printer(run, progress_out, bar);
    std::atomic<bool> workers_done{false};
    std::mutex m;
    std::condition_variable cv;
    std::thread progress;
    if (options.progress != progress_mode::none) {
      progress = std::thread([&] {
        std::string e;
        const auto conn = pg_session::connect(options.pg_conninfo, e);
        if (!conn) return;
        std::unique_lock lock(m);
        while (!workers_done) {
          printer.print(conn.get());
          cv.wait_for(lock, options.progress_interval, [&] { return workers_done.load(); });
        }
        printer.print(conn.get());
      });
    }
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < std::max(1u, options.workers); ++i) threads.emplace_back(worker, std::ref(run), i);
    for (auto& t : threads) t.join();
    {
      const std::lock_guard lock(m);
      workers_done = true;
    }
    cv.notify_all();
    if (progress.joinable()) progress.join();
  }

  const auto state = backfill_state::progress(pg.get(), run.tables, error);
  bool all_done = result.errors.empty();
  for (const auto& s : state) {
    table_summary t{s.schema + "." + s.table, s.finished ? "done" : !s.error.empty() ? "failed" : "incomplete", s.rows,
                    s.chunks_done, s.chunks_total, s.error};
    all_done = all_done && s.finished;
    result.tables.push_back(std::move(t));
  }
  result.rows_copied = run.rows;
  result.bytes_copied = run.bytes;
  if (result.rounds_past_wait_limit > 0)
    result.notes.push_back(std::to_string(result.rounds_past_wait_limit) + " re-check round(s) ran without waiting for a " +
                           "dual write more than " + std::to_string(options.mirror_wait_limit.count() / 1000) +
                           " s behind; rows still differing after the last round are recorded for verify --repair");
  result.seconds = std::chrono::duration<double>(clock::now() - started).count();
  result.exit_status = all_done && state.size() == run.tables.size() ? 0 : 1;
  return result;
}

}  // namespace switchyard::migrate
