#include "migrate/schema_apply.hpp"

#include <set>

#include "migrate/pg_client.hpp"
#include "sql/ascii.hpp"

namespace switchyard::migrate {
namespace {

std::set<std::string> names_of(const pg_client::rows& rows) {
  std::set<std::string> out;
  for (const auto& row : rows) out.insert(row.at(0));
  return out;
}

bool store_catalog(PGconn* c, const std::string& database, const std::string& json, std::string& error) {
  if (!pg_client::exec(c,
                       std::string(pg_client::switchyard_ddl_lock) + "; "
                       "CREATE SCHEMA IF NOT EXISTS switchyard; CREATE TABLE IF NOT EXISTS switchyard.catalog "
                       "(mysql_schema text PRIMARY KEY, catalog jsonb NOT NULL, written_at timestamptz NOT NULL)",
                       error))
    return false;
  pg_client::rows ignored;
  return pg_client::query(c,
                          "INSERT INTO switchyard.catalog VALUES ($1, $2::jsonb, now()) ON CONFLICT (mysql_schema) DO "
                          "UPDATE SET catalog = EXCLUDED.catalog, written_at = EXCLUDED.written_at RETURNING 1",
                          {database, json}, ignored, error);
}

bool pre_data(PGconn* c, const schema_plan& plan, bool skip_existing, schema_apply_result& out) {
  const std::string schema = sql::ascii_lowered(plan.database);
  pg_client::rows rows;
  if (!pg_client::query(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", {schema}, rows,
                        out.error))
    return false;
  const std::set<std::string> existing = names_of(rows);
  std::vector<std::string> clash;
  for (const planned_table& t : plan.tables)
    if (t.error.empty() && existing.count(sql::ascii_lowered(t.name))) clash.push_back(t.name);
  if (!clash.empty() && !skip_existing) {
    out.error = "table(s) already on PostgreSQL in schema " + schema + ":";
    for (const std::string& n : clash) out.error += " " + n;
    out.error += " (nothing was created; --skip-existing leaves them as they are)";
    return false;
  }
  for (const std::string& statement : plan.preamble)
    if (!pg_client::exec(c, statement, out.error)) return false;
  for (const planned_table& t : plan.tables) {
    if (!t.error.empty()) continue;
    if (existing.count(sql::ascii_lowered(t.name))) {
      out.skipped.push_back(t.name);
      continue;
    }
    if (!pg_client::exec(c, t.create, out.error)) {
      out.error = "table " + t.name + ": PostgreSQL: " + out.error;
      return false;
    }
    out.created.push_back(t.name);
  }
  return true;
}

bool post_data(PGconn* c, const schema_plan& plan, schema_apply_result& out) {
  pg_client::rows rows;
  if (!pg_client::query(c,
                        "SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE "
                        "n.nspname = $1 AND c.contype = 'f'",
                        {sql::ascii_lowered(plan.database)}, rows, out.error))
    return false;
  const std::set<std::string> existing = names_of(rows);
  for (const planned_table& t : plan.tables) {
    for (const planned_foreign_key& fk : t.foreign_keys) {
      if (existing.count(fk.name)) continue;
      if (!pg_client::exec(c, fk.sql, out.error)) {
        out.error = "table " + t.name + ": foreign key: PostgreSQL: " + out.error;
        return false;
      }
      ++out.foreign_keys;
    }
    for (const std::string& move : t.sequences) {
      if (!pg_client::exec(c, move, out.error)) {
        out.error = "table " + t.name + ": identity sequence: PostgreSQL: " + out.error;
        return false;
      }
      ++out.sequences;
    }
  }
  return true;
}

}  // namespace

schema_apply_result apply_schema(const std::string& conninfo, const schema_plan& plan, schema_section section,
                                 bool skip_existing, const std::string& catalog_json) {
  schema_apply_result out;
  const pg_client::connection c = pg_client::connect(conninfo, out.error);
  if (!c) return out;
  if (!pg_client::exec(c.get(), "BEGIN", out.error)) return out;
  const bool done = (section == schema_section::post_data || pre_data(c.get(), plan, skip_existing, out)) &&
                    (section == schema_section::pre_data || post_data(c.get(), plan, out)) &&
                    (catalog_json.empty() || store_catalog(c.get(), plan.database, catalog_json, out.error));
  if (!done) {
    std::string ignored;
    (void)pg_client::exec(c.get(), "ROLLBACK", ignored);
    out.created.clear();
    out.skipped.clear();
    out.foreign_keys = out.sequences = 0;
    return out;
  }
  out.ok = pg_client::exec(c.get(), "COMMIT", out.error);
  return out;
}

}  // namespace switchyard::migrate
