// What the tracker hands to the mirror for each sequence of MySQL outcomes.
#include "proxy/transaction_tracker.hpp"

#include <gtest/gtest.h>

namespace switchyard::proxy {
namespace {

using sql::statement_kind;

struct session {
  transaction_tracker tracker;
  std::vector<committed_transaction> committed;

  // One statement: its kind, whether it writes, MySQL's verdict and the transaction flag after it.
  void run(std::string text, statement_kind kind, bool writes, bool ok, bool in_trans, std::string savepoint = {},
           std::uint16_t error = 1062) {
    statement_outcome o;
    o.kind = kind;
    o.writes = writes;
    o.succeeded = ok;
    o.error_code = ok ? 0 : error;
    o.in_transaction = in_trans;
    o.savepoint = std::move(savepoint);
    tracked_statement st;
    st.text = std::move(text);
    tracker.on_statement(std::move(st), o, committed);
  }
  std::vector<std::vector<std::string>> texts() const {
    std::vector<std::vector<std::string>> out;
    for (const auto& t : committed) {
      out.emplace_back();
      for (const auto& s : t.statements) out.back().push_back(s.text);
    }
    return out;
  }
};

using texts = std::vector<std::vector<std::string>>;

TEST(transaction_tracker, autocommit_writes_commit_one_by_one) {
  session s;
  s.run("INSERT a", statement_kind::insert, true, true, false);
  s.run("SELECT", statement_kind::select, false, true, false);
  s.run("UPDATE b", statement_kind::update, true, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a"}, {"UPDATE b"}}));
}

TEST(transaction_tracker, rejected_statements_are_never_listed) {
  session s;
  s.run("INSERT dup", statement_kind::insert, true, false, false);
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT ok", statement_kind::insert, true, true, true);
  s.run("INSERT dup", statement_kind::insert, true, false, true);  // statement rollback only
  s.run("COMMIT", statement_kind::commit, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT ok"}}));
}

TEST(transaction_tracker, a_transaction_commits_as_one) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("UPDATE b", statement_kind::update, true, true, true);
  EXPECT_TRUE(s.committed.empty());
  EXPECT_EQ(s.tracker.pending_statements(), 2u);
  s.run("COMMIT", statement_kind::commit, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a", "UPDATE b"}}));
  EXPECT_EQ(s.tracker.pending_statements(), 0u);
}

TEST(transaction_tracker, rollback_discards_everything) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("ROLLBACK", statement_kind::rollback, false, true, false);
  EXPECT_TRUE(s.committed.empty());
  EXPECT_EQ(s.tracker.rolled_back_statements(), 1u);
}

TEST(transaction_tracker, rollback_to_savepoint_discards_what_came_after_it) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("SAVEPOINT s1", statement_kind::savepoint, false, true, true, "s1");
  s.run("INSERT b", statement_kind::insert, true, true, true);
  s.run("SAVEPOINT s2", statement_kind::savepoint, false, true, true, "s2");
  s.run("INSERT c", statement_kind::insert, true, true, true);
  s.run("ROLLBACK TO S1", statement_kind::rollback_to_savepoint, false, true, true, "S1");  // names ignore case
  s.run("INSERT d", statement_kind::insert, true, true, true);
  // s2 is gone with the rollback: rolling back to it fails and changes nothing.
  s.run("ROLLBACK TO s2", statement_kind::rollback_to_savepoint, false, false, true, "s2");
  s.run("COMMIT", statement_kind::commit, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a", "INSERT d"}}));
  EXPECT_EQ(s.tracker.rolled_back_statements(), 2u);
}

TEST(transaction_tracker, savepoint_of_the_same_name_moves_and_release_forgets) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("SAVEPOINT p", statement_kind::savepoint, false, true, true, "p");
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("SAVEPOINT p", statement_kind::savepoint, false, true, true, "p");
  s.run("INSERT b", statement_kind::insert, true, true, true);
  s.run("ROLLBACK TO p", statement_kind::rollback_to_savepoint, false, true, true, "p");
  s.run("SAVEPOINT q", statement_kind::savepoint, false, true, true, "q");
  s.run("INSERT c", statement_kind::insert, true, true, true);
  s.run("RELEASE SAVEPOINT q", statement_kind::release_savepoint, false, true, true, "q");
  s.run("ROLLBACK TO q", statement_kind::rollback_to_savepoint, false, false, true, "q");  // released: an error
  s.run("COMMIT", statement_kind::commit, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a", "INSERT c"}}));
}

TEST(transaction_tracker, a_deadlock_rolls_the_transaction_back) {
  // 1213 rolls the whole transaction back (an ERR has no status flags to say so).
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("UPDATE a", statement_kind::update, true, true, true);
  s.run("UPDATE b", statement_kind::update, true, false, true, {}, 1213);
  s.run("INSERT c", statement_kind::insert, true, true, false);  // autocommit again
  EXPECT_EQ(s.texts(), (texts{{"INSERT c"}}));
  EXPECT_EQ(s.tracker.rolled_back_statements(), 1u);
}

TEST(transaction_tracker, a_lock_wait_timeout_rolls_back_only_when_the_server_says_so) {
  for (const bool rollback_on_timeout : {false, true}) {
    session s;
    s.tracker = transaction_tracker(rollback_on_timeout);
    s.run("BEGIN", statement_kind::begin, false, true, true);
    s.run("UPDATE a", statement_kind::update, true, true, true);
    s.run("UPDATE b", statement_kind::update, true, false, true, {}, 1205);
    s.run("COMMIT", statement_kind::commit, false, true, false);
    EXPECT_EQ(s.texts(), rollback_on_timeout ? texts{} : texts{{"UPDATE a"}}) << rollback_on_timeout;
  }
}

TEST(transaction_tracker, a_transaction_that_ended_unseen_is_never_committed_on_a_guess) {
  // An error the tracker cannot classify ended the transaction; the next successful statement
  // shows no open transaction without committing anything itself.
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("UPDATE a", statement_kind::update, true, true, true);
  s.run("UPDATE b", statement_kind::update, true, false, true, {}, 1180);
  s.run("SELECT 1", statement_kind::select, false, true, false);
  s.run("COMMIT", statement_kind::commit, false, true, false);
  EXPECT_TRUE(s.committed.empty());
  EXPECT_EQ(s.tracker.rolled_back_statements(), 1u);
}

TEST(transaction_tracker, ddl_commits_the_open_transaction_first_even_when_it_fails) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("CREATE TABLE x", statement_kind::ddl, true, true, false);
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT b", statement_kind::insert, true, true, true);
  s.run("CREATE TABLE x", statement_kind::ddl, true, false, false);  // fails: exists
  ASSERT_EQ(s.texts(), (texts{{"INSERT a"}, {"CREATE TABLE x"}, {"INSERT b"}}));
  EXPECT_FALSE(s.committed[0].ddl);
  EXPECT_TRUE(s.committed[1].ddl);
}

TEST(transaction_tracker, implicit_commits_by_begin_lock_and_autocommit) {
  session s;
  s.run("SET autocommit = 0", statement_kind::set_autocommit, false, true, false);
  s.run("INSERT a", statement_kind::insert, true, true, true);  // opens a transaction
  s.run("BEGIN", statement_kind::begin, false, true, true);     // commits it, opens another
  s.run("INSERT b", statement_kind::insert, true, true, true);
  s.run("LOCK TABLES t WRITE", statement_kind::lock_tables, false, true, false);
  s.run("INSERT c", statement_kind::insert, true, true, true);
  s.run("SET autocommit = 1", statement_kind::set_autocommit, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a"}, {"INSERT b"}, {"INSERT c"}}));
}

TEST(transaction_tracker, commit_and_chain_commits_while_a_new_transaction_opens) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.run("COMMIT AND CHAIN", statement_kind::commit, false, true, true);
  s.run("INSERT b", statement_kind::insert, true, true, true);
  s.run("ROLLBACK", statement_kind::rollback, false, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT a"}}));
}

TEST(transaction_tracker, a_disconnect_rolls_back) {
  session s;
  s.run("BEGIN", statement_kind::begin, false, true, true);
  s.run("INSERT a", statement_kind::insert, true, true, true);
  s.tracker.on_disconnect();
  s.run("INSERT b", statement_kind::insert, true, true, false);
  EXPECT_EQ(s.texts(), (texts{{"INSERT b"}}));
  EXPECT_EQ(s.tracker.rolled_back_statements(), 1u);
}

}  // namespace
}  // namespace switchyard::proxy
