#include "proxy/transaction_tracker.hpp"

#include "sql/ascii.hpp"

namespace switchyard::proxy {

void transaction_tracker::commit_pending(std::vector<committed_transaction>& out) {
  if (!pending_.empty()) {
    committed_transaction t;
    t.statements = std::move(pending_);
    out.push_back(std::move(t));
  }
  pending_.clear();
  savepoints_.clear();
}

void transaction_tracker::discard_from(std::size_t index) {
  if (index >= pending_.size()) return;
  rolled_back_ += pending_.size() - index;
  pending_.resize(index);
}

void transaction_tracker::on_disconnect() {
  discard_from(0);
  savepoints_.clear();
}

void transaction_tracker::on_statement(tracked_statement statement, const statement_outcome& o,
                                       std::vector<committed_transaction>& out) {
  using sql::statement_kind;
  if (o.kind == statement_kind::ddl) {
    // MySQL commits the open transaction before any DDL, whether the DDL then succeeds or not.
    commit_pending(out);
    if (o.succeeded) {
      committed_transaction t;
      t.ddl = true;
      t.statements.push_back(std::move(statement));
      out.push_back(std::move(t));
    }
    return;
  }
  if (!o.succeeded) {
    // An ERR carries no status flags: only its number says whether the transaction went.
    constexpr std::uint16_t deadlock = 1213, lock_wait_timeout = 1205;
    if (o.error_code == deadlock || (o.error_code == lock_wait_timeout && rollback_on_timeout_)) {
      discard_from(0);
      savepoints_.clear();
    }
    return;
  }
  bool commits = false;  // the statement commits what is pending (explicitly or implicitly)
  switch (o.kind) {
    case statement_kind::begin:
    case statement_kind::lock_tables:
      // Starting a transaction (or locking tables) commits the one that was open.
      commit_pending(out);
      return;
    case statement_kind::commit:
      // COMMIT AND CHAIN leaves a new transaction open: what was pending is committed all the same.
      commit_pending(out);
      return;
    case statement_kind::rollback:
      discard_from(0);
      savepoints_.clear();
      return;
    case statement_kind::rollback_to_savepoint:
      for (std::size_t i = savepoints_.size(); i-- > 0;) {
        if (!sql::ascii_iequals(savepoints_[i].name, o.savepoint)) continue;
        discard_from(savepoints_[i].pending_at);
        savepoints_.resize(i + 1);  // the savepoint itself stays, later ones go
        break;
      }
      break;
    case statement_kind::savepoint:
      // A savepoint of the same name replaces the earlier one.
      for (std::size_t i = 0; i < savepoints_.size(); ++i) {
        if (sql::ascii_iequals(savepoints_[i].name, o.savepoint)) {
          savepoints_.erase(savepoints_.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
      }
      savepoints_.push_back({o.savepoint, pending_.size()});
      break;
    case statement_kind::release_savepoint:
      for (std::size_t i = savepoints_.size(); i-- > 0;) {
        if (sql::ascii_iequals(savepoints_[i].name, o.savepoint)) {
          savepoints_.resize(i);  // the savepoint and the ones after it
          break;
        }
      }
      break;
    case statement_kind::set_autocommit:
    case statement_kind::unlock_tables:
    case statement_kind::other:
      commits = true;
      break;
    default:
      if (!o.writes) break;
      if (!o.in_transaction) {
        // Autocommitted on its own. Anything still listed belongs to a transaction that ended
        // unseen: it was rolled back.
        discard_from(0);
        savepoints_.clear();
        pending_.push_back(std::move(statement));
        commit_pending(out);
        return;
      }
      pending_.push_back(std::move(statement));
      break;
  }
  if (o.in_transaction) return;
  if (commits) {
    commit_pending(out);
  } else {
    discard_from(0);  // ended unseen: rolled back
    savepoints_.clear();
  }
}

}  // namespace switchyard::proxy
