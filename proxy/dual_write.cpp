#include "proxy/dual_write.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <unistd.h>

#include <cstdio>
#include <set>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "migrate/mysql_catalog.hpp"
#include "proxy/time_zone.hpp"
#include "sql/ascii.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/translate.hpp"

namespace switchyard::proxy {
namespace asio = boost::asio;

namespace {

mirror_settings mirror_settings_of(const config::mirror_settings& s) {
  mirror_settings out;
  out.queue_capacity = s.queue_capacity;
  out.apply_timeout = s.apply_timeout;
  out.reorder_window = s.reorder_window;
  return out;
}

std::string table_key(std::string_view database, std::string_view table) {
  std::string key(database);
  key += '\0';
  key += table;
  return key;
}

// This proxy's row in the published progress: host, listening port and process, unique among
// live instances.
std::string instance_name(const config::settings& s) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  return std::string(host) + ":" + std::to_string(s.proxy.listen.port) + ":" + std::to_string(::getpid());
}

}  // namespace

dual_write::dual_write(const config::settings& settings, metrics& stats)
    : settings_(settings), stats_(stats) {
  databases_.insert(settings.mirror.databases.begin(), settings.mirror.databases.end());
  synchronous_ = settings.mirror.synchronous;
  synchronous_timeout_ms_ = settings.mirror.synchronous_timeout.count();
}

dual_write::~dual_write() { stop(std::chrono::steady_clock::now()); }

bool dual_write::start(std::string& error) {
  migrate::mysql_endpoint endpoint;
  endpoint.host = settings_.mysql.address.host;
  endpoint.port = settings_.mysql.address.port;
  endpoint.user = settings_.mirror.mysql_user;
  endpoint.password = settings_.mirror.mysql_password;
  endpoint.connect_timeout_seconds =
      static_cast<unsigned>(std::max<std::int64_t>(1, settings_.proxy.connect_timeout.count() / 1000));
  if (!migrate::load_mysql_server_settings(endpoint, server_, error)) {
    error = "dual write: cannot read MySQL's settings: " + error;
    return false;
  }
  if (!settings_.mirror.commit_order_from_gtid) server_.last_gtid = server_.own_gtid = false;
  if (!server_.commit_order_known())
    SY_LOG(warn, 0, "dual write: commits are applied in the order the proxy sees them",
           settings_.mirror.commit_order_from_gtid ? " (MySQL reports no GTIDs: binlog off, or gtid_mode off on MySQL)" : "",
           "; conflicting order-sensitive writes may end different on PostgreSQL (verification catches them)");
  const std::vector<std::string>& names = databases_.empty() ? server_.databases : settings_.mirror.databases;
  for (const std::string& db : names) {
    const migrate::catalog_load_result loaded = migrate::load_mysql_catalog(endpoint, db, catalog_, settings_.schema.types);
    if (!loaded.ok && loaded.error.rfind("unknown database", 0) == 0) {
      // Configured but not there yet: its CREATE DATABASE and tables will come through the proxy.
      SY_LOG(warn, 0, "dual write: ", loaded.error, "; its tables will be learnt from the DDL mirrored later");
      continue;
    }
    if (!loaded.ok) {
      error = "dual write: cannot load the catalog of '" + db + "': " + loaded.error;
      return false;
    }
    for (const std::string& w : loaded.warnings) SY_LOG(warn, 0, "dual write: ", db, ": ", w);
    SY_LOG(info, 0, "dual write: loaded ", loaded.tables, " table(s) of '", db, "'");
  }
  if (server_.autoinc_lock_mode == 2)
    SY_LOG(warn, 0, "dual write: innodb_autoinc_lock_mode is 2: ids of multi-row inserts are unknowable and such "
                    "inserts will be recorded as divergences");

  backend::pool_options pool;
  pool.conninfo = settings_.postgresql.conninfo;
  pool.size = settings_.postgresql.pool_size;
  pool_ = std::make_unique<backend::pg_pool>(context_.get_executor(), pool, backend_metrics_);
  log_ = std::make_unique<divergence_log>(context_.get_executor(), *pool_, settings_.mirror.divergence_file);
  if (!log_->last_error().empty()) {
    error = "dual write: " + log_->last_error();
    return false;
  }
  mirror_ = std::make_unique<mirror>(context_.get_executor(), *pool_, catalog_, *log_,
                                     mirror_settings_of(settings_.mirror));
  // What a session's time_zone SYSTEM means: the server's zone when the tz database knows its
  // name, else its offset now (wrong across a daylight-saving change: logged).
  std::string system_zone = server_.system_time_zone;
  if (!pg_time_zone_of(system_zone, system_zone)) {
    SY_LOG(warn, 0, "dual write: MySQL's system time zone '", system_zone, "' is not in the tz database; using its ",
           "current offset ", server_.system_utc_offset, " (set MySQL's time_zone to a named zone to avoid this)");
    system_zone = server_.system_utc_offset;
  }
  mirror_->set_system_time_zone(system_zone);
  mirror_->set_insert_id_increment(server_.auto_increment_increment);
  mirror_->set_type_mapping(settings_.schema.types);
  if (server_.commit_order_known()) mirror_->resume_after(server_.binlog_seq);
  mirror_->on_change = [this] { publish_soon(); };
  mirror_->on_divergence = [this](const std::vector<divergence>& records) {
    log_divergences(records);
    std::lock_guard lock(shared_mutex_);
    for (const divergence& d : records) ++by_table_[d.schema + "." + d.table];
  };
  refresh_time_tables();

  record_unclean_stop();
  progress_ = std::make_unique<mirror_progress_publisher>(context_.get_executor(), *pool_, instance_name(settings_),
                                                          settings_.mirror.databases, std::chrono::milliseconds(100), [this] { return oldest_pending(); });
  asio::co_spawn(context_, progress_->run(), asio::detached);
  asio::co_spawn(
      context_,
      [this, names]() -> asio::awaitable<void> {
        co_await ensure_schemas(names);
        co_await mirror_->run();
        progress_->stop();  // its row goes before the pool closes
        co_await progress_->finished();
        log_->stop();
      },
      asio::detached);
  asio::co_spawn(
      context_,
      [this]() -> asio::awaitable<void> {
        co_await log_->run(settings_.mirror.ship_interval);
        publish();
        pool_->close();
        context_.stop();  // nothing else may keep the thread: the mirror ended before the log did
      },
      asio::detached);
  asio::co_spawn(
      context_,
      [this]() -> asio::awaitable<void> {  // the gauges that move without the mirror (pool health, shipping)
        asio::steady_timer tick(context_);
        while (true) {
          tick.expires_after(std::chrono::milliseconds(50));
          co_await tick.async_wait(asio::use_awaitable);
          publish();
        }
      },
      asio::detached);
  running_ = true;
  accepting_.store(true, std::memory_order_release);
  thread_ = std::thread([this] { context_.run(); });
  SY_LOG(info, 0, "dual write on: mirroring ", names.size(), " database(s) to PostgreSQL, queue of ",
         settings_.mirror.queue_capacity, settings_.mirror.synchronous ? ", synchronous" : "");
  return true;
}

void dual_write::stop(std::chrono::steady_clock::time_point deadline) {
  if (!running_) return;
  running_ = false;
  accepting_.store(false, std::memory_order_release);
  auto timer = std::make_shared<asio::steady_timer>(context_, deadline);
  asio::post(context_, [this, timer] {
    mirror_->stop();
    timer->async_wait([this, timer](boost::system::error_code ec) {
      if (ec) return;
      if (mirror_->queue_depth() > 0) {
        SY_LOG(warn, 0, "dual write: ", mirror_->queue_depth(),
               " transaction(s) not applied before the shutdown deadline; recorded as divergences");
        mirror_->abandon("shutdown before PostgreSQL applied it");
      }
    });
  });
  thread_.join();
  // A session that handed a commit over as the mirror stopped: recorded, never dropped.
  take_inbox();
  if (mirror_->queue_depth() > 0) mirror_->abandon("handed to the mirror as it stopped");
  std::remove((settings_.mirror.divergence_file + ".running").c_str());
  const auto by_table = divergences_by_table();
  for (const auto& [table, n] : by_table) SY_LOG(warn, 0, "dual write: ", n, " divergence(s) recorded for ", table);
}

// Each mirrored database's PostgreSQL schema, so that its first CREATE TABLE has a place to go.
// PostgreSQL away: nothing to do now; the writes will be recorded as divergences.
asio::awaitable<void> dual_write::ensure_schemas(std::vector<std::string> databases) {
  const auto deadline = backend::clock::now() + settings_.mirror.apply_timeout;
  backend::acquired lease = co_await pool_->acquire(deadline);
  if (!lease.error.ok()) {
    SY_LOG(warn, 0, "dual write: PostgreSQL unavailable at start (", lease.error.message, ")");
    co_return;
  }
  for (const std::string& db : databases) {
    std::string sql = "CREATE SCHEMA IF NOT EXISTS ";
    sql::append_pg_identifier(db, sql);
    const backend::pg_result r = co_await lease.connection->execute(sql, deadline);
    if (!r.ok()) SY_LOG(warn, 0, "dual write: cannot create PostgreSQL schema for '", db, "': ", r.error.message);
    // Tables MySQL has and PostgreSQL lacks: every write to them would become a divergence.
    std::vector<backend::pg_value> schema_name{sql::ascii_lowered(db)};  // a named local: GCC 12 and co_await
    const backend::pg_result tables = co_await lease.connection->execute_params(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", std::move(schema_name), deadline);
    if (!tables.ok()) continue;
    std::set<std::string> present;
    for (const auto& row : tables.rows)
      if (!row.empty() && row[0]) present.insert(*row[0]);
    std::string missing;
    std::size_t count = 0;
    for (const sql::table_info* t : catalog_.tables())
      if (t->schema == db && !present.count(sql::ascii_lowered(t->name))) {
        if (++count <= 10) missing += (missing.empty() ? "" : ", ") + t->name;
      }
    if (count > 0)
      SY_LOG(warn, 0, "dual write: ", count, " table(s) of '", db, "' are not on PostgreSQL (", missing,
             count > 10 ? ", ..." : "", "); their writes will be recorded as divergences until they exist: "
             "switchyard schema --apply --section pre-data creates them");
  }
}

// A marker file lives beside the divergence file while the mirror runs. Found at start, it
// means the last run ended without draining its queue (a crash): what was queued then is
// unknown, so every mirrored table is recorded as divergent, for verification and repair.
void dual_write::record_unclean_stop() {
  const std::string marker = settings_.mirror.divergence_file + ".running";
  if (std::FILE* f = std::fopen(marker.c_str(), "r")) {
    std::fclose(f);
    std::vector<divergence> records;
    for (const sql::table_info* t : catalog_.tables()) {
      divergence d;
      d.schema = t->schema;
      d.table = t->name;
      d.reason = "the previous run stopped without draining its mirror queue: writes in flight unknown";
      d.unix_micros = wall_clock_micros();
      records.push_back(std::move(d));
    }
    SY_LOG(warn, 0, "dual write: the previous run did not stop cleanly (", marker, " exists); ", records.size(),
           " table(s) recorded as divergent");
    log_->record(std::move(records));
  }
  if (std::FILE* f = std::fopen(marker.c_str(), "w")) std::fclose(f);
}

// One log line per divergence, but at most one a second: a PostgreSQL outage must not flood the
// log (the records are all in the divergence log; the line says how many were not logged).
void dual_write::log_divergences(const std::vector<divergence>& records) {
  if (records.empty()) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_divergence_log_ < std::chrono::seconds(1)) {
    unlogged_divergences_ += records.size();
    return;
  }
  last_divergence_log_ = now;
  const divergence& d = records.front();
  SY_LOG(warn, 0, "dual write: not applied to PostgreSQL, recorded as divergence: ", d.schema, ".", d.table, " (",
         d.keys.empty() ? std::string("whole table") : std::to_string(d.keys.size()) + " key(s)", "): ", d.reason,
         records.size() > 1 ? " (+" + std::to_string(records.size() - 1) + " more record(s))" : std::string(),
         unlogged_divergences_ > 0 ? "; " + std::to_string(unlogged_divergences_) + " earlier record(s) not logged"
                                   : std::string());
  unlogged_divergences_ = 0;
}

void dual_write::submit(mirror_transaction t) {
  // Switched off meanwhile: phase 0 again, nothing is mirrored any more.
  if (!accepting_.load(std::memory_order_acquire)) return;
  bool wake = false;
  {
    std::lock_guard lock(inbox_mutex_);
    wake = inbox_.empty();
    inbox_.push_back(std::move(t));
  }
  if (wake) asio::post(context_, [this] { take_inbox(); });
}

// The oldest commit handed over and not yet out of the mirror (the inbox included).
std::optional<std::chrono::steady_clock::time_point> dual_write::oldest_pending() {
  std::optional<std::chrono::steady_clock::time_point> oldest = mirror_->oldest_pending();
  std::lock_guard lock(inbox_mutex_);
  for (const mirror_transaction& t : inbox_) note_pending(t, oldest);
  return oldest;
}

void dual_write::take_inbox() {
  std::vector<mirror_transaction> batch;
  {
    std::lock_guard lock(inbox_mutex_);
    batch.swap(inbox_);
  }
  const std::int64_t now = wall_clock_micros();
  for (mirror_transaction& t : batch) mirror_->submit(std::move(t), now);
}

// Gauges follow the mirror at most every 20 ms (the tick publishes what came after): computing
// the lag quantiles per transaction would cost the mirror's thread more than applying it.
void dual_write::publish_soon() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_publish_ < std::chrono::milliseconds(20)) return;
  last_publish_ = now;
  publish();
}

void dual_write::reconfigure(const config::mirror_settings& s) {
  synchronous_ = s.synchronous;
  synchronous_timeout_ms_ = s.synchronous_timeout.count();
  asio::post(context_, [this, settings = mirror_settings_of(s)] { mirror_->set_settings(settings); });
}

bool dual_write::mirrors(std::string_view database) const {
  if (databases_.empty())
    return database != "mysql" && database != "information_schema" && database != "performance_schema" &&
           database != "sys";
  return databases_.find(std::string(database)) != databases_.end();
}

bool dual_write::has_time_columns(std::string_view database, std::string_view table) const {
  const std::string key = table_key(database, table);
  std::lock_guard lock(shared_mutex_);
  // A table the mirror has not learnt yet (created a moment ago) may have such a column.
  return time_tables_.find(key) != time_tables_.end() || known_tables_.find(key) == known_tables_.end();
}

std::map<std::string, std::uint64_t> dual_write::divergences_by_table() const {
  std::lock_guard lock(shared_mutex_);
  return by_table_;
}

// On the mirror's thread: the catalog changes only there (mirrored DDL).
void dual_write::refresh_time_tables() {
  if (catalog_.version() == catalog_version_seen_) return;
  std::set<std::string, std::less<>> tables;
  std::set<std::string, std::less<>> known;
  for (const sql::table_info* t : catalog_.tables()) {
    known.insert(table_key(t->schema, t->name));
    for (const sql::column_info& c : t->columns)
      if (c.category == sql::type_category::datetime || c.category == sql::type_category::timestamp) {
        tables.insert(table_key(t->schema, t->name));
        break;
      }
  }
  std::lock_guard lock(shared_mutex_);
  time_tables_ = std::move(tables);
  known_tables_ = std::move(known);
  catalog_version_seen_ = catalog_.version();
}

void dual_write::publish() {
  refresh_time_tables();
  const mirror_counters& c = mirror_->counters();
  const auto set = [](std::atomic<std::int64_t>& m, std::uint64_t v) {
    m.store(static_cast<std::int64_t>(v), std::memory_order_relaxed);
  };
  set(stats_.mirror_transactions_submitted, c.submitted);
  set(stats_.mirror_transactions_applied, c.applied_transactions);
  set(stats_.mirror_statements_applied, c.applied_statements);
  set(stats_.mirror_transactions_diverged, c.diverged_transactions);
  set(stats_.mirror_group_commits, c.group_commits);
  set(stats_.mirror_late_commits, c.late_commits);
  set(stats_.mirror_queue_full, c.queue_full);
  set(stats_.mirror_failures_unsafe, c.failures[static_cast<std::size_t>(mirror_failure::unsafe)]);
  set(stats_.mirror_failures_untranslatable, c.failures[static_cast<std::size_t>(mirror_failure::untranslatable)]);
  set(stats_.mirror_failures_unavailable, c.failures[static_cast<std::size_t>(mirror_failure::unavailable)]);
  set(stats_.mirror_failures_rejected, c.failures[static_cast<std::size_t>(mirror_failure::rejected)]);
  set(stats_.mirror_queue_depth, mirror_->queue_depth());
  set(stats_.mirror_queue_peak, c.queue_peak);
  const lag_histogram& lag = mirror_->lag();
  set(stats_.mirror_lag_p50_us, static_cast<std::uint64_t>(lag.quantile_us(0.5)));
  set(stats_.mirror_lag_p99_us, static_cast<std::uint64_t>(lag.quantile_us(0.99)));
  set(stats_.mirror_lag_max_us, static_cast<std::uint64_t>(lag.max()));
  const divergence_log_counters& d = log_->counters();
  set(stats_.divergences_recorded, d.recorded);
  set(stats_.divergence_record_failures, d.record_failures);
  set(stats_.divergences_shipped, d.shipped);
  set(stats_.postgresql_up, pool_->health().state == backend::health_state::up ? 1 : 0);
  set(stats_.mirror_progress_published, progress_->published());
  set(stats_.mirror_progress_failures, progress_->failures());
}

}  // namespace switchyard::proxy
