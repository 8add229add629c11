// libpq pieces verify's engine and repair share: an owning result, and the connection's last error
// as one line ("PostgreSQL: ERROR:  relation ... does not exist", without LINE/caret detail).
#pragma once
#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <string>

#include "migrate/pg_client.hpp"

namespace switchyard::migrate {

using pg_result = pg_client::result;

[[nodiscard]] inline std::string pg_failure(PGconn* c) {
  std::string e = std::string("PostgreSQL: ") + PQerrorMessage(c);
  e.resize(std::min(e.size(), e.find('\n')));
  return e;
}

}  // namespace switchyard::migrate
