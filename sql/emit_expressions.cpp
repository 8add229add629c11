// Expressions: operators, literals, columns, and MySQL's value rules written for PostgreSQL.
#include <charconv>

#include "sql/ascii.hpp"
#include "sql/emitter.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

using ast::node;
using ast::node_kind;
using ast::op;


bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ascii_iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view comparison_text(op o) {
  switch (o) {
    case op::eq: return " = ";
    case op::ne: return " <> ";
    case op::lt: return " < ";
    case op::le: return " <= ";
    case op::gt: return " > ";
    case op::ge: return " >= ";
    case op::null_safe_eq: return " IS NOT DISTINCT FROM ";
    default: return " = ";
  }
}

// PostgreSQL precedence of what an expression is written as (higher binds tighter).
enum level : int { l_or = 1, l_and, l_not, l_is, l_cmp, l_like, l_other, l_add, l_mul, l_unary, l_atom };

}  // namespace

// ---- types ----

value_type emitter::type_of(const node* n) const {
  switch (n->kind) {
    case node_kind::literal:
      switch (n->tok.kind) {
        case token_kind::number: return value_type::number;
        case token_kind::hex_literal:
        case token_kind::bit_literal: return value_type::binary;
        default: {
          if (ascii_iequals(token_introducer(n->tok, src_), "binary")) return value_type::binary;
          // Without escapes or doubled quotes the value is the body itself: no decoding needed.
          if (!n->tok.has(token_flag::backslash_escapes) && !n->tok.has(token_flag::doubled_quote))
            return is_postgres_text(token_body(n->tok, src_)) ? value_type::text : value_type::binary;
          std::string bytes;
          return classify_literal(n->tok, src_, opt_.mode, bytes) == literal_class::binary ? value_type::binary
                                                                                          : value_type::text;
        }
      }
    case node_kind::null_value: return value_type::null;
    case node_kind::true_value:
    case node_kind::false_value: return value_type::boolean;
    case node_kind::column: {
      const column_info* c = column_of(n);
      if (c == nullptr) return value_type::unknown;
      switch (c->category) {
        case type_category::integer:
        case type_category::decimal:
        case type_category::floating: return value_type::number;
        case type_category::boolean: return value_type::boolean;
        case type_category::text:
        case type_category::enumeration:
        case type_category::set: return value_type::text;
        case type_category::binary: return value_type::binary;
        case type_category::bit: return value_type::number;  // stored as an integer
        case type_category::date: return value_type::date;
        case type_category::datetime:
        case type_category::timestamp: return value_type::datetime;
        case type_category::time: return value_type::time;
        case type_category::json: return value_type::json;
        case type_category::other: return value_type::unknown;
      }
      return value_type::unknown;
    }
    case node_kind::unary:
      if (n->oper == op::logical_not) return value_type::boolean;
      if (n->oper == op::binary_cast) return type_of(n->a);
      return value_type::number;
    case node_kind::binary:
      switch (n->oper) {
        case op::concat: return value_type::text;
        case op::json_extract: return value_type::json;
        case op::json_unquote_extract: return value_type::text;
        case op::add:
        case op::sub:
          if (n->b->kind == node_kind::interval) return type_of(n->a) == value_type::date ? value_type::date
                                                                                          : value_type::datetime;
          if (n->a->kind == node_kind::interval) return type_of(n->b) == value_type::date ? value_type::date
                                                                                          : value_type::datetime;
          return value_type::number;
        case op::mul:
        case op::div:
        case op::int_div:
        case op::mod:
        case op::bit_and:
        case op::bit_or:
        case op::bit_xor:
        case op::shift_left:
        case op::shift_right: return value_type::number;
        default: return value_type::boolean;
      }
    case node_kind::is_test:
    case node_kind::between:
    case node_kind::in_list:
    case node_kind::in_select:
    case node_kind::exists: return value_type::boolean;
    case node_kind::function: return function_type(n);
    case node_kind::case_expr: {
      value_type t = value_type::null;
      for (const node* when = n->args; when != nullptr && when->next != nullptr; when = when->next->next)
        t = merge_branch_types(t, type_of(when->next));
      return n->b != nullptr ? merge_branch_types(t, type_of(n->b)) : t;
    }
    case node_kind::collate: return type_of(n->a);
    case node_kind::cast: {
      const std::string_view t = n->type.name;
      if (ascii_iequals(t, "CHAR") || ascii_iequals(t, "NCHAR") || ascii_iequals(t, "VARCHAR")) return value_type::text;
      if (ascii_iequals(t, "DATE")) return value_type::date;
      if (ascii_iequals(t, "DATETIME") || ascii_iequals(t, "TIMESTAMP")) return value_type::datetime;
      if (ascii_iequals(t, "TIME")) return value_type::time;
      if (ascii_iequals(t, "JSON")) return value_type::json;
      if (ascii_iequals(t, "BINARY")) return value_type::binary;
      return value_type::number;
    }
    case node_kind::convert_using: return value_type::text;
    default: return value_type::unknown;
  }
}

value_type merge_branch_types(value_type a, value_type b) {
  if (a == value_type::null || a == b) return b;
  if (b == value_type::null) return a;
  if (a == value_type::text || b == value_type::text) return value_type::text;
  return value_type::unknown;
}

void emitter::branch(const node* n, bool as_text) {
  const value_type t = type_of(n);
  if (!as_text || t == value_type::text || t == value_type::null || t == value_type::unknown) return expr(n, want::value);
  put("(");
  expr(n, want::value);
  put(")::text");
}

const emitter::scope_entry* emitter::resolve_qualifier(std::string_view qualifier) const {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (!it->alias.empty() ? it->alias == qualifier : it->name == qualifier) return &*it;
  }
  return nullptr;
}

const column_info* emitter::column_of(const node* n) const {
  if (n->kind == node_kind::collate || (n->kind == node_kind::unary && n->oper == op::binary_cast))
    return column_of(n->a);
  if (n->kind != node_kind::column) return nullptr;
  if (!n->qualifier.empty()) {
    if (!n->schema.empty()) {
      const table_info* t = find_table(n->schema, n->qualifier);
      return t != nullptr ? t->find_column(n->name) : nullptr;
    }
    const scope_entry* e = resolve_qualifier(n->qualifier);
    return e != nullptr && e->info != nullptr ? e->info->find_column(n->name) : nullptr;
  }
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (it->info == nullptr) continue;
    if (const column_info* c = it->info->find_column(n->name)) return c;
  }
  return nullptr;
}

bool emitter::is_case_insensitive(const node* n) const {
  if (n->kind == node_kind::collate) return ends_with_ci(n->name, "_ci");
  if (n->kind == node_kind::unary && n->oper == op::binary_cast) return false;
  const column_info* c = column_of(n);
  return c != nullptr && c->case_insensitive && c->pg_type != "citext" &&
         (c->category == type_category::text || c->category == type_category::enumeration ||
          c->category == type_category::set);
}

bool emitter::case_insensitive_pair(const node* a, const node* b) const {
  // An explicit COLLATE on either side decides (MySQL's coercibility rules); else either
  // case-insensitive column makes the comparison case-insensitive.
  for (const node* side : {a, b})
    if (side->kind == node_kind::collate || (side->kind == node_kind::unary && side->oper == op::binary_cast))
      return is_case_insensitive(side);
  return is_case_insensitive(a) || is_case_insensitive(b);
}

bool emitter::nullable(const node* n) const {
  const column_info* c = column_of(n);
  return c == nullptr || c->nullable;
}

// ---- literals ----

static bool literal_for_type(emitter& e, const node* n, value_type target);

void emitter::literal(const node* n) {
  // Inside a value for a BIT column (stored as an integer), b'..' and X'..' are numbers.
  if (bits_as_numbers_ && (n->tok.kind == token_kind::bit_literal || n->tok.kind == token_kind::hex_literal) &&
      literal_for_type(*this, n, value_type::number))
    return;
  const literal_class cls = classify_literal(n->tok, src_, opt_.mode, scratch_);
  literal_slot slot;
  slot.output_offset = static_cast<std::uint32_t>(out_.size());
  slot.literal_index = n->index;
  slot.cls = cls;
  if (!append_pg_literal(n->tok, src_, opt_.mode, cls, scratch_, out_)) fail("malformed literal", n->pos);
  slot.output_length = static_cast<std::uint32_t>(out_.size()) - slot.output_offset;
  result_.slots.push_back(slot);
}

// Baked indexes may repeat here; translate() sorts them and drops duplicates at the end.
void emitter::bake(const node* n) {
  if (n->kind == node_kind::literal) result_.baked.push_back(n->index);
}

void emitter::bake_range(std::uint32_t from, std::uint32_t to) {
  // Tokens are in text order: find the first at `from` by binary search.
  const auto& tokens = toks_.tokens;
  std::size_t lo = 0, hi = tokens.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (tokens[mid].offset < from) lo = mid + 1;
    else hi = mid;
  }
  for (std::size_t i = lo; i < tokens.size() && tokens[i].offset < to; ++i)
    if (is_literal_token(tokens[i])) result_.baked.push_back(toks_.literal_ordinal[i]);
}

void emitter::baked_literal(const node* n, std::string_view pg_text) {
  bake(n);
  put(pg_text);
}

std::string emitter::literal_bytes(const node* n) const {
  std::string bytes;
  if (n->kind != node_kind::literal) return bytes;
  if (n->tok.kind == token_kind::string) decode_string(n->tok, src_, opt_.mode, bytes);
  else if (n->tok.kind == token_kind::hex_literal) (void)decode_hex(n->tok, src_, bytes);
  else if (n->tok.kind == token_kind::bit_literal) (void)decode_bits(n->tok, src_, bytes);
  else bytes = std::string(token_text(n->tok, src_));
  return bytes;
}

bool emitter::is_integer_literal(const node* n, long long& value) const {
  bool negative = false;
  if (n->kind == node_kind::unary && n->oper == op::negate) {
    negative = true;
    n = n->a;
  }
  if (n->kind != node_kind::literal || n->tok.kind != token_kind::number ||
      n->tok.has(token_flag::number_decimal) || n->tok.has(token_flag::number_float))
    return false;
  const std::string_view text = token_text(n->tok, src_);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return false;
  if (negative) value = -value;
  return true;
}

// A literal written for a column of another type: MySQL converts it; PostgreSQL needs the value
// spelled in the column's type. True when handled (the literal is then baked).
static bool literal_for_type(emitter& e, const node* n, value_type target) {
  if (n->kind != node_kind::literal) return false;
  const token_kind k = n->tok.kind;
  if (target == value_type::boolean) {
    long long v = 0;
    if (!e.is_integer_literal(n, v) || (v != 0 && v != 1)) return false;
    e.baked_literal(n, v != 0 ? "true" : "false");
    return true;
  }
  if (target == value_type::binary && k == token_kind::string) {
    e.bake(n);
    append_pg_bytea(e.literal_bytes(n), e.out_);
    return true;
  }
  if (target == value_type::text && (k == token_kind::hex_literal || k == token_kind::bit_literal)) {
    const std::string bytes = e.literal_bytes(n);
    if (!is_postgres_text(bytes)) return false;
    e.bake(n);
    append_pg_string(bytes, e.out_);
    return true;
  }
  if (target == value_type::number && (k == token_kind::hex_literal || k == token_kind::bit_literal)) {
    const std::string bytes = e.literal_bytes(n);
    if (bytes.size() > 8) e.fail("a hex or bit literal wider than 64 bits used as a number", n->pos);
    unsigned long long v = 0;
    for (const char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
    e.bake(n);
    e.put(std::to_string(v));
    return true;
  }
  return false;
}

// The fraction digits of a DATETIME / TIMESTAMP / TIME column: "datetime(6)" -> 6.
static int fraction_digits(const column_info& c) {
  const std::size_t open = c.mysql_type.find('(');
  if (open == std::string::npos) return 0;
  return std::atoi(c.mysql_type.c_str() + open + 1);
}

void emitter::text_value(const node* n) {
  const value_type t = type_of(n);
  if (t == value_type::text || (n->kind == node_kind::literal && n->tok.kind == token_kind::string))
    return expr(n, want::value);
  const column_info* c = column_of(n);
  if (c != nullptr && (t == value_type::datetime || t == value_type::time)) {
    // MySQL prints exactly the column's fraction digits (10:00:00.500000); PostgreSQL's text
    // form trims them.
    const int digits = fraction_digits(*c);
    put("to_char(");
    expr(n, want::value);
    put(t == value_type::time ? ", 'HH24:MI:SS" : ", 'YYYY-MM-DD HH24:MI:SS");
    if (digits > 0) {
      put(".FF");
      put(std::to_string(digits));
    }
    put("')");
    return;
  }
  if (t == value_type::binary) {
    // MySQL's binary string as characters (bytea's text form would be its hex spelling).
    if (literal_for_type(*this, n, value_type::text)) return;
    put("convert_from(");
    expr(n, want::value);
    put(", 'UTF8')");
    return;
  }
  put("(");
  expr(n, want::value);
  put(")::text");
}

bool emitter::is_floating(const node* n) const {
  if (n->kind == node_kind::literal) return n->tok.kind == token_kind::number && n->tok.has(token_flag::number_float);
  const column_info* c = column_of(n);
  return c != nullptr && c->category == type_category::floating;
}

// ---- columns and aliases ----

void emitter::exact_alias(std::string_view name) {
  std::string lowered;
  append_pg_identifier(name, lowered);
  if (lowered == name) {
    put(name);
    return;
  }
  out_.push_back('"');
  for (const char c : name) {
    if (c == '"') out_.push_back('"');
    out_.push_back(c);
  }
  out_.push_back('"');
}

void emitter::column(const node* n) {
  if (n->qualifier.empty()) {
    // A later assignment of a SET list sees the values assigned before it (MySQL), so those
    // columns are replaced by the expressions assigned to them.
    if (!assignment_target_.empty()) {
      for (std::size_t i = assigned_.size(); i-- > 0;) {
        if (!ascii_iequals(assigned_[i]->column->name, n->name)) continue;
        std::vector<const ast::assignment*> saved(assigned_.begin(), assigned_.end());
        assigned_.resize(i);
        put("(");
        expr(saved[i]->value, want::value);
        put(")");
        assigned_ = std::move(saved);
        return;
      }
    }
    if (alias_core_ != nullptr && !(prefer_columns_ && column_of(n) != nullptr)) {
      for (const ast::select_item* item = alias_core_->items; item != nullptr; item = item->next) {
        if (item->alias.empty() || !ascii_iequals(item->alias, n->name)) continue;
        if (in_having_) {
          // PostgreSQL's HAVING cannot see output names: repeat the aliased expression.
          const ast::select_core* core = alias_core_;
          alias_core_ = nullptr;
          put("(");
          expr(item->expr, want::value);
          put(")");
          alias_core_ = core;
          return;
        }
        exact_alias(item->alias);
        return;
      }
    }
    if (in_on_duplicate_ && row_alias_columns_ != nullptr) {
      // INSERT ... AS new(a2, b2) ON DUPLICATE KEY UPDATE x = b2: b2 is the new row's column.
      const ast::node* real_col = insert_columns_;
      for (const ast::node* alias_col = row_alias_columns_; alias_col != nullptr && real_col != nullptr;
           alias_col = alias_col->next, real_col = real_col->next) {
        if (!ascii_iequals(alias_col->name, n->name)) continue;
        put("EXCLUDED.");
        ident(real_col->name);
        return;
      }
    }
    if (in_on_duplicate_ && !assignment_target_.empty()) {
      ident(assignment_target_);
      put(".");
    }
  } else if (in_on_duplicate_ && !row_alias_.empty() && n->qualifier == row_alias_ && n->schema.empty()) {
    // INSERT ... VALUES (...) AS new ON DUPLICATE KEY UPDATE a = new.a
    put("EXCLUDED.");
    if (row_alias_columns_ != nullptr) {
      const ast::node* alias_col = row_alias_columns_;
      const ast::node* real_col = insert_columns_;
      for (; alias_col != nullptr && real_col != nullptr; alias_col = alias_col->next, real_col = real_col->next) {
        if (ascii_iequals(alias_col->name, n->name)) {
          ident(real_col->name);
          return;
        }
      }
      fail("row alias column not in the insert's column list", n->pos);
    }
    ident(n->name);
    return;
  } else {
    if (!n->schema.empty()) {
      ident(n->schema);
      put(".");
    }
    ident(n->qualifier);
    put(".");
  }
  ident(n->name);
}

// ---- expressions ----

namespace {

int level_of(const emitter& e, const node* n, want w) {
  const value_type t = e.type_of(n);
  if (w == want::value && t == value_type::boolean) return l_atom;  // (x)::int
  if (w == want::condition && t == value_type::number) return l_cmp;  // (x) <> 0
  switch (n->kind) {
    case node_kind::unary:
      if (n->oper == op::logical_not) return l_not;
      if (n->oper == op::binary_cast || n->oper == op::plus) return level_of(e, n->a, w);
      return l_unary;
    case node_kind::binary:
      switch (n->oper) {
        case op::logical_or: return l_or;
        case op::logical_and: return l_and;
        case op::logical_xor: return l_cmp;
        case op::null_safe_eq: return l_is;
        case op::eq:
        case op::ne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: return l_cmp;
        case op::like: return l_like;
        case op::regexp:
        case op::concat:
        case op::bit_and:
        case op::bit_or:
        case op::bit_xor:
        case op::shift_left:
        case op::shift_right:
        case op::json_unquote_extract: return l_other;
        case op::add:
        case op::sub: return l_add;
        case op::mul:
        case op::div: return l_mul;
        default: return l_atom;
      }
    case node_kind::is_test: return l_is;
    case node_kind::between:
    case node_kind::in_list:
    case node_kind::in_select: return l_like;
    case node_kind::exists: return n->negated ? l_not : l_atom;
    case node_kind::collate: return level_of(e, n->a, w);
    default: return l_atom;
  }
}

}  // namespace

// Writes an operand of an operator of level `parent`, parenthesized when it binds more loosely
// (or equally, on the right or for non-associative levels).
static void operand(emitter& e, const node* n, int parent, want w, bool right) {
  const int l = level_of(e, n, w);
  const bool needs = l < parent || (l == parent && (right || parent == l_cmp || parent == l_like || parent == l_is) &&
                                    parent != l_and && parent != l_or);
  if (needs) e.put("(");
  e.expr(n, w);
  if (needs) e.put(")");
}

static void lower_operand(emitter& e, const node* n, bool lower) {
  if (!lower) {
    operand(e, n, l_cmp, want::value, false);
    return;
  }
  e.put("lower(");
  e.expr(n, want::value);
  e.put(")");
}

std::string numeric_prefix(std::string_view s);

// Writes the side of a comparison whose other side has type `other`.
static void comparison_side(emitter& e, const node* n, value_type other, int parent, bool right, bool lower) {
  const value_type t = e.type_of(n);
  if (n->kind == node_kind::literal && n->tok.kind == token_kind::string && t == value_type::binary &&
      (lower || other == value_type::text))
    e.fail("a string with a NUL byte or invalid UTF-8 compared with text", n->pos);
  if (t == value_type::json && (other == value_type::number || other == value_type::text)) {
    // MySQL compares a JSON scalar with a number as a number, with a string as a string.
    e.put("(");
    e.expr(n, want::value);
    e.put(other == value_type::number ? ")::numeric" : " #>> '{}')");
    return;
  }
  if (lower) e.put("lower(");
  if (other == value_type::boolean && literal_for_type(e, n, value_type::boolean)) {
  } else if (other == value_type::boolean && n->kind == node_kind::true_value) {
    e.put("true");
  } else if (other == value_type::boolean && n->kind == node_kind::false_value) {
    e.put("false");
  } else if ((other == value_type::binary || other == value_type::text || other == value_type::number) &&
             literal_for_type(e, n, other)) {
  } else if (other == value_type::number && n->kind == node_kind::literal && n->tok.kind == token_kind::string) {
    // MySQL compares a string with a number as numbers: '12abc' is 12, '1.0' is 1.0.
    e.bake(n);
    const std::string number = numeric_prefix(e.literal_bytes(n));
    e.put(number.find_first_of(".eE") == std::string::npos ? number : "'" + number + "'::float8");
  } else if (lower) {
    e.expr(n, want::value);
  } else {
    // A boolean compared with a number compares as 0/1; with a boolean literal it stays boolean.
    const bool other_is_boolean_literal = other == value_type::boolean;
    const want w = (t == value_type::boolean && !other_is_boolean_literal && other != value_type::unknown &&
                    other != value_type::null)
                       ? want::value
                       : want::any;
    operand(e, n, parent, w, right);
  }
  if (lower) e.put(")");
}

// The type a comparison side is matched against: a 0/1 literal next to a boolean counts as a
// boolean, so that `active = 1` stays `active = true`.
static value_type other_side_type(const emitter& e, const node* self, const node* other) {
  const value_type t = e.type_of(other);
  if (t == value_type::number && e.type_of(self) == value_type::boolean) {
    long long v = 0;
    if (e.is_integer_literal(other, v) && (v == 0 || v == 1)) return value_type::boolean;
  }
  return t;
}

// An operand of + - *: MySQL reads hex and bit literals as integers and strings as numbers.
// The number MySQL reads from a string in a numeric context: the longest numeric prefix after
// leading spaces ('3 apples' is 3, 'abc' is 0), as a double.
std::string numeric_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  const std::size_t start = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t digits_at = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i == digits_at || (i == digits_at + 1 && s[digits_at] == '.')) return "0";
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && s[j] >= '0' && s[j] <= '9') {
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      i = j;
    }
  }
  return std::string(s.substr(start, i - start));
}

static void arithmetic_operand(emitter& e, const node* n, int parent, bool right) {
  if (literal_for_type(e, n, value_type::number)) return;
  if (n->kind == node_kind::literal && n->tok.kind == token_kind::string) {
    e.bake(n);
    e.put("'");
    e.put(numeric_prefix(e.literal_bytes(n)));
    e.put("'::float8");
    return;
  }
  const value_type t = e.type_of(n);
  // MySQL reads a date as the number YYYYMMDD here (released + 1 is 20210203); PostgreSQL would
  // add days.
  if (t == value_type::date || t == value_type::datetime || t == value_type::time)
    e.fail("a date or time used as a number", n->pos);
  if (t == value_type::text || t == value_type::binary) {
    e.put("(");
    e.expr(n, want::value);
    e.put(")::numeric");
    return;
  }
  operand(e, n, parent, want::value, right);
}

void emitter::expr_list(const node* head, want w) {
  for (const node* n = head; n != nullptr; n = n->next) {
    if (n != head) put(", ");
    expr(n, w);
  }
}

void emitter::expr(const node* n, want w) {
  const value_type t = type_of(n);
  if (w == want::value && t == value_type::boolean) {
    if (n->kind == node_kind::true_value) return put("1");
    if (n->kind == node_kind::false_value) return put("0");
    put("(");
    expr(n, want::condition);
    put(")::int");
    return;
  }
  if (w == want::condition && t == value_type::text && n->kind != node_kind::literal)
    fail("a string used as a condition", n->pos);
  if (w == want::condition && t == value_type::number) {
    put("(");
    expr(n, want::value);
    put(") <> 0");
    return;
  }
  const want inner = w == want::condition ? want::any : w;
  switch (n->kind) {
    case node_kind::literal: return literal(n);
    case node_kind::null_value: return put("NULL");
    case node_kind::true_value: return put("true");
    case node_kind::false_value: return put("false");
    case node_kind::param:
      put("$");
      put(std::to_string(n->index + 1));
      return;
    case node_kind::column: return column(n);
    case node_kind::star:
      // Only a select-list item (select_core writes those) or COUNT(*) may be `*`.
      if (!star_allowed_) fail("* in an expression", n->pos);
      if (!n->qualifier.empty()) {
        if (!n->schema.empty()) {
          ident(n->schema);
          put(".");
        }
        ident(n->qualifier);
        put(".");
      }
      return put("*");
    case node_kind::default_value: return put("DEFAULT");
    case node_kind::unary:
      switch (n->oper) {
        case op::negate:
          put("-");
          if (n->a->kind == node_kind::literal || n->a->kind == node_kind::column || n->a->kind == node_kind::param ||
              n->a->kind == node_kind::function)
            return expr(n->a, want::value);
          return parenthesized(n->a, want::value);
        case op::plus: return expr(n->a, inner);
        case op::logical_not:
          put("NOT ");
          return operand(*this, n->a, l_not, want::condition, true);
        case op::binary_cast: return expr(n->a, inner);  // only changes case rules (see is_case_insensitive)
        case op::bit_not: fail("~ (MySQL's unsigned 64-bit NOT)", n->pos);
        default: fail("unary operator", n->pos);
      }
    case node_kind::binary: break;
    case node_kind::is_test: {
      const bool cond = n->oper != op::is_null;
      operand(*this, n->a, l_is, cond ? want::condition : want::any, false);
      put(n->negated ? " IS NOT " : " IS ");
      put(n->oper == op::is_null ? "NULL" : n->oper == op::is_true ? "TRUE" : n->oper == op::is_false ? "FALSE" : "UNKNOWN");
      return;
    }
    case node_kind::between: {
      const bool lower = is_case_insensitive(n->a);
      lower_operand(*this, n->a, lower);
      put(n->negated ? " NOT BETWEEN " : " BETWEEN ");
      const value_type at = type_of(n->a);
      comparison_side(*this, n->b, at, l_other, true, lower);
      put(" AND ");
      comparison_side(*this, n->c, at, l_other, true, lower);
      return;
    }
    case node_kind::in_list: {
      const bool lower = is_case_insensitive(n->a);
      const value_type at = type_of(n->a);
      if (at == value_type::boolean) operand(*this, n->a, l_like, want::any, false);  // items become true/false
      else lower_operand(*this, n->a, lower);
      put(n->negated ? " NOT IN (" : " IN (");
      for (const node* item = n->args; item != nullptr; item = item->next) {
        if (item != n->args) put(", ");
        comparison_side(*this, item, at, 0, false, lower);
      }
      put(")");
      return;
    }
    case node_kind::in_select:
      operand(*this, n->a, l_like, want::any, false);
      put(n->negated ? " NOT IN (" : " IN (");
      select(n->select, false);
      put(")");
      return;
    case node_kind::exists:
      put(n->negated ? "NOT EXISTS (" : "EXISTS (");
      select(n->select, false);
      put(")");
      return;
    case node_kind::subquery:
      put("(");
      select(n->select, false);
      put(")");
      return;
    case node_kind::function: return function(n, w);
    case node_kind::case_expr: {
      // MySQL's CASE has one result type: a string as soon as one branch is a string.
      const bool as_text = type_of(n) == value_type::text;
      const bool lower = n->a != nullptr && is_case_insensitive(n->a);
      put("CASE");
      if (n->a != nullptr) {
        put(lower ? " lower(" : " ");
        expr(n->a, want::value);
        if (lower) put(")");
      }
      for (const node* when = n->args; when != nullptr && when->next != nullptr; when = when->next->next) {
        put(" WHEN ");
        if (lower) put("lower(");
        expr(when, n->a != nullptr ? want::value : want::condition);
        if (lower) put(")");
        put(" THEN ");
        branch(when->next, as_text);
      }
      if (n->b != nullptr) {
        put(" ELSE ");
        branch(n->b, as_text);
      }
      put(" END");
      return;
    }
    case node_kind::cast: return cast(n);
    case node_kind::convert_using:
      if (!ascii_iequals(n->name, "utf8mb4") && !ascii_iequals(n->name, "utf8") && !ascii_iequals(n->name, "utf8mb3"))
        fail("CONVERT ... USING " + std::string(n->name), n->pos);
      return expr(n->a, inner);
    case node_kind::interval: fail("INTERVAL outside date arithmetic", n->pos);
    case node_kind::row:
      put("(");
      expr_list(n->args, want::value);
      put(")");
      return;
    case node_kind::collate: return expr(n->a, inner);  // collations only change case rules here
  }

  // Binary operators.
  const node* a = n->a;
  const node* b = n->b;
  switch (n->oper) {
    case op::logical_and:
    case op::logical_or:
      operand(*this, a, n->oper == op::logical_and ? l_and : l_or, want::condition, false);
      put(n->oper == op::logical_and ? " AND " : " OR ");
      operand(*this, b, n->oper == op::logical_and ? l_and : l_or, want::condition, true);
      return;
    case op::logical_xor:
      parenthesized(a, want::condition);
      put(" <> ");
      parenthesized(b, want::condition);
      return;
    case op::eq:
    case op::ne:
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
    case op::null_safe_eq: {
      // MySQL compares a string with a number as numbers ('pair 1' = 0 is true); PostgreSQL has no
      // such lenient conversion for a column.
      const value_type ta = type_of(a), tb = type_of(b);
      if ((ta == value_type::text && tb == value_type::number && a->kind != node_kind::literal) ||
          (tb == value_type::text && ta == value_type::number && b->kind != node_kind::literal))
        fail("a string column compared with a number", n->pos);
      const bool lower = case_insensitive_pair(a, b);
      const int parent = n->oper == op::null_safe_eq ? l_is : l_cmp;
      // A number next to a boolean is written as true/false when it is 0 or 1 and compared as an
      // integer otherwise: its value picks the form, so it is baked either way.
      auto number_literal = [](const node* x) -> const node* {
        if (x->kind == node_kind::unary && (x->oper == op::negate || x->oper == op::plus)) x = x->a;
        return x->kind == node_kind::literal && x->tok.kind == token_kind::number ? x : nullptr;
      };
      if (ta == value_type::boolean && number_literal(b) != nullptr) bake(number_literal(b));
      if (tb == value_type::boolean && number_literal(a) != nullptr) bake(number_literal(a));
      comparison_side(*this, a, other_side_type(*this, a, b), parent, false, lower);
      put(comparison_text(n->oper));
      comparison_side(*this, b, other_side_type(*this, b, a), parent, true, lower);
      return;
    }
    case op::like: {
      const bool ci = case_insensitive_pair(a, b);
      const bool text = type_of(a) == value_type::text || type_of(a) == value_type::unknown;
      if (text) operand(*this, a, l_like, want::value, false);
      else {
        put("(");
        expr(a, want::value);
        put(")::text");
      }
      put(n->negated ? (ci ? " NOT ILIKE " : " NOT LIKE ") : (ci ? " ILIKE " : " LIKE "));
      operand(*this, b, l_like, want::value, true);
      if (n->c != nullptr) {
        put(" ESCAPE ");
        expr(n->c, want::value);
      } else if (opt_.mode.no_backslash_escapes) {
        // MySQL's LIKE escape character is `\` unless NO_BACKSLASH_ESCAPES, which leaves none.
        put(" ESCAPE ''");
      }
      return;
    }
    case op::regexp: {
      const bool ci = case_insensitive_pair(a, b);
      operand(*this, a, l_other, want::value, false);
      put(n->negated ? (ci ? " !~* " : " !~ ") : (ci ? " ~* " : " ~ "));
      operand(*this, b, l_other, want::value, true);
      return;
    }
    case op::concat: {
      // MySQL's || under PIPES_AS_CONCAT is CONCAT(): NULL when either side is NULL.
      for (const node* side : {a, b}) {
        if (side == b) put(" || ");
        if (type_of(side) == value_type::text || side->kind == node_kind::literal)
          operand(*this, side, l_other, want::value, side == b);
        else
          text_value(side);
      }
      return;
    }
    case op::add:
    case op::sub:
      if (b->kind == node_kind::interval) return interval_arithmetic(a, b, n->oper == op::sub);
      if (a->kind == node_kind::interval && n->oper == op::add) return interval_arithmetic(b, a, false);
      arithmetic_operand(*this, a, l_add, false);
      put(n->oper == op::add ? " + " : " - ");
      arithmetic_operand(*this, b, l_add, true);
      return;
    case op::mul:
      arithmetic_operand(*this, a, l_mul, false);
      put(" * ");
      arithmetic_operand(*this, b, l_mul, true);
      return;
    case op::div:
      // MySQL: a decimal (or double) quotient, NULL when dividing by zero.
      put("(");
      expr(a, want::value);
      put(")::numeric / NULLIF(");
      expr(b, want::value);
      put(", 0)");
      return;
    case op::int_div:
      put("div((");
      expr(a, want::value);
      put(")::numeric, NULLIF(");
      expr(b, want::value);
      put(", 0)::numeric)");
      return;
    case op::mod:
      put("mod((");
      expr(a, want::value);
      put(")::numeric, NULLIF(");
      expr(b, want::value);
      put(", 0)::numeric)");
      return;
    case op::bit_and:
    case op::bit_or:
    case op::bit_xor:
    case op::shift_left:
    case op::shift_right: {
      const std::string_view o = n->oper == op::bit_and   ? " & "
                                 : n->oper == op::bit_or  ? " | "
                                 : n->oper == op::bit_xor ? " # "
                                 : n->oper == op::shift_left ? " << " : " >> ";
      put("(");
      expr(a, want::value);
      put(")::bigint");
      put(o);
      put("(");
      expr(b, want::value);
      put(n->oper == op::shift_left || n->oper == op::shift_right ? ")::int" : ")::bigint");
      return;
    }
    case op::json_extract:
    case op::json_unquote_extract: {
      // Both are JSON_EXTRACT(doc, path) with a path literal.
      ast::node fn;
      fn.kind = node_kind::function;
      fn.name = n->oper == op::json_extract ? "JSON_EXTRACT" : "JSON_UNQUOTE_EXTRACT";
      fn.pos = n->pos;
      ast::node doc = *a;
      doc.next = const_cast<node*>(b);
      fn.args = &doc;
      return function(&fn, w);
    }
    default: fail("operator", n->pos);
  }
}

}  // namespace switchyard::sql
