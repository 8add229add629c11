#include "sql/affected_keys.hpp"

#include <cstdlib>

#include "sql/ascii.hpp"
#include "sql/parser.hpp"

namespace switchyard::sql {
namespace {

using ast::node;
using ast::node_kind;

// The value of a literal (optionally negated) as MySQL would print it back; false for anything else.
bool literal_value(const node* n, std::string_view src, sql_mode mode, std::string& out) {
  bool negative = false;
  if (n->kind == node_kind::unary && n->oper == ast::op::negate) {
    negative = true;
    n = n->a;
  }
  if (n->kind != node_kind::literal) return false;
  if (n->tok.kind == token_kind::number) {
    out = (negative ? "-" : "") + std::string(token_text(n->tok, src));
    return true;
  }
  if (negative || n->tok.kind != token_kind::string) return false;
  decode_string(n->tok, src, mode, out);
  return true;
}

bool is_key_column(const node* n, std::string_view key, std::string_view table, std::string_view alias) {
  if (n->kind != node_kind::column || !ascii_iequals(n->name, key)) return false;
  return n->qualifier.empty() || n->qualifier == table || (!alias.empty() && n->qualifier == alias);
}

// Keys named by a WHERE: `key = v`, `v = key`, `key IN (...)`, or an AND holding one of those.
bool keys_from_where(const node* w, std::string_view key, std::string_view table, std::string_view alias,
                     std::string_view src, sql_mode mode, std::vector<std::string>& out) {
  if (w == nullptr) return false;
  if (w->kind == node_kind::binary && w->oper == ast::op::logical_and)
    return keys_from_where(w->a, key, table, alias, src, mode, out) ||
           keys_from_where(w->b, key, table, alias, src, mode, out);
  std::string v;
  if (w->kind == node_kind::binary && w->oper == ast::op::eq) {
    if (is_key_column(w->a, key, table, alias) && literal_value(w->b, src, mode, v)) return out.push_back(v), true;
    if (is_key_column(w->b, key, table, alias) && literal_value(w->a, src, mode, v)) return out.push_back(v), true;
    return false;
  }
  if (w->kind == node_kind::in_list && !w->negated && is_key_column(w->a, key, table, alias)) {
    std::vector<std::string> values;
    for (const node* item = w->args; item != nullptr; item = item->next) {
      if (!literal_value(item, src, mode, v)) return false;
      values.push_back(v);
    }
    out.insert(out.end(), values.begin(), values.end());
    return true;
  }
  return false;
}

const unique_key* single_column_primary_key(const table_info* t) {
  const unique_key* pk = t != nullptr ? t->primary_key() : nullptr;
  return pk != nullptr && pk->columns.size() == 1 ? pk : nullptr;
}

}  // namespace

affected_rows affected_keys(std::string_view sql, const translate_options& options) {
  affected_rows result;
  if (options.tables == nullptr) return result;
  try {
    token_list tokens;
    tokenize_statement(sql, options.mode, tokens);
    ast::arena arena;
    parser p(sql, tokens, arena);
    auto locate = [&](std::string_view schema, std::string_view table) -> const unique_key* {
      result.schema = schema.empty() ? std::string(options.current_database) : std::string(schema);
      result.table = std::string(table);
      return single_column_primary_key(options.tables->find_table(result.schema, table));
    };
    if (p.peek_word("INSERT") || p.peek_word("REPLACE")) {
      const ast::insert_stmt* s = p.parse_insert_statement();
      const unique_key* pk = locate(s->schema, s->table);
      if (pk == nullptr || s->select != nullptr) return result;
      const std::string& key = pk->columns.front();
      const column_info* key_column = options.tables->find_table(result.schema, s->table)->find_column(key);
      std::uint64_t next_id = options.first_insert_id;
      const bool generated = key_column != nullptr && key_column->auto_increment && next_id != 0;
      // An explicit id at or above the first generated one may move MySQL's counter: the ids
      // generated in the same statement are then unknown.
      bool took_generated = false, took_above = false;
      auto take = [&](const node* v) {
        std::string value;
        const bool zero = v != nullptr && v->kind == node_kind::literal && token_text(v->tok, sql) == "0";
        if (v == nullptr || v->kind == node_kind::null_value || v->kind == node_kind::default_value || zero) {
          if (!generated) return false;  // PostgreSQL will pick a value of its own
          result.keys.push_back(std::to_string(next_id));
          next_id += options.insert_id_increment;
          took_generated = true;
          return !took_above;
        }
        if (!literal_value(v, sql, options.mode, value)) return false;
        result.keys.push_back(value);
        if (generated) {
          char* end = nullptr;
          const unsigned long long id = std::strtoull(value.c_str(), &end, 10);
          if (*end != '\0' || value.empty() || value[0] == '-' || id >= options.first_insert_id) took_above = true;
        }
        return !(took_generated && took_above);
      };
      if (s->set_list != nullptr) {
        const node* value = nullptr;
        for (const ast::assignment* a = s->set_list; a != nullptr; a = a->next)
          if (ascii_iequals(a->column->name, key)) value = a->value;
        if (!take(value)) return affected_rows{};
      } else {
        // The key's position in the column list (absent: generated, or the catalog's order).
        std::size_t position = 0;
        bool listed = false;
        for (const node* c = s->columns; c != nullptr; c = c->next, ++position) {
          if (ascii_iequals(c->name, key)) {
            listed = true;
            break;
          }
        }
        for (const ast::values_row* row = s->rows; row != nullptr; row = row->next) {
          const node* v = row->values;
          if (listed) {
            for (std::size_t i = 0; i < position && v != nullptr; ++i) v = v->next;
          } else if (s->columns != nullptr) {
            v = nullptr;
          } else {
            return affected_rows{};  // no column list: positions follow the catalog; not worth guessing
          }
          if (!take(v)) return affected_rows{};
        }
      }
      result.known = true;
      return result;
    }
    if (p.peek_word("UPDATE") || p.peek_word("DELETE")) {
      const bool update = p.peek_word("UPDATE");
      const ast::table_ref* target;
      const node* where;
      if (update) {
        const ast::update_stmt* s = p.parse_update_statement();
        target = s->tables;
        where = s->where;
      } else {
        const ast::delete_stmt* s = p.parse_delete_statement();
        if (s->multi) return result;
        target = s->tables;
        where = s->where;
      }
      if (target->kind != ast::table_ref::kind_t::table || target->next != nullptr) return result;
      const unique_key* pk = locate(target->schema, target->name);
      if (pk == nullptr) return result;
      std::vector<std::string> keys;
      if (!keys_from_where(where, pk->columns.front(), target->name, target->alias, sql, options.mode, keys))
        return affected_rows{};
      result.keys = std::move(keys);
      result.known = true;
      return result;
    }
  } catch (const translate_error&) {
  }
  return affected_rows{};
}

}  // namespace switchyard::sql
