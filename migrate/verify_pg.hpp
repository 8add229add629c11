// libpq pieces verify's engine and repair share: an owning result, and the connection's last error
// as one line ("PostgreSQL: ERROR:  relation ... does not exist", without LINE/caret detail).
#pragma once
#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <string>

namespace switchyard::migrate {

struct pg_result_clear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using pg_result = std::unique_ptr<PGresult, pg_result_clear>;

[[nodiscard]] inline std::string pg_failure(PGconn* c) {
  std::string e = std::string("PostgreSQL: ") + PQerrorMessage(c);
  e.resize(std::min(e.size(), e.find('\n')));
  return e;
}

}  // namespace switchyard::migrate
