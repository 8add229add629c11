// Commit order from MariaDB's GTIDs (issue 4 item 1): a commit that wrote nothing to the binary
// log leaves the session's @@last_gtid naming its previous commit; that stale number must not
// make the commit look like one seen late (which would be recorded as a divergence).
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
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_late_commits), 0);
  EXPECT_EQ(pg_rows("SELECT id, v FROM " + db_ + ".t ORDER BY id"), (std::vector<std::string>{"1\tthird", "2\tsecond"}));
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_TRUE(divergences().empty());
}

}  // namespace
}  // namespace switchyard::dual_write_test
