// One client session's side of the dual write: what each command ran, as MySQL answered it,
// turned into committed transactions for the mirror. The session calls before_command() when a
// command goes to MySQL and after_response() once MySQL's whole answer is in (before the client
// gets its last bytes, so the commit order handed to the mirror is the order MySQL's commits
// reached the proxy). Tracks the session state a statement's meaning depends on (database,
// time_zone, sql_mode, character set, prepared statements' texts and bound values) and marks as
// unsafe what the mirror could not reproduce (RAND(), UUID(), user variables, a time MySQL would
// not pin, settings it could not follow): those are recorded as divergences, never guessed.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "protocol/commands.hpp"
#include "protocol/response_tracker.hpp"
#include "proxy/dual_write.hpp"
#include "proxy/execute_params.hpp"
#include "proxy/transaction_tracker.hpp"
#include "sql/classifier.hpp"
#include "sql/session_settings.hpp"

namespace switchyard::proxy {

class session_mirror {
 public:
  // `database`: the one the client named at connect (may be empty).
  session_mirror(std::shared_ptr<dual_write> service, std::string database);

  [[nodiscard]] dual_write& service() const { return *service_; }

  // A command is about to go to MySQL. Returns the instant (microseconds since 1970) to pin
  // MySQL's timestamp to for it (`now_micros`, when the statement writes and NOW() or a
  // date-time column's default could be involved), else 0.
  // `known_text`: the statement's text as the session knows it (a prepared statement executed
  // by id may have been prepared before the dual write began).
  [[nodiscard]] std::int64_t before_command(protocol::command cmd, protocol::bytes_view payload,
                                            std::int64_t now_micros, std::string_view known_text = {});
  // MySQL refused the SET timestamp sent before the command.
  void pin_failed();
  // Whether the command about to go may commit mirrored writes (`in_transaction`: MySQL's flag
  // before it) and MySQL can say where the commit falls in its order (@@last_gtid).
  [[nodiscard]] bool wants_commit_seq(bool in_transaction) const;
  // The sequence number of the GTID of the session's last commit, read after the command. The
  // same number twice means the command's commit wrote nothing to the binary log (no row
  // changed, or sql_log_bin off): @@last_gtid still names the one before, so it says nothing.
  void set_commit_seq(std::uint64_t seq) {
    pending_.commit_seq = seq == last_commit_seq_ ? 0 : seq;
    if (seq != 0) last_commit_seq_ = seq;
  }
  // MySQL's whole answer to the command is in `tracker`. Hands what it committed to the mirror;
  // returns how many transactions. `on_done`, when set, is attached to the last of them.
  std::size_t after_response(const protocol::response_tracker& tracker, std::function<void(bool)> on_done = {});
  // The client left (or COM_CHANGE_USER / COM_RESET_CONNECTION): MySQL rolled back what was open.
  void on_disconnect();
  void on_reset_connection();
  void on_change_user();

  // Whether the session's open transaction began before the dual write was switched on.
  void began_mid_transaction() { mid_transaction_ = true; }

 private:
  struct pending_command {
    protocol::command cmd = protocol::command::sleep;
    sql::statement_facts facts;
    tracked_statement statement;
    std::string set_text;  // a SET statement's text, applied to the settings once MySQL accepted it
    bool relevant = false;  // the tracker needs to see it
    bool opaque = false;    // see track_opaque
    std::uint64_t commit_seq = 0;
  };
  void track_text(std::string_view text, std::int64_t now_micros);
  // A statement whose writes cannot be reproduced whatever MySQL answers (several statements in
  // one query, bulk execution): marked unsafe, and recorded at once if MySQL reports an error,
  // since part of it may have been committed.
  void track_opaque(std::string_view text, std::string reason);
  [[nodiscard]] prepared_statement* find_statement(std::uint32_t id);
  [[nodiscard]] std::string unsafe_reason(const sql::statement_facts& facts) const;
  [[nodiscard]] bool writes_mirrored_table(const sql::statement_facts& facts) const;
  [[nodiscard]] bool needs_time_pin(const sql::statement_facts& facts) const;

  std::shared_ptr<dual_write> service_;  // shared: it may be switched off during a command
  transaction_tracker tracker_;
  sql::session_settings defaults_;
  sql::session_settings settings_;
  sql::sql_mode mode_;
  std::string database_;
  std::string settings_unknown_;  // why the session state is no longer known (empty: known)
  std::uint64_t last_commit_seq_ = 0;  // the last @@last_gtid sequence MySQL reported
  bool mid_transaction_ = false;
  // The session set its own auto_increment_increment / offset: the step between the ids of a
  // multi-row insert is no longer the server's, which the mirror pins them with.
  bool insert_id_step_changed_ = false;
  // The client's own SET timestamp (microseconds; 0: none, MySQL's clock; -1: not a literal).
  // MySQL uses it for NOW() and CURRENT_TIMESTAMP defaults, so the proxy must not pin over it.
  std::int64_t client_timestamp_ = 0;
  std::unordered_map<std::uint32_t, prepared_statement> statements_;
  std::string preparing_;  // the text of the COM_STMT_PREPARE under way
  std::uint32_t last_prepared_ = 0;  // MariaDB executes id 0xFFFFFFFF as the statement prepared last
  pending_command pending_;
  std::vector<committed_transaction> committed_;
};

}  // namespace switchyard::proxy
