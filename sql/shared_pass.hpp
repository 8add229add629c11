// One lexing pass shared by the digest, the classifier and the translation cache (pure tier).
//
// digest_into(text) and classify(text) each lex the text themselves; on the per-statement path
// that is one lexing too many. tokenize() lexes once into a caller-owned token_buffer, computing
// on the way what the translation cache needs (the literal tokens and the statement's shape), and
// digest_into(tokens) / classify(tokens) then read the tokens instead of lexing again. The buffer
// is meant to be kept by its owner (a proxy session or worker) and reused: once its vectors have
// grown to the statement sizes seen, a pass allocates nothing.
//
// The shape: a 64-bit hash over every token except literals by kind and exact text (case kept:
// identifiers and aliases keep their case in translations), every literal token by kind (and its
// `_charset` introducer and N prefix, which are not its value), and the sql_mode flags. Two
// statements with the same shape differ at most in their literals' values, which is what lets a
// cached translation be reused with the literals re-encoded (translation_cache.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/classifier.hpp"
#include "sql/digest.hpp"
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

// Lexes `text` into `out` (its previous content is replaced, its capacity reused).
void tokenize(std::string_view text, sql_mode mode, token_buffer& out);

// The whole per-statement pass: tokenize, then digest and classify from the tokens. Equal to
// digest_into(text, mode, digest_text) and classify(text, mode), with one lexing.
struct statement_analysis {
  digest_result digest;
  statement_facts facts;
};
[[nodiscard]] statement_analysis analyze(std::string_view text, sql_mode mode, token_buffer& tokens,
                                         std::string& digest_text);

}  // namespace switchyard::sql
