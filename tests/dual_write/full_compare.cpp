#include "dual_write/full_compare.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

#include "migrate/mysql_catalog.hpp"
#include "sql/translate.hpp"

namespace switchyard::dual_write_test {
namespace {

using cell = std::optional<std::string>;
using row = std::vector<cell>;

enum class comparison { exact, single_float, double_float, json };

// How one column is read on each side and compared.
struct column_reader {
  std::string name;
  std::string mysql_expr;
  std::string pg_expr;
  comparison how = comparison::exact;
};

std::string mysql_ident(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string pg_ident(std::string_view name) {
  std::string out;
  sql::append_pg_identifier(name, out);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

column_reader reader_of(const sql::column_info& c) {
  column_reader r;
  r.name = c.name;
  const std::string my = mysql_ident(c.name);
  const std::string pg = pg_ident(c.name);
  r.mysql_expr = my;
  r.pg_expr = pg + "::text";
  switch (c.category) {
    case sql::type_category::boolean:
      r.mysql_expr = "(" + my + " <> 0)";
      r.pg_expr = "(" + pg + "::int <> 0)::int";
      break;
    case sql::type_category::datetime:
    case sql::type_category::timestamp: {
      // MySQL's session runs in UTC; timestamptz is read in UTC.
      const bool zoned = c.category == sql::type_category::timestamp &&
                         (starts_with(c.pg_type, "timestamptz") || c.pg_type.find("with time zone") != std::string::npos);
      r.mysql_expr = "DATE_FORMAT(" + my + ", '%Y-%m-%d %H:%i:%s.%f')";
      r.pg_expr = "to_char(" + pg + (zoned ? " AT TIME ZONE 'UTC'" : "") + ", 'YYYY-MM-DD HH24:MI:SS.US')";
      break;
    }
    case sql::type_category::time:
      r.mysql_expr = "TIME_FORMAT(" + my + ", '%H:%i:%s.%f')";
      r.pg_expr = "to_char(" + pg + ", 'HH24:MI:SS.US')";
      break;
    case sql::type_category::binary:
      r.mysql_expr = "HEX(" + my + ")";
      r.pg_expr = "upper(encode(" + pg + ", 'hex'))";
      break;
    case sql::type_category::bit:
      r.mysql_expr = "CAST(" + my + " AS UNSIGNED)";
      r.pg_expr = c.pg_type == "boolean" ? pg + "::int::text" : pg + "::text";
      break;
    case sql::type_category::floating:
      r.how = starts_with(c.mysql_type, "float") ? comparison::single_float : comparison::double_float;
      break;
    case sql::type_category::json:
      r.how = comparison::json;
      break;
    default:
      break;
  }
  return r;
}

bool same_float(const std::string& a, const std::string& b, double relative) {
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  if (*end_a != '\0' || *end_b != '\0') return a == b;
  if (x == y) return true;
  return std::fabs(x - y) <= relative * std::max(std::fabs(x), std::fabs(y));
}

bool same_json(const std::string& a, const std::string& b) {
  boost::system::error_code ea, eb;
  const boost::json::value x = boost::json::parse(a, ea);
  const boost::json::value y = boost::json::parse(b, eb);
  if (ea || eb) return a == b;
  return x == y;
}

bool same_cell(const cell& a, const cell& b, comparison how) {
  if (!a || !b) return a.has_value() == b.has_value();
  switch (how) {
    case comparison::exact: return *a == *b;
    case comparison::single_float: return same_float(*a, *b, 1e-6);
    case comparison::double_float: return same_float(*a, *b, 1e-14);
    case comparison::json: return same_json(*a, *b);
  }
  return false;
}

std::string show(const row& r) {
  std::string s = "(";
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (i > 0) s += ", ";
    s += r[i] ? "'" + *r[i] + "'" : "NULL";
  }
  return s + ")";
}

std::string key_of(const row& r, const std::vector<std::size_t>& key_columns) {
  std::string k;
  for (const std::size_t i : key_columns) {
    k += r[i] ? *r[i] : std::string("\x01NULL");
    k += '\x1f';
  }
  return k;
}

// Rows by key; a table without a primary key keys on the whole row (several rows per key).
using keyed_rows = std::map<std::string, std::vector<row>>;

std::string read_mysql(MYSQL* m, const std::string& query, std::size_t width, keyed_rows& out,
                       const std::vector<std::size_t>& key_columns, std::size_t& count) {
  if (mysql_real_query(m, query.data(), query.size()) != 0) return std::string("MySQL: ") + mysql_error(m);
  MYSQL_RES* res = mysql_store_result(m);
  if (res == nullptr) return std::string("MySQL result: ") + mysql_error(m);
  while (MYSQL_ROW values = mysql_fetch_row(res)) {
    const unsigned long* lengths = mysql_fetch_lengths(res);
    row r;
    for (std::size_t i = 0; i < width; ++i) r.push_back(values[i] ? cell(std::string(values[i], lengths[i])) : cell());
    out[key_of(r, key_columns)].push_back(std::move(r));
    ++count;
  }
  mysql_free_result(res);
  return {};
}

std::string read_pg(PGconn* pg, const std::string& query, std::size_t width, keyed_rows& out,
                    const std::vector<std::size_t>& key_columns) {
  PGresult* res = PQexec(pg, query.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    std::string error = std::string("PostgreSQL: ") + PQresultErrorMessage(res);
    PQclear(res);
    return error;
  }
  for (int i = 0; i < PQntuples(res); ++i) {
    row r;
    for (std::size_t j = 0; j < width; ++j) {
      const int c = static_cast<int>(j);
      r.push_back(PQgetisnull(res, i, c) ? cell()
                                         : cell(std::string(PQgetvalue(res, i, c), static_cast<std::size_t>(PQgetlength(res, i, c)))));
    }
    out[key_of(r, key_columns)].push_back(std::move(r));
  }
  PQclear(res);
  return {};
}

std::string key_text(const row& r, const std::vector<std::size_t>& key_columns) {
  row k;
  for (const std::size_t i : key_columns) k.push_back(r[i]);
  return show(k);
}

void compare_table(const sql::table_info& t, MYSQL* mysql, PGconn* pg, std::string_view database,
                   compare_result& result) {
  std::vector<column_reader> readers;
  for (const auto& c : t.columns) readers.push_back(reader_of(c));
  std::vector<std::size_t> key_columns;
  if (const sql::unique_key* pk = t.primary_key()) {
    for (const auto& name : pk->columns)
      for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (std::equal(name.begin(), name.end(), t.columns[i].name.begin(), t.columns[i].name.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
          key_columns.push_back(i);
  }
  if (key_columns.empty())
    for (std::size_t i = 0; i < t.columns.size(); ++i) key_columns.push_back(i);

  std::string my_sql = "SELECT ";
  std::string pg_sql = "SELECT ";
  for (std::size_t i = 0; i < readers.size(); ++i) {
    if (i > 0) {
      my_sql += ", ";
      pg_sql += ", ";
    }
    my_sql += readers[i].mysql_expr;
    pg_sql += readers[i].pg_expr;
  }
  my_sql += " FROM " + mysql_ident(database) + "." + mysql_ident(t.name);
  pg_sql += " FROM " + pg_ident(database) + "." + pg_ident(t.name);

  table_difference diff;
  diff.table = t.name;
  keyed_rows mine, theirs;
  ++result.tables;
  if (auto e = read_mysql(mysql, my_sql, readers.size(), mine, key_columns, result.rows); !e.empty()) {
    diff.problem = e + " (" + my_sql + ")";
    result.differences.push_back(std::move(diff));
    return;
  }
  if (auto e = read_pg(pg, pg_sql, readers.size(), theirs, key_columns); !e.empty()) {
    diff.problem = e + " (" + pg_sql + ")";
    result.differences.push_back(std::move(diff));
    return;
  }
  auto missing = [&](const row& r, bool on_pg) {
    row_difference d;
    d.key = key_text(r, key_columns);
    d.what = on_pg ? "missing on PostgreSQL" : "missing on MySQL";
    (on_pg ? d.mysql_row : d.pg_row) = show(r);
    diff.rows.push_back(std::move(d));
  };
  for (const auto& [key, rows] : mine) {
    const auto it = theirs.find(key);
    const std::size_t matched = it == theirs.end() ? 0 : std::min(rows.size(), it->second.size());
    for (std::size_t i = 0; i < matched; ++i) {
      const row& a = rows[i];
      const row& b = it->second[i];
      std::string differing;
      for (std::size_t c = 0; c < readers.size(); ++c)
        if (!same_cell(a[c], b[c], readers[c].how)) differing += (differing.empty() ? "" : ", ") + readers[c].name;
      if (differing.empty()) continue;
      row_difference d;
      d.key = key_text(a, key_columns);
      d.what = "differs in " + differing;
      d.mysql_row = show(a);
      d.pg_row = show(b);
      diff.rows.push_back(std::move(d));
    }
    for (std::size_t i = matched; i < rows.size(); ++i) missing(rows[i], true);
    if (it != theirs.end())
      for (std::size_t i = matched; i < it->second.size(); ++i) missing(it->second[i], false);
  }
  for (const auto& [key, rows] : theirs)
    if (mine.find(key) == mine.end())
      for (const auto& r : rows) missing(r, false);
  if (!diff.rows.empty()) result.differences.push_back(std::move(diff));
}

}  // namespace

std::size_t compare_result::differing_rows() const {
  std::size_t n = 0;
  for (const auto& d : differences) n += d.rows.size();
  return n;
}

std::set<std::string> compare_result::differing_tables() const {
  std::set<std::string> out;
  for (const auto& d : differences) out.insert(d.table);
  return out;
}

std::string compare_result::describe(std::size_t per_table) const {
  std::string s;
  if (!error.empty()) s += "compare failed: " + error + "\n";
  for (const auto& d : differences) {
    s += "table " + d.table + ": ";
    s += d.problem.empty() ? std::to_string(d.rows.size()) + " differing row(s)\n" : d.problem + "\n";
    for (std::size_t i = 0; i < d.rows.size() && i < per_table; ++i) {
      const auto& r = d.rows[i];
      s += "  key " + r.key + ": " + r.what + "\n";
      if (!r.mysql_row.empty()) s += "    MySQL:      " + r.mysql_row + "\n";
      if (!r.pg_row.empty()) s += "    PostgreSQL: " + r.pg_row + "\n";
    }
  }
  return s;
}

compare_result full_compare(MYSQL* mysql, PGconn* pg, std::string_view database, unsigned mysql_port) {
  compare_result result;
  migrate::mysql_endpoint endpoint;
  endpoint.port = static_cast<std::uint16_t>(mysql_port);
  endpoint.user = "app";
  endpoint.password = "app";
  sql::memory_catalog catalog;
  const auto loaded = migrate::load_mysql_catalog(endpoint, database, catalog);
  if (!loaded.ok) {
    result.error = "cannot load MySQL's catalog of " + std::string(database) + ": " + loaded.error;
    return result;
  }
  if (mysql_query(mysql, "SET time_zone = '+00:00'") != 0) {
    result.error = std::string("SET time_zone on MySQL: ") + mysql_error(mysql);
    return result;
  }
  std::set<std::string> mysql_tables;
  for (const sql::table_info* t : catalog.tables()) {
    if (t->schema != database) continue;
    mysql_tables.insert(pg_ident(t->name));
    compare_table(*t, mysql, pg, database, result);
  }
  // Tables PostgreSQL has and MySQL has not (a DROP or RENAME that was not mirrored).
  std::string schema = pg_ident(database);
  if (schema.front() == '"') schema = schema.substr(1, schema.size() - 2);
  const char* params[] = {schema.c_str()};
  PGresult* res = PQexecParams(pg,
                               "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 "
                               "AND table_type = 'BASE TABLE' ORDER BY 1",
                               1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    result.error = std::string("listing PostgreSQL's tables: ") + PQresultErrorMessage(res);
  } else {
    for (int i = 0; i < PQntuples(res); ++i) {
      const std::string name = PQgetvalue(res, i, 0);
      if (mysql_tables.count(pg_ident(name)) == 0) {
        table_difference d;
        d.table = name;
        d.problem = "only on PostgreSQL";
        result.differences.push_back(std::move(d));
      }
    }
  }
  PQclear(res);
  return result;
}

}  // namespace switchyard::dual_write_test
