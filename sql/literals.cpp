#include "sql/literals.hpp"

#include "sql/ascii.hpp"

namespace switchyard::sql {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}


// The digits of 0x.. / 0b.. or the body of X'..' / b'..'.
std::string_view radix_digits(const token& t, std::string_view source) noexcept {
  const std::string_view text = token_text(t, source).substr(t.introducer_length);
  if (t.has(token_flag::literal_quoted)) return token_body(t, source);
  return text.size() >= 2 ? text.substr(2) : std::string_view{};
}

}  // namespace

std::string_view to_string(literal_class c) {
  switch (c) {
    case literal_class::integer: return "integer";
    case literal_class::decimal: return "decimal";
    case literal_class::floating: return "floating";
    case literal_class::text: return "text";
    case literal_class::binary: return "binary";
    case literal_class::hex: return "hex";
    case literal_class::bit: return "bit";
  }
  return "integer";
}

bool is_literal_token(const token& t) noexcept {
  return t.kind == token_kind::string || t.kind == token_kind::number || t.kind == token_kind::hex_literal ||
         t.kind == token_kind::bit_literal;
}

void decode_string(const token& t, std::string_view source, sql_mode mode, std::string& out) {
  out.clear();
  const std::string_view body = token_body(t, source);
  const bool backslashes = !mode.no_backslash_escapes;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\\' && backslashes && i + 1 < body.size()) {
      const char e = body[++i];
      switch (e) {
        case '0': out.push_back('\0'); break;
        case 'b': out.push_back('\b'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'Z': out.push_back('\x1a'); break;
        case '%':
        case '_':
          out.push_back('\\');
          out.push_back(e);
          break;
        default: out.push_back(e); break;
      }
      continue;
    }
    if (c == t.quote && i + 1 < body.size() && body[i + 1] == t.quote) {
      out.push_back(c);
      ++i;
      continue;
    }
    out.push_back(c);
  }
}

bool decode_hex(const token& t, std::string_view source, std::string& out) {
  out.clear();
  const std::string_view digits = radix_digits(t, source);
  std::size_t i = 0;
  if (digits.size() % 2 != 0) {
    // 0xabc is 0x0abc; X'abc' is an error in MySQL.
    if (t.has(token_flag::literal_quoted)) return false;
    const int v = hex_value(digits[0]);
    if (v < 0) return false;
    out.push_back(static_cast<char>(v));
    i = 1;
  }
  for (; i < digits.size(); i += 2) {  // an even count remains
    const int hi = hex_value(digits[i]), lo = hex_value(digits[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

bool decode_bits(const token& t, std::string_view source, std::string& out) {
  out.clear();
  const std::string_view digits = radix_digits(t, source);
  const std::size_t lead = digits.size() % 8;
  unsigned value = 0;
  std::size_t bits = lead == 0 ? 8 : lead;
  for (const char c : digits) {
    if (c != '0' && c != '1') return false;
    value = (value << 1) | static_cast<unsigned>(c - '0');
    if (--bits == 0) {
      out.push_back(static_cast<char>(value));
      value = 0;
      bits = 8;
    }
  }
  return true;
}

bool is_postgres_text(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned c = p[i];
    if (c < 0x80) {
      if (c == 0) return false;
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

literal_class classify_literal(const token& t, std::string_view source, sql_mode mode, std::string& scratch) {
  switch (t.kind) {
    case token_kind::number:
      if (t.has(token_flag::number_float)) return literal_class::floating;
      if (t.has(token_flag::number_decimal)) return literal_class::decimal;
      return literal_class::integer;
    case token_kind::hex_literal: return literal_class::hex;
    case token_kind::bit_literal: return literal_class::bit;
    default: break;
  }
  if (ascii_iequals(token_introducer(t, source), "binary")) return literal_class::binary;
  decode_string(t, source, mode, scratch);
  return is_postgres_text(scratch) ? literal_class::text : literal_class::binary;
}

void append_pg_string(std::string_view bytes, std::string& out) {
  out.push_back('\'');
  for (const char c : bytes) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
}

void append_hex(std::string_view bytes, std::string& out) {
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(hex_digits[b >> 4]);
    out.push_back(hex_digits[b & 15]);
  }
}

void append_pg_bytea(std::string_view bytes, std::string& out) {
  out.append("'\\x");
  append_hex(bytes, out);
  out.append("'::bytea");
}

bool append_pg_literal(const token& t, std::string_view source, sql_mode mode, literal_class cls,
                       std::string& scratch, std::string& out) {
  switch (cls) {
    case literal_class::integer:
    case literal_class::decimal: {
      if (t.kind != token_kind::number) return false;
      const std::string_view text = token_text(t, source);
      if (text.front() == '.') out.push_back('0');
      out.append(text);
      if (text.back() == '.') out.push_back('0');
      return true;
    }
    case literal_class::floating: {
      if (t.kind != token_kind::number) return false;
      const std::string_view text = token_text(t, source);
      out.push_back('\'');
      out.append(text);
      out.append("'::float8");
      return true;
    }
    case literal_class::text:
    case literal_class::binary:
      if (t.kind != token_kind::string) return false;
      decode_string(t, source, mode, scratch);
      if (cls == literal_class::text) {
        if (!is_postgres_text(scratch)) return false;
        append_pg_string(scratch, out);
      } else {
        append_pg_bytea(scratch, out);
      }
      return true;
    case literal_class::hex:
      if (t.kind != token_kind::hex_literal || !decode_hex(t, source, scratch)) return false;
      append_pg_bytea(scratch, out);
      return true;
    case literal_class::bit:
      if (t.kind != token_kind::bit_literal || !decode_bits(t, source, scratch)) return false;
      append_pg_bytea(scratch, out);
      return true;
  }
  return false;
}

}  // namespace switchyard::sql
