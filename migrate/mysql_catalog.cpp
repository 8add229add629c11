#include "migrate/mysql_catalog.hpp"

#include <mysql.h>

#include <map>
#include <memory>
#include <set>

#include "migrate/mysql_client.hpp"
#include "sql/ddl_catalog.hpp"

namespace switchyard::migrate {
namespace {

using mysql_client::field;
using mysql_client::query;
using mysql_client::quoted;
using mysql_client::result;

// MariaDB's JSON columns: (table, column) pairs with a json_valid(`column`) CHECK.
std::set<std::pair<std::string, std::string>> json_columns(MYSQL* m, const std::string& schema) {
  std::set<std::pair<std::string, std::string>> out;
  std::string ignored;  // MySQL 8 has no TABLE_NAME here, and reports JSON columns as json anyway
  const auto r = query(m, "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = " + schema, ignored);
  if (!r) return out;
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
    unsigned long* len = mysql_fetch_lengths(r.get());
    const std::string clause = field(row, len, 1);
    constexpr std::string_view prefix = "json_valid(`", suffix = "`)";
    if (clause.size() > prefix.size() + suffix.size() && clause.compare(0, prefix.size(), prefix) == 0 &&
        clause.compare(clause.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.emplace(field(row, len, 0), clause.substr(prefix.size(), clause.size() - prefix.size() - suffix.size()));
  }
  return out;
}

bool load_columns(MYSQL* m, std::string_view database, const std::string& schema, const sql::type_mapping_options& types,
                  std::map<std::string, sql::table_info>& tables, catalog_load_result& out) {
  const auto json = json_columns(m, schema);
  const auto r = query(m,
                       "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.EXTRA, c.COLLATION_NAME, "
                       "c.COLUMN_DEFAULT FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON "
                       "t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = " +
                           schema + " AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
                       out.error);
  if (!r) return false;
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
    unsigned long* len = mysql_fetch_lengths(r.get());
    sql::table_info& t = tables[field(row, len, 0)];
    t.schema = std::string(database);
    t.name = field(row, len, 0);
    sql::column_info c;
    c.name = field(row, len, 1);
    const std::string column_type = field(row, len, 2);
    c.nullable = field(row, len, 3) == "YES";
    c.auto_increment = field(row, len, 4).find("auto_increment") != std::string::npos;
    c.collation = field(row, len, 5);
    if (row[6] && field(row, len, 6) != "NULL") {
      c.has_default = true;
      c.default_value = field(row, len, 6);
    }
    sql::mysql_column_type type;
    if (!sql::parse_column_type(column_type, type)) {
      c.mysql_type = column_type;
      out.warnings.push_back(t.name + "." + c.name + ": type " + column_type + " has no PostgreSQL mapping");
      t.columns.push_back(std::move(c));
      continue;
    }
    if (type.base == "longtext" && json.count({t.name, c.name})) {
      type = {};
      type.base = "json";
    }
    if (type.base == "json") c.collation.clear();
    c.mysql_type = sql::column_type_text(type);
    c.case_insensitive = !c.collation.empty() && sql::collation_is_case_insensitive(c.collation);
    auto mapped = sql::map_type(type, c.case_insensitive, t.name, c.name, types);
    if (!mapped) {
      out.warnings.push_back(t.name + "." + c.name + ": type " + column_type + " has no PostgreSQL mapping");
    } else {
      if (c.auto_increment) sql::adjust_for_identity(*mapped);
      c.pg_type = mapped->pg_type;
      c.category = mapped->category;
    }
    t.columns.push_back(std::move(c));
  }
  return true;
}

bool load_unique_keys(MYSQL* m, const std::string& schema, std::map<std::string, sql::table_info>& tables,
                      catalog_load_result& out) {
  const auto r = query(m,
                       "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE "
                       "TABLE_SCHEMA = " + schema + " AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
                       out.error);
  if (!r) return false;
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
    unsigned long* len = mysql_fetch_lengths(r.get());
    const auto it = tables.find(field(row, len, 0));
    if (it == tables.end()) continue;
    auto& keys = it->second.unique_keys;
    const std::string name = field(row, len, 1);
    if (keys.empty() || keys.back().name != name) keys.push_back(sql::unique_key{name, {}});
    keys.back().columns.push_back(field(row, len, 2));
  }
  return true;
}

}  // namespace

catalog_load_result load_mysql_catalog(const mysql_endpoint& endpoint, std::string_view database,
                                       sql::memory_catalog& catalog, const sql::type_mapping_options& types) {
  catalog_load_result out;
  const std::string where = mysql_client::describe(endpoint);
  const mysql_client::connection m = mysql_client::connect(endpoint, out.error);
  if (!m) return out;
  const std::string schema = quoted(m.get(), database);
  {
    const auto r = query(m.get(), "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + schema, out.error);
    if (!r) return out;
    if (mysql_num_rows(r.get()) == 0) {
      out.error = "unknown database '" + std::string(database) + "' on " + where;
      return out;
    }
  }
  std::map<std::string, sql::table_info> tables;
  if (!load_columns(m.get(), database, schema, types, tables, out) || !load_unique_keys(m.get(), schema, tables, out))
    return out;
  for (auto& [name, t] : tables) {
    sql::order_unique_keys(t);
    catalog.add_table(std::move(t));
  }
  out.tables = tables.size();
  out.ok = true;
  return out;
}

}  // namespace switchyard::migrate
