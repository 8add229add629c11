#include "proxy/session_mirror.hpp"

#include <cstdlib>
#include <optional>

#include "protocol/constants.hpp"
#include "protocol/prepared.hpp"
#include "sql/ascii.hpp"
#include "sql/lexer.hpp"

namespace switchyard::proxy {
namespace pr = protocol;
using sql::statement_kind;
using sql::volatile_use;

namespace {

std::string_view text_of(pr::bytes_view payload) { return pr::as_chars(payload.subspan(1)); }

bool is_insert_or_update(statement_kind k) {
  switch (k) {
    case statement_kind::insert: case statement_kind::insert_select: case statement_kind::insert_ignore:
    case statement_kind::insert_on_duplicate_key_update: case statement_kind::replace:
    case statement_kind::update: case statement_kind::multi_table_update:
      return true;
    default:
      return false;
  }
}

// Statements whose outcome the transaction tracker must see: all but plain reads and the
// commands that touch no transaction (a read still shows whether a transaction is open, but only
// writes and transaction control change what gets committed; see transaction_tracker.hpp).
bool matters_to_tracker(const sql::statement_facts& f) {
  switch (f.kind) {
    case statement_kind::select: case statement_kind::show: case statement_kind::select_for_share:
    case statement_kind::select_for_update:
      return f.writes;
    default:
      return true;
  }
}

// A LIMIT with no ORDER BY before it, outside parentheses, in an UPDATE, DELETE or INSERT ...
// SELECT: MySQL changes whichever rows it meets first, PostgreSQL may pick others (MySQL's
// statement-based replication calls it unsafe too). Recorded, never applied as if it were safe.
bool limit_without_order(const sql::statement_facts& f, std::string_view text, sql::sql_mode mode) {
  if (f.kind != statement_kind::update && f.kind != statement_kind::delete_ && !f.has_select) return false;
  sql::lexer lex(text, mode);
  int depth = 0;
  bool ordered = false;
  for (sql::token t = lex.next(); t.kind != sql::token_kind::end && t.kind != sql::token_kind::error; t = lex.next()) {
    if (sql::op_is(t, text, "(")) {
      ++depth;
    } else if (sql::op_is(t, text, ")")) {
      --depth;
    } else if (depth == 0 && sql::word_is(t, text, "ORDER")) {
      ordered = true;
    } else if (depth == 0 && sql::word_is(t, text, "LIMIT")) {
      return !ordered;
    }
  }
  return false;
}

// The rows of an INSERT ... VALUES (...), (...) (the parenthesised lists after VALUES at the top
// level); 1 for INSERT ... SET.
std::uint64_t values_rows(std::string_view text, sql::sql_mode mode) {
  sql::lexer lex(text, mode);
  int depth = 0;
  bool values = false;
  std::uint64_t rows = 0;
  for (sql::token t = lex.next(); t.kind != sql::token_kind::end && t.kind != sql::token_kind::error; t = lex.next()) {
    if (sql::op_is(t, text, "(")) {
      if (depth++ == 0 && values) ++rows;
    } else if (sql::op_is(t, text, ")")) {
      --depth;
    } else if (depth == 0 && (sql::word_is(t, text, "VALUES") || sql::word_is(t, text, "VALUE"))) {
      values = true;
    } else if (depth == 0 && values && (sql::word_is(t, text, "ON") || sql::word_is(t, text, "AS"))) {
      break;
    }
  }
  return values ? rows : 1;
}

// What a SET statement assigns to the session's `timestamp` (SET [SESSION | LOCAL] timestamp,
// @@timestamp, @@session.timestamp, @@local.timestamp): nothing (not assigned), 0 (DEFAULT or 0:
// MySQL's clock again), -1 (a value that is not a number literal), else the instant in
// microseconds since 1970.
std::optional<std::int64_t> assigned_timestamp(std::string_view text, sql::sql_mode mode) {
  sql::lexer lex(text, mode);
  sql::token previous{};
  for (sql::token t = lex.next(); t.kind != sql::token_kind::end && t.kind != sql::token_kind::error; t = lex.next()) {
    const std::string name = sql::ascii_lowered(sql::token_text(t, text));
    const bool variable = (t.kind == sql::token_kind::word && name == "timestamp") ||
                          (t.kind == sql::token_kind::system_variable &&
                           (name == "@@timestamp" || name == "@@session.timestamp" || name == "@@local.timestamp"));
    const bool at_assignment = sql::word_is(previous, text, "SET") || sql::word_is(previous, text, "SESSION") ||
                               sql::word_is(previous, text, "LOCAL") || sql::op_is(previous, text, ",");
    previous = t;
    if (!variable || !at_assignment) continue;
    const sql::token op = lex.next();
    if (!sql::op_is(op, text, "=") && !sql::op_is(op, text, ":=")) return std::nullopt;
    const sql::token value = lex.next();
    const sql::token after = lex.next();
    const bool alone = after.kind == sql::token_kind::end || after.kind == sql::token_kind::semicolon ||
                       sql::op_is(after, text, ",");
    if (sql::word_is(value, text, "DEFAULT") && alone) return 0;
    if (value.kind != sql::token_kind::number || !alone) return -1;
    const double seconds = std::strtod(std::string(sql::token_text(value, text)).c_str(), nullptr);
    return static_cast<std::int64_t>(seconds * 1e6 + 0.5);
  }
  return std::nullopt;
}

// CREATE / DROP DATABASE (or SCHEMA) [IF [NOT] EXISTS] name: the DDL without tables that the
// mirror reproduces (GRANT, CREATE USER and the like are not data). Returns the database's name
// (without quotes), or nothing.
std::optional<std::string_view> database_ddl_name(std::string_view text, sql::sql_mode mode) {
  sql::lexer lex(text, mode);
  const auto word = [&](const sql::token& t, std::string_view w) {
    return t.kind == sql::token_kind::word && sql::ascii_iequals(sql::token_text(t, text), w);
  };
  const sql::token verb = lex.next();
  if (!word(verb, "create") && !word(verb, "drop")) return std::nullopt;
  const sql::token what = lex.next();
  if (!word(what, "database") && !word(what, "schema")) return std::nullopt;
  sql::token t = lex.next();
  if (word(t, "if")) {
    t = lex.next();
    if (word(t, "not")) t = lex.next();
    t = lex.next();  // past EXISTS
  }
  if (t.kind == sql::token_kind::word) return sql::token_text(t, text);
  if (t.kind == sql::token_kind::quoted_identifier && t.length >= 2) return text.substr(t.offset + 1, t.length - 2);
  return std::nullopt;
}

}  // namespace

session_mirror::session_mirror(std::shared_ptr<dual_write> service, std::string database)
    : service_(std::move(service)), tracker_(service_->server().rollback_on_timeout), database_(std::move(database)) {
  defaults_.time_zone = service_->server().time_zone;
  defaults_.sql_mode = service_->server().sql_mode;
  settings_ = defaults_;
  mode_ = sql::lexer_mode_of(settings_.sql_mode);
}

bool session_mirror::writes_mirrored_table(const sql::statement_facts& facts) const {
  for (const sql::table_ref& t : facts.table_list()) {
    if (!t.written) continue;
    const std::string_view db = t.schema.empty() ? std::string_view(database_) : t.schema;
    if (service_->mirrors(db)) return true;
  }
  return facts.tables_overflow;
}

bool session_mirror::needs_time_pin(const sql::statement_facts& facts) const {
  if (facts.kind == statement_kind::load_data) return false;  // the client's file follows the command
  if (any(facts.uses & volatile_use::now)) return true;
  if (!is_insert_or_update(facts.kind)) return false;
  for (const sql::table_ref& t : facts.table_list())
    if (t.written && service_->has_time_columns(t.schema.empty() ? std::string_view(database_) : t.schema, t.table))
      return true;
  return false;
}

std::string session_mirror::unsafe_reason(const sql::statement_facts& facts) const {
  if (!settings_unknown_.empty()) return "session state unknown: " + settings_unknown_;
  if (any(facts.uses & volatile_use::rand)) return "RAND() differs on PostgreSQL";
  if (any(facts.uses & volatile_use::uuid)) return "UUID() differs on PostgreSQL";
  if (any(facts.uses & volatile_use::sysdate)) return "SYSDATE() cannot be pinned";
  if (any(facts.uses & volatile_use::user_variable)) return "user variable";
  constexpr auto other_session_uses = static_cast<volatile_use>(static_cast<std::uint32_t>(sql::session_dependent_uses) &
                                                                 ~static_cast<std::uint32_t>(volatile_use::user_variable));
  if (any(facts.uses & other_session_uses))
    return "session-dependent function or variable";
  if (facts.kind == statement_kind::load_data) return "LOAD DATA is not mirrored";
  const auto encoding = sql::pg_encoding_of(settings_.character_set);
  if (!encoding || *encoding != "UTF8") return "client character set " + settings_.character_set + " is not mirrored";
  return {};
}

prepared_statement* session_mirror::find_statement(std::uint32_t id) {
  const auto it = statements_.find(id == 0xFFFFFFFFu ? last_prepared_ : id);
  return it == statements_.end() ? nullptr : &it->second;
}

void session_mirror::track_opaque(std::string_view text, std::string reason) {
  pending_.relevant = true;
  pending_.opaque = true;
  pending_.facts.kind = statement_kind::update;  // a write, committed by itself or with the open transaction
  tracked_statement& s = pending_.statement;
  s.text.assign(text);
  s.database = database_;
  s.time_zone = settings_.time_zone;
  s.unsafe = std::move(reason);
}

void session_mirror::track_text(std::string_view text, std::int64_t now_micros) {
  pending_.facts = sql::classify(text, mode_);
  const sql::statement_facts& f = pending_.facts;
  if (f.next_statement != sql::no_position) {
    // Several statements: each is classified; if any writes a mirrored table, the whole is opaque.
    std::size_t at = 0;
    while (at < text.size()) {
      const sql::statement_facts part = sql::classify(text.substr(at), mode_);
      if (part.writes && writes_mirrored_table(part)) {
        track_opaque(text, "several statements in one query");
        return;
      }
      if (part.next_statement == sql::no_position) break;
      at += part.next_statement;
    }
  }
  if (f.kind != statement_kind::set_session_variable && any(f.uses & volatile_use::user_variable))
    settings_.user_variables.clear();  // SELECT @x := ..., ... INTO @x: a kept user variable may have changed
  pending_.relevant = matters_to_tracker(f);
  if (!pending_.relevant) return;
  bool mirrored = f.writes && writes_mirrored_table(f);
  if (!mirrored && f.kind == statement_kind::ddl && f.table_count == 0) {
    const auto db = database_ddl_name(text, mode_);
    mirrored = db.has_value() && service_->mirrors(*db);
  }
  if (mirrored) {
    tracked_statement& s = pending_.statement;
    s.text.assign(text);
    s.database = database_;
    s.time_zone = settings_.time_zone;
    s.unsafe = unsafe_reason(f);
    if (s.unsafe.empty() && limit_without_order(f, text, mode_)) s.unsafe = "LIMIT without ORDER BY: PostgreSQL may pick other rows";
    if (needs_time_pin(f)) {
      if (client_timestamp_ < 0 && s.unsafe.empty())
        s.unsafe = "the session set its own timestamp to a value the mirror cannot read";
      // The client's own SET timestamp stands: MySQL uses it, so does the mirror (nothing to pin).
      s.pinned_unix_micros = client_timestamp_ > 0 ? client_timestamp_ : now_micros;
    }
  }
  if (f.kind == statement_kind::set_session_variable || f.kind == statement_kind::set_names) {
    pending_.set_text.assign(text);
  }
}

std::int64_t session_mirror::before_command(pr::command cmd, pr::bytes_view payload, std::int64_t now_micros,
                                            std::string_view known_text) {
  pending_ = {};
  pending_.cmd = cmd;
  switch (cmd) {
    case pr::command::query:
      track_text(text_of(payload), now_micros);
      break;
    case pr::command::stmt_prepare:
      preparing_.assign(text_of(payload));
      break;
    case pr::command::stmt_execute: {
      prepared_statement* st = find_statement(pr::statement_id_of(payload));
      if (st == nullptr) {
        // Prepared before the dual write began: its parameters' types are unknown here.
        if (!known_text.empty()) {
          track_text(known_text, now_micros);
          if (!pending_.statement.text.empty() && pending_.statement.unsafe.empty())
            pending_.statement.unsafe = "prepared statement prepared before the dual write was switched on";
        }
        break;
      }
      track_text(st->text, now_micros);
      if (pending_.opaque) break;
      if (!pending_.statement.text.empty()) {
        std::string error;
        if (!execute_params_as_text(payload, *st, pending_.statement.params, error) &&
            pending_.statement.unsafe.empty())
          pending_.statement.unsafe = error;
      } else {
        st->long_data.clear();
      }
      break;
    }
    case pr::command::mariadb_stmt_bulk_execute: {
      const prepared_statement* st = find_statement(pr::statement_id_of(payload));
      const std::string_view text = st != nullptr ? std::string_view(st->text) : known_text;
      if (text.empty()) break;
      const sql::statement_facts f = sql::classify(text, mode_);
      if (f.writes && writes_mirrored_table(f)) track_opaque(text, "MariaDB bulk execution is not mirrored");
      break;
    }
    case pr::command::stmt_send_long_data:
      if (prepared_statement* st = find_statement(pr::statement_id_of(payload))) (void)collect_long_data(payload, *st);
      break;
    case pr::command::stmt_reset:
      if (prepared_statement* st = find_statement(pr::statement_id_of(payload))) st->long_data.clear();
      break;
    case pr::command::stmt_close:
      statements_.erase(pr::statement_id_of(payload));
      break;
    case pr::command::init_db:
      pending_.statement.database.assign(text_of(payload));
      break;
    default:
      break;
  }
  return client_timestamp_ != 0 ? 0 : pending_.statement.pinned_unix_micros;  // never override the client's
}

bool session_mirror::wants_commit_seq(bool in_transaction) const {
  if (!service_->server().last_gtid || !pending_.relevant) return false;
  // Nothing may follow LOAD DATA LOCAL on the wire: MySQL would read it as the client's file.
  if (pending_.facts.kind == statement_kind::load_data) return false;
  if (!pending_.statement.text.empty()) return !in_transaction || pending_.facts.kind == statement_kind::ddl;
  if (tracker_.pending_statements() == 0) return false;
  switch (pending_.facts.kind) {  // what commits the open transaction (transaction_tracker.hpp)
    case statement_kind::commit: case statement_kind::begin: case statement_kind::lock_tables:
    case statement_kind::unlock_tables: case statement_kind::set_autocommit: case statement_kind::other:
    case statement_kind::ddl:
      return true;
    default:
      return false;
  }
}

void session_mirror::pin_failed() {
  pending_.statement.pinned_unix_micros = 0;
  if (pending_.statement.unsafe.empty()) pending_.statement.unsafe = "MySQL refused to pin its timestamp";
}

std::size_t session_mirror::after_response(const pr::response_tracker& tracker, std::function<void(bool)> on_done) {
  const bool ok = !tracker.saw_error();
  switch (pending_.cmd) {
    case pr::command::stmt_prepare:
      if (ok) {
        last_prepared_ = tracker.prepared_statement_id();
        prepared_statement& s = statements_[last_prepared_];
        s = prepared_statement{};
        s.text = std::move(preparing_);
        s.param_count = tracker.prepared_param_count();
      }
      return 0;
    case pr::command::init_db:
      if (ok) database_ = pending_.statement.database;
      return 0;
    case pr::command::query:
    case pr::command::stmt_execute:
    case pr::command::mariadb_stmt_bulk_execute:
      break;
    default:
      return 0;
  }
  if (!pending_.relevant) return 0;
  if (pending_.opaque && !ok) {
    // Part of it may have committed before the error: recorded now, on its own.
    mirror_transaction t;
    t.statements.push_back(std::move(pending_.statement));
    t.database = database_;
    t.mode = mode_;
    t.committed_at = std::chrono::steady_clock::now();
    service_->submit(std::move(t));
    pending_.statement = {};
  }
  const sql::statement_facts& f = pending_.facts;
  if (ok) {
    switch (f.kind) {
      case statement_kind::use:
        database_.assign(f.name);
        break;
      case statement_kind::set_session_variable:
      case statement_kind::set_names: {
        const sql::set_effects e = sql::apply_set_statement(pending_.set_text, mode_, defaults_, settings_);
        if (e.unknown_value) settings_unknown_ = e.note;
        if (e.sql_mode) mode_ = sql::lexer_mode_of(settings_.sql_mode);
        if (sql::ascii_lowered(pending_.set_text).find("auto_increment_") != std::string::npos)
          insert_id_step_changed_ = true;  // auto_increment_increment or _offset, in any spelling
        if (const auto stamp = assigned_timestamp(pending_.set_text, mode_)) client_timestamp_ = *stamp;
        break;
      }
      default:
        break;
    }
  }
  statement_outcome outcome;
  outcome.kind = f.kind;
  outcome.writes = !pending_.statement.text.empty();
  outcome.succeeded = ok;
  outcome.error_code = tracker.error_code();
  outcome.in_transaction = (tracker.status_flags() & pr::server_status::in_trans) != 0;
  outcome.savepoint.assign(f.name);
  pending_.statement.affected_rows = tracker.affected_rows();
  pending_.statement.last_insert_id = tracker.last_insert_id();
  // Under innodb_autoinc_lock_mode 2 the ids of one multi-row insert may interleave with other
  // sessions': only the first is known, so the rows' ids cannot be reproduced. Nor can they when
  // the session chose its own step.
  const bool lock_mode_2 = service_->server().autoinc_lock_mode == 2;
  if (ok && (lock_mode_2 || insert_id_step_changed_) && pending_.statement.last_insert_id != 0 &&
      pending_.statement.affected_rows > 1 && pending_.statement.unsafe.empty() && !pending_.statement.text.empty()) {
    pending_.statement.unsafe = lock_mode_2 ? "ids of a multi-row insert are unknowable under innodb_autoinc_lock_mode = 2"
                                            : "ids of a multi-row insert after the session set auto_increment_increment";
    pending_.statement.last_insert_id = 0;  // nor can the record name them: it names the whole table
  }
  // INSERT IGNORE that skipped rows: MySQL gave the rows it kept consecutive ids, and which rows
  // it kept is not known here (PostgreSQL would give the skipped row's id to the next one).
  if (ok && f.kind == statement_kind::insert_ignore && !f.has_select && pending_.statement.last_insert_id != 0 &&
      pending_.statement.unsafe.empty() && !pending_.statement.text.empty() &&
      pending_.statement.affected_rows < values_rows(pending_.statement.text, mode_)) {
    pending_.statement.unsafe = "INSERT IGNORE skipped rows: the ids MySQL gave the others are unknown";
    pending_.statement.last_insert_id = 0;
  }
  tracker_.on_statement(std::move(pending_.statement), outcome, committed_);
  if (mid_transaction_ && !outcome.in_transaction && committed_.empty() && tracker_.pending_statements() == 0)
    mid_transaction_ = false;  // what was open when the dual write began has ended without a commit

  // A DDL on a table that is not mirrored is listed (it commits what was open) with no text.
  std::erase_if(committed_, [](const committed_transaction& c) {
    return c.statements.empty() || (c.ddl && c.statements.front().text.empty());
  });
  const std::size_t submitted = committed_.size();
  const auto now = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < submitted; ++i) {
    committed_transaction& c = committed_[i];
    mirror_transaction t;
    t.statements = std::move(c.statements);
    t.ddl = c.ddl;
    t.database = database_;
    t.mode = mode_;
    t.committed_at = now;
    t.commit_seq = pending_.commit_seq;  // the last commit's; an implicit one before it shares it, in order
    if (mid_transaction_) {
      for (auto& s : t.statements)
        if (s.unsafe.empty()) s.unsafe = "transaction began before the dual write was switched on";
      mid_transaction_ = false;
    }
    if (i + 1 == submitted) t.on_done = std::move(on_done);
    service_->submit(std::move(t));
  }
  committed_.clear();
  return submitted;
}

void session_mirror::on_disconnect() { tracker_.on_disconnect(); }

void session_mirror::on_reset_connection() {
  tracker_.on_disconnect();
  settings_ = defaults_;
  mode_ = sql::lexer_mode_of(settings_.sql_mode);
  settings_unknown_.clear();
  statements_.clear();
  client_timestamp_ = 0;  // session variables are back to the server's
  insert_id_step_changed_ = false;
}

void session_mirror::on_change_user() {
  on_reset_connection();
  settings_unknown_ = "the database after COM_CHANGE_USER";
}

}  // namespace switchyard::proxy
