#include "sql/translation_cache.hpp"

#include <algorithm>
#include <cstring>

#include "sql/byte_load.hpp"

namespace switchyard::sql {
namespace {

// Fixed per-entry overhead counted against max_bytes (the entry record and its table slot).
constexpr std::size_t entry_overhead = 256;

std::uint64_t key_hash(std::uint64_t shape, std::uint64_t catalog_version, std::uint8_t mode) noexcept {
  std::uint64_t h = shape ^ (catalog_version * 0x9e3779b97f4a7c15ull) ^ (std::uint64_t{mode} << 56);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::string_view text_of(const token& t, std::string_view source) noexcept {
  return {source.data() + t.offset, t.length};
}

void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}

// The tokens as the cache compares them: per token its kind; for a literal its N flag and
// `_charset` introducer (never its value); for anything else its length and exact text.
void append_shape_text(const token_buffer& tokens, std::string& out) {
  for (const token& t : tokens.tokens) {
    out += static_cast<char>(t.kind);
    if (is_literal_token(t)) {
      const std::string_view introducer = token_introducer(t, tokens.source);
      out += static_cast<char>(t.flags & token_flag::national);
      put_u32(out, static_cast<std::uint32_t>(introducer.size()));
      out += introducer;
    } else {
      put_u32(out, t.length);
      out += text_of(t, tokens.source);
    }
  }
}

// Byte equality, without a library call for the short texts most tokens have.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n <= 8) return detail::load_bytes_fast(a, n) == detail::load_bytes_fast(b, n);
  return std::memcmp(a, b, n) == 0;
}

// Whether `tokens` are the ones append_shape_text wrote into `shape`.
bool same_shape(std::string_view shape, const token_buffer& tokens) noexcept {
  const char* p = shape.data();
  const char* const end = p + shape.size();
  for (const token& t : tokens.tokens) {
    if (end - p < 5 || static_cast<token_kind>(*p) != t.kind) return false;
    ++p;
    std::string_view text;
    if (is_literal_kind(t.kind)) {
      if (*p++ != static_cast<char>(t.flags & token_flag::national)) return false;
      if (t.introducer_length != 0) text = token_introducer(t, tokens.source);
    } else {
      text = text_of(t, tokens.source);
    }
    if (end - p < 4) return false;
    std::uint32_t n;
    std::memcpy(&n, p, 4);
    p += 4;
    if (n != text.size() || static_cast<std::size_t>(end - p) < n || !same_bytes(p, text.data(), n)) return false;
    p += n;
  }
  return p == end;
}

std::size_t table_size_for(std::size_t max_entries) {
  std::size_t n = 8;
  while (n < 2 * max_entries) n *= 2;
  return n;
}

}  // namespace

translation_cache::translation_cache(translation_cache_limits limits)
    : limits_(limits), table_(table_size_for(limits.max_entries == 0 ? 1 : limits.max_entries), 0) {
  if (limits_.max_entries == 0) limits_.max_entries = 1;
}

void translation_cache::clear() {
  entries_.clear();
  free_.clear();
  hashes_.clear();
  std::fill(table_.begin(), table_.end(), 0u);
  hand_ = 0;
  live_ = 0;
  bytes_ = 0;
}

bool translation_cache::matches(const entry& e, const token_buffer& tokens,
                                const translation_context& context) const noexcept {
  return e.shape == tokens.shape && e.catalog_version == context.catalog_version &&
         e.mode == mode_bits(tokens.mode) && e.database.size() == context.current_database.size() &&
         same_bytes(e.database.data(), context.current_database.data(), e.database.size());
}

std::uint32_t* translation_cache::find_slot(std::uint64_t hash, const token_buffer& tokens,
                                            const translation_context& context) noexcept {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = table_home(hash);; i = (i + 1) & mask) {
    const std::uint32_t v = table_[i];
    if (v == 0) return nullptr;
    if (hashes_[v - 1] == hash && matches(entries_[v - 1], tokens, context)) return &table_[i];
  }
}

cache_lookup translation_cache::lookup(const token_buffer& tokens, const translation_context& context,
                                       std::string& out, std::vector<literal_slot>* slots) {
  out.clear();
  const std::uint32_t* found = tokens.complete ? find_slot(key_hash(tokens.shape, context.catalog_version,
                                                                    mode_bits(tokens.mode)),
                                                           tokens, context)
                                               : nullptr;
  if (found == nullptr) {
    ++counters_.misses;
    return {};
  }
  entry& e = entries_[*found - 1];
  if (e.literal_count != tokens.literals.size() || !same_shape(e.shape_text, tokens)) {
    ++counters_.misses;  // a shape-hash collision: another statement
    return {};
  }
  if (!build(e, tokens, out, slots)) {
    out.clear();
    ++counters_.misses;
    ++counters_.rejected;
    return {};
  }
  e.referenced = true;
  ++counters_.hits;
  return {true, e.parameter_count, e.notes, e.baked};
}

bool translation_cache::build(entry& e, const token_buffer& tokens, std::string& out,
                              std::vector<literal_slot>* slots) {
  const std::string_view src = tokens.source;
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < e.exact.size(); ++i) {
    const std::string_view cached(e.exact_bytes.data() + at, e.exact_end[i] - at);
    const std::string_view now = text_of(tokens.literal(e.exact[i]), src);
    if (now.size() != cached.size() || !same_bytes(now.data(), cached.data(), now.size())) return false;
    at = e.exact_end[i];
  }
  if (slots != nullptr) slots->clear();
  std::uint32_t piece = 0;
  for (std::size_t i = 0; i < e.slots.size(); ++i) {
    const slot_spec& s = e.slots[i];
    const token& t = tokens.literal(s.literal_index);
    if (classify_literal(t, src, tokens.mode, scratch_) != s.cls) return false;
    out.append(e.fixed, piece, e.piece_end[i] - piece);
    piece = e.piece_end[i];
    const std::size_t begin = out.size();
    if (!append_pg_literal(t, src, tokens.mode, s.cls, scratch_, out)) return false;
    if (slots != nullptr) {
      slots->push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(out.size() - begin),
                        s.literal_index, s.cls});
    }
  }
  out.append(e.fixed, piece);
  return true;
}

cache_insert translation_cache::insert(const token_buffer& tokens, const translation_context& context,
                                       const translation& t) {
  const std::size_t literal_count = tokens.literals.size();
  if (!tokens.complete || t.literal_count != literal_count) return cache_insert::not_cacheable;
  entry e;
  e.shape = tokens.shape;
  e.catalog_version = context.catalog_version;
  e.mode = mode_bits(tokens.mode);
  e.live = true;
  e.literal_count = t.literal_count;
  e.parameter_count = t.parameter_count;
  e.database = context.current_database;
  e.notes = t.notes;
  e.baked = t.baked;
  append_shape_text(tokens, e.shape_text);

  // Slots: in order, inside the text, each holding exactly its literal's encoding in its class.
  std::vector<bool> must_equal(literal_count, true);
  std::string encoded;
  std::size_t piece = 0;
  for (const literal_slot& s : t.slots) {
    if (s.literal_index >= literal_count || s.output_offset < piece || s.output_offset > t.text.size() ||
        s.output_length > t.text.size() - s.output_offset)
      return cache_insert::not_cacheable;
    const token& lit = tokens.literal(s.literal_index);
    if (classify_literal(lit, tokens.source, tokens.mode, scratch_) != s.cls) return cache_insert::not_cacheable;
    encoded.clear();
    if (!append_pg_literal(lit, tokens.source, tokens.mode, s.cls, scratch_, encoded) ||
        std::string_view(t.text).substr(s.output_offset, s.output_length) != encoded)
      return cache_insert::not_cacheable;
    e.fixed.append(t.text, piece, s.output_offset - piece);
    e.piece_end.push_back(static_cast<std::uint32_t>(e.fixed.size()));
    e.slots.push_back({s.literal_index, s.cls});
    must_equal[s.literal_index] = false;
    piece = s.output_offset + s.output_length;
  }
  e.fixed.append(t.text, piece);
  for (const std::uint32_t b : t.baked) {
    if (b >= literal_count) return cache_insert::not_cacheable;
    must_equal[b] = true;
  }
  // Literals neither placed nor baked must be equal too: the translation may depend on them.
  for (std::uint32_t i = 0; i < literal_count; ++i) {
    if (!must_equal[i]) continue;
    e.exact.push_back(i);
    e.exact_bytes += text_of(tokens.literal(i), tokens.source);
    e.exact_end.push_back(static_cast<std::uint32_t>(e.exact_bytes.size()));
  }
  e.bytes = entry_overhead + e.database.size() + e.shape_text.size() + e.fixed.size() + e.exact_bytes.size() +
            e.piece_end.size() * sizeof(std::uint32_t) + e.slots.size() * sizeof(slot_spec) +
            (e.exact.size() * 2 + e.baked.size()) * sizeof(std::uint32_t) +
            e.notes.size() * sizeof(std::string_view);
  if (e.bytes > limits_.max_bytes) return cache_insert::too_large;

  const std::uint64_t hash = key_hash(e.shape, e.catalog_version, e.mode);
  if (std::uint32_t* old = find_slot(hash, tokens, context)) erase_at(static_cast<std::size_t>(old - table_.data()));
  while (live_ > 0 && (live_ >= limits_.max_entries || bytes_ + e.bytes > limits_.max_bytes)) evict_one();

  std::uint32_t index;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
    entries_[index] = std::move(e);
    hashes_[index] = hash;
  } else {
    index = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    hashes_.push_back(hash);
  }
  const std::size_t mask = table_.size() - 1;
  std::size_t i = table_home(hash);
  while (table_[i] != 0) i = (i + 1) & mask;
  table_[i] = index + 1;
  bytes_ += entries_[index].bytes;
  ++live_;
  ++counters_.inserts;
  return cache_insert::inserted;
}

// Removes table_[table_index] and its entry; backward-shift deletion keeps every other entry
// reachable from its home slot without tombstones.
void translation_cache::erase_at(std::size_t table_index) {
  const std::uint32_t index = table_[table_index] - 1;
  entry& e = entries_[index];
  bytes_ -= e.bytes;
  --live_;
  e = entry{};  // frees its storage
  free_.push_back(index);

  const std::size_t mask = table_.size() - 1;
  std::size_t hole = table_index;
  for (std::size_t j = (hole + 1) & mask; table_[j] != 0; j = (j + 1) & mask) {
    const std::size_t home = table_home(hashes_[table_[j] - 1]);
    // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
    const bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
    if (stays) continue;
    table_[hole] = table_[j];
    hole = j;
  }
  table_[hole] = 0;
}

void translation_cache::evict_one() {
  for (;;) {
    if (hand_ >= entries_.size()) hand_ = 0;
    entry& e = entries_[hand_];
    if (e.live && e.referenced) {
      e.referenced = false;
    } else if (e.live) {
      const std::size_t mask = table_.size() - 1;
      std::size_t i = table_home(hashes_[hand_]);
      while (table_[i] != hand_ + 1) i = (i + 1) & mask;
      erase_at(i);
      ++counters_.evictions;
      ++hand_;
      return;
    }
    ++hand_;
  }
}

cached_translate_result translate_cached_into(std::string_view text, const translate_options& options,
                                              translation_cache& cache, std::string& out) {
  if (options.pins_values()) {
    // Pinned values are not in the cache key: translate afresh.
    translate_result fresh = translate(text, options);
    cached_translate_result r;
    r.ok = fresh.ok;
    if (fresh.ok) {
      out = std::move(fresh.output.text);
      r.parameter_count = fresh.output.parameter_count;
      cache.work().notes = std::move(fresh.output.notes);
      r.notes = cache.work().notes;
    } else {
      r.reason = std::move(fresh.reason);
    }
    return r;
  }
  token_buffer& tokens = cache.work().tokens;
  tokenize(text, options.mode, tokens);
  const translation_context context = translation_context::of(options);
  cached_translate_result r;
  if (const cache_lookup hit = cache.lookup(tokens, context, out); hit.hit) {
    r.ok = true;
    r.hit = true;
    r.parameter_count = hit.parameter_count;
    r.notes = hit.notes;
    return r;
  }
  translate_result fresh = translate(text, options);
  if (!fresh.ok) {
    r.reason = std::move(fresh.reason);
    return r;
  }
  (void)cache.insert(tokens, context, fresh.output);
  out = std::move(fresh.output.text);
  r.ok = true;
  r.parameter_count = fresh.output.parameter_count;
  std::vector<std::string_view>& notes = cache.work().notes;  // outlives `fresh`
  notes = std::move(fresh.output.notes);
  r.notes = notes;
  return r;
}

translate_result translate_cached(std::string_view text, const translate_options& options, translation_cache& cache) {
  if (options.pins_values()) return translate(text, options);  // pinned values are not in the key
  token_buffer& tokens = cache.work().tokens;
  tokenize(text, options.mode, tokens);
  const translation_context context = translation_context::of(options);
  translation hit;
  if (const cache_lookup l = cache.lookup(tokens, context, hit.text, &hit.slots); l.hit) {
    hit.parameter_count = l.parameter_count;
    hit.notes.assign(l.notes.begin(), l.notes.end());
    hit.baked.assign(l.baked.begin(), l.baked.end());
    hit.literal_count = static_cast<std::uint32_t>(tokens.literals.size());
    return translate_result::success(std::move(hit));
  }
  translate_result fresh = translate(text, options);
  if (fresh.ok) (void)cache.insert(tokens, context, fresh.output);
  return fresh;
}

}  // namespace switchyard::sql
