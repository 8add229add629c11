// A cache of MySQL -> PostgreSQL translations by statement shape (pure tier: no I/O, no locks).
//
// Applications send the same statements again and again with other literals. The cache keeps, per
// shape (token_buffer.hpp: every token but the literals' values, and the sql_mode), a template made
// from one translation: the fixed PostgreSQL text between its literal slots, each slot's literal
// and class, and the source bytes of the literals the translation baked in. A later statement of
// the same shape hits when
//   - its tokens are the cached statement's, token by token (the shape hash alone is not trusted:
//     a 64-bit collision would give another statement's translation),
//   - every slotted literal has the cached class (sql::classify_literal: 1 vs 1.5 vs 'x', text vs
//     binary), and
//   - every baked literal, and every literal the translation neither placed nor baked, is
//     byte-equal to the cached one;
// and the PostgreSQL text is then the fixed pieces with each slotted literal re-encoded by
// sql::append_pg_literal. Anything else is a miss; the caller translates and inserts, which
// replaces the entry of that key.
//
// Key: (shape, sql_mode flags, catalog version, current database). The current database is in
// the key because unqualified table names resolve against it, so it picks the columns whose types
// shape the translation. A cache serves one catalog (its version() is in the key).
//
// Threads: none of this is synchronized, on purpose. Each proxy worker thread owns one cache (a
// session stays on its worker's thread), so the hot path takes no lock; entries are duplicated
// across workers, which costs memory, not correctness.
//
// Bounds: at most `max_entries` entries and `max_bytes` bytes of entry storage (the statement's
// template, shape and baked bytes, plus a fixed overhead per entry). When full, CLOCK eviction
// (second chance: a hit sets an entry's reference bit, the hand clears it or evicts).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sql/literals.hpp"
#include "sql/token_buffer.hpp"
#include "sql/translate.hpp"

namespace switchyard::sql {

struct translation_cache_limits {
  std::size_t max_entries = 4096;
  std::size_t max_bytes = std::size_t{16} << 20;
};

struct translation_cache_counters {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;     // every lookup that was not a hit, `rejected` ones included
  std::uint64_t inserts = 0;    // entries stored (replacing one of the same key included)
  std::uint64_t evictions = 0;  // entries dropped to stay within the bounds
  std::uint64_t rejected = 0;   // misses where the shape matched but a literal's class or a baked value did not
};

// What the cache keys on besides the statement's tokens.
struct translation_context {
  std::uint64_t catalog_version = 0;
  std::string_view current_database;

  [[nodiscard]] static translation_context of(const translate_options& options) noexcept {
    return {options.tables != nullptr ? options.tables->version() : 0, options.current_database};
  }
};

struct cache_lookup {
  bool hit = false;
  std::uint32_t parameter_count = 0;
  // The cached translation's notes and baked literal indexes; valid until the next insert.
  std::span<const std::string_view> notes;
  std::span<const std::uint32_t> baked;
};

enum class cache_insert : std::uint8_t {
  inserted,
  too_large,      // the entry alone is over max_bytes: not stored
  not_cacheable,  // the tokens had a lexical error, or the translation does not fit them (a slot
                  // outside the text or out of order, a literal index out of range, a slot whose
                  // text is not its literal's append_pg_literal encoding or whose class is not the
                  // literal's): not stored
};

class translation_cache {
 public:
  explicit translation_cache(translation_cache_limits limits = {});

  // Looks up the statement in `tokens` (tokenize() of its text). On a hit writes the PostgreSQL
  // text into `out` (cleared first; no allocation once `out` is large enough) and, when `slots` is
  // not null, the slots of that text into `*slots`.
  [[nodiscard]] cache_lookup lookup(const token_buffer& tokens, const translation_context& context, std::string& out,
                                    std::vector<literal_slot>* slots = nullptr);

  // Stores the template of `t`, the translation of the statement in `tokens`, replacing any entry
  // of the same key; evicts to stay within the bounds.
  cache_insert insert(const token_buffer& tokens, const translation_context& context, const translation& t);

  void clear();

  [[nodiscard]] const translation_cache_counters& counters() const noexcept { return counters_; }
  [[nodiscard]] std::size_t size() const noexcept { return live_; }
  [[nodiscard]] std::size_t bytes() const noexcept { return bytes_; }
  [[nodiscard]] const translation_cache_limits& limits() const noexcept { return limits_; }

  // Buffers owned by the cache for translate_cached (one cache per thread, so one workspace per
  // thread): the statement's tokens, and the notes of the last translation made on a miss.
  struct workspace {
    token_buffer tokens;
    std::vector<std::string_view> notes;
  };
  [[nodiscard]] workspace& work() noexcept { return work_; }

 private:
  struct slot_spec {
    std::uint32_t literal_index;
    literal_class cls;
  };
  struct entry {
    std::uint64_t shape = 0;
    std::uint64_t catalog_version = 0;
    std::uint8_t mode = 0;
    bool live = false;
    bool referenced = false;
    std::uint32_t literal_count = 0;
    std::uint32_t parameter_count = 0;
    std::size_t bytes = 0;
    std::string database;
    std::string shape_text;                // the tokens, as shape_text_of() writes them
    std::string fixed;                     // the fixed text pieces, concatenated
    std::vector<std::uint32_t> piece_end;  // end in `fixed` of the piece before slot i
    std::vector<slot_spec> slots;          // in output order
    std::vector<std::uint32_t> baked;      // the translation's baked literals
    std::vector<std::uint32_t> exact;      // literals that must be byte-equal, ascending
    std::string exact_bytes;               // their source text, concatenated
    std::vector<std::uint32_t> exact_end;  // end in exact_bytes of each
    std::vector<std::string_view> notes;
  };

  [[nodiscard]] std::uint32_t* find_slot(std::uint64_t hash, const token_buffer& tokens,
                                         const translation_context& context) noexcept;
  [[nodiscard]] bool matches(const entry& e, const token_buffer& tokens, const translation_context& context) const noexcept;
  [[nodiscard]] bool build(entry& e, const token_buffer& tokens, std::string& out, std::vector<literal_slot>* slots);
  void erase_at(std::size_t table_index);
  void evict_one();
  [[nodiscard]] std::size_t table_home(std::uint64_t hash) const noexcept { return hash & (table_.size() - 1); }

  translation_cache_limits limits_;
  std::vector<entry> entries_;
  std::vector<std::uint32_t> free_;    // indexes of dead entries
  std::vector<std::uint32_t> table_;   // open addressing: entry index + 1, 0 when empty
  std::vector<std::uint64_t> hashes_;  // per entry: its key hash (to find it in table_)
  std::size_t hand_ = 0;               // CLOCK hand over entries_
  std::size_t live_ = 0;
  std::size_t bytes_ = 0;
  translation_cache_counters counters_;
  workspace work_;
  std::string scratch_;
};

// Translates through the cache: tokenize (into the cache's token buffer) -> lookup -> on a miss
// sql::translate and insert. The result equals sql::translate(text, options) (the cache's contract).
[[nodiscard]] translate_result translate_cached(std::string_view text, const translate_options& options,
                                                translation_cache& cache);

// The same without allocating on a hit: the PostgreSQL text goes into `out`.
struct cached_translate_result {
  bool ok = false;
  bool hit = false;
  std::uint32_t parameter_count = 0;
  std::span<const std::string_view> notes;  // valid until the cache's next insert
  unsupported reason;                       // when !ok
};
[[nodiscard]] cached_translate_result translate_cached_into(std::string_view text, const translate_options& options,
                                                            translation_cache& cache, std::string& out);

}  // namespace switchyard::sql
