// A zero-copy, allocation-free lexer for MySQL's SQL dialect (pure tier: no I/O, no exceptions).
//
// Tokens are spans (offset, length) into the caller's text, which must outlive them. Comments and
// whitespace are skipped; executable comments (`/*! ... */`, `/*!50700 ... */`, MariaDB's `/*M! */`)
// are lexed as code with their version number skipped; optimizer hints (`/*+ ... */`) are comments.
// Malformed input (an unterminated string, quoted identifier or comment, a bad X'..' / b'..'
// literal) yields one `error` token spanning from the bad construct to the end of the
// text (for an executable comment left open, whose code has been returned already, an empty
// `error` token at the end); after it, and at the end of the text, `next()` returns `end` forever.
// Tokens come in text order and never overlap.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace switchyard::sql {

// The sql_mode flags that change how MySQL lexes.
struct sql_mode {
  bool ansi_quotes = false;           // "x" is an identifier, not a string
  bool no_backslash_escapes = false;  // a backslash inside a string is an ordinary character
  bool pipes_as_concat = false;       // || is string concatenation, not logical OR
};

enum class token_kind : std::uint8_t {
  end,                // end of the text
  error,              // malformed input from `offset` to the end of the text
  word,               // identifier or keyword, unquoted (`select`, `t1`, `1abc`, `0x`, `0xg`)
  quoted_identifier,  // `x` (or "x" under ANSI_QUOTES); `quote` says which
  string,             // 'x', "x" (not under ANSI_QUOTES), N'x', _utf8mb4'x' (introducer_length > 0)
  number,             // 1, 1.5, 1e3, 1.5E-3, .5, 1. (flags: number_decimal, number_float)
  hex_literal,        // X'4142' or 0x4142 (flag literal_quoted for X'..'); may carry an introducer
  bit_literal,        // b'0101' or 0b0101 (flag literal_quoted for b'..'); may carry an introducer
  placeholder,        // ?
  user_variable,      // @x, @'x', @"x", @`x`
  system_variable,    // @@x, @@session.x, @@global.x, @@`x`
  op,                 // operators and punctuation (a lone `@`, any other byte: one-byte op): ( ) , . + - * / % = := <=> -> ->> || && ...
  semicolon,          // ;
};

// token::flags bits.
namespace token_flag {
inline constexpr std::uint8_t backslash_escapes = 1u << 0;  // string holds a backslash escape
inline constexpr std::uint8_t doubled_quote = 1u << 1;      // string/identifier holds '' "" or ``
inline constexpr std::uint8_t national = 1u << 2;           // N'...'
inline constexpr std::uint8_t literal_quoted = 1u << 3;     // X'..' / b'..' rather than 0x.. / 0b..
inline constexpr std::uint8_t number_decimal = 1u << 4;     // has a decimal point
inline constexpr std::uint8_t number_float = 1u << 5;       // has an exponent
inline constexpr std::uint8_t concat = 1u << 6;             // `||` under PIPES_AS_CONCAT
inline constexpr std::uint8_t in_executable_comment = 1u << 7;  // token came from /*! ... */
}  // namespace token_flag

struct token {
  token_kind kind = token_kind::end;
  std::uint8_t flags = 0;
  char quote = 0;  // opening quote char of strings, quoted identifiers, quoted variables; else 0
  std::uint8_t reserved_ = 0;
  std::uint32_t offset = 0;  // into the source text
  std::uint32_t length = 0;
  // For introduced literals (`_utf8mb4'x'`, `_binary X'ff'`): bytes from `offset` to the literal,
  // i.e. the `_charset` word plus any whitespace after it. 0 otherwise.
  std::uint32_t introducer_length = 0;

  [[nodiscard]] bool has(std::uint8_t flag) const noexcept { return (flags & flag) != 0; }
};

// The token's text, including quotes, prefixes and introducer.
[[nodiscard]] std::string_view token_text(const token& t, std::string_view source) noexcept;
// A string's, quoted identifier's or quoted literal's raw body between its quotes (escapes and
// doubled quotes left as written); for other kinds, token_text.
[[nodiscard]] std::string_view token_body(const token& t, std::string_view source) noexcept;
// The introducer without the leading `_` (`utf8mb4`), or empty.
[[nodiscard]] std::string_view token_introducer(const token& t, std::string_view source) noexcept;
// Case-insensitive (ASCII) comparison of a `word` token with an upper-case keyword.
[[nodiscard]] bool word_is(const token& t, std::string_view source, std::string_view upper_keyword) noexcept;
// Whether `t` is an `op` token spelled exactly `op`.
[[nodiscard]] bool op_is(const token& t, std::string_view source, std::string_view op) noexcept;

class lexer {
 public:
  // Texts of 4 GiB or more cannot be addressed by uint32 offsets: the first token is `error`.
  explicit lexer(std::string_view source, sql_mode mode = {}) noexcept;

  [[nodiscard]] token next() noexcept;

  [[nodiscard]] std::string_view source() const noexcept { return src_; }
  [[nodiscard]] sql_mode mode() const noexcept { return mode_; }
  // Offset of the next byte to be lexed.
  [[nodiscard]] std::uint32_t position() const noexcept { return pos_; }

 private:
  [[nodiscard]] token make(token_kind kind, std::uint32_t begin, std::uint32_t end, std::uint8_t flags = 0,
                           char quote = 0) noexcept;
  [[nodiscard]] token fail(std::uint32_t begin) noexcept;
  // Skips whitespace and comments; enters/leaves executable comments. False on an unterminated
  // comment (an error token is then pending at error_at_).
  [[nodiscard]] bool skip_trivia() noexcept;
  [[nodiscard]] token lex_quoted(std::uint32_t begin, std::uint32_t quote_at, token_kind kind,
                                 std::uint8_t flags, bool backslashes) noexcept;
  [[nodiscard]] token lex_number_or_word(std::uint32_t begin) noexcept;
  [[nodiscard]] token lex_word(std::uint32_t begin) noexcept;
  [[nodiscard]] token lex_variable(std::uint32_t begin) noexcept;
  [[nodiscard]] token lex_operator(std::uint32_t begin) noexcept;
  [[nodiscard]] token lex_dot(std::uint32_t begin, char next) noexcept;
  [[nodiscard]] token lex_radix_literal(std::uint32_t begin, std::uint32_t quote_at, token_kind kind) noexcept;
  [[nodiscard]] bool try_introducer(std::uint32_t begin, std::uint32_t word_end, token& out) noexcept;

  std::string_view src_;
  sql_mode mode_;
  std::uint32_t pos_ = 0;
  std::uint32_t error_at_ = 0;
  bool done_ = false;
  bool in_executable_comment_ = false;
  std::uint32_t last_end_ = UINT32_MAX;       // end offset of the last word / quoted identifier
  std::uint32_t qualified_at_ = UINT32_MAX;   // after `ident.`: a name starting here is a word (t.1a)
};

// Splits a multi-statement text on `;` outside strings, quoted identifiers and comments. Each
// statement holding no token (empty, or only comments) is skipped. A statement spans from its
// first token to its last (comments before or after it are left out; an executable comment around
// it is kept whole). After an `error` token the rest of the text is one last statement.
// `DELIMITER` is a client command and is not understood.
class statement_splitter {
 public:
  explicit statement_splitter(std::string_view text, sql_mode mode = {}) noexcept : lex_(text, mode) {}
  // Next statement into `out`; false when there is none left.
  [[nodiscard]] bool next(std::string_view& out) noexcept;

 private:
  lexer lex_;
  std::uint32_t consumed_ = 0;  // end of the last statement returned
  bool done_ = false;
};

// Appends every statement of `text` to `out`.
void split_statements(std::string_view text, sql_mode mode, std::vector<std::string_view>& out);

}  // namespace switchyard::sql
