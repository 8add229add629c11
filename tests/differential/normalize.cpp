#include "differential/normalize.hpp"

#include <mysql.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace switchyard::test {
namespace {

constexpr unsigned binary_charset = 63;

enum class cell_kind { decimal, floating, bytes, json, temporal, text };

struct decision {
  cell_kind kind = cell_kind::text;
  std::optional<unsigned> scale;  // decimal: MySQL's scale, when MySQL gave a number
  bool single = false;
};

decision decide(mysql_column m, pg_kind p) {
  decision d;
  d.single = m.kind == mysql_kind::single_float || p == pg_kind::single_float;
  if (p == pg_kind::boolean) {
    d.kind = cell_kind::decimal;
    d.scale = 0;
  } else if (p == pg_kind::bytea || p == pg_kind::bits || m.kind == mysql_kind::binary || m.kind == mysql_kind::bit) {
    d.kind = cell_kind::bytes;
  } else if (m.kind == mysql_kind::floating || m.kind == mysql_kind::single_float || p == pg_kind::floating ||
             p == pg_kind::single_float) {
    d.kind = cell_kind::floating;
  } else if (m.kind == mysql_kind::integer || m.kind == mysql_kind::decimal || p == pg_kind::integer ||
             p == pg_kind::numeric) {
    d.kind = cell_kind::decimal;
    if (m.kind == mysql_kind::integer) d.scale = 0;
    if (m.kind == mysql_kind::decimal) d.scale = m.scale;
  } else if (p == pg_kind::json || m.kind == mysql_kind::json) {
    d.kind = cell_kind::json;
  } else if (m.kind == mysql_kind::temporal || p == pg_kind::temporal) {
    d.kind = cell_kind::temporal;
  }
  return d;
}

std::string to_hex(const std::string& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// PostgreSQL bit string '00000101' -> bytes, left-padded to whole bytes as MySQL's BIT values are.
std::string bits_to_bytes(const std::string& bits) {
  std::string padded(static_cast<std::size_t>((8 - bits.size() % 8) % 8), '0');
  padded += bits;
  std::string out;
  for (std::size_t i = 0; i + 8 <= padded.size(); i += 8) {
    out += static_cast<char>(std::stoi(padded.substr(i, 8), nullptr, 2));
  }
  return out;
}

std::string canonical_temporal(std::string v) {
  for (const char* suffix : {"+00:00", "+00"}) {
    const std::string s(suffix);
    if (v.size() > s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0) {
      v.resize(v.size() - s.size());
      break;
    }
  }
  if (v.find('.') != std::string::npos) {
    while (!v.empty() && v.back() == '0') v.pop_back();
    if (!v.empty() && v.back() == '.') v.pop_back();
  }
  return v;
}

canonical_cell floating(const std::string& text, bool single) {
  canonical_cell c;
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') {
    c.text = text;  // not a number (e.g. PostgreSQL's NaN spelled differently): compare as text
    return c;
  }
  c.is_float = true;
  c.single = single;
  c.number = d;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", d);
  c.text = buf;
  return c;
}

boost::json::value canonical_json_value(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      std::vector<std::pair<std::string, boost::json::value>> items;
      for (const auto& [k, x] : v.as_object()) items.emplace_back(std::string(k), canonical_json_value(x));
      std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      boost::json::object o;
      for (auto& [k, x] : items) o[k] = std::move(x);
      return o;
    }
    case boost::json::kind::array: {
      boost::json::array a;
      for (const auto& x : v.as_array()) a.push_back(canonical_json_value(x));
      return a;
    }
    case boost::json::kind::int64: return static_cast<double>(v.as_int64());
    case boost::json::kind::uint64: return static_cast<double>(v.as_uint64());
    default: return v;
  }
}

canonical_cell canonical(const cell& v, decision d, bool from_pg, pg_kind pg) {
  canonical_cell c;
  if (!v) {
    c.is_null = true;
    return c;
  }
  std::string value = *v;
  switch (d.kind) {
    case cell_kind::decimal: {
      if (from_pg && pg == pg_kind::boolean) value = value == "t" ? "1" : value == "f" ? "0" : value;
      const std::string dec = canonical_decimal(value, from_pg ? d.scale : std::nullopt);
      c.text = dec.empty() ? value : dec;
      return c;
    }
    case cell_kind::floating:
      if (from_pg && pg == pg_kind::boolean) value = value == "t" ? "1" : "0";
      return floating(value, d.single);
    case cell_kind::bytes:
      if (from_pg && pg == pg_kind::bytea && value.rfind("\\x", 0) == 0) {
        c.text = value.substr(2);  // already hex, lower case
      } else if (from_pg && pg == pg_kind::bits) {
        c.text = to_hex(bits_to_bytes(value));
      } else {
        c.text = to_hex(value);
      }
      return c;
    case cell_kind::json: {
      const auto j = canonical_json(value);
      c.text = j ? *j : value;
      return c;
    }
    case cell_kind::temporal: c.text = canonical_temporal(value); return c;
    case cell_kind::text: c.text = value; return c;
  }
  return c;
}

}  // namespace

mysql_column mysql_column_of(int field_type, unsigned charsetnr, unsigned decimals) {
  mysql_column c;
  switch (field_type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_YEAR: c.kind = mysql_kind::integer; break;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      c.kind = mysql_kind::decimal;
      c.scale = decimals;
      break;
    case MYSQL_TYPE_FLOAT: c.kind = mysql_kind::single_float; break;
    case MYSQL_TYPE_DOUBLE: c.kind = mysql_kind::floating; break;
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_NEWDATE:
    case MYSQL_TYPE_TIMESTAMP2:
    case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIME2: c.kind = mysql_kind::temporal; break;
    case MYSQL_TYPE_BIT: c.kind = mysql_kind::bit; break;
    case MYSQL_TYPE_JSON: c.kind = mysql_kind::json; break;
    default: c.kind = charsetnr == binary_charset ? mysql_kind::binary : mysql_kind::text; break;
  }
  return c;
}

pg_kind pg_kind_of(unsigned oid) {
  switch (oid) {
    case 16: return pg_kind::boolean;
    case 17: return pg_kind::bytea;
    case 20:
    case 21:
    case 23:
    case 26: return pg_kind::integer;
    case 1700: return pg_kind::numeric;
    case 700: return pg_kind::single_float;
    case 701: return pg_kind::floating;
    case 1082:
    case 1083:
    case 1114:
    case 1184:
    case 1266: return pg_kind::temporal;
    case 1560:
    case 1562: return pg_kind::bits;
    case 114:
    case 3802: return pg_kind::json;
    default: return pg_kind::text;
  }
}

canonical_cell canonical_mysql(const cell& v, mysql_column mysql, pg_kind pg) {
  return canonical(v, decide(mysql, pg), false, pg);
}

canonical_cell canonical_pg(const cell& v, mysql_column mysql, pg_kind pg) {
  return canonical(v, decide(mysql, pg), true, pg);
}

bool equal(const canonical_cell& a, const canonical_cell& b) {
  if (a.is_null || b.is_null) return a.is_null == b.is_null;
  if (a.is_float && b.is_float) {
    const double tolerance = (a.single || b.single) ? 1e-6 : 1e-9;
    const double scale = std::max({std::fabs(a.number), std::fabs(b.number), 1e-300});
    return a.number == b.number || std::fabs(a.number - b.number) / scale <= tolerance;
  }
  return a.is_float == b.is_float && a.text == b.text;
}

std::string canonical_decimal(const std::string& text, std::optional<unsigned> scale) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string int_part, frac_part;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') int_part += text[i++];
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') frac_part += text[i++];
  }
  if (i != text.size() || (int_part.empty() && frac_part.empty())) return {};
  if (scale && frac_part.size() > *scale) {
    const bool round_up = frac_part[*scale] >= '5';
    frac_part.resize(*scale);
    if (round_up) {
      // Add one unit in the last kept place, carrying through the fraction into the integer part.
      std::string digits = int_part + frac_part;
      int k = static_cast<int>(digits.size()) - 1;
      while (k >= 0 && digits[static_cast<std::size_t>(k)] == '9') digits[static_cast<std::size_t>(k--)] = '0';
      if (k >= 0) digits[static_cast<std::size_t>(k)]++;
      else digits.insert(digits.begin(), '1');
      int_part = digits.substr(0, digits.size() - frac_part.size());
      frac_part = digits.substr(digits.size() - frac_part.size());
    }
  }
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  const std::size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  std::string out = int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  if (negative && out != "0") out.insert(out.begin(), '-');
  return out;
}

std::optional<std::string> canonical_json(const std::string& text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  return boost::json::serialize(canonical_json_value(v));
}

}  // namespace switchyard::test
