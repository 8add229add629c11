#include "migrate/create_table_text.hpp"

#include "sql/ascii.hpp"

namespace switchyard::migrate {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (sql::ascii_lower(s[i]) != sql::ascii_lower(prefix[i])) return false;
  return true;
}

std::string string_literal(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += c;  // '' and \\ (MySQL reads both as one character)
    out += c;
  }
  return out + "'";
}

std::string default_clause(const column_definition& c) {
  if (!c.has_default) return {};
  if (c.default_unquoted) {
    if (!c.default_is_expression) return " DEFAULT " + string_literal(c.default_value);
    if (starts_with_ci(c.default_value, "current_timestamp")) return " DEFAULT " + c.default_value;
    return " DEFAULT (" + c.default_value + ")";
  }
  return " DEFAULT " + c.default_value;
}

std::string column_clause(const column_definition& c) {
  std::string out = "  " + mysql_identifier(c.name) + " " + c.column_type;
  if (!c.generation.empty()) {
    const bool stored = starts_with_ci(c.extra, "stored") || c.extra.find("STORED") != std::string::npos;
    return out + " GENERATED ALWAYS AS (" + c.generation + ") " + (stored ? "STORED" : "VIRTUAL");
  }
  if (!c.collation.empty() && c.column_type != "json") out += " COLLATE " + c.collation;
  out += c.nullable ? " NULL" : " NOT NULL";
  out += default_clause(c);
  if (c.extra.find("auto_increment") != std::string::npos) out += " AUTO_INCREMENT";
  constexpr std::string_view on_update = "on update ";
  for (std::size_t at = 0; at + on_update.size() <= c.extra.size(); ++at) {
    if (!starts_with_ci(std::string_view(c.extra).substr(at), on_update)) continue;
    std::string_view rest = std::string_view(c.extra).substr(at + on_update.size());
    rest = rest.substr(0, rest.find(' '));
    out += " ON UPDATE " + std::string(rest);
    break;
  }
  if (c.extra.find("INVISIBLE") != std::string::npos) out += " INVISIBLE";
  return out;
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + mysql_identifier(columns[i]);
  return out + ")";
}

std::string key_clause(const index_definition& k) {
  std::string out = k.name == "PRIMARY" ? "  PRIMARY KEY " : k.unique ? "  UNIQUE KEY " + mysql_identifier(k.name) + " "
                                                                      : "  KEY " + mysql_identifier(k.name) + " ";
  out += "(";
  for (std::size_t i = 0; i < k.parts.size(); ++i) {
    const index_part& p = k.parts[i];
    out += (i ? ", " : "") + mysql_identifier(p.column);
    if (p.prefix) out += "(" + std::to_string(*p.prefix) + ")";
    if (p.descending) out += " DESC";
  }
  return out + ")";
}

std::string qualified(std::string_view schema, std::string_view name) {
  return mysql_identifier(schema) + "." + mysql_identifier(name);
}

}  // namespace

std::string mysql_identifier(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

table_text create_table_text(const table_definition& t) {
  table_text out;
  std::string& sql = out.create_table;
  sql = "CREATE TABLE " + qualified(t.schema, t.name) + " (\n";
  bool first = true;
  const auto add = [&](const std::string& clause) {
    sql += (first ? "" : ",\n") + clause;
    first = false;
  };
  for (const column_definition& c : t.columns) add(column_clause(c));
  for (const index_definition& k : t.indexes) {
    if (k.type == "FULLTEXT" || k.type == "SPATIAL") {
      out.notes.push_back(t.name + ": " + k.type + " index " + k.name + " left out (no PostgreSQL equivalent is made)");
      continue;
    }
    add(key_clause(k));
  }
  for (const std::string& check : t.checks)
    out.notes.push_back(t.name + ": CHECK (" + check + ") left out (MySQL checks the data it accepts)");
  sql += "\n)";
  if (t.auto_increment && *t.auto_increment > 1) sql += " AUTO_INCREMENT=" + std::to_string(*t.auto_increment);
  for (const foreign_key_definition& fk : t.foreign_keys) {
    std::string text = "ALTER TABLE " + qualified(t.schema, t.name) + " ADD CONSTRAINT " + mysql_identifier(fk.name) +
                       " FOREIGN KEY " + column_list(fk.columns) + " REFERENCES " +
                       qualified(fk.referenced_schema, fk.referenced_table) + " " + column_list(fk.referenced_columns);
    if (!fk.on_delete.empty() && fk.on_delete != "RESTRICT") text += " ON DELETE " + fk.on_delete;
    if (!fk.on_update.empty() && fk.on_update != "RESTRICT") text += " ON UPDATE " + fk.on_update;
    out.foreign_keys.push_back(std::move(text));
  }
  return out;
}

}  // namespace switchyard::migrate
