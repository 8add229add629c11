#include "migrate/schema_plan.hpp"

#include "migrate/create_table_text.hpp"
#include "migrate/key_range.hpp"
#include "sql/ascii.hpp"
#include "sql/ddl_translate.hpp"
#include "sql/translate.hpp"

namespace switchyard::migrate {
namespace {

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

std::string identity_sequence_move(std::string_view schema, std::string_view table, std::string_view column,
                                   std::uint64_t mysql_next_id) {
  const std::string qualified = quote_identifier(schema, sql_dialect::postgresql) + "." +
                                quote_identifier(table, sql_dialect::postgresql);
  const std::string pg_column = quote_identifier(column, sql_dialect::postgresql);
  const std::uint64_t mysql_last = mysql_next_id > 1 ? mysql_next_id - 1 : 0;
  const std::string last = "GREATEST(COALESCE(MAX(" + pg_column + "), 0), " + std::to_string(mysql_last) + ")";
  // setval(seq, v, true): the next id is v + 1; with nothing to move past, it stays at 1.
  return "SELECT setval(pg_get_serial_sequence(" + key_literal(qualified, sql::type_category::text, sql_dialect::postgresql) +
         ", " + key_literal(sql::ascii_lowered(column), sql::type_category::text, sql_dialect::postgresql) +
         "), GREATEST(" + last + ", 1), " + last + " >= 1) FROM " + qualified;
}

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
    for (std::size_t i = 0; i < text.foreign_keys.size(); ++i) {
      const sql::translate_result r = translate(text.foreign_keys[i], plan.database, types);
      if (r.ok)
        p.foreign_keys.push_back({sql::ascii_lowered(t.foreign_keys[i].name), r.output.text});
      else
        p.notes.push_back(t.name + ": foreign key left out, " + refusal(r, text.foreign_keys[i]));
    }
    for (const column_definition& c : t.columns)
      if (c.extra.find("auto_increment") != std::string::npos)
        p.sequences.push_back(identity_sequence_move(t.schema, t.name, c.name, t.auto_increment.value_or(1)));
    plan.tables.push_back(std::move(p));
  }
  return plan;
}

}  // namespace switchyard::migrate
