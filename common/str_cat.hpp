// str_cat / str_append: concatenate strings and numbers without iostreams.
// (Debian's abseil is built with its own string_view type, so absl::StrCat does not take
// std::string_view; this small helper does.)
#pragma once
#include <charconv>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace switchyard {

namespace detail {
inline void append_one(std::string& out, std::string_view s) { out.append(s); }
inline void append_one(std::string& out, const char* s) { out.append(s); }
inline void append_one(std::string& out, const std::string& s) { out.append(s); }
inline void append_one(std::string& out, char c) { out.push_back(c); }
inline void append_one(std::string& out, bool b) { out.append(b ? "true" : "false"); }
template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>)
void append_one(std::string& out, T v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}
template <std::floating_point T>
void append_one(std::string& out, T v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}
template <typename E>
  requires std::is_enum_v<E>
void append_one(std::string& out, E v) {
  append_one(out, static_cast<std::underlying_type_t<E>>(v));
}
}  // namespace detail

template <typename... Args>
void str_append(std::string& out, const Args&... args) {
  (detail::append_one(out, args), ...);
}

template <typename... Args>
[[nodiscard]] std::string str_cat(const Args&... args) {
  std::string out;
  str_append(out, args...);
  return out;
}

}  // namespace switchyard
