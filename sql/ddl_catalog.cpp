#include "sql/ddl_catalog.hpp"

#include <algorithm>

#include "sql/ascii.hpp"
#include "sql/ddl_parser.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

constexpr std::string_view fallback_collation = "utf8mb4_general_ci";

std::string charset_of(std::string_view collation) {
  const auto us = collation.find('_');
  return std::string(collation.substr(0, us));
}

struct context {
  std::string_view sql;
  std::string_view database;
  memory_catalog& catalog;
  const type_mapping_options& types;
  sql_mode mode;
};

std::string schema_of(const ddl_name& n, const context& cx) { return n.schema.empty() ? std::string(cx.database) : n.schema; }

bool is_numeric(type_category c) {
  return c == type_category::integer || c == type_category::boolean || c == type_category::decimal ||
         c == type_category::floating;
}

// information_schema.COLUMNS.COLUMN_DEFAULT as MariaDB spells it.
void record_default(const ddl_default& d, column_info& col, std::string_view sql, sql_mode mode) {
  col.has_default = false;
  col.default_value.clear();
  switch (d.what) {
    case ddl_default::kind::none:
    case ddl_default::kind::null:
      return;
    case ddl_default::kind::current_timestamp:
      col.has_default = true;
      col.default_value = d.fsp ? "current_timestamp(" + std::to_string(*d.fsp) + ")" : "current_timestamp()";
      return;
    case ddl_default::kind::literal:
      break;
  }
  col.has_default = true;
  if (d.keyword_boolean) {
    col.default_value = *d.keyword_boolean ? "1" : "0";
    return;
  }
  if (d.literal.kind == token_kind::string) {
    std::string value;
    decode_string(d.literal, sql, mode, value);
    if (is_numeric(col.category)) {
      col.default_value = value;
      return;
    }
    col.default_value = "'";
    for (const char c : value) {
      if (c == '\'') col.default_value += '\'';
      col.default_value += c;
    }
    col.default_value += '\'';
    return;
  }
  col.default_value = d.negative ? "-" : "";
  col.default_value += token_text(d.literal, sql);
}

ddl_apply_result make_column(const ddl_column& dc, std::string_view table, std::string_view table_collation,
                             const context& cx, column_info& out) {
  described_column d;
  auto r = describe_column(dc, table, table_collation, cx.types, cx.sql, cx.mode, d);
  out = std::move(d.info);
  return r;
}

bool has_key(const table_info& t, std::string_view name) {
  return std::any_of(t.unique_keys.begin(), t.unique_keys.end(), [&](const unique_key& k) { return ascii_iequals(k.name, name); });
}

// Adds a PRIMARY or UNIQUE key; unnamed ones are named after their first column as MySQL does.
ddl_apply_result add_unique_key(table_info& t, bool primary, std::string name, const std::vector<ddl_key_part>& parts,
                                std::uint32_t position) {
  unique_key key;
  for (const auto& p : parts) {
    const column_info* c = t.find_column(p.column);
    if (!c) return ddl_apply_result::failure("unknown column " + p.column + " in key", p.position);
    key.columns.push_back(c->name);
  }
  if (primary) {
    if (t.primary_key()) return ddl_apply_result::failure("multiple primary keys", position);
    key.name = "PRIMARY";
    for (const auto& col : key.columns)
      for (auto& c : t.columns)
        if (ascii_iequals(c.name, col)) c.nullable = false;
  } else {
    if (name.empty()) {
      name = key.columns.front();
      for (int n = 2; has_key(t, name); ++n) name = key.columns.front() + "_" + std::to_string(n);
    } else if (has_key(t, name)) {
      return ddl_apply_result::failure("duplicate key name " + name, position);
    }
    key.name = std::move(name);
  }
  t.unique_keys.push_back(std::move(key));
  order_unique_keys(t);
  return {};
}

ddl_apply_result add_column_keys(table_info& t, const ddl_column& dc) {
  const std::vector<ddl_key_part> parts{ddl_key_part{dc.name, {}, false, dc.position}};
  if (dc.primary_key) {
    if (auto r = add_unique_key(t, true, {}, parts, dc.position); !r.ok) return r;
  }
  if (dc.unique) {
    if (auto r = add_unique_key(t, false, {}, parts, dc.position); !r.ok) return r;
  }
  return {};
}

ddl_apply_result create_table(const ddl_create_table& ct, const context& cx) {
  const std::string schema = schema_of(ct.table, cx);
  if (cx.catalog.find_table(schema, ct.table.name)) {
    if (ct.if_not_exists) return {};
    return ddl_apply_result::failure("table " + schema + "." + ct.table.name + " already exists", ct.table.position);
  }
  table_info t;
  if (ct.like) {
    const table_info* src = cx.catalog.find_table(schema_of(*ct.like, cx), ct.like->name);
    if (!src) return ddl_apply_result::failure("unknown table " + ct.like->name, ct.like->position);
    t = *src;
  } else {
    const std::string collation = table_collation(ct.charset, ct.collation);
    if (collation.empty()) return ddl_apply_result::failure("character set " + ct.charset, ct.table.position);
    for (const auto& dc : ct.columns) {
      if (t.find_column(dc.name)) return ddl_apply_result::failure("duplicate column " + dc.name, dc.position);
      column_info col;
      if (auto r = make_column(dc, ct.table.name, collation, cx, col); !r.ok) return r;
      t.columns.push_back(std::move(col));
    }
    for (const auto& dc : ct.columns)
      if (auto r = add_column_keys(t, dc); !r.ok) return r;
    for (const auto& k : ct.keys) {
      if (k.what != ddl_key::kind::primary && k.what != ddl_key::kind::unique) {
        for (const auto& p : k.parts)
          if (!t.find_column(p.column)) return ddl_apply_result::failure("unknown column " + p.column + " in key", p.position);
        continue;
      }
      if (auto r = add_unique_key(t, k.what == ddl_key::kind::primary, k.name, k.parts, k.position); !r.ok) return r;
    }
  }
  t.schema = schema;
  t.name = ct.table.name;
  cx.catalog.add_table(std::move(t));
  return {};
}

column_info* find_column(table_info& t, std::string_view name) { return const_cast<column_info*>(t.find_column(name)); }

void rename_in_keys(table_info& t, std::string_view from, const std::string& to) {
  for (auto& k : t.unique_keys)
    for (auto& c : k.columns)
      if (ascii_iequals(c, from)) c = to;
}

ddl_apply_result alter_op(table_info& t, std::string& new_schema, std::string& new_name, const ddl_alter_op& op,
                          const context& cx) {
  using k = ddl_alter_op::kind;
  switch (op.what) {
    case k::add_column: {
      if (t.find_column(op.column.name)) {
        if (op.if_exists) return {};
        return ddl_apply_result::failure("duplicate column " + op.column.name, op.position);
      }
      column_info col;
      if (auto r = make_column(op.column, t.name, fallback_collation, cx, col); !r.ok) return r;
      t.columns.push_back(std::move(col));
      return add_column_keys(t, op.column);
    }
    case k::drop_column: {
      const auto it = std::find_if(t.columns.begin(), t.columns.end(), [&](const column_info& c) { return ascii_iequals(c.name, op.name); });
      if (it == t.columns.end()) {
        if (op.if_exists) return {};
        return ddl_apply_result::failure("unknown column " + op.name, op.position);
      }
      t.columns.erase(it);
      // MySQL drops the column from every key, and a key left empty with it.
      for (auto& key : t.unique_keys)
        std::erase_if(key.columns, [&](const std::string& c) { return ascii_iequals(c, op.name); });
      std::erase_if(t.unique_keys, [](const unique_key& key) { return key.columns.empty(); });
      return {};
    }
    case k::modify_column:
    case k::change_column: {
      const std::string& old = op.what == k::modify_column ? op.column.name : op.name;
      column_info* c = find_column(t, old);
      if (!c) {
        if (op.if_exists) return {};
        return ddl_apply_result::failure("unknown column " + old, op.position);
      }
      if (op.what == k::change_column && t.find_column(op.column.name))
        return ddl_apply_result::failure("duplicate column " + op.column.name, op.position);
      // A redefined column without CHARACTER SET / COLLATE gets the table's default collation,
      // which the catalog does not keep: MariaDB's default stands in for it.
      column_info col;
      if (auto r = make_column(op.column, t.name, fallback_collation, cx, col); !r.ok) return r;
      const bool in_primary = t.primary_key() && std::any_of(t.primary_key()->columns.begin(), t.primary_key()->columns.end(),
                                                             [&](const std::string& n) { return ascii_iequals(n, old); });
      if (in_primary) col.nullable = false;
      *c = std::move(col);
      rename_in_keys(t, old, op.column.name);
      return add_column_keys(t, op.column);
    }
    case k::rename_column: {
      column_info* c = find_column(t, op.name);
      if (!c) return ddl_apply_result::failure("unknown column " + op.name, op.position);
      if (t.find_column(op.new_name) && !ascii_iequals(op.name, op.new_name))
        return ddl_apply_result::failure("duplicate column " + op.new_name, op.position);
      c->name = op.new_name;
      rename_in_keys(t, op.name, op.new_name);
      return {};
    }
    case k::set_default:
    case k::drop_default: {
      column_info* c = find_column(t, op.name);
      if (!c) return ddl_apply_result::failure("unknown column " + op.name, op.position);
      record_default(op.what == k::set_default ? op.column.default_value : ddl_default{}, *c, cx.sql, cx.mode);
      return {};
    }
    case k::add_key:
      if (op.key.what == ddl_key::kind::primary || op.key.what == ddl_key::kind::unique)
        return add_unique_key(t, op.key.what == ddl_key::kind::primary, op.key.name, op.key.parts, op.key.position);
      return {};
    case k::drop_index:
      std::erase_if(t.unique_keys, [&](const unique_key& key) { return ascii_iequals(key.name, op.name); });
      return {};
    case k::drop_primary_key:
      std::erase_if(t.unique_keys, [](const unique_key& key) { return key.name == "PRIMARY"; });
      return {};
    case k::rename_index:
      for (auto& key : t.unique_keys)
        if (ascii_iequals(key.name, op.name)) key.name = op.new_name;
      order_unique_keys(t);
      return {};
    case k::rename_table:
      new_schema = schema_of(op.new_table, cx);
      new_name = op.new_table.name;
      return {};
    case k::drop_foreign_key:
    case k::table_option:
    case k::set_auto_increment:
      return {};
  }
  return {};
}

ddl_apply_result alter_table(const ddl_alter_table& at, const context& cx) {
  const std::string schema = schema_of(at.table, cx);
  const table_info* existing = cx.catalog.find_table(schema, at.table.name);
  if (!existing) return ddl_apply_result::failure("unknown table " + schema + "." + at.table.name, at.table.position);
  table_info t = *existing;
  std::string new_schema = schema, new_name = at.table.name;
  for (const auto& op : at.ops)
    if (auto r = alter_op(t, new_schema, new_name, op, cx); !r.ok) return r;
  if ((new_schema != schema || new_name != at.table.name) && cx.catalog.find_table(new_schema, new_name))
    return ddl_apply_result::failure("table " + new_name + " already exists", at.table.position);
  cx.catalog.remove_table(schema, at.table.name);
  t.schema = new_schema;
  t.name = new_name;
  cx.catalog.add_table(std::move(t));
  return {};
}

ddl_apply_result apply(const ddl_statement& st, const context& cx) {
  if (const auto* ct = std::get_if<ddl_create_table>(&st)) return create_table(*ct, cx);
  if (const auto* at = std::get_if<ddl_alter_table>(&st)) return alter_table(*at, cx);
  if (const auto* ci = std::get_if<ddl_create_index>(&st)) {
    ddl_alter_table at{ci->table, {}};
    ddl_alter_op op;
    op.what = ddl_alter_op::kind::add_key;
    op.key.what = ci->unique ? ddl_key::kind::unique : ddl_key::kind::index;
    op.key.name = ci->name;
    op.key.parts = ci->parts;
    at.ops.push_back(std::move(op));
    return alter_table(at, cx);
  }
  if (const auto* di = std::get_if<ddl_drop_index>(&st)) {
    ddl_alter_table at{di->table, {}};
    ddl_alter_op op;
    op.what = ascii_iequals(di->name, "PRIMARY") ? ddl_alter_op::kind::drop_primary_key : ddl_alter_op::kind::drop_index;
    op.name = di->name;
    at.ops.push_back(std::move(op));
    return alter_table(at, cx);
  }
  if (const auto* dt = std::get_if<ddl_drop_table>(&st)) {
    for (const auto& n : dt->tables)
      if (!dt->if_exists && !cx.catalog.find_table(schema_of(n, cx), n.name))
        return ddl_apply_result::failure("unknown table " + schema_of(n, cx) + "." + n.name, n.position);
    for (const auto& n : dt->tables) cx.catalog.remove_table(schema_of(n, cx), n.name);
    return {};
  }
  if (const auto* tr = std::get_if<ddl_truncate>(&st)) {
    if (!cx.catalog.find_table(schema_of(tr->table, cx), tr->table.name))
      return ddl_apply_result::failure("unknown table " + tr->table.name, tr->table.position);
    return {};
  }
  if (std::holds_alternative<ddl_create_database>(st)) return {};
  if (const auto* dd = std::get_if<ddl_drop_database>(&st)) {
    for (const auto* t : cx.catalog.tables())
      if (t->schema == dd->name) {
        const std::string name = t->name;  // `t` dies with the removal
        cx.catalog.remove_table(dd->name, name);
      }
    return {};
  }
  const auto& rt = std::get<ddl_rename_table>(st);
  // All or nothing: rename in a copy of the affected tables first.
  memory_catalog scratch;
  for (const auto* t : cx.catalog.tables()) scratch.add_table(*t);
  for (const auto& [from, to] : rt.renames) {
    const table_info* t = scratch.find_table(schema_of(from, cx), from.name);
    if (!t) return ddl_apply_result::failure("unknown table " + from.name, from.position);
    if (scratch.find_table(schema_of(to, cx), to.name))
      return ddl_apply_result::failure("table " + to.name + " already exists", to.position);
    table_info moved = *t;
    scratch.remove_table(schema_of(from, cx), from.name);
    moved.schema = schema_of(to, cx);
    moved.name = to.name;
    scratch.add_table(std::move(moved));
  }
  for (const auto& [from, to] : rt.renames) cx.catalog.remove_table(schema_of(from, cx), from.name);
  for (const auto& [from, to] : rt.renames)
    if (const table_info* t = scratch.find_table(schema_of(to, cx), to.name)) cx.catalog.add_table(*t);
  return {};
}

bool names_need_database(const ddl_statement& st) {
  const auto unqualified = [](const ddl_name& n) { return n.schema.empty(); };
  return std::visit(
      [&](const auto& s) -> bool {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, ddl_drop_table>)
          return std::any_of(s.tables.begin(), s.tables.end(), unqualified);
        else if constexpr (std::is_same_v<T, ddl_create_database> || std::is_same_v<T, ddl_drop_database>)
          return false;
        else if constexpr (std::is_same_v<T, ddl_rename_table>)
          return std::any_of(s.renames.begin(), s.renames.end(),
                             [&](const auto& p) { return unqualified(p.first) || unqualified(p.second); });
        else
          return unqualified(s.table);
      },
      st);
}

}  // namespace

ddl_apply_result describe_column(const ddl_column& dc, std::string_view table, std::string_view table_collation,
                                 const type_mapping_options& types, std::string_view sql, sql_mode mode,
                                 described_column& out) {
  mysql_column_type type = dc.type;
  if (dc.json_valid_check && type.base == "longtext") {
    type = {};
    type.base = "json";
  }
  if (dc.charset == "binary") {
    // CHARACTER SET binary turns character types into their byte-string twins.
    if (type.base == "char") type.base = "binary";
    else if (type.base == "varchar") type.base = "varbinary";
    else if (type.base.size() > 4 && type.base.substr(type.base.size() - 4) == "text")
      type.base = type.base.substr(0, type.base.size() - 4) + "blob";
  }
  out = {};
  auto& info = out.info;
  info.name = dc.name;
  info.mysql_type = column_type_text(type);
  if (is_character_type(type)) {
    if (!dc.collation.empty()) info.collation = dc.collation;
    else if (!dc.charset.empty()) info.collation = default_collation(dc.charset);
    else info.collation = std::string(table_collation);
    if (dc.binary_collation) info.collation = charset_of(info.collation) + "_bin";
    if (info.collation.empty()) return ddl_apply_result::failure("character set " + dc.charset, dc.type_position);
    info.case_insensitive = collation_is_case_insensitive(info.collation);
  }
  auto mapped = map_type(type, info.case_insensitive, table, dc.name, types);
  if (!mapped) return ddl_apply_result::failure("type " + info.mysql_type, dc.type_position);
  if (dc.auto_increment) adjust_for_identity(*mapped);
  info.pg_type = mapped->pg_type;
  info.category = mapped->category;
  out.pg_collation = mapped->pg_collation;
  out.type = std::move(type);
  info.nullable = dc.nullable.value_or(true) && !dc.primary_key;
  info.auto_increment = dc.auto_increment;
  record_default(dc.default_value, info, sql, mode);
  return {};
}

void order_unique_keys(table_info& t) {
  std::stable_sort(t.unique_keys.begin(), t.unique_keys.end(), [](const unique_key& a, const unique_key& b) {
    const bool ap = a.name == "PRIMARY", bp = b.name == "PRIMARY";
    if (ap != bp) return ap;
    return a.name < b.name;
  });
}

std::string table_collation(std::string_view charset, std::string_view collation) {
  if (!collation.empty()) return std::string(collation);
  if (charset.empty()) return std::string(fallback_collation);
  return default_collation(charset);
}

std::string default_collation(std::string_view charset) {
  if (charset == "utf8mb4" || charset == "utf8mb3" || charset == "ascii" || charset == "ucs2" || charset == "utf16" ||
      charset == "utf32")
    return std::string(charset) + "_general_ci";
  if (charset == "utf8") return "utf8mb3_general_ci";
  if (charset == "latin1") return "latin1_swedish_ci";
  if (charset == "binary") return "binary";
  return {};
}

ddl_apply_result apply_ddl(std::string_view mysql_sql, std::string_view current_database, memory_catalog& catalog,
                           const type_mapping_options& types, sql_mode mode) {
  const auto parsed = parse_ddl(mysql_sql, mode);
  if (!parsed.ok) return ddl_apply_result::failure(parsed.error.construct, parsed.error.position);
  if (current_database.empty() && names_need_database(parsed.statement))
    return ddl_apply_result::failure("no current database for an unqualified table name", 0);
  const context cx{mysql_sql, current_database, catalog, types, mode};
  return apply(parsed.statement, cx);
}

ddl_apply_result load_catalog_from_schema_sql(std::string_view text, std::string_view database, memory_catalog& catalog,
                                              const type_mapping_options& types, sql_mode mode) {
  std::vector<std::string_view> statements;
  split_statements(text, mode, statements);
  for (const auto st : statements) {
    auto r = apply_ddl(st, database, catalog, types, mode);
    if (!r.ok) {
      r.position += static_cast<std::uint32_t>(st.data() - text.data());
      return r;
    }
  }
  return {};
}

std::vector<table_rename> renamed_tables(std::string_view mysql_sql, std::string_view current_database, sql_mode mode) {
  std::vector<table_rename> out;
  const ddl_parse_result parsed = parse_ddl(mysql_sql, mode);
  if (!parsed.ok) return out;
  const auto add = [&](const ddl_name& from, const ddl_name& to) {
    out.push_back({from.schema.empty() ? std::string(current_database) : from.schema, from.name,
                   to.schema.empty() ? std::string(current_database) : to.schema, to.name});
  };
  if (const auto* rt = std::get_if<ddl_rename_table>(&parsed.statement)) {
    for (const auto& [from, to] : rt->renames) add(from, to);
  } else if (const auto* at = std::get_if<ddl_alter_table>(&parsed.statement)) {
    for (const auto& op : at->ops)
      if (op.what == ddl_alter_op::kind::rename_table) add(at->table, op.new_table);
  }
  return out;
}

}  // namespace switchyard::sql
