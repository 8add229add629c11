// Statement digests: a normalized text and its 64-bit fingerprint, equal for a text query and the
// same statement prepared with `?` placeholders (pure tier: no I/O, no exceptions of its own).
//
// The normalization rule, token by token (comments and optimizer hints dropped, executable
// comments' code kept):
//   - literals (strings, numbers, X'..', 0x.., b'..', introduced strings) and `?` become `?`;
//     a `+` or `-` sign directly before a literal, where it cannot be a binary operator, is dropped
//     (`id = -5` -> `id = ?`); adjacent strings, which MySQL concatenates, become one `?`;
//     NULL, TRUE and FALSE stay keywords;
//   - IN lists of only literals collapse to one: `IN (1, 2, 3)` -> `IN (?)`, `IN (?, ?)` -> `IN (?)`;
//   - multi-row VALUES: the rows after the first that normalize to the same text as the first are
//     dropped: `VALUES (1, 'a'), (2, 'b')` -> `VALUES (?, ?)`; a row that differs stays;
//   - keywords (a fixed list of MySQL keywords, reserved or not, and common function names such as
//     COUNT and NOW) are upper-cased; other words (identifiers) are kept as written;
//   - quoted identifiers (`x`, or "x" under ANSI_QUOTES) lose their quotes when the name is a plain
//     word that is not a keyword and does not start with a digit; otherwise they are written
//     between backticks (`order`, `a b`), so both quoting styles give one digest;
//   - one space between tokens, none after `(` or `.` and none before `)`, `,` or `.`;
//     trailing semicolons are dropped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sql/lexer.hpp"

namespace switchyard::sql {

// 64-bit FNV-1a.
[[nodiscard]] constexpr std::uint64_t fnv1a_64(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

struct digest_result {
  std::uint64_t fingerprint = 0;  // fnv1a_64 of the normalized text
  bool complete = true;           // false when the text had a lexical error (it became one `?`)
};

// Writes the normalized text of `text` into `out` (cleared first; its capacity is reused, so the
// call does not allocate once `out` is large enough) and returns its fingerprint.
[[nodiscard]] digest_result digest_into(std::string_view text, sql_mode mode, std::string& out);

// The same from tokens already lexed (token_buffer.hpp, shared_pass.hpp): no second lexing of the text.
struct token_buffer;
[[nodiscard]] digest_result digest_into(const token_buffer& tokens, std::string& out);

struct digest {
  std::string text;
  std::uint64_t fingerprint = 0;
  bool complete = true;
};

[[nodiscard]] digest digest_of(std::string_view text, sql_mode mode = {});

// Whether `word` (any case) is in the digest's keyword list.
[[nodiscard]] bool is_keyword(std::string_view word) noexcept;

}  // namespace switchyard::sql
