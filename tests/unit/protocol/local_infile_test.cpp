#include "protocol/local_infile.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

TEST(local_infile_request, decodes_mariadb_capture) {
  // MariaDB 10.11 answering LOAD DATA LOCAL INFILE '/tmp/cap/infile.txt' INTO TABLE li.
  const bytes wire = test::from_hex("fb2f746d702f6361702f696e66696c652e747874");
  local_infile_request req;
  ASSERT_EQ(decode_local_infile_request(wire, req), errc::ok);
  EXPECT_EQ(req.filename, "/tmp/cap/infile.txt");
  test::expect_round_trip<local_infile_request>(wire, decode_local_infile_request, encode_local_infile_request);
  // The name runs to the end of the packet: every cut after the header is a shorter name.
  test::expect_strict(wire, [](bytes_view b) { local_infile_request m; return decode_local_infile_request(b, m); },
                      {.open_from = 1});
}

TEST(local_infile_request, needs_its_header) {
  local_infile_request req;
  EXPECT_EQ(decode_local_infile_request(test::from_hex("0131"), req), errc::unexpected_message);
}

}  // namespace
}  // namespace switchyard::protocol
