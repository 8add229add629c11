// Commit order from MariaDB's GTIDs (issue 4 item 1): a commit that wrote nothing to the binary
// log leaves the session's @@last_gtid naming its previous commit; that stale number must not
// make the commit look like one seen late (which would be recorded as a divergence).
#include <algorithm>

#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

class commit_order_it : public dual_write_case {
 protected:
  void SetUp() override {
    dual_write_case::SetUp();
    if (HasFatalFailure()) return;
    start_with_tables({"CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(20) NOT NULL)"});
  }
  // Nothing was taken for a late commit, both sides are equal, nothing was recorded.
  void expect_in_order_and_equal() {
    EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_late_commits), 0);
    const compare_result r = compare();
    EXPECT_TRUE(r.equal()) << r.describe();
    EXPECT_TRUE(divergences().empty());
  }
};

TEST_F(commit_order_it, a_commit_that_changed_nothing_is_not_taken_for_a_late_one) {
  connection other = client();
  ASSERT_TRUE(other.connected);
  exec(client_.get(), "INSERT INTO t VALUES (1, 'first')");
  exec(other.get(), "INSERT INTO t VALUES (2, 'second')");  // a later GTID, released before what follows
  ASSERT_TRUE(mirror_caught_up());
  exec(client_.get(), "UPDATE t SET v = 'none' WHERE id = 999");  // no row: nothing binlogged
  exec(client_.get(), "BEGIN");
  exec(client_.get(), "DELETE FROM t WHERE id = 998");
  exec(client_.get(), "COMMIT");
  exec(client_.get(), "UPDATE t SET v = 'third' WHERE id = 1");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(pg_rows("SELECT id, v FROM " + db_ + ".t ORDER BY id"), (std::vector<std::string>{"1\tthird", "2\tsecond"}));
  expect_in_order_and_equal();
}

// The session's tracked system variables in the last OK, as the client sees them.
std::vector<std::string> tracked_variables(MYSQL* c) {
  std::vector<std::string> out;
  const char* data = nullptr;
  size_t length = 0;
  if (mysql_session_track_get_first(c, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0) {
    do out.emplace_back(data, length);
    while (mysql_session_track_get_next(c, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0);
  }
  return out;  // name, value, name, value...
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST_F(commit_order_it, commit_gtids_ride_on_mysqls_ok_packets_and_the_client_never_sees_them) {
  const auto& stats = proxy_->stats();
  const auto tracked_before = proxy::metrics::get(stats.mirror_commit_gtids_tracked);
  exec(client_.get(), "INSERT INTO t VALUES (1, 'autocommit')");
  EXPECT_FALSE(has(tracked_variables(client_.get()), "last_gtid"));
  exec(client_.get(), "BEGIN");
  exec(client_.get(), "INSERT INTO t VALUES (2, 'in a transaction')");
  exec(client_.get(), "COMMIT");
  EXPECT_FALSE(has(tracked_variables(client_.get()), "last_gtid"));
  // The client's own tracked variables still reach it, with last_gtid taken out of the same OK.
  exec(client_.get(), "SET autocommit = 0");
  const auto autocommit = tracked_variables(client_.get());
  EXPECT_TRUE(has(autocommit, "autocommit")) << testing::PrintToString(autocommit);
  exec(client_.get(), "INSERT INTO t VALUES (3, 'autocommit off')");
  exec(client_.get(), "COMMIT");
  EXPECT_FALSE(has(tracked_variables(client_.get()), "last_gtid"));
  exec(client_.get(), "SET autocommit = 1");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(proxy::metrics::get(stats.mirror_commit_gtids_tracked) - tracked_before, 3);
  EXPECT_EQ(proxy::metrics::get(stats.mirror_commit_gtids_queried), 0);
  EXPECT_EQ(proxy::metrics::get(stats.mirror_gtid_unstripped), 0);

  // A client that sets session tracking itself gets what it asked for; the proxy queries the GTID.
  exec(client_.get(), "SET session_track_system_variables = 'last_gtid'");
  exec(client_.get(), "INSERT INTO t VALUES (4, 'client tracks')");
  EXPECT_TRUE(has(tracked_variables(client_.get()), "last_gtid"));
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(proxy::metrics::get(stats.mirror_commit_gtids_queried), 1);
  expect_in_order_and_equal();
}

// Each statement of a multi-statement query commits on its own: every OK carries a GTID, and the
// client sees none of them.
TEST_F(commit_order_it, every_ok_of_a_multi_statement_loses_the_tracked_gtid) {
  connection c = client(CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(c.connected);
  exec(c.get(), "SELECT 1");  // the proxy's tracking is set up with a session's first command
  const auto tracked_before = proxy::metrics::get(proxy_->stats().mirror_commit_gtids_tracked);
  ASSERT_EQ(mysql_query(c.get(), "INSERT INTO t VALUES (20, 'a'); INSERT INTO t VALUES (21, 'b'); SELECT 2"), 0)
      << mysql_error(c.get());
  int results = 0;
  do {
    ++results;
    if (MYSQL_RES* r = mysql_store_result(c.get())) mysql_free_result(r);
    EXPECT_FALSE(has(tracked_variables(c.get()), "last_gtid")) << "result " << results;
  } while (mysql_next_result(c.get()) == 0);
  EXPECT_EQ(results, 3);
  EXPECT_EQ(scalar(c.get(), "SELECT COUNT(*) FROM t"), "2");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_commit_gtids_tracked) - tracked_before, 2);
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_gtid_unstripped), 0);
}

// Without session tracking the proxy queries each commit's GTID with a SELECT sent right behind
// the command; behind LOAD DATA LOCAL, MySQL would read that SELECT as the client's file (the
// session was lost). Nothing is sent behind it.
TEST_F(commit_order_it, load_data_local_keeps_its_session_when_gtids_are_queried) {
  connect_options o;
  o.database = db_;
  o.local_infile = true;
  connection c = connect_to(proxy_->port(), o);
  ASSERT_TRUE(c.connected);
  exec(c.get(), "SET session_track_system_variables = 'autocommit'");  // the client's own: GTIDs are queried
  const std::string file = dir_.file("rows.tsv");
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("10\tloaded\n11\tloaded\n", f);
    std::fclose(f);
  }
  exec(c.get(), "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE t");
  exec(c.get(), "INSERT INTO t VALUES (12, 'after')");
  EXPECT_EQ(scalar(c.get(), "SELECT COUNT(*) FROM t"), "3");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_GE(proxy::metrics::get(proxy_->stats().mirror_commit_gtids_queried), 1);
  EXPECT_EQ(pg_rows("SELECT v FROM " + db_ + ".t WHERE id = 12"), (std::vector<std::string>{"after"}));
  const auto records = divergences();  // LOAD DATA is not mirrored: recorded
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NE(records[0].reason.find("LOAD DATA"), std::string::npos) << records[0].reason;
}

}  // namespace
}  // namespace switchyard::dual_write_test
