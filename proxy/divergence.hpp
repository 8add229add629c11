// A divergence: something MySQL committed that PostgreSQL did not get (or got differently), named
// precisely enough for repair to re-copy exactly it (issue 4: "nothing lost without a record").
// Encoded as one JSON object per line, the format of the local append-only divergence file and of
// the rows the PostgreSQL divergence table will hold. Pure: no I/O, no clock (the time is given).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::proxy {

struct divergence {
  std::string schema;             // MySQL database of the table
  std::string table;
  std::vector<std::string> keys;  // primary-key values of the rows concerned (text); empty: the whole table
  std::string digest;             // the statement's digest text (literals as ?)
  std::uint64_t fingerprint = 0;  // the digest's 64-bit fingerprint
  std::string reason;             // why it was not applied: "queue full", "PostgreSQL: ...", "unsupported: ..."
  std::int64_t unix_micros = 0;   // when it was recorded

  bool operator==(const divergence&) const = default;
};

// One line of JSON, without the newline.
[[nodiscard]] std::string encode_divergence(const divergence& d);
// Parses one line; false with a reason in `error` when it is not a divergence record.
[[nodiscard]] bool decode_divergence(std::string_view line, divergence& out, std::string& error);

}  // namespace switchyard::proxy
