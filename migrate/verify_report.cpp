#include "migrate/verify_report.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "sql/literals.hpp"

namespace switchyard::migrate {
namespace {

namespace json = boost::json;
using sql::type_category;

bool length_prefixed(type_category c) noexcept {
  switch (c) {
    case type_category::integer: case type_category::boolean: case type_category::decimal:
    case type_category::floating: case type_category::binary: case type_category::date:
    case type_category::datetime: case type_category::timestamp: case type_category::time:
    case type_category::bit:
      return false;
    default:
      return true;
  }
}

// A key value as JSON: a string when it is UTF-8 text, else {"hex": ...} (a binary key).
json::value key_json(const std::string& v) {
  if (sql::is_postgres_text(v)) return json::value(v);
  std::string hex;
  sql::append_hex(v, hex);
  return json::object{{"hex", hex}};
}

std::string key_display(const key_value& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i > 0) out += ", ";
    if (sql::is_postgres_text(key[i])) {
      out += key[i];
    } else {
      out += "0x";
      sql::append_hex(key[i], out);
    }
  }
  return out;
}

json::value side_json(const table_result& t, const std::optional<rendered_row>& row) {
  if (!row) return nullptr;
  json::object o;
  for (std::size_t i = 0; i < row->values.size() && i < t.column_names.size(); ++i) {
    const auto& v = row->values[i];
    o[t.column_names[i]] = v ? json::value(display_value(t.column_categories[i], *v)) : json::value(nullptr);
  }
  return o;
}

std::string side_text(const table_result& t, const std::optional<rendered_row>& row, const std::string& column) {
  if (!row) return "(no row)";
  for (std::size_t i = 0; i < t.column_names.size() && i < row->values.size(); ++i)
    if (t.column_names[i] == column)
      return row->values[i] ? "'" + display_value(t.column_categories[i], *row->values[i]) + "'" : "NULL";
  return "?";
}

}  // namespace

std::string display_value(type_category category, std::string_view rendering) {
  if (!length_prefixed(category)) return std::string(rendering);
  const auto colon = rendering.find(':');
  return std::string(colon == std::string_view::npos ? rendering : rendering.substr(colon + 1));
}

std::uint64_t differing_rows(const std::vector<table_result>& tables) noexcept {
  std::uint64_t n = 0;
  for (const auto& t : tables) n += t.differences.size() + (t.checksum_differs ? 1 : 0);
  return n;
}

bool all_match(const std::vector<table_result>& tables) noexcept {
  for (const auto& t : tables)
    if (!t.matches()) return false;
  return true;
}

const char* status_of(const table_result& t) noexcept {
  if (!t.error.empty()) return "error";
  return t.matches() ? "ok" : "differs";
}

std::string human_report(const std::vector<table_result>& tables, const std::optional<repair_summary>& repair,
                         std::size_t max_rows) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-36s %12s %16s %8s %15s  %s\n", "table", "rows MySQL", "rows PostgreSQL", "chunks",
                "differing rows", "status");
  out += line;
  for (const auto& t : tables) {
    const std::string name = t.database + "." + t.table;
    std::snprintf(line, sizeof line, "%-36s %12llu %16llu %8zu %15zu  %s\n", name.c_str(),
                  static_cast<unsigned long long>(t.mysql_rows), static_cast<unsigned long long>(t.postgresql_rows),
                  t.chunks, t.differences.size(), status_of(t));
    out += line;
  }
  for (const auto& t : tables) {
    const std::string name = t.database + "." + t.table;
    if (!t.error.empty()) out += name + ": error: " + t.error + "\n";
    if (!t.note.empty()) out += name + ": note: " + t.note + "\n";
    if (t.checksum_differs) out += name + ": whole-table checksum differs\n";
    if (t.mysql_rows != t.postgresql_rows && t.error.empty())
      out += name + ": row counts differ: MySQL " + std::to_string(t.mysql_rows) + ", PostgreSQL " +
             std::to_string(t.postgresql_rows) + "\n";
    for (std::size_t i = 0; i < t.differences.size() && i < max_rows; ++i) {
      const auto& d = t.differences[i];
      out += name + " key (" + key_display(d.key) + "): " + to_string(d.what);
      for (const auto& c : d.columns)
        out += "; " + c + ": MySQL " + side_text(t, d.mysql, c) + ", PostgreSQL " + side_text(t, d.postgresql, c);
      out += "\n";
    }
    if (t.differences.size() > max_rows)
      out += name + ": ... and " + std::to_string(t.differences.size() - max_rows) + " more (see --json)\n";
  }
  if (repair) {
    out += "repair: " + std::to_string(repair->rows_deleted) + " row(s) deleted, " + std::to_string(repair->rows_copied) +
           " copied from MySQL, " + std::to_string(repair->tables_recopied) + " whole table(s) re-copied, " +
           std::to_string(repair->divergences_repaired) + " divergence record(s) marked repaired\n";
    for (const auto& e : repair->errors) out += "repair: error: " + e + "\n";
  }
  return out;
}

std::string json_report(const std::vector<table_result>& tables, const std::optional<repair_summary>& repair) {
  json::array list;
  for (const auto& t : tables) {
    json::array key;
    for (const auto& k : t.key) key.push_back(json::value(k.name));
    json::array diffs;
    for (const auto& d : t.differences) {
      json::array kv;
      for (const auto& v : d.key) kv.push_back(key_json(v));
      json::array cols;
      for (const auto& c : d.columns) cols.push_back(json::value(c));
      diffs.push_back(json::object{{"key", kv}, {"kind", to_string(d.what)}, {"columns", cols},
                                   {"mysql", side_json(t, d.mysql)}, {"postgresql", side_json(t, d.postgresql)}});
    }
    json::object o{{"database", t.database},
                   {"table", t.table},
                   {"status", status_of(t)},
                   {"key", key},
                   {"chunked", t.keyed},
                   {"rows", json::object{{"mysql", t.mysql_rows}, {"postgresql", t.postgresql_rows}}},
                   {"chunks", t.chunks},
                   {"differing_chunks", t.differing_chunks},
                   {"sampled", t.sampled},
                   {"checksum_differs", t.checksum_differs},
                   {"differences", diffs},
                   {"seconds", t.seconds}};
    if (!t.note.empty()) o["note"] = t.note;
    if (!t.error.empty()) o["error"] = t.error;
    list.push_back(std::move(o));
  }
  json::object doc{{"ok", all_match(tables)}, {"differing_rows", differing_rows(tables)}, {"tables", list}};
  if (repair) {
    json::array errors;
    for (const auto& e : repair->errors) errors.push_back(json::value(e));
    doc["repair"] = json::object{{"rows_deleted", repair->rows_deleted},
                                 {"rows_copied", repair->rows_copied},
                                 {"tables_recopied", repair->tables_recopied},
                                 {"divergences_repaired", repair->divergences_repaired},
                                 {"errors", errors}};
  }
  return json::serialize(doc);
}

}  // namespace switchyard::migrate
