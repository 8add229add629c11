// The divergence log: every divergence is first made durable in the local append-only file
// (record() returns only after fdatasync), then shipped to PostgreSQL's switchyard_divergences
// table by a background coroutine whenever PostgreSQL is reachable. Shipping rotates the file
// (rename to <file>.shipping, reopen) so that records written meanwhile are never lost, inserts
// the rotated records in one transaction, and deletes the rotated file only after the commit.
// Each record's id is derived from its content, and the insert ignores ids already there, so a
// crash between commit and delete replays the file without duplicates.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "backend/pg_pool.hpp"
#include "proxy/divergence_file.hpp"
#include "proxy/mirror.hpp"

namespace switchyard::proxy {

// The PostgreSQL divergence table's DDL and its insert ($1..$8 from divergence_insert_params; a
// record already there is ignored). Shared with the backfill, which records rows its re-check could
// not settle in the same table and format.
[[nodiscard]] std::string divergence_table_ddl(std::string_view table);
[[nodiscard]] std::string divergence_insert_sql(std::string_view table);
[[nodiscard]] std::vector<std::string> divergence_insert_params(const divergence& d);

struct divergence_log_counters {
  std::uint64_t recorded = 0;        // records made durable in the file
  std::uint64_t record_failures = 0; // records the file could not take (logged by the caller)
  std::uint64_t shipped = 0;         // records now in PostgreSQL
  std::uint64_t ship_failures = 0;   // shipping rounds that failed (PostgreSQL away, ...)
};

class divergence_log final : public divergence_sink {
 public:
  // `path`: the local file; `table`: the PostgreSQL table (schema-qualified if wanted).
  divergence_log(boost::asio::any_io_executor executor, backend::pg_pool& pool, std::string path,
                 std::string table = "switchyard_divergences");

  // Appends durably to the local file; never waits for PostgreSQL. It does block the calling
  // thread for one fdatasync: divergences are rare, and none may be lost to a crash.
  void record(std::vector<divergence> records) override;
  // Ships now and then until stop(); a last round runs when stopping.
  boost::asio::awaitable<void> run(std::chrono::milliseconds interval);
  // One shipping round (also used by tests): true when nothing is left to ship.
  boost::asio::awaitable<bool> ship_once();
  void stop();

  [[nodiscard]] const divergence_log_counters& counters() const noexcept { return counters_; }
  [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }

 private:
  boost::asio::awaitable<bool> ensure_table(backend::pg_connection& conn, backend::clock::time_point deadline);

  backend::pg_pool& pool_;
  std::string path_;
  std::string table_;
  std::unique_ptr<divergence_file> file_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
  bool table_ready_ = false;
  std::string last_error_;
  divergence_log_counters counters_;
};

}  // namespace switchyard::proxy
