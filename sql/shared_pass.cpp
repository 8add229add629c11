#include "sql/shared_pass.hpp"

#include "sql/byte_load.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

constexpr std::uint64_t k_mul = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t k_word = 0xc2b2ae3d27d4eb4full;

constexpr std::uint64_t rotl(std::uint64_t v, int r) noexcept { return (v << r) | (v >> (64 - r)); }

// One step of the shape hash: the word is spread by its own multiply (off the dependency chain),
// so the chain costs a rotate, two xors and one multiply per 8 bytes. Not a secure hash: a cache
// hit is confirmed token by token (translation_cache.cpp), so collisions cost a miss, not a bug.
inline std::uint64_t step(std::uint64_t h, std::uint64_t header, std::uint64_t word) noexcept {
  return (rotl(h, 27) ^ header ^ (word * k_word)) * k_mul;
}

inline std::uint64_t hash_bytes(std::uint64_t h, std::uint64_t header, const char* p, std::size_t n) noexcept {
  h = step(h, header, detail::load_bytes_fast(p, n < 8 ? n : 8));
  for (std::size_t i = 8; i < n; i += 8) h = step(h, 0, detail::load_bytes_fast(p + i, n - i < 8 ? n - i : 8));
  return h;
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
  std::uint64_t h = 0x243f6a8885a308d3ull ^ mode_bits(mode);
  lexer lx(text, mode);
  for (;;) {
    const token t = lx.next();
    if (t.kind == token_kind::end) break;
    const auto index = static_cast<std::uint32_t>(out.tokens.size());
    out.tokens.push_back(t);
    // The header separates kinds and lengths, so token boundaries are part of the hash.
    if (is_literal_token(t)) {
      out.literals.push_back(index);
      const std::uint64_t header = 0x100u | static_cast<std::uint64_t>(t.kind) |
                                   static_cast<std::uint64_t>(t.flags & token_flag::national) << 16;
      if (t.introducer_length == 0) {
        h = step(h, header, 0);
      } else {
        const std::string_view introducer = token_introducer(t, text);
        h = hash_bytes(h, header | std::uint64_t{introducer.size()} << 32, introducer.data(), introducer.size());
      }
      continue;
    }
    h = hash_bytes(h, static_cast<std::uint64_t>(t.kind) | std::uint64_t{t.length} << 32, text.data() + t.offset,
                   t.length);
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
