#include "sql/parser.hpp"

#include <algorithm>
#include <array>

#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (x != b[i]) return false;
  }
  return true;
}

// Words that end an expression or a table reference: never taken as an implicit alias.
constexpr std::array<std::string_view, 62> clause_words = {
    "AGAINST", "AND", "AS", "ASC", "BETWEEN", "BY", "CROSS", "DESC", "DIV", "DUPLICATE", "ELSE", "END",
    "ESCAPE", "EXCEPT", "FETCH", "FOR", "FORCE", "FROM", "FULL", "GROUP", "HAVING", "IGNORE", "IN",
    "INNER", "INTERSECT", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "LOCK", "MOD", "NATURAL",
    "NOT", "OFFSET", "ON", "OR", "ORDER", "OUTER", "PARTITION", "PROCEDURE", "REGEXP", "RETURNING",
    "RIGHT", "RLIKE", "ROWS", "SEPARATOR", "SET", "STRAIGHT_JOIN", "THEN", "UNION", "USE", "USING",
    "VALUE", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "XOR"};

bool is_clause_word(std::string_view word) noexcept {
  char buf[24];
  // Most identifiers fail on length or first letter before any string comparison.
  if (word.size() < 2 || word.size() > 13) return false;
  constexpr std::uint32_t first_letters = [] {
    std::uint32_t mask = 0;
    for (const auto w : clause_words) mask |= 1u << (w[0] - 'A');
    return mask;
  }();
  const char first = static_cast<char>(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 'a' + 'A' : word[0]);
  if (first < 'A' || first > 'Z' || (first_letters & (1u << (first - 'A'))) == 0) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    buf[i] = c;
  }
  const std::string_view upper(buf, word.size());
  return std::binary_search(clause_words.begin(), clause_words.end(), upper);
}

// Functions written without parentheses in MySQL.
constexpr std::array<std::string_view, 9> bare_functions = {
    "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "LOCALTIME",
    "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP"};

}  // namespace

void tokenize_statement(std::string_view text, sql_mode mode, token_list& out) {
  out.tokens.clear();
  out.literal_ordinal.clear();
  out.literal_count = 0;
  out.parameter_count = 0;
  // About one token per five bytes of SQL: one allocation for most statements.
  out.tokens.reserve(text.size() / 5 + 8);
  out.literal_ordinal.reserve(text.size() / 5 + 8);
  lexer lex(text, mode);
  for (;;) {
    const token t = lex.next();
    if (t.kind == token_kind::error) throw translate_error{"malformed SQL text", t.offset};
    if (t.kind == token_kind::semicolon) {
      // A trailing `;` (or several) is fine; another statement after it is not.
      token rest = lex.next();
      while (rest.kind == token_kind::semicolon) rest = lex.next();
      if (rest.kind != token_kind::end) throw translate_error{"multiple statements", rest.offset};
      token end_token = rest;
      end_token.offset = t.offset;
      out.tokens.push_back(end_token);
      out.literal_ordinal.push_back(0);
      return;
    }
    out.tokens.push_back(t);
    out.literal_ordinal.push_back(is_literal_token(t) ? out.literal_count++ : 0);
    if (t.kind == token_kind::placeholder) ++out.parameter_count;
    if (t.kind == token_kind::end) return;
  }
}

// ---- token access ----


void parser::expect_word(std::string_view upper) {
  if (!accept_word(upper)) fail_here("expected " + std::string(upper));
}


void parser::expect_op(std::string_view o) {
  if (!accept_op(o)) fail_here("expected '" + std::string(o) + "'");
}

void parser::expect_end() {
  if (!at_end()) fail_here("unexpected '" + std::string(text_of(peek())) + "'");
}

void parser::fail(std::string construct, std::uint32_t position) const {
  throw translate_error{std::move(construct), position};
}

void parser::fail_here(std::string construct) const { fail(std::move(construct), peek().offset); }

std::uint32_t parser::last_end() const noexcept {
  if (pos_ == 0) return 0;
  const token& t = toks_.tokens[pos_ - 1];
  return t.offset + t.length;
}

void parser::long_chain_check(int chain) {
  // A chain `a + b + c ...` makes a tree as deep as it is long, and writing it recurses that deep:
  // chains and the operators of the whole statement are bounded so that the stack is.
  if (chain + depth_ > max_depth * 5) fail_here("expression with more than 1000 operators in a row");
  if (++operators_ > max_operators) fail_here("statement with more than 2000 operators or joins");
}

ast::node* parser::make(ast::node_kind kind, std::uint32_t at) {
  auto* n = arena_.make<ast::node>();
  n->kind = kind;
  n->pos = at;
  return n;
}

std::string_view parser::parse_identifier() {
  const token& t = peek();
  if (t.kind == token_kind::quoted_identifier) {
    const std::string_view body = token_body(t, src_);
    // PostgreSQL names are UTF-8 text without NUL, and never empty (MySQL's are too).
    if (body.empty() || !is_postgres_text(body)) fail_here("identifier that is empty, holds a NUL byte or is not UTF-8");
    advance();
    if (!t.has(token_flag::doubled_quote)) return body;
    // `a``b` is the name a`b: unescaped into the arena.
    char* copy = arena_.make_chars(body.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
      copy[n++] = body[i];
      if (body[i] == t.quote && i + 1 < body.size() && body[i + 1] == t.quote) ++i;
    }
    return {copy, n};
  }
  if (t.kind == token_kind::word) {
    const std::string_view word = token_text(t, src_);
    if (!is_postgres_text(word)) fail_here("identifier that is not UTF-8");
    advance();
    return word;
  }
  fail_here("expected an identifier");
}

bool parser::is_reserved_here() const noexcept {
  const token& t = peek();
  return t.kind == token_kind::word && is_clause_word(token_text(t, src_));
}

std::string_view parser::parse_optional_alias(bool strings_allowed) {
  if (strings_allowed && peek().kind == token_kind::string && peek().introducer_length == 0) {
    // SELECT x 'alias' / SELECT x "alias"
    const std::string_view body = token_body(peek(), src_);
    if (peek().has(token_flag::doubled_quote) || peek().has(token_flag::backslash_escapes))
      fail_here("alias with escapes");
    if (body.empty() || !is_postgres_text(body)) fail_here("alias that is empty, holds a NUL byte or is not UTF-8");
    advance();
    return body;
  }
  if (accept_word("AS")) {
    if (peek().kind == token_kind::string) {  // AS 'alias'
      const std::string_view body = token_body(peek(), src_);
      if (peek().has(token_flag::doubled_quote) || peek().has(token_flag::backslash_escapes))
        fail_here("alias with escapes");
      if (body.empty() || !is_postgres_text(body)) fail_here("alias that is empty, holds a NUL byte or is not UTF-8");
      advance();
      return body;
    }
    return parse_identifier();
  }
  if (peek().kind == token_kind::quoted_identifier) return parse_identifier();
  if (peek().kind == token_kind::word && !is_reserved_here()) return parse_identifier();
  return {};
}

void parser::parse_table_name(std::string_view& schema, std::string_view& name) {
  name = parse_identifier();
  if (accept_op(".")) {
    schema = name;
    name = parse_identifier();
  }
}

// ---- expressions ----

ast::node* parser::parse_expression() {
  const depth_guard guard(*this);
  return parse_or();
}

ast::node* parser::parse_or() {
  int chain = 0;
  ast::node* left = parse_xor();
  for (;;) {
    const token& t = peek();
    const bool is_or = peek_word("OR") || (t.kind == token_kind::op && token_text(t, src_) == "||" &&
                                           !t.has(token_flag::concat));
    if (!is_or) return left;
    advance();
    auto* n = make(ast::node_kind::binary, left->pos);
    n->oper = ast::op::logical_or;
    n->a = left;
    n->b = parse_xor();
    n->end = last_end();
    left = n;
    long_chain_check(++chain);
  }
}

ast::node* parser::parse_not() {
  const depth_guard guard(*this);
  if (peek_word("NOT") && !peek_word("EXISTS", 1)) {
    const std::uint32_t at = here();
    advance();
    auto* n = make(ast::node_kind::unary, at);
    n->oper = ast::op::logical_not;
    n->a = parse_not();
    n->end = last_end();
    return n;
  }
  return parse_predicate();
}

ast::node* parser::parse_predicate() {
  int chain = 0;
  ast::node* left = parse_bit_or();
  for (;;) {
    const std::uint32_t at = left->pos;
    if (accept_word("IS")) {
      auto* n = make(ast::node_kind::is_test, at);
      n->negated = accept_word("NOT");
      if (accept_word("NULL")) n->oper = ast::op::is_null;
      else if (accept_word("TRUE")) n->oper = ast::op::is_true;
      else if (accept_word("FALSE")) n->oper = ast::op::is_false;
      else if (accept_word("UNKNOWN")) n->oper = ast::op::is_unknown;
      else fail_here("IS followed by something other than NULL, TRUE, FALSE or UNKNOWN");
      n->a = left;
      n->end = last_end();
      left = n;
      long_chain_check(++chain);
      continue;
    }
    bool negated = false;
    if (peek_word("NOT") && (peek_word("IN", 1) || peek_word("BETWEEN", 1) || peek_word("LIKE", 1) ||
                             peek_word("REGEXP", 1) || peek_word("RLIKE", 1))) {
      advance();
      negated = true;
    }
    if (accept_word("IN")) {
      expect_op("(");
      if (peek_word("SELECT") || peek_word("WITH") || (peek_op("(") && peek_word("SELECT", 1))) {
        auto* n = make(ast::node_kind::in_select, at);
        n->negated = negated;
        n->a = left;
        n->select = parse_select(false);
        expect_op(")");
        n->end = last_end();
        left = n;
      long_chain_check(++chain);
        continue;
      }
      auto* n = make(ast::node_kind::in_list, at);
      n->negated = negated;
      n->a = left;
      n->args = parse_expression_list();
      expect_op(")");
      n->end = last_end();
      left = n;
      long_chain_check(++chain);
      continue;
    }
    if (accept_word("BETWEEN")) {
      auto* n = make(ast::node_kind::between, at);
      n->negated = negated;
      n->a = left;
      n->b = parse_bit_or();
      expect_word("AND");
      n->c = parse_bit_or();
      n->end = last_end();
      left = n;
      long_chain_check(++chain);
      continue;
    }
    if (accept_word("LIKE")) {
      auto* n = make(ast::node_kind::binary, at);
      n->oper = ast::op::like;
      n->negated = negated;
      n->a = left;
      n->b = parse_bit_or();
      if (accept_word("ESCAPE")) n->c = parse_primary();
      n->end = last_end();
      left = n;
      long_chain_check(++chain);
      continue;
    }
    if (accept_word("REGEXP") || accept_word("RLIKE")) {
      auto* n = make(ast::node_kind::binary, at);
      n->oper = ast::op::regexp;
      n->negated = negated;
      n->a = left;
      n->b = parse_bit_or();
      n->end = last_end();
      left = n;
      long_chain_check(++chain);
      continue;
    }
    if (negated) fail_here("NOT in this position");
    if (peek_word("SOUNDS")) fail_here("SOUNDS LIKE");
    if (peek_word("MEMBER")) fail_here("MEMBER OF");
    const token& t = peek();
    if (t.kind != token_kind::op) return left;
    const std::string_view o = token_text(t, src_);
    ast::op oper;
    if (o == "=") oper = ast::op::eq;
    else if (o == "<=>") oper = ast::op::null_safe_eq;
    else if (o == "<>" || o == "!=") oper = ast::op::ne;
    else if (o == "<") oper = ast::op::lt;
    else if (o == "<=") oper = ast::op::le;
    else if (o == ">") oper = ast::op::gt;
    else if (o == ">=") oper = ast::op::ge;
    else return left;
    advance();
    if (peek_word("ANY") || peek_word("SOME") || peek_word("ALL")) fail_here("comparison with ANY / ALL");
    auto* n = make(ast::node_kind::binary, at);
    n->oper = oper;
    n->a = left;
    n->b = parse_bit_or();
    n->end = last_end();
    left = n;
    long_chain_check(++chain);
  }
}

namespace {
struct binary_level {
  std::string_view spelling;
  bool is_word;
  ast::op oper;
};
}  // namespace

#define SWITCHYARD_BINARY_LEVEL(fn, next, ...)                                        \
  ast::node* parser::fn() {                                                          \
    static constexpr binary_level levels[] = {__VA_ARGS__};                           \
    int chain = 0;                                                                   \
    ast::node* left = next();                                                        \
    for (;;) {                                                                       \
      const binary_level* hit = nullptr;                                             \
      for (const auto& l : levels)                                                   \
        if (l.is_word ? peek_word(l.spelling) : peek_op(l.spelling)) hit = &l;       \
      if (hit == nullptr) return left;                                               \
      advance();                                                                     \
      auto* n = make(ast::node_kind::binary, left->pos);                             \
      n->oper = hit->oper;                                                           \
      n->a = left;                                                                   \
      n->b = next();                                                                 \
      n->end = last_end();                                                           \
      left = n;                                                                      \
      long_chain_check(++chain);                                                     \
    }                                                                                \
  }

SWITCHYARD_BINARY_LEVEL(parse_xor, parse_and, {"XOR", true, ast::op::logical_xor})
SWITCHYARD_BINARY_LEVEL(parse_and, parse_not, {"AND", true, ast::op::logical_and}, {"&&", false, ast::op::logical_and})
SWITCHYARD_BINARY_LEVEL(parse_bit_or, parse_bit_and, {"|", false, ast::op::bit_or})
SWITCHYARD_BINARY_LEVEL(parse_bit_and, parse_shift, {"&", false, ast::op::bit_and})
SWITCHYARD_BINARY_LEVEL(parse_shift, parse_additive, {"<<", false, ast::op::shift_left},
                        {">>", false, ast::op::shift_right})
SWITCHYARD_BINARY_LEVEL(parse_multiplicative, parse_bit_xor, {"*", false, ast::op::mul}, {"/", false, ast::op::div},
                        {"%", false, ast::op::mod}, {"DIV", true, ast::op::int_div}, {"MOD", true, ast::op::mod})
SWITCHYARD_BINARY_LEVEL(parse_bit_xor, parse_unary, {"^", false, ast::op::bit_xor})
#undef SWITCHYARD_BINARY_LEVEL

ast::node* parser::parse_additive() {
  int chain = 0;
  ast::node* left = parse_multiplicative();
  for (;;) {
    ast::op oper;
    const token& t = peek();
    if (peek_op("+")) oper = ast::op::add;
    else if (peek_op("-")) oper = ast::op::sub;
    else if (t.kind == token_kind::op && t.has(token_flag::concat)) oper = ast::op::concat;
    else return left;
    advance();
    auto* n = make(ast::node_kind::binary, left->pos);
    n->oper = oper;
    n->a = left;
    n->b = parse_multiplicative();
    n->end = last_end();
    left = n;
    long_chain_check(++chain);
  }
}

ast::node* parser::parse_unary() {
  const depth_guard guard(*this);
  const std::uint32_t at = here();
  ast::op oper = ast::op::none;
  if (peek_op("-")) oper = ast::op::negate;
  else if (peek_op("+")) oper = ast::op::plus;
  else if (peek_op("~")) oper = ast::op::bit_not;
  else if (peek_op("!")) oper = ast::op::logical_not;
  else if (peek_word("BINARY") && !peek_op("(", 1)) oper = ast::op::binary_cast;
  if (oper == ast::op::none) return parse_postfix();
  advance();
  auto* n = make(ast::node_kind::unary, at);
  n->oper = oper;
  n->a = parse_unary();
  n->end = last_end();
  return n;
}

ast::node* parser::parse_postfix() {
  int chain = 0;
  ast::node* e = parse_primary();
  for (;;) {
    if (accept_word("COLLATE")) {
      auto* n = make(ast::node_kind::collate, e->pos);
      n->a = e;
      n->name = peek().kind == token_kind::string ? token_body(peek(), src_) : text_of(peek());
      advance();
      n->end = last_end();
      e = n;
      long_chain_check(++chain);
      continue;
    }
    if (peek_op("->") || peek_op("->>")) {
      const bool unquote = peek_op("->>");
      advance();
      if (peek().kind != token_kind::string) fail_here("JSON path that is not a string literal");
      auto* n = make(ast::node_kind::binary, e->pos);
      n->oper = unquote ? ast::op::json_unquote_extract : ast::op::json_extract;
      n->a = e;
      n->b = parse_primary();
      n->end = last_end();
      e = n;
      long_chain_check(++chain);
      continue;
    }
    return e;
  }
}

ast::node* parser::parse_expression_list() {
  ast::node* head = parse_expression();
  ast::node* tail = head;
  while (accept_op(",")) {
    tail->next = parse_expression();
    tail = tail->next;
  }
  return head;
}

ast::node* parser::parse_primary() {
  const depth_guard guard(*this);
  const token& t = peek();
  const std::uint32_t at = t.offset;
  switch (t.kind) {
    case token_kind::string:
    case token_kind::number:
    case token_kind::hex_literal:
    case token_kind::bit_literal: {
      auto* n = make(ast::node_kind::literal, at);
      n->tok = t;
      n->index = toks_.literal_ordinal[pos_];
      advance();
      n->end = last_end();
      // MySQL concatenates adjacent strings: 'a' 'b' is 'ab'.
      if (t.kind == token_kind::string && peek().kind == token_kind::string) {
        auto* c = make(ast::node_kind::binary, at);
        c->oper = ast::op::concat;
        c->a = n;
        c->b = parse_primary();
        c->end = last_end();
        return c;
      }
      return n;
    }
    case token_kind::placeholder: {
      auto* n = make(ast::node_kind::param, at);
      n->index = parameters_++;
      advance();
      n->end = last_end();
      return n;
    }
    case token_kind::user_variable: fail_here("user variable");
    case token_kind::system_variable: fail_here("system variable");
    case token_kind::quoted_identifier: return parse_column_or_star(at);
    case token_kind::op: {
      if (peek_op("(")) {
        advance();
        if (peek_word("SELECT") || peek_word("WITH")) {
          auto* n = make(ast::node_kind::subquery, at);
          n->select = parse_select(false);
          expect_op(")");
          n->end = last_end();
          return n;
        }
        ast::node* first = parse_expression();
        if (accept_op(")")) {
          // Keep the parentheses' extent for MySQL's column naming.
          return first;
        }
        auto* row = make(ast::node_kind::row, at);
        row->args = first;
        ast::node* tail = first;
        while (accept_op(",")) {
          tail->next = parse_expression();
          tail = tail->next;
        }
        expect_op(")");
        row->end = last_end();
        return row;
      }
      if (peek_op("*")) {
        auto* n = make(ast::node_kind::star, at);
        advance();
        n->end = last_end();
        return n;
      }
      fail_here("unexpected '" + std::string(text_of(t)) + "'");
    }
    case token_kind::word: break;
    default: fail_here("unexpected end of statement");
  }
  const std::string_view word = token_text(t, src_);
  if (iequals(word, "NULL")) {
    advance();
    auto* n = make(ast::node_kind::null_value, at);
    n->end = last_end();
    return n;
  }
  if (iequals(word, "TRUE") || iequals(word, "FALSE")) {
    advance();
    auto* n = make(iequals(word, "TRUE") ? ast::node_kind::true_value : ast::node_kind::false_value, at);
    n->end = last_end();
    return n;
  }
  if (iequals(word, "DEFAULT") && !peek_op("(", 1)) {
    advance();
    auto* n = make(ast::node_kind::default_value, at);
    n->end = last_end();
    return n;
  }
  if (iequals(word, "EXISTS") || (iequals(word, "NOT") && peek_word("EXISTS", 1))) {
    const bool negated = iequals(word, "NOT");
    if (negated) advance();
    advance();
    expect_op("(");
    auto* n = make(ast::node_kind::exists, at);
    n->negated = negated;
    n->select = parse_select(false);
    expect_op(")");
    n->end = last_end();
    return n;
  }
  if (iequals(word, "CASE")) {
    advance();
    return parse_case(at);
  }
  if ((iequals(word, "CAST") || iequals(word, "CONVERT")) && peek_op("(", 1)) {
    advance();
    return parse_cast(at, iequals(word, "CONVERT"));
  }
  if (iequals(word, "INTERVAL")) {
    advance();
    return parse_interval(at);
  }
  if ((iequals(word, "DATE") || iequals(word, "TIME") || iequals(word, "TIMESTAMP")) &&
      peek(1).kind == token_kind::string) {
    // DATE '2020-01-01': a typed literal.
    advance();
    auto* n = make(ast::node_kind::cast, at);
    n->type.name = word;
    n->type.pos = at;
    n->a = parse_primary();
    n->end = last_end();
    return n;
  }
  if (iequals(word, "MATCH") && peek_op("(", 1)) fail_here("MATCH ... AGAINST");
  if (iequals(word, "ROW") && peek_op("(", 1)) {
    advance();
    advance();
    auto* row = make(ast::node_kind::row, at);
    row->args = parse_expression_list();
    expect_op(")");
    row->end = last_end();
    return row;
  }
  // LEFT(, RIGHT(, MOD( and VALUES( are functions even though the words also start clauses.
  if (peek_op("(", 1) && (!is_clause_word(word) || iequals(word, "LEFT") || iequals(word, "RIGHT") ||
                          iequals(word, "MOD") || iequals(word, "VALUES"))) {
    advance();
    return parse_function(word, at);
  }
  for (const auto& f : bare_functions) {
    if (iequals(word, f)) {
      advance();
      if (peek_op("(")) return parse_function(word, at);
      auto* n = make(ast::node_kind::function, at);
      n->name = word;
      n->end = last_end();
      return n;
    }
  }
  if (is_clause_word(word)) fail_here("unexpected '" + std::string(word) + "'");
  return parse_column_or_star(at);
}

ast::node* parser::parse_column_or_star(std::uint32_t at) {
  const bool quoted = peek().kind == token_kind::quoted_identifier;
  std::string_view parts[3];
  bool part_quoted[3] = {quoted, false, false};
  int count = 0;
  parts[count++] = parse_identifier();
  while (peek_op(".") && count < 3) {
    advance();
    if (peek_op("*")) {
      advance();
      auto* n = make(ast::node_kind::star, at);
      n->qualifier = parts[count - 1];
      if (count == 2) n->schema = parts[0];
      n->end = last_end();
      return n;
    }
    part_quoted[count] = peek().kind == token_kind::quoted_identifier;
    parts[count++] = parse_identifier();
  }
  if (peek_op(".")) fail_here("a name with more than three parts");
  auto* n = make(ast::node_kind::column, at);
  n->name = parts[count - 1];
  n->name_quoted = part_quoted[count - 1];
  if (count >= 2) n->qualifier = parts[count - 2];
  if (count == 3) n->schema = parts[0];
  n->end = last_end();
  return n;
}

ast::node* parser::parse_case(std::uint32_t at) {
  auto* n = make(ast::node_kind::case_expr, at);
  if (!peek_word("WHEN")) n->a = parse_expression();
  ast::node* tail = nullptr;
  while (accept_word("WHEN")) {
    ast::node* when = parse_expression();
    expect_word("THEN");
    ast::node* then = parse_expression();
    when->next = then;
    if (tail == nullptr) n->args = when;
    else tail->next = when;
    tail = then;
  }
  if (n->args == nullptr) fail_here("CASE without WHEN");
  if (accept_word("ELSE")) n->b = parse_expression();
  expect_word("END");
  n->end = last_end();
  return n;
}

ast::type_spec parser::parse_type() {
  ast::type_spec t;
  t.pos = here();
  t.name = parse_identifier();
  // Multi-word types: SIGNED INTEGER, UNSIGNED INT, DOUBLE PRECISION, CHAR CHARACTER SET x.
  if ((iequals(t.name, "SIGNED") || iequals(t.name, "UNSIGNED")) && (peek_word("INTEGER") || peek_word("INT")))
    advance();
  if (iequals(t.name, "DOUBLE")) (void)accept_word("PRECISION");
  if (accept_op("(")) {
    t.arg1 = text_of(peek());
    advance();
    if (accept_op(",")) {
      t.arg2 = text_of(peek());
      advance();
    }
    expect_op(")");
  }
  if (peek_word("CHARACTER") && peek_word("SET", 1)) {
    advance();
    advance();
    const std::string_view charset = parse_identifier();
    if (!iequals(charset, "UTF8MB4") && !iequals(charset, "UTF8") && !iequals(charset, "UTF8MB3"))
      fail(std::string("conversion to character set ") + std::string(charset), t.pos);
  }
  return t;
}

ast::node* parser::parse_cast(std::uint32_t at, bool convert) {
  expect_op("(");
  ast::node* value = parse_expression();
  if (convert && accept_word("USING")) {
    auto* n = make(ast::node_kind::convert_using, at);
    n->a = value;
    n->name = parse_identifier();
    expect_op(")");
    n->end = last_end();
    return n;
  }
  if (convert) expect_op(",");
  else expect_word("AS");
  auto* n = make(ast::node_kind::cast, at);
  n->a = value;
  n->type = parse_type();
  expect_op(")");
  n->end = last_end();
  return n;
}

ast::node* parser::parse_interval(std::uint32_t at) {
  auto* n = make(ast::node_kind::interval, at);
  n->a = parse_bit_or();
  if (peek().kind != token_kind::word) fail_here("INTERVAL without a unit");
  n->name = text_of(peek());
  advance();
  n->end = last_end();
  return n;
}

void parser::parse_window(ast::node* fn) {
  if (!accept_word("OVER")) return;
  fn->has_window = true;
  if (!accept_op("(")) fail_here("named window");
  if (accept_word("PARTITION")) {
    expect_word("BY");
    fn->window_partition = parse_expression_list();
  }
  if (peek_word("ORDER")) fn->order = parse_order_by();
  if (peek_word("ROWS") || peek_word("RANGE")) fail_here("window frame");
  expect_op(")");
}

ast::node* parser::parse_function(std::string_view name, std::uint32_t at) {
  expect_op("(");
  auto* n = make(ast::node_kind::function, at);
  n->name = name;
  if (iequals(name, "TRIM")) {
    // TRIM([BOTH | LEADING | TRAILING] [remstr] FROM str): type.name holds the side.
    if (peek_word("BOTH") || peek_word("LEADING") || peek_word("TRAILING")) {
      n->type.name = text_of(peek());
      advance();
    }
    if (accept_word("FROM")) {
      n->args = parse_expression();
    } else {
      ast::node* first = parse_expression();
      if (accept_word("FROM")) {
        n->args = parse_expression();
        n->args->next = first;  // args: str, remstr
      } else {
        n->args = first;
      }
    }
    expect_op(")");
    n->end = last_end();
    return n;
  }
  if (iequals(name, "EXTRACT")) {
    n->type.name = parse_identifier();
    expect_word("FROM");
    n->args = parse_expression();
    expect_op(")");
    n->end = last_end();
    return n;
  }
  if (iequals(name, "POSITION")) {
    ast::node* needle = parse_bit_or();
    expect_word("IN");
    needle->next = parse_expression();
    n->args = needle;
    expect_op(")");
    n->end = last_end();
    return n;
  }
  if (accept_op(")")) {
    n->end = last_end();
    parse_window(n);
    n->end = last_end();
    return n;
  }
  if (peek_op("*") && peek_op(")", 1)) {
    advance();
    n->star_arg = true;
  } else {
    if (accept_word("DISTINCT") || accept_word("DISTINCTROW")) n->distinct = true;
    else (void)accept_word("ALL");
    n->args = parse_expression();
    ast::node* tail = n->args;
    for (;;) {
      if (accept_op(",")) {
        tail->next = parse_expression();
        tail = tail->next;
        continue;
      }
      // SUBSTRING(s FROM p FOR l)
      if ((iequals(name, "SUBSTRING") || iequals(name, "SUBSTR")) && (accept_word("FROM") || accept_word("FOR"))) {
        tail->next = parse_expression();
        tail = tail->next;
        continue;
      }
      break;
    }
    if (peek_word("ORDER")) n->order = parse_order_by();
    if (accept_word("SEPARATOR")) {
      if (peek().kind != token_kind::string) fail_here("SEPARATOR that is not a string literal");
      n->separator = parse_primary();
    }
  }
  expect_op(")");
  n->end = last_end();
  parse_window(n);
  return n;
}

// ---- SELECT ----

ast::order_item* parser::parse_order_by() {
  expect_word("ORDER");
  expect_word("BY");
  ast::order_item* head = nullptr;
  ast::order_item* tail = nullptr;
  do {
    auto* item = arena_.make<ast::order_item>();
    item->expr = parse_expression();
    if (accept_word("DESC")) item->desc = true;
    else item->asc_written = accept_word("ASC");
    if (tail == nullptr) head = item;
    else tail->next = item;
    tail = item;
  } while (accept_op(","));
  return head;
}

void parser::parse_limit(ast::node*& limit, ast::node*& offset) {
  if (!accept_word("LIMIT")) return;
  if (peek_word("ROWS") && peek_word("EXAMINED", 1)) fail_here("LIMIT ROWS EXAMINED");
  ast::node* first = parse_primary();
  if (accept_op(",")) {
    offset = first;
    limit = parse_primary();
  } else if (accept_word("OFFSET")) {
    limit = first;
    offset = parse_primary();
  } else {
    limit = first;
  }
  for (ast::node* n : {limit, offset})
    if (n != nullptr && n->kind != ast::node_kind::literal && n->kind != ast::node_kind::param)
      fail("LIMIT with an expression", n->pos);
}

ast::select_item* parser::parse_select_items() {
  ast::select_item* head = nullptr;
  ast::select_item* tail = nullptr;
  do {
    auto* item = arena_.make<ast::select_item>();
    item->pos = here();
    item->expr = parse_expression();
    item->end = last_end();
    item->alias_quoted = peek_word("AS") ? peek(1).kind == token_kind::quoted_identifier
                                         : peek().kind == token_kind::quoted_identifier;
    item->alias = parse_optional_alias(true);
    if (tail == nullptr) head = item;
    else tail->next = item;
    tail = item;
  } while (accept_op(","));
  return head;
}

void parser::parse_index_hints() {
  while ((peek_word("USE") || peek_word("FORCE") || peek_word("IGNORE")) &&
         (peek_word("INDEX", 1) || peek_word("KEY", 1))) {
    advance();
    advance();
    if (accept_word("FOR")) {
      if (!accept_word("JOIN")) {
        if (accept_word("ORDER") || accept_word("GROUP")) expect_word("BY");
        else fail_here("index hint");
      }
    }
    expect_op("(");
    while (!peek_op(")") && !at_end()) advance();
    expect_op(")");
  }
}

ast::table_ref* parser::parse_table_factor() {
  const depth_guard guard(*this);
  auto* ref = arena_.make<ast::table_ref>();
  ref->pos = here();
  if (accept_word("LATERAL")) ref->lateral = true;
  if (peek_op("(")) {
    if (peek_word("SELECT", 1) || peek_word("WITH", 1) || (peek_op("(", 1) && peek_word("SELECT", 2))) {
      advance();
      ref->kind = ast::table_ref::kind_t::derived;
      ref->derived = parse_select(false);
      expect_op(")");
      ref->alias = parse_optional_alias();
      if (ref->alias.empty()) fail("derived table without an alias", ref->pos);
      if (peek_op("(")) fail_here("derived table column list");
      return ref;
    }
    // A parenthesized join: ( a JOIN b ON ... )
    advance();
    ast::table_ref* inner = parse_table_list();
    expect_op(")");
    if (inner->next != nullptr) fail("parenthesized comma join", ref->pos);
    return inner;
  }
  parse_table_name(ref->schema, ref->name);
  if (peek_word("PARTITION")) fail_here("PARTITION selection");
  ref->alias = parse_optional_alias();
  parse_index_hints();
  return ref;
}

ast::table_ref* parser::parse_table_ref() {
  int chain = 0;
  ast::table_ref* left = parse_table_factor();
  for (;;) {
    const std::uint32_t at = here();
    ast::join_kind kind;
    if (accept_word("JOIN")) kind = ast::join_kind::inner;
    else if (peek_word("INNER") || peek_word("CROSS")) {
      kind = peek_word("INNER") ? ast::join_kind::inner : ast::join_kind::cross;
      advance();
      expect_word("JOIN");
    } else if (accept_word("STRAIGHT_JOIN")) kind = ast::join_kind::straight;
    else if (peek_word("LEFT") || peek_word("RIGHT")) {
      kind = peek_word("LEFT") ? ast::join_kind::left : ast::join_kind::right;
      advance();
      (void)accept_word("OUTER");
      expect_word("JOIN");
    } else if (accept_word("NATURAL")) {
      kind = ast::join_kind::natural_inner;
      if (accept_word("LEFT")) kind = ast::join_kind::natural_left;
      else if (accept_word("RIGHT")) kind = ast::join_kind::natural_right;
      else (void)accept_word("INNER");
      (void)accept_word("OUTER");
      expect_word("JOIN");
    } else if (peek_word("FULL")) {
      fail_here("FULL JOIN");
    } else {
      return left;
    }
    auto* join = arena_.make<ast::table_ref>();
    join->kind = ast::table_ref::kind_t::join;
    join->pos = at;
    join->join = kind;
    join->left = left;
    join->right = parse_table_factor();
    long_chain_check(++chain);
    if (accept_word("ON")) {
      join->on = parse_expression();
    } else if (accept_word("USING")) {
      join->using_columns = parse_column_list();
    } else if (kind == ast::join_kind::left || kind == ast::join_kind::right) {
      fail("outer join without ON or USING", at);
    }
    left = join;
  }
}

ast::table_ref* parser::parse_table_list() {
  ast::table_ref* head = parse_table_ref();
  ast::table_ref* tail = head;
  while (accept_op(",")) {
    tail->next = parse_table_ref();
    tail = tail->next;
  }
  return head;
}

ast::select_core* parser::parse_select_core() {
  auto* core = arena_.make<ast::select_core>();
  core->pos = here();
  expect_word("SELECT");
  for (;;) {
    if (accept_word("DISTINCT") || accept_word("DISTINCTROW")) core->distinct = true;
    else if (accept_word("ALL") || accept_word("HIGH_PRIORITY") || accept_word("STRAIGHT_JOIN") ||
             accept_word("SQL_SMALL_RESULT") || accept_word("SQL_BIG_RESULT") || accept_word("SQL_BUFFER_RESULT") ||
             accept_word("SQL_NO_CACHE") || accept_word("SQL_CACHE")) {
    } else if (accept_word("SQL_CALC_FOUND_ROWS")) core->calc_found_rows = true;
    else break;
  }
  core->items = parse_select_items();
  if (peek_word("INTO")) fail_here("SELECT ... INTO");
  if (accept_word("FROM")) {
    if (accept_word("DUAL")) {
    } else {
      core->from = parse_table_list();
    }
  }
  if (accept_word("WHERE")) core->where = parse_expression();
  if (accept_word("GROUP")) {
    expect_word("BY");
    core->group_by = parse_expression();
    ast::node* tail = core->group_by;
    (void)(accept_word("ASC") || accept_word("DESC"));
    while (accept_op(",")) {
      tail->next = parse_expression();
      tail = tail->next;
      if (peek_word("ASC") || peek_word("DESC")) fail_here("GROUP BY ... ASC / DESC");
    }
    if (peek_word("WITH") && peek_word("ROLLUP", 1)) fail_here("WITH ROLLUP");
  }
  if (accept_word("HAVING")) core->having = parse_expression();
  if (peek_word("WINDOW")) fail_here("WINDOW clause");
  if (peek_word("ORDER")) core->order = parse_order_by();
  parse_limit(core->limit, core->offset);
  if (peek_word("PROCEDURE")) fail_here("PROCEDURE ANALYSE");
  if (peek_word("INTO")) fail_here("SELECT ... INTO");
  if (accept_word("FOR")) {
    if (accept_word("UPDATE")) core->lock = ast::lock_kind::for_update;
    else if (accept_word("SHARE")) core->lock = ast::lock_kind::for_share;
    else fail_here("FOR clause");
    if (peek_word("OF")) fail_here("FOR UPDATE OF");
    if (accept_word("NOWAIT")) core->lock_wait = "NOWAIT";
    else if (peek_word("SKIP") && peek_word("LOCKED", 1)) {
      advance();
      advance();
      core->lock_wait = "SKIP LOCKED";
    } else if (peek_word("WAIT")) {
      fail_here("FOR UPDATE WAIT n");
    }
  } else if (accept_word("LOCK")) {
    expect_word("IN");
    expect_word("SHARE");
    expect_word("MODE");
    core->lock = ast::lock_kind::for_share;
  }
  return core;
}

ast::query_term* parser::parse_query_primary() {
  auto* term = arena_.make<ast::query_term>();
  if (peek_op("(")) {
    advance();
    term->parenthesized = parse_select(false);
    expect_op(")");
    return term;
  }
  term->core = parse_select_core();
  return term;
}

ast::query_term* parser::parse_query_term() {
  int chain = 0;
  // INTERSECT binds tighter than UNION and EXCEPT.
  auto parse_intersect_level = [this, &chain]() {
    ast::query_term* left = parse_query_primary();
    while (peek_word("INTERSECT")) {
      advance();
      auto* t = arena_.make<ast::query_term>();
      t->oper = accept_word("ALL") ? ast::set_op::intersect_all : ast::set_op::intersect_;
      (void)accept_word("DISTINCT");
      t->left = left;
      t->right = parse_query_primary();
      left = t;
      long_chain_check(++chain);
    }
    return left;
  };
  ast::query_term* left = parse_intersect_level();
  while (peek_word("UNION") || peek_word("EXCEPT")) {
    const bool is_union = peek_word("UNION");
    advance();
    const bool all = accept_word("ALL");
    if (!all) (void)accept_word("DISTINCT");
    auto* t = arena_.make<ast::query_term>();
    t->oper = is_union ? (all ? ast::set_op::union_all : ast::set_op::union_)
                       : (all ? ast::set_op::except_all : ast::set_op::except_);
    t->left = left;
    t->right = parse_intersect_level();
    left = t;
    long_chain_check(++chain);
  }
  return left;
}

ast::select_stmt* parser::parse_select(bool top_level) {
  const depth_guard guard(*this);
  auto* stmt = arena_.make<ast::select_stmt>();
  stmt->pos = here();
  if (accept_word("WITH")) {
    stmt->recursive = accept_word("RECURSIVE");
    ast::cte* tail = nullptr;
    do {
      auto* c = arena_.make<ast::cte>();
      c->name = parse_identifier();
      if (peek_op("(")) c->columns = parse_column_list();
      expect_word("AS");
      expect_op("(");
      c->query = parse_select(false);
      expect_op(")");
      if (tail == nullptr) stmt->with = c;
      else tail->next = c;
      tail = c;
    } while (accept_op(","));
  }
  stmt->body = parse_query_term();
  if (stmt->body->oper != ast::set_op::none) {
    // ORDER BY / LIMIT written after the last SELECT of a set operation apply to the whole.
    ast::query_term* last = stmt->body;
    while (last->oper != ast::set_op::none) last = last->right;
    if (last->core != nullptr) {
      stmt->order = last->core->order;
      stmt->limit = last->core->limit;
      stmt->offset = last->core->offset;
      last->core->order = nullptr;
      last->core->limit = last->core->offset = nullptr;
      if (last->core->lock != ast::lock_kind::none) fail("locking clause on a set operation", last->core->pos);
    }
  } else if (stmt->body->parenthesized != nullptr) {
    if (peek_word("ORDER")) stmt->order = parse_order_by();
    parse_limit(stmt->limit, stmt->offset);
  }
  if (top_level) expect_end();
  return stmt;
}

ast::select_stmt* parser::parse_select_statement() { return parse_select(true); }

// ---- INSERT / REPLACE / UPDATE / DELETE ----

ast::node* parser::parse_column_list() {
  expect_op("(");
  ast::node* head = nullptr;
  ast::node* tail = nullptr;
  if (!peek_op(")")) {
    do {
      ast::node* c = parse_column_or_star(here());
      if (c->kind != ast::node_kind::column) fail("column list with *", c->pos);
      if (tail == nullptr) head = c;
      else tail->next = c;
      tail = c;
    } while (accept_op(","));
  }
  expect_op(")");
  return head;
}

ast::assignment* parser::parse_assignments() {
  ast::assignment* head = nullptr;
  ast::assignment* tail = nullptr;
  do {
    auto* a = arena_.make<ast::assignment>();
    a->column = parse_column_or_star(here());
    if (a->column->kind != ast::node_kind::column) fail("assignment to *", a->column->pos);
    if (!accept_op("=") && !accept_op(":=")) fail_here("expected '='");
    a->value = parse_expression();
    if (tail == nullptr) head = a;
    else tail->next = a;
    tail = a;
  } while (accept_op(","));
  return head;
}

ast::insert_stmt* parser::parse_insert_statement() {
  auto* ins = arena_.make<ast::insert_stmt>();
  ins->pos = here();
  if (accept_word("REPLACE")) ins->replace = true;
  else expect_word("INSERT");
  for (;;) {
    if (accept_word("LOW_PRIORITY") || accept_word("DELAYED") || accept_word("HIGH_PRIORITY")) continue;
    if (accept_word("IGNORE")) {
      ins->ignore = true;
      continue;
    }
    break;
  }
  (void)accept_word("INTO");
  parse_table_name(ins->schema, ins->table);
  if (peek_word("PARTITION")) fail_here("PARTITION selection");
  if (peek_op("(") && !peek_word("SELECT", 1) && !peek_word("WITH", 1)) ins->columns = parse_column_list();
  if (accept_word("VALUES") || accept_word("VALUE")) {
    ast::values_row* tail = nullptr;
    do {
      (void)accept_word("ROW");
      expect_op("(");
      auto* row = arena_.make<ast::values_row>();
      if (!peek_op(")")) row->values = parse_expression_list();
      expect_op(")");
      if (tail == nullptr) ins->rows = row;
      else tail->next = row;
      tail = row;
    } while (accept_op(","));
    if (accept_word("AS")) {
      ins->row_alias = parse_identifier();
      if (peek_op("(")) ins->row_alias_columns = parse_column_list();
    }
  } else if (accept_word("SET")) {
    ins->set_list = parse_assignments();
  } else if (peek_word("SELECT") || peek_word("WITH") || peek_op("(")) {
    ins->select = parse_select(false);
  } else if (peek_word("TABLE")) {
    fail_here("INSERT ... TABLE");
  } else {
    fail_here("expected VALUES, SET or SELECT");
  }
  if (peek_word("ON")) {
    if (ins->replace) fail_here("REPLACE ... ON DUPLICATE KEY UPDATE");
    ins->on_duplicate_pos = here();
    advance();
    expect_word("DUPLICATE");
    expect_word("KEY");
    expect_word("UPDATE");
    ins->on_duplicate = parse_assignments();
  }
  if (peek_word("RETURNING")) fail_here("RETURNING");
  expect_end();
  return ins;
}

ast::update_stmt* parser::parse_update_statement() {
  auto* upd = arena_.make<ast::update_stmt>();
  upd->pos = here();
  expect_word("UPDATE");
  for (;;) {
    if (accept_word("LOW_PRIORITY")) continue;
    if (accept_word("IGNORE")) {
      upd->ignore = true;
      continue;
    }
    break;
  }
  upd->tables = parse_table_list();
  expect_word("SET");
  upd->set_list = parse_assignments();
  if (accept_word("WHERE")) upd->where = parse_expression();
  if (peek_word("ORDER")) upd->order = parse_order_by();
  if (accept_word("LIMIT")) {
    upd->limit = parse_primary();
    if (upd->limit->kind != ast::node_kind::literal && upd->limit->kind != ast::node_kind::param)
      fail("LIMIT with an expression", upd->limit->pos);
  }
  expect_end();
  return upd;
}

ast::delete_stmt* parser::parse_delete_statement() {
  auto* del = arena_.make<ast::delete_stmt>();
  del->pos = here();
  expect_word("DELETE");
  for (;;) {
    if (accept_word("LOW_PRIORITY") || accept_word("QUICK")) continue;
    if (accept_word("IGNORE")) {
      del->ignore = true;
      continue;
    }
    break;
  }
  auto parse_targets = [this]() {
    ast::table_ref* head = nullptr;
    ast::table_ref* tail = nullptr;
    do {
      auto* t = arena_.make<ast::table_ref>();
      t->pos = here();
      parse_table_name(t->schema, t->name);
      if (accept_op(".")) expect_op("*");
      if (tail == nullptr) head = t;
      else tail->next = t;
      tail = t;
    } while (accept_op(","));
    return head;
  };
  if (accept_word("FROM")) {
    // DELETE FROM t [alias] ... or DELETE FROM t1, t2 USING ...
    const std::size_t mark = pos_;
    ast::table_ref* targets = parse_targets();
    if (accept_word("USING")) {
      del->multi = true;
      del->targets = targets;
      del->tables = parse_table_list();
    } else {
      pos_ = mark;
      del->tables = parse_table_factor();
      if (del->tables->kind != ast::table_ref::kind_t::table) fail("DELETE from a derived table", del->pos);
    }
  } else {
    del->multi = true;
    del->targets = parse_targets();
    expect_word("FROM");
    del->tables = parse_table_list();
  }
  if (peek_word("PARTITION")) fail_here("PARTITION selection");
  if (accept_word("WHERE")) del->where = parse_expression();
  if (peek_word("ORDER")) del->order = parse_order_by();
  if (accept_word("LIMIT")) {
    del->limit = parse_primary();
    if (del->limit->kind != ast::node_kind::literal && del->limit->kind != ast::node_kind::param)
      fail("LIMIT with an expression", del->limit->pos);
  }
  if (peek_word("RETURNING")) fail_here("RETURNING");
  expect_end();
  return del;
}

}  // namespace switchyard::sql
