// The translator on arbitrary text, under the sql_mode the first byte chooses, with the corpus
// schema's shape of catalog (two tables, boolean/binary/json/text columns, unique keys) so typed
// paths run. Invariants: no crash; a translation's slots lie inside its text in order without
// overlap and name literals that exist; baked literals exist; a refusal's position lies inside
// the input; the text is valid UTF-8 without NUL (PostgreSQL, UTF8, cannot take anything else in
// a query).
#include <cstdlib>
#include <string_view>

#include "fuzz/targets.hpp"
#include "sql/catalog.hpp"
#include "sql/literals.hpp"
#include "sql/translate.hpp"

namespace switchyard::fuzz {

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}

sql::column_info column(const char* name, const char* mysql_type, const char* pg_type, sql::type_category category) {
  sql::column_info c;
  c.name = name;
  c.mysql_type = mysql_type;
  c.pg_type = pg_type;
  c.category = category;
  if (category == sql::type_category::text) {
    c.collation = "utf8mb4_general_ci";
    c.case_insensitive = true;
  }
  return c;
}

const sql::memory_catalog& fuzz_catalog() {
  static const sql::memory_catalog catalog = [] {
    using tc = sql::type_category;
    sql::memory_catalog c;
    sql::table_info t;
    t.schema = "app";
    t.name = "t";
    t.columns = {column("id", "int(11)", "integer", tc::integer), column("a", "varchar(20)", "varchar(20)", tc::text),
                 column("b", "tinyint(1)", "boolean", tc::boolean), column("c", "blob", "bytea", tc::binary),
                 column("d", "json", "jsonb", tc::json), column("e", "decimal(10,2)", "numeric(10,2)", tc::decimal),
                 column("f", "datetime", "timestamp(0)", tc::datetime)};
    t.unique_keys = {{"PRIMARY", {"id"}}, {"uq_a", {"a"}}};
    c.add_table(t);
    t.name = "u";
    t.unique_keys.clear();
    c.add_table(t);
    return c;
  }();
  return catalog;
}
}  // namespace

const char* translate_violation(protocol::bytes_view data) {
  if (data.empty()) return nullptr;
  const sql::sql_mode mode{.ansi_quotes = (data[0] & 1) != 0,
                           .no_backslash_escapes = (data[0] & 2) != 0,
                           .pipes_as_concat = (data[0] & 4) != 0};
  const std::string_view text(reinterpret_cast<const char*>(data.data()) + 1, data.size() - 1);
  const sql::translate_options options{.mode = mode, .current_database = "app", .tables = &fuzz_catalog()};
  const sql::translate_result r = sql::translate(text, options);
  if (!r.ok) return r.reason.position <= text.size() ? nullptr : "refusal position outside the input";
  const sql::translation& t = r.output;
  if (!sql::is_postgres_text(t.text)) return "output is not valid UTF-8 without NUL";
  std::uint64_t previous_end = 0;
  for (const auto& slot : t.slots) {
    const std::uint64_t end = std::uint64_t{slot.output_offset} + slot.output_length;
    if (slot.output_offset < previous_end || end > t.text.size()) return "slot outside the output or out of order";
    if (slot.literal_index >= t.literal_count) return "slot names a literal that does not exist";
    previous_end = end;
  }
  for (const auto b : t.baked) {
    if (b >= t.literal_count) return "baked literal that does not exist";
  }
  if (t.literal_count > text.size() || t.parameter_count > text.size()) return "more literals than bytes";
  return nullptr;
}

void translate_target(protocol::bytes_view data) { check(translate_violation(data) == nullptr); }

}  // namespace switchyard::fuzz
