#include "sql/utc_offset.hpp"

namespace switchyard::sql {
namespace {

// Digits of `text` from `i` up to a non-digit, as a number; false when there are none or too many.
bool read_number(std::string_view text, std::size_t& i, int& value, std::size_t max_digits) {
  const std::size_t begin = i;
  value = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (i - begin == max_digits) return false;
    value = value * 10 + (text[i] - '0');
    ++i;
  }
  return i > begin;
}

}  // namespace

std::optional<int> utc_offset_minutes(std::string_view text) noexcept {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  std::size_t i = 1;
  int hours = 0, minutes = 0;
  // MySQL takes any number of leading zeros in the hours ("+005:30"); 6 digits bound the value.
  if (!read_number(text, i, hours, 6) || i >= text.size() || text[i] != ':') return std::nullopt;
  ++i;
  if (!read_number(text, i, minutes, 2) || i != text.size() || minutes >= 60) return std::nullopt;
  const int total = (text[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  if (total < min_utc_offset_minutes || total > max_utc_offset_minutes) return std::nullopt;
  return total;
}

std::string utc_offset_text(int minutes) {
  const int a = minutes < 0 ? -minutes : minutes;
  const int h = a / 60, m = a % 60;
  std::string out;
  out.push_back(minutes < 0 ? '-' : '+');
  out.push_back(static_cast<char>('0' + h / 10));
  out.push_back(static_cast<char>('0' + h % 10));
  out.push_back(':');
  out.push_back(static_cast<char>('0' + m / 10));
  out.push_back(static_cast<char>('0' + m % 10));
  return out;
}

}  // namespace switchyard::sql
