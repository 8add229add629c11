// Which writes a client session committed on MySQL, in commit order (pure: no I/O, no clock).
//
// The session feeds the tracker one outcome per statement, after MySQL's answer: the statement's
// kind (from the classifier), whether it succeeded, and the server status flags of the final
// OK / EOF / ERR (MySQL reports whether a transaction is open after every statement). From these
// the tracker decides, as MySQL did, what became durable:
//   - a write that succeeded joins the open transaction's list;
//   - when the status shows no open transaction after a statement, everything listed is
//     committed (COMMIT, an autocommit statement, an implicit commit by DDL, SET autocommit = 1,
//     BEGIN while a transaction was open) and handed out as one committed transaction;
//   - ROLLBACK discards the list; ROLLBACK TO SAVEPOINT discards what came after the savepoint;
//     an error that ends the transaction (a deadlock, a lock wait timeout with
//     innodb_rollback_on_timeout) discards it, and so does a disconnect;
//   - a rejected statement is never listed.
// DDL is its own transaction: it commits what was open before it, then commits itself.
// This is the phase-1 mirror's input (issue 4); what to do with each committed transaction (translate,
// queue, apply) is the mirror's business.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sql/classifier.hpp"

namespace switchyard::proxy {

struct tracked_statement {
  std::string text;                 // the MySQL statement (or prepared statement's text)
  std::vector<std::string> params;  // bound values of a prepared statement, as the mirror needs them
  std::uint64_t affected_rows = 0;
  std::uint64_t last_insert_id = 0;  // from MySQL's OK: the first generated id, 0 when none
};

struct committed_transaction {
  std::vector<tracked_statement> statements;  // in execution order
  bool ddl = false;                           // a single DDL statement
};

struct statement_outcome {
  sql::statement_kind kind = sql::statement_kind::other;
  bool writes = false;      // the classifier's `writes`
  bool succeeded = false;   // OK or a result set, not ERR
  bool in_transaction = false;  // SERVER_STATUS_IN_TRANS after the statement
  std::string savepoint;    // SAVEPOINT / ROLLBACK TO / RELEASE: the name, as written
};

class transaction_tracker {
 public:
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
};

}  // namespace switchyard::proxy
