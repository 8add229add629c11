// Result-set normalization for the differential test: MySQL text-protocol values and PostgreSQL
// text-format values brought to one canonical form per cell, so that the same answer compares
// equal whatever engine gave it.
//
// The kind of a cell is decided from both sides' column types:
//   - PostgreSQL boolean: t/f become 1/0, compared as integers;
//   - either side floating (MySQL FLOAT/DOUBLE, PostgreSQL real/double precision): doubles equal
//     within 1e-9 relative (1e-6 when either side is single precision);
//   - either side numeric (MySQL integer/DECIMAL, PostgreSQL integer/numeric): exact decimals, the
//     PostgreSQL value rounded half away from zero to MySQL's scale;
//   - PostgreSQL bytea ('\x..') or bit strings: compared as bytes with MySQL's raw value;
//   - PostgreSQL json/jsonb: both sides parsed with Boost.JSON, keys sorted, numbers as doubles;
//   - temporal (either side DATE/TIME/DATETIME/TIMESTAMP): PostgreSQL's +00 suffix dropped,
//     trailing fractional zeros dropped on both sides;
//   - anything else: bytes compared exactly.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace switchyard::test {

enum class mysql_kind : std::uint8_t { integer, decimal, floating, single_float, temporal, binary, text, json, bit };
enum class pg_kind : std::uint8_t { boolean, integer, numeric, floating, single_float, temporal, bytea, bits, json, text };

struct mysql_column {
  mysql_kind kind = mysql_kind::text;
  unsigned scale = 0;  // MYSQL_FIELD::decimals for DECIMAL results
};

// From libmariadb's MYSQL_FIELD type, charset number and decimals.
[[nodiscard]] mysql_column mysql_column_of(int field_type, unsigned charsetnr, unsigned decimals);
// From PostgreSQL's type OID (PQftype).
[[nodiscard]] pg_kind pg_kind_of(unsigned oid);

using cell = std::optional<std::string>;  // nullopt is SQL NULL
using row = std::vector<cell>;

struct canonical_cell {
  bool is_null = false;
  bool is_float = false;  // compared with tolerance
  bool single = false;    // single-precision tolerance
  double number = 0;      // when is_float
  std::string text;       // canonical text (also for floats: for sorting)
};

// Canonical forms of one cell from each side; equal() compares them.
[[nodiscard]] canonical_cell canonical_mysql(const cell& v, mysql_column mysql, pg_kind pg);
[[nodiscard]] canonical_cell canonical_pg(const cell& v, mysql_column mysql, pg_kind pg);
[[nodiscard]] bool equal(const canonical_cell& a, const canonical_cell& b);

// Exact decimal text rounded (half away from zero) to `scale` fraction digits, in canonical form:
// no leading zeros, no trailing fractional zeros, no "-0". Empty when `text` is not a number.
[[nodiscard]] std::string canonical_decimal(const std::string& text, std::optional<unsigned> scale);

// Canonical JSON (keys sorted, numbers as doubles); nullopt when `text` is not JSON.
[[nodiscard]] std::optional<std::string> canonical_json(const std::string& text);

}  // namespace switchyard::test
