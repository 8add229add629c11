#include "backfill/backfill_fixture.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "sql/ddl_translate.hpp"
#include "sql/lexer.hpp"

extern char** environ;

namespace switchyard::backfill_test {

using namespace integration;

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

void backfill_case::SetUp() {
  dual_write_case::SetUp();
  if (HasFatalFailure()) return;
  (void)pg_.exec("DELETE FROM switchyard.backfill_plans WHERE mysql_schema = '" + db_ + "'");  // may not exist yet
}

void backfill_case::TearDown() {
  if (!(::testing::Test::HasFailure() && std::getenv("SWITCHYARD_TEST_KEEP")))
    (void)pg_.exec("DELETE FROM switchyard.backfill_plans WHERE mysql_schema = '" + db_ + "'");
  dual_write_case::TearDown();
}

void backfill_case::load_mysql(const std::string& sql) {
  MYSQL* m = direct_.get();
  exec(m, "SET time_zone = '+00:00'");
  exec(m, "USE " + db_);
  std::vector<std::string_view> statements;
  sql::split_statements(sql, {}, statements);
  for (const auto s : statements) exec(m, s);
}

void backfill_case::create_pg_tables(const sql::type_mapping_options& types) {
  pg_exec("CREATE SCHEMA IF NOT EXISTS " + db_);
  for (const auto& t : query_rows(direct_.get(), "SHOW FULL TABLES FROM " + db_ + " WHERE Table_type = 'BASE TABLE'")) {
    const auto create = query_rows(direct_.get(), "SHOW CREATE TABLE " + db_ + ".`" + *t[0] + "`");
    ASSERT_EQ(create.size(), 1u);
    sql::translate_options o;
    o.current_database = db_;
    o.types = &types;
    const auto r = sql::translate_ddl(*create[0][1], o, types);
    ASSERT_TRUE(r.ok) << *t[0] << ": " << r.reason.construct << " in " << *create[0][1];
    pg_exec("SET search_path TO " + db_ + "; " + r.output.text + "; RESET search_path");  // names come unqualified
  }
}

std::vector<std::string> backfill_case::connection_args() const {
  return {"--mysql.address=127.0.0.1:" + std::to_string(mysql_port()),
          std::string("--migrate.mysql_user=") + test_user,
          std::string("--migrate.mysql_password=") + test_password,
          "--postgresql.conninfo=" + dual_write_test::pg_conninfo(),
          "--database",
          db_};
}

pid_t backfill_case::spawn_backfill(const std::vector<std::string>& args, const std::string& tag, const std::string& command) {
  std::vector<std::string> all{SWITCHYARD_BINARY, command};
  for (const auto& a : connection_args()) all.push_back(a);
  for (const auto& a : args) all.push_back(a);
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, dir_.file(tag + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, dir_.file(tag + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0) << "cannot start " << argv[0];
  return pid;
}

run_output backfill_case::wait_backfill(pid_t pid, const std::string& tag) {
  run_output r;
  int status = 0;
  // At most 120 s: a hang is a failure, not a stuck test run.
  for (int waited = 0;; waited += 10) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (waited >= 120'000) {
      kill(pid, SIGKILL);
      (void)waitpid(pid, &status, 0);
      ADD_FAILURE() << "switchyard backfill did not finish within 120 s";
      break;
    }
    usleep(10'000);
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(dir_.file(tag + ".out"));
  r.err = read_file(dir_.file(tag + ".err"));
  return r;
}

run_output backfill_case::backfill(const std::vector<std::string>& args) {
  static int runs = 0;
  const std::string tag = "run" + std::to_string(++runs);
  return wait_backfill(spawn_backfill(args, tag), tag);
}

run_output backfill_case::schema(const std::vector<std::string>& args) {
  static int runs = 0;
  const std::string tag = "schema" + std::to_string(++runs);
  return wait_backfill(spawn_backfill(args, tag, "schema"), tag);
}

std::string backfill_case::pg_value(const std::string& sql) {
  const auto rows = pg_rows(sql);
  if (rows.empty()) return {};
  const auto tab = rows[0].find('\t');
  return rows[0].substr(0, tab);
}

void backfill_case::make_big_table(const std::string& table, unsigned rows) {
  load_mysql("CREATE TABLE " + table +
             " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT NULL, price DECIMAL(12,2) "
             "NULL, flag TINYINT(1) NOT NULL DEFAULT 0, note TEXT NULL, created DATETIME(3) NULL, payload VARBINARY(16) NULL)");
  load_mysql("INSERT INTO " + table +
             " (id, name, qty, price, flag, note, created, payload) SELECT seq, CONCAT('name ', seq), seq % 1000, seq / 7, seq % "
             "2, IF(seq % 10 = 0, NULL, CONCAT('note\\t', seq, ' é😀')), '2024-01-01 00:00:00' + INTERVAL seq SECOND, "
             "UNHEX(LPAD(HEX(seq), 8, '0')) FROM seq_1_to_" + std::to_string(rows));
}

std::string summary_field(const std::string& out, const std::string& field) {
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object() || !v.as_object().contains("summary")) continue;
    const auto& s = v.at("summary").as_object();
    if (const auto* f = s.if_contains(field)) return boost::json::serialize(*f);
  }
  return {};
}

}  // namespace switchyard::backfill_test
