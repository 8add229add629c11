#include "cli/verify_divergences.hpp"

#include "migrate/pg_client.hpp"

namespace switchyard::cli {

bool read_divergences(PGconn* pg, std::vector<pending_divergence>& out, std::string& error) {
  migrate::pg_client::rows rows;
  if (!migrate::pg_client::query(pg, "SELECT to_regclass('switchyard_divergences') IS NOT NULL", {}, rows, error))
    return false;
  if (rows.empty() || rows[0][0] != "t") return true;
  if (!migrate::pg_client::query(pg,
                                 "SELECT id, record::text FROM switchyard_divergences WHERE repaired_at IS NULL "
                                 "ORDER BY recorded_at, id",
                                 {}, rows, error))
    return false;
  for (const auto& row : rows) {
    pending_divergence d;
    d.id = row[0];
    if (!proxy::decode_divergence(row[1], d.record, error)) {
      error = "divergence record " + d.id + ": " + error;
      return false;
    }
    out.push_back(std::move(d));
  }
  return true;
}

bool mark_repaired(PGconn* pg, const std::vector<std::string>& ids, std::string& error) {
  if (ids.empty()) return true;
  std::string array = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    array += (i > 0 ? ",\"" : "\"");
    for (const char c : ids[i]) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  array += '}';
  migrate::pg_client::rows rows;
  return migrate::pg_client::query(pg,
                                   "UPDATE switchyard_divergences SET repaired_at = now() WHERE id = ANY($1::text[]) "
                                   "RETURNING id",
                                   {array}, rows, error);
}

}  // namespace switchyard::cli
