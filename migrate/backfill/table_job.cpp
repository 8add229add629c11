#include "migrate/backfill/table_job.hpp"

namespace switchyard::migrate {
namespace {

// The primary key, else the first unique key whose columns are all NOT NULL (a NULL key would
// escape every range).
const sql::unique_key* chunking_key(const sql::table_info& t) {
  for (const auto& k : t.unique_keys) {
    bool usable = !k.columns.empty();
    for (const auto& name : k.columns) {
      const sql::column_info* c = t.find_column(name);
      usable = usable && c != nullptr && (k.name == "PRIMARY" || !c->nullable);
    }
    if (usable) return &k;
  }
  return nullptr;
}

// Column names compare without ASCII case, as MySQL does.
bool same_name(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool make_table_job(const sql::table_info& t, table_job& out, std::string& error) {
  out = table_job{};
  out.schema = t.schema;
  out.table = t.name;
  out.columns = t.columns;
  out.mysql_name = quote_identifier(t.schema, sql_dialect::mysql) + "." + quote_identifier(t.name, sql_dialect::mysql);
  out.pg_name = quote_identifier(t.schema, sql_dialect::postgresql) + "." + quote_identifier(t.name, sql_dialect::postgresql);
  const sql::unique_key* key = chunking_key(t);
  if (key == nullptr) {
    error = "table " + out.label() +
            " has no primary key and no unique key on NOT NULL columns: backfill needs one to copy it in key ranges "
            "(add a primary key on MySQL)";
    return false;
  }
  out.key_name = key->name;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const sql::column_info& c = t.columns[i];
    if (c.pg_type.empty()) {
      error = "table " + out.label() + ": column " + c.name + " (" + c.mysql_type + ") has no PostgreSQL type";
      return false;
    }
    out.copy.push_back(make_copy_column(c));
    if (!out.mysql_columns.empty()) {
      out.mysql_columns += ", ";
      out.pg_columns += ", ";
    }
    out.mysql_columns += quote_identifier(c.name, sql_dialect::mysql);
    out.pg_columns += quote_identifier(c.name, sql_dialect::postgresql);
    if (c.auto_increment) out.identity_column = c.name;
  }
  for (const auto& name : key->columns) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (!same_name(t.columns[i].name, name)) continue;
      out.key.push_back(key_column{t.columns[i].name, t.columns[i].category});
      out.key_index.push_back(i);
    }
  }
  return true;
}

}  // namespace switchyard::migrate
