// The parse tree the translator builds for MySQL DML: nodes live in an arena owned by the caller
// and point into the statement text (zero-copy names). Internal to sql/.
#pragma once
#include <cstdint>
#include <memory_resource>
#include <new>
#include <string_view>

#include "sql/lexer.hpp"

namespace switchyard::sql::ast {

// Allocation: one monotonic arena per translation, released at once.
class arena {
 public:
  arena() : resource_(initial_, sizeof initial_) {}
  char* make_chars(std::size_t n) { return static_cast<char*>(resource_.allocate(n == 0 ? 1 : n, 1)); }
  template <class T>
  T* make() {
    return new (resource_.allocate(sizeof(T), alignof(T))) T{};
  }

 private:
  alignas(std::max_align_t) unsigned char initial_[8192];
  std::pmr::monotonic_buffer_resource resource_;
};

enum class node_kind : std::uint8_t {
  literal,     // tok: string / number / hex / bit; literal_index
  null_value,
  true_value,
  false_value,
  param,       // ? ; index = 0-based placeholder number
  column,      // name, qualifier (table), schema
  star,        // * or t.*: qualifier, schema
  unary,       // op, a
  binary,      // op, a, b
  is_test,     // a IS [NOT] NULL / TRUE / FALSE / UNKNOWN: op = is_what, negated
  between,     // a [NOT] BETWEEN b AND c
  in_list,     // a [NOT] IN (args)
  in_select,   // a [NOT] IN (select)
  exists,      // EXISTS (select)
  subquery,    // (select) as a value
  function,    // name(args): distinct, star_arg; group_concat: order, separator
  case_expr,   // CASE [a] WHEN..THEN.. (args: when, then, when, then...) [ELSE b] END
  cast,        // CAST(a AS type) / CONVERT(a, type): type in `type`
  convert_using,  // CONVERT(a USING charset): name = charset
  interval,    // INTERVAL a unit: name = unit (as written)
  row,         // (a, b, ...) with 2+ items: args
  collate,     // a COLLATE name
  default_value,  // DEFAULT in VALUES / SET
};

enum class op : std::uint8_t {
  none,
  // unary
  negate, plus, bit_not, logical_not, binary_cast,
  // binary
  add, sub, mul, div, int_div, mod, bit_and, bit_or, bit_xor, shift_left, shift_right,
  eq, null_safe_eq, ne, lt, le, gt, ge,
  logical_and, logical_or, logical_xor, concat,
  like, regexp, json_extract, json_unquote_extract,
  // is_test
  is_null, is_true, is_false, is_unknown,
};

struct select_stmt;
struct order_item;

struct type_spec {
  std::string_view name;  // SIGNED, UNSIGNED, CHAR, DECIMAL, DATE, DATETIME, TIME, JSON, BINARY, DOUBLE, ...
  std::string_view arg1, arg2;  // (n) or (p, s), as written; empty when absent
  std::uint32_t pos = 0;
};

struct node {
  node_kind kind = node_kind::literal;
  op oper = op::none;
  bool negated = false;
  bool distinct = false;
  bool star_arg = false;       // COUNT(*)
  std::uint32_t pos = 0;       // first byte in the MySQL text
  std::uint32_t end = 0;       // one past the last byte
  token tok{};                 // literal token
  std::uint32_t index = 0;     // literal index or parameter number
  std::string_view name;       // column / function / unit / collation / charset name (unquoted body)
  std::string_view qualifier;  // column's table (or alias)
  std::string_view schema;     // column's schema
  bool name_quoted = false;    // the name was a quoted identifier (never a keyword then)
  node* a = nullptr;
  node* b = nullptr;
  node* c = nullptr;
  node* args = nullptr;  // list, linked through next
  node* next = nullptr;
  select_stmt* select = nullptr;  // subquery
  type_spec type{};
  order_item* order = nullptr;  // GROUP_CONCAT(... ORDER BY ...), window ORDER BY
  node* separator = nullptr;    // GROUP_CONCAT SEPARATOR (a literal)
  node* window_partition = nullptr;  // OVER (PARTITION BY ...)
  bool has_window = false;
};

struct order_item {
  node* expr = nullptr;
  bool desc = false;
  bool asc_written = false;
  order_item* next = nullptr;
};

struct select_item {
  node* expr = nullptr;
  std::string_view alias;
  bool alias_quoted = false;
  std::uint32_t pos = 0, end = 0;  // the item's text, for MySQL's column naming
  select_item* next = nullptr;
};

enum class join_kind : std::uint8_t { none, inner, cross, left, right, straight, natural_inner, natural_left, natural_right };

struct table_ref {
  enum class kind_t : std::uint8_t { table, join, derived } kind = kind_t::table;
  std::string_view schema, name, alias;
  std::uint32_t pos = 0;
  join_kind join = join_kind::none;
  table_ref* left = nullptr;
  table_ref* right = nullptr;
  node* on = nullptr;
  node* using_columns = nullptr;  // list of column nodes
  select_stmt* derived = nullptr;
  bool lateral = false;
  table_ref* next = nullptr;  // comma-separated list
};

enum class lock_kind : std::uint8_t { none, for_update, for_share };

struct select_core {
  bool distinct = false;
  bool calc_found_rows = false;
  std::uint32_t pos = 0;
  select_item* items = nullptr;
  table_ref* from = nullptr;
  node* where = nullptr;
  node* group_by = nullptr;  // list
  bool with_rollup = false;
  node* having = nullptr;
  order_item* order = nullptr;
  node* limit = nullptr;
  node* offset = nullptr;
  lock_kind lock = lock_kind::none;
  std::string_view lock_wait;  // "NOWAIT", "SKIP LOCKED" or empty
};

enum class set_op : std::uint8_t { none, union_, union_all, except_, except_all, intersect_, intersect_all };

// A query term: a core, a parenthesized query, or a set operation of two terms.
struct query_term {
  select_core* core = nullptr;
  select_stmt* parenthesized = nullptr;
  set_op oper = set_op::none;
  query_term* left = nullptr;
  query_term* right = nullptr;
};

struct cte {
  std::string_view name;
  node* columns = nullptr;  // list of column nodes
  select_stmt* query = nullptr;
  cte* next = nullptr;
};

struct select_stmt {
  cte* with = nullptr;
  bool recursive = false;
  query_term* body = nullptr;
  // ORDER BY / LIMIT after a set operation (for a single core they live in the core).
  order_item* order = nullptr;
  node* limit = nullptr;
  node* offset = nullptr;
  std::uint32_t pos = 0;
};

struct assignment {
  node* column = nullptr;  // column node
  node* value = nullptr;
  assignment* next = nullptr;
};

struct values_row {
  node* values = nullptr;  // list
  values_row* next = nullptr;
};

struct insert_stmt {
  bool replace = false;
  bool ignore = false;
  std::uint32_t pos = 0;
  std::string_view schema, table;
  node* columns = nullptr;        // list of column nodes, or null
  values_row* rows = nullptr;     // VALUES rows
  assignment* set_list = nullptr; // INSERT ... SET
  select_stmt* select = nullptr;  // INSERT ... SELECT
  std::string_view row_alias;     // VALUES (...) AS new
  node* row_alias_columns = nullptr;
  assignment* on_duplicate = nullptr;
  std::uint32_t on_duplicate_pos = 0;
};

struct update_stmt {
  std::uint32_t pos = 0;
  table_ref* tables = nullptr;  // one table, or a join / list for multi-table
  assignment* set_list = nullptr;
  node* where = nullptr;
  order_item* order = nullptr;
  node* limit = nullptr;
  bool ignore = false;
};

struct delete_stmt {
  std::uint32_t pos = 0;
  // Multi-table: the targets (names or aliases) and the FROM/USING tables.
  table_ref* targets = nullptr;
  table_ref* tables = nullptr;
  bool multi = false;
  node* where = nullptr;
  order_item* order = nullptr;
  node* limit = nullptr;
  bool ignore = false;
};

}  // namespace switchyard::sql::ast
