#include "sql/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace switchyard::sql {
namespace {

const char* kind_name(token_kind k) {
  switch (k) {
    case token_kind::end: return "end";
    case token_kind::error: return "error";
    case token_kind::word: return "w";
    case token_kind::quoted_identifier: return "qi";
    case token_kind::string: return "s";
    case token_kind::number: return "n";
    case token_kind::hex_literal: return "hex";
    case token_kind::bit_literal: return "bit";
    case token_kind::placeholder: return "ph";
    case token_kind::user_variable: return "uv";
    case token_kind::system_variable: return "sv";
    case token_kind::op: return "op";
    case token_kind::semicolon: return "semi";
  }
  return "?";
}

// Every token as kind:text, separated by '|'; the final `end` is left out.
std::string lex_all(std::string_view text, sql_mode mode = {}) {
  lexer lex(text, mode);
  std::string out;
  for (int guard = 0; guard < 10000; ++guard) {
    const token t = lex.next();
    if (t.kind == token_kind::end) break;
    if (!out.empty()) out += '|';
    out += kind_name(t.kind);
    out += ':';
    out += token_text(t, text);
    EXPECT_LE(t.offset + t.length, text.size());
  }
  return out;
}

struct row {
  const char* input;
  const char* expected;
};

void check(const row* rows, std::size_t count, sql_mode mode) {
  for (std::size_t i = 0; i < count; ++i) {
    EXPECT_EQ(lex_all(rows[i].input, mode), rows[i].expected) << "input: " << rows[i].input;
  }
}

constexpr sql_mode default_mode{};
constexpr sql_mode ansi{.ansi_quotes = true};
constexpr sql_mode no_backslash{.no_backslash_escapes = true};
constexpr sql_mode pipes{.pipes_as_concat = true};

TEST(lexer, words_numbers_and_operators) {
  const row rows[] = {
      {"SELECT c FROM sbtest1 WHERE id=42", "w:SELECT|w:c|w:FROM|w:sbtest1|w:WHERE|w:id|op:=|n:42"},
      {"", ""},
      {"   \t\n ", ""},
      {"a$b _x é1", "w:a$b|w:_x|w:é1"},
      {"1 1.5 1e3 1.5E-3 .5 1. 1.e3 1e+10", "n:1|n:1.5|n:1e3|n:1.5E-3|n:.5|n:1.|n:1.e3|n:1e+10"},
      {"1abc 123e 1e3x 1.5abc", "w:1abc|w:123e|n:1e3|w:x|n:1.5|w:abc"},
      {"1.e", "n:1.|w:e"},
      {"t.1a t.1e3 `t`.5 db.t.c", "w:t|op:.|w:1a|w:t|op:.|w:1e3|qi:`t`|op:.|w:5|w:db|op:.|w:t|op:.|w:c"},
      {"t .5", "w:t|n:.5"},
      {"0x1F 0x 0xg 0X1F 0b01 0b 0b2 0x1Fg", "hex:0x1F|w:0x|w:0xg|w:0X1F|bit:0b01|w:0b|w:0b2|w:0x1Fg"},
      {"X'4142' x'' b'0101' B'1'", "hex:X'4142'|hex:x''|bit:b'0101'|bit:B'1'"},
      {"a:=1 a<=>b a->'$.x' a->>'$.x'", "w:a|op::=|n:1|w:a|op:<=>|w:b|w:a|op:->|s:'$.x'|w:a|op:->>|s:'$.x'"},
      {"a<=b>=c<>d!=e&&f<<1>>2", "w:a|op:<=|w:b|op:>=|w:c|op:<>|w:d|op:!=|w:e|op:&&|w:f|op:<<|n:1|op:>>|n:2"},
      {"(a,b)+-*/%~^|&!{}", "op:(|w:a|op:,|w:b|op:)|op:+|op:-|op:*|op:/|op:%|op:~|op:^|op:||op:&|op:!|op:{|op:}"},
      {"a||b", "w:a|op:|||w:b"},
      {"? ?;", "ph:?|ph:?|semi:;"},
      {"@x @'x y' @\"x\" @`x``y` @a.b @", "uv:@x|uv:@'x y'|uv:@\"x\"|uv:@`x``y`|uv:@a.b|op:@"},
      {"@@x @@session.x @@GLOBAL.max_connections @@`x`", "sv:@@x|sv:@@session.x|sv:@@GLOBAL.max_connections|sv:@@`x`"},
      {"'u'@'h' 'u'@localhost", "s:'u'|uv:@'h'|s:'u'|uv:@localhost"},
  };
  check(rows, std::size(rows), default_mode);
}

TEST(lexer, strings_and_identifiers) {
  const row rows[] = {
      {"'a' 'it''s' 'a\\'b' 'a\\\\'", "s:'a'|s:'it''s'|s:'a\\'b'|s:'a\\\\'"},
      {"\"a\" \"a\"\"b\" \"a\\\"b\"", "s:\"a\"|s:\"a\"\"b\"|s:\"a\\\"b\""},
      {"`a` `a``b` `a\\`", "qi:`a`|qi:`a``b`|qi:`a\\`"},
      {"N'abc' n'x' _utf8mb4'x' _binary'\\0' _UTF8MB4 'x' _latin1 X'41' _binary 0x41 _binary b'1'",
       "s:N'abc'|s:n'x'|s:_utf8mb4'x'|s:_binary'\\0'|s:_UTF8MB4 'x'|hex:_latin1 X'41'|hex:_binary 0x41|bit:_binary b'1'"},
      {"_foo 'alias' _utf8mb4 c", "w:_foo|s:'alias'|w:_utf8mb4|w:c"},
      {"N 'x'", "w:N|s:'x'"},
  };
  check(rows, std::size(rows), default_mode);
}

TEST(lexer, comments_hints_and_executable_comments) {
  const row rows[] = {
      {"a # comment\nb", "w:a|w:b"},
      {"a -- comment\nb", "w:a|w:b"},
      {"a --\tx\nb", "w:a|w:b"},
      {"a --", "w:a"},
      {"a --1", "w:a|op:-|op:-|n:1"},
      {"a --x", "w:a|op:-|op:-|w:x"},
      {"a /* c */ b /**/ c", "w:a|w:b|w:c"},
      {"SELECT /*+ MAX_EXECUTION_TIME(1) */ 1", "w:SELECT|n:1"},
      {"/*!40101 SET NAMES utf8 */;", "w:SET|w:NAMES|w:utf8|semi:;"},
      {"SELECT /*! STRAIGHT_JOIN */ a", "w:SELECT|w:STRAIGHT_JOIN|w:a"},
      {"/*!50700 1*/ /*!800341 2 */ /*M!100100 3 */", "n:1|n:2|n:3"},
      {"/*!50700 a /* inner */ b */ c", "w:a|w:b|w:c"},
      {"'/* not a comment */' `#x`", "s:'/* not a comment */'|qi:`#x`"},
  };
  check(rows, std::size(rows), default_mode);
}

TEST(lexer, ansi_quotes) {
  const row rows[] = {
      {"\"a\" \"a\"\"b\" 'x'", "qi:\"a\"|qi:\"a\"\"b\"|s:'x'"},
      {"\"a\\\"", "qi:\"a\\\""},  // no backslash escapes in identifiers
      {"_utf8mb4\"x\"", "w:_utf8mb4|qi:\"x\""},
      {"@\"x\"", "uv:@\"x\""},
  };
  check(rows, std::size(rows), ansi);
}

TEST(lexer, no_backslash_escapes) {
  const row rows[] = {
      {"'a\\' 'b'", "s:'a\\'|s:'b'"},
      {"'a\\''b'", "s:'a\\''b'"},
      {"\"a\\\" x", "s:\"a\\\"|w:x"},
  };
  check(rows, std::size(rows), no_backslash);
  // The same texts with escapes: the backslash swallows the quote.
  EXPECT_EQ(lex_all("'a\\' 'b'"), "s:'a\\' '|error:b'");  // b' opens a bit literal
}

TEST(lexer, pipes_as_concat_flags_the_operator) {
  const std::string_view text = "a || b";
  for (const bool concat : {false, true}) {
    lexer lex(text, sql_mode{.pipes_as_concat = concat});
    EXPECT_EQ(lex.mode().pipes_as_concat, concat);
    (void)lex.next();
    const token t = lex.next();
    EXPECT_TRUE(op_is(t, text, "||"));
    EXPECT_EQ(t.has(token_flag::concat), concat);
  }
  EXPECT_EQ(lex_all("a||b", pipes), "w:a|op:|||w:b");
}

TEST(lexer, malformed_input_is_one_error_token_to_the_end) {
  const row rows[] = {
      {"SELECT 'abc", "w:SELECT|error:'abc"},
      {"SELECT 'abc\\", "w:SELECT|error:'abc\\"},
      {"'\\", "error:'\\"},
      {"\"abc", "error:\"abc"},
      {"`abc", "error:`abc"},
      {"`a``", "error:`a``"},
      {"a /* open", "w:a|error:/* open"},
      {"a /*", "w:a|error:/*"},
      {"a /*+ hint", "w:a|error:/*+ hint"},
      {"/*!50700 SELECT 1", "w:SELECT|n:1|error:"},  // empty, at the end: its code came already
      {"N'x", "error:N'x"},
      {"_utf8mb4'x", "error:_utf8mb4'x"},
      {"X'41", "error:X'41"},
      {"X'4'", "error:X'4'"},
      {"X'4g'", "error:X'4g'"},
      {"b'012'", "error:b'012'"},
      {"@'x", "error:@'x"},
      {"@@`x", "error:@@`x"},
  };
  check(rows, std::size(rows), default_mode);
  check(rows + 7, 3, ansi);
  // After the error, end forever; never past the text.
  lexer lex("'x");
  EXPECT_EQ(lex.next().kind, token_kind::error);
  for (int i = 0; i < 3; ++i) {
    const token t = lex.next();
    EXPECT_EQ(t.kind, token_kind::end);
    EXPECT_EQ(t.offset, 2u);
  }
}

TEST(lexer, token_fields) {
  const std::string_view text = "_utf8mb4 'it''s' N'a\\nb' `x``y` 1.5e3 X'41' 0x41";
  lexer lex(text);
  token t = lex.next();
  EXPECT_EQ(t.kind, token_kind::string);
  EXPECT_EQ(t.introducer_length, 9u);
  EXPECT_EQ(token_introducer(t, text), "utf8mb4");
  EXPECT_EQ(token_body(t, text), "it''s");
  EXPECT_EQ(t.quote, '\'');
  EXPECT_TRUE(t.has(token_flag::doubled_quote));
  EXPECT_FALSE(t.has(token_flag::backslash_escapes));
  t = lex.next();
  EXPECT_TRUE(t.has(token_flag::national));
  EXPECT_TRUE(t.has(token_flag::backslash_escapes));
  EXPECT_EQ(token_body(t, text), "a\\nb");
  t = lex.next();
  EXPECT_EQ(t.kind, token_kind::quoted_identifier);
  EXPECT_EQ(t.quote, '`');
  EXPECT_EQ(token_body(t, text), "x``y");
  t = lex.next();
  EXPECT_TRUE(t.has(token_flag::number_decimal));
  EXPECT_TRUE(t.has(token_flag::number_float));
  t = lex.next();
  EXPECT_TRUE(t.has(token_flag::literal_quoted));
  EXPECT_EQ(token_body(t, text), "41");
  t = lex.next();
  EXPECT_FALSE(t.has(token_flag::literal_quoted));
  EXPECT_EQ(lex.next().kind, token_kind::end);
  EXPECT_EQ(sizeof(token), 16u);
}

TEST(lexer, word_is_is_case_insensitive_and_exact) {
  const std::string_view text = "select SELECTs `select` Select";
  lexer lex(text);
  const token a = lex.next(), b = lex.next(), c = lex.next(), d = lex.next();
  EXPECT_TRUE(word_is(a, text, "SELECT"));
  EXPECT_FALSE(word_is(b, text, "SELECT"));
  EXPECT_FALSE(word_is(c, text, "SELECT"));  // a quoted identifier is never a keyword
  EXPECT_TRUE(word_is(d, text, "SELECT"));
}

TEST(lexer, executable_comment_tokens_are_flagged) {
  const std::string_view text = "a /*!50700 b */ c";
  lexer lex(text);
  EXPECT_FALSE(lex.next().has(token_flag::in_executable_comment));
  EXPECT_TRUE(lex.next().has(token_flag::in_executable_comment));
  EXPECT_FALSE(lex.next().has(token_flag::in_executable_comment));
}

std::vector<std::string_view> split(std::string_view text, sql_mode mode = {}) {
  std::vector<std::string_view> out;
  split_statements(text, mode, out);
  return out;
}

using sv_list = std::vector<std::string_view>;

TEST(split_statements, splits_on_semicolons_outside_strings_and_comments) {
  EXPECT_EQ(split("SELECT 1; SELECT 2"), (sv_list{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(split("SELECT 1;"), (sv_list{"SELECT 1"}));
  EXPECT_EQ(split(" ;; SELECT ';' ; ;"), (sv_list{"SELECT ';'"}));
  EXPECT_EQ(split("SELECT \"a;b\", `c;d` -- x;y\n; SELECT 2 # ;\n"),
            (sv_list{"SELECT \"a;b\", `c;d`", "SELECT 2"}));
  EXPECT_EQ(split("/* a; */ SELECT 1 /* b; */; /* only a comment */;"), (sv_list{"SELECT 1"}));
  EXPECT_EQ(split("/*!40101 SET NAMES utf8 */;\nSELECT 1"), (sv_list{"/*!40101 SET NAMES utf8 */", "SELECT 1"}));
  EXPECT_EQ(split("SELECT 'a\\';b'; SELECT 2"), (sv_list{"SELECT 'a\\';b'", "SELECT 2"}));
  EXPECT_EQ(split("SELECT 'a\\';b'; SELECT 2", no_backslash), (sv_list{"SELECT 'a\\'", "b'; SELECT 2"}));
  EXPECT_EQ(split("SELECT 1; SELECT 'open; SELECT 3"), (sv_list{"SELECT 1", "SELECT 'open; SELECT 3"}));
  EXPECT_EQ(split(""), sv_list{});
  EXPECT_EQ(split("/*!"), sv_list{});
  EXPECT_EQ(split("/*!40101 SET a = 1; SET b = 2 */; SELECT 3"),
            (sv_list{"/*!40101 SET a = 1", "SET b = 2 */", "SELECT 3"}));
  EXPECT_EQ(split("BEGIN; INSERT INTO t VALUES (1); COMMIT"), (sv_list{"BEGIN", "INSERT INTO t VALUES (1)", "COMMIT"}));
}

TEST(split_statements, iterator_form) {
  statement_splitter s("a; b;c");
  std::string_view stmt;
  ASSERT_TRUE(s.next(stmt));
  EXPECT_EQ(stmt, "a");
  ASSERT_TRUE(s.next(stmt));
  EXPECT_EQ(stmt, "b");
  ASSERT_TRUE(s.next(stmt));
  EXPECT_EQ(stmt, "c");
  EXPECT_FALSE(s.next(stmt));
  EXPECT_FALSE(s.next(stmt));
}

}  // namespace
}  // namespace switchyard::sql
