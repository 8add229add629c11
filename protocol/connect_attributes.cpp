#include "protocol/connect_attributes.hpp"

namespace switchyard::protocol {

void read_connect_attributes(byte_reader& r, connect_attribute_list& out) {
  const std::string_view block = r.lenenc_string();
  byte_reader attrs(as_bytes(block));
  while (r.ok() && !attrs.empty()) {
    const std::string_view key = attrs.lenenc_string();
    const std::string_view value = attrs.lenenc_string();
    // The block's own length fit the packet, so a field overrunning it is a lie, not a cut.
    if (!attrs.ok()) {
      r.fail(errc::bad_value);
      return;
    }
    out.emplace_back(key, value);
  }
}

void write_connect_attributes(byte_writer& w, const connect_attribute_list& attributes) {
  std::uint64_t total = 0;
  for (const auto& [key, value] : attributes) {
    total += lenenc_int_size(key.size()) + key.size() + lenenc_int_size(value.size()) + value.size();
  }
  w.lenenc_int(total);
  for (const auto& [key, value] : attributes) {
    w.lenenc_string(key);
    w.lenenc_string(value);
  }
}

}  // namespace switchyard::protocol
