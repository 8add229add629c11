// Parsers for the value types configuration uses: durations, sizes, addresses, booleans.
// Each returns false and fills `error` with what is wrong with the text.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace switchyard::config {

struct net_address {
  std::string host;
  std::uint16_t port = 0;
  friend bool operator==(const net_address&, const net_address&) = default;
};

// "500ms", "5s", "10m", "8h", "1d"; "0" means "no limit" where a key allows it.
[[nodiscard]] bool parse_duration(std::string_view text, std::chrono::milliseconds& out, std::string& error);
// "1048576", "16KiB", "64MiB", "1GiB" (also K/M/G and KB/MB/GB, all powers of 1024).
[[nodiscard]] bool parse_size(std::string_view text, std::uint64_t& out, std::string& error);
// "host:port", "[::1]:port"; the port must be 1-65535.
[[nodiscard]] bool parse_address(std::string_view text, net_address& out, std::string& error);
// true/false, on/off, yes/no, 1/0.
[[nodiscard]] bool parse_bool(std::string_view text, bool& out, std::string& error);
[[nodiscard]] bool parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max, std::uint64_t& out,
                              std::string& error);

[[nodiscard]] std::string to_string(const net_address& a);

}  // namespace switchyard::config
