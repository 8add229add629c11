#include "proxy/dual_write.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "migrate/mysql_catalog.hpp"
#include "proxy/time_zone.hpp"
#include "sql/ddl_catalog.hpp"

namespace switchyard::proxy {
namespace asio = boost::asio;

namespace {

std::int64_t wall_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

mirror_settings mirror_settings_of(const config::mirror_settings& s) {
  mirror_settings out;
  out.queue_capacity = s.queue_capacity;
  out.apply_timeout = s.apply_timeout;
  return out;
}

std::string table_key(std::string_view database, std::string_view table) {
  std::string key(database);
  key += '\0';
  key += table;
  return key;
}

}  // namespace

dual_write::dual_write(const config::settings& settings, metrics& stats) : settings_(settings), stats_(stats) {
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
  const std::vector<std::string>& names = databases_.empty() ? server_.databases : settings_.mirror.databases;
  for (const std::string& db : names) {
    const migrate::catalog_load_result loaded = migrate::load_mysql_catalog(endpoint, db, catalog_);
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
  mirror_->on_change = [this] { publish(); };
  mirror_->on_divergence = [this](const std::vector<divergence>& records) {
    std::lock_guard lock(shared_mutex_);
    for (const divergence& d : records) ++by_table_[d.schema + "." + d.table];
  };
  refresh_time_tables();

  asio::co_spawn(
      context_,
      [this]() -> asio::awaitable<void> {
        co_await mirror_->run();
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
          tick.expires_after(std::chrono::milliseconds(250));
          co_await tick.async_wait(asio::use_awaitable);
          publish();
        }
      },
      asio::detached);
  running_ = true;
  thread_ = std::thread([this] { context_.run(); });
  SY_LOG(info, 0, "dual write on: mirroring ", names.size(), " database(s) to PostgreSQL, queue of ",
         settings_.mirror.queue_capacity, settings_.mirror.synchronous ? ", synchronous" : "");
  return true;
}

void dual_write::stop(std::chrono::steady_clock::time_point deadline) {
  if (!running_) return;
  running_ = false;
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
  const auto by_table = divergences_by_table();
  for (const auto& [table, n] : by_table) SY_LOG(warn, 0, "dual write: ", n, " divergence(s) recorded for ", table);
}

void dual_write::submit(mirror_transaction t) {
  asio::post(context_, [this, t = std::move(t)]() mutable { mirror_->submit(std::move(t), wall_micros()); });
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
}

}  // namespace switchyard::proxy
