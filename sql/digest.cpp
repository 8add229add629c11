#include "sql/digest.hpp"

#include <array>
#include <cstddef>

#include "sql/byte_load.hpp"
#include "sql/token_buffer.hpp"

namespace switchyard::sql {
namespace {

constexpr std::array<std::string_view, 385> keywords = {
    "ACCESSIBLE", "ACTION", "ADD", "AFTER", "AGAINST", "ALGORITHM", "ALL", "ALTER", "ANALYZE", "AND", "ANY",
    "AS", "ASC", "ASCII", "ASENSITIVE", "AUTO_INCREMENT", "AVG", "BEFORE", "BEGIN", "BETWEEN", "BIGINT",
    "BINARY", "BINLOG", "BLOB", "BOOL", "BOOLEAN", "BOTH", "BTREE", "BY", "CALL", "CASCADE", "CASE", "CAST",
    "CHANGE", "CHAR", "CHARACTER", "CHARSET", "CHECK", "CHECKSUM", "COLLATE", "COLLATION", "COLUMN",
    "COLUMNS", "COMMENT", "COMMIT", "COMMITTED", "CONDITION", "CONSISTENT", "CONSTRAINT", "CONTINUE",
    "CONVERT", "COUNT", "CREATE", "CROSS", "CUBE", "CUME_DIST", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATA", "DATABASE", "DATABASES", "DATE", "DATETIME", "DAY",
    "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND", "DEALLOCATE", "DEC", "DECIMAL", "DECLARE",
    "DEFAULT", "DELAYED", "DELETE", "DENSE_RANK", "DESC", "DESCRIBE", "DETERMINISTIC", "DISTINCT",
    "DISTINCTROW", "DIV", "DO", "DOUBLE", "DROP", "DUAL", "DUPLICATE", "DYNAMIC", "EACH", "ELSE", "ELSEIF",
    "EMPTY", "ENCLOSED", "END", "ENGINE", "ENGINES", "ENUM", "ESCAPE", "ESCAPED", "EVENT", "EVENTS", "EXCEPT",
    "EXECUTE", "EXISTS", "EXIT", "EXPLAIN", "EXTENDED", "EXTRACT", "FALSE", "FETCH", "FIELDS", "FIRST",
    "FIRST_VALUE", "FLOAT", "FLOAT4", "FLOAT8", "FLUSH", "FOLLOWING", "FOR", "FORCE", "FOREIGN", "FORMAT",
    "FROM", "FULL", "FULLTEXT", "FUNCTION", "GENERATED", "GET", "GLOBAL", "GRANT", "GRANTS", "GROUP",
    "GROUPING", "GROUPS", "GROUP_CONCAT", "HANDLER", "HASH", "HAVING", "HIGH_PRIORITY", "HOUR",
    "HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX", "INDEXES", "INFILE",
    "INNER", "INOUT", "INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3", "INT4", "INT8", "INTEGER",
    "INTERSECT", "INTERVAL", "INTO", "IS", "ISOLATION", "ITERATE", "JOIN", "JSON", "JSON_TABLE", "KEY",
    "KEYS", "KILL", "LAG", "LAST", "LAST_VALUE", "LATERAL", "LEAD", "LEADING", "LEAVE", "LEFT", "LEVEL",
    "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD", "LOCAL", "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LOCKED",
    "LOGS", "LONG", "LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY", "MASTER", "MATCH", "MAX", "MAXVALUE",
    "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT", "MERGE", "MIDDLEINT", "MIN", "MINUTE", "MINUTE_MICROSECOND",
    "MINUTE_SECOND", "MOD", "MODE", "MODIFIES", "MODIFY", "MONTH", "NAMES", "NATURAL", "NOT", "NOW", "NOWAIT",
    "NO_WRITE_TO_BINLOG", "NTH_VALUE", "NTILE", "NULL", "NULLS", "NUMERIC", "OF", "OFFSET", "ON", "ONLY",
    "OPEN", "OPTIMIZE", "OPTIMIZER_COSTS", "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE",
    "OVER", "PARTITION", "PARTITIONS", "PERCENT_RANK", "PLUGINS", "PRECEDING", "PRECISION", "PREPARE",
    "PRIMARY", "PRIVILEGES", "PROCEDURE", "PROCESSLIST", "PURGE", "QUARTER", "QUERY", "QUICK", "RANGE",
    "RANK", "READ", "READS", "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE", "RENAME",
    "REPEAT", "REPEATABLE", "REPLACE", "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN", "RETURNING", "REVOKE",
    "RIGHT", "RLIKE", "ROLLBACK", "ROLLUP", "ROW", "ROWS", "ROW_NUMBER", "SAVEPOINT", "SCHEMA", "SCHEMAS",
    "SECOND", "SECOND_MICROSECOND", "SELECT", "SENSITIVE", "SEPARATOR", "SERIALIZABLE", "SESSION", "SET",
    "SHARE", "SHOW", "SIGNAL", "SIGNED", "SKIP", "SLAVE", "SMALLINT", "SNAPSHOT", "SOME", "SPATIAL",
    "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT", "SQL_CALC_FOUND_ROWS",
    "SQL_NO_CACHE", "SQL_SMALL_RESULT", "SSL", "START", "STARTING", "STATUS", "STD", "STDDEV", "STORED",
    "STRAIGHT_JOIN", "SUBSTRING", "SUM", "SYSTEM", "TABLE", "TABLES", "TEMPORARY", "TERMINATED", "TEXT",
    "THEN", "TIME", "TIMESTAMP", "TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TRAILING", "TRANSACTION",
    "TRIGGER", "TRIGGERS", "TRIM", "TRUE", "TRUNCATE", "UNBOUNDED", "UNCOMMITTED", "UNDO", "UNION", "UNIQUE",
    "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USER", "USING", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP",
    "VALUE", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARIABLES", "VARYING", "VIEW", "VIRTUAL",
    "WARNINGS", "WEEK", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WORK", "WRITE", "XA", "XOR", "YEAR",
    "YEAR_MONTH", "ZEROFILL",
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Keyword lookup: a word is upper-cased into a zero-padded 24-byte key (three 64-bit lanes), hashed
// with multiply-xor over the lanes and the length, and found by open addressing over a table of
// keyword indexes; candidates are compared lane by lane (no per-byte hash chain, no memcmp).
constexpr std::size_t key_lanes = 3;
constexpr std::size_t max_keyword_length = 8 * key_lanes;

struct keyword_key {
  std::uint64_t lane[key_lanes] = {};
};

using detail::load_bytes;
using detail::load_bytes_fast;
constexpr std::uint64_t load_lane(const char* p) noexcept { return load_bytes(p, 8); }

constexpr std::uint64_t high_bits = 0x8080808080808080ull;
constexpr std::uint64_t ones = 0x0101010101010101ull;

// Upper-cases the ASCII letters of a lane whose bytes are all below 0x80.
constexpr std::uint64_t upper_lane(std::uint64_t v) noexcept {
  const std::uint64_t ge_a = v + (0x80 - 'a') * ones;        // high bit: byte >= 'a'
  const std::uint64_t gt_z = v + (0x80 - 'z' - 1) * ones;    // high bit: byte > 'z'
  return v - (((ge_a & ~gt_z) & high_bits) >> 2);
}

constexpr std::uint64_t key_hash(const keyword_key& k, std::size_t length) noexcept {
  std::uint64_t h = (k.lane[0] * 0x9e3779b97f4a7c15ull) ^ (k.lane[1] * 0xc2b2ae3d27d4eb4full) ^
                    (k.lane[2] * 0x165667b19e3779f9ull) ^ (length * 0xd6e8feb86659fd93ull);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  return h >> 32;
}

constexpr keyword_key make_key(std::string_view upper) noexcept {
  char buf[max_keyword_length] = {};
  for (std::size_t i = 0; i < upper.size() && i < max_keyword_length; ++i) buf[i] = upper[i];
  keyword_key k;
  for (std::size_t l = 0; l < key_lanes; ++l) k.lane[l] = load_lane(buf + 8 * l);
  return k;
}

constexpr std::size_t keyword_min_length = [] {
  std::size_t m = max_keyword_length;
  for (const std::string_view k : keywords) m = k.size() < m ? k.size() : m;
  return m;
}();
constexpr std::size_t keyword_max_length = [] {
  std::size_t m = 0;
  for (const std::string_view k : keywords) m = k.size() > m ? k.size() : m;
  return m;
}();
static_assert(keyword_max_length <= max_keyword_length);

constexpr std::array<keyword_key, keywords.size()> keyword_keys = [] {
  std::array<keyword_key, keywords.size()> keys{};
  for (std::size_t i = 0; i < keywords.size(); ++i) keys[i] = make_key(keywords[i]);
  return keys;
}();

// Slot holds keyword index + 1, 0 if empty.
constexpr std::array<std::uint16_t, 2048> keyword_slots = [] {
  std::array<std::uint16_t, 2048> slots{};
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    std::size_t slot = key_hash(keyword_keys[i], keywords[i].size()) & (slots.size() - 1);
    while (slots[slot] != 0) slot = (slot + 1) & (slots.size() - 1);
    slots[slot] = static_cast<std::uint16_t>(i + 1);
  }
  return slots;
}();

// The keyword list's index + 1 of `word` (any case), or 0 if it is no keyword.
std::size_t keyword_index(std::string_view word) noexcept {
  const std::size_t n = word.size();
  if (n < keyword_min_length || n > keyword_max_length) return 0;
  const char* p = word.data();
  const std::uint64_t l0 = load_bytes_fast(p, n);
  const std::uint64_t l1 = n > 8 ? load_bytes_fast(p + 8, n - 8) : 0;
  const std::uint64_t l2 = n > 16 ? load_bytes_fast(p + 16, n - 16) : 0;
  if (((l0 | l1 | l2) & high_bits) != 0) return 0;  // keywords are ASCII
  keyword_key key;
  key.lane[0] = upper_lane(l0);
  key.lane[1] = upper_lane(l1);
  key.lane[2] = upper_lane(l2);
  for (std::size_t slot = key_hash(key, n) & (keyword_slots.size() - 1);; slot = (slot + 1) & (keyword_slots.size() - 1)) {
    const std::uint16_t k = keyword_slots[slot];
    if (k == 0) return 0;
    const keyword_key& c = keyword_keys[k - 1];
    // Zero padding makes equal lanes imply equal length unless the word holds NUL bytes.
    if (((c.lane[0] ^ key.lane[0]) | (c.lane[1] ^ key.lane[1]) | (c.lane[2] ^ key.lane[2])) == 0 &&
        keywords[k - 1].size() == n)
      return k;
  }
}

// The keyword list's upper-case spelling of `word`, or empty if it is no keyword.
std::string_view keyword_of(std::string_view word) noexcept {
  const std::size_t k = keyword_index(word);
  return k == 0 ? std::string_view{} : keywords[k - 1];
}
constexpr bool is_ident(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// What the last emitted token was, for spacing and sign and list rules.
enum class emitted : std::uint8_t { none, literal, string_literal, operand, keyword, open, close, comma, dot, op, sign, variable };

constexpr std::size_t max_tracked_depth = 32;

// No default member initializers: the digester's stack of these is left uninitialized (an entry
// is written when its '(' opens, before anything reads it), so a call does not clear it.
struct paren {
  std::uint32_t at;    // offset of '(' in the output
  bool after_in;       // opened right after IN
  bool only_literals;  // holds only `?` and `,` so far
  bool any_literal;
};

class digester {
 public:
  digester(std::string_view text, std::string& out) : src_(text), out_(out) {}

  // `next()` yields the text's tokens, then `end`: a lexer's, or a token_buffer's.
  template <class Next>
  digest_result run(Next next) {
    out_.clear();
    digest_result r;
    for (;;) {
      const token t = next();
      if (t.kind == token_kind::end) break;
      if (t.kind == token_kind::error) {
        r.complete = false;
        literal(false);
        break;
      }
      step(t);
    }
    r.fingerprint = fnv1a_64(out_);
    return r;
  }

 private:
  void space_for(bool closing) {
    if (pending_semicolon_) {
      out_ += ';';
      pending_semicolon_ = false;
      last_ = emitted::op;
    }
    if (out_.empty() || closing || last_ == emitted::open || last_ == emitted::dot) return;
    out_ += ' ';
  }

  // Anything but `?` and `,` inside the innermost parenthesis spoils its literal list.
  void spoil() {
    if (depth_ > 0 && depth_ <= max_tracked_depth) parens_[depth_ - 1].only_literals = false;
  }

  // VALUES rows only continue while nothing but `,` and `(...)` follows at the VALUES depth.
  void leave_values_unless(bool row_punctuation) {
    if (values_ != values_state::none && depth_ == values_depth_ && !row_punctuation) values_ = values_state::none;
  }

  void literal(bool is_string) {
    leave_values_unless(false);
    if (is_string && last_ == emitted::string_literal) return;  // 'a' 'b' is one string
    if (last_ == emitted::sign) {
      // Unary signs before a literal: dropped (`id = -5`, `- -5` -> `id = ?`).
      out_.resize(sign_run_at_);
      last_ = before_sign_;
    }
    space_for(false);
    mark(emitted::literal);
    out_ += '?';
    if (is_string) last_ = emitted::string_literal;
    if (depth_ > 0 && depth_ <= max_tracked_depth) parens_[depth_ - 1].any_literal = true;
  }

  void mark(emitted kind) {
    last_ = kind;
  }

  void append_identifier(std::string_view body, char quote) {
    // Un-double the quote; unquote when the name is a plain non-keyword word.
    bool plain = !body.empty() && !is_digit(body[0]);
    for (const char c : body) plain = plain && is_ident(c);
    plain = plain && !is_keyword(body);
    if (plain) {
      out_ += body;
      return;
    }
    out_ += '`';
    for (std::size_t i = 0; i < body.size(); ++i) {
      const char c = body[i];
      if (c == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
      if (c == '`') out_ += '`';
      out_ += c;
    }
    out_ += '`';
  }

  void step(const token& t) {
    // Tokens come from a lexer of src_, so the span is in range (token_text's check is not needed).
    const std::string_view text(src_.data() + t.offset, t.length);
    const bool after_in = last_was_in_;
    last_was_in_ = false;
    // A qualifier dot: as the lexer sees it (directly after a name), or after a non-keyword name.
    const bool qualifier = name_end_ == t.offset || last_ == emitted::operand;
    name_end_ = (t.kind == token_kind::word || t.kind == token_kind::quoted_identifier) ? t.offset + t.length : UINT32_MAX;
    switch (t.kind) {
      case token_kind::string:
        literal(true);
        return;
      case token_kind::number:
      case token_kind::hex_literal:
      case token_kind::bit_literal:
      case token_kind::placeholder:
        literal(false);
        return;
      case token_kind::semicolon:
        pending_semicolon_ = true;
        return;
      case token_kind::word:
        spoil();
        leave_values_unless(false);
        space_for(false);
        if (const std::string_view keyword = keyword_of(text); !keyword.empty()) {
          mark(emitted::keyword);
          out_ += keyword;
          if (keyword == "IN") last_was_in_ = true;
          if (keyword == "VALUES" || keyword == "VALUE") {
            values_ = values_state::first_row;
            values_depth_ = depth_;
          }
          return;
        }
        mark(emitted::operand);
        out_ += text;
        return;
      case token_kind::quoted_identifier:
        spoil();
        leave_values_unless(false);
        space_for(false);
        mark(emitted::operand);
        append_identifier(token_body(t, src_), t.quote);
        return;
      case token_kind::user_variable:
      case token_kind::system_variable:
        spoil();
        leave_values_unless(false);
        space_for(false);
        mark(emitted::variable);
        out_ += text;
        return;
      case token_kind::op:
        break;
      default:
        return;
    }
    // Operators and punctuation.
    if (text == "(") {
      spoil();
      const bool row = values_ != values_state::none && depth_ == values_depth_ &&
                       (values_ == values_state::first_row || values_ == values_state::next_row);
      leave_values_unless(row);
      space_for(false);
      mark(emitted::open);
      if (depth_ < max_tracked_depth) parens_[depth_] = paren{static_cast<std::uint32_t>(out_.size()), after_in, true, false};
      if (row) row_at_ = static_cast<std::uint32_t>(out_.size());
      out_ += '(';
      ++depth_;
      return;
    }
    if (text == ")") {
      space_for(true);
      if (depth_ == 0) {  // unbalanced: keep as written
        mark(emitted::close);
        out_ += ')';
        return;
      }
      --depth_;
      if (depth_ < max_tracked_depth) {
        const paren& p = parens_[depth_];
        if (p.after_in && p.only_literals && p.any_literal) out_.resize(p.at + 1), out_ += '?';
      }
      out_ += ')';
      mark(emitted::close);
      if (values_ != values_state::none && depth_ == values_depth_) close_row();
      return;
    }
    if (text == ",") {
      const bool row_separator = values_ == values_state::after_row && depth_ == values_depth_;
      leave_values_unless(row_separator);
      space_for(true);
      if (row_separator) {
        comma_at_ = static_cast<std::uint32_t>(out_.size());
        values_ = values_state::next_row;
      }
      mark(emitted::comma);
      out_ += ',';
      return;
    }
    const bool sign = (text == "-" || text == "+") &&
                      !(last_ == emitted::literal || last_ == emitted::string_literal || last_ == emitted::operand ||
                        last_ == emitted::variable || last_ == emitted::close);
    if (!sign) spoil();  // a sign before a literal keeps a literal list
    leave_values_unless(false);
    if (sign) {
      if (last_ != emitted::sign) {
        sign_run_at_ = static_cast<std::uint32_t>(out_.size());
        before_sign_ = last_;
      }
      space_for(false);
      mark(emitted::sign);
      out_ += text;
      return;
    }
    if (text == "." && qualifier) {
      // A qualifier dot (t.c, t . c) is written without spaces; any other dot keeps them, so that the text lexes the same again (`@x . y` is not `@x.y`, `1 . 5` not `1.5`).
      space_for(true);
      mark(emitted::dot);
      out_ += '.';
      return;
    }
    space_for(false);
    mark(emitted::op);
    out_ += text;
  }

  void close_row() {
    const std::uint32_t end = static_cast<std::uint32_t>(out_.size());
    if (values_ == values_state::first_row) {
      first_row_at_ = row_at_;
      first_row_end_ = end;
      values_ = values_state::after_row;
    } else if (values_ == values_state::next_row) {
      const std::string_view all(out_);
      if (all.substr(row_at_, end - row_at_) == all.substr(first_row_at_, first_row_end_ - first_row_at_)) {
        out_.resize(comma_at_);  // the same row again: drop `, (...)`
      }
      values_ = values_state::after_row;
    }
  }

  enum class values_state : std::uint8_t { none, first_row, after_row, next_row };

  std::string_view src_;
  std::string& out_;
  emitted last_ = emitted::none;
  emitted before_sign_ = emitted::none;  // what came before the current run of unary signs
  std::uint32_t sign_run_at_ = 0;        // output size before that run
  bool pending_semicolon_ = false;
  std::uint32_t name_end_ = UINT32_MAX;  // end of the previous token in the source if it was a name
  bool last_was_in_ = false;
  std::uint32_t depth_ = 0;
  std::array<paren, max_tracked_depth> parens_;  // [0, min(depth_, max)) are live
  values_state values_ = values_state::none;
  std::uint32_t values_depth_ = 0;
  std::uint32_t row_at_ = 0;
  std::uint32_t comma_at_ = 0;
  std::uint32_t first_row_at_ = 0;
  std::uint32_t first_row_end_ = 0;
};

}  // namespace

bool is_keyword(std::string_view word) noexcept { return !keyword_of(word).empty(); }

digest_result digest_into(std::string_view text, sql_mode mode, std::string& out) {
  lexer lx(text, mode);
  return digester(text, out).run([&lx] { return lx.next(); });
}

digest_result digest_into(const token_buffer& tokens, std::string& out) {
  const token* p = tokens.tokens.data();
  const token* const end = p + tokens.tokens.size();
  return digester(tokens.source, out).run([&p, end] { return p != end ? *p++ : token{}; });
}

digest digest_of(std::string_view text, sql_mode mode) {
  digest d;
  const digest_result r = digest_into(text, mode, d.text);
  d.fingerprint = r.fingerprint;
  d.complete = r.complete;
  return d;
}

}  // namespace switchyard::sql
