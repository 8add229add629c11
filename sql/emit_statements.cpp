// SELECT, INSERT / REPLACE, UPDATE and DELETE written for PostgreSQL.
#include "sql/ascii.hpp"
#include "sql/emitter.hpp"
#include "sql/literals.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::sql {
namespace {

using ast::node;
using ast::node_kind;



// The unique keys new rows can conflict on: every column written, or filled by a default that is
// not NULL and not a generated id.
std::vector<const unique_key*> conflict_candidates(const table_info& table, const std::vector<std::string_view>& columns) {
  std::vector<const unique_key*> candidates;
  for (const auto& key : table.unique_keys) {
    bool can_conflict = true;
    for (const auto& col : key.columns) {
      bool written = false;
      for (const auto name : columns) written = written || ascii_iequals(name, col);
      if (written) continue;
      const column_info* info = table.find_column(col);
      if (info == nullptr || info->auto_increment || (info->nullable && !info->has_default)) can_conflict = false;
    }
    if (can_conflict) candidates.push_back(&key);
  }
  return candidates;
}

}  // namespace

const table_info* emitter::find_table(std::string_view schema, std::string_view name) const {
  if (opt_.tables == nullptr) return nullptr;
  return opt_.tables->find_table(schema.empty() ? opt_.current_database : schema, name);
}

void emitter::table_name(std::string_view schema, std::string_view name) {
  if (!schema.empty()) {
    ident(schema);
    put(".");
  }
  ident(name);
}

void emitter::add_to_scope(const ast::table_ref* r) {
  for (; r != nullptr; r = r->next) {
    switch (r->kind) {
      case ast::table_ref::kind_t::table:
        scope_.push_back({r->schema, r->name, r->alias, find_table(r->schema, r->name)});
        break;
      case ast::table_ref::kind_t::derived: scope_.push_back({{}, r->alias, r->alias, nullptr}); break;
      case ast::table_ref::kind_t::join:
        add_to_scope(r->left);
        add_to_scope(r->right);
        break;
    }
  }
}

void emitter::table_ref(const ast::table_ref* r) {
  switch (r->kind) {
    case ast::table_ref::kind_t::table:
      table_name(r->schema, r->name);
      if (!r->alias.empty()) {
        put(" AS ");
        ident(r->alias);
      }
      return;
    case ast::table_ref::kind_t::derived:
      if (r->lateral) put("LATERAL ");
      put("(");
      select(r->derived, false);
      put(") AS ");
      ident(r->alias);
      return;
    case ast::table_ref::kind_t::join: break;
  }
  table_ref(r->left);
  const bool has_condition = r->on != nullptr || r->using_columns != nullptr;
  switch (r->join) {
    case ast::join_kind::left: put(" LEFT JOIN "); break;
    case ast::join_kind::right: put(" RIGHT JOIN "); break;
    case ast::join_kind::natural_inner: put(" NATURAL JOIN "); break;
    case ast::join_kind::natural_left: put(" NATURAL LEFT JOIN "); break;
    case ast::join_kind::natural_right: put(" NATURAL RIGHT JOIN "); break;
    default: put(has_condition ? " JOIN " : " CROSS JOIN "); break;
  }
  const bool nested = r->right->kind == ast::table_ref::kind_t::join;
  if (nested) put("(");
  table_ref(r->right);
  if (nested) put(")");
  if (r->on != nullptr) {
    put(" ON ");
    expr(r->on, want::condition);
  } else if (r->using_columns != nullptr) {
    put(" USING (");
    for (const node* c = r->using_columns; c != nullptr; c = c->next) {
      if (c != r->using_columns) put(", ");
      ident(c->name);
    }
    put(")");
  }
}

void emitter::table_refs(const ast::table_ref* refs) {
  for (const ast::table_ref* r = refs; r != nullptr; r = r->next) {
    if (r != refs) put(", ");
    table_ref(r);
  }
}

void emitter::order_by(const ast::order_item* items, const ast::select_core* core, bool fold_case) {
  const ast::select_core* saved = alias_core_;
  alias_core_ = core;
  bool first = true;
  for (const ast::order_item* item = items; item != nullptr; item = item->next) {
    if (item->expr->kind == node_kind::null_value) continue;  // ORDER BY NULL: no order
    put(first ? "ORDER BY " : ", ");
    first = false;
    const node* e = item->expr;
    bool is_alias = false;
    if (core != nullptr && e->kind == node_kind::column && e->qualifier.empty())
      for (const ast::select_item* s = core->items; s != nullptr; s = s->next)
        is_alias = is_alias || (!s->alias.empty() && ascii_iequals(s->alias, e->name));
    const column_info* enum_column = is_alias ? nullptr : column_of(e);
    mysql_column_type enum_type;
    if (enum_column != nullptr && enum_column->category == type_category::enumeration &&
        parse_column_type(enum_column->mysql_type, enum_type) && !enum_type.values.empty()) {
      // MySQL sorts an ENUM by its members' declared order, not by their text.
      put("array_position(ARRAY[");
      for (std::size_t i = 0; i < enum_type.values.size(); ++i) {
        if (i != 0) put(", ");
        if (!is_postgres_text(enum_type.values[i])) fail("ENUM member that is not UTF-8 text", e->pos);
        append_pg_string(enum_type.values[i], out_);
      }
      put("]::text[], (");
      expr(e, want::value);
      put(")::text)");
    } else if (!is_alias && fold_case && is_case_insensitive(e)) {
      // MySQL sorts a case-insensitive column without regard to case.
      put("lower(");
      expr(e, want::value);
      put(")");
    } else {
      expr(e, e->kind == node_kind::column ? want::any : want::value);
    }
    if (item->desc) put(" DESC");
    // MySQL puts NULLs first in ascending order and last in descending order.
    if (is_alias || nullable(e)) put(item->desc ? " NULLS LAST" : " NULLS FIRST");
  }
  if (first && out_.size() >= 1 && out_.back() == ' ') out_.pop_back();
  alias_core_ = saved;
}

void emitter::limit(const node* lim, const node* off) {
  // Literal counts are baked: a value past PostgreSQL's bigint (MySQL takes up to 2^64-1, and
  // 18446744073709551615 is its idiom for "no limit") changes the text.
  auto beyond_bigint = [&](const node* n) {
    const std::string_view digits = token_text(n->tok, src_);
    constexpr std::string_view bigint_max = "9223372036854775807";
    return digits.size() > bigint_max.size() || (digits.size() == bigint_max.size() && digits > bigint_max);
  };
  if (lim != nullptr) {
    put(" LIMIT ");
    if (lim->kind == node_kind::literal) {
      bake(lim);
      if (beyond_bigint(lim)) put("ALL");
      else put(token_text(lim->tok, src_));
    } else {
      expr(lim, want::value);
    }
  }
  if (off != nullptr) {
    put(" OFFSET ");
    if (off->kind == node_kind::literal) {
      bake(off);
      if (beyond_bigint(off)) fail("OFFSET beyond 2^63-1", off->pos);
      put(token_text(off->tok, src_));
    } else {
      expr(off, want::value);
    }
  }
}

void emitter::select_core(const ast::select_core* c, bool top_level) {
  const std::size_t scope_mark = scope_.size();
  add_to_scope(c->from);
  put("SELECT ");
  if (c->distinct) put("DISTINCT ");
  std::size_t item_index = 0;
  for (const ast::select_item* item = c->items; item != nullptr; item = item->next) {
    if (item != c->items) put(", ");
    const node* e = item->expr;
    if (e->kind == node_kind::star && !item->alias.empty()) fail("* with an alias", item->pos);
    star_allowed_ = e->kind == node_kind::star;
    const std::size_t position = item_index++;
    // Positions marked by the enclosing set operation; nested queries start afresh.
    std::vector<bool> marks = std::move(text_positions_);
    text_positions_.clear();
    if (position < marks.size() && marks[position]) branch(e, true);
    else expr(e, e->kind == node_kind::column ? want::any : want::value);
    text_positions_ = std::move(marks);
    star_allowed_ = false;
    if (!item->alias.empty()) {
      // A string alias ('name' or "name") is a literal token whose value became a name.
      const auto alias_at = static_cast<std::uint32_t>(item->alias.data() - src_.data());
      if (alias_at > 0 && alias_at <= src_.size()) bake_range(alias_at - 1, alias_at + 1);
      put(" AS ");
      exact_alias(item->alias);
    } else if (top_level && e->kind == node_kind::column) {
      // MySQL names the column as written in the query; PostgreSQL folds it to lower case.
      bool upper = false;
      for (const char ch : e->name) upper = upper || (ch >= 'A' && ch <= 'Z');
      if (upper) {
        put(" AS ");
        exact_alias(e->name);
      }
    } else if (top_level && e->kind != node_kind::star) {
      // MySQL names an expression column by its text (a string literal by its value).
      std::string name;
      if (e->kind == node_kind::literal && e->tok.kind == token_kind::string) name = literal_bytes(e);
      else name = std::string(src_.substr(item->pos, item->end - item->pos));
      if (is_postgres_text(name) && !name.empty()) {
        bake_range(item->pos, item->end);
        put(" AS ");
        out_.push_back('"');
        for (const char ch : name) {
          if (ch == '"') out_.push_back('"');
          out_.push_back(ch);
        }
        out_.push_back('"');
      }
    }
  }
  if (c->calc_found_rows) {
    if (!top_level || c->distinct) fail("SQL_CALC_FOUND_ROWS here", c->pos);
    put(", count(*) OVER () AS switchyard_found_rows");
    note("SQL_CALC_FOUND_ROWS: the last column, switchyard_found_rows, holds FOUND_ROWS() for this query; "
         "strip it before returning rows");
  }
  if (c->from != nullptr) {
    put(" FROM ");
    table_refs(c->from);
  }
  if (c->where != nullptr) {
    put(" WHERE ");
    expr(c->where, want::condition);
  }
  if (c->distinct || c->group_by != nullptr) {
    // MySQL groups 'a' with 'A' in a case-insensitive column; PostgreSQL does not (unless the
    // column's type is citext or has a case-insensitive collation).
    bool folds = false;
    for (const ast::select_item* item = c->items; item != nullptr && c->distinct; item = item->next)
      folds = folds || is_case_insensitive(item->expr);
    for (const node* g = c->group_by; g != nullptr; g = g->next) folds = folds || is_case_insensitive(g);
    if (folds)
      note("DISTINCT / GROUP BY on a case-insensitive column: PostgreSQL keeps values that differ only in "
           "case apart");
  }
  if (c->group_by != nullptr) {
    put(" GROUP BY ");
    alias_core_ = c;
    prefer_columns_ = true;
    expr_list(c->group_by, want::any);
    prefer_columns_ = false;
    alias_core_ = nullptr;
  }
  if (c->having != nullptr) {
    put(" HAVING ");
    alias_core_ = c;
    in_having_ = true;
    expr(c->having, want::condition);
    in_having_ = false;
    alias_core_ = nullptr;
  }
  if (c->order != nullptr) {
    put(" ");
    order_by(c->order, c);
  }
  limit(c->limit, c->offset);
  if (c->lock != ast::lock_kind::none) {
    put(c->lock == ast::lock_kind::for_update ? " FOR UPDATE" : " FOR SHARE");
    if (!c->lock_wait.empty()) {
      put(" ");
      put(c->lock_wait);
    }
  }
  scope_.resize(scope_mark);
}

void emitter::query_term(const ast::query_term* t, bool top_level) {
  if (t->core != nullptr) return select_core(t->core, top_level);
  if (t->parenthesized != nullptr) {
    put("(");
    select(t->parenthesized, top_level);
    put(")");
    return;
  }
  query_term(t->left, top_level);
  switch (t->oper) {
    case ast::set_op::union_: put(" UNION "); break;
    case ast::set_op::union_all: put(" UNION ALL "); break;
    case ast::set_op::except_: put(" EXCEPT "); break;
    case ast::set_op::except_all: put(" EXCEPT ALL "); break;
    case ast::set_op::intersect_: put(" INTERSECT "); break;
    case ast::set_op::intersect_all: put(" INTERSECT ALL "); break;
    case ast::set_op::none: break;
  }
  const bool nested = t->right->oper != ast::set_op::none;
  if (nested) put("(");
  query_term(t->right, false);
  if (nested) put(")");
}

void emitter::select(const ast::select_stmt* s, bool top_level) {
  const std::size_t scope_mark = scope_.size();
  if (s->with != nullptr) {
    put(s->recursive ? "WITH RECURSIVE " : "WITH ");
    for (const ast::cte* c = s->with; c != nullptr; c = c->next) {
      if (c != s->with) put(", ");
      ident(c->name);
      if (c->columns != nullptr) {
        put(" (");
        for (const node* col = c->columns; col != nullptr; col = col->next) {
          if (col != c->columns) put(", ");
          ident(col->name);
        }
        put(")");
      }
      put(" AS (");
      select(c->query, false);
      put(")");
    }
    put(" ");
  }
  // MySQL gives a set operation's column one type for all branches: text as soon as one branch
  // is text there. PostgreSQL would refuse to unify a number with text, so those columns are cast.
  std::vector<bool> saved_text_positions = std::move(text_positions_);
  text_positions_.clear();
  if (s->body->oper != ast::set_op::none) text_positions_ = set_operation_text_columns(s->body);
  query_term(s->body, top_level);
  text_positions_ = std::move(saved_text_positions);
  if (s->order != nullptr) {
    put(" ");
    // ORDER BY after a set operation names output columns of the first SELECT.
    const ast::query_term* first = s->body;
    while (first->core == nullptr && first->left != nullptr) first = first->left;
    order_by(s->order, first->core);
  }
  limit(s->limit, s->offset);
  scope_.resize(scope_mark);
}

void emitter::select_statement(const ast::select_stmt* s) { select(s, true); }

std::vector<bool> emitter::set_operation_text_columns(const ast::query_term* body) {
  // Each branch's item types, position by position (a `*` is unknown; parenthesized branches are
  // not looked into).
  bool any_text = false;
  std::vector<const ast::select_core*> cores;
  std::vector<const ast::query_term*> stack{body};
  while (!stack.empty()) {
    const ast::query_term* t = stack.back();
    stack.pop_back();
    if (t->core != nullptr) cores.push_back(t->core);
    if (t->left != nullptr) stack.push_back(t->left);
    if (t->right != nullptr) stack.push_back(t->right);
  }
  std::vector<std::vector<value_type>> types;
  for (const ast::select_core* c : cores) {
    const std::size_t mark = scope_.size();
    add_to_scope(c->from);
    auto& row = types.emplace_back();
    for (const ast::select_item* item = c->items; item != nullptr; item = item->next)
      row.push_back(item->expr->kind == node_kind::star ? value_type::unknown : type_of(item->expr));
    scope_.resize(mark);
  }
  std::vector<bool> text_columns;
  for (std::size_t i = 0;; ++i) {
    bool present = false, text = false, other = false;
    for (const auto& row : types) {
      if (i >= row.size()) continue;
      present = true;
      if (row[i] == value_type::text) text = true;
      else if (row[i] != value_type::null && row[i] != value_type::unknown) other = true;
    }
    if (!present) break;
    text_columns.push_back(text && other);
    any_text = any_text || (text && other);
  }
  if (!any_text) text_columns.clear();
  return text_columns;
}

// ---- writes ----

// NULL, 0 and DEFAULT make MySQL generate the next id of an AUTO_INCREMENT column.
bool emitter::generates_id(const node* v) const {
  long long zero = -1;
  return v->kind == node_kind::null_value || v->kind == node_kind::default_value ||
         (is_integer_literal(v, zero) && zero == 0);
}

void emitter::value_for_column(const node* v, const column_info* c) {
  if (c == nullptr) return expr(v, want::value);
  if (c->auto_increment) {
    // A generated id: the pinned one, or PostgreSQL's own.
    if (generates_id(v)) {
      bake(v);
      if (opt_.first_insert_id == 0) return put("DEFAULT");
      return pinned_value(*c, v->pos);
    }
  }
  if (v->kind == node_kind::default_value && is_current_timestamp_default(*c) && !opt_.pinned_now.empty())
    return pinned_value(*c, v->pos);
  if (c->category == type_category::boolean) {
    if (v->kind == node_kind::true_value) return put("true");
    if (v->kind == node_kind::false_value) return put("false");
    if (v->kind == node_kind::literal) {
      long long value = 0;
      if (!is_integer_literal(v, value) || (value != 0 && value != 1))
        fail("a value other than 0 or 1 for boolean column " + c->name, v->pos);
      baked_literal(v, value != 0 ? "true" : "false");
      return;
    }
    if (v->kind == node_kind::param || v->kind == node_kind::default_value || v->kind == node_kind::null_value)
      return expr(v, want::any);
    return expr(v, type_of(v) == value_type::boolean ? want::any : want::condition);
  }
  if (c->category == type_category::bit) {
    bits_as_numbers_ = true;
    expr(v, want::value);
    bits_as_numbers_ = false;
    return;
  }
  if (c->category != type_category::binary && c->category != type_category::bit && v->kind == node_kind::literal &&
      v->tok.kind == token_kind::string && type_of(v) == value_type::binary)
    fail("a string with a NUL byte or invalid UTF-8 for column " + c->name, v->pos);
  if (c->category == type_category::binary && v->kind == node_kind::literal && v->tok.kind == token_kind::string) {
    bake(v);
    append_pg_bytea(literal_bytes(v), out_);
    return;
  }
  if ((c->category == type_category::date || c->category == type_category::datetime ||
       c->category == type_category::timestamp) &&
      v->kind == node_kind::literal && v->tok.kind == token_kind::string) {
    const std::string value = literal_bytes(v);
    if (value.rfind("0000-00-00", 0) == 0) fail("zero date for column " + c->name, v->pos);
  }
  expr(v, want::value);
}

bool emitter::is_current_timestamp_default(const column_info& c) {
  return c.has_default && ascii_lowered(c.default_value).rfind("current_timestamp", 0) == 0;
}

void emitter::pinned_value(const column_info& c, std::uint32_t position) {
  if (c.auto_increment && opt_.first_insert_id != 0) {
    put(std::to_string(next_generated_id_));
    next_generated_id_ += opt_.insert_id_increment;
    return;
  }
  // The column's fraction digits: "datetime(3)" -> 3.
  const std::size_t open = c.mysql_type.find('(');
  const int digits = open == std::string::npos ? 0 : std::atoi(c.mysql_type.c_str() + open + 1);
  pinned_timestamp_constant(digits, position);
}

void emitter::assignments(const ast::assignment* list, const table_info* table) {
  assigned_.clear();
  for (const ast::assignment* a = list; a != nullptr; a = a->next) {
    if (a != list) put(", ");
    ident(a->column->name);
    put(" = ");
    value_for_column(a->value, table != nullptr ? table->find_column(a->column->name) : nullptr);
    assigned_.push_back(a);
  }
  assigned_.clear();
}

void emitter::insert_statement(const ast::insert_stmt* s) {
  const table_info* table = find_table(s->schema, s->table);
  // The columns written, in order (column nodes of the statement, or the catalog's).
  std::vector<std::string_view> columns;
  for (const node* c = s->columns; c != nullptr; c = c->next) columns.push_back(c->name);
  for (const ast::assignment* a = s->set_list; a != nullptr; a = a->next) columns.push_back(a->column->name);
  if (columns.empty() && s->columns == nullptr && table != nullptr)
    for (const auto& c : table->columns) columns.push_back(c.name);
  if (table != nullptr) {
    for (const auto name : columns) {
      const column_info* c = table->find_column(name);
      if (c != nullptr && c->auto_increment && (s->columns != nullptr || s->set_list != nullptr))
        note("explicit AUTO_INCREMENT values: PostgreSQL's identity sequence does not move past them "
             "(MySQL's counter does); setval() it after the insert");
    }
  }
  // Values MySQL generated for columns the statement leaves out, when the caller pins them: the
  // AUTO_INCREMENT ids and DEFAULT CURRENT_TIMESTAMP times. They are added to the column list.
  next_generated_id_ = opt_.first_insert_id;
  std::vector<const column_info*> pinned_columns;
  if (table != nullptr) {
    std::size_t rows = 0;
    for (const ast::values_row* r = s->rows; r != nullptr; r = r->next) ++rows;
    for (const auto& c : table->columns) {
      bool listed = false;
      for (const auto name : columns) listed = listed || ascii_iequals(name, c.name);
      if (c.auto_increment && opt_.first_insert_id != 0) {
        // With ON DUPLICATE KEY UPDATE or REPLACE, MySQL may use ids for some rows and not others.
        if ((s->on_duplicate != nullptr || s->replace) && rows > 1)
          fail("pinning generated ids of a multi-row ON DUPLICATE KEY UPDATE or REPLACE", s->pos);
        if (!listed) {
          if (s->select != nullptr) fail("pinning generated ids of INSERT ... SELECT", s->pos);
          pinned_columns.push_back(&c);
        }
      } else if (!listed && is_current_timestamp_default(c) && !opt_.pinned_now.empty()) {
        pinned_columns.push_back(&c);
      }
    }
  }
  // A multi-row insert giving some rows explicit ids and leaving others to MySQL: an explicit id
  // at or above the first generated one may have moved MySQL's counter, so the ids generated
  // after it are not the pinned sequence (explicit ids below it leave the sequence alone).
  if (table != nullptr && opt_.first_insert_id != 0 && s->rows != nullptr && s->rows->next != nullptr) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const column_info* c = table->find_column(columns[i]);
      if (c == nullptr || !c->auto_increment) continue;
      bool generated = false, above = false;
      for (const ast::values_row* r = s->rows; r != nullptr; r = r->next) {
        const node* v = r->values;
        for (std::size_t k = 0; k < i && v != nullptr; ++k) v = v->next;
        if (v == nullptr) continue;
        long long id = -1;
        if (generates_id(v))
          generated = true;
        else if (!is_integer_literal(v, id) || id < 0 || static_cast<std::uint64_t>(id) >= opt_.first_insert_id)
          above = true;
      }
      if (generated && above) fail("pinning generated ids of a multi-row insert that also gives explicit ids", s->pos);
    }
  }
  if (s->replace && table != nullptr) {
    const auto candidates = conflict_candidates(*table, columns);
    if (candidates.size() > 1) {
      if (!pinned_columns.empty()) fail("pinned values in a REPLACE across several unique keys", s->pos);
      return replace_across_keys(s, *table, columns, candidates);
    }
  }

  put("INSERT INTO ");
  table_name(s->schema, s->table);
  if (!columns.empty() || !pinned_columns.empty()) {
    put(" (");
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i != 0) put(", ");
      ident(columns[i]);
    }
    for (const column_info* c : pinned_columns) {
      if (!columns.empty() || c != pinned_columns.front()) put(", ");
      ident(c->name);
    }
    put(")");
  }
  auto pinned_values = [&](bool leading_comma) {
    for (const column_info* c : pinned_columns) {
      if (leading_comma || c != pinned_columns.front()) put(", ");
      pinned_value(*c, s->pos);
    }
  };
  auto column_at = [&](std::size_t i) -> const column_info* {
    return table != nullptr && i < columns.size() ? table->find_column(columns[i]) : nullptr;
  };
  if (s->rows != nullptr) {
    put(" VALUES ");
    for (const ast::values_row* row = s->rows; row != nullptr; row = row->next) {
      if (row != s->rows) put(", ");
      put("(");
      std::size_t i = 0;
      for (const node* v = row->values; v != nullptr; v = v->next, ++i) {
        if (i != 0) put(", ");
        value_for_column(v, column_at(i));
      }
      if (!columns.empty() && i != columns.size()) fail("column count does not match value count", s->pos);
      pinned_values(i != 0);
      put(")");
    }
  } else if (s->set_list != nullptr) {
    put(" VALUES (");
    std::size_t i = 0;
    for (const ast::assignment* a = s->set_list; a != nullptr; a = a->next, ++i) {
      if (i != 0) put(", ");
      value_for_column(a->value, column_at(i));
    }
    pinned_values(i != 0);
    put(")");
  } else if (!pinned_columns.empty()) {
    // Every selected row gets the same pinned time.
    put(" SELECT switchyard_rows.*");
    pinned_values(true);
    put(" FROM (");
    select(s->select, false);
    put(") AS switchyard_rows");
  } else {
    put(" ");
    select(s->select, false);
  }

  if (s->on_duplicate == nullptr && !s->replace) {
    if (s->ignore) {
      put(" ON CONFLICT DO NOTHING");
      note("INSERT IGNORE: only unique-key conflicts are ignored on PostgreSQL; MySQL also turns other "
           "errors (bad values, NULL into NOT NULL, foreign keys) into warnings");
    }
    return;
  }
  if (table == nullptr) fail(s->replace ? "REPLACE into a table the catalog does not know"
                                        : "ON DUPLICATE KEY UPDATE on a table the catalog does not know",
                             s->pos);

  const std::vector<const unique_key*> candidates = conflict_candidates(*table, columns);
  if (candidates.empty()) {
    // What ON DUPLICATE KEY UPDATE would have assigned is dropped: its literals count as baked.
    if (s->on_duplicate != nullptr) bake_range(s->on_duplicate_pos, static_cast<std::uint32_t>(src_.size()));
    note(s->replace ? "REPLACE: no unique key can conflict, so it is a plain INSERT"
                    : "ON DUPLICATE KEY UPDATE: no unique key can conflict, so it is a plain INSERT");
    return;
  }
  if (candidates.size() > 1)
    fail(std::string(s->replace ? "REPLACE" : "ON DUPLICATE KEY UPDATE") +
             " on a table with several unique keys that can conflict",
         s->replace ? s->pos : s->on_duplicate_pos);
  const unique_key& key = *candidates.front();
  put(" ON CONFLICT (");
  for (std::size_t i = 0; i < key.columns.size(); ++i) {
    if (i != 0) put(", ");
    ident(key.columns[i]);
  }
  put(") DO UPDATE SET ");

  if (s->replace) {
    // REPLACE deletes the old row and inserts the new one: every column takes the new row's
    // value, or its default when not written.
    bool first = true;
    for (const auto& c : table->columns) {
      bool in_key = false;
      for (const auto& k : key.columns) in_key = in_key || ascii_iequals(k, c.name);
      if (in_key) continue;
      if (!first) put(", ");
      first = false;
      ident(c.name);
      bool written = false;
      for (const auto name : columns) written = written || ascii_iequals(name, c.name);
      if (written) {
        put(" = EXCLUDED.");
        ident(c.name);
      } else {
        put(" = DEFAULT");
      }
    }
    if (first) {
      // Every column is in the key: the old row already equals the new one.
      out_.resize(out_.size() - std::string_view(" DO UPDATE SET ").size());
      put(" DO NOTHING");
    }
    note("REPLACE: written as INSERT ... ON CONFLICT DO UPDATE; MySQL deletes and re-inserts (delete "
         "triggers and foreign-key actions differ) and reports 2 affected rows");
    return;
  }

  scope_.push_back({s->schema, s->table, {}, table});
  in_on_duplicate_ = true;
  assignment_target_ = s->table;
  row_alias_ = s->row_alias;
  row_alias_columns_ = s->row_alias_columns;
  insert_columns_ = s->columns;
  assignments(s->on_duplicate, table);
  in_on_duplicate_ = false;
  assignment_target_ = {};
  row_alias_ = {};
  scope_.pop_back();
  note("ON DUPLICATE KEY UPDATE: PostgreSQL refuses a statement that updates the same row twice, and "
       "reports 1 affected row where MySQL reports 2");
}

void emitter::replace_across_keys(const ast::insert_stmt* s, const table_info& table,
                                  const std::vector<std::string_view>& columns,
                                  const std::vector<const unique_key*>& keys) {
  // MySQL's REPLACE deletes every row that conflicts on any unique key, then inserts. PostgreSQL's
  // ON CONFLICT names one key, so: the new rows, a DELETE of every row they conflict with, and
  // an INSERT that reads the DELETE's count so that it runs after it.
  for (const unique_key* key : keys)
    for (const auto& col : key->columns) {
      bool written = false;
      for (const auto name : columns) written = written || ascii_iequals(name, col);
      if (!written) fail("REPLACE across several unique keys with a key column filled by its default", s->pos);
    }
  auto column_list = [&]() {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i != 0) put(", ");
      ident(columns[i]);
    }
  };
  put("WITH switchyard_new (");
  column_list();
  put(") AS (");
  if (s->select != nullptr) {
    select(s->select, false);
  } else {
    put("VALUES ");
    auto row_values = [&](auto&& each) {
      std::size_t i = 0;
      put("(");
      each(i);
      if (i != columns.size()) fail("column count does not match value count", s->pos);
      put(")");
    };
    auto typed_value = [&](const node* v, std::size_t i) {
      if (v->kind == node_kind::default_value) fail("REPLACE across several unique keys with DEFAULT", v->pos);
      const column_info* c = table.find_column(columns[i]);
      put("CAST(");
      value_for_column(v, c);
      put(" AS ");
      // Character types are cast to text: an explicit cast to varchar(n) would truncate silently
      // where the INSERT itself refuses a value that is too long.
      const std::string_view pg_type = c != nullptr ? std::string_view(c->pg_type) : std::string_view("text");
      const bool character = pg_type.rfind("varchar", 0) == 0 || pg_type.rfind("char", 0) == 0 ||
                             pg_type.rfind("character", 0) == 0;
      put(character ? std::string_view("text") : pg_type);
      put(")");
    };
    if (s->rows != nullptr) {
      for (const ast::values_row* row = s->rows; row != nullptr; row = row->next) {
        if (row != s->rows) put(", ");
        row_values([&](std::size_t& i) {
          for (const node* v = row->values; v != nullptr; v = v->next, ++i) {
            if (i != 0) put(", ");
            typed_value(v, i);
          }
        });
      }
    } else {
      row_values([&](std::size_t& i) {
        for (const ast::assignment* a = s->set_list; a != nullptr; a = a->next, ++i) {
          if (i != 0) put(", ");
          typed_value(a->value, i);
        }
      });
    }
  }
  put("), switchyard_replaced AS (DELETE FROM ");
  table_name(s->schema, s->table);
  put(" USING switchyard_new WHERE ");
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k != 0) put(" OR ");
    put("(");
    for (std::size_t i = 0; i < keys[k]->columns.size(); ++i) {
      if (i != 0) put(" AND ");
      ident(s->table);
      put(".");
      ident(keys[k]->columns[i]);
      put(" = switchyard_new.");
      ident(keys[k]->columns[i]);
    }
    put(")");
  }
  put(" RETURNING 1) INSERT INTO ");
  table_name(s->schema, s->table);
  put(" (");
  column_list();
  put(") SELECT ");
  column_list();
  put(" FROM switchyard_new WHERE (SELECT count(*) FROM switchyard_replaced) >= 0");
  note("REPLACE across several unique keys: new rows that conflict with each other fail on PostgreSQL "
       "(MySQL lets the later one replace the earlier)");
}

void emitter::limited_rows(const scope_entry& target, const node* where, const ast::order_item* order,
                           const node* lim) {
  const unique_key* pk = target.info != nullptr ? target.info->primary_key() : nullptr;
  auto key_list = [&]() {
    if (pk == nullptr) return put("ctid");
    for (std::size_t i = 0; i < pk->columns.size(); ++i) {
      if (i != 0) put(", ");
      ident(pk->columns[i]);
    }
  };
  put(" WHERE ");
  if (pk != nullptr) {
    put("(");
    key_list();
    put(") IN (SELECT ");
  } else {
    put("ctid = ANY (ARRAY(SELECT ");
  }
  key_list();
  put(" FROM ");
  table_name(target.schema, target.name);
  if (!target.alias.empty()) {
    put(" AS ");
    ident(target.alias);
  }
  if (where != nullptr) {
    put(" WHERE ");
    expr(where, want::condition);
  }
  if (order != nullptr) {
    put(" ");
    order_by(order, nullptr);
  }
  limit(lim, nullptr);
  put(pk != nullptr ? ")" : "))");
}

void emitter::flatten_inner_joins(const ast::table_ref* r, std::vector<const ast::table_ref*>& tables,
                                  std::vector<const node*>& conditions) {
  for (; r != nullptr; r = r->next) {
    if (r->kind != ast::table_ref::kind_t::join) {
      tables.push_back(r);
      continue;
    }
    if (r->join != ast::join_kind::inner && r->join != ast::join_kind::cross && r->join != ast::join_kind::straight)
      fail("multi-table UPDATE / DELETE with an outer or natural join", r->pos);
    if (r->using_columns != nullptr) fail("multi-table UPDATE / DELETE with JOIN ... USING", r->pos);
    // A join's sides are single factors (their `next` is always null).
    flatten_inner_joins(r->left, tables, conditions);
    flatten_inner_joins(r->right, tables, conditions);
    if (r->on != nullptr) conditions.push_back(r->on);
  }
}

// The ON conditions of flattened joins and the statement's WHERE, ANDed into one WHERE.
void emitter::join_conditions_and_where(const std::vector<const node*>& conditions, const node* where_clause) {
  bool where = false;
  for (const node* c : conditions) {
    put(where ? " AND " : " WHERE ");
    where = true;
    parenthesized(c, want::condition);
  }
  if (where_clause != nullptr) {
    put(where ? " AND " : " WHERE ");
    parenthesized(where_clause, want::condition);
  }
}

void emitter::update_statement(const ast::update_stmt* s) {
  if (s->ignore) fail("UPDATE IGNORE", s->pos);
  const bool single = s->tables->kind == ast::table_ref::kind_t::table && s->tables->next == nullptr;
  add_to_scope(s->tables);
  if (single) {
    const ast::table_ref* t = s->tables;
    const scope_entry target{t->schema, t->name, t->alias, find_table(t->schema, t->name)};
    put("UPDATE ");
    table_ref(t);
    put(" SET ");
    // Single-table UPDATE assigns left to right: later assignments see earlier values.
    assignment_target_ = t->name;
    assignments(s->set_list, target.info);
    assignment_target_ = {};
    if (s->limit != nullptr) {
      limited_rows(target, s->where, s->order, s->limit);
    } else {
      if (s->order != nullptr)
        note("UPDATE ... ORDER BY without LIMIT: PostgreSQL updates rows in no particular order");
      if (s->where != nullptr) {
        put(" WHERE ");
        expr(s->where, want::condition);
      }
    }
    return;
  }
  if (s->order != nullptr || s->limit != nullptr) fail("multi-table UPDATE with ORDER BY or LIMIT", s->pos);
  std::vector<const ast::table_ref*> tables;
  std::vector<const node*> conditions;
  flatten_inner_joins(s->tables, tables, conditions);
  // The one table whose columns are assigned.
  const ast::table_ref* target = nullptr;
  for (const ast::assignment* a = s->set_list; a != nullptr; a = a->next) {
    const ast::table_ref* owner = nullptr;
    for (const ast::table_ref* t : tables) {
      if (t->kind != ast::table_ref::kind_t::table) continue;
      const std::string_view visible = t->alias.empty() ? t->name : t->alias;
      if (!a->column->qualifier.empty()) {
        if (a->column->qualifier == visible) owner = t;
      } else if (const table_info* info = find_table(t->schema, t->name);
                 info != nullptr && info->find_column(a->column->name) != nullptr) {
        if (owner != nullptr) fail("ambiguous column in multi-table UPDATE", a->column->pos);
        owner = t;
      }
    }
    if (owner == nullptr) fail("multi-table UPDATE of a column whose table is unknown", a->column->pos);
    if (target != nullptr && target != owner) fail("multi-table UPDATE of several tables", a->column->pos);
    target = owner;
  }
  put("UPDATE ");
  table_ref(target);
  put(" SET ");
  assignments(s->set_list, find_table(target->schema, target->name));
  bool first = true;
  for (const ast::table_ref* t : tables) {
    if (t == target) continue;
    put(first ? " FROM " : ", ");
    first = false;
    table_ref(t);
  }
  join_conditions_and_where(conditions, s->where);
}

void emitter::delete_statement(const ast::delete_stmt* s) {
  if (s->ignore) fail("DELETE IGNORE", s->pos);
  add_to_scope(s->tables);
  if (!s->multi) {
    const ast::table_ref* t = s->tables;
    const scope_entry target{t->schema, t->name, t->alias, find_table(t->schema, t->name)};
    put("DELETE FROM ");
    table_ref(t);
    if (s->limit != nullptr) return limited_rows(target, s->where, s->order, s->limit);
    if (s->where != nullptr) {
      put(" WHERE ");
      expr(s->where, want::condition);
    }
    return;
  }
  if (s->order != nullptr || s->limit != nullptr) fail("multi-table DELETE with ORDER BY or LIMIT", s->pos);
  if (s->targets == nullptr || s->targets->next != nullptr) fail("DELETE from several tables", s->pos);
  std::vector<const ast::table_ref*> tables;
  std::vector<const node*> conditions;
  flatten_inner_joins(s->tables, tables, conditions);
  const ast::table_ref* target = nullptr;
  for (const ast::table_ref* t : tables) {
    if (t->kind != ast::table_ref::kind_t::table) continue;
    const bool by_alias = !t->alias.empty() && s->targets->schema.empty() && t->alias == s->targets->name;
    const bool by_name = t->alias.empty() && t->name == s->targets->name && t->schema == s->targets->schema;
    if (by_alias || by_name) {
      if (target != nullptr) fail("DELETE target named twice", s->targets->pos);
      target = t;
    }
  }
  if (target == nullptr) fail("DELETE target not among the tables", s->targets->pos);
  put("DELETE FROM ");
  table_ref(target);
  bool first = true;
  for (const ast::table_ref* t : tables) {
    if (t == target) continue;
    put(first ? " USING " : ", ");
    first = false;
    table_ref(t);
  }
  join_conditions_and_where(conditions, s->where);
}

}  // namespace switchyard::sql
