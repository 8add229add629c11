#include "migrate/backfill/state_store.hpp"

#include <boost/json.hpp>

#include "migrate/backfill/mysql_session.hpp"
#include "migrate/backfill/pg_session.hpp"

namespace switchyard::migrate::backfill_state {
namespace {

using pg_session::exec;
using pg_session::run;

std::vector<std::string> table_params(const chunk_claim& c) { return {c.schema, c.table, std::to_string(c.chunk)}; }
constexpr const char* chunk_where = " WHERE mysql_schema = $1 AND mysql_table = $2 AND chunk = $3";

// A PostgreSQL array literal of text values.
std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char ch : v) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

std::vector<std::string> tables_params(const std::vector<const table_job*>& tables) {
  std::vector<std::string> schemas, names;
  for (const auto* t : tables) {
    schemas.push_back(t->schema);
    names.push_back(t->table);
  }
  return {text_array(schemas), text_array(names)};
}

constexpr const char* in_tables = "(mysql_schema, mysql_table) IN (SELECT * FROM unnest($1::text[], $2::text[]))";

bool is_hex_encoded(sql::type_category c) noexcept { return c == sql::type_category::binary; }

std::string hex(std::string_view v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const char ch : v) {
    out += digits[static_cast<unsigned char>(ch) >> 4];
    out += digits[static_cast<unsigned char>(ch) & 15];
  }
  return out;
}

bool unhex(std::string_view h, std::string& out) {
  if (h.size() % 2 != 0) return false;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < h.size(); i += 2) {
    const int a = nibble(h[i]), b = nibble(h[i + 1]);
    if (a < 0 || b < 0) return false;
    out += static_cast<char>(a * 16 + b);
  }
  return true;
}

std::optional<key_value> bound_of(const std::vector<key_column>& key, const PGresult* r, int row, int column) {
  if (PQgetisnull(r, row, column)) return std::nullopt;
  key_value v;
  if (!decode_bound(key, pg_session::value(r, row, column), v)) return std::nullopt;
  return v;
}

}  // namespace

std::string encode_bound(const table_job& job, const key_value& v) {
  boost::json::array a;
  for (std::size_t i = 0; i < v.size(); ++i) a.emplace_back(is_hex_encoded(job.key[i].category) ? hex(v[i]) : v[i]);
  return boost::json::serialize(a);
}

bool decode_bound(const std::vector<key_column>& key, std::string_view json, key_value& out) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_array() || v.as_array().size() != key.size()) return false;
  out.clear();
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto* s = v.as_array()[i].if_string();
    if (s == nullptr) return false;
    if (is_hex_encoded(key[i].category)) {
      if (!unhex(std::string_view(s->data(), s->size()), out.emplace_back())) return false;
    } else {
      out.emplace_back(s->data(), s->size());
    }
  }
  return true;
}

bool ensure_tables(PGconn* pg, std::string& error) {
  // Serialised: concurrent CREATE ... IF NOT EXISTS can still collide on the catalog's unique indexes.
  return run(pg, "BEGIN", error) && run(pg, pg_client::switchyard_ddl_lock, error) &&
         run(pg, "CREATE SCHEMA IF NOT EXISTS switchyard", error) &&
         run(pg,
             "CREATE TABLE IF NOT EXISTS switchyard.backfill_plans (mysql_schema text NOT NULL, mysql_table text NOT NULL, "
             "key_name text NOT NULL, key_columns jsonb NOT NULL, chunk_rows bigint NOT NULL, chunks integer NOT NULL, "
             "rows_planned bigint NOT NULL, planned_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, "
             "error text, PRIMARY KEY (mysql_schema, mysql_table))",
             error) &&
         run(pg,
             "CREATE TABLE IF NOT EXISTS switchyard.backfill_chunks (mysql_schema text NOT NULL, mysql_table text NOT NULL, "
             "chunk integer NOT NULL, lower_key jsonb, upper_key jsonb, state text NOT NULL DEFAULT 'pending' "
             "CHECK (state IN ('pending', 'leased', 'done', 'failed')), lease_owner text, lease_expires timestamptz, "
             "copied_at timestamptz, rechecks integer NOT NULL DEFAULT 0, rows bigint NOT NULL DEFAULT 0, "
             "bytes bigint NOT NULL DEFAULT 0, attempts integer NOT NULL DEFAULT 0, differing_keys integer NOT NULL "
             "DEFAULT 0, error text, done_at timestamptz, PRIMARY KEY (mysql_schema, mysql_table, chunk), "
             "FOREIGN KEY (mysql_schema, mysql_table) REFERENCES switchyard.backfill_plans ON DELETE CASCADE)",
             error) &&
         run(pg, "COMMIT", error);
}

bool forget(PGconn* pg, const table_job& job, std::string& error) {
  return run(pg, "DELETE FROM switchyard.backfill_plans WHERE mysql_schema = $1 AND mysql_table = $2", error,
             {job.schema, job.table});
}

bool retry_failed(PGconn* pg, const table_job& job, std::string& error) {
  return run(pg, "UPDATE switchyard.backfill_plans SET error = NULL WHERE mysql_schema = $1 AND mysql_table = $2 AND error IS NOT NULL",
             error, {job.schema, job.table}) &&
         run(pg,
             "UPDATE switchyard.backfill_chunks SET state = 'pending', error = NULL, copied_at = NULL WHERE "
             "mysql_schema = $1 AND mysql_table = $2 AND state = 'failed'",
             error, {job.schema, job.table});
}

bool plan(PGconn* pg, MYSQL* mysql, const table_job& job, std::uint64_t chunk_rows, bool& planned, std::string& error) {
  planned = false;
  const std::vector<std::string> names{job.schema, job.table};
  if (!run(pg, "BEGIN", error)) return false;
  const bool locked = run(pg, "SELECT pg_advisory_xact_lock(hashtextextended('switchyard.backfill ' || $1 || '.' || $2, 0))", error, names);
  const auto existing = locked ? exec(pg, "SELECT 1 FROM switchyard.backfill_plans WHERE mysql_schema = $1 AND mysql_table = $2", error, names)
                               : nullptr;
  if (!existing) {
    (void)run(pg, "ROLLBACK", error);
    return false;
  }
  if (PQntuples(existing.get()) > 0) return run(pg, "COMMIT", error);

  // Every chunk_rows-th key is a boundary: chunk i holds (boundary i-1, boundary i], the last is open.
  std::vector<key_value> boundaries;
  std::uint64_t keys = 0;
  const std::string keys_sql = "SELECT " + key_column_list(job.key, sql_dialect::mysql) + " FROM " + job.mysql_name +
                               " ORDER BY " + key_column_list(job.key, sql_dialect::mysql);
  const bool streamed = mysql_session::stream(mysql, keys_sql, error, [&](MYSQL_ROW row, unsigned long* lengths) {
    if (++keys % chunk_rows != 0) return true;
    key_value& v = boundaries.emplace_back();
    for (std::size_t i = 0; i < job.key.size(); ++i) v.emplace_back(row[i], lengths[i]);
    return true;
  });
  if (!streamed) {
    std::string ignored;
    (void)run(pg, "ROLLBACK", ignored);
    error = "planning " + job.label() + ": " + error;
    return false;
  }
  boost::json::array key_names;
  for (const auto& k : job.key) key_names.emplace_back(k.name);
  const std::size_t chunks = boundaries.size() + 1;
  bool ok = run(pg,
                "INSERT INTO switchyard.backfill_plans (mysql_schema, mysql_table, key_name, key_columns, chunk_rows, "
                "chunks, rows_planned) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)",
                error,
                {job.schema, job.table, job.key_name, boost::json::serialize(key_names), std::to_string(chunk_rows),
                 std::to_string(chunks), std::to_string(keys)});
  // Batches of chunk rows, bounds as JSON literals.
  for (std::size_t first = 0; ok && first < chunks; first += 500) {
    std::string sql =
        "INSERT INTO switchyard.backfill_chunks (mysql_schema, mysql_table, chunk, lower_key, upper_key) VALUES ";
    for (std::size_t i = first; i < std::min(chunks, first + 500); ++i) {
      if (i > first) sql += ", ";
      sql += "($1, $2, " + std::to_string(i) + ", ";
      sql += i == 0 ? std::string("NULL") : pg_session::literal(encode_bound(job, boundaries[i - 1])) + "::jsonb";
      sql += ", ";
      sql += i + 1 == chunks ? std::string("NULL") : pg_session::literal(encode_bound(job, boundaries[i])) + "::jsonb";
      sql += ')';
    }
    ok = run(pg, sql, error, names);
  }
  if (!ok || !run(pg, "COMMIT", error)) {
    std::string ignored;
    (void)run(pg, "ROLLBACK", ignored);
    return false;
  }
  planned = true;
  return true;
}

std::optional<chunk_claim> claim(PGconn* pg, const std::vector<const table_job*>& tables, const std::string& owner,
                                 unsigned lease_seconds, std::string& error) {
  auto params = tables_params(tables);
  params.push_back(owner);
  params.push_back(std::to_string(lease_seconds));
  const auto r = exec(pg,
                      "UPDATE switchyard.backfill_chunks c SET state = 'leased', lease_owner = $3, lease_expires = now() + "
                      "$4::int * interval '1 second', attempts = c.attempts + 1 FROM (SELECT c2.mysql_schema, "
                      "c2.mysql_table, c2.chunk FROM switchyard.backfill_chunks c2 JOIN switchyard.backfill_plans p USING "
                      "(mysql_schema, mysql_table) WHERE p.error IS NULL AND " +
                          std::string(in_tables) +
                          " AND (c2.state = 'pending' OR (c2.state = 'leased' AND c2.lease_expires < now())) ORDER BY "
                          "c2.mysql_schema, c2.mysql_table, c2.chunk LIMIT 1 FOR UPDATE OF c2 SKIP LOCKED) pick WHERE "
                          "c.mysql_schema = pick.mysql_schema AND c.mysql_table = pick.mysql_table AND c.chunk = pick.chunk "
                          "RETURNING c.mysql_schema, c.mysql_table, c.chunk, c.lower_key::text, c.upper_key::text, "
                          "c.copied_at IS NOT NULL, c.rechecks",
                      error, params);
  if (!r || PQntuples(r.get()) == 0) return std::nullopt;
  chunk_claim c;
  c.schema = pg_session::value(r.get(), 0, 0);
  c.table = pg_session::value(r.get(), 0, 1);
  c.chunk = std::stoi(pg_session::value(r.get(), 0, 2));
  c.copied = pg_session::value(r.get(), 0, 5) == "t";
  c.rechecks = std::stoi(pg_session::value(r.get(), 0, 6));
  for (const auto* t : tables) {
    if (t->schema != c.schema || t->table != c.table) continue;
    c.lower = bound_of(t->key, r.get(), 0, 3);
    c.upper = bound_of(t->key, r.get(), 0, 4);
  }
  return c;
}

bool still_ours(PGconn* pg, const chunk_claim& c, const std::string& owner, std::string& error) {
  auto params = table_params(c);
  params.push_back(owner);
  const auto r = exec(pg, std::string("SELECT 1 FROM switchyard.backfill_chunks") + chunk_where +
                              " AND state = 'leased' AND lease_owner = $4 FOR UPDATE", error, params);
  if (r && PQntuples(r.get()) == 0) error = "lease of chunk " + std::to_string(c.chunk) + " of " + c.schema + "." + c.table + " lost";
  return r && PQntuples(r.get()) == 1;
}

bool mark_copied(PGconn* pg, const chunk_claim& c, std::uint64_t rows, std::uint64_t bytes, bool done, unsigned lease_seconds,
                 std::string& error) {
  auto params = table_params(c);
  params.insert(params.end(), {std::to_string(rows), std::to_string(bytes), done ? "done" : "leased", std::to_string(lease_seconds)});
  return run(pg, std::string("UPDATE switchyard.backfill_chunks SET rows = $4, bytes = $5, state = $6, copied_at = now(), "
                             "lease_expires = now() + $7::int * interval '1 second', error = NULL, done_at = CASE WHEN $6 = "
                             "'done' THEN now() END") + chunk_where,
             error, params);
}

bool mark_rechecked(PGconn* pg, const chunk_claim& c, bool done, std::size_t differing_keys, unsigned lease_seconds,
                    std::string& error) {
  auto params = table_params(c);
  params.insert(params.end(), {done ? "done" : "leased", std::to_string(differing_keys), std::to_string(lease_seconds)});
  return run(pg, std::string("UPDATE switchyard.backfill_chunks SET rechecks = rechecks + 1, state = $4, differing_keys = $5, "
                             "lease_expires = now() + $6::int * interval '1 second', done_at = CASE WHEN $4 = 'done' THEN "
                             "now() END") + chunk_where,
             error, params);
}

bool mark_failed(PGconn* pg, const chunk_claim& c, const std::string& reason, std::string& error) {
  auto params = table_params(c);
  params.push_back(reason);
  return run(pg, "BEGIN", error) &&
         run(pg, std::string("UPDATE switchyard.backfill_chunks SET state = 'failed', error = $4") + chunk_where, error, params) &&
         run(pg, "UPDATE switchyard.backfill_plans SET error = $3 WHERE mysql_schema = $1 AND mysql_table = $2", error,
             {c.schema, c.table, reason}) &&
         run(pg, "COMMIT", error);
}

bool table_finished(PGconn* pg, const table_job& job, std::string& error) {
  const auto r = exec(pg,
                      "UPDATE switchyard.backfill_plans p SET finished_at = coalesce(finished_at, now()) WHERE mysql_schema = "
                      "$1 AND mysql_table = $2 AND NOT EXISTS (SELECT 1 FROM switchyard.backfill_chunks c WHERE "
                      "c.mysql_schema = $1 AND c.mysql_table = $2 AND c.state <> 'done') RETURNING 1",
                      error, {job.schema, job.table});
  return r && PQntuples(r.get()) == 1;
}

std::vector<table_state> progress(PGconn* pg, const std::vector<const table_job*>& tables, std::string& error) {
  std::vector<table_state> out;
  const auto r = exec(pg,
                      "SELECT p.mysql_schema, p.mysql_table, count(*) FILTER (WHERE c.state = 'done'), count(c.chunk), "
                      "coalesce(sum(c.rows) FILTER (WHERE c.copied_at IS NOT NULL), 0), p.rows_planned, p.finished_at IS NOT "
                      "NULL, coalesce(p.error, '') FROM switchyard.backfill_plans p LEFT JOIN switchyard.backfill_chunks c "
                      "USING (mysql_schema, mysql_table) WHERE " +
                          std::string(in_tables) +
                          " GROUP BY p.mysql_schema, p.mysql_table, p.rows_planned, p.finished_at, p.error ORDER BY 1, 2",
                      error, tables_params(tables));
  if (!r) return out;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    table_state s;
    s.schema = pg_session::value(r.get(), i, 0);
    s.table = pg_session::value(r.get(), i, 1);
    s.chunks_done = std::stoull(pg_session::value(r.get(), i, 2));
    s.chunks_total = std::stoull(pg_session::value(r.get(), i, 3));
    s.rows = std::stoull(pg_session::value(r.get(), i, 4));
    s.rows_planned = std::stoull(pg_session::value(r.get(), i, 5));
    s.finished = pg_session::value(r.get(), i, 6) == "t";
    s.error = pg_session::value(r.get(), i, 7);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace switchyard::migrate::backfill_state
