// The statement classifier: what kind of statement a MySQL text is, whether it reads or writes,
// the tables it touches, the non-deterministic and session-dependent things it uses, and whether
// PostgreSQL could answer it. One pass over the lexer's tokens, no parse tree and no heap
// allocation: table names are views into the statement text, kept in a fixed-size list.
//
// Written tables: the INSERT/REPLACE/LOAD DATA target, the UPDATE table (multi-table: those whose
// columns SET assigns, by alias or name; an unqualified column marks them all), the DELETE table
// (multi-table: the targets listed), DDL targets (CREATE/ALTER/DROP/TRUNCATE/RENAME TABLE, VIEW,
// CREATE/DROP INDEX ... ON t); tables read by LIKE and REFERENCES are listed unmarked.
//
// What reads/writes mean: `writes` is set for statements that change table data or the schema
// (INSERT, REPLACE, UPDATE, DELETE, LOAD DATA, DDL, CALL since a procedure may write); `reads`
// for statements that read table rows (SELECT, SHOW, INSERT ... SELECT, UPDATE and DELETE, which
// read the rows they change, CALL, and any statement with a subquery). Transaction control, SET,
// USE, LOCK/UNLOCK TABLES and `other` do neither: routing keeps those on MySQL by kind.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "sql/lexer.hpp"

namespace switchyard::sql {

enum class statement_kind : std::uint8_t {
  other,  // EXPLAIN, DESCRIBE, DO, HANDLER, FLUSH, KILL, SET PASSWORD, empty text, ...
  select,
  select_for_update,
  select_for_share,  // FOR SHARE, LOCK IN SHARE MODE
  insert,
  insert_select,
  insert_ignore,
  insert_on_duplicate_key_update,
  replace,  // REPLACE ... VALUES and REPLACE ... SELECT (statement_facts::has_select tells)
  update,
  multi_table_update,
  delete_,
  multi_table_delete,
  ddl,  // CREATE, ALTER, DROP, TRUNCATE, RENAME, GRANT, REVOKE
  begin,  // BEGIN [WORK], START TRANSACTION [READ ONLY | READ WRITE | WITH CONSISTENT SNAPSHOT]
  commit,
  rollback,
  rollback_to_savepoint,
  savepoint,
  release_savepoint,
  xa,
  set_session_variable,  // any other SET of variables (user, session or global)
  set_names,             // SET NAMES, SET CHARACTER SET / CHARSET
  set_autocommit,        // SET [SESSION] autocommit / @@autocommit, as the only assignment
  set_transaction,       // SET [GLOBAL | SESSION] TRANSACTION ISOLATION LEVEL ... | READ ONLY
  use,
  show,
  lock_tables,
  unlock_tables,
  call,
  load_data,
};

[[nodiscard]] std::string_view to_string(statement_kind k);

// Things whose value depends on when, where or by whom a statement runs. A bitmask.
enum class volatile_use : std::uint32_t {
  none = 0,
  now = 1u << 0,             // NOW, CURRENT_TIMESTAMP, CURRENT_DATE/TIME, CURDATE, CURTIME,
                             // LOCALTIME, LOCALTIMESTAMP, UTC_DATE/TIME/TIMESTAMP, UNIX_TIMESTAMP()
  sysdate = 1u << 1,
  rand = 1u << 2,
  uuid = 1u << 3,            // UUID, UUID_SHORT
  sleep = 1u << 4,
  last_insert_id = 1u << 5,
  found_rows = 1u << 6,
  row_count = 1u << 7,
  connection_id = 1u << 8,
  user = 1u << 9,            // USER, CURRENT_USER, SESSION_USER, SYSTEM_USER, CURRENT_ROLE
  database = 1u << 10,       // DATABASE, SCHEMA
  lock_function = 1u << 11,  // GET_LOCK, RELEASE_LOCK, RELEASE_ALL_LOCKS, IS_FREE_LOCK, IS_USED_LOCK
  user_variable = 1u << 12,  // @x
  system_variable = 1u << 13,  // @@x, @@session.x; MariaDB's SET STATEMENT ... FOR
  version = 1u << 14,          // VERSION(): the server's, not PostgreSQL's
};
[[nodiscard]] constexpr volatile_use operator|(volatile_use a, volatile_use b) {
  return static_cast<volatile_use>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
[[nodiscard]] constexpr volatile_use operator&(volatile_use a, volatile_use b) {
  return static_cast<volatile_use>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
[[nodiscard]] constexpr bool any(volatile_use v) { return v != volatile_use::none; }

// Non-deterministic: the same statement gives other values on another run.
inline constexpr volatile_use non_deterministic_uses =
    volatile_use::now | volatile_use::sysdate | volatile_use::rand | volatile_use::uuid |
    volatile_use::sleep;
// Session-dependent: the value comes from the MySQL session (or server) that runs it.
inline constexpr volatile_use session_dependent_uses =
    volatile_use::last_insert_id | volatile_use::found_rows | volatile_use::row_count |
    volatile_use::connection_id | volatile_use::user | volatile_use::database |
    volatile_use::lock_function | volatile_use::user_variable | volatile_use::system_variable |
    volatile_use::version;

// Why a statement may not go to PostgreSQL (the first reason found, in this order of checks).
enum class ineligibility : std::uint8_t {
  none,
  empty,                 // no statement at all (only comments / whitespace)
  not_a_select,          // anything but a read
  locking_read,          // FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE
  multiple_statements,   // more text after a `;`
  select_into,           // INTO OUTFILE / DUMPFILE / @var
  calc_found_rows,       // SQL_CALC_FOUND_ROWS
  system_schema,         // information_schema, mysql, performance_schema, sys
  user_variable,
  system_variable,
  session_dependent_function,
  non_deterministic_function,
};

[[nodiscard]] std::string_view to_string(ineligibility r);

struct table_ref {
  std::string_view schema;  // empty when not qualified
  std::string_view table;   // identifier text without backticks (a doubled `` stays doubled)
  std::string_view alias;   // empty when none
  bool written = false;     // changed by the statement (for LOCK TABLES: locked for WRITE)
};

inline constexpr std::size_t max_tables = 8;
inline constexpr std::uint32_t no_position = 0xffffffffu;

struct statement_facts {
  statement_kind kind = statement_kind::other;
  bool reads = false;
  bool writes = false;

  // One entry per table reference, in order of appearance (a self-join names a table twice; CTE
  // names and derived tables are not tables). More than max_tables sets tables_overflow; the
  // system-schema check still sees every table. Only schema-qualified names are known to be in a
  // system schema: after `USE mysql`, `SELECT * FROM user` is not caught (routing knows the
  // session's database).
  std::array<table_ref, max_tables> tables{};
  std::uint8_t table_count = 0;
  bool tables_overflow = false;

  volatile_use uses = volatile_use::none;
  std::uint32_t first_use_position = no_position;  // byte offset of the first of `uses`

  bool eligible_for_postgresql = false;
  ineligibility reason = ineligibility::not_a_select;

  // Details by kind.
  bool has_select = false;               // INSERT/REPLACE ... SELECT, CREATE TABLE ... SELECT
  bool ignore = false;                   // INSERT/UPDATE/DELETE/LOAD DATA ... IGNORE
  bool on_duplicate_key_update = false;
  bool calc_found_rows = false;
  bool select_into = false;              // SELECT ... INTO OUTFILE / DUMPFILE / @var
  bool read_only = false;                // START TRANSACTION READ ONLY, SET TRANSACTION READ ONLY
  bool read_write = false;               // START TRANSACTION READ WRITE, SET TRANSACTION READ WRITE
  bool consistent_snapshot = false;      // START TRANSACTION WITH CONSISTENT SNAPSHOT
  bool global_scope = false;             // SET GLOBAL ... / SET @@global.x / SET PERSIST
  bool sets_autocommit = false;          // some assignment is to autocommit
  std::int8_t autocommit_value = -1;     // its value when a literal 0/1/ON/OFF/TRUE/FALSE, else -1
  bool isolation_level = false;          // SET TRANSACTION ISOLATION LEVEL / transaction_isolation
  std::uint32_t next_statement = no_position;  // offset just past the `;`, when text follows it
  // USE: the database; SAVEPOINT / ROLLBACK TO / RELEASE: the savepoint; SET NAMES: the charset.
  std::string_view name;

  [[nodiscard]] std::span<const table_ref> table_list() const { return {tables.data(), table_count}; }
  [[nodiscard]] bool non_deterministic() const { return any(uses & non_deterministic_uses); }
  [[nodiscard]] bool session_dependent() const { return any(uses & session_dependent_uses); }
};

// Classifies the first statement of `sql` (a following `;`-separated statement is noted in
// next_statement and makes the text ineligible for PostgreSQL). Never fails: what it does not
// recognize is statement_kind::other.
[[nodiscard]] statement_facts classify(std::string_view sql, const sql_mode& mode);

// The same from tokens already lexed (token_buffer.hpp, shared_pass.hpp): no second lexing of the text.
struct token_buffer;
[[nodiscard]] statement_facts classify(const token_buffer& tokens);

}  // namespace switchyard::sql
