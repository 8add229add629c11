// MySQL functions, CAST and date arithmetic written as PostgreSQL with MySQL's results.
#include <cstring>

#include "sql/emitter.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

using ast::node;
using ast::node_kind;

// Function names upper-cased into a small buffer (names are short; longer ones are unknown).
struct upper_name {
  char buf[40];
  std::size_t len = 0;
  explicit upper_name(std::string_view name) {
    len = name.size() < sizeof buf ? name.size() : 0;
    for (std::size_t i = 0; i < len; ++i) {
      char c = name[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      buf[i] = c;
    }
  }
  [[nodiscard]] std::string_view view() const { return {buf, len}; }
  bool operator==(std::string_view s) const { return view() == s; }
};


bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (const auto n : names)
    if (name == n) return true;
  return false;
}

struct interval_unit {
  std::string_view pg;  // the PostgreSQL interval text for one unit
  bool date_sized;      // adding it to a DATE gives a DATE in MySQL
};

bool unit_of(std::string_view mysql_unit, interval_unit& out) {
  const upper_name u(mysql_unit);
  if (u == "MICROSECOND") out = {"1 microsecond", false};
  else if (u == "SECOND") out = {"1 second", false};
  else if (u == "MINUTE") out = {"1 minute", false};
  else if (u == "HOUR") out = {"1 hour", false};
  else if (u == "DAY") out = {"1 day", true};
  else if (u == "WEEK") out = {"7 days", true};
  else if (u == "MONTH") out = {"1 month", true};
  else if (u == "QUARTER") out = {"3 months", true};
  else if (u == "YEAR") out = {"1 year", true};
  else return false;
  return true;
}

}  // namespace

value_type emitter::function_type(const node* n) const {
  const upper_name name(n->name);
  const std::string_view f = name.view();
  if (one_of(f, {"COUNT", "SUM", "AVG", "ABS", "CEIL", "CEILING", "FLOOR", "ROUND", "TRUNCATE", "MOD", "LENGTH",
                 "OCTET_LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "LOCATE", "INSTR", "POSITION", "UNIX_TIMESTAMP",
                 "TIMESTAMPDIFF", "DATEDIFF", "YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND",
                 "DAYOFWEEK", "WEEKDAY", "DAYOFYEAR", "QUARTER", "MICROSECOND", "EXTRACT", "SIGN", "POW", "POWER",
                 "SQRT", "EXP", "LN", "LOG", "LOG2", "LOG10", "PI", "RAND", "ROW_NUMBER", "RANK", "DENSE_RANK",
                 "ASCII", "FIELD", "STRCMP", "FIND_IN_SET", "BIT_AND", "BIT_OR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP",
                 "VAR_SAMP"}))
    return value_type::number;
  if (one_of(f, {"NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE", "UTC_TIMESTAMP",
                 "FROM_UNIXTIME", "TIMESTAMP", "TIMESTAMPADD"}))
    return f == "FROM_UNIXTIME" && arg_count(n->args) == 2 ? value_type::text : value_type::datetime;
  if (one_of(f, {"CURDATE", "CURRENT_DATE", "UTC_DATE", "DATE", "LAST_DAY"})) return value_type::date;
  if (one_of(f, {"CURTIME", "CURRENT_TIME", "UTC_TIME", "TIME"})) return value_type::time;
  if (one_of(f, {"DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE"})) {
    const node* d = nth_arg(n, 0);
    return d != nullptr && type_of(d) == value_type::date ? value_type::date : value_type::datetime;
  }
  if (one_of(f, {"JSON_EXTRACT", "JSON_OBJECT", "JSON_ARRAY", "JSON_KEYS", "JSON_SET", "JSON_REPLACE", "JSON_ARRAYAGG",
                 "JSON_OBJECTAGG"}))
    return value_type::json;
  if (one_of(f, {"JSON_CONTAINS"})) return value_type::boolean;
  if (one_of(f, {"JSON_LENGTH"})) return value_type::number;
  if (one_of(f, {"JSON_QUOTE", "SHA2"})) return value_type::text;
  if (one_of(f, {"UNHEX"})) return value_type::binary;
  if (one_of(f, {"ISNULL"})) return value_type::boolean;
  if (one_of(f, {"IFNULL", "COALESCE", "IF"})) {
    value_type t = value_type::null;
    for (const node* a = f == "IF" ? nth_arg(n, 1) : n->args; a != nullptr; a = a->next) t = merge_branch_types(t, type_of(a));
    return t;
  }
  if (one_of(f, {"NULLIF", "GREATEST", "LEAST", "MIN", "MAX"})) {
    for (const node* a = n->args; a != nullptr; a = a->next) {
      const value_type t = type_of(a);
      if (t != value_type::null) return t;
    }
    return value_type::unknown;
  }
  if (one_of(f, {"STR_TO_DATE"})) return value_type::datetime;
  if (one_of(f, {"CONCAT", "CONCAT_WS", "GROUP_CONCAT", "UPPER", "UCASE", "LOWER", "LCASE", "SUBSTRING", "SUBSTR",
                 "MID", "LPAD", "RPAD", "TRIM", "LTRIM", "RTRIM", "REPLACE", "DATE_FORMAT", "LEFT", "RIGHT",
                 "REPEAT", "REVERSE", "JSON_UNQUOTE", "JSON_UNQUOTE_EXTRACT", "MD5", "SPACE", "DATABASE", "SCHEMA",
                 "UUID", "HEX", "SUBSTRING_INDEX", "DAYNAME", "MONTHNAME"}))
    return value_type::text;
  return value_type::unknown;
}

// Composite units (INTERVAL '1:30' HOUR_MINUTE): the parts of the string, in the unit's order.
static bool composite_interval(std::string_view unit, std::string_view value, std::string& pg, bool& date_sized) {
  static constexpr struct {
    std::string_view name;
    std::string_view parts[4];
    bool date_sized;
  } units[] = {
      {"YEAR_MONTH", {"years", "months"}, true},
      {"DAY_HOUR", {"days", "hours"}, false},
      {"DAY_MINUTE", {"days", "hours", "minutes"}, false},
      {"DAY_SECOND", {"days", "hours", "minutes", "seconds"}, false},
      {"HOUR_MINUTE", {"hours", "minutes"}, false},
      {"HOUR_SECOND", {"hours", "minutes", "seconds"}, false},
      {"MINUTE_SECOND", {"minutes", "seconds"}, false},
  };
  const upper_name u(unit);
  for (const auto& candidate : units) {
    if (u.view() != candidate.name) continue;
    std::size_t wanted = 0;
    while (wanted < 4 && !candidate.parts[wanted].empty()) ++wanted;
    std::string numbers[4];
    std::size_t found = 0;
    bool negative = false;
    std::size_t i = 0;
    while (i < value.size() && value[i] == ' ') ++i;
    if (i < value.size() && value[i] == '-') negative = true, ++i;
    for (; i < value.size(); ++i) {
      const char c = value[i];
      if (c >= '0' && c <= '9') {
        if (found == 0 || (i > 0 && !(value[i - 1] >= '0' && value[i - 1] <= '9'))) {
          if (found == wanted) return false;
          ++found;
        }
        numbers[found - 1].push_back(c);
      } else if (c != ':' && c != ' ' && c != '-' && c != '.') {
        return false;
      }
    }
    if (found == 0) return false;
    // Fewer parts than the unit has fill it from the right (MySQL: '5' HOUR_MINUTE is 5 minutes).
    const std::size_t skip = wanted - found;
    for (std::size_t k = 0; k < found; ++k) {
      if (!pg.empty()) pg.push_back(' ');
      if (negative) pg.push_back('-');
      pg += numbers[k] + " " + std::string(candidate.parts[skip + k]);
    }
    date_sized = candidate.date_sized;
    return true;
  }
  return false;
}

void emitter::interval_arithmetic(const node* date, const node* interval, bool subtract) {
  interval_unit unit;
  std::string composite;
  if (!unit_of(interval->name, unit)) {
    const node* v = interval->a;
    bool date_sized = false;
    if (v->kind != node_kind::literal || v->tok.kind != token_kind::string ||
        !composite_interval(interval->name, literal_bytes(v), composite, date_sized))
      fail("INTERVAL unit " + std::string(interval->name), interval->pos);
    bake(v);
    unit = {{}, date_sized};
  }
  value_type dt = type_of(date);
  bool text_date = false;
  if (date->kind == node_kind::literal && date->tok.kind == token_kind::string) {
    // MySQL keeps a DATE for a 'YYYY-MM-DD' string and day-sized units.
    text_date = literal_bytes(date).size() == 10;
    bake(date);
    dt = text_date ? value_type::date : value_type::datetime;
  }
  const bool keep_date = dt == value_type::date && unit.date_sized;
  if (keep_date) put("(");
  if (date->kind == node_kind::literal || dt == value_type::text || dt == value_type::unknown) {
    put("(");
    expr(date, want::value);
    put(dt == value_type::date ? ")::date" : ")::timestamp");
  } else {
    parenthesized(date, want::value);
  }
  put(subtract ? " - " : " + ");
  if (!composite.empty()) {
    put("INTERVAL ");
    append_pg_string(composite, out_);
  } else {
    parenthesized(interval->a, want::value);
    put(" * INTERVAL '");
    put(unit.pg);
    put("'");
  }
  if (keep_date) put(")::date");
}

void emitter::cast(const node* n) {
  const upper_name type(n->type.name);
  const std::string_view t = type.view();
  bake_range(n->type.pos, n->end);  // typmods are written as they are
  auto typed = [&](std::string_view pg_type) {
    put("CAST(");
    expr(n->a, want::value);
    put(" AS ");
    put(pg_type);
    put(")");
  };
  auto with_precision = [&](std::string_view pg_type, std::string_view fallback) {
    put("CAST(");
    expr(n->a, want::value);
    put(" AS ");
    put(pg_type);
    put("(");
    put(n->type.arg1.empty() ? fallback : n->type.arg1);
    put("))");
  };
  if ((t == "SIGNED" || t == "INTEGER" || t == "INT" || t == "UNSIGNED") && n->a->kind == node_kind::literal &&
      n->a->tok.kind == token_kind::string) {
    // MySQL reads the string's integer prefix ('12abc' and '12.9' are 12); PostgreSQL would
    // refuse the first and round the second.
    std::string digits = numeric_prefix(literal_bytes(n->a));
    const std::size_t cut = digits.find_first_of(".eE");
    if (cut != std::string::npos) digits.resize(cut);
    if (digits.empty() || digits == "-" || digits == "+") digits = "0";
    bake(n->a);
    put("CAST(");
    put(digits);
    put(t == "UNSIGNED" ? " AS numeric(20))" : " AS bigint)");
    return;
  }
  if (t == "SIGNED" || t == "INTEGER" || t == "INT") return typed("bigint");
  if (t == "UNSIGNED") return typed("numeric(20)");
  if (t == "CHAR" || t == "NCHAR" || t == "VARCHAR") {
    if (n->type.arg1.empty()) return text_value(n->a);
    put("left(");
    text_value(n->a);
    put(", ");
    put(n->type.arg1);
    put(")");
    return;
  }
  if (t == "DECIMAL" || t == "NUMERIC" || t == "DEC") {
    put("CAST(");
    expr(n->a, want::value);
    put(" AS numeric(");
    put(n->type.arg1.empty() ? "10" : n->type.arg1);
    put(", ");
    put(n->type.arg2.empty() ? "0" : n->type.arg2);
    put("))");
    return;
  }
  if (t == "DATE") return typed("date");
  if (t == "DATETIME" || t == "TIMESTAMP") return with_precision("timestamp", "0");
  if (t == "TIME") return with_precision("time", "0");
  if (t == "JSON") return typed("jsonb");
  if (t == "DOUBLE" || t == "REAL") return typed("double precision");
  if (t == "FLOAT") return typed("real");
  if (t == "BINARY") {
    if (!n->type.arg1.empty()) fail("CAST AS BINARY(n)", n->type.pos);
    put("convert_to(");
    typed("text");
    put(", 'UTF8')");
    return;
  }
  fail("CAST AS " + std::string(n->type.name), n->type.pos);
}

// NOW(n) / CURTIME(n): an integer literal from 0 to 6 (MySQL refuses anything else), baked.
int emitter::fraction_digits_of(const node* n) {
  if (n->args == nullptr) return 0;
  long long digits = -1;
  if (n->args->next != nullptr || !is_integer_literal(n->args, digits) || digits < 0 || digits > 6)
    fail(std::string(n->name) + " with a precision that is not 0 to 6", n->pos);
  bake(n->args);
  return static_cast<int>(digits);
}

void emitter::fraction_digits_argument(const node* n) { put(std::to_string(fraction_digits_of(n))); }

void emitter::function(const node* n, want w) {
  const upper_name name(n->name);
  const std::string_view f = name.view();
  const std::size_t argc = arg_count(n->args);
  auto need_args = [&](std::size_t lo, std::size_t hi) {
    if (argc < lo || argc > hi) fail(std::string(n->name) + " with " + std::to_string(argc) + " arguments", n->pos);
  };
  auto call = [&](std::string_view pg, want arg_want = want::value) {
    put(pg);
    put("(");
    expr_list(n->args, arg_want);
    put(")");
  };
  auto text_arg = [&](const node* a) { text_value(a); };
  auto time_arg = [&](const node* a) {
    const value_type t = type_of(a);
    if (t == value_type::date || t == value_type::datetime || t == value_type::time) return parenthesized(a, want::value);
    put("(");
    expr(a, want::value);
    put(")::timestamp");
  };
  auto over = [&]() {
    if (!n->has_window) return;
    put(" OVER (");
    if (n->window_partition != nullptr) {
      put("PARTITION BY ");
      expr_list(n->window_partition, want::value);
    }
    if (n->order != nullptr) {
      if (n->window_partition != nullptr) put(" ");
      order_by(n->order, nullptr);
    }
    put(")");
  };

  // Aggregates and window functions.
  if (one_of(f, {"COUNT", "SUM", "AVG", "MIN", "MAX", "BIT_AND", "BIT_OR", "STD", "STDDEV", "STDDEV_POP",
                 "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP"})) {
    std::string_view pg = f == "COUNT" ? "count" : f == "SUM" ? "sum" : f == "AVG" ? "avg" : f == "MIN" ? "min"
                        : f == "MAX" ? "max" : f == "BIT_AND" ? "bit_and" : f == "BIT_OR" ? "bit_or"
                        : f == "STDDEV_SAMP" ? "stddev_samp" : f == "VAR_SAMP" ? "var_samp"
                        : (f == "VARIANCE" || f == "VAR_POP") ? "var_pop" : "stddev_pop";
    put(pg);
    put("(");
    if (n->star_arg) {
      if (f != "COUNT") fail(std::string(n->name) + "(*)", n->pos);
      put("*");
    } else {
      if (argc != 1) fail(std::string(n->name) + " with " + std::to_string(argc) + " arguments", n->pos);
      if (n->distinct) put("DISTINCT ");
      expr(n->args, want::value);
    }
    put(")");
    over();
    return;
  }
  if (one_of(f, {"ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
                 "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"})) {
    if (!n->has_window) fail(std::string(n->name) + " without OVER", n->pos);
    std::string lower(f);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    put(lower);
    put("(");
    expr_list(n->args, want::value);
    put(")");
    over();
    return;
  }
  if (n->has_window) fail("window function " + std::string(n->name), n->pos);
  if (f == "GROUP_CONCAT") {
    if (argc == 0) fail("GROUP_CONCAT()", n->pos);
    if (n->distinct && n->order != nullptr) {
      const bool same = argc == 1 && n->order->next == nullptr &&
                        src_.substr(n->order->expr->pos, n->order->expr->end - n->order->expr->pos) ==
                            src_.substr(n->args->pos, n->args->end - n->args->pos);
      if (!same) fail("GROUP_CONCAT(DISTINCT ... ORDER BY another expression)", n->pos);
    }
    put("string_agg(");
    if (n->distinct) put("DISTINCT ");
    for (const node* a = n->args; a != nullptr; a = a->next) {
      if (a != n->args) put(" || ");
      text_arg(a);
    }
    put(", ");
    if (n->separator != nullptr) literal(n->separator);
    else put("','");
    if (n->order != nullptr) {
      put(" ");
      order_by(n->order, nullptr, !n->distinct);
    }
    put(")");
    note("GROUP_CONCAT: MySQL truncates the result at group_concat_max_len (1024 bytes by default); "
         "PostgreSQL's string_agg does not");
    return;
  }

  // Control flow and NULL handling.
  if (f == "IFNULL" || f == "COALESCE") {
    if (f == "IFNULL") need_args(2, 2);
    if (argc == 0) fail("COALESCE()", n->pos);
    const bool as_text = function_type(n) == value_type::text;
    put("COALESCE(");
    for (const node* a = n->args; a != nullptr; a = a->next) {
      if (a != n->args) put(", ");
      branch(a, as_text);
    }
    put(")");
    return;
  }
  if (f == "NULLIF") {
    need_args(2, 2);
    return call("NULLIF");
  }
  if (f == "IF") {
    need_args(3, 3);
    put("CASE WHEN ");
    expr(nth_arg(n, 0), want::condition);
    const bool as_text = function_type(n) == value_type::text;
    put(" THEN ");
    branch(nth_arg(n, 1), as_text);
    put(" ELSE ");
    branch(nth_arg(n, 2), as_text);
    put(" END");
    return;
  }
  if (f == "ISNULL") {
    need_args(1, 1);
    put("(");
    expr(n->args, want::value);
    put(" IS NULL)");
    return;
  }
  if (f == "GREATEST" || f == "LEAST") {
    // MySQL returns NULL when any argument is NULL; PostgreSQL ignores NULLs.
    if (argc < 2) fail(std::string(n->name) + " with fewer than 2 arguments", n->pos);
    for (const node* a = n->args; a != nullptr; a = a->next)
      if (is_case_insensitive(a)) fail(std::string(n->name) + " of case-insensitive text", a->pos);
    put("CASE WHEN ");
    for (const node* a = n->args; a != nullptr; a = a->next) {
      if (a != n->args) put(" OR ");
      parenthesized(a, want::value);
      put(" IS NULL");
    }
    put(" THEN NULL ELSE ");
    call(f == "GREATEST" ? "GREATEST" : "LEAST");
    put(" END");
    return;
  }

  // Strings.
  if (f == "CONCAT") {
    if (argc == 0) fail("CONCAT()", n->pos);
    put("(");
    for (const node* a = n->args; a != nullptr; a = a->next) {
      if (a != n->args) put(" || ");
      text_arg(a);
    }
    put(")");
    return;
  }
  if (f == "CONCAT_WS") {
    if (argc < 2) fail("CONCAT_WS with fewer than 2 arguments", n->pos);
    return call("concat_ws");
  }
  if (f == "LENGTH" || f == "OCTET_LENGTH") {
    need_args(1, 1);
    put("octet_length(");
    if (type_of(n->args) == value_type::binary) expr(n->args, want::value);
    else text_arg(n->args);
    put(")");
    return;
  }
  if (f == "CHAR_LENGTH" || f == "CHARACTER_LENGTH") {
    need_args(1, 1);
    put("char_length(");
    text_arg(n->args);
    put(")");
    return;
  }
  if (f == "UPPER" || f == "UCASE" || f == "LOWER" || f == "LCASE") {
    need_args(1, 1);
    put(f == "UPPER" || f == "UCASE" ? "upper(" : "lower(");
    text_arg(n->args);
    put(")");
    return;
  }
  if (f == "LOCATE" || f == "INSTR" || f == "POSITION") {
    need_args(2, f == "LOCATE" ? 3 : 2);
    const node* needle = f == "INSTR" ? nth_arg(n, 1) : nth_arg(n, 0);
    const node* hay = f == "INSTR" ? nth_arg(n, 0) : nth_arg(n, 1);
    const bool ci = is_case_insensitive(needle) || is_case_insensitive(hay);
    auto side = [&](const node* a) {
      if (ci) put("lower(");
      text_arg(a);
      if (ci) put(")");
    };
    if (argc == 3) {
      // LOCATE(needle, hay, pos): the first match at or after pos, 0 when none.
      const node* from = nth_arg(n, 2);
      put("CASE WHEN strpos(substr(");
      side(hay);
      put(", ");
      expr(from, want::value);
      put("), ");
      side(needle);
      put(") = 0 OR ");
      parenthesized(from, want::value);
      put(" < 1 THEN 0 ELSE strpos(substr(");
      side(hay);
      put(", ");
      expr(from, want::value);
      put("), ");
      side(needle);
      put(") + ");
      parenthesized(from, want::value);
      put(" - 1 END");
      return;
    }
    put("strpos(");
    side(hay);
    put(", ");
    side(needle);
    put(")");
    return;
  }
  if (f == "SUBSTRING" || f == "SUBSTR" || f == "MID") {
    need_args(2, 3);
    const node* s = nth_arg(n, 0);
    const node* p = nth_arg(n, 1);
    const node* l = nth_arg(n, 2);
    long long pos = 0;
    if (!is_integer_literal(p, pos)) fail(std::string(n->name) + " with a start that is not an integer literal", p->pos);
    bake(p->kind == node_kind::unary ? p->a : p);
    auto length = [&]() {
      if (l == nullptr) return;
      long long len = 0;
      put(", ");
      if (is_integer_literal(l, len) && len >= 0) return expr(l, want::value);
      put("greatest(");
      expr(l, want::value);
      put(", 0)");
    };
    if (pos > 0) {
      put("substr(");
      text_arg(s);
      put(", ");
      put(std::to_string(pos));
      length();
      put(")");
    } else if (pos == 0) {
      put("''");
    } else {
      // A negative start counts from the end; past the start of the string MySQL gives ''.
      put("CASE WHEN char_length(");
      text_arg(s);
      put(") >= ");
      put(std::to_string(-pos));
      put(" THEN substr(");
      text_arg(s);
      put(", char_length(");
      text_arg(s);
      put(") - ");
      put(std::to_string(-pos - 1));
      length();
      put(") ELSE '' END");
    }
    return;
  }
  if (f == "LEFT" || f == "RIGHT") {
    need_args(2, 2);
    put(f == "LEFT" ? "left(" : "right(");
    text_arg(nth_arg(n, 0));
    put(", greatest(");
    expr(nth_arg(n, 1), want::value);
    put(", 0))");
    return;
  }
  if (f == "LPAD" || f == "RPAD") {
    need_args(3, 3);
    // MySQL gives NULL when padding is needed and the pad is empty; PostgreSQL returns the string.
    const node* pad = nth_arg(n, 2);
    const bool pad_known = pad->kind == node_kind::literal && pad->tok.kind == token_kind::string &&
                           !literal_bytes(pad).empty();
    if (!pad_known) {
      put("CASE WHEN ");
      text_arg(pad);
      put(" = '' AND char_length(");
      text_arg(nth_arg(n, 0));
      put(") < ");
      parenthesized(nth_arg(n, 1), want::value);
      put(" THEN NULL ELSE ");
    } else {
      bake(pad);  // an empty pad literal would have chosen the other form
    }
    put(f == "LPAD" ? "lpad(" : "rpad(");
    text_arg(nth_arg(n, 0));
    put(", ");
    expr(nth_arg(n, 1), want::value);
    put(", ");
    text_arg(pad);
    put(")");
    if (!pad_known) put(" END");
    return;
  }
  if (f == "TRIM") {
    const node* s = nth_arg(n, 0);
    const node* rem = nth_arg(n, 1);
    const upper_name side(n->type.name);
    put(side == "LEADING" ? "ltrim(" : side == "TRAILING" ? "rtrim(" : "btrim(");
    text_arg(s);
    if (rem != nullptr) {
      // PostgreSQL trims a set of characters, MySQL a whole string: equal for one character.
      if (rem->kind != node_kind::literal || rem->tok.kind != token_kind::string ||
          literal_bytes(rem).size() != 1)
        fail("TRIM of a string that is not one character", rem->pos);
      bake(rem);
      put(", ");
      literal(rem);
    } else {
      put(", ' '");
    }
    put(")");
    return;
  }
  if (f == "LTRIM" || f == "RTRIM") {
    need_args(1, 1);
    put(f == "LTRIM" ? "ltrim(" : "rtrim(");
    text_arg(n->args);
    put(", ' ')");
    return;
  }
  if (f == "REPLACE") {
    need_args(3, 3);
    put("replace(");
    text_arg(nth_arg(n, 0));
    put(", ");
    text_arg(nth_arg(n, 1));
    put(", ");
    text_arg(nth_arg(n, 2));
    put(")");
    return;
  }
  if (f == "REVERSE" || f == "MD5") {
    need_args(1, 1);
    put(f == "REVERSE" ? "reverse(" : "md5(");
    text_arg(n->args);
    put(")");
    return;
  }
  if (f == "REPEAT") {
    need_args(2, 2);
    put("repeat(");
    text_arg(nth_arg(n, 0));
    put(", ");
    expr(nth_arg(n, 1), want::value);
    put(")");
    return;
  }
  if (f == "SPACE") {
    need_args(1, 1);
    put("repeat(' ', ");
    expr(n->args, want::value);
    put(")");
    return;
  }
  if (f == "ASCII") {
    need_args(1, 1);
    put("ascii(");
    text_arg(n->args);
    put(")");
    return;
  }

  // Numbers.
  if (one_of(f, {"ABS", "SIGN", "SQRT", "EXP", "LN", "LOG10", "PI", "CEIL", "CEILING", "FLOOR", "RADIANS",
                 "DEGREES", "SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN"})) {
    std::string lower(f == "CEILING" ? std::string_view("CEIL") : f);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return call(lower);
  }
  if (f == "POW" || f == "POWER") {
    need_args(2, 2);
    return call("power");
  }
  if (f == "LOG" || f == "LOG2") {
    need_args(1, f == "LOG" ? 2 : 1);
    if (f == "LOG" && argc == 1) return call("ln");
    put("log(");
    if (f == "LOG2") put("2");
    else {
      put("(");
      expr(nth_arg(n, 0), want::value);
      put(")::numeric");
    }
    put(", (");
    expr(f == "LOG2" ? nth_arg(n, 0) : nth_arg(n, 1), want::value);
    put(")::numeric)");
    return;
  }
  if (f == "ROUND" && argc > 0 && is_floating(nth_arg(n, 0))) {
    // A double rounds half to even, on its binary value (ROUND(1.45e0, 1) is 1.4): in double
    // precision, as MySQL does, not through numeric.
    need_args(1, 2);
    if (argc == 1) {
      put("round(");
      expr(n->args, want::value);
      put(")");
      return;
    }
    put("(round((");
    expr(nth_arg(n, 0), want::value);
    put(") * power(10, ");
    expr(nth_arg(n, 1), want::value);
    put(")) / power(10, ");
    expr(nth_arg(n, 1), want::value);
    put("))");
    return;
  }
  if (f == "ROUND" || f == "TRUNCATE") {
    need_args(f == "ROUND" ? 1 : 2, 2);
    put(f == "ROUND" ? "round((" : "trunc((");
    expr(nth_arg(n, 0), want::value);
    put(")::numeric");
    if (argc == 2) {
      put(", ");
      expr(nth_arg(n, 1), want::value);
    }
    put(")");
    return;
  }
  if (f == "MOD") {
    need_args(2, 2);
    put("mod((");
    expr(nth_arg(n, 0), want::value);
    put(")::numeric, NULLIF(");
    expr(nth_arg(n, 1), want::value);
    put(", 0)::numeric)");
    return;
  }
  if (f == "RAND") {
    if (argc != 0) fail("RAND(seed)", n->pos);
    return put("random()");
  }

  // Dates and times.
  if (pinned_time_function(n, f)) return;  // emit_pinned.cpp
  if (one_of(f, {"NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP"})) {
    need_args(0, 1);
    note("NOW(): PostgreSQL's value is the start of the transaction, MySQL's the start of the statement");
    put("LOCALTIMESTAMP(");
    fraction_digits_argument(n);
    put(")");
    return;
  }
  if (f == "SYSDATE") {
    need_args(0, 0);
    return put("clock_timestamp()::timestamp(0)");
  }
  if (f == "CURDATE" || f == "CURRENT_DATE") {
    need_args(0, 0);
    return put("CURRENT_DATE");
  }
  if (f == "CURTIME" || f == "CURRENT_TIME") {
    need_args(0, 1);
    put("LOCALTIME(");
    fraction_digits_argument(n);
    put(")");
    return;
  }
  if (f == "UTC_DATE") return put("(now() AT TIME ZONE 'UTC')::date");
  if (f == "UTC_TIMESTAMP" || f == "UTC_TIME") {
    put(f == "UTC_TIME" ? "(now() AT TIME ZONE 'UTC')::time(" : "(now() AT TIME ZONE 'UTC')::timestamp(");
    fraction_digits_argument(n);
    return put(")");
  }
  if (f == "DATE" || f == "TIME" || f == "TIMESTAMP") {
    need_args(1, 1);
    put("(");
    expr(n->args, want::value);
    put(f == "DATE" ? ")::date" : f == "TIME" ? ")::time" : ")::timestamp");
    return;
  }
  if (one_of(f, {"YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND", "DAYOFWEEK", "WEEKDAY",
                 "DAYOFYEAR", "QUARTER", "MICROSECOND", "EXTRACT"})) {
    const node* d = n->args;
    if (d == nullptr || d->next != nullptr) fail(std::string(n->name) + " arguments", n->pos);
    const upper_name unit(f == "EXTRACT" ? n->type.name : f);
    const std::string_view u = unit.view();
    std::string_view field, suffix = ")::int";
    std::string_view prefix = "EXTRACT(";
    if (u == "YEAR") field = "YEAR";
    else if (u == "MONTH") field = "MONTH";
    else if (u == "DAY" || u == "DAYOFMONTH") field = "DAY";
    else if (u == "HOUR") field = "HOUR";
    else if (u == "MINUTE") field = "MINUTE";
    else if (u == "SECOND") prefix = "floor(EXTRACT(", field = "SECOND", suffix = "))::int";
    else if (u == "DAYOFWEEK") field = "DOW", suffix = ")::int + 1";
    else if (u == "WEEKDAY") field = "ISODOW", suffix = ")::int - 1";
    else if (u == "DAYOFYEAR") field = "DOY";
    else if (u == "QUARTER") field = "QUARTER";
    else if (u == "MICROSECOND") prefix = "mod(EXTRACT(", field = "MICROSECONDS", suffix = ")::bigint, 1000000)";
    else fail("EXTRACT of " + std::string(u), n->pos);
    const bool needs_paren = suffix.find('+') != std::string_view::npos || suffix.find('-') != std::string_view::npos;
    if (needs_paren) put("(");
    put(prefix);
    put(field);
    put(" FROM ");
    time_arg(d);
    put(suffix);
    if (needs_paren) put(")");
    return;
  }
  if (f == "LAST_DAY") {
    need_args(1, 1);
    put("(date_trunc('month', ");
    time_arg(n->args);
    put(") + INTERVAL '1 month - 1 day')::date");
    return;
  }
  if (one_of(f, {"DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE"})) {
    need_args(2, 2);
    const bool subtract = f == "DATE_SUB" || f == "SUBDATE";
    const node* iv = nth_arg(n, 1);
    if (iv->kind != node_kind::interval) {
      if (f == "DATE_ADD" || f == "DATE_SUB") fail(std::string(n->name) + " without INTERVAL", iv->pos);
      // ADDDATE(d, n): n days.
      ast::node days = *iv;
      ast::node wrapper;
      wrapper.kind = node_kind::interval;
      wrapper.name = "DAY";
      wrapper.a = &days;
      days.next = nullptr;
      return interval_arithmetic(nth_arg(n, 0), &wrapper, subtract);
    }
    return interval_arithmetic(nth_arg(n, 0), iv, subtract);
  }
  if (f == "TIMESTAMPADD") {
    need_args(3, 3);
    const node* unit = nth_arg(n, 0);
    if (unit->kind != node_kind::column || !unit->qualifier.empty()) fail("TIMESTAMPADD unit", unit->pos);
    ast::node wrapper;
    wrapper.kind = node_kind::interval;
    wrapper.name = unit->name;
    wrapper.pos = unit->pos;
    wrapper.a = const_cast<node*>(nth_arg(n, 1));
    ast::node amount = *wrapper.a;
    amount.next = nullptr;
    wrapper.a = &amount;
    return interval_arithmetic(nth_arg(n, 2), &wrapper, false);
  }
  if (f == "DATEDIFF") {
    need_args(2, 2);
    put("((");
    expr(nth_arg(n, 0), want::value);
    put(")::date - (");
    expr(nth_arg(n, 1), want::value);
    put(")::date)");
    return;
  }
  if (f == "TIMESTAMPDIFF") {
    need_args(3, 3);
    const node* unit_node = nth_arg(n, 0);
    if (unit_node->kind != node_kind::column || !unit_node->qualifier.empty()) fail("TIMESTAMPDIFF unit", n->pos);
    const upper_name unit(unit_node->name);
    const node* from = nth_arg(n, 1);
    const node* to = nth_arg(n, 2);
    auto epoch_diff = [&](std::string_view divisor) {
      put("trunc((EXTRACT(EPOCH FROM ");
      time_arg(to);
      put(") - EXTRACT(EPOCH FROM ");
      time_arg(from);
      put("))");
      if (!divisor.empty()) {
        put(" / ");
        put(divisor);
      }
      put(")::bigint");
    };
    auto months = [&](std::string_view divisor) {
      // Whole months between the two, as MySQL counts them (age() compares day and time too).
      put("trunc((EXTRACT(YEAR FROM age(");
      time_arg(to);
      put(", ");
      time_arg(from);
      put(")) * 12 + EXTRACT(MONTH FROM age(");
      time_arg(to);
      put(", ");
      time_arg(from);
      put(")))");
      if (!divisor.empty()) {
        put(" / ");
        put(divisor);
      }
      put(")::bigint");
    };
    if (unit == "MICROSECOND") {
      put("trunc((EXTRACT(EPOCH FROM ");
      time_arg(to);
      put(") - EXTRACT(EPOCH FROM ");
      time_arg(from);
      put(")) * 1000000)::bigint");
      return;
    }
    if (unit == "SECOND") return epoch_diff("");
    if (unit == "MINUTE") return epoch_diff("60");
    if (unit == "HOUR") return epoch_diff("3600");
    if (unit == "DAY") return epoch_diff("86400");
    if (unit == "WEEK") return epoch_diff("604800");
    if (unit == "MONTH") return months("");
    if (unit == "QUARTER") return months("3");
    if (unit == "YEAR") return months("12");
    fail("TIMESTAMPDIFF unit " + std::string(unit_node->name), unit_node->pos);
  }
  if (f == "DATE_FORMAT" || f == "STR_TO_DATE" || (f == "FROM_UNIXTIME" && argc == 2)) {
    need_args(2, 2);
    const node* fmt = nth_arg(n, 1);
    if (fmt->kind != node_kind::literal || fmt->tok.kind != token_kind::string)
      fail(std::string(n->name) + " with a format that is not a string literal", fmt->pos);
    std::string pg_format, bad;
    if (!is_postgres_text(literal_bytes(fmt))) fail("format with a NUL byte or invalid UTF-8", fmt->pos);
    if (!mysql_format_to_pg(literal_bytes(fmt), pg_format, bad))
      fail(std::string(n->name) + " format " + bad, fmt->pos);
    bake(fmt);
    if (f == "STR_TO_DATE") {
      const std::string raw = literal_bytes(fmt);
      const bool has_time = raw.find_first_of("HhIiklsSfprT") != std::string::npos;
      put(has_time ? "to_timestamp(" : "to_date(");
      text_arg(nth_arg(n, 0));
      put(", ");
      append_pg_string(pg_format, out_);
      put(has_time ? ")::timestamp" : ")");
      return;
    }
    put("to_char(");
    if (f == "FROM_UNIXTIME") {
      put("to_timestamp(");
      expr(nth_arg(n, 0), want::value);
      put(")::timestamp");
    } else {
      time_arg(nth_arg(n, 0));
    }
    put(", ");
    append_pg_string(pg_format, out_);
    put(")");
    return;
  }
  if (f == "UNIX_TIMESTAMP") {
    need_args(0, 1);
    if (argc == 0) return put("floor(EXTRACT(EPOCH FROM now()))::bigint");
    // MySQL reads the value in the session's time zone (PostgreSQL's TimeZone must match it).
    put("EXTRACT(EPOCH FROM ");
    time_arg(n->args);
    put(" AT TIME ZONE current_setting('TimeZone'))");
    return;
  }
  if (f == "FROM_UNIXTIME") {
    need_args(1, 1);
    put("to_timestamp(");
    expr(n->args, want::value);
    put(")::timestamp");
    return;
  }

  if (f == "SUBSTRING_INDEX") {
    need_args(3, 3);
    const node* count_node = nth_arg(n, 2);
    long long parts = 0;
    if (!is_integer_literal(count_node, parts)) fail("SUBSTRING_INDEX with a count that is not an integer literal", count_node->pos);
    bake(count_node->kind == node_kind::unary ? count_node->a : count_node);
    if (parts == 0) return put("''");
    // The first (or last) `parts` pieces between delimiters, joined again.
    put("array_to_string((string_to_array(");
    text_arg(nth_arg(n, 0));
    put(", ");
    text_arg(nth_arg(n, 1));
    if (parts > 0) {
      put("))[1:");
      put(std::to_string(parts));
      put("], ");
    } else {
      put("))[greatest(cardinality(string_to_array(");
      text_arg(nth_arg(n, 0));
      put(", ");
      text_arg(nth_arg(n, 1));
      put(")) - ");
      put(std::to_string(-parts - 1));
      put(", 1):], ");
    }
    text_arg(nth_arg(n, 1));
    put(")");
    return;
  }
  if (f == "UNHEX") {
    need_args(1, 1);
    put("decode(");
    text_arg(n->args);
    put(", 'hex')");
    return;
  }
  if (f == "SHA2") {
    need_args(2, 2);
    long long bits = 0;
    if (!is_integer_literal(nth_arg(n, 1), bits) || (bits != 0 && bits != 224 && bits != 256 && bits != 384 && bits != 512))
      fail("SHA2 with a length other than 224, 256, 384 or 512", n->pos);
    bake(nth_arg(n, 1));
    put("encode(sha");
    put(std::to_string(bits == 0 ? 256 : bits));
    put("(convert_to(");
    text_arg(nth_arg(n, 0));
    put(", 'UTF8')), 'hex')");
    return;
  }
  if (f == "HEX") {
    need_args(1, 1);
    const value_type t = type_of(n->args);
    if (t == value_type::number) {
      put("upper(to_hex((");
      expr(n->args, want::value);
      put(")::bigint))");
    } else if (t == value_type::binary) {
      put("upper(encode(");
      expr(n->args, want::value);
      put(", 'hex'))");
    } else if (t == value_type::text) {
      put("upper(encode(convert_to(");
      expr(n->args, want::value);
      put(", 'UTF8'), 'hex'))");
    } else {
      fail("HEX of an expression of unknown type", n->pos);
    }
    return;
  }
  if (f == "DAYNAME" || f == "MONTHNAME") {
    need_args(1, 1);
    put("to_char(");
    time_arg(n->args);
    put(f == "DAYNAME" ? ", 'FMDay')" : ", 'FMMonth')");
    return;
  }
  if (f == "FIELD" || f == "ELT") {
    if (argc < 2) fail(std::string(n->name) + " with fewer than 2 arguments", n->pos);
    // FIELD(x, a, b): position of x in the list, 0 when absent; ELT(i, a, b): the i-th item.
    const bool lower = f == "FIELD" && is_case_insensitive(n->args);
    put(lower ? "CASE lower(" : "CASE ");
    expr(n->args, want::value);
    if (lower) put(")");
    std::size_t i = 1;
    for (const node* a = n->args->next; a != nullptr; a = a->next, ++i) {
      put(" WHEN ");
      if (f == "FIELD") {
        if (lower) put("lower(");
        expr(a, want::value);
        if (lower) put(")");
      } else {
        put(std::to_string(i));
      }
      put(" THEN ");
      if (f == "FIELD") put(std::to_string(i));
      else expr(a, want::value);
    }
    put(f == "FIELD" ? " ELSE 0 END" : " END");
    return;
  }
  if (f == "STRCMP") {
    need_args(2, 2);
    const bool ci = is_case_insensitive(nth_arg(n, 0)) || is_case_insensitive(nth_arg(n, 1));
    auto side = [&](const node* a) {
      if (ci) put("lower(");
      text_arg(a);
      if (ci) put(")");
    };
    put("CASE WHEN ");
    side(nth_arg(n, 0));
    put(" < ");
    side(nth_arg(n, 1));
    put(" THEN -1 WHEN ");
    side(nth_arg(n, 0));
    put(" > ");
    side(nth_arg(n, 1));
    put(" THEN 1 WHEN ");
    side(nth_arg(n, 0));
    put(" = ");
    side(nth_arg(n, 1));
    put(" THEN 0 END");
    return;
  }
  if (f == "FIND_IN_SET") {
    need_args(2, 2);
    put("CASE WHEN ");
    parenthesized(nth_arg(n, 0), want::value);
    put(" IS NULL OR ");
    parenthesized(nth_arg(n, 1), want::value);
    put(" IS NULL THEN NULL ELSE COALESCE(array_position(string_to_array(");
    text_arg(nth_arg(n, 1));
    put(", ','), ");
    text_arg(nth_arg(n, 0));
    put("), 0) END");
    return;
  }

  // JSON (emit_json.cpp).
  if (f.substr(0, 5) == "JSON_" && json_function(n, f)) return;

  // Session and server.
  if (f == "DATABASE" || f == "SCHEMA") {
    need_args(0, 0);
    return put("current_schema()");
  }
  if (f == "UUID") {
    need_args(0, 0);
    return put("gen_random_uuid()::text");
  }
  if (f == "VALUES") {
    if (!in_on_duplicate_) fail("VALUES() outside ON DUPLICATE KEY UPDATE", n->pos);
    need_args(1, 1);
    if (n->args->kind != node_kind::column) fail("VALUES() of something other than a column", n->pos);
    put("EXCLUDED.");
    ident(n->args->name);
    return;
  }
  fail("function " + std::string(n->name), n->pos);
}

}  // namespace switchyard::sql
