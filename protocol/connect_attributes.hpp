// Connection attributes (key/value pairs such as _client_name), as HandshakeResponse41 and
// COM_CHANGE_USER carry them: a length-encoded total, then length-encoded keys and values.
#pragma once
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/bytes.hpp"

namespace switchyard::protocol {

using connect_attribute_list = std::vector<std::pair<std::string_view, std::string_view>>;

// Errors stick in `r`: truncated when the block runs past the packet, bad_value when a key or
// value runs past the block.
void read_connect_attributes(byte_reader& r, connect_attribute_list& out);
void write_connect_attributes(byte_writer& w, const connect_attribute_list& attributes);

}  // namespace switchyard::protocol
