// `switchyard verify` on real servers: the renderings agree value by value for every type's edge
// values, each kind of difference is named by its key and repaired, the CLI's output and exit codes,
// the divergence log repaired and marked, bad input refused. Needs MariaDB and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "migrate/mysql_client.hpp"
#include "migrate/verify_repair.hpp"
#include "verify/verify_fixture.hpp"

namespace switchyard::verify_test {
namespace {

namespace json = boost::json;
using migrate::sql_dialect;

using rows_by_key = std::map<std::string, std::vector<std::optional<std::string>>>;

// Every row's renderings on one side, by the key's renderings.
rows_by_key rendered(migrate::verifier& v, const sql::table_info& t, sql_dialect d) {
  const auto columns = migrate::make_render_columns(t);
  const auto key = migrate::verify_key(t);
  const std::string q = migrate::rows_query(t.schema, t.name, columns, key, "TRUE", d, {});
  rows_by_key out;
  const std::size_t nk = key.size();
  if (d == sql_dialect::mysql) {
    std::string error;
    const auto r = migrate::mysql_client::query(v.mysql(), q, error);
    EXPECT_TRUE(r) << error;
    if (!r) return out;
    while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
      const unsigned long* len = mysql_fetch_lengths(r.get());
      std::vector<std::optional<std::string>> values;
      for (std::size_t c = nk; c < nk + columns.size(); ++c)
        values.push_back(row[c] ? std::optional<std::string>(std::string(row[c], len[c])) : std::nullopt);
      out[std::string(row[0], len[0]) + (nk > 1 ? "," + *values[1] : "")] = values;
    }
    return out;
  }
  PGresult* r = PQexec(v.postgresql(), q.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(v.postgresql());
  for (int row = 0; row < PQntuples(r); ++row) {
    std::vector<std::optional<std::string>> values;
    for (std::size_t c = nk; c < nk + columns.size(); ++c) {
      const int f = static_cast<int>(c);
      values.push_back(PQgetisnull(r, row, f) ? std::nullopt
                                              : std::optional<std::string>(std::string(PQgetvalue(r, row, f),
                                                                                       PQgetlength(r, row, f))));
    }
    out[std::string(PQgetvalue(r, row, 0)) + (nk > 1 ? "," + *values[1] : "")] = values;
  }
  PQclear(r);
  return out;
}

std::optional<std::string> value_of(const rows_by_key& rows, const std::string& key, const sql::table_info& t,
                                    const std::string& column) {
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].name == column) return rows.at(key)[i];
  ADD_FAILURE() << "no column " << column;
  return std::nullopt;
}

TEST(VerifyIntegration, RenderingsAgreeValueByValueForEveryTypesEdgeValues) {
  const std::string db = "verify_it_values";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  for (const char* name : {"types_edge", "text_key"}) {
    const sql::table_info* t = catalog.find_table(db, name);
    ASSERT_NE(t, nullptr);
    const rows_by_key my = rendered(*v, *t, sql_dialect::mysql), pg = rendered(*v, *t, sql_dialect::postgresql);
    ASSERT_EQ(my.size(), pg.size()) << name;
    for (const auto& [key, values] : my) {
      ASSERT_EQ(pg.count(key), 1u) << name << " key " << key;
      for (std::size_t i = 0; i < values.size(); ++i)
        EXPECT_EQ(values[i], pg.at(key)[i]) << name << " key " << key << " column " << t->columns[i].name;
    }
  }
  // What the renderings are, on MySQL (PostgreSQL's equal them, above).
  const sql::table_info& t = *catalog.find_table(db, "types_edge");
  const rows_by_key my = rendered(*v, t, sql_dialect::mysql);
  EXPECT_EQ(value_of(my, "2", t, "c_ubigint"), "18446744073709551615");
  EXPECT_EQ(value_of(my, "2", t, "c_dec65"), "99999999999999999999999999999999999.999999999999999999999999999999");
  EXPECT_EQ(value_of(my, "3", t, "c_dec"), "0.00");
  EXPECT_EQ(value_of(my, "2", t, "c_double"), "179769313486232e308");
  EXPECT_EQ(value_of(my, "4", t, "c_float"), "100000e-1");
  EXPECT_EQ(value_of(my, "3", t, "c_float"), "117549e-38");
  EXPECT_EQ(value_of(my, "5", t, "c_double"), "-100000000000000e-310");  // subnormal: scaled, no underflow
  EXPECT_EQ(value_of(my, "2", t, "c_bit64"), "18446744073709551615");
  EXPECT_EQ(value_of(my, "3", t, "c_bool"), "1");  // -3 is true
  EXPECT_EQ(value_of(my, "4", t, "c_bool"), "0");
  EXPECT_EQ(value_of(my, "2", t, "c_varchar"), "10:trailing  ");
  EXPECT_EQ(value_of(my, "2", t, "c_text"), "14:emoji 😀 ñ 漢字 𝄞");
  EXPECT_EQ(value_of(my, "3", t, "c_text"), "0:");           // empty string
  EXPECT_EQ(value_of(my, "1", t, "c_text"), std::nullopt);   // NULL
  EXPECT_EQ(value_of(my, "4", t, "c_text"), "1:N");          // not NULL's 'N'
  EXPECT_EQ(value_of(my, "2", t, "c_latin"), "4:café");
  EXPECT_EQ(value_of(my, "2", t, "c_binary"), "00ff0000");
  EXPECT_EQ(value_of(my, "3", t, "c_varbinary"), "");
  EXPECT_EQ(value_of(my, "3", t, "c_date"), std::nullopt);      // zero date: NULL by the schema's policy
  EXPECT_EQ(value_of(my, "3", t, "c_datetime6"), std::nullopt); // 2020-00-10: NULL too
  EXPECT_EQ(value_of(my, "2", t, "c_datetime6"), "2024-02-29 23:59:59.999999");
  EXPECT_EQ(value_of(my, "2", t, "c_timestamp"), "2038-01-19 03:14:07.999000");
  EXPECT_EQ(value_of(my, "2", t, "c_time"), "3020399000000");   // 838:59:59
  EXPECT_EQ(value_of(my, "2", t, "c_time6"), "-3020399000000");
  EXPECT_EQ(value_of(my, "3", t, "c_time6"), "-1000001");
  EXPECT_EQ(value_of(my, "3", t, "c_year"), "0");
  EXPECT_EQ(value_of(my, "2", t, "c_json"),
            "95:{\"a\":\"x\",\"b\":[1.0E0,1.5E0,-2.0E3,1.0E-1],\"big\":1.234567890123456789E19,\"é\":{\"y\":true,\"z\":null}}");
  EXPECT_EQ(value_of(my, "3", t, "c_set"), "0:");
  // The whole-table checksums agree, the key-less table's too.
  for (const sql::table_info* table : catalog.tables()) {
    const auto r = v->verify_table(*table);
    EXPECT_TRUE(r.matches()) << table->name << ": " << r.error;
  }
  drop(db);
}

TEST(VerifyIntegration, EachTypesChangedValueIsNamedByKeyAndColumnThenRepaired) {
  const std::string db = "verify_it_types";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  const sql::table_info& t = *catalog.find_table(db, "types_edge");
  for (const auto& c : t.columns) {
    if (c.name == "id") continue;
    const std::string col = c.name;
    pg_run("UPDATE " + db + ".types_edge SET " + col + " = (SELECT " + col + " FROM " + db +
           ".types_edge WHERE id = 4) WHERE id = 2");
    const auto r = v->verify_table(t);
    ASSERT_EQ(r.error, "");
    ASSERT_EQ(r.differences.size(), 1u) << col;
    EXPECT_EQ(r.differences[0].key, migrate::key_value{"2"}) << col;
    EXPECT_EQ(r.differences[0].columns, std::vector<std::string>{col});
    EXPECT_EQ(r.differences[0].what, migrate::row_difference::kind::values_differ);
    const auto fixed = migrate::repair_rows(v->mysql(), v->postgresql(), t, r.key, {r.differences[0].key},
                                            migrate::zero_date_policy::null_if_nullable);
    ASSERT_TRUE(fixed.ok) << fixed.error;
    EXPECT_EQ(fixed.copied, 1u);
    EXPECT_TRUE(v->verify_table(t).matches()) << col;
  }
  drop(db);
}

TEST(VerifyIntegration, AChunkThatCatchesUpBeforeTheRecheckIsNotReported) {
  const std::string db = "verify_it_recheck";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  const sql::table_info& t = *catalog.find_table(db, "types_edge");
  auto patient = settings();
  patient.recheck_delay_ms = 1500;
  const auto v = connect_verifier(patient);
  ASSERT_TRUE(v);
  // PostgreSQL lags: the row is stale when the chunk is first checksummed, caught up 300 ms later
  // (as the dual write would), well before the re-check.
  pg_run("UPDATE " + db + ".types_edge SET c_varchar = 'stale' WHERE id = 2");
  std::thread catch_up([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    pg_run("UPDATE " + db + ".types_edge SET c_varchar = 'trailing  ' WHERE id = 2");
  });
  const auto started = std::chrono::steady_clock::now();
  const auto r = v->verify_table(t);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  catch_up.join();
  EXPECT_EQ(r.error, "");
  EXPECT_TRUE(r.matches());
  EXPECT_EQ(r.differing_chunks, 0u);
  EXPECT_GE(seconds, 1.4);  // it did wait for the re-check
  // Still stale after the delay: reported.
  pg_run("UPDATE " + db + ".types_edge SET c_varchar = 'stale' WHERE id = 2");
  const auto stale = v->verify_table(t);
  ASSERT_EQ(stale.differences.size(), 1u);
  EXPECT_EQ(stale.differences[0].columns, std::vector<std::string>{"c_varchar"});
  drop(db);
}

TEST(VerifyIntegration, JsonStringEscapesMariaDbKeepsAreNotDifferences) {
  const std::string db = "verify_it_json";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db,
                                  "CREATE TABLE j (id INT PRIMARY KEY, doc JSON);"
                                  "INSERT INTO j VALUES (1, '{\"a\": \"\\\\u00e9\\\\/x\"}'), (2, '{\"a\": 1}');",  // MariaDB: \u00e9\/x
                                  catalog));
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  const sql::table_info& t = *catalog.find_table(db, "j");
  auto r = v->verify_table(t);
  EXPECT_TRUE(r.matches()) << r.error;
  EXPECT_EQ(r.differing_chunks, 1u);  // the in-database renderings differ ...
  EXPECT_NE(r.note.find("every row compares equal"), std::string::npos) << r.note;  // ... the JSON values do not
  pg_run("UPDATE " + db + ".j SET doc = '{\"a\": \"é/y\"}' WHERE id = 1");
  r = v->verify_table(t);
  ASSERT_EQ(r.differences.size(), 1u);
  EXPECT_EQ(r.differences[0].columns, std::vector<std::string>{"doc"});
  drop(db);
}

TEST(VerifyIntegration, TheInlineJsonCanonicalFormIsTheRecursiveFunctions) {
  // The checksum's inline rendering of flat objects must be the recursive function's, for every shape.
  const auto v = connect_verifier();  // creates the functions
  ASSERT_TRUE(v);
  migrate::render_column d;
  d.name = "d";
  d.category = sql::type_category::json;
  const std::string inline_md5 = migrate::render_field(d, sql_dialect::postgresql, {});
  const char* docs[] = {R"({})", R"({"b": 1, "a": -0.50, "aa": 1e3, "Z": 0})", R"({"s": "tab\tquote\"é😀", "n": null})",
                        R"({"t": true, "f": false, "k\u00e9": "x", "": ""})", R"({"x": 12345678901234567890.125})",
                        R"({"nested": {"b": 2, "a": [1, 2.50, {"y": 0}]}})", R"([3, {"b": 1, "a": 2}])", R"("text")",
                        R"(-0.001)", R"({"arr": []})"};
  for (const char* doc : docs) {
    const std::string literal = "'" + std::string(doc) + "'::jsonb";
    EXPECT_EQ(pg_value("SELECT " + inline_md5 + " = md5(switchyard.verify_json(d)) FROM (SELECT " + literal + " AS d) t"), "t")
        << doc << ": " << pg_value("SELECT switchyard.verify_json(" + literal + ")");
  }
}

TEST(VerifyIntegration, RepairCopiesMySqlsValueAtRepairTimeNotTheOneVerifySaw) {
  const std::string db = "verify_it_repair_now";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  const sql::table_info& t = *catalog.find_table(db, "types_edge");
  pg_run("UPDATE " + db + ".types_edge SET c_varchar = 'lost' WHERE id = 4");
  const auto found = v->verify_table(t);
  ASSERT_EQ(found.differences.size(), 1u);
  // MySQL moves on after verify looked (a write the dual write has not mirrored yet) ...
  mysql_run(db, "UPDATE types_edge SET c_varchar = 'newest' WHERE id = 4");
  const auto fixed = migrate::repair_rows(v->mysql(), v->postgresql(), t, found.key, {found.differences[0].key},
                                          migrate::zero_date_policy::null_if_nullable);
  ASSERT_TRUE(fixed.ok) << fixed.error;
  // ... and the repair wrote MySQL's value of that moment.
  EXPECT_EQ(pg_value("SELECT c_varchar FROM " + db + ".types_edge WHERE id = 4"), "newest");
  EXPECT_TRUE(v->verify_table(t).matches());
  drop(db);
}

json::value parse_json(const cli_run& run) {
  boost::system::error_code ec;
  json::value doc = json::parse(run.out, ec);
  EXPECT_FALSE(ec) << brief(run);
  return doc;
}

const json::object* table_in(const json::value& doc, const std::string& name) {
  for (const auto& t : doc.at("tables").as_array())
    if (t.at("table").as_string() == name) return &t.as_object();
  ADD_FAILURE() << "no table " << name << " in " << json::serialize(doc);
  return nullptr;
}

// "key kind" per difference, e.g. "3 missing on PostgreSQL".
std::set<std::string> differences_of(const json::object& table) {
  std::set<std::string> out;
  for (const auto& d : table.at("differences").as_array()) {
    std::string key;
    for (const auto& k : d.at("key").as_array()) key += (key.empty() ? "" : ",") + std::string(k.as_string());
    out.insert(key + " " + std::string(d.at("kind").as_string()));
  }
  return out;
}

TEST(VerifyIntegration, CliNamesMissingExtraAndNullVersusEmptyRowsThenRepairFixesThem) {
  const std::string db = "verify_it_cli";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  const cli_run clean = verify_cli(db, "--recheck-delay 0");
  EXPECT_EQ(clean.exit_code, 0) << brief(clean);
  EXPECT_NE(clean.out.find("types_edge"), std::string::npos);
  // This test's runs only: other tests verify at the same time.
  const std::string before = pg_value("SELECT count(*) FROM switchyard.verify_runs WHERE summary->'tables'->0->>'database' = '" + db + "'");

  pg_run("DELETE FROM " + db + ".types_edge WHERE id = 3;"
         "INSERT INTO " + db + ".types_edge SELECT 99, c_tinyint, c_utinyint, c_smallint, c_mediumint, c_uint, c_bigint,"
         " c_ubigint, c_dec65, c_dec, c_float, c_double, c_bool, c_bit1, c_bit8, c_bit64, c_char, c_varchar, c_text,"
         " c_latin, c_binary, c_varbinary, c_blob, c_date, c_datetime, c_datetime6, c_timestamp, c_time, c_time6, c_year,"
         " c_json, c_enum, c_set FROM " + db + ".types_edge WHERE id = 4;"
         "UPDATE " + db + ".types_edge SET c_latin = '' WHERE id = 5;"
         "DELETE FROM " + db + ".text_key WHERE a = 1 AND b = 'B';"
         "INSERT INTO " + db + ".no_key VALUES (3, 'extra')");
  const cli_run found = verify_cli(db, "--json --recheck-delay 10 --sample 3");
  EXPECT_EQ(found.exit_code, 1) << brief(found);
  const json::value doc = parse_json(found);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.at("ok"), false);
  if (const auto* t = table_in(doc, "types_edge")) {
    EXPECT_EQ(differences_of(*t), (std::set<std::string>{"3 missing on PostgreSQL", "99 extra on PostgreSQL",
                                                         "5 values differ"}));
    for (const auto& d : t->at("differences").as_array())
      if (d.at("key").as_array()[0] == "5") {
        EXPECT_EQ(d.at("columns"), json::array{"c_latin"});
        EXPECT_TRUE(d.at("mysql").at("c_latin").is_null());
        EXPECT_EQ(d.at("postgresql").at("c_latin"), "");
      }
    EXPECT_EQ(t->at("rows").at("mysql"), 5);
    EXPECT_EQ(t->at("rows").at("postgresql"), 5);
    EXPECT_EQ(t->at("sampled"), 3);
  }
  if (const auto* t = table_in(doc, "text_key")) {
    EXPECT_EQ(differences_of(*t), std::set<std::string>{"1,B missing on PostgreSQL"});
  }
  if (const auto* t = table_in(doc, "no_key")) {
    EXPECT_EQ(t->at("checksum_differs"), true);
    EXPECT_EQ(t->at("status"), "differs");
  }
  const cli_run human = verify_cli(db, "--recheck-delay 0 --tables types_edge");
  EXPECT_EQ(human.exit_code, 1);
  EXPECT_NE(human.out.find("key (99): extra on PostgreSQL"), std::string::npos) << brief(human);
  EXPECT_NE(human.out.find("c_latin: MySQL NULL, PostgreSQL ''"), std::string::npos) << brief(human);
  EXPECT_EQ(human.out.find("text_key"), std::string::npos);

  const cli_run repaired = verify_cli(db, "--json --recheck-delay 0 --repair");
  EXPECT_EQ(repaired.exit_code, 0) << brief(repaired);
  const json::value after = parse_json(repaired);
  EXPECT_EQ(after.at("ok"), true);
  // Copied: rows 3 and 5, (1,B), and no_key (no key to name rows by) whole: 4 rows; deleted: 99, 5, no_key's 5.
  EXPECT_EQ(after.at("repair").at("rows_copied"), 7);
  EXPECT_EQ(after.at("repair").at("rows_deleted"), 7);
  EXPECT_EQ(after.at("repair").at("tables_recopied"), 1);
  const cli_run again = verify_cli(db, "--recheck-delay 0");
  EXPECT_EQ(again.exit_code, 0) << brief(again);
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db + ".types_edge WHERE id = 99"), "0");
  EXPECT_EQ(std::stoi(pg_value("SELECT count(*) FROM switchyard.verify_runs WHERE summary->'tables'->0->>'database' = '" + db + "'")), std::stoi(before) + 4);
  EXPECT_EQ(pg_value("SELECT ok::text || ',' || repaired::text FROM switchyard.verify_runs WHERE summary->'tables'->0->>"
                     "'database' = '" + db + "' ORDER BY id DESC LIMIT 1 OFFSET 1"),
            "true,true");
  drop(db);
}

}  // namespace
}  // namespace switchyard::verify_test
