#include <cstdlib>

#include "fuzz/targets.hpp"
#include "protocol/response_tracker.hpp"

namespace switchyard::fuzz {

namespace pr = protocol;

namespace {
[[noreturn]] void invariant_broken() { std::abort(); }
}  // namespace

void response_tracker_target(pr::bytes_view data) {
  if (data.size() < 4) return;
  const auto kind = static_cast<pr::response_kind>(data[0] % 7);
  const std::uint32_t caps = pr::capability::protocol_41 | ((data[1] & 1) ? pr::capability::deprecate_eof : 0u);
  const std::uint32_t mariadb_caps = ((data[1] & 2) ? pr::mariadb_capability::progress : 0u) |
                                     ((data[1] & 4) ? pr::mariadb_capability::cache_metadata : 0u);
  const std::size_t chunk = 1 + data[2] % 64;
  pr::response_tracker t;
  t.start(kind, caps, mariadb_caps, data[3]);
  pr::bytes_view stream = data.subspan(4);
  while (!stream.empty()) {
    const pr::bytes_view piece = stream.first(std::min(chunk, stream.size()));
    const pr::feed_result r = t.feed(piece);
    if (r.consumed > piece.size()) invariant_broken();
    if (r.status == pr::tracker_status::need_more && r.consumed != piece.size()) invariant_broken();
    stream = stream.subspan(r.consumed);
    if (r.status == pr::tracker_status::local_infile) {
      t.resume_after_local_infile(t.next_sequence_id());
      continue;
    }
    if (r.status != pr::tracker_status::need_more) {
      // A finished or failed tracker takes nothing more.
      if (t.feed(stream).consumed != 0) invariant_broken();
      return;
    }
  }
}

}  // namespace switchyard::fuzz
