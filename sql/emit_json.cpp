// MySQL's JSON functions written with PostgreSQL's jsonb.
#include <string>
#include <vector>

#include "sql/emitter.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

using ast::node;
using ast::node_kind;


// One step of a MySQL JSON path: .key / ."key" or [n].
struct path_step {
  bool is_index = false;
  std::string key;  // the member name, or the index digits
};

}  // namespace

// Parses a MySQL JSON path literal ($, .key, ."key", [n]); wildcards, ** and `last` are refused.
static std::vector<path_step> json_path(emitter& e, const node* path) {
  if (path->kind != node_kind::literal || path->tok.kind != token_kind::string)
    e.fail("JSON path that is not a string literal", path->pos);
  const std::string text = e.literal_bytes(path);
  if (!is_postgres_text(text)) e.fail("JSON path with a NUL byte or invalid UTF-8", path->pos);
  if (text.empty() || text[0] != '$') e.fail("JSON path not starting with $", path->pos);
  std::vector<path_step> steps;
  for (std::size_t i = 1; i < text.size();) {
    const char c = text[i];
    if (c == '.') {
      ++i;
      path_step step;
      if (i < text.size() && text[i] == '"') {
        const std::size_t close = text.find('"', i + 1);
        if (close == std::string::npos) e.fail("malformed JSON path", path->pos);
        step.key = text.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        while (i < text.size() && text[i] != '.' && text[i] != '[' && text[i] != ' ') step.key.push_back(text[i++]);
      }
      if (step.key.empty() || step.key == "*" || step.key.find_first_of("\"\\*") != std::string::npos)
        e.fail("JSON path wildcard or unusual key", path->pos);
      steps.push_back(std::move(step));
    } else if (c == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos) e.fail("malformed JSON path", path->pos);
      path_step step{true, text.substr(i + 1, close - i - 1)};
      if (step.key.empty() || step.key.find_first_not_of("0123456789") != std::string::npos)
        e.fail("JSON path array index " + step.key, path->pos);
      steps.push_back(std::move(step));
      i = close + 1;
    } else if (c == ' ') {
      ++i;
    } else {
      e.fail("JSON path syntax", path->pos);
    }
  }
  e.bake(path);
  return steps;
}

// A strict SQL/JSON path (errors silenced by the caller, so a missing member is NULL as in MySQL).
static std::string sql_json_path(const std::vector<path_step>& steps) {
  std::string out = "strict $";
  for (const auto& s : steps) out += s.is_index ? "[" + s.key + "]" : ".\"" + s.key + "\"";
  return out;
}

// A text[] path for jsonb_set: '{a,0,b}' (keys double-quoted inside the array literal).
static std::string text_array_path(const std::vector<path_step>& steps) {
  std::string out = "{";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i != 0) out += ',';
    if (steps[i].is_index) out += steps[i].key;
    else out += '"' + steps[i].key + '"';
  }
  return out + "}";
}

bool emitter::json_function(const node* n, std::string_view f) {
  const std::size_t argc = arg_count(n->args);
  auto need_args = [&](std::size_t lo, std::size_t hi) {
    if (argc < lo || argc > hi) fail(std::string(n->name) + " with " + std::to_string(argc) + " arguments", n->pos);
  };
  auto doc = [&](const node* a) {
    put("(");
    expr(a, want::value);
    put(")::jsonb");
  };
  // A SQL value as MySQL puts it into JSON: strings as strings, numbers as numbers.
  auto json_value = [&](const node* a) {
    if (a->kind == node_kind::true_value) return put("'true'::jsonb");
    if (a->kind == node_kind::false_value) return put("'false'::jsonb");
    if (a->kind == node_kind::null_value) return put("'null'::jsonb");
    const value_type t = type_of(a);
    put("to_jsonb(");
    expr(a, want::value);
    put(t == value_type::text || (a->kind == node_kind::literal && a->tok.kind == token_kind::string) ? "::text)" : ")");
  };
  if (f == "JSON_EXTRACT" || f == "JSON_UNQUOTE_EXTRACT") {
    need_args(2, 2);
    const std::string pg_path = sql_json_path(json_path(*this, nth_arg(n, 1)));
    if (f == "JSON_UNQUOTE_EXTRACT") put("(");
    put("jsonb_path_query_first(");
    doc(nth_arg(n, 0));
    put(", ");
    append_pg_string(pg_path, out_);
    put(", '{}', true)");
    if (f == "JSON_UNQUOTE_EXTRACT") put(" #>> '{}')");
    return true;
  }
  if (f == "JSON_UNQUOTE") {
    need_args(1, 1);
    put("(");
    doc(n->args);
    put(" #>> '{}')");
    return true;
  }
  if (f == "JSON_QUOTE") {
    need_args(1, 1);
    put("to_jsonb((");
    expr(n->args, want::value);
    put(")::text)::text");
    return true;
  }
  if (f == "JSON_OBJECT" || f == "JSON_ARRAY") {
    if (f == "JSON_OBJECT" && argc % 2 != 0) fail("JSON_OBJECT with an odd number of arguments", n->pos);
    put(f == "JSON_OBJECT" ? "jsonb_build_object(" : "jsonb_build_array(");
    for (const node* a = n->args; a != nullptr; a = a->next) {
      if (a != n->args) put(", ");
      if (a->kind == node_kind::true_value) put("true");
      else if (a->kind == node_kind::false_value) put("false");
      else expr(a, want::value);
    }
    put(")");
    return true;
  }
  if (f == "JSON_ARRAYAGG" || f == "JSON_OBJECTAGG") {
    need_args(f == "JSON_ARRAYAGG" ? 1 : 2, f == "JSON_ARRAYAGG" ? 1 : 2);
    if (n->distinct || n->order != nullptr) fail(std::string(n->name) + " with DISTINCT or ORDER BY", n->pos);
    put(f == "JSON_ARRAYAGG" ? "jsonb_agg(" : "jsonb_object_agg(");
    expr_list(n->args, want::value);
    put(")");
    return true;
  }
  if (f == "JSON_LENGTH") {
    need_args(1, 1);
    // Members of an object or elements of an array; 1 for a scalar.
    put("CASE jsonb_typeof(");
    doc(n->args);
    put(") WHEN 'array' THEN jsonb_array_length(");
    doc(n->args);
    put(") WHEN 'object' THEN (SELECT count(*)::int FROM jsonb_object_keys(");
    doc(n->args);
    put(")) WHEN 'string' THEN 1 WHEN 'number' THEN 1 WHEN 'boolean' THEN 1 WHEN 'null' THEN 1 END");
    return true;
  }
  if (f == "JSON_KEYS") {
    need_args(1, 1);
    put("CASE WHEN jsonb_typeof(");
    doc(n->args);
    put(") = 'object' THEN (SELECT jsonb_agg(k) FROM jsonb_object_keys(");
    doc(n->args);
    put(") AS k) END");
    return true;
  }
  if (f == "JSON_CONTAINS") {
    need_args(2, 3);
    put("(");
    if (argc == 3) {
      put("jsonb_path_query_first(");
      doc(nth_arg(n, 0));
      put(", ");
      append_pg_string(sql_json_path(json_path(*this, nth_arg(n, 2))), out_);
      put(", '{}', true)");
    } else {
      doc(nth_arg(n, 0));
    }
    put(" @> ");
    doc(nth_arg(n, 1));
    put(")");
    return true;
  }
  if (f == "JSON_SET" || f == "JSON_REPLACE") {
    if (argc < 3 || argc % 2 == 0) fail(std::string(n->name) + " with " + std::to_string(argc) + " arguments", n->pos);
    // Each (path, value) pair applies to the result of the previous one.
    const std::size_t pairs = (argc - 1) / 2;
    for (std::size_t i = 0; i < pairs; ++i) put("jsonb_set(");
    doc(n->args);
    for (const node* p = n->args->next; p != nullptr && p->next != nullptr; p = p->next->next) {
      const auto steps = json_path(*this, p);
      if (steps.empty()) fail(std::string(n->name) + " of the whole document", p->pos);
      put(", ");
      append_pg_string(text_array_path(steps), out_);
      put(", ");
      json_value(p->next);
      put(f == "JSON_SET" ? ", true)" : ", false)");
    }
    return true;
  }
  return false;
}

}  // namespace switchyard::sql
