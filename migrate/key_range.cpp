#include "migrate/key_range.hpp"

#include "sql/translate.hpp"

namespace switchyard::migrate {
namespace {

bool is_numeric(sql::type_category c) noexcept {
  return c == sql::type_category::integer || c == sql::type_category::decimal || c == sql::type_category::floating;
}

// Digits, sign, point, exponent only: safe to write bare.
bool plain_number(std::string_view v) noexcept {
  if (v.empty()) return false;
  for (const char ch : v)
    if (!((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E')) return false;
  return true;
}

std::string quoted(std::string_view v) {
  std::string out = "'";
  for (const char ch : v) {
    if (ch == '\'') out += '\'';
    out += ch;
  }
  out += '\'';
  return out;
}

// One comparison "col OP literal".
void append_comparison(const key_column& k, std::string_view value, std::string_view op, sql_dialect dialect,
                       std::string_view prefix, std::string& out) {
  out += prefix;
  out += quote_identifier(k.name, dialect);
  out += ' ';
  out += op;
  out += ' ';
  out += key_literal(value, k.category, dialect);
}

// OR over i of (k1 = v1 AND ... AND k(i-1) = v(i-1) AND k(i) OP v(i)); `last_op` for the last column.
std::string expanded(const std::vector<key_column>& key, const key_value& v, std::string_view op,
                     std::string_view last_op, sql_dialect dialect, std::string_view prefix) {
  std::string out = "(";
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i > 0) out += " OR ";
    out += '(';
    for (std::size_t j = 0; j < i; ++j) {
      append_comparison(key[j], v[j], "=", dialect, prefix, out);
      out += " AND ";
    }
    append_comparison(key[i], v[i], i + 1 == key.size() ? last_op : op, dialect, prefix, out);
    out += ')';
  }
  out += ')';
  return out;
}

}  // namespace

std::string quote_identifier(std::string_view name, sql_dialect dialect) {
  std::string out;
  if (dialect == sql_dialect::postgresql) {
    sql::append_pg_identifier(name, out);
    return out;
  }
  out += '`';
  for (const char ch : name) {
    if (ch == '`') out += '`';
    out += ch;
  }
  out += '`';
  return out;
}

std::string key_literal(std::string_view value, sql::type_category category, sql_dialect dialect) {
  if (is_numeric(category) && plain_number(value)) return std::string(value);
  if (category == sql::type_category::binary) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string digits;
    for (const char ch : value) {
      digits += hex[static_cast<unsigned char>(ch) >> 4];
      digits += hex[static_cast<unsigned char>(ch) & 15];
    }
    return dialect == sql_dialect::mysql ? "X'" + digits + "'" : "'\\x" + digits + "'::bytea";
  }
  return quoted(value);
}

std::string key_range_predicate(const std::vector<key_column>& key, const std::optional<key_value>& lower,
                                const std::optional<key_value>& upper, sql_dialect dialect, std::string_view prefix) {
  std::string out;
  if (lower) out += expanded(key, *lower, ">", ">", dialect, prefix);
  if (upper) {
    if (!out.empty()) out += " AND ";
    out += expanded(key, *upper, "<", "<=", dialect, prefix);
  }
  return out.empty() ? "TRUE" : out;
}

std::string key_column_list(const std::vector<key_column>& key, sql_dialect dialect, std::string_view prefix) {
  std::string out;
  for (const auto& k : key) {
    if (!out.empty()) out += ", ";
    out += prefix;
    out += quote_identifier(k.name, dialect);
  }
  return out;
}

bool orders_alike(const std::vector<key_column>& key) noexcept {
  for (const auto& k : key) {
    switch (k.category) {
      case sql::type_category::integer:
      case sql::type_category::decimal:
      case sql::type_category::date:
      case sql::type_category::datetime:
      case sql::type_category::timestamp:
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace switchyard::migrate
