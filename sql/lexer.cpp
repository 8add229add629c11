#include "sql/lexer.hpp"

#include "sql/shape_hash.hpp"
#include "sql/token_buffer.hpp"

#include <array>
#include <cstddef>

namespace switchyard::sql {
namespace {

// One table lookup per byte for the character classes the lexer asks about.
enum : std::uint8_t { c_ident = 1, c_digit = 2, c_space = 4, c_hex = 8, c_trivia = 16 };
constexpr std::array<std::uint8_t, 256> char_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = 0;
    const bool digit = c >= '0' && c <= '9';
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    // MySQL's ident_map: letters, digits, `_`, `$` and every byte of a multi-byte character.
    if (digit || alpha || c == '_' || c == '$' || c >= 0x80) k |= c_ident;
    if (digit) k |= c_digit;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') k |= c_space;
    if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) k |= c_hex;
    // Bytes where whitespace or a comment may start (or an executable comment end).
    if ((k & c_space) != 0 || c == '#' || c == '-' || c == '/' || c == '*') k |= c_trivia;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}();

// What a token starting with a byte can be: one switch in lexer::next instead of a chain of tests.
enum start_class : std::uint8_t {
  s_operator, s_word, s_digit, s_backtick, s_double_quote, s_single_quote, s_n, s_x, s_b, s_dot,
  s_placeholder, s_semicolon, s_at,
};
constexpr std::array<std::uint8_t, 256> start_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = s_operator;
    if ((char_classes[static_cast<std::size_t>(c)] & c_ident) != 0) k = s_word;
    if (c >= '0' && c <= '9') k = s_digit;
    if (c == 'n' || c == 'N') k = s_n;
    if (c == 'x' || c == 'X') k = s_x;
    if (c == 'b' || c == 'B') k = s_b;
    if (c == '`') k = s_backtick;
    if (c == '"') k = s_double_quote;
    if (c == '\'') k = s_single_quote;
    if (c == '.') k = s_dot;
    if (c == '?') k = s_placeholder;
    if (c == ';') k = s_semicolon;
    if (c == '@') k = s_at;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}();
constexpr bool has_class(char c, std::uint8_t k) noexcept {
  return (char_classes[static_cast<unsigned char>(c)] & k) != 0;
}
constexpr bool is_digit(char c) noexcept { return has_class(c, c_digit); }
constexpr bool is_hex(char c) noexcept { return has_class(c, c_hex); }
constexpr bool is_ident(char c) noexcept { return has_class(c, c_ident); }
constexpr bool is_space(char c) noexcept { return has_class(c, c_space); }
constexpr bool is_control(char c) noexcept {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}
constexpr char to_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

bool iequals(std::string_view a, std::string_view upper) noexcept {
  if (a.size() != upper.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_upper(a[i]) != upper[i]) return false;
  }
  return true;
}

// The character sets MySQL 8.0 accepts as `_charset` introducers (and MariaDB's utf8mb3 alias).
constexpr std::array<std::string_view, 44> charsets = {
    "ARMSCII8", "ASCII",   "BIG5",     "BINARY",  "CP1250",   "CP1251",  "CP1256",  "CP1257", "CP850",
    "CP852",    "CP866",   "CP932",    "DEC8",    "EUCJPMS",  "EUCKR",   "FILENAME", "GB18030", "GB2312",
    "GBK",      "GEOSTD8", "GREEK",    "HEBREW",  "HP8",      "KEYBCS2", "KOI8R",   "KOI8U",  "LATIN1",
    "LATIN2",   "LATIN5",  "LATIN7",   "MACCE",   "MACROMAN", "SJIS",    "SWE7",    "TIS620", "UCS2",
    "UJIS",     "UTF16",   "UTF16LE",  "UTF32",   "UTF8",     "UTF8MB3", "UTF8MB4", "UTF8MB4"};

bool is_charset(std::string_view name) noexcept {
  for (std::string_view c : charsets) {
    if (iequals(name, c)) return true;
  }
  return false;
}

}  // namespace

std::string_view token_text(const token& t, std::string_view source) noexcept {
  if (t.offset > source.size()) return {};
  return source.substr(t.offset, t.length);
}

std::string_view token_body(const token& t, std::string_view source) noexcept {
  const std::string_view text = token_text(t, source);
  if (t.quote == 0 || text.size() < 2) return text;
  const std::size_t open = text.find(t.quote, t.introducer_length);
  if (open == std::string_view::npos || open + 1 >= text.size()) return text;
  return text.substr(open + 1, text.size() - open - 2);
}

std::string_view token_introducer(const token& t, std::string_view source) noexcept {
  if (t.introducer_length == 0) return {};
  std::string_view text = token_text(t, source).substr(0, t.introducer_length);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text.empty() ? text : text.substr(1);
}

bool word_is(const token& t, std::string_view source, std::string_view upper_keyword) noexcept {
  return t.kind == token_kind::word && iequals(token_text(t, source), upper_keyword);
}

bool op_is(const token& t, std::string_view source, std::string_view op) noexcept {
  return t.kind == token_kind::op && token_text(t, source) == op;
}

lexer::lexer(std::string_view source, sql_mode mode) noexcept : src_(source), mode_(mode) {
  if (source.size() >= UINT32_MAX) {
    src_ = source.substr(0, UINT32_MAX - 1);
    done_ = true;  // next() reports one error token at 0
    error_at_ = 0;
  }
}

token lexer::make(token_kind kind, std::uint32_t begin, std::uint32_t end, std::uint8_t flags, char quote) noexcept {
  token t;
  t.kind = kind;
  t.flags = flags;
  if (in_executable_comment_) t.flags |= token_flag::in_executable_comment;
  t.quote = quote;
  t.offset = begin;
  t.length = end - begin;
  pos_ = end;
  return t;
}

token lexer::fail(std::uint32_t begin) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  token t;
  t.kind = token_kind::error;
  t.offset = begin;
  t.length = n - begin;
  pos_ = n;
  done_ = true;
  error_at_ = UINT32_MAX;  // reported
  return t;
}

bool lexer::skip_trivia() noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  while (pos_ < n) {
    const char c = src_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < n && src_[pos_] != '\n') ++pos_;
    } else if (c == '-' && pos_ + 1 < n && src_[pos_ + 1] == '-' &&
               (pos_ + 2 >= n || is_space(src_[pos_ + 2]) || is_control(src_[pos_ + 2]))) {
      while (pos_ < n && src_[pos_] != '\n') ++pos_;
    } else if (c == '*' && in_executable_comment_ && pos_ + 1 < n && src_[pos_ + 1] == '/') {
      in_executable_comment_ = false;
      pos_ += 2;
    } else if (c == '/' && pos_ + 1 < n && src_[pos_ + 1] == '*') {
      const std::uint32_t begin = pos_;
      std::uint32_t i = pos_ + 2;
      // Executable comment: /*! or /*!NNNNN (MySQL), /*M! or /*M!NNNNNN (MariaDB); not nested.
      const bool mariadb = i + 1 < n && src_[i] == 'M' && src_[i + 1] == '!';
      if (!in_executable_comment_ && ((i < n && src_[i] == '!') || mariadb)) {
        i += mariadb ? 2 : 1;
        std::uint32_t digits = 0;
        while (i + digits < n && digits < 6 && is_digit(src_[i + digits])) ++digits;
        // Five digits (MySQL), or six followed by a space (MySQL 8.0.34+ and MariaDB).
        if (digits == 6 && !(i + 6 < n && is_space(src_[i + 6]))) digits = 5;
        if (digits == 5 || digits == 6) i += digits;
        in_executable_comment_ = true;
        pos_ = i;
        continue;
      }
      // Ordinary comment or optimizer hint /*+ ... */: skipped.
      while (i + 1 < n && !(src_[i] == '*' && src_[i + 1] == '/')) ++i;
      if (i + 1 >= n) {
        error_at_ = begin;
        return false;
      }
      pos_ = i + 2;
    } else {
      break;
    }
  }
  if (pos_ >= n && in_executable_comment_) {
    // Its code has been returned already: the error is an empty token at the end, so that
    // tokens stay in order.
    error_at_ = n;
    return false;
  }
  return true;
}

token lexer::lex_quoted(std::uint32_t begin, std::uint32_t quote_at, token_kind kind, std::uint8_t flags,
                        bool backslashes) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  const char q = src_[quote_at];
  std::uint32_t i = quote_at + 1;
  while (i < n) {
    const char c = src_[i];
    if (c == '\\' && backslashes) {
      if (i + 1 >= n) break;  // a lone backslash at the end: unterminated
      flags |= token_flag::backslash_escapes;
      i += 2;
    } else if (c == q) {
      if (i + 1 < n && src_[i + 1] == q) {
        flags |= token_flag::doubled_quote;
        i += 2;
      } else {
        return make(kind, begin, i + 1, flags, q);
      }
    } else {
      ++i;
    }
  }
  return fail(begin);
}

token lexer::lex_radix_literal(std::uint32_t begin, std::uint32_t quote_at, token_kind kind) noexcept {
  // X'hex' (even number of hex digits) or b'bits'; anything else before the quote is an error.
  const auto n = static_cast<std::uint32_t>(src_.size());
  std::uint32_t i = quote_at + 1;
  std::uint32_t digits = 0;
  while (i < n && src_[i] != '\'') {
    const char c = src_[i];
    if (kind == token_kind::hex_literal ? !is_hex(c) : (c != '0' && c != '1')) return fail(begin);
    ++digits;
    ++i;
  }
  if (i >= n) return fail(begin);
  if (kind == token_kind::hex_literal && digits % 2 != 0) return fail(begin);
  return make(kind, begin, i + 1, token_flag::literal_quoted, '\'');
}

token lexer::lex_word(std::uint32_t begin) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  std::uint32_t i = begin;
  while (i < n && is_ident(src_[i])) ++i;
  if (src_[begin] == '_') {
    token t;
    if (try_introducer(begin, i, t)) return t;
  }
  last_end_ = i;
  return make(token_kind::word, begin, i);
}

bool lexer::try_introducer(std::uint32_t begin, std::uint32_t word_end, token& out) noexcept {
  if (!is_charset(src_.substr(begin + 1, word_end - begin - 1))) return false;
  const auto n = static_cast<std::uint32_t>(src_.size());
  std::uint32_t i = word_end;
  while (i < n && is_space(src_[i])) ++i;
  if (i >= n) return false;
  const char c = src_[i];
  const char next = i + 1 < n ? src_[i + 1] : '\0';
  if (c == '\'' || (c == '"' && !mode_.ansi_quotes)) {
    out = lex_quoted(begin, i, token_kind::string, 0, !mode_.no_backslash_escapes);
  } else if ((c == 'x' || c == 'X') && next == '\'') {
    out = lex_radix_literal(begin, i + 1, token_kind::hex_literal);
  } else if ((c == 'b' || c == 'B') && next == '\'') {
    out = lex_radix_literal(begin, i + 1, token_kind::bit_literal);
  } else if (c == '0' && (next == 'x' || next == 'b')) {
    const std::uint32_t save = pos_;
    const token lit = lex_number_or_word(i);
    if (lit.kind != token_kind::hex_literal && lit.kind != token_kind::bit_literal) {
      pos_ = save;
      return false;
    }
    out = lit;
    out.offset = begin;
    out.length = lit.offset + lit.length - begin;
  } else {
    return false;
  }
  if (out.kind != token_kind::error) out.introducer_length = i - begin;
  return true;
}

token lexer::lex_number_or_word(std::uint32_t begin) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  std::uint32_t i = begin;
  if (src_[begin] == '0' && begin + 1 < n && (src_[begin + 1] == 'x' || src_[begin + 1] == 'b')) {
    // 0x.. / 0b..: only if at least one digit follows and no identifier character after them.
    const bool hex = src_[begin + 1] == 'x';
    std::uint32_t j = begin + 2;
    while (j < n && (hex ? is_hex(src_[j]) : (src_[j] == '0' || src_[j] == '1'))) ++j;
    if (j > begin + 2 && (j >= n || !is_ident(src_[j]))) {
      return make(hex ? token_kind::hex_literal : token_kind::bit_literal, begin, j);
    }
    return lex_word(begin);  // 0x, 0xg, 0b2: identifiers
  }
  while (i < n && is_digit(src_[i])) ++i;
  const auto exponent_end = [&](std::uint32_t at) -> std::uint32_t {
    // `at` is on e/E; returns the end of the exponent, or 0 if there is none.
    std::uint32_t j = at + 1;
    if (j < n && (src_[j] == '+' || src_[j] == '-')) ++j;
    if (j >= n || !is_digit(src_[j])) return 0;
    while (j < n && is_digit(src_[j])) ++j;
    return j;
  };
  if (i < n && is_ident(src_[i])) {
    if (src_[i] == 'e' || src_[i] == 'E') {
      if (const std::uint32_t e = exponent_end(i); e != 0) {
        return make(token_kind::number, begin, e, token_flag::number_float);
      }
    }
    return lex_word(begin);  // 1abc, 123e: identifiers
  }
  if (i < n && src_[i] == '.') {
    ++i;
    std::uint8_t flags = token_flag::number_decimal;
    while (i < n && is_digit(src_[i])) ++i;
    if (i < n && (src_[i] == 'e' || src_[i] == 'E')) {
      if (const std::uint32_t e = exponent_end(i); e != 0) {
        i = e;
        flags |= token_flag::number_float;
      }
    }
    return make(token_kind::number, begin, i, flags);
  }
  return make(token_kind::number, begin, i);
}

token lexer::lex_variable(std::uint32_t begin) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  const bool system = begin + 1 < n && src_[begin + 1] == '@';
  std::uint32_t i = begin + (system ? 2 : 1);
  const token_kind kind = system ? token_kind::system_variable : token_kind::user_variable;
  if (i < n && (src_[i] == '`' || src_[i] == '\'' || src_[i] == '"')) {
    const char q = src_[i];
    if (system && q != '`') return make(token_kind::op, begin, begin + 1);
    return lex_quoted(begin, i, kind, 0, q != '`' && !mode_.no_backslash_escapes);
  }
  const std::uint32_t name = i;
  if (system) {
    // @@name or @@scope.name (each part may be `quoted`).
    while (i < n) {
      if (is_ident(src_[i])) {
        ++i;
      } else if (src_[i] == '.' && i > name && i + 1 < n && (is_ident(src_[i + 1]) || src_[i + 1] == '`')) {
        ++i;
      } else if (src_[i] == '`' && (i == name || src_[i - 1] == '.')) {
        std::uint32_t j = i + 1;
        while (j < n && !(src_[j] == '`' && !(j + 1 < n && src_[j + 1] == '`'))) j += (src_[j] == '`') ? 2 : 1;
        if (j >= n) return fail(begin);
        i = j + 1;
      } else {
        break;
      }
    }
  } else {
    while (i < n && (is_ident(src_[i]) || src_[i] == '.')) ++i;
  }
  if (i == name) return make(token_kind::op, begin, begin + 1);  // a lone @
  return make(kind, begin, i);
}

token lexer::lex_operator(std::uint32_t begin) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  const char c = src_[begin];
  const char c1 = begin + 1 < n ? src_[begin + 1] : '\0';
  const char c2 = begin + 2 < n ? src_[begin + 2] : '\0';
  std::uint32_t len = 1;
  std::uint8_t flags = 0;
  switch (c) {
    case '<':
      if (c1 == '=') len = c2 == '>' ? 3 : 2;  // <=> or <=
      else if (c1 == '>' || c1 == '<') len = 2;  // <> <<
      break;
    case '-':
      if (c1 == '>') len = c2 == '>' ? 3 : 2;  // ->> or ->
      break;
    case '>':
      if (c1 == '=' || c1 == '>') len = 2;  // >= >>
      break;
    case ':':
    case '!':
      if (c1 == '=') len = 2;  // := !=
      break;
    case '|':
      if (c1 == '|') {
        len = 2;
        if (mode_.pipes_as_concat) flags = token_flag::concat;
      }
      break;
    case '&':
      if (c1 == '&') len = 2;
      break;
    default:
      break;
  }
  return make(token_kind::op, begin, begin + len, flags);
}

token lexer::next() noexcept {
  if (done_) {
    if (error_at_ != UINT32_MAX) return fail(error_at_);
    return make(token_kind::end, pos_, pos_);
  }
  const auto n = static_cast<std::uint32_t>(src_.size());
  // Most tokens follow a space or another token directly: only call skip_trivia when a space or
  // comment may start here (or at the end, where an open executable comment is an error).
  if ((pos_ >= n || has_class(src_[pos_], c_trivia)) && !skip_trivia()) return fail(error_at_);
  if (pos_ >= n) {
    done_ = true;
    error_at_ = UINT32_MAX;
    return make(token_kind::end, n, n);
  }
  const std::uint32_t begin = pos_;
  const char c = src_[begin];
  const char next = begin + 1 < n ? src_[begin + 1] : '\0';
  const bool qualified = begin == qualified_at_;
  qualified_at_ = UINT32_MAX;
  const bool backslashes = !mode_.no_backslash_escapes;

  if (qualified && is_ident(c)) return lex_word(begin);  // t.1a, t.1e3: names
  switch (start_classes[static_cast<unsigned char>(c)]) {
    case s_word:
      return lex_word(begin);
    case s_n:
      if (next == '\'') return lex_quoted(begin, begin + 1, token_kind::string, token_flag::national, backslashes);
      return lex_word(begin);
    case s_x:
      if (next == '\'') return lex_radix_literal(begin, begin + 1, token_kind::hex_literal);
      return lex_word(begin);
    case s_b:
      if (next == '\'') return lex_radix_literal(begin, begin + 1, token_kind::bit_literal);
      return lex_word(begin);
    case s_digit:
      return lex_number_or_word(begin);
    case s_backtick: {
      token t = lex_quoted(begin, begin, token_kind::quoted_identifier, 0, false);
      if (t.kind != token_kind::error) last_end_ = begin + t.length;
      return t;
    }
    case s_double_quote:
      if (mode_.ansi_quotes) {
        token t = lex_quoted(begin, begin, token_kind::quoted_identifier, 0, false);
        if (t.kind != token_kind::error) last_end_ = begin + t.length;
        return t;
      }
      return lex_quoted(begin, begin, token_kind::string, 0, backslashes);
    case s_single_quote:
      return lex_quoted(begin, begin, token_kind::string, 0, backslashes);
    case s_dot:
      return lex_dot(begin, next);
    case s_placeholder:
      return make(token_kind::placeholder, begin, begin + 1);
    case s_semicolon:
      return make(token_kind::semicolon, begin, begin + 1);
    case s_at:
      return lex_variable(begin);
    default:
      return lex_operator(begin);
  }
}

token lexer::lex_dot(std::uint32_t begin, char next) noexcept {
  const auto n = static_cast<std::uint32_t>(src_.size());
  if (last_end_ == begin) {
    // A qualifier dot: whatever name follows directly is a name.
    qualified_at_ = begin + 1;
    return make(token_kind::op, begin, begin + 1);
  }
  if (is_digit(next)) {
    // .5, .5e3
    std::uint32_t i = begin + 1;
    while (i < n && is_digit(src_[i])) ++i;
    std::uint8_t flags = token_flag::number_decimal;
    if (i < n && (src_[i] == 'e' || src_[i] == 'E')) {
      std::uint32_t j = i + 1;
      if (j < n && (src_[j] == '+' || src_[j] == '-')) ++j;
      if (j < n && is_digit(src_[j])) {
        while (j < n && is_digit(src_[j])) ++j;
        i = j;
        flags |= token_flag::number_float;
      }
    }
    return make(token_kind::number, begin, i, flags);
  }
  return make(token_kind::op, begin, begin + 1);
}

bool statement_splitter::next(std::string_view& out) noexcept {
  const std::string_view src = lex_.source();
  while (!done_) {
    token first = lex_.next();
    if (first.kind == token_kind::end) {
      done_ = true;
      return false;
    }
    if (first.kind == token_kind::semicolon) continue;  // empty statement
    if (first.kind == token_kind::error && first.length == 0) {
      done_ = true;  // an executable comment left open with no code in it
      return false;
    }
    std::uint32_t end = first.offset + first.length;
    if (first.kind == token_kind::error) {
      done_ = true;
    } else {
      for (;;) {
        const token t = lex_.next();
        if (t.kind == token_kind::end || t.kind == token_kind::semicolon) {
          if (t.kind == token_kind::end) done_ = true;
          break;
        }
        end = t.offset + t.length;
        if (t.kind == token_kind::error) {
          done_ = true;
          break;
        }
      }
    }
    // A statement spans its first token to its last; an executable comment around it is kept
    // whole (from its /*! to the */ directly after the last token).
    std::uint32_t begin = first.offset;
    if (first.has(token_flag::in_executable_comment)) {
      // Start at the /*! that opened it.
      const std::size_t open = src.rfind("/*", begin);
      if (open != std::string_view::npos && open >= consumed_) begin = static_cast<std::uint32_t>(open);
    }
    std::uint32_t stop = end;
    std::uint32_t probe = end;
    while (probe < src.size() && (src[probe] == ' ' || src[probe] == '\t' || src[probe] == '\n' || src[probe] == '\r')) ++probe;
    if (probe + 1 < src.size() && src[probe] == '*' && src[probe + 1] == '/') stop = probe + 2;
    out = src.substr(begin, stop - begin);
    consumed_ = stop;
    return true;
  }
  return false;
}

void split_statements(std::string_view text, sql_mode mode, std::vector<std::string_view>& out) {
  statement_splitter s(text, mode);
  std::string_view stmt;
  while (s.next(stmt)) out.push_back(stmt);
}

// flatten: the lexer (next() and what it calls) is inlined here, so its state stays in registers
// instead of going through memory on every call; this loop is the per-statement hot path.
[[gnu::flatten]] void tokenize(std::string_view text, sql_mode mode, token_buffer& out) {
  out.source = text;
  out.mode = mode;
  out.tokens.clear();
  out.literals.clear();
  out.complete = true;
  // Each token's mix is multiplied by its own odd factor (order matters) and the products are
  // summed: the multiplies are independent of each other, so the only dependency chain is the sum.
  std::uint64_t h = 0x243f6a8885a308d3ull ^ mode_bits(mode);
  std::uint64_t factor = 0x8a5cd789635d2dffull;
  lexer lx(text, mode);
  for (;;) {
    const token t = lx.next();
    if (t.kind == token_kind::end) break;
    const auto index = static_cast<std::uint32_t>(out.tokens.size());
    out.tokens.push_back(t);
    factor += 2;
    // The header separates kinds and lengths, so token boundaries are part of the hash.
    if (is_literal_kind(t.kind)) {
      out.literals.push_back(index);
      std::uint64_t header = 0x100u | static_cast<std::uint64_t>(t.kind) |
                             static_cast<std::uint64_t>(t.flags & token_flag::national) << 16;
      std::string_view introducer;
      if (t.introducer_length != 0) introducer = token_introducer(t, text);
      header |= std::uint64_t{introducer.size()} << 32;
      h += detail::token_mix(header, introducer.data(), introducer.size()) * factor;
      continue;
    }
    h += detail::token_mix(static_cast<std::uint64_t>(t.kind) | std::uint64_t{t.length} << 32, text.data() + t.offset,
                   t.length) *
         factor;
    if (t.kind == token_kind::error) {
      out.complete = false;
      break;
    }
  }
  out.shape = detail::finish_shape(h);
}

}  // namespace switchyard::sql
