#include "sql/type_mapping.hpp"

#include <array>
#include <charconv>

#include "sql/ascii.hpp"

namespace switchyard::sql {
namespace {

std::string lower(std::string_view s) { return ascii_lowered(s); }

struct integer_type {
  std::string_view base;
  std::uint32_t signed_width;  // MariaDB's default display width
  std::uint32_t unsigned_width;
};
constexpr std::array<integer_type, 5> integer_types = {{
    {"tinyint", 4, 3}, {"smallint", 6, 5}, {"mediumint", 9, 8}, {"int", 11, 10}, {"bigint", 20, 20}}};

const integer_type* find_integer(std::string_view base) {
  for (const auto& t : integer_types)
    if (t.base == base) return &t;
  return nullptr;
}

struct synonym {
  std::string_view from;
  std::string_view to;
};
constexpr std::array<synonym, 17> synonyms = {{{"integer", "int"},
                                               {"int1", "tinyint"},
                                               {"int2", "smallint"},
                                               {"int3", "mediumint"},
                                               {"middleint", "mediumint"},
                                               {"int4", "int"},
                                               {"int8", "bigint"},
                                               {"dec", "decimal"},
                                               {"numeric", "decimal"},
                                               {"fixed", "decimal"},
                                               {"real", "double"},
                                               {"float8", "double"},
                                               {"float4", "float"},
                                               {"character", "char"},
                                               {"nchar", "char"},
                                               {"nvarchar", "varchar"},
                                               {"long", "mediumtext"}}};

constexpr std::array<std::string_view, 22> plain_types = {
    "char",     "varchar",  "binary",     "varbinary", "tinytext", "text",  "mediumtext", "longtext",
    "tinyblob", "blob",     "mediumblob", "longblob",  "date",     "time",  "datetime",   "timestamp",
    "year",     "json",     "enum",       "set",       "bit",      "float"};

void append_number(std::uint32_t n, std::string& out) { out += std::to_string(n); }

std::string with_length(std::string_view name, const std::optional<std::uint32_t>& n) {
  std::string out(name);
  if (n && *n > 0) {
    out += '(';
    append_number(*n, out);
    out += ')';
  }
  return out;
}

std::string character_type(std::string_view pg, const mysql_column_type& t, bool ci,
                           const type_mapping_options& o) {
  if (ci && o.case_insensitive == case_insensitive_policy::citext) return "citext";
  if (pg == "text") return "text";
  return with_length(pg, t.length);
}

std::optional<mapped_type> default_mapping(const mysql_column_type& t, bool ci, std::string_view table,
                                           std::string_view column, const type_mapping_options& o) {
  const std::string_view b = t.base;
  if (b == "tinyint") {
    if (t.length == 1u && !t.is_unsigned && o.tinyint1_as_boolean) return mapped_type{"boolean", type_category::boolean, {}};
    return mapped_type{"smallint", type_category::integer, {}};
  }
  if (b == "smallint") return mapped_type{t.is_unsigned ? "integer" : "smallint", type_category::integer, {}};
  if (b == "mediumint") return mapped_type{"integer", type_category::integer, {}};
  if (b == "int") return mapped_type{t.is_unsigned ? "bigint" : "integer", type_category::integer, {}};
  if (b == "bigint") {
    if (t.is_unsigned) return mapped_type{"numeric(20)", type_category::decimal, {}};
    return mapped_type{"bigint", type_category::integer, {}};
  }
  if (b == "year") return mapped_type{"smallint", type_category::integer, {}};
  if (b == "decimal") {
    std::string pg = "numeric(" + std::to_string(t.length.value_or(10)) + "," + std::to_string(t.scale.value_or(0)) + ")";
    return mapped_type{std::move(pg), type_category::decimal, {}};
  }
  if (b == "float") return mapped_type{"real", type_category::floating, {}};
  if (b == "double") return mapped_type{"double precision", type_category::floating, {}};
  if (b == "char" || b == "varchar" || b == "tinytext" || b == "text" || b == "mediumtext" || b == "longtext") {
    std::string_view pg = b == "char" ? (o.char_as_varchar ? "varchar" : "char") : b == "varchar" ? "varchar" : "text";
    mapped_type m{character_type(pg, t, ci, o), type_category::text, {}};
    if (ci && o.case_insensitive == case_insensitive_policy::collation) m.pg_collation = o.ci_collation;
    return m;
  }
  if (b == "binary" || b == "varbinary" || b == "tinyblob" || b == "blob" || b == "mediumblob" || b == "longblob")
    return mapped_type{"bytea", type_category::binary, {}};
  if (b == "date") return mapped_type{"date", type_category::date, {}};
  // Fraction digits are kept exactly, 0 included: PostgreSQL's default (6) would keep fractions
  // MySQL rounds away ('10:00:00.7' is stored as 10:00:01 in a DATETIME).
  const auto with_fsp = [&](std::string_view name) {
    return std::string(name) + "(" + std::to_string(t.length.value_or(0)) + ")";
  };
  if (b == "datetime") return mapped_type{with_fsp("timestamp"), type_category::datetime, {}};
  if (b == "timestamp") {
    const bool tz = o.timestamps == timestamp_policy::with_time_zone;
    return mapped_type{with_fsp(tz ? "timestamptz" : "timestamp"), type_category::timestamp, {}};
  }
  if (b == "time") {
    if (o.time_as_interval) return mapped_type{"interval", type_category::time, {}};
    return mapped_type{with_fsp("time"), type_category::time, {}};
  }
  if (b == "json") return mapped_type{"jsonb", type_category::json, {}};
  if (b == "enum") {
    if (o.enum_as_type) return mapped_type{lower(table) + "_" + lower(column), type_category::enumeration, {}};
    mapped_type m{ci && o.case_insensitive == case_insensitive_policy::citext ? "citext" : "text",
                  type_category::enumeration, {}};
    if (ci && o.case_insensitive == case_insensitive_policy::collation) m.pg_collation = o.ci_collation;
    return m;
  }
  if (b == "set") return mapped_type{"text", type_category::set, {}};
  if (b == "bit") {
    if (t.length.value_or(1) == 1 && o.bit1_as_boolean) return mapped_type{"boolean", type_category::boolean, {}};
    // BIT(n) values are numbers wherever MySQL computes with them (b'101' + 0, flags & 4), so
    // they are stored as integers; 64 bits do not fit a signed bigint.
    return mapped_type{t.length.value_or(1) == 64 ? "numeric(20)" : "bigint", type_category::bit, {}};
  }
  return std::nullopt;
}

// Category for a type named by an override: the MySQL type's, except that booleans follow the
// PostgreSQL type (tinyint(1) overridden to smallint is an integer again).
type_category override_category(std::string_view pg_type, type_category mysql_category) {
  if (lower(pg_type) == "boolean") return type_category::boolean;
  if (mysql_category == type_category::boolean) return type_category::integer;
  return mysql_category;
}

}  // namespace

bool canonicalize(mysql_column_type& t) {
  for (const auto& s : synonyms)
    if (t.base == s.from) t.base = std::string(s.to);
  if (t.base == "bool" || t.base == "boolean") {
    t.base = "tinyint";
    t.length = 1;
  }
  if (t.zerofill) t.is_unsigned = true;
  if (const auto* it = find_integer(t.base)) {
    if (!t.length) t.length = t.is_unsigned ? it->unsigned_width : it->signed_width;
    t.scale.reset();
    return true;
  }
  if (t.base == "decimal") {
    if (!t.length) t.length = 10;
    if (!t.scale) t.scale = 0;
    return true;
  }
  if (t.base == "double") return true;
  if (t.base == "float") {
    // FLOAT(p): single precision up to 24 bits, double above; the precision is not kept.
    if (t.length && !t.scale) {
      if (*t.length > 24) t.base = "double";
      t.length.reset();
    }
    return true;
  }
  if (t.base == "char" || t.base == "binary" || t.base == "bit") {
    if (!t.length) t.length = 1;
    return true;
  }
  if (t.base == "year") {
    if (!t.length) t.length = 4;
    return true;
  }
  if (t.base == "datetime" || t.base == "timestamp" || t.base == "time") {
    if (t.length == 0u) t.length.reset();  // MariaDB prints datetime(0) as datetime
    return true;
  }
  for (const auto p : plain_types)
    if (t.base == p) return true;
  return false;
}

std::string column_type_text(const mysql_column_type& t) {
  std::string out = t.base;
  if (t.base == "enum" || t.base == "set") {
    out += '(';
    for (std::size_t i = 0; i < t.values.size(); ++i) {
      if (i) out += ',';
      out += '\'';
      for (const char c : t.values[i]) {
        if (c == '\'') out += '\'';
        out += c;
      }
      out += '\'';
    }
    out += ')';
  } else if (t.length) {
    out += '(';
    append_number(*t.length, out);
    if (t.scale) {
      out += ',';
      append_number(*t.scale, out);
    }
    out += ')';
  }
  if (t.is_unsigned) out += " unsigned";
  if (t.zerofill) out += " zerofill";
  return out;
}

namespace {

bool parse_number(std::string_view s, std::uint32_t& out) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// enum('a','b''c') member list, starting after the '('; false when malformed.
bool parse_members(std::string_view s, std::size_t& i, std::vector<std::string>& out) {
  while (i < s.size()) {
    if (s[i] != '\'') return false;
    std::string value;
    ++i;
    for (;;) {
      if (i >= s.size()) return false;
      if (s[i] == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          value += '\'';
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      value += s[i++];
    }
    out.push_back(std::move(value));
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == ')') {
      ++i;
      return true;
    }
    return false;
  }
  return false;
}

}  // namespace

bool parse_column_type(std::string_view text, mysql_column_type& out) {
  out = {};
  const std::string s = lower(text);
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i;
  out.base = s.substr(0, i);
  if (out.base.empty()) return false;
  if (i < s.size() && s[i] == '(') {
    ++i;
    if (out.base == "enum" || out.base == "set") {
      // Members are case-sensitive: read them from the original text.
      std::string_view original = text;
      if (!parse_members(original, i, out.values)) return false;
    } else {
      const auto close = s.find(')', i);
      if (close == std::string::npos) return false;
      const std::string_view args = std::string_view(s).substr(i, close - i);
      const auto comma = args.find(',');
      std::uint32_t n = 0;
      if (!parse_number(args.substr(0, comma), n)) return false;
      out.length = n;
      if (comma != std::string_view::npos) {
        if (!parse_number(args.substr(comma + 1), n)) return false;
        out.scale = n;
      }
      i = close + 1;
    }
  }
  std::string_view rest = std::string_view(s).substr(i);
  while (!rest.empty()) {
    if (rest.front() == ' ') {
      rest.remove_prefix(1);
    } else if (rest.substr(0, 8) == "unsigned") {
      out.is_unsigned = true;
      rest.remove_prefix(8);
    } else if (rest.substr(0, 8) == "zerofill") {
      out.zerofill = true;
      rest.remove_prefix(8);
    } else {
      return false;
    }
  }
  return canonicalize(out);
}

bool is_character_type(const mysql_column_type& t) noexcept {
  const std::string_view b = t.base;
  return b == "char" || b == "varchar" || b == "tinytext" || b == "text" || b == "mediumtext" || b == "longtext" ||
         b == "enum" || b == "set";
}

bool collation_is_case_insensitive(std::string_view collation) noexcept {
  return collation.size() > 3 && collation.substr(collation.size() - 3) == "_ci";
}

std::optional<mapped_type> map_type(const mysql_column_type& type, bool case_insensitive, std::string_view table,
                                    std::string_view column, const type_mapping_options& options) {
  auto mapped = default_mapping(type, case_insensitive, table, column, options);
  if (!mapped) return mapped;
  const auto apply = [&](const std::string& pg) {
    mapped->category = override_category(pg, mapped->category);
    mapped->pg_type = pg;
    mapped->pg_collation.clear();
  };
  if (!options.column_overrides.empty()) {
    const auto it = options.column_overrides.find(lower(table) + "." + lower(column));
    if (it != options.column_overrides.end()) {
      apply(it->second);
      return mapped;
    }
  }
  if (!options.type_overrides.empty()) {
    auto it = options.type_overrides.find(column_type_text(type));
    if (it == options.type_overrides.end()) it = options.type_overrides.find(type.base);
    if (it != options.type_overrides.end()) apply(it->second);
  }
  return mapped;
}

void adjust_for_identity(mapped_type& mapped) {
  if (mapped.category != type_category::decimal) return;
  mapped.pg_type = "bigint";
  mapped.category = type_category::integer;
}

}  // namespace switchyard::sql
