#include "migrate/verify_render.hpp"

#include <algorithm>

namespace switchyard::migrate {
namespace {

using sql::type_category;

bool starts_with(std::string_view s, std::string_view p) noexcept { return s.substr(0, p.size()) == p; }

// DOUBLE as <mantissa>e<exponent>: the value scaled to `digits` significant digits, rounded half
// up, both engines doing the same IEEE operations (log10, pow, division) through the C library.
// Below 1e-200 the value is first scaled up by 1e200 (and the exponent down), so pow() never
// underflows (PostgreSQL's raises an error).
std::string float_value(const std::string& x, unsigned digits, sql_dialect d) {
  const std::string k = std::to_string(digits - 1);
  if (d == sql_dialect::mysql) {
    const auto scaled = [&](const std::string& y, const char* offset) {
      const std::string e = "FLOOR(LOG10(ABS(" + y + ")))";
      return "CONCAT(CAST(FLOOR(" + y + " / POW(10, " + e + " - " + k + ") + 0.5) AS SIGNED), 'e', CAST(" + e +
             offset + " AS SIGNED))";
    };
    return "CASE WHEN " + x + " = 0 THEN '0' WHEN ABS(" + x + ") < 1e-200 THEN " + scaled("(" + x + " * 1e200)", " - 200") +
           " ELSE " + scaled(x, "") + " END";
  }
  const auto scaled = [&](const std::string& y, const char* offset) {
    const std::string e = "floor(log(abs(" + y + ")))";
    return "floor(" + y + " / power(10::float8, " + e + " - " + k + ") + 0.5)::bigint::text || 'e' || (" + e + offset +
           ")::bigint::text";
  };
  const std::string y = x + "::float8";
  return "CASE WHEN " + y + " = 0 THEN '0' WHEN abs(" + y + ") < 1e-200::float8 THEN " +
         scaled("(" + y + " * 1e200::float8)", " - 200") + " ELSE " + scaled(y, "") + " END";
}

std::string mysql_value(const render_column& c, const std::string& x, const render_options& o) {
  switch (c.category) {
    // Numbers stay numbers: CONCAT_WS prints them as the text protocol does (a decimal with its
    // scale), and a CAST per column costs more than the hash.
    case type_category::integer:
      return c.year ? x + " + 0" : x;
    case type_category::bit:
      return x + " + 0";
    case type_category::boolean:
      return "(" + x + " + 0) <> 0";
    case type_category::decimal:
      return x;
    case type_category::floating:
      return float_value(x, c.single ? std::min(o.float_digits, 6U) : o.float_digits, sql_dialect::mysql);
    case type_category::binary:
      return "LOWER(HEX(" + x + "))";
    case type_category::date:
      return "IF(MONTH(" + x + ") = 0 OR DAYOFMONTH(" + x + ") = 0, NULL, DATE_FORMAT(" + x + ", '%Y-%m-%d'))";
    case type_category::datetime:
    case type_category::timestamp:
      return "IF(MONTH(" + x + ") = 0 OR DAYOFMONTH(" + x + ") = 0, NULL, DATE_FORMAT(" + x +
             ", '%Y-%m-%d %H:%i:%s.%f'))";
    case type_category::time:
      return "CONCAT(IF(" + x + " < TIME'00:00:00', '-', ''), ((HOUR(" + x + ") * 60 + MINUTE(" + x +
             ")) * 60 + SECOND(" + x + ")) * 1000000 + MICROSECOND(" + x + "))";
    case type_category::json:
      return "CONCAT(CHAR_LENGTH(JSON_NORMALIZE(" + x + ")), ':', JSON_NORMALIZE(" + x + "))";
    default:  // text, enum, set, other: characters, counted so no separator can be forged
      return "CONCAT(CHAR_LENGTH(" + x + "), ':', CONVERT(" + x + " USING utf8mb4))";
  }
}

std::string pg_value(const render_column& c, const std::string& x, const render_options& o) {
  switch (c.category) {
    case type_category::integer:
    case type_category::bit:
    case type_category::decimal:
      return x + "::text";
    case type_category::boolean:
      return "(" + x + ")::int::text";
    case type_category::floating:
      return float_value(x, c.single ? std::min(o.float_digits, 6U) : o.float_digits, sql_dialect::postgresql);
    case type_category::binary:
      return "encode(" + x + ", 'hex')";
    case type_category::date:
      return "to_char(" + x + ", 'YYYY-MM-DD')";
    case type_category::datetime:
    case type_category::timestamp:
      return "to_char(" + x + ", 'YYYY-MM-DD HH24:MI:SS.US')";
    case type_category::time:
      return "(extract(epoch from " + x + ") * 1000000)::bigint::text";
    case type_category::json:
      return "switchyard.verify_json_field(" + x + "::jsonb)";  // canonicalised once, length-prefixed
    default:
      return "length(" + x + "::text) || ':' || " + x + "::text";
  }
}

}  // namespace

render_column make_render_column(const sql::column_info& column) {
  render_column c;
  c.name = column.name;
  c.category = column.category;
  c.mysql_bit = starts_with(column.mysql_type, "bit");
  c.year = starts_with(column.mysql_type, "year");
  c.single = starts_with(column.mysql_type, "float");
  return c;
}

std::vector<render_column> make_render_columns(const sql::table_info& table) {
  std::vector<render_column> out;
  out.reserve(table.columns.size());
  for (const auto& c : table.columns) out.push_back(make_render_column(c));
  return out;
}

std::string render_value(const render_column& column, sql_dialect dialect, const render_options& options,
                         std::string_view prefix) {
  const std::string x = std::string(prefix) + quote_identifier(column.name, dialect);
  return dialect == sql_dialect::mysql ? mysql_value(column, x, options) : pg_value(column, x, options);
}

namespace {
// JSON inside the row checksums: the MD5 of the canonical text (a fixed length, so no separator
// can be forged). On PostgreSQL an object (the common document) is canonicalised in the query
// itself, one jsonb_each per row; only nested members, and documents that are not objects, go
// through the recursive function (measured on the benchmark's documents: under 6 µs a row instead
// of 28 µs with the function called for every row).
std::string json_field(const std::string& x, sql_dialect dialect) {
  if (dialect == sql_dialect::mysql) return "COALESCE(MD5(JSON_NORMALIZE(" + x + ")), 'N')";
  const std::string j = x + "::jsonb";
  return "coalesce(md5(CASE WHEN jsonb_typeof(" + j + ") = 'object' THEN '{' || coalesce((SELECT string_agg("
         "to_jsonb(e.k)::text || ':' || CASE jsonb_typeof(e.v) WHEN 'number' THEN switchyard.verify_json_number(e.v::text) "
         "WHEN 'object' THEN switchyard.verify_json(e.v) WHEN 'array' THEN switchyard.verify_json(e.v) ELSE e.v::text END, "
         "',' ORDER BY e.k COLLATE \"C\") FROM jsonb_each(" + j + ") AS e(k, v)), '') || '}' "
         "ELSE switchyard.verify_json(" + j + ") END), 'N')";
}
}  // namespace

std::string render_field(const render_column& column, sql_dialect dialect, const render_options& options,
                         std::string_view prefix) {
  if (column.category == type_category::json)
    return json_field(std::string(prefix) + quote_identifier(column.name, dialect), dialect);
  const std::string v = render_value(column, dialect, options, prefix);
  if (dialect == sql_dialect::postgresql) return "coalesce(" + v + ", 'N')";
  switch (column.category) {
    case type_category::text:
    case type_category::enumeration:
    case type_category::set:
    case type_category::json:
    case type_category::other:
      return "COALESCE(CAST(" + v + " AS BINARY), 'N')";  // bytes: columns' collations never mix
    default:
      return "COALESCE(" + v + ", 'N')";
  }
}

std::string render_row(const std::vector<render_column>& columns, sql_dialect dialect, const render_options& options) {
  std::string out = dialect == sql_dialect::mysql ? "CONCAT_WS(','" : "concat_ws(','";
  for (const auto& c : columns) {
    out += ", ";
    out += render_field(c, dialect, options);
  }
  out += ')';
  return out;
}

std::string row_hash(const std::vector<render_column>& columns, sql_dialect dialect, const render_options& options) {
  const std::string row = render_row(columns, dialect, options);
  if (dialect == sql_dialect::mysql) return "CAST(CONV(LEFT(MD5(" + row + "), 15), 16, 10) AS UNSIGNED)";
  return "('x' || left(md5(" + row + "), 15))::bit(60)::bigint";
}

std::string qualified_table(std::string_view database, std::string_view table, sql_dialect dialect) {
  return quote_identifier(database, dialect) + "." + quote_identifier(table, dialect);
}

std::string checksum_query(std::string_view database, std::string_view table, const std::vector<render_column>& columns,
                           std::string_view predicate, sql_dialect dialect, const render_options& options) {
  return "SELECT COUNT(*), COALESCE(SUM(" + row_hash(columns, dialect, options) + "), 0) FROM " +
         qualified_table(database, table, dialect) + " WHERE " + std::string(predicate);
}

std::string key_text(const key_column& key, sql_dialect dialect) {
  const std::string x = quote_identifier(key.name, dialect);
  if (dialect == sql_dialect::mysql) return x;
  switch (key.category) {
    case type_category::binary: return "encode(" + x + ", 'hex')";
    case type_category::datetime:
    case type_category::timestamp: return "to_char(" + x + ", 'YYYY-MM-DD HH24:MI:SS.US')";
    case type_category::boolean: return "(" + x + ")::int::text";
    default: return x + "::text";
  }
}

std::string rows_query(std::string_view database, std::string_view table, const std::vector<render_column>& columns,
                       const std::vector<key_column>& key, std::string_view predicate, sql_dialect dialect,
                       const render_options& options) {
  std::string out = "SELECT ";
  for (const auto& k : key) out += key_text(k, dialect) + ", ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += render_value(columns[i], dialect, options);
  }
  // Ordered by the table's columns: an output column of the same name is PostgreSQL's text rendering.
  out += " FROM " + qualified_table(database, table, dialect) + " AS t WHERE " + std::string(predicate) +
         " ORDER BY " + key_column_list(key, dialect, "t.");
  return out;
}

std::string key_in_predicate(const std::vector<key_column>& key, const std::vector<key_value>& keys,
                             sql_dialect dialect) {
  if (keys.empty()) return "FALSE";
  if (key.size() == 1) {  // an IN list: one index range per value, and far shorter than ORs
    std::string out = quote_identifier(key[0].name, dialect) + " IN (";
    for (std::size_t r = 0; r < keys.size(); ++r)
      out += (r > 0 ? ", " : "") + key_literal(keys[r][0], key[0].category, dialect);
    return out + ")";
  }
  std::string out = "(";
  for (std::size_t r = 0; r < keys.size(); ++r) {
    if (r > 0) out += " OR ";
    out += '(';
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (i > 0) out += " AND ";
      out += quote_identifier(key[i].name, dialect) + " = " + key_literal(keys[r][i], key[i].category, dialect);
    }
    out += ')';
  }
  out += ')';
  return out;
}

std::string json_function_sql() {
  return R"SQL(CREATE SCHEMA IF NOT EXISTS switchyard;
CREATE OR REPLACE FUNCTION switchyard.verify_json_number(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
DECLARE
  s text := CASE WHEN left(t, 1) = '-' THEN '-' ELSE '' END;
  ip text := split_part(ltrim(t, '-'), '.', 1);
  fp text := split_part(ltrim(t, '-'), '.', 2);
  d text := ltrim(ip || fp, '0');
  m text := rtrim(d, '0');
BEGIN
  IF d = '' THEN RETURN s || '0.0E0'; END IF;
  RETURN s || left(m, 1) || '.' || CASE WHEN length(m) > 1 THEN substr(m, 2) ELSE '0' END
         || 'E' || (length(ip) - 1 - (length(ip || fp) - length(d)))::text;
END
$f$;
CREATE OR REPLACE FUNCTION switchyard.verify_json(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
BEGIN
  RETURN CASE jsonb_typeof(j)
    WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_jsonb(k)::text || ':' || switchyard.verify_json(v), ','
                                                          ORDER BY k COLLATE "C")
                                        FROM jsonb_each(j) AS e(k, v)), '') || '}'
    WHEN 'array' THEN '[' || coalesce((SELECT string_agg(switchyard.verify_json(v), ',' ORDER BY n)
                                       FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, n)), '') || ']'
    WHEN 'number' THEN switchyard.verify_json_number(j::text)
    ELSE j::text END;
END
$f$;
CREATE OR REPLACE FUNCTION switchyard.verify_json_field(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
DECLARE
  v text := switchyard.verify_json(j);
BEGIN
  RETURN length(v) || ':' || v;
END
$f$;
)SQL";
}

std::optional<std::string> unhex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace switchyard::migrate
