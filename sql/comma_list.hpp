// Walking a comma-separated list such as a sql_mode value ("ANSI_QUOTES,,STRICT_TRANS_TABLES"):
// every item in order, empty ones included, nothing trimmed (MySQL does not trim either).
#pragma once
#include <string_view>

namespace switchyard::sql {

template <typename Visit>  // void(std::string_view item)
void for_each_comma_item(std::string_view list, Visit&& visit) {
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = list.find(',', begin);
    visit(list.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    if (end == std::string_view::npos) return;
    begin = end + 1;
  }
}

}  // namespace switchyard::sql
