// Recursive-descent parser for the MySQL DML the translator handles (internal to sql/).
// Statements it does not understand, and constructs with no faithful translation, end the parse
// with a translate_error naming the construct and its position; the translator turns that into
// its `unsupported` result (the exception never leaves sql/).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast.hpp"
#include "sql/lexer.hpp"

namespace switchyard::sql {

struct translate_error {
  std::string construct;
  std::uint32_t position = 0;
};

// The statement's tokens, with each literal token's ordinal (literal_index in translate.hpp).
struct token_list {
  std::vector<token> tokens;          // ends with an `end` token
  std::vector<std::uint32_t> literal_ordinal;  // per token; meaningful for literal tokens
  std::uint32_t literal_count = 0;
  std::uint32_t parameter_count = 0;
};

// Lexes the statement; throws translate_error on a lexical error or a second statement.
void tokenize_statement(std::string_view text, sql_mode mode, token_list& out);

class parser {
 public:
  parser(std::string_view source, const token_list& tokens, ast::arena& arena) noexcept
      : src_(source), toks_(tokens), arena_(arena) {}

  ast::select_stmt* parse_select_statement();  // the whole statement is a SELECT
  ast::insert_stmt* parse_insert_statement();  // INSERT / REPLACE
  ast::update_stmt* parse_update_statement();
  ast::delete_stmt* parse_delete_statement();

  // Token access for the translator's simple statements (transaction control, SET, USE).
  // Inline: the parser asks these many times per token.
  [[nodiscard]] const token& peek(std::size_t ahead = 0) const noexcept {
    const std::size_t i = pos_ + ahead;
    return toks_.tokens[i < toks_.tokens.size() ? i : toks_.tokens.size() - 1];
  }
  [[nodiscard]] bool at_end() const noexcept { return peek().kind == token_kind::end; }
  [[nodiscard]] bool peek_word(std::string_view upper, std::size_t ahead = 0) const noexcept {
    const token& t = peek(ahead);
    if (t.kind != token_kind::word || t.length != upper.size()) return false;
    const char* p = src_.data() + t.offset;
    for (std::size_t i = 0; i < upper.size(); ++i) {
      char c = p[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != upper[i]) return false;
    }
    return true;
  }
  [[nodiscard]] bool accept_word(std::string_view upper) noexcept {
    if (!peek_word(upper)) return false;
    advance();
    return true;
  }
  void expect_word(std::string_view upper);
  [[nodiscard]] bool peek_op(std::string_view op, std::size_t ahead = 0) const noexcept {
    const token& t = peek(ahead);
    if (t.kind != token_kind::op || t.length != op.size()) return false;
    const char* p = src_.data() + t.offset;
    for (std::size_t i = 0; i < op.size(); ++i)
      if (p[i] != op[i]) return false;
    return true;
  }
  [[nodiscard]] bool accept_op(std::string_view op) noexcept {
    if (!peek_op(op)) return false;
    advance();
    return true;
  }
  void expect_op(std::string_view op);
  void expect_end();
  [[nodiscard]] std::string_view parse_identifier();  // word or quoted identifier, unquoted body
  [[nodiscard]] ast::node* parse_expression();
  [[noreturn]] void fail(std::string construct, std::uint32_t position) const;
  [[noreturn]] void fail_here(std::string construct) const;
  [[nodiscard]] std::string_view text_of(const token& t) const noexcept { return token_text(t, src_); }
  void advance() noexcept {
    if (pos_ + 1 < toks_.tokens.size()) ++pos_;
  }

 private:
  // Expressions by precedence, loosest first.
  ast::node* parse_or();
  ast::node* parse_xor();
  ast::node* parse_and();
  ast::node* parse_not();
  ast::node* parse_predicate();
  ast::node* parse_bit_or();
  ast::node* parse_bit_and();
  ast::node* parse_shift();
  ast::node* parse_additive();
  ast::node* parse_multiplicative();
  ast::node* parse_bit_xor();
  ast::node* parse_unary();
  ast::node* parse_postfix();
  ast::node* parse_primary();
  ast::node* parse_function(std::string_view name, std::uint32_t at);
  ast::node* parse_case(std::uint32_t at);
  ast::node* parse_cast(std::uint32_t at, bool convert);
  ast::node* parse_interval(std::uint32_t at);
  ast::node* parse_column_or_star(std::uint32_t at);
  ast::node* parse_expression_list();  // a, b, c
  ast::type_spec parse_type();
  void parse_window(ast::node* fn);

  ast::select_stmt* parse_select(bool top_level);
  ast::query_term* parse_query_term();
  ast::query_term* parse_query_primary();
  ast::select_core* parse_select_core();
  ast::select_item* parse_select_items();
  ast::table_ref* parse_table_list();
  ast::table_ref* parse_table_ref();
  ast::table_ref* parse_table_factor();
  void parse_index_hints();
  ast::order_item* parse_order_by();
  void parse_limit(ast::node*& limit, ast::node*& offset);
  ast::assignment* parse_assignments();
  ast::node* parse_column_list();  // (a, b, c)
  void parse_table_name(std::string_view& schema, std::string_view& name);
  [[nodiscard]] std::string_view parse_optional_alias(bool strings_allowed = false);
  [[nodiscard]] bool is_reserved_here() const noexcept;

  ast::node* make(ast::node_kind kind, std::uint32_t at);
  void long_chain_check(int chain);
  [[nodiscard]] std::uint32_t here() const noexcept { return peek().offset; }
  [[nodiscard]] std::uint32_t last_end() const noexcept;

  std::string_view src_;
  const token_list& toks_;
  ast::arena& arena_;
  std::size_t pos_ = 0;
  std::uint32_t parameters_ = 0;
  // Nesting depth of expressions and queries: deep nesting is refused, never a stack overflow.
  int depth_ = 0;
  struct depth_guard {
    parser& p;
    explicit depth_guard(parser& owner) : p(owner) {
      if (++p.depth_ > max_depth) p.fail_here("nesting deeper than 200 levels");
    }
    ~depth_guard() { --p.depth_; }
  };
  static constexpr int max_depth = 200;
  int operators_ = 0;
  static constexpr int max_operators = 2000;
};

}  // namespace switchyard::sql
