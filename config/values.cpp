#include "config/values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/str_cat.hpp"

namespace switchyard::config {
namespace {

bool parse_number(std::string_view text, std::uint64_t& out, std::string_view& unit) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  if (ec != std::errc{} || p == text.data()) return false;
  unit = std::string_view(p, static_cast<std::size_t>(end - p));
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

bool parse_duration(std::string_view text, std::chrono::milliseconds& out, std::string& error) {
  std::uint64_t n = 0;
  std::string_view unit;
  if (!parse_number(text, n, unit)) {
    error = str_cat("'", text, "' is not a duration (examples: 500ms, 5s, 10m, 8h, 0)");
    return false;
  }
  const std::string u = lower(unit);
  std::uint64_t factor = 0;
  if (u == "ms") factor = 1;
  else if (u == "s" || (u.empty() && n == 0)) factor = 1000;
  else if (u == "m") factor = 60'000;
  else if (u == "h") factor = 3'600'000;
  else if (u == "d") factor = 86'400'000;
  if (factor == 0) {
    error = str_cat("'", text, "' has no valid unit (ms, s, m, h, d)");
    return false;
  }
  if (n > (std::uint64_t{1} << 40) / factor) {
    error = str_cat("'", text, "' is too long");
    return false;
  }
  out = std::chrono::milliseconds(n * factor);
  return true;
}

bool parse_size(std::string_view text, std::uint64_t& out, std::string& error) {
  std::uint64_t n = 0;
  std::string_view unit;
  if (!parse_number(text, n, unit)) {
    error = str_cat("'", text, "' is not a size (examples: 4096, 16KiB, 64MiB, 1GiB)");
    return false;
  }
  const std::string u = lower(unit);
  std::uint64_t factor = 0;
  if (u.empty() || u == "b") factor = 1;
  else if (u == "k" || u == "kb" || u == "kib") factor = 1ull << 10;
  else if (u == "m" || u == "mb" || u == "mib") factor = 1ull << 20;
  else if (u == "g" || u == "gb" || u == "gib") factor = 1ull << 30;
  if (factor == 0) {
    error = str_cat("'", text, "' has no valid unit (KiB, MiB, GiB)");
    return false;
  }
  if (n > (std::uint64_t{1} << 50) / factor) {
    error = str_cat("'", text, "' is too large");
    return false;
  }
  out = n * factor;
  return true;
}

bool parse_address(std::string_view text, net_address& out, std::string& error) {
  std::string_view host, port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = str_cat("'", text, "' is not an address (expected [ipv6]:port)");
      return false;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      error = str_cat("'", text, "' is not an address (expected host:port)");
      return false;
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  std::uint64_t p = 0;
  if (!parse_uint(port, 1, 65535, p, error)) {
    error = str_cat("'", text, "' has a bad port: ", error);
    return false;
  }
  out.host = std::string(host);
  out.port = static_cast<std::uint16_t>(p);
  return true;
}

bool parse_bool(std::string_view text, bool& out, std::string& error) {
  const std::string t = lower(text);
  if (t == "true" || t == "on" || t == "yes" || t == "1") { out = true; return true; }
  if (t == "false" || t == "off" || t == "no" || t == "0") { out = false; return true; }
  error = str_cat("'", text, "' is not a boolean (true/false, on/off, yes/no, 1/0)");
  return false;
}

bool parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max, std::uint64_t& out,
                std::string& error) {
  std::uint64_t n = 0;
  std::string_view rest;
  if (!parse_number(text, n, rest) || !rest.empty()) {
    error = str_cat("'", text, "' is not a whole number");
    return false;
  }
  if (n < min || n > max) {
    error = str_cat(n, " is outside ", min, "..", max);
    return false;
  }
  out = n;
  return true;
}

std::string to_string(const net_address& a) {
  return a.host.find(':') != std::string::npos ? str_cat("[", a.host, "]:", a.port) : str_cat(a.host, ":", a.port);
}

}  // namespace switchyard::config
