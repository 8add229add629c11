// A statement's tokens, lexed once into a reused buffer, with what the translation cache needs
// (pure tier). See shared_pass.hpp for who reads them.
//
// The shape: a 64-bit hash over every token except literals by kind and exact text (case kept:
// identifiers and aliases keep their case in translations), every literal token by kind (and its
// `_charset` introducer and N prefix, which are not its value), and the sql_mode flags. Two
// statements with the same shape differ at most in their literals' values, which is what lets a
// cached translation be reused with the literals re-encoded (translation_cache.hpp).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "sql/lexer.hpp"

namespace switchyard::sql {

struct token_buffer {
  std::string_view source;  // the text the tokens point into; must outlive their use
  sql_mode mode;
  // Every token in text order without the final `end`; when lexing failed the last one is the
  // `error` token (and `complete` is false).
  std::vector<token> tokens;
  // Indexes into `tokens` of the literal tokens (sql::is_literal_token), in order: literals[i] is
  // literal i in translate.hpp's numbering.
  std::vector<std::uint32_t> literals;
  std::uint64_t shape = 0;
  bool complete = true;

  [[nodiscard]] const token& literal(std::size_t i) const noexcept { return tokens[literals[i]]; }
};

// sql::is_literal_token, inline for the per-token loops.
[[nodiscard]] constexpr bool is_literal_kind(token_kind k) noexcept {
  return k == token_kind::string || k == token_kind::number || k == token_kind::hex_literal ||
         k == token_kind::bit_literal;
}

// The sql_mode flags as bits (ansi_quotes 1, no_backslash_escapes 2, pipes_as_concat 4).
[[nodiscard]] constexpr std::uint8_t mode_bits(const sql_mode& m) noexcept {
  return static_cast<std::uint8_t>((m.ansi_quotes ? 1u : 0u) | (m.no_backslash_escapes ? 2u : 0u) |
                                   (m.pipes_as_concat ? 4u : 0u));
}

// Lexes `text` into `out` (its previous content is replaced, its capacity reused). Defined in
// lexer.cpp, where the lexer's code is inlined into the loop: its state then stays in registers.
void tokenize(std::string_view text, sql_mode mode, token_buffer& out);

}  // namespace switchyard::sql
