#include "sql/catalog_json.hpp"

#include <boost/json.hpp>

#include "sql/ddl_catalog.hpp"

namespace switchyard::sql {
namespace json = boost::json;
namespace {

json::object column_json(const column_info& c) {
  json::object o;
  o["name"] = c.name;
  o["mysql_type"] = c.mysql_type;
  o["pg_type"] = c.pg_type;
  o["category"] = to_string(c.category);
  o["nullable"] = c.nullable;
  o["auto_increment"] = c.auto_increment;
  o["collation"] = c.collation;
  o["case_insensitive"] = c.case_insensitive;
  if (c.has_default) o["default"] = c.default_value;
  else o["default"] = nullptr;
  return o;
}

bool category_from_string(std::string_view s, type_category& out) {
  for (int i = 0; i <= static_cast<int>(type_category::other); ++i) {
    const auto c = static_cast<type_category>(i);
    if (to_string(c) == s) {
      out = c;
      return true;
    }
  }
  return false;
}

class reader {
 public:
  explicit reader(const type_mapping_options& types) : types_(types) {}

  bool tables(const json::value& root, std::vector<table_info>& out) {
    const auto* o = root.if_object();
    const auto* list = o && o->contains("tables") ? o->at("tables").if_array() : nullptr;
    if (!list) return fail("", "expected an object with a \"tables\" array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      table_info t;
      if (!table((*list)[i], "tables[" + std::to_string(i) + "]", t)) return false;
      out.push_back(std::move(t));
    }
    return true;
  }

  std::string error;

 private:
  bool fail(const std::string& path, std::string_view what) {
    error = path.empty() ? std::string(what) : path + ": " + std::string(what);
    return false;
  }

  // A string member; `required` ones must be present, others default to "".
  bool string_member(const json::object& o, std::string_view key, bool required, const std::string& path, std::string& out) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) return fail(path, "missing \"" + std::string(key) + "\"");
      return true;
    }
    const auto* s = v->if_string();
    if (!s) return fail(path, "\"" + std::string(key) + "\" must be a string");
    out.assign(s->data(), s->size());
    return true;
  }

  bool bool_member(const json::object& o, std::string_view key, const std::string& path, bool& out) {
    const auto* v = o.if_contains(key);
    if (!v) return true;
    const auto* b = v->if_bool();
    if (!b) return fail(path, "\"" + std::string(key) + "\" must be true or false");
    out = *b;
    return true;
  }

  bool column(const json::value& v, const std::string& table, const std::string& path, column_info& c) {
    const auto* o = v.if_object();
    if (!o) return fail(path, "expected an object");
    std::string category;
    if (!string_member(*o, "name", true, path, c.name) || !string_member(*o, "mysql_type", true, path, c.mysql_type) ||
        !string_member(*o, "pg_type", false, path, c.pg_type) || !string_member(*o, "category", false, path, category) ||
        !string_member(*o, "collation", false, path, c.collation) || !bool_member(*o, "nullable", path, c.nullable) ||
        !bool_member(*o, "auto_increment", path, c.auto_increment))
      return false;
    c.case_insensitive = collation_is_case_insensitive(c.collation);
    if (!bool_member(*o, "case_insensitive", path, c.case_insensitive)) return false;
    if (const auto* d = o->if_contains("default"); d && !d->is_null()) {
      if (!string_member(*o, "default", false, path, c.default_value)) return false;
      c.has_default = true;
    }
    if (!category.empty() && !category_from_string(category, c.category))
      return fail(path, "unknown category \"" + category + "\"");
    if (c.pg_type.empty() || category.empty()) {
      mysql_column_type type;
      if (!parse_column_type(c.mysql_type, type)) return fail(path, "unknown MySQL type \"" + c.mysql_type + "\"");
      auto mapped = map_type(type, c.case_insensitive, table, c.name, types_);
      if (!mapped) return fail(path, "MySQL type \"" + c.mysql_type + "\" has no PostgreSQL mapping");
      if (c.auto_increment) adjust_for_identity(*mapped);
      if (c.pg_type.empty()) c.pg_type = mapped->pg_type;
      if (category.empty()) c.category = mapped->category;
    }
    return true;
  }

  bool key(const json::value& v, const table_info& t, const std::string& path, unique_key& k) {
    const auto* o = v.if_object();
    if (!o) return fail(path, "expected an object");
    if (!string_member(*o, "name", true, path, k.name)) return false;
    const auto* cols = o->if_contains("columns") ? o->at("columns").if_array() : nullptr;
    if (!cols || cols->empty()) return fail(path, "\"columns\" must be a non-empty array of column names");
    for (const auto& c : *cols) {
      const auto* s = c.if_string();
      if (!s) return fail(path, "\"columns\" must be a non-empty array of column names");
      const column_info* col = t.find_column(std::string_view(s->data(), s->size()));
      if (!col) return fail(path, "unknown column \"" + std::string(s->data(), s->size()) + "\"");
      k.columns.push_back(col->name);
    }
    return true;
  }

  bool table(const json::value& v, const std::string& path, table_info& t) {
    const auto* o = v.if_object();
    if (!o) return fail(path, "expected an object");
    if (!string_member(*o, "schema", true, path, t.schema) || !string_member(*o, "name", true, path, t.name)) return false;
    const auto* cols = o->if_contains("columns") ? o->at("columns").if_array() : nullptr;
    if (!cols) return fail(path, "missing \"columns\" array");
    for (std::size_t i = 0; i < cols->size(); ++i) {
      column_info c;
      if (!column((*cols)[i], t.name, path + ".columns[" + std::to_string(i) + "]", c)) return false;
      if (t.find_column(c.name)) return fail(path, "duplicate column \"" + c.name + "\"");
      t.columns.push_back(std::move(c));
    }
    if (const auto* keys = o->if_contains("unique_keys")) {
      const auto* list = keys->if_array();
      if (!list) return fail(path, "\"unique_keys\" must be an array");
      for (std::size_t i = 0; i < list->size(); ++i) {
        unique_key k;
        if (!key((*list)[i], t, path + ".unique_keys[" + std::to_string(i) + "]", k)) return false;
        t.unique_keys.push_back(std::move(k));
      }
    }
    order_unique_keys(t);
    return true;
  }

  const type_mapping_options& types_;
};

}  // namespace

std::string catalog_to_json(const memory_catalog& catalog) {
  json::array tables;
  for (const auto* t : catalog.tables()) {
    json::object o;
    o["schema"] = t->schema;
    o["name"] = t->name;
    json::array columns;
    for (const auto& c : t->columns) columns.push_back(column_json(c));
    o["columns"] = std::move(columns);
    json::array keys;
    for (const auto& k : t->unique_keys) {
      json::array cols;
      for (const auto& c : k.columns) cols.emplace_back(c);
      keys.push_back(json::object{{"name", k.name}, {"columns", std::move(cols)}});
    }
    o["unique_keys"] = std::move(keys);
    tables.push_back(std::move(o));
  }
  return json::serialize(json::object{{"tables", std::move(tables)}});
}

catalog_json_result catalog_from_json(std::string_view text, memory_catalog& catalog, const type_mapping_options& types) {
  catalog_json_result out;
  json::error_code ec;
  const json::value root = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) {
    out.error = "invalid JSON: " + ec.message();
    return out;
  }
  reader r(types);
  std::vector<table_info> tables;
  if (!r.tables(root, tables)) {
    out.error = r.error;
    return out;
  }
  for (auto& t : tables) catalog.add_table(std::move(t));
  out.ok = true;
  return out;
}

}  // namespace switchyard::sql
