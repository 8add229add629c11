#include "protocol/local_infile.hpp"

#include "protocol/constants.hpp"

namespace switchyard::protocol {

errc decode_local_infile_request(bytes_view payload, local_infile_request& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != local_infile_header && r.ok()) return errc::unexpected_message;
  out.filename = r.rest_string();
  return r.finish();
}

void encode_local_infile_request(const local_infile_request& in, bytes& out) {
  byte_writer w(out);
  w.u8(local_infile_header);
  w.raw(in.filename);
}

}  // namespace switchyard::protocol
