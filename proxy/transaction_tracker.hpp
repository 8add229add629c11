// Which writes a client session committed on MySQL, in commit order (pure: no I/O, no clock).
//
// The session feeds the tracker one outcome per statement, after MySQL's answer: the statement's
// kind (from the classifier), whether it succeeded, the error number of an ERR, and the server
// status flags of the final OK / EOF (MySQL reports whether a transaction is open after every
// successful statement; an ERR carries no flags). From these the tracker decides, as MySQL did,
// what became durable:
//   - a write that succeeded joins the open transaction's list, or, when no transaction is open
//     after it, is committed on its own (autocommit);
//   - COMMIT, and the statements that commit implicitly (DDL, BEGIN / START TRANSACTION, LOCK and
//     UNLOCK TABLES, SET autocommit = 1, the administrative `other` statements) commit the list;
//   - ROLLBACK discards the list; ROLLBACK TO SAVEPOINT discards what came after the savepoint;
//     a deadlock (1213), and a lock wait timeout (1205) when innodb_rollback_on_timeout is on,
//     discard it, and so does a disconnect;
//   - a successful statement that does not commit but shows no open transaction means the
//     transaction ended unseen (rolled back by an error the tracker could not classify): the list
//     is discarded, never committed on a guess;
//   - a rejected statement is never listed.
// Checked against MariaDB's real flags in tests/integration/transaction_flags_test.cpp.
// DDL is its own transaction: it commits what was open before it, then commits itself.
// This is the phase-1 mirror's input (issue 4); what to do with each committed transaction (translate,
// queue, apply) is the mirror's business.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/classifier.hpp"

namespace switchyard::proxy {

struct tracked_statement {
  std::string text;                 // the MySQL statement (or prepared statement's text)
  // Bound values of a prepared statement as PostgreSQL text parameters (nullopt: NULL).
  std::vector<std::optional<std::string>> params;
  std::uint64_t affected_rows = 0;
  std::uint64_t last_insert_id = 0;  // from MySQL's OK: the first generated id, 0 when none
  // What the mirror needs to reproduce it (set by the session, not used by the tracker):
  std::string database;              // the session's database when it ran; empty: the transaction's
  std::string time_zone;             // the session's MySQL time_zone ("SYSTEM", "+02:00", a name); empty: UTC
  std::string pinned_now;            // NOW() as session-local text; empty: derived from pinned_unix_micros
  std::int64_t pinned_unix_micros = 0;  // the instant MySQL's timestamp was pinned to; 0: not pinned
  std::string unsafe;                // non-empty: why it cannot be reproduced (recorded, not applied)
};

struct committed_transaction {
  std::vector<tracked_statement> statements;  // in execution order
  bool ddl = false;                           // a single DDL statement
};

struct statement_outcome {
  sql::statement_kind kind = sql::statement_kind::other;
  bool writes = false;      // the classifier's `writes`
  bool succeeded = false;   // OK or a result set, not ERR
  std::uint16_t error_code = 0;  // the ERR's error number when !succeeded
  bool in_transaction = false;  // SERVER_STATUS_IN_TRANS after a successful statement
  std::string savepoint;    // SAVEPOINT / ROLLBACK TO / RELEASE: the name, as written
};

class transaction_tracker {
 public:
  // `rollback_on_timeout`: MySQL's innodb_rollback_on_timeout (a lock wait timeout then rolls the
  // whole transaction back, not only the statement).
  explicit transaction_tracker(bool rollback_on_timeout = false) noexcept : rollback_on_timeout_(rollback_on_timeout) {}

  // Records one statement's outcome; committed transactions are appended to `out`.
  void on_statement(tracked_statement statement, const statement_outcome& outcome,
                    std::vector<committed_transaction>& out);
  // The client went away: an open transaction is rolled back by MySQL.
  void on_disconnect();

  [[nodiscard]] std::size_t pending_statements() const noexcept { return pending_.size(); }
  [[nodiscard]] std::uint64_t rolled_back_statements() const noexcept { return rolled_back_; }

 private:
  void commit_pending(std::vector<committed_transaction>& out);
  void discard_from(std::size_t index);

  struct savepoint_mark {
    std::string name;  // compared without ASCII case, as MySQL does
    std::size_t pending_at = 0;
  };
  std::vector<tracked_statement> pending_;
  std::vector<savepoint_mark> savepoints_;
  std::uint64_t rolled_back_ = 0;
  bool rollback_on_timeout_ = false;
};

}  // namespace switchyard::proxy
