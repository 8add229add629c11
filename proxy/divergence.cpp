#include "proxy/divergence.hpp"

#include <boost/json.hpp>

#include "sql/literals.hpp"

namespace switchyard::proxy {
namespace json = boost::json;
namespace {

// A key that is UTF-8 text goes in as a string; any other bytes (a VARBINARY key) as {"hex": ...}.
json::value encode_key(const std::string& key) {
  if (sql::is_postgres_text(key)) return json::value(key);
  std::string hex;
  sql::append_hex(key, hex);
  json::object o;
  o["hex"] = hex;
  return o;
}

bool decode_key(const json::value& v, std::string& out) {
  if (v.is_string()) {
    out.assign(v.as_string().begin(), v.as_string().end());
    return true;
  }
  const json::object* o = v.if_object();
  const json::value* hex = o != nullptr ? o->if_contains("hex") : nullptr;
  if (hex == nullptr || !hex->is_string() || hex->as_string().size() % 2 != 0) return false;
  out.clear();
  const auto nibble = [](char c) { return c >= 'a' ? c - 'a' + 10 : c - '0'; };
  const json::string& h = hex->as_string();
  for (std::size_t i = 0; i < h.size(); i += 2) {
    for (const char c : {h[i], h[i + 1]})
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    out.push_back(static_cast<char>(nibble(h[i]) * 16 + nibble(h[i + 1])));
  }
  return true;
}

}  // namespace

std::string encode_divergence(const divergence& d) {
  json::object o;
  o["schema"] = d.schema;
  o["table"] = d.table;
  json::array keys;
  for (const auto& k : d.keys) keys.push_back(encode_key(k));
  o["keys"] = std::move(keys);
  o["digest"] = d.digest;
  // As a string: JSON numbers lose 64-bit integers in many readers.
  o["fingerprint"] = std::to_string(d.fingerprint);
  o["reason"] = d.reason;
  o["unix_micros"] = d.unix_micros;
  return json::serialize(o);
}

bool decode_divergence(std::string_view line, divergence& out, std::string& error) {
  boost::system::error_code ec;
  const json::value v = json::parse(line, ec);
  if (ec) {
    error = "not JSON: " + ec.message();
    return false;
  }
  const json::object* o = v.if_object();
  if (o == nullptr) {
    error = "not a JSON object";
    return false;
  }
  auto text = [&](const char* key, std::string& to) {
    const json::value* f = o->if_contains(key);
    if (f == nullptr || !f->is_string()) {
      error = std::string("missing or non-string \"") + key + "\"";
      return false;
    }
    to.assign(f->as_string().begin(), f->as_string().end());
    return true;
  };
  divergence d;
  std::string fingerprint;
  if (!text("schema", d.schema) || !text("table", d.table) || !text("digest", d.digest) ||
      !text("fingerprint", fingerprint) || !text("reason", d.reason))
    return false;
  try {
    std::size_t used = 0;
    d.fingerprint = std::stoull(fingerprint, &used);
    if (used != fingerprint.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    error = "fingerprint is not a number";
    return false;
  }
  const json::value* keys = o->if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    error = "missing or non-array \"keys\"";
    return false;
  }
  for (const auto& k : keys->as_array()) {
    if (!decode_key(k, d.keys.emplace_back())) {
      error = "a key that is neither a string nor {\"hex\": ...}";
      return false;
    }
  }
  const json::value* when = o->if_contains("unix_micros");
  if (when == nullptr || !when->is_int64()) {
    error = "missing or non-integer \"unix_micros\"";
    return false;
  }
  d.unix_micros = when->as_int64();
  out = std::move(d);
  return true;
}

}  // namespace switchyard::proxy
