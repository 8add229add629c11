// Safety of literals (issue 3 item 5): no literal's content can escape its literal. Random values
// built from the dangerous pieces (quotes, backslashes, NUL, invalid and valid multibyte UTF-8,
// comment markers, $$, ;, newlines) are written as MySQL string literals by MySQL's escaping rules
// under each sql_mode, embedded in a few statement shapes and translated. PostgreSQL's own parser
// (libpg_query) then checks that the output
//   (a) parses,
//   (b) holds the value byte for byte: every string constant (A_Const sval, or the hex of a
//       '\x..'::bytea cast) at a place where the reference statement has its literal decodes to
//       exactly the intended bytes, and every other constant equals the reference's;
//   (c) has the same structure as the same statement with a plain reference literal of the same
//       class ('x' for text, 'x\0' for bytes): the JSON parse trees are identical once A_Const
//       string values and locations are blanked.
// Deterministic (fixed seeds). The MySQL texts are first checked to decode to the intended value
// with sql::decode_string, so a failure is the translator's, not the generator's.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sql/lexer.hpp"
#include "sql/literals.hpp"
#include "sql/translate.hpp"
#include "support/corpus_catalog.hpp"
#include "support/mysql_literal.hpp"
#include "support/pg_parse.hpp"

namespace switchyard::test {
namespace {

struct shape {
  const char* name;
  std::string (*build)(const std::string& lit);
  int literals;  // how many times the literal appears
  bool names_column = false;  // a SELECT of the bare literal: MySQL names the column after it
};

const shape shapes[] = {
    {"select_where", [](const std::string& l) { return "SELECT id FROM users WHERE name = " + l; }, 1},
    {"insert", [](const std::string& l) { return "INSERT INTO users (email, name) VALUES (" + l + ", " + l + ")"; }, 2},
    {"update", [](const std::string& l) { return "UPDATE users SET name = " + l + " WHERE id = 1"; }, 1},
    {"select_value", [](const std::string& l) { return "SELECT " + l + ", 1"; }, 1, true},
    {"concat", [](const std::string& l) { return "SELECT CONCAT(" + l + ", name) AS c FROM users WHERE id = 2"; }, 1},
    {"on_duplicate", [](const std::string& l) {
       return "INSERT INTO counters (name, hits) VALUES (" + l + ", 1) ON DUPLICATE KEY UPDATE name = " + l;
     }, 2},
    {"delete_in", [](const std::string& l) { return "DELETE FROM users WHERE email IN ('a', " + l + ") LIMIT 1"; }, 1},
    // Binary columns: every value, text or not, must arrive as exactly its bytes.
    {"insert_blob", [](const std::string& l) { return "INSERT INTO blobs (k, v) VALUES (" + l + ", " + l + ")"; }, 2},
    {"select_blob", [](const std::string& l) { return "SELECT k FROM blobs WHERE k = " + l; }, 1},
};

const sql::sql_mode modes[] = {
    {},
    {.no_backslash_escapes = true},
    {.ansi_quotes = true},
    {.ansi_quotes = true, .no_backslash_escapes = true},
};

std::string mode_name(sql::sql_mode m) {
  std::string s;
  if (m.ansi_quotes) s += "ANSI_QUOTES ";
  if (m.no_backslash_escapes) s += "NO_BACKSLASH_ESCAPES ";
  return s.empty() ? "default " : s;
}

std::string printable(std::string_view bytes) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

bool decode_hex(std::string_view s, std::string& out) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  if (s.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

bool is_bytea_cast(const boost::json::object& type_cast) {
  const auto* type_name = type_cast.if_contains("typeName");
  if (type_name == nullptr || !type_name->is_object()) return false;
  const auto* names = type_name->as_object().if_contains("names");
  if (names == nullptr || !names->is_array() || names->as_array().empty()) return false;
  const auto& last = names->as_array().back();
  const auto* str = last.is_object() ? last.as_object().if_contains("String") : nullptr;
  const auto* sval = (str != nullptr && str->is_object()) ? str->as_object().if_contains("sval") : nullptr;
  return sval != nullptr && sval->is_string() && sval->as_string() == "bytea";
}

void blank_locations(boost::json::value& v) {
  if (v.is_array()) {
    for (auto& e : v.as_array()) blank_locations(e);
  } else if (v.is_object()) {
    for (auto& [key, value] : v.as_object()) {
      if (key == "location") value = 0;
      else blank_locations(value);
    }
  }
}

// Collects the string constants (bytea casts decoded from hex) in tree order, and blanks them and
// every location so that two trees compare by structure only.
// Output column names (ResTarget names: a SELECT of a literal is named after its value, as MySQL
// names it) are collected into `aliases` and removed, so they are checked on their own.
void collect_and_blank(boost::json::value& v, std::vector<std::string>& constants, std::vector<std::string>& aliases,
                       bool& bad_hex) {
  if (v.is_array()) {
    for (auto& e : v.as_array()) collect_and_blank(e, constants, aliases, bad_hex);
    return;
  }
  if (!v.is_object()) return;
  auto& obj = v.as_object();
  if (auto* rt = obj.if_contains("ResTarget"); rt != nullptr && rt->is_object()) {
    if (auto* name = rt->as_object().if_contains("name"); name != nullptr && name->is_string()) {
      aliases.emplace_back(name->as_string());
      rt->as_object().erase("name");
    }
  }
  if (auto* tc = obj.if_contains("TypeCast"); tc != nullptr && tc->is_object() && is_bytea_cast(tc->as_object())) {
    auto* arg = tc->as_object().if_contains("arg");
    auto* ac = (arg != nullptr && arg->is_object()) ? arg->as_object().if_contains("A_Const") : nullptr;
    auto* outer = (ac != nullptr && ac->is_object()) ? ac->as_object().if_contains("sval") : nullptr;
    auto* inner = (outer != nullptr && outer->is_object()) ? outer->as_object().if_contains("sval") : nullptr;
    if (inner != nullptr && inner->is_string()) {
      const std::string_view text = inner->as_string();
      std::string bytes;
      if (text.substr(0, 2) != "\\x" || !decode_hex(text.substr(2), bytes)) bad_hex = true;
      constants.push_back("bytea:" + bytes);
      *inner = "";
      blank_locations(*tc);
      return;
    }
  }
  if (auto* ac = obj.if_contains("A_Const"); ac != nullptr && ac->is_object()) {
    auto& a = ac->as_object();
    if (auto* outer = a.if_contains("sval"); outer != nullptr && outer->is_object()) {
      if (auto* inner = outer->as_object().if_contains("sval"); inner != nullptr && inner->is_string()) {
        constants.push_back("text:" + std::string(inner->as_string()));
        *inner = "";
      }
    }
  }
  for (auto& [key, value] : obj) {
    if (key == "location" || key == "stmt_location" || key == "stmt_len") {
      value = 0;
    } else {
      collect_and_blank(value, constants, aliases, bad_hex);
    }
  }
}

// The tree as text with every object's keys sorted (erasing a key reorders a boost::json::object).
std::string sorted_serialize(const boost::json::value& v) {
  if (v.is_array()) {
    std::string out = "[";
    for (const auto& e : v.as_array()) out += sorted_serialize(e) + ",";
    return out + "]";
  }
  if (!v.is_object()) return boost::json::serialize(v);
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& [key, value] : v.as_object()) items.emplace_back(std::string(key), sorted_serialize(value));
  std::sort(items.begin(), items.end());
  std::string out = "{";
  for (const auto& [key, value] : items) out += boost::json::serialize(boost::json::value(key)) + ":" + value + ",";
  return out + "}";
}

struct analysed {
  bool ok = false;
  std::string error;
  std::string structure;               // blanked tree
  std::vector<std::string> constants;  // "text:<bytes>" / "bytea:<bytes>"
  std::vector<std::string> aliases;    // output column names, in tree order
};

analysed analyse(const std::string& pg_text) {
  analysed a;
  if (pg_text.find('\0') != std::string::npos) {
    a.error = "the PostgreSQL text holds a raw NUL byte";
    return a;
  }
  const auto parsed = pg_parse(pg_text);
  if (!parsed.ok) {
    a.error = "does not parse: " + parsed.error;
    return a;
  }
  boost::system::error_code ec;
  boost::json::value tree = boost::json::parse(parsed.tree_json, ec);
  if (ec) {
    a.error = "parse tree is not JSON (invalid UTF-8 in the output?): " + ec.message();
    return a;
  }
  bool bad_hex = false;
  collect_and_blank(tree, a.constants, a.aliases, bad_hex);
  if (bad_hex) {
    a.error = "a bytea constant is not '\\x<hex>'";
    return a;
  }
  a.structure = sorted_serialize(tree);
  a.ok = true;
  return a;
}

sql::translate_result translate(const std::string& mysql, sql::sql_mode mode) {
  return sql::translate(mysql, {.mode = mode, .current_database = "app", .tables = &corpus_catalog()});
}

// Runs `count` random values through every shape under `mode`; returns failures (printing the
// first few). Refusals of byte (non-text) values are counted, not failures: PostgreSQL text
// cannot hold them, and refusing is a faithful answer for a text column.
void run(sql::sql_mode mode, std::uint32_t seed, int count) {
  std::mt19937 rng(seed);
  int failures = 0, translated = 0, refused_binary = 0, checked_values = 0;
  auto fail = [&](const std::string& what) {
    if (++failures <= 8) ADD_FAILURE() << what;
  };
  for (int i = 0; i < count; ++i) {
    const std::string value = random_value(rng);
    const bool text = sql::is_postgres_text(value);
    const std::string lit = mysql_literal(value, mode, rng);
    const std::string ref_lit = text ? "'x'" : (mode.no_backslash_escapes ? std::string("'x") + '\0' + "'" : "'x\\0'");
    const std::string ref_value = text ? "x" : std::string("x\0", 2);

    // The generator's own check: MySQL's rules read the literal back as the intended value.
    {
      sql::lexer lex(lit, mode);
      const sql::token t = lex.next();
      std::string decoded;
      if (t.kind == sql::token_kind::string) sql::decode_string(t, lit, mode, decoded);
      if (t.kind != sql::token_kind::string || t.length != lit.size() || decoded != value) {
        fail("generator/lexer disagree: MySQL literal " + printable(lit) + " should be one string holding " +
             printable(value) + ", lexed as kind " + std::to_string(static_cast<int>(t.kind)) + " length " +
             std::to_string(t.length) + " value " + printable(decoded));
        continue;
      }
    }

    for (const shape& sh : shapes) {
      const std::string mysql = sh.build(lit);
      const std::string context = std::string(sh.name) + " under " + mode_name(mode) + "\n  MySQL: " +
                                  printable(mysql) + "\n  value: " + printable(value);
      const auto r = translate(mysql, mode);
      if (!r.ok) {
        if (text) fail(context + "\n  refused: " + r.reason.construct);
        else ++refused_binary;
        continue;
      }
      ++translated;
      const auto actual = analyse(r.output.text);
      if (!actual.ok) {
        fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  " + actual.error);
        continue;
      }
      const auto ref_translation = translate(sh.build(ref_lit), mode);
      if (!ref_translation.ok) {
        fail(context + "\n  the reference statement is refused: " + ref_translation.reason.construct);
        continue;
      }
      const auto reference = analyse(ref_translation.output.text);
      if (!reference.ok) {
        fail(context + "\n  reference PostgreSQL: " + ref_translation.output.text + "\n  " + reference.error);
        continue;
      }
      if (actual.structure != reference.structure || actual.constants.size() != reference.constants.size()) {
        fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  reference:  " +
             printable(ref_translation.output.text) + "\n  the statement's structure changed:\n  " +
             actual.structure + "\n  " + reference.structure);
        continue;
      }
      int placed = 0;
      for (std::size_t k = 0; k < reference.constants.size(); ++k) {
        const std::string& ref = reference.constants[k];
        const std::string& got = actual.constants[k];
        const std::string kind = ref.substr(0, ref.find(':') + 1);
        if (ref == kind + ref_value) {
          ++placed;
          // The value may come out as text or bytea; its bytes must be exact either way.
          const std::string bytes = got.substr(got.find(':') + 1);
          if (bytes != value) {
            fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  constant " + std::to_string(k) +
                 " holds " + printable(got) + " instead of the value");
          }
        } else if (got != ref) {
          fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  constant " + std::to_string(k) +
               " differs from the reference's: " + printable(got) + " vs " + printable(ref));
        }
      }
      // MySQL names a selected literal after its value; PostgreSQL truncates names past 63 bytes
      // and cannot name a column '' (then no alias is fine).
      if (sh.names_column && text && !value.empty() && value.size() <= 63 &&
          (actual.aliases.empty() || actual.aliases[0] != value)) {
        fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  the column is not named after the value");
      }
      if (placed < sh.literals) {
        fail(context + "\n  PostgreSQL: " + printable(r.output.text) + "\n  the value appears " +
             std::to_string(placed) + " times as a constant, expected " + std::to_string(sh.literals));
      }
      ++checked_values;
    }
  }
  std::cout << "[ safety   ] " << mode_name(mode) << "seed " << seed << ": " << count << " values x "
            << std::size(shapes) << " shapes: " << translated << " translated, " << checked_values
            << " checked byte-exact, " << refused_binary << " byte-string statements refused, " << failures
            << " failures\n";
  EXPECT_EQ(failures, 0);
  EXPECT_GT(checked_values, 0) << "nothing was checked: the translator refused everything";
}

TEST(TranslateSafety, DefaultMode) { run(modes[0], 1001, 1500); }
TEST(TranslateSafety, NoBackslashEscapes) { run(modes[1], 2002, 1500); }
TEST(TranslateSafety, AnsiQuotes) { run(modes[2], 3003, 1500); }
TEST(TranslateSafety, AnsiQuotesAndNoBackslashEscapes) { run(modes[3], 4004, 1500); }

// The analysis itself: a bytea constant decodes, a changed structure is seen, locations do not count.
TEST(TranslateSafety, AnalysisSeesValuesAndStructure) {
  const auto a = analyse("SELECT id FROM users WHERE name = 'a''b' AND k = '\\x00ff'::bytea");
  ASSERT_TRUE(a.ok) << a.error;
  ASSERT_EQ(a.constants.size(), 2u);
  EXPECT_EQ(a.constants[0], "text:a'b");
  EXPECT_EQ(a.constants[1], std::string("bytea:\0\xff", 8));
  const auto b = analyse("SELECT id  FROM users WHERE name = 'zz' AND k = '\\x01'::bytea");
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(a.structure, b.structure);
  const auto c = analyse("SELECT id FROM users WHERE name = 'a' OR 1 = 1 AND k = '\\x01'::bytea");
  ASSERT_TRUE(c.ok);
  EXPECT_NE(a.structure, c.structure);
  EXPECT_FALSE(analyse("SELECT 'a").ok);
  EXPECT_FALSE(analyse(std::string("SELECT 'a\0'", 11)).ok);
}

}  // namespace
}  // namespace switchyard::test
