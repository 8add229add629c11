// Writes the PostgreSQL text of a parsed MySQL statement with MySQL's meaning (internal to sql/).
// Expressions: emit_expressions.cpp; functions: emit_functions.cpp; statements:
// emit_statements.cpp. Failures throw translate_error (caught by translate()).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast.hpp"
#include "sql/catalog.hpp"
#include "sql/parser.hpp"
#include "sql/translate.hpp"

namespace switchyard::sql {

// What an expression evaluates to, as far as the translator can tell.
enum class value_type : std::uint8_t { unknown, null, boolean, number, text, binary, date, datetime, time, json };

// The result type of branches of CASE / IF / COALESCE: text as soon as one branch is text.
[[nodiscard]] value_type merge_branch_types(value_type a, value_type b);

// A function call's arguments: how many, and the i-th (nullptr past the end).
[[nodiscard]] inline std::size_t arg_count(const ast::node* head) {
  std::size_t n = 0;
  for (; head != nullptr; head = head->next) ++n;
  return n;
}
[[nodiscard]] inline const ast::node* nth_arg(const ast::node* fn, std::size_t i) {
  const ast::node* a = fn->args;
  while (a != nullptr && i-- > 0) a = a->next;
  return a;
}

// What the consumer of an expression needs.
enum class want : std::uint8_t {
  any,        // as it comes (a boolean stays boolean)
  value,      // a MySQL value: booleans become 0/1 integers
  condition,  // a PostgreSQL boolean: numbers become `<> 0`
};

class emitter {
 public:
  // A table visible to column references: its alias (or name) and catalog entry.
  struct scope_entry {
    std::string_view schema, name, alias;
    const table_info* info = nullptr;
  };
  emitter(std::string_view source, const token_list& tokens, const translate_options& options, translation& out)
      : src_(source), toks_(tokens), opt_(options), result_(out), out_(out.text) {}

  void select_statement(const ast::select_stmt* s);
  void insert_statement(const ast::insert_stmt* s);
  void update_statement(const ast::update_stmt* s);
  void delete_statement(const ast::delete_stmt* s);

  // ---- expressions (emit_expressions.cpp) ----
  void expr(const ast::node* n, want w = want::any);
  void expr_list(const ast::node* head, want w = want::value);
  [[nodiscard]] value_type type_of(const ast::node* n) const;
  void literal(const ast::node* n);
  // An expression as MySQL's text form of its value (CONCAT, CAST AS CHAR, string functions).
  void text_value(const ast::node* n);
  [[nodiscard]] bool is_floating(const ast::node* n) const;
  // A branch of CASE / IF / COALESCE, as text when the result type is text.
  void branch(const ast::node* n, bool as_text);
  // A literal written as a given PostgreSQL constant that depends on its value (baked).
  void baked_literal(const ast::node* n, std::string_view pg_text);
  void bake(const ast::node* n);
  void bake_range(std::uint32_t from, std::uint32_t to);
  // Decoded bytes of a string literal (for baked uses: formats, paths, units).
  [[nodiscard]] std::string literal_bytes(const ast::node* n) const;
  [[nodiscard]] bool is_integer_literal(const ast::node* n, long long& value) const;
  [[nodiscard]] bool generates_id(const ast::node* v) const;
  void column(const ast::node* n);
  [[nodiscard]] const column_info* column_of(const ast::node* n) const;
  [[nodiscard]] bool is_case_insensitive(const ast::node* n) const;
  [[nodiscard]] bool case_insensitive_pair(const ast::node* a, const ast::node* b) const;
  [[nodiscard]] bool nullable(const ast::node* n) const;
  void put(std::string_view s) { out_.append(s); }
  void ident(std::string_view mysql_name) { append_pg_identifier(mysql_name, out_); }
  // An output column alias spelled exactly as in MySQL (case kept), quoted when needed.
  void exact_alias(std::string_view name);
  void parenthesized(const ast::node* n, want w) {
    put("(");
    expr(n, w);
    put(")");
  }

  // ---- functions (emit_functions.cpp) ----
  void function(const ast::node* n, want w);
  void fraction_digits_argument(const ast::node* n);
  [[nodiscard]] int fraction_digits_of(const ast::node* n);

  // ---- pinned values (emit_pinned.cpp) ----
  // NOW() and friends as the pinned instant; false when nothing is pinned or `f` is another function.
  bool pinned_time_function(const ast::node* n, std::string_view upper_name);
  [[nodiscard]] std::string pinned_datetime(std::uint32_t position) const;
  void pinned_timestamp_constant(int digits, std::uint32_t position);
  // The pinned value of a column an INSERT leaves to MySQL: the next generated id, or the time.
  void pinned_value(const column_info& c, std::uint32_t position);
  [[nodiscard]] static bool is_current_timestamp_default(const column_info& c);
  std::uint64_t next_generated_id_ = 0;
  // The JSON_* functions (emit_json.cpp); false when `upper_name` is not one of them.
  bool json_function(const ast::node* n, std::string_view upper_name);
  [[nodiscard]] value_type function_type(const ast::node* n) const;
  void cast(const ast::node* n);
  void interval_arithmetic(const ast::node* date, const ast::node* interval, bool subtract);

  // ---- statements (emit_statements.cpp) ----
  void select(const ast::select_stmt* s, bool top_level);
  void query_term(const ast::query_term* t, bool top_level);
  void select_core(const ast::select_core* c, bool top_level);
  // Positions of a set operation's columns where MySQL's result is text but a branch is not.
  [[nodiscard]] std::vector<bool> set_operation_text_columns(const ast::query_term* body);
  std::vector<bool> text_positions_;
  // `fold_case`: sort case-insensitive columns by lower() (not inside DISTINCT aggregates, whose
  // ORDER BY must repeat the argument).
  void order_by(const ast::order_item* items, const ast::select_core* core, bool fold_case = true);
  void limit(const ast::node* limit, const ast::node* offset);
  void table_refs(const ast::table_ref* refs);
  void table_ref(const ast::table_ref* r);
  void table_name(std::string_view schema, std::string_view name);
  void add_to_scope(const ast::table_ref* r);
  // A value written into a column (INSERT values, SET): booleans, bytes and generated ids.
  void value_for_column(const ast::node* v, const column_info* c);
  void replace_across_keys(const ast::insert_stmt* s, const table_info& table,
                           const std::vector<std::string_view>& columns, const std::vector<const unique_key*>& keys);
  void assignments(const ast::assignment* list, const table_info* table);
  // WHERE for UPDATE / DELETE ... [ORDER BY] LIMIT n: the rows picked by key in a subquery.
  void limited_rows(const scope_entry& target, const ast::node* where, const ast::order_item* order,
                    const ast::node* limit);
  // Inner-joined tables flattened for UPDATE ... FROM / DELETE ... USING; ON conditions collected.
  void join_conditions_and_where(const std::vector<const ast::node*>& conditions, const ast::node* where);
  void flatten_inner_joins(const ast::table_ref* r, std::vector<const ast::table_ref*>& tables,
                           std::vector<const ast::node*>& conditions);

  [[noreturn]] void fail(std::string construct, std::uint32_t position) const {
    throw translate_error{std::move(construct), position};
  }
  void note(std::string_view n) {
    for (const auto existing : result_.notes)
      if (existing == n) return;
    result_.notes.push_back(n);
  }

  [[nodiscard]] const table_info* find_table(std::string_view schema, std::string_view name) const;
  [[nodiscard]] const scope_entry* resolve_qualifier(std::string_view qualifier) const;

  std::string_view src_;
  const token_list& toks_;
  const translate_options& opt_;
  translation& result_;
  std::string& out_;
  std::vector<scope_entry> scope_;
  // Select-list aliases of the core whose ORDER BY / GROUP BY / HAVING is being written.
  const ast::select_core* alias_core_ = nullptr;
  bool in_having_ = false;
  bool star_allowed_ = false;
  bool bits_as_numbers_ = false;  // writing a value for a BIT column  // writing a select-list item that is `*` or `t.*`
  bool prefer_columns_ = false;  // GROUP BY: a FROM column wins over a select alias (MySQL)
  // Assignments already made in this SET list (MySQL's later assignments see earlier values).
  std::vector<const ast::assignment*> assigned_;
  std::string_view assignment_target_;  // the table written by a SET list, for substitutions
  // ON DUPLICATE KEY UPDATE: VALUES(col) / row alias -> EXCLUDED
  bool in_on_duplicate_ = false;
  std::string_view row_alias_;
  const ast::node* row_alias_columns_ = nullptr;
  const ast::node* insert_columns_ = nullptr;
  std::string scratch_;
};

// The number MySQL reads from a string in a numeric context: its longest numeric prefix after
// leading spaces ('3 apples' is "3", 'abc' is "0").
[[nodiscard]] std::string numeric_prefix(std::string_view s);

// MySQL DATE_FORMAT / STR_TO_DATE format -> PostgreSQL to_char / to_timestamp format; false with
// the offending specifier in `bad` when there is no equivalent.
[[nodiscard]] bool mysql_format_to_pg(std::string_view mysql_format, std::string& out, std::string& bad);

}  // namespace switchyard::sql
