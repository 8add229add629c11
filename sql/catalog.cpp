#include "sql/catalog.hpp"

#include <cstring>

#include "sql/ascii.hpp"

namespace switchyard::sql {
namespace {

std::string table_key(std::string_view schema, std::string_view table) {
  std::string key;
  key.reserve(schema.size() + 1 + table.size());
  key.append(schema).push_back('\0');
  key.append(table);
  return key;
}

}  // namespace

std::string_view to_string(type_category c) {
  switch (c) {
    case type_category::integer: return "integer";
    case type_category::boolean: return "boolean";
    case type_category::decimal: return "decimal";
    case type_category::floating: return "floating";
    case type_category::text: return "text";
    case type_category::binary: return "binary";
    case type_category::date: return "date";
    case type_category::datetime: return "datetime";
    case type_category::timestamp: return "timestamp";
    case type_category::time: return "time";
    case type_category::json: return "json";
    case type_category::enumeration: return "enumeration";
    case type_category::set: return "set";
    case type_category::bit: return "bit";
    case type_category::other: return "other";
  }
  return "other";
}

const column_info* table_info::find_column(std::string_view column) const noexcept {
  for (const auto& c : columns)
    if (ascii_iequals(c.name, column)) return &c;
  return nullptr;
}

const unique_key* table_info::primary_key() const noexcept {
  if (!unique_keys.empty() && unique_keys.front().name == "PRIMARY") return &unique_keys.front();
  return nullptr;
}

void memory_catalog::add_table(table_info table) {
  auto key = table_key(table.schema, table.name);
  tables_.insert_or_assign(std::move(key), std::move(table));
  ++version_;
}

bool memory_catalog::remove_table(std::string_view schema, std::string_view table) {
  if (tables_.erase(table_key(schema, table)) == 0) return false;
  ++version_;
  return true;
}

const table_info* memory_catalog::find_table(std::string_view schema, std::string_view table) const {
  // The translator looks tables up on every statement: the key goes on the stack when it fits.
  char buffer[256];
  if (schema.size() + 1 + table.size() <= sizeof buffer) {
    std::memcpy(buffer, schema.data(), schema.size());
    buffer[schema.size()] = '\0';
    std::memcpy(buffer + schema.size() + 1, table.data(), table.size());
    const auto it = tables_.find(std::string_view(buffer, schema.size() + 1 + table.size()));
    return it == tables_.end() ? nullptr : &it->second;
  }
  const auto it = tables_.find(table_key(schema, table));
  return it == tables_.end() ? nullptr : &it->second;
}

std::vector<const table_info*> memory_catalog::tables() const {
  std::vector<const table_info*> out;
  out.reserve(tables_.size());
  for (const auto& [key, t] : tables_) out.push_back(&t);
  return out;
}

}  // namespace switchyard::sql
