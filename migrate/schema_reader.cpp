#include "migrate/schema_reader.hpp"

#include <mysql.h>

#include <map>

#include "migrate/mysql_client.hpp"

namespace switchyard::migrate {
namespace {

using mysql_client::field;
using mysql_client::query;

struct reader {
  MYSQL* m = nullptr;
  std::string schema;  // quoted
  bool mariadb = true;
  std::map<std::string, table_definition> tables;
  std::string error;

  table_definition* find(const std::string& name) {
    const auto it = tables.find(name);
    return it == tables.end() ? nullptr : &it->second;
  }

  // One row of a result: text by column, SQL NULL told apart.
  struct row_view {
    MYSQL_ROW row;
    unsigned long* lengths;
    [[nodiscard]] std::string at(unsigned i) const { return field(row, lengths, i); }
    [[nodiscard]] bool null(unsigned i) const { return row[i] == nullptr; }
  };

  // Calls f(table, row) for each row of `r` whose first column names a base table read before.
  template <class F>
  void each_table_row(const mysql_client::result& r, F f) {
    while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
      const row_view v{row, mysql_fetch_lengths(r.get())};
      if (table_definition* t = find(v.at(0))) f(*t, v);
    }
  }

  bool read_tables(std::string_view database) {
    const auto r = query(m, "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                                schema + " AND TABLE_TYPE = 'BASE TABLE'", error);
    if (!r) return false;
    while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
      unsigned long* len = mysql_fetch_lengths(r.get());
      table_definition t;
      t.schema = std::string(database);
      t.name = field(row, len, 0);
      if (row[1] != nullptr) t.auto_increment = std::stoull(field(row, len, 1));
      tables.emplace(t.name, std::move(t));
    }
    return true;
  }

  bool read_columns() {
    const auto r = query(m,
                         "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                         "COLLATION_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
                             schema + " ORDER BY TABLE_NAME, ORDINAL_POSITION",
                         error);
    if (!r) return false;
    each_table_row(r, [this](table_definition& t, const row_view& v) {  // a view's columns are skipped
      column_definition c;
      c.name = v.at(1);
      c.column_type = v.at(2);
      c.nullable = v.at(3) == "YES";
      c.extra = v.at(5);
      c.has_default = !v.null(4) && !(mariadb && v.at(4) == "NULL");
      if (c.has_default) c.default_value = v.at(4);
      c.default_unquoted = !mariadb;
      c.default_is_expression = c.extra.find("DEFAULT_GENERATED") != std::string::npos;
      c.collation = v.at(6);
      c.generation = v.at(7);
      t.columns.push_back(std::move(c));
    });
    return true;
  }

  // CHECK constraints: MariaDB names the table in CHECK_CONSTRAINTS; MySQL 8 through TABLE_CONSTRAINTS.
  bool read_checks() {
    std::string ignored;
    auto r = query(m, "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = " +
                          schema, ignored);
    if (!r)
      r = query(m,
                "SELECT tc.TABLE_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc JOIN "
                "information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND "
                "cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = " + schema,
                error);
    if (!r) return false;
    each_table_row(r, [](table_definition& t, const row_view& v) {
      const std::string clause = v.at(1);
      constexpr std::string_view prefix = "json_valid(`", suffix = "`)";
      if (clause.size() > prefix.size() + suffix.size() && clause.compare(0, prefix.size(), prefix) == 0 &&
          clause.compare(clause.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const std::string column = clause.substr(prefix.size(), clause.size() - prefix.size() - suffix.size());
        for (column_definition& c : t.columns)
          if (c.name == column && c.column_type == "longtext") {
            c.column_type = "json";
            c.collation.clear();
          }
        return;
      }
      t.checks.push_back(clause);
    });
    return true;
  }

  bool read_indexes() {
    const auto r = query(m,
                         "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE FROM "
                         "information_schema.STATISTICS WHERE TABLE_SCHEMA = " + schema +
                             " ORDER BY TABLE_NAME, INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX",
                         error);
    if (!r) return false;
    each_table_row(r, [](table_definition& t, const row_view& v) {
      if (t.indexes.empty() || t.indexes.back().name != v.at(1)) {
        index_definition k;
        k.name = v.at(1);
        k.unique = v.at(2) == "0";
        k.type = v.at(6);
        t.indexes.push_back(std::move(k));
      }
      index_part p;
      p.column = v.at(3);
      if (!v.null(4)) p.prefix = static_cast<std::uint32_t>(std::stoul(v.at(4)));
      p.descending = v.at(5) == "D";
      t.indexes.back().parts.push_back(std::move(p));
    });
    return true;
  }

  bool read_foreign_keys() {
    const auto r = query(m,
                         "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, "
                         "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE FROM "
                         "information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON "
                         "r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND "
                         "r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = " + schema +
                             " AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, "
                             "k.ORDINAL_POSITION",
                         error);
    if (!r) return false;
    each_table_row(r, [](table_definition& t, const row_view& v) {
      if (t.foreign_keys.empty() || t.foreign_keys.back().name != v.at(1)) {
        foreign_key_definition fk;
        fk.name = v.at(1);
        fk.referenced_schema = v.at(3);
        fk.referenced_table = v.at(4);
        fk.on_delete = v.at(6);
        fk.on_update = v.at(7);
        t.foreign_keys.push_back(std::move(fk));
      }
      t.foreign_keys.back().columns.push_back(v.at(2));
      t.foreign_keys.back().referenced_columns.push_back(v.at(5));
    });
    return true;
  }
};

}  // namespace

schema_read_result read_mysql_schema(const mysql_endpoint& endpoint, std::string_view database) {
  schema_read_result out;
  const mysql_client::connection m = mysql_client::connect(endpoint, out.error);
  if (!m) return out;
  reader rd;
  rd.m = m.get();
  rd.schema = mysql_client::quoted(m.get(), database);
  {
    const auto r = query(m.get(), "SELECT VERSION(), (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                                      rd.schema + ")", out.error);
    if (!r) return out;
    MYSQL_ROW row = mysql_fetch_row(r.get());
    unsigned long* len = mysql_fetch_lengths(r.get());
    if (row == nullptr || field(row, len, 1) == "0") {
      out.error = "unknown database '" + std::string(database) + "' on " + mysql_client::describe(endpoint);
      return out;
    }
    rd.mariadb = field(row, len, 0).find("MariaDB") != std::string::npos;
  }
  if (!rd.read_tables(database) || !rd.read_columns() || !rd.read_checks() || !rd.read_indexes() ||
      !rd.read_foreign_keys()) {
    out.error = rd.error;
    return out;
  }
  for (auto& [name, t] : rd.tables) out.tables.push_back(std::move(t));
  out.ok = true;
  return out;
}

}  // namespace switchyard::migrate
