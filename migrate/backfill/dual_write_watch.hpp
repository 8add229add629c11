// The backfill's view of the dual write: the live proxy instances' published progress
// (proxy/mirror_progress.hpp). A re-check round waits until every live instance has applied
// what MySQL committed before the round's previous snapshot; with none live, nothing races with
// the copy and chunks are not re-checked at all.
#pragma once
#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace switchyard::migrate {

struct dual_write_progress {
  std::size_t live_instances = 0;  // heartbeat within the liveness window
  double caught_up_at = 0;         // unix seconds: the least of the live instances' (their clocks)
  // Whether a chunk whose snapshot was taken at `snapshot_at` may be re-checked: no live dual
  // write, or all are past it by `margin` (commit-to-hand-over delay and clock skew).
  [[nodiscard]] bool past(double snapshot_at, std::chrono::milliseconds margin) const noexcept {
    return live_instances == 0 || caught_up_at >= snapshot_at + std::chrono::duration<double>(margin).count();
  }
};

// One reading of the instances mirroring any of `databases` (or every database); no progress
// table yet means no dual write ever ran here.
[[nodiscard]] bool read_dual_write_progress(PGconn* pg, const std::vector<std::string>& databases,
                                            std::chrono::seconds liveness, dual_write_progress& out, std::string& error);

// The last reading, shared by the workers; refreshed (with the calling worker's session) when
// older than `refresh`. Thread-safe.
class dual_write_watch {
 public:
  dual_write_watch(std::vector<std::string> databases, std::chrono::milliseconds refresh,
                   std::chrono::seconds liveness = std::chrono::seconds(5))
      : databases_(std::move(databases)), refresh_(refresh), liveness_(liveness) {}
  [[nodiscard]] dual_write_progress current(PGconn* pg, std::string& error);

 private:
  std::mutex mutex_;
  std::vector<std::string> databases_;
  std::chrono::milliseconds refresh_;
  std::chrono::seconds liveness_;
  std::chrono::steady_clock::time_point read_at_{};
  bool read_ = false;
  dual_write_progress last_;
};

}  // namespace switchyard::migrate
