#include "migrate/backfill/dual_write_watch.hpp"

#include <boost/json.hpp>

#include "migrate/backfill/pg_session.hpp"
#include "proxy/mirror_progress.hpp"

namespace switchyard::migrate {

bool read_dual_write_progress(PGconn* pg, const std::vector<std::string>& databases, std::chrono::seconds liveness,
                              dual_write_progress& out, std::string& error) {
  out = {};
  const auto exists = pg_session::exec(
      pg, std::string("SELECT to_regclass('") + proxy::mirror_progress_table + "') IS NOT NULL", error);
  if (!exists) return false;
  if (pg_session::value(exists.get(), 0, 0) != "t") return true;
  // The databases as a JSON array: no quoting rules of PostgreSQL's array literal to get right.
  boost::json::array names(databases.begin(), databases.end());
  const auto r = pg_session::exec(
      pg,
      std::string("SELECT count(*), coalesce(extract(epoch FROM min(caught_up_at)), 0) FROM ") + proxy::mirror_progress_table +
          " WHERE heartbeat_at > now() - make_interval(secs => $1) AND (cardinality(databases) = 0 OR databases && "
          "ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))",
      error, {std::to_string(liveness.count()), boost::json::serialize(names)});
  if (!r) return false;
  out.live_instances = std::stoul(pg_session::value(r.get(), 0, 0));
  out.caught_up_at = std::stod(pg_session::value(r.get(), 0, 1));
  return true;
}

dual_write_progress dual_write_watch::current(PGconn* pg, std::string& error) {
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (read_ && now - read_at_ < refresh_) return last_;
  dual_write_progress fresh;
  if (!read_dual_write_progress(pg, databases_, liveness_, fresh, error)) return last_;
  last_ = fresh;
  read_ = true;
  read_at_ = now;
  return last_;
}

}  // namespace switchyard::migrate
