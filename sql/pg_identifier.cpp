// PostgreSQL spelling of identifiers: lower case, quoted only when PostgreSQL needs it.
#include <algorithm>
#include <array>

#include "sql/translate.hpp"

namespace switchyard::sql {
namespace {

// PostgreSQL 15 keywords that cannot be a bare column or table name in every position: the
// reserved, type_func_name and col_name categories (unreserved keywords are fine bare). Sorted.
constexpr std::array<std::string_view, 140> pg_keywords_needing_quotes = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
    "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
    "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into",
    "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null",
    "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
    "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat",
    "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose",
    "when", "where", "window", "with"};

bool needs_quotes(std::string_view lower) {
  if (lower.empty()) return true;
  const char first = lower.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
  for (const char c : lower)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return true;
  return std::binary_search(pg_keywords_needing_quotes.begin(), pg_keywords_needing_quotes.end(), lower);
}

}  // namespace

void append_pg_identifier(std::string_view mysql_name, std::string& out) {
  const std::size_t start = out.size();
  for (char c : mysql_name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  const std::string_view lower(out.data() + start, out.size() - start);
  if (!needs_quotes(lower)) return;
  std::string quoted;
  quoted.reserve(lower.size() + 2);
  quoted.push_back('"');
  for (const char c : lower) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  out.resize(start);
  out.append(quoted);
}

}  // namespace switchyard::sql
