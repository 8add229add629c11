// `switchyard verify`'s planning and row diff (pure): chunk boundaries picked from the key stream,
// the split of a differing range for bisection, a reservoir of sampled keys, and the diff of two
// sides' rendered rows by key.
#pragma once
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "migrate/key_range.hpp"
#include "sql/catalog.hpp"

namespace switchyard::migrate {

// A key range (lower, upper], either bound open.
struct key_span {
  std::optional<key_value> lower;
  std::optional<key_value> upper;
};

// Cuts the keys streamed in order into spans of `rows` keys, handed out as they close (so they can
// be checksummed while the stream goes on); the last span is open above (and the first open below),
// so rows PostgreSQL has beyond MySQL's keys still fall in a span.
class chunk_planner {
 public:
  explicit chunk_planner(std::uint64_t rows) : rows_(rows == 0 ? 1 : rows) {}
  // The next key in order; the span it closes (every `rows` keys), if any.
  [[nodiscard]] std::optional<key_span> add(const key_value& key);
  // The last span, after the last key.
  [[nodiscard]] key_span finish();

 private:
  std::uint64_t rows_;
  std::uint64_t seen_ = 0;
  std::optional<key_value> lower_;
};

// A part of a split span, with the positions [first, last) of its keys in the split's key list.
struct span_part {
  key_span span;
  std::size_t first = 0;
  std::size_t last = 0;
};
// Splits `span` into up to `parts` spans of about equal numbers of `keys` (the span's keys in order,
// at least 2): together they cover exactly what `span` covers, its open bounds included.
[[nodiscard]] std::vector<span_part> split_span(const key_span& span, const std::vector<key_value>& keys,
                                                std::size_t parts);

// A uniform sample of up to `size` keys from a stream of unknown length (reservoir sampling).
class key_sampler {
 public:
  key_sampler(std::size_t size, std::uint64_t seed) : size_(size), rng_(seed) {}
  void add(const key_value& key);
  [[nodiscard]] const std::vector<key_value>& keys() const noexcept { return keys_; }

 private:
  std::size_t size_;
  std::uint64_t seen_ = 0;
  std::mt19937_64 rng_;
  std::vector<key_value> keys_;
};

// One side's row: its key as a literal of that side (key_text) and every column's rendering.
struct rendered_row {
  key_value key;
  std::vector<std::optional<std::string>> values;  // nullopt: SQL NULL
};

struct row_difference {
  enum class kind : std::uint8_t { missing_on_postgresql, extra_on_postgresql, values_differ };
  kind what = kind::values_differ;
  key_value key;                     // MySQL's key when MySQL has the row, else PostgreSQL's
  std::vector<std::string> columns;  // values_differ: the differing columns' names
  std::optional<rendered_row> mysql;
  std::optional<rendered_row> postgresql;
};
[[nodiscard]] const char* to_string(row_difference::kind k) noexcept;

// Rows of both sides matched by their key columns' renderings (positions `key_columns` in
// values), different ones reported in key order of MySQL, then PostgreSQL's extra rows. JSON
// columns (by `categories`) whose renderings differ are parsed and compared as JSON values: MariaDB
// keeps a string's escapes as written ("\u00e9"), PostgreSQL's jsonb does not.
[[nodiscard]] std::vector<row_difference> diff_rows(const std::vector<rendered_row>& mysql,
                                                    const std::vector<rendered_row>& postgresql,
                                                    const std::vector<std::size_t>& key_columns,
                                                    const std::vector<std::string>& column_names,
                                                    const std::vector<sql::type_category>& categories = {});

// Two JSON renderings ("<length>:<text>") holding the same JSON value.
[[nodiscard]] bool same_json(std::string_view a, std::string_view b);

// One table's comparison, as verifier::verify_table reports it.
struct table_result {
  std::string database;
  std::string table;
  bool keyed = false;   // compared chunk by chunk along a unique key
  std::string note;     // how it was compared when not by chunks, or what was left out
  std::uint64_t mysql_rows = 0;
  std::uint64_t postgresql_rows = 0;
  std::size_t chunks = 0;
  std::size_t differing_chunks = 0;  // still differing after the re-check
  std::size_t sampled = 0;
  bool checksum_differs = false;     // a whole-table checksum differs (tables without a usable key)
  std::vector<key_column> key;
  std::vector<std::string> column_names;
  std::vector<sql::type_category> column_categories;
  std::vector<row_difference> differences;
  std::string error;
  double seconds = 0;

  [[nodiscard]] bool matches() const noexcept {
    return error.empty() && differences.empty() && !checksum_differs && mysql_rows == postgresql_rows;
  }
};

// The key verify chunks along: the primary key, else the first unique key of NOT NULL columns;
// empty when there is none.
[[nodiscard]] std::vector<key_column> verify_key(const sql::table_info& table);

}  // namespace switchyard::migrate
