// Runs the fuzz targets over seeded mutations of valid messages, in every CI run: a fixed seed,
// so a failure reproduces. A broken invariant aborts the target (and fails this test).
#include <gtest/gtest.h>

#include <random>

#include "fuzz/targets.hpp"
#include "protocol/framing.hpp"
#include "protocol/handshake.hpp"
#include "protocol/response_tracker.hpp"

namespace switchyard::fuzz {
namespace {

namespace pr = protocol;

pr::bytes packets(std::initializer_list<std::vector<std::uint8_t>> payloads, std::uint8_t seq = 1) {
  pr::bytes wire;
  for (const auto& p : payloads) pr::append_message(wire, p, seq);
  return wire;
}

pr::bytes greeting() {
  pr::handshake_v10 h;
  h.server_version = "10.11.19-MariaDB";
  h.connection_id = 42;
  h.auth_plugin_data_part1 = "abcdefgh";
  h.auth_plugin_data_part2 = "ijklmnopqrst";
  h.capabilities = 0xf7fe | pr::capability::plugin_auth | pr::capability::deprecate_eof;
  h.character_set = 45;
  h.status_flags = 2;
  h.auth_plugin_data_length = 21;
  h.auth_plugin_name = "mysql_native_password";
  h.has_auth_plugin_name = true;
  pr::bytes out;
  pr::encode_handshake_v10(h, out);
  return out;
}

// One mutation: flip, insert, delete or truncate.
pr::bytes mutate(pr::bytes b, std::mt19937& rng) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = b.empty() ? 0 : rng() % b.size();
    switch (rng() % 4) {
      case 0: if (!b.empty()) b[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
      case 1: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng())); break;
      case 2: if (!b.empty()) b.erase(b.begin() + static_cast<std::ptrdiff_t>(at)); break;
      case 3: b.resize(at); break;
    }
  }
  return b;
}

constexpr int iterations = 20'000;

TEST(FuzzSmoke, ResponseTrackerOverMutatedResponses) {
  // Control bytes (kind, caps, chunk, sequence) then a server stream.
  const std::vector<std::uint8_t> column_def = {3, 'd', 'e', 'f', 0, 0, 0, 1, 'a', 1, 'a', 0x0c, 0x3f, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0};
  const std::vector<pr::bytes> streams = {
      packets({{0x00, 0, 0, 2, 0, 0, 0}}),
      packets({{1}, column_def, {0xfe, 0, 0, 2, 0}, {1, 'x'}, {0xfe, 0, 0, 2, 0}}),
      packets({{2, 1}, column_def, column_def, {1, 'x', 1, 'y'}, {0xfe, 0, 0, 2, 0, 0, 0}}),
      packets({{0x00, 7, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0}, column_def, {0xfe, 0, 0, 2, 0}, column_def, {0xfe, 0, 0, 2, 0}}),
      packets({{0xfb, 'f'}}),
      packets({{0xff, 0xff, 0xff, 1, 1, 2, 0, 0, 0}, {0xff, 0x10, 0x04, '#', 'H', 'Y', '0', '0', '0', 'x'}}),
  };
  std::mt19937 rng(20261124);
  int outcomes[4] = {};  // need_more, done, local_infile, protocol_error: each must be reached
  for (int i = 0; i < iterations; ++i) {
    pr::bytes input = {static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()),
                       static_cast<std::uint8_t>(rng()), 1};
    const pr::bytes& seed = streams[rng() % streams.size()];
    const pr::bytes stream = (rng() % 4 == 0) ? seed : mutate(seed, rng);
    input.insert(input.end(), stream.begin(), stream.end());
    response_tracker_target(input);
    pr::response_tracker t;
    t.start(pr::response_kind::text_result, pr::capability::protocol_41, 0, 1);
    ++outcomes[static_cast<int>(t.feed(stream).status)];
  }
  for (int outcome = 0; outcome < 4; ++outcome) EXPECT_GT(outcomes[outcome], 0) << "outcome " << outcome;
}

TEST(FuzzSmoke, DecodersOverMutatedMessages) {
  const std::vector<pr::bytes> seeds = {
      greeting(),
      {0x00, 0x01, 0x02, 0x02, 0x00, 0x00, 0x00},
      {0xff, 0x48, 0x04, '#', '4', '2', 'S', '0', '2', 'n', 'o'},
      {0x17, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0x00, 1, 0x08, 0x00, 7, 0, 0, 0, 0, 0, 0, 0},
      {3, 'd', 'e', 'f', 0, 0, 0, 1, 'a', 1, 'a', 0x0c, 0x3f, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0},
      {0x00, 0x00, 42, 0, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c'},
  };
  std::mt19937 rng(7);
  int greetings_round_tripped = 0;
  for (int i = 0; i < iterations; ++i) {
    const pr::bytes& seed = seeds[rng() % seeds.size()];
    const pr::bytes input = (rng() % 4 == 0) ? seed : mutate(seed, rng);
    decoders_target(input);
    pr::handshake_v10 h;
    if (pr::decode_handshake_v10(input, h) == pr::errc::ok) ++greetings_round_tripped;
  }
  // The round-trip check must have run on many inputs, not only on the unmutated seed.
  EXPECT_GT(greetings_round_tripped, 300);
}

}  // namespace
}  // namespace switchyard::fuzz
