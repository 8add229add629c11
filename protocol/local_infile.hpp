// LOAD DATA LOCAL INFILE: the server answers COM_QUERY with 0xFB and a file name; the client then
// sends the file's contents as packets (continuing the sequence ids) and an empty packet, and the
// server answers with OK or ERR.
#pragma once
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

struct local_infile_request {
  std::string_view filename;
};

[[nodiscard]] errc decode_local_infile_request(bytes_view payload, local_infile_request& out);
void encode_local_infile_request(const local_infile_request& in, bytes& out);

}  // namespace switchyard::protocol
