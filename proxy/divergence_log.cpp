#include "proxy/divergence_log.hpp"

#include <cstdio>
#include <filesystem>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sql/digest.hpp"

namespace switchyard::proxy {
namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds ship_timeout{10};

// A record's id from its content: replaying a file twice inserts nothing twice.
std::string record_id(const divergence& d) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(sql::fnv1a_64(encode_divergence(d))));
  return buf;
}

}  // namespace

std::string divergence_table_ddl(std::string_view table) {
  return "CREATE TABLE IF NOT EXISTS " + std::string(table) +
         " (id text PRIMARY KEY, recorded_at timestamptz NOT NULL, mysql_schema text NOT NULL, "
         "mysql_table text NOT NULL, keys jsonb NOT NULL, digest text NOT NULL, fingerprint numeric(20) NOT NULL, "
         "reason text NOT NULL, record jsonb NOT NULL, repaired_at timestamptz)";
}

std::string divergence_insert_sql(std::string_view table) {
  return "INSERT INTO " + std::string(table) +
         " (id, recorded_at, mysql_schema, mysql_table, keys, digest, fingerprint, reason, record) "
         "VALUES ($1, to_timestamp($2::numeric / 1000000), $3, $4, ($5::jsonb)->'keys', $6, $7::numeric, $8, "
         "$5::jsonb) ON CONFLICT (id) DO NOTHING";
}

std::vector<std::string> divergence_insert_params(const divergence& d) {
  return {record_id(d), std::to_string(d.unix_micros), d.schema, d.table, encode_divergence(d), d.digest,
          std::to_string(d.fingerprint), d.reason};
}

divergence_log::divergence_log(asio::any_io_executor executor, backend::pg_pool& pool, std::string path,
                               std::string table)
    : pool_(pool), path_(std::move(path)), table_(std::move(table)), wake_(executor) {
  std::string error;
  file_ = std::make_unique<divergence_file>(path_, error);
  if (!file_->ok()) last_error_ = error;
}

void divergence_log::record(std::vector<divergence> records) {
  std::string error;
  if (file_->append(records, error)) {
    counters_.recorded += records.size();
  } else {
    counters_.record_failures += records.size();
    last_error_ = error;
  }
}

void divergence_log::stop() {
  stopping_ = true;
  wake_.cancel();
}

asio::awaitable<bool> divergence_log::ensure_table(backend::pg_connection& conn, backend::clock::time_point deadline) {
  if (table_ready_) co_return true;
  const backend::pg_result r = co_await conn.execute(
      divergence_table_ddl(table_),
      deadline);
  table_ready_ = r.error.ok();
  if (!table_ready_) last_error_ = r.error.describe();
  co_return table_ready_;
}

asio::awaitable<bool> divergence_log::ship_once() {
  const std::string shipping = path_ + ".shipping";
  // Rotate: what is recorded from now on goes to a fresh file. A .shipping file left by an earlier
  // failed round (or a crash) is shipped first, before anything newer.
  if (!std::filesystem::exists(shipping)) {
    std::error_code ec;
    if (!std::filesystem::exists(path_) || std::filesystem::file_size(path_, ec) == 0) co_return true;
    std::filesystem::rename(path_, shipping, ec);
    if (ec) {
      last_error_ = "cannot rotate divergence file: " + ec.message();
      co_return false;
    }
    std::string error;
    file_ = std::make_unique<divergence_file>(path_, error);
    if (!file_->ok()) last_error_ = error;
  }
  const divergence_file::contents c = divergence_file::read_all(shipping);
  if (!c.error.empty()) {
    last_error_ = c.error;
    co_return false;
  }
  const auto deadline = backend::clock::now() + ship_timeout;
  backend::acquired lease = co_await pool_.acquire(deadline);
  if (!lease.error.ok()) {
    ++counters_.ship_failures;
    last_error_ = lease.error.describe();
    co_return false;
  }
  if (!co_await ensure_table(*lease.connection, deadline)) {
    ++counters_.ship_failures;
    co_return false;
  }
  std::vector<backend::pg_statement> batch;
  backend::pg_statement begin;
  begin.sql = "BEGIN";
  batch.push_back(std::move(begin));
  for (const divergence& d : c.records) {
    backend::pg_statement insert;
    insert.sql = divergence_insert_sql(table_);
    for (auto& p : divergence_insert_params(d)) insert.params.emplace_back(std::move(p));
    batch.push_back(std::move(insert));
  }
  backend::pg_statement commit;
  commit.sql = "COMMIT";
  batch.push_back(std::move(commit));
  const backend::pg_batch_result r = co_await lease.connection->execute_pipeline(std::move(batch), deadline);
  if (!r.ok()) {
    ++counters_.ship_failures;
    last_error_ = r.error.describe();
    co_return false;
  }
  counters_.shipped += c.records.size();
  std::error_code ec;
  std::filesystem::remove(shipping, ec);  // after the commit: a crash before this replays, harmlessly
  co_return true;
}

asio::awaitable<void> divergence_log::run(std::chrono::milliseconds interval) {
  for (;;) {
    (void)co_await ship_once();
    if (stopping_) co_return;
    boost::system::error_code ec;
    wake_.expires_after(interval);
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace switchyard::proxy
