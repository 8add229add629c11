#include "dual_write/dual_write_fixture.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <future>

#include "proxy/divergence_file.hpp"
#include "proxy/dual_write.hpp"

namespace switchyard::dual_write_test {

std::uint16_t pg_port() {
  const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
  return static_cast<std::uint16_t>(port && *port ? std::atoi(port) : 15432);
}

std::string pg_conninfo(std::uint16_t port) {
  return "host=127.0.0.1 port=" + std::to_string(port) + " dbname=app user=app password=app connect_timeout=2";
}

void dual_write_case::SetUp() {
  std::string name = "e2e_";
  name += ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  db_ = name.substr(0, 60);
  divergence_file_ = dir_.file("divergences.log");
  ASSERT_TRUE(pg_.ok()) << PQerrorMessage(pg_.conn);
  ASSERT_EQ(pg_.exec("DROP SCHEMA IF EXISTS " + db_ + " CASCADE"), "");
  (void)pg_.exec("DELETE FROM switchyard_divergences WHERE mysql_schema = '" + db_ + "'");  // may not exist yet
  direct_ = connect_direct({.database = ""});
  ASSERT_TRUE(direct_.connected) << last_error(direct_.get());
  exec(direct_.get(), "DROP DATABASE IF EXISTS " + db_);
  exec(direct_.get(), "CREATE DATABASE " + db_);
}

void dual_write_case::TearDown() {
  proxy_.reset();
  if (::testing::Test::HasFailure() && std::getenv("SWITCHYARD_TEST_KEEP")) return;  // for a look afterwards
  if (direct_.connected) (void)mysql_query(direct_.get(), ("DROP DATABASE IF EXISTS " + db_).c_str());
  (void)pg_.exec("DROP SCHEMA IF EXISTS " + db_ + " CASCADE");
  (void)pg_.exec("DELETE FROM switchyard_divergences WHERE mysql_schema = '" + db_ + "'");
}

config::settings dual_write_case::settings() const {
  config::settings s = base_settings();
  s.migration.phase = config::migration_phase::dual_write;
  s.postgresql.conninfo = pg_conninfo();
  s.postgresql.pool_size = 2;
  s.mirror.mysql_user = test_user;
  s.mirror.mysql_password = test_password;
  s.mirror.databases = {db_};
  s.mirror.divergence_file = divergence_file_;
  s.mirror.ship_interval = std::chrono::hours(1);
  return s;
}

void dual_write_case::start_proxy(const config::settings& s) { proxy_ = std::make_unique<proxy_instance>(s); }

connection dual_write_case::client(unsigned long flags) {
  connect_options o;
  o.database = db_;
  o.flags = flags;
  return connect_to(proxy_->port(), o);
}

void dual_write_case::create_through_proxy(MYSQL* c, const std::vector<std::string>& ddl) {
  exec(c, "CREATE DATABASE IF NOT EXISTS " + db_);
  for (const auto& statement : ddl) exec(c, statement);
  ASSERT_TRUE(mirror_caught_up());
  const auto records = divergences();
  for (const auto& d : records) ADD_FAILURE() << "DDL diverged: " << d.table << ": " << d.reason << " (" << d.digest << ")";
  ASSERT_TRUE(records.empty());
}

void dual_write_case::start_with_tables(const std::vector<std::string>& ddl) {
  start_proxy();
  client_ = client();
  ASSERT_TRUE(client_.connected) << last_error(client_.get());
  create_through_proxy(client_.get(), ddl);
}

bool dual_write_case::mirror_caught_up() {
  proxy::dual_write* dual = proxy_->runtime().dual.load();
  if (dual == nullptr) return false;
  auto& m = proxy_->stats();
  const auto submitted_before = proxy::metrics::get(m.mirror_transactions_submitted);
  // Twice: the mirror writes a round's divergence records after the round (the first barrier
  // may share it), before it takes the next one.
  for (int round = 0; round < 2; ++round) {
    auto done = std::make_shared<std::promise<void>>();
    auto ready = done->get_future();
    proxy::mirror_transaction barrier;
    barrier.on_done = [done](bool) { done->set_value(); };
    dual->submit(std::move(barrier));
    if (ready.wait_for(patience) != std::future_status::ready) return false;
  }
  // The metrics are published at most every 20 ms: wait for a publication that counts the
  // barriers (so everything handed over before them), then for every transaction to be settled.
  return wait_until([&] {
    const auto submitted = proxy::metrics::get(m.mirror_transactions_submitted);
    return submitted >= submitted_before + 2 &&
           proxy::metrics::get(m.mirror_transactions_applied) + proxy::metrics::get(m.mirror_transactions_diverged) ==
               submitted;
  });
}

std::vector<proxy::divergence> dual_write_case::divergences() {
  std::vector<proxy::divergence> out;
  auto add = [&](const proxy::divergence& d) {
    if (d.schema == db_ && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  };
  for (const std::string& path : {divergence_file_ + ".shipping", divergence_file_}) {
    if (!std::filesystem::exists(path)) continue;
    const auto contents = proxy::divergence_file::read_all(path);
    EXPECT_EQ(contents.error, "") << path;
    EXPECT_EQ(contents.torn_or_bad_lines, 0u) << path;
    for (const auto& d : contents.records) add(d);
  }
  for (const std::string& line :
       pg_.rows("SELECT record::text FROM switchyard_divergences WHERE mysql_schema = '" + db_ + "' ORDER BY recorded_at")) {
    if (line.rfind("ERROR:", 0) == 0) break;  // the table does not exist yet: nothing shipped
    proxy::divergence d;
    std::string error;
    EXPECT_TRUE(proxy::decode_divergence(line, d, error)) << error << ": " << line;
    add(d);
  }
  return out;
}

compare_result dual_write_case::compare() { return full_compare(direct_.get(), pg_.conn, db_, mysql_port()); }

void dual_write_case::pg_exec(const std::string& sql) { ASSERT_EQ(pg_.exec(sql), "") << sql; }

std::set<std::string> tables_of(const std::vector<proxy::divergence>& records) {
  std::set<std::string> out;
  for (const auto& d : records) out.insert(d.table);
  return out;
}

}  // namespace switchyard::dual_write_test
