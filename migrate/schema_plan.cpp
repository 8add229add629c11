#include "migrate/schema_plan.hpp"

#include "migrate/create_table_text.hpp"
#include "sql/ascii.hpp"
#include "sql/ddl_translate.hpp"
#include "sql/translate.hpp"

namespace switchyard::migrate {
namespace {

std::string pg_qualified(std::string_view schema, std::string_view table) {
  std::string out;
  sql::append_pg_identifier(schema, out);
  out += '.';
  sql::append_pg_identifier(table, out);
  return out;
}

// A text literal for PostgreSQL (standard_conforming_strings: only ' is doubled).
std::string pg_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Moves the identity sequence of `column` past both the highest id on PostgreSQL and MySQL's
// next AUTO_INCREMENT (ids MySQL handed out whose rows were deleted stay unused).
std::string sequence_move(const table_definition& t, const column_definition& c) {
  const std::string table = pg_qualified(t.schema, t.name);
  std::string column;
  sql::append_pg_identifier(c.name, column);
  const std::uint64_t mysql_last = t.auto_increment && *t.auto_increment > 1 ? *t.auto_increment - 1 : 0;
  const std::string last = "GREATEST(COALESCE(MAX(" + column + "), 0), " + std::to_string(mysql_last) + ")";
  return "SELECT setval(pg_get_serial_sequence(" + pg_literal(table) + ", " + pg_literal(sql::ascii_lowered(c.name)) +
         "), GREATEST(" + last + ", 1), " + last + " >= 1) FROM " + table;
}

sql::translate_result translate(const std::string& mysql, const std::string& database,
                                const sql::type_mapping_options& types) {
  sql::translate_options o;
  o.current_database = database;
  o.types = &types;
  return sql::translate_ddl(mysql, o, types);
}

std::string refusal(const sql::translate_result& r, const std::string& mysql) {
  std::string near;
  if (r.reason.position < mysql.size()) near = mysql.substr(r.reason.position, 40);
  for (char& ch : near)
    if (ch == '\n') ch = ' ';
  return "not translatable: " + r.reason.construct + (near.empty() ? "" : " (near \"" + near + "\")");
}

}  // namespace

std::size_t schema_plan::failed() const {
  std::size_t n = 0;
  for (const planned_table& t : tables) n += t.error.empty() ? 0 : 1;
  return n;
}

std::string create_schema_statement(std::string_view database) {
  std::string out = "CREATE SCHEMA IF NOT EXISTS ";
  sql::append_pg_identifier(database, out);
  return out;
}

schema_plan plan_schema(std::string database, const std::vector<table_definition>& tables,
                        const sql::type_mapping_options& types) {
  schema_plan plan;
  plan.database = std::move(database);
  plan.preamble.push_back(create_schema_statement(plan.database));
  if (types.case_insensitive == sql::case_insensitive_policy::citext)
    plan.preamble.emplace_back("CREATE EXTENSION IF NOT EXISTS citext");
  for (const table_definition& t : tables) {
    planned_table p;
    p.name = t.name;
    const table_text text = create_table_text(t);
    p.mysql_ddl = text.create_table;
    p.notes = text.notes;
    const sql::translate_result created = translate(text.create_table, plan.database, types);
    if (!created.ok) {
      p.error = refusal(created, text.create_table);
      plan.tables.push_back(std::move(p));
      continue;
    }
    p.create = created.output.text;
    for (const std::string_view note : created.output.notes) p.notes.push_back(t.name + ": " + std::string(note));
    for (const std::string& fk : text.foreign_keys) {
      const sql::translate_result r = translate(fk, plan.database, types);
      if (r.ok)
        p.foreign_keys.push_back(r.output.text);
      else
        p.notes.push_back(t.name + ": foreign key left out, " + refusal(r, fk));
    }
    for (const column_definition& c : t.columns)
      if (c.extra.find("auto_increment") != std::string::npos) p.sequences.push_back(sequence_move(t, c));
    plan.tables.push_back(std::move(p));
  }
  return plan;
}

}  // namespace switchyard::migrate
