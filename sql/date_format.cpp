// MySQL DATE_FORMAT / STR_TO_DATE specifiers -> PostgreSQL to_char / to_timestamp patterns.
#include <string>
#include <string_view>

#include "sql/emitter.hpp"

namespace switchyard::sql {
namespace {

// The PostgreSQL pattern for one MySQL specifier letter; empty when there is none.
std::string_view specifier(char c) {
  switch (c) {
    case 'Y': return "YYYY";
    case 'y': return "YY";
    case 'm': return "MM";
    case 'c': return "FMMM";
    case 'd': return "DD";
    case 'e': return "FMDD";
    case 'H': return "HH24";
    case 'k': return "FMHH24";
    case 'h':
    case 'I': return "HH12";
    case 'l': return "FMHH12";
    case 'i': return "MI";
    case 's':
    case 'S': return "SS";
    case 'f': return "US";
    case 'p': return "AM";
    case 'M': return "FMMonth";
    case 'b': return "Mon";
    case 'W': return "FMDay";
    case 'a': return "Dy";
    case 'j': return "DDD";
    case 'D': return "FMDDth";
    case 'T': return "HH24:MI:SS";
    case 'r': return "HH12:MI:SS AM";
    case 'v': return "IW";
    case 'x': return "IYYY";
    default: return {};
  }
}

}  // namespace

bool mysql_format_to_pg(std::string_view mysql_format, std::string& out, std::string& bad) {
  out.clear();
  bool in_quotes = false;
  auto literal_char = [&](char c) {
    // Everything that is not a pattern goes between double quotes, so that PostgreSQL never
    // reads letters of it as patterns; a `"` or `\` inside needs a backslash there.
    if (!in_quotes) {
      out.push_back('"');
      in_quotes = true;
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  };
  for (std::size_t i = 0; i < mysql_format.size(); ++i) {
    const char c = mysql_format[i];
    if (c != '%' || i + 1 == mysql_format.size()) {
      literal_char(c);
      continue;
    }
    const char spec = mysql_format[++i];
    if (spec == '%') {
      literal_char('%');
      continue;
    }
    const std::string_view pg = specifier(spec);
    if (pg.empty()) {
      if ((spec >= 'a' && spec <= 'z') || (spec >= 'A' && spec <= 'Z')) {
        bad = std::string("%") + spec;
        return false;
      }
      literal_char(spec);  // MySQL prints an unknown non-letter specifier as the character
      continue;
    }
    if (in_quotes) {
      out.push_back('"');
      in_quotes = false;
    }
    out.append(pg);
  }
  if (in_quotes) out.push_back('"');
  return true;
}

}  // namespace switchyard::sql
