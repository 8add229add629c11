#include "sql/shared_pass.hpp"

#include "sql/byte_load.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

constexpr std::uint64_t k_word = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t k_long = 0xc2b2ae3d27d4eb4full;

// A token's contribution to the shape hash: its header (kind, length) and up to 8 bytes mixed, or
// for a longer text every 8-byte word folded in. Not a secure hash: a cache hit is confirmed token
// by token (translation_cache.cpp), so a collision costs a miss, not a wrong translation.
inline std::uint64_t token_mix(std::uint64_t header, const char* p, std::size_t n) noexcept {
  std::uint64_t v = (detail::load_bytes_fast(p, n < 8 ? n : 8) ^ header) * k_word;
  for (std::size_t i = 8; i < n; i += 8) v = (v ^ (v >> 29) ^ detail::load_bytes_fast(p + i, n - i < 8 ? n - i : 8)) * k_long;
  return v ^ (v >> 32);
}

constexpr std::uint64_t finish(std::uint64_t h) noexcept {
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return h;
}

}  // namespace

void tokenize(std::string_view text, sql_mode mode, token_buffer& out) {
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
      h += token_mix(header, introducer.data(), introducer.size()) * factor;
      continue;
    }
    h += token_mix(static_cast<std::uint64_t>(t.kind) | std::uint64_t{t.length} << 32, text.data() + t.offset,
                   t.length) *
         factor;
    if (t.kind == token_kind::error) {
      out.complete = false;
      break;
    }
  }
  out.shape = finish(h);
}

statement_analysis analyze(std::string_view text, sql_mode mode, token_buffer& tokens, std::string& digest_text) {
  tokenize(text, mode, tokens);
  const digest_result d = digest_into(tokens, digest_text);
  return statement_analysis{d, classify(tokens)};
}

}  // namespace switchyard::sql
