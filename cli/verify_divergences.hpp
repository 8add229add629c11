// The dual write's divergence log on PostgreSQL (switchyard_divergences, proxy/divergence_log.cpp)
// as `switchyard verify --repair` reads it: the records not yet repaired, decoded with the proxy's
// record codec, and marking them repaired.
#pragma once
#include <libpq-fe.h>

#include <string>
#include <vector>

#include "proxy/divergence.hpp"

namespace switchyard::cli {

struct pending_divergence {
  std::string id;
  proxy::divergence record;
};

// Records with repaired_at NULL, oldest first; none when the table does not exist. False with
// `error` on a query failure or an undecodable record.
[[nodiscard]] bool read_divergences(PGconn* pg, std::vector<pending_divergence>& out, std::string& error);
// Sets repaired_at = now() on the records `ids`.
[[nodiscard]] bool mark_repaired(PGconn* pg, const std::vector<std::string>& ids, std::string& error);

}  // namespace switchyard::cli
