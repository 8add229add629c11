#include "sql/ddl_parser.hpp"

#include <array>
#include <charconv>

#include "sql/ascii.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

std::string lower(std::string_view s) { return ascii_lowered(s); }
std::string upper(std::string_view s) { return ascii_uppered(s); }

// Table options that change nothing PostgreSQL stores: `NAME [=] value`.
constexpr std::array<std::string_view, 22> ignored_table_options = {
    "ENGINE",          "COMMENT",        "ROW_FORMAT",   "KEY_BLOCK_SIZE",  "STATS_PERSISTENT",
    "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "PACK_KEYS", "CHECKSUM",     "DELAY_KEY_WRITE",
    "MAX_ROWS",        "MIN_ROWS",       "AVG_ROW_LENGTH", "PAGE_CHECKSUM", "TRANSACTIONAL",
    "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "ENCRYPTED", "ENCRYPTION_KEY_ID", "SEQUENCE",
    "TABLE_CHECKSUM",  "COMPRESSION"};

class parser {
 public:
  parser(std::string_view sql, sql_mode mode) : mode_(mode), src_(sql) {
    lexer lex(sql, mode);
    for (;;) {
      const token t = lex.next();
      toks_.push_back(t);
      if (t.kind == token_kind::end || t.kind == token_kind::error) break;
    }
  }

  ddl_parse_result run() {
    ddl_parse_result r;
    if (peek().kind == token_kind::error) {
      fail("malformed SQL", peek().offset);
    } else if (accept("CREATE")) {
      create(r);
    } else if (accept("ALTER")) {
      alter(r);
    } else if (accept("DROP")) {
      drop(r);
    } else if (accept("TRUNCATE")) {
      accept("TABLE");
      ddl_truncate t;
      if (name(t.table)) r.statement = std::move(t);
    } else if (accept("RENAME")) {
      rename(r);
    } else {
      fail("statement", peek().offset);
    }
    if (!failed_) {
      if (peek().kind == token_kind::semicolon) ++i_;
      if (peek().kind != token_kind::end) fail(peek().kind == token_kind::error ? "malformed SQL" : "trailing text", peek().offset);
    }
    r.ok = !failed_;
    if (failed_) r.error = err_;
    return r;
  }

 private:
  const token& peek(std::size_t k = 0) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  bool is(std::string_view kw, std::size_t k = 0) const { return word_is(peek(k), src_, kw); }
  bool is_op(std::string_view op, std::size_t k = 0) const { return op_is(peek(k), src_, op); }
  bool accept(std::string_view kw) {
    if (!is(kw)) return false;
    ++i_;
    return true;
  }
  bool accept_op(std::string_view op) {
    if (!is_op(op)) return false;
    ++i_;
    return true;
  }
  bool fail(std::string construct, std::uint32_t position) {
    if (!failed_) err_ = {std::move(construct), position};
    failed_ = true;
    return false;
  }
  bool fail_here(std::string_view what) {
    if (peek().kind == token_kind::end) return fail(std::string(what) + " (unexpected end)", peek().offset);
    return fail(std::string(what), peek().offset);
  }
  bool expect(std::string_view kw) { return accept(kw) || fail_here("expected " + std::string(kw)); }
  bool expect_op(std::string_view op) { return accept_op(op) || fail_here("expected '" + std::string(op) + "'"); }
  // CHARSET | CHARACTER SET
  bool accept_charset() {
    if (accept("CHARSET")) return true;
    if (!is("CHARACTER") || !is("SET", 1)) return false;
    i_ += 2;
    return true;
  }

  bool identifier(std::string& out) {
    const token& t = peek();
    if (t.kind != token_kind::word && t.kind != token_kind::quoted_identifier) return fail_here("expected a name");
    out = identifier_text(t, src_);
    if (out.empty()) return fail_here("empty name");  // MySQL refuses `` too
    if (!is_postgres_text(out)) return fail_here("name that is not UTF-8 text without NUL");
    ++i_;
    return true;
  }

  bool name(ddl_name& out) {
    out.position = peek().offset;
    std::string first;
    if (!identifier(first)) return false;
    if (accept_op(".")) {
      out.schema = std::move(first);
      return identifier(out.name);
    }
    out.name = std::move(first);
    return true;
  }

  bool number(std::uint64_t& out) {
    const token& t = peek();
    if (t.kind != token_kind::number || t.has(token_flag::number_decimal) || t.has(token_flag::number_float))
      return fail_here("expected an integer");
    const auto s = token_text(t, src_);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return fail_here("integer out of range");
    ++i_;
    return true;
  }

  bool small_number(std::uint32_t& out) {
    std::uint64_t n = 0;
    if (!number(n)) return false;
    if (n > UINT32_MAX) return fail("integer out of range", peek().offset);
    out = static_cast<std::uint32_t>(n);
    return true;
  }

  // Skips `[=] value` of an option whose value does not matter.
  bool option_value() {
    accept_op("=");
    const token& t = peek();
    if (t.kind == token_kind::end || t.kind == token_kind::semicolon || t.kind == token_kind::error ||
        (t.kind == token_kind::op && !op_is(t, src_, "-")))
      return fail_here("expected an option value");
    if (accept_op("-")) {
      std::uint64_t ignored = 0;
      return number(ignored);
    }
    ++i_;
    return true;
  }

  // ---------------------------------------------------------------- CREATE
  void create(ddl_parse_result& r) {
    if (is("OR")) {
      fail("CREATE OR REPLACE", peek().offset);
      return;
    }
    if (accept("DATABASE") || accept("SCHEMA")) {
      create_database(r);
      return;
    }
    ddl_create_table ct;
    if (accept("TEMPORARY")) ct.temporary = true;
    if (accept("TABLE")) {
      create_table(ct);
      if (!failed_) r.statement = std::move(ct);
      return;
    }
    if (ct.temporary) {
      fail_here("expected TABLE");
      return;
    }
    bool unique = false;
    if (accept("UNIQUE")) unique = true;
    if (is("FULLTEXT") || is("SPATIAL")) {
      fail(upper(token_text(peek(), src_)) + " index", peek().offset);
      return;
    }
    if (!accept("INDEX")) {
      fail(unique ? "expected INDEX" : "CREATE " + upper(token_text(peek(), src_)), peek().offset);
      return;
    }
    ddl_create_index ci;
    ci.unique = unique;
    if (!identifier(ci.name)) return;
    if (accept("USING") && !option_value()) return;
    if (!expect("ON") || !name(ci.table) || !key_parts(ci.parts) || !index_options()) return;
    if (is("ALGORITHM") || is("LOCK")) {
      fail(upper(token_text(peek(), src_)) + "=", peek().offset);
      return;
    }
    r.statement = std::move(ci);
  }

  void create_table(ddl_create_table& ct) {
    if (accept("IF")) {
      if (!expect("NOT") || !expect("EXISTS")) return;
      ct.if_not_exists = true;
    }
    if (!name(ct.table)) return;
    if (accept("LIKE")) {
      ct.like.emplace();
      name(*ct.like);
      return;
    }
    if (!is_op("(")) {
      fail_here(is("SELECT") || is("AS") ? "CREATE TABLE ... SELECT" : "expected '('");
      return;
    }
    ++i_;
    if (accept("LIKE")) {
      ct.like.emplace();
      if (name(*ct.like)) expect_op(")");
      return;
    }
    do {
      if (!table_element(ct)) return;
    } while (accept_op(","));
    if (!expect_op(")")) return;
    table_options(ct);
  }

  bool table_options(ddl_create_table& ct) {
    for (;;) {
      accept_op(",");
      const token& t = peek();
      if (t.kind != token_kind::word) break;
      if (is("PARTITION")) return fail("PARTITION BY", t.offset);
      if (is("SELECT") || is("AS") || is("IGNORE") || is("REPLACE")) return fail("CREATE TABLE ... SELECT", t.offset);
      if (is("UNION")) return fail("UNION=", t.offset);
      accept("DEFAULT");
      if (accept_charset()) {
        accept_op("=");
        if (!identifier(ct.charset)) return false;
        ct.charset = lower(ct.charset);
        continue;
      }
      if (accept("COLLATE")) {
        accept_op("=");
        if (!identifier(ct.collation)) return false;
        ct.collation = lower(ct.collation);
        continue;
      }
      if (accept("AUTO_INCREMENT")) {
        accept_op("=");
        std::uint64_t n = 0;
        if (!number(n)) return false;
        ct.auto_increment_start = n;
        continue;
      }
      if ((is("DATA") || is("INDEX")) && is("DIRECTORY", 1)) {
        i_ += 2;
        if (!option_value()) return false;
        continue;
      }
      bool known = false;
      for (const auto o : ignored_table_options) known = known || is(o);
      if (!known) return fail("table option " + upper(token_text(t, src_)), t.offset);
      ++i_;
      if (!option_value()) return false;
    }
    return !failed_;
  }

  bool table_element(ddl_create_table& ct) {
    const std::uint32_t at = peek().offset;
    std::string constraint_name;
    bool has_constraint = false;
    if (accept("CONSTRAINT")) {
      has_constraint = true;
      if (!is("PRIMARY") && !is("UNIQUE") && !is("FOREIGN") && !is("CHECK") && !identifier(constraint_name))
        return false;
    }
    if (is("CHECK")) return fail("CHECK constraint", at);
    if (is("PERIOD")) return fail("PERIOD FOR", at);
    if ((is("FULLTEXT") || is("SPATIAL")) && !has_constraint)
      return fail(upper(token_text(peek(), src_)) + " index", peek().offset);
    if (is("PRIMARY") || is("UNIQUE") || is("FOREIGN") || ((is("KEY") || is("INDEX")) && !has_constraint)) {
      ddl_key key;
      if (!key_definition(key, constraint_name)) return false;
      ct.keys.push_back(std::move(key));
      return true;
    }
    if (has_constraint) return fail_here("expected PRIMARY, UNIQUE, FOREIGN or CHECK");
    ddl_column col;
    if (!column_definition(col)) return false;
    ct.columns.push_back(std::move(col));
    return true;
  }

  // PRIMARY KEY (..) | UNIQUE [KEY|INDEX] [name] (..) | KEY|INDEX [name] (..) | FOREIGN KEY [name] (..) REFERENCES ..
  bool key_definition(ddl_key& key, std::string constraint_name) {
    key.position = peek().offset;
    if (accept("PRIMARY")) {
      if (!expect("KEY")) return false;
      key.what = ddl_key::kind::primary;
      key.name = "PRIMARY";
    } else if (accept("UNIQUE")) {
      if (!accept("KEY")) accept("INDEX");
      key.what = ddl_key::kind::unique;
    } else if (accept("FOREIGN")) {
      if (!expect("KEY")) return false;
      key.what = ddl_key::kind::foreign;
    } else if (accept("KEY") || accept("INDEX")) {
      key.what = ddl_key::kind::index;
    } else {
      return fail_here("expected a key");
    }
    if (key.what != ddl_key::kind::primary && !is_op("(") && !is("USING")) {
      if (!identifier(key.name)) return false;
    }
    if (key.name.empty()) key.name = std::move(constraint_name);
    if (accept("USING") && !option_value()) return false;
    if (!key_parts(key.parts)) return false;
    if (key.what != ddl_key::kind::foreign) return index_options();
    for (const auto& p : key.parts)
      if (p.prefix || p.descending) return fail("foreign key column prefix", p.position);
    if (!expect("REFERENCES") || !name(key.references) || !expect_op("(")) return false;
    do {
      std::string column;
      if (!identifier(column)) return false;
      key.referenced_columns.push_back(std::move(column));
    } while (accept_op(","));
    if (!expect_op(")")) return false;
    if (is("MATCH")) return fail("MATCH", peek().offset);
    while (accept("ON")) {
      std::string* action = nullptr;
      if (accept("DELETE")) action = &key.on_delete;
      else if (accept("UPDATE")) action = &key.on_update;
      else return fail_here("expected DELETE or UPDATE");
      if (accept("CASCADE")) *action = "CASCADE";
      else if (accept("RESTRICT")) *action = "RESTRICT";
      else if (accept("SET")) {
        if (accept("NULL")) *action = "SET NULL";
        else if (accept("DEFAULT")) *action = "SET DEFAULT";
        else return fail_here("expected NULL or DEFAULT");
      } else if (accept("NO")) {
        if (!expect("ACTION")) return false;
        *action = "NO ACTION";
      } else {
        return fail_here("expected a referential action");
      }
    }
    return true;
  }

  bool key_parts(std::vector<ddl_key_part>& parts) {
    if (!expect_op("(")) return false;
    do {
      ddl_key_part part;
      part.position = peek().offset;
      if (is_op("(")) return fail("functional index", part.position);
      if (!identifier(part.column)) return false;
      if (accept_op("(")) {
        std::uint32_t n = 0;
        if (!small_number(n) || !expect_op(")")) return false;
        part.prefix = n;
      }
      if (accept("DESC")) part.descending = true;
      else accept("ASC");
      parts.push_back(std::move(part));
    } while (accept_op(","));
    return expect_op(")");
  }

  bool index_options() {
    for (;;) {
      if (accept("USING") || accept("KEY_BLOCK_SIZE") || accept("COMMENT")) {
        if (!option_value()) return false;
      } else if (accept("VISIBLE") || accept("INVISIBLE") || accept("CLUSTERING")) {
        if (is_op("=") && !option_value()) return false;
      } else if (is("IGNORED") || (is("NOT") && is("IGNORED", 1))) {
        i_ += is("NOT") ? 2 : 1;
      } else if (is("WITH") && is("PARSER", 1)) {
        return fail("WITH PARSER", peek().offset);
      } else {
        return true;
      }
    }
  }

  bool column_type(ddl_column& col) {
    col.type_position = peek().offset;
    auto& t = col.type;
    if (peek().kind != token_kind::word) return fail_here("expected a column type");
    accept("NATIONAL");
    t.base = lower(token_text(peek(), src_));
    ++i_;
    if (t.base == "double") accept("PRECISION");
    if ((t.base == "char" || t.base == "character") && accept("VARYING")) t.base = "varchar";
    if (t.base == "long") {
      if (accept("VARCHAR")) t.base = "mediumtext";
      else if (accept("VARBINARY")) t.base = "mediumblob";
    }
    bool serial = false;
    if (t.base == "serial") {
      serial = true;
      t.base = "bigint";
      t.is_unsigned = true;
    }
    if (accept_op("(")) {
      if (t.base == "enum" || t.base == "set") {
        do {
          if (peek().kind != token_kind::string) return fail_here("expected a member string");
          std::string value;
          decode_string(peek(), src_, mode_, value);
          t.values.push_back(std::move(value));
          ++i_;
        } while (accept_op(","));
      } else {
        std::uint32_t n = 0;
        if (!small_number(n)) return false;
        t.length = n;
        if (accept_op(",")) {
          if (!small_number(n)) return false;
          t.scale = n;
        }
      }
      if (!expect_op(")")) return false;
    }
    for (;;) {
      if (accept("UNSIGNED")) t.is_unsigned = true;
      else if (accept("SIGNED")) t.is_unsigned = false;
      else if (accept("ZEROFILL")) t.zerofill = true;
      else if (accept("BINARY")) col.binary_collation = true;
      else if (accept("ASCII")) col.charset = "latin1";
      else if (accept("UNICODE")) col.charset = "ucs2";
      else if (accept("BYTE")) t.base = t.base == "char" ? "binary" : t.base;
      else if (accept_charset()) {
        if (!identifier(col.charset)) return false;
        col.charset = lower(col.charset);
      } else if (accept("COLLATE")) {
        if (!identifier(col.collation)) return false;
        col.collation = lower(col.collation);
      } else break;
    }
    if (!canonicalize(t)) return fail("type " + upper(t.base), col.type_position);
    if (serial) {
      col.nullable = false;
      col.auto_increment = true;
      col.unique = true;
    }
    return true;
  }

  // CURRENT_TIMESTAMP [()|(n)], NOW([n]), LOCALTIME[()], LOCALTIMESTAMP[()]. False (no error)
  // when the tokens are not one of those.
  bool current_timestamp(std::optional<std::uint32_t>& fsp) {
    const bool fn_only = is("NOW");
    if (!(is("CURRENT_TIMESTAMP") || is("LOCALTIME") || is("LOCALTIMESTAMP") || fn_only)) return false;
    ++i_;
    if (accept_op("(")) {
      if (!is_op(")")) {
        std::uint32_t n = 0;
        if (!small_number(n)) return false;
        if (n > 0) fsp = n;
      }
      return expect_op(")");
    }
    return fn_only ? fail_here("expected '('") : true;
  }

  bool default_value(ddl_default& d) {
    d.position = peek().offset;
    if (accept("NULL")) {
      d.what = ddl_default::kind::null;
      return true;
    }
    if (is("TRUE") || is("FALSE")) {
      d.what = ddl_default::kind::literal;
      d.keyword_boolean = is("TRUE");
      ++i_;
      return true;
    }
    std::optional<std::uint32_t> fsp;
    if (current_timestamp(fsp)) {
      d.what = ddl_default::kind::current_timestamp;
      d.fsp = fsp;
      return true;
    }
    if (failed_) return false;
    if (is_op("-") || is_op("+")) {
      d.negative = is_op("-");
      ++i_;
      if (peek().kind != token_kind::number) return fail_here("DEFAULT expression");
    }
    if (is_literal_token(peek())) {
      d.what = ddl_default::kind::literal;
      d.literal = peek();
      ++i_;
      return true;
    }
    return fail("DEFAULT expression", d.position);
  }

  // CHECK (json_valid(`col`)) naming this column: consumed, true. Anything else: untouched, false.
  bool json_valid_check(const ddl_column& col) {
    const bool match = is_op("(", 1) && is("JSON_VALID", 2) && is_op("(", 3) &&
                       (peek(4).kind == token_kind::word || peek(4).kind == token_kind::quoted_identifier) &&
                       identifier_text(peek(4), src_) == col.name && is_op(")", 5) && is_op(")", 6);
    if (match) i_ += 7;
    return match;
  }

  bool column_definition(ddl_column& col) {
    col.position = peek().offset;
    if (!identifier(col.name) || !column_type(col)) return false;
    for (;;) {
      const std::uint32_t at = peek().offset;
      if (accept("NOT")) {
        if (!expect("NULL")) return false;
        col.nullable = false;
      } else if (accept("NULL")) {
        col.nullable = true;
      } else if (accept("DEFAULT")) {
        if (!default_value(col.default_value)) return false;
      } else if (accept("AUTO_INCREMENT")) {
        col.auto_increment = true;
      } else if (accept("PRIMARY")) {
        if (!expect("KEY")) return false;
        col.primary_key = true;
      } else if (accept("KEY")) {
        col.primary_key = true;
      } else if (accept("UNIQUE")) {
        accept("KEY");
        col.unique = true;
      } else if (accept("COMMENT")) {
        if (peek().kind != token_kind::string) return fail_here("expected a comment string");
        ++i_;
      } else if (accept("COLLATE")) {
        if (!identifier(col.collation)) return false;
        col.collation = lower(col.collation);
      } else if (accept("ON")) {
        if (!expect("UPDATE")) return false;
        if (!current_timestamp(col.on_update_fsp)) return failed_ ? false : fail("ON UPDATE expression", peek().offset);
        col.on_update_current_timestamp = true;
      } else if (accept("VISIBLE")) {
      } else if (accept("COLUMN_FORMAT") || accept("STORAGE")) {
        if (!option_value()) return false;
      } else if (is("GENERATED") || is("AS")) {
        return fail("generated column", at);
      } else if (is("CHECK") && json_valid_check(col)) {
        col.json_valid_check = true;
      } else if (is("CHECK") || is("CONSTRAINT")) {
        return fail("CHECK constraint", at);
      } else if (is("REFERENCES")) {
        return fail("column REFERENCES", at);
      } else if (is("INVISIBLE")) {
        return fail("INVISIBLE column", at);
      } else if (is("SRID")) {
        return fail("SRID", at);
      } else if (is("COMPRESSED")) {
        return fail("COMPRESSED column", at);
      } else {
        return true;
      }
    }
  }

  // ---------------------------------------------------------------- ALTER
  void alter(ddl_parse_result& r) {
    if (is("IGNORE") || is("ONLINE")) {
      fail("ALTER " + upper(token_text(peek(), src_)), peek().offset);
      return;
    }
    if (!expect("TABLE")) return;
    ddl_alter_table at;
    if (accept("IF")) {
      fail("ALTER TABLE IF EXISTS", peek().offset);
      return;
    }
    if (!name(at.table)) return;
    do {
      ddl_alter_op op;
      if (!alter_op(op, at.ops)) return;
      at.ops.push_back(std::move(op));
    } while (accept_op(","));
    if (!failed_) r.statement = std::move(at);
  }

  bool column_position() {
    if (is("FIRST") || is("AFTER")) return fail("column position (FIRST/AFTER)", peek().offset);
    return true;
  }

  bool if_exists(ddl_alter_op& op) {
    if (!is("IF")) return true;
    ++i_;
    if (!expect("EXISTS")) return false;
    op.if_exists = true;
    return true;
  }

  // One operation into `op`; ADD (c1 ..., c2 ...) puts all but its last column into `earlier`.
  bool alter_op(ddl_alter_op& op, std::vector<ddl_alter_op>& earlier) {
    op.position = peek().offset;
    using k = ddl_alter_op::kind;
    if (accept("ADD")) {
      if (is("FULLTEXT") || is("SPATIAL")) return fail(upper(token_text(peek(), src_)) + " index", peek().offset);
      if (is("CHECK") || (is("CONSTRAINT") && (is("CHECK", 1) || is("CHECK", 2)))) return fail("CHECK constraint", op.position);
      if (is("PARTITION")) return fail("PARTITION", peek().offset);
      if (is("PERIOD")) return fail("PERIOD FOR", peek().offset);
      if (is("CONSTRAINT") || is("PRIMARY") || is("UNIQUE") || is("FOREIGN") || is("KEY") || is("INDEX")) {
        std::string constraint_name;
        if (accept("CONSTRAINT") && !is("PRIMARY") && !is("UNIQUE") && !is("FOREIGN") && !identifier(constraint_name))
          return false;
        op.what = k::add_key;
        return key_definition(op.key, std::move(constraint_name));
      }
      accept("COLUMN");
      op.what = k::add_column;
      if (accept("IF")) {
        if (!expect("NOT") || !expect("EXISTS")) return false;
        op.if_exists = true;  // IF NOT EXISTS, for ADD
      }
      if (accept_op("(")) {
        for (;;) {
          if (!column_definition(op.column)) return false;
          if (!accept_op(",")) break;
          earlier.push_back(op);
          op.column = {};
        }
        return expect_op(")");
      }
      return column_definition(op.column) && column_position();
    }
    if (accept("DROP")) {
      if (accept("PRIMARY")) {
        op.what = k::drop_primary_key;
        return expect("KEY");
      }
      if (accept("FOREIGN")) {
        op.what = k::drop_foreign_key;
        return expect("KEY") && if_exists(op) && identifier(op.name);
      }
      if (accept("INDEX") || accept("KEY")) {
        op.what = k::drop_index;
        return if_exists(op) && identifier(op.name);
      }
      if (is("CONSTRAINT") || is("CHECK") || is("PARTITION") || is("PERIOD"))
        return fail("DROP " + upper(token_text(peek(), src_)), peek().offset);
      accept("COLUMN");
      op.what = k::drop_column;
      return if_exists(op) && identifier(op.name) && (!(is("RESTRICT") || is("CASCADE")) || (++i_, true));
    }
    if (accept("MODIFY")) {
      accept("COLUMN");
      op.what = k::modify_column;
      return if_exists(op) && column_definition(op.column) && column_position();
    }
    if (accept("CHANGE")) {
      accept("COLUMN");
      op.what = k::change_column;
      if (!if_exists(op) || !identifier(op.name) || !column_definition(op.column) || !column_position()) return false;
      if (lower(op.name) == lower(op.column.name)) op.what = k::modify_column;
      return true;
    }
    if (accept("RENAME")) {
      if (accept("COLUMN")) {
        op.what = k::rename_column;
        return identifier(op.name) && expect("TO") && identifier(op.new_name);
      }
      if (accept("INDEX") || accept("KEY")) {
        op.what = k::rename_index;
        return identifier(op.name) && expect("TO") && identifier(op.new_name);
      }
      if (!accept("TO")) accept("AS");
      op.what = k::rename_table;
      return name(op.new_table);
    }
    if (accept("ALTER")) {
      accept("COLUMN");
      if (!identifier(op.name)) return false;
      if (accept("SET")) {
        op.what = k::set_default;
        return expect("DEFAULT") && default_value(op.column.default_value);
      }
      if (accept("DROP")) {
        op.what = k::drop_default;
        return expect("DEFAULT");
      }
      return fail_here("ALTER COLUMN action");
    }
    if (is("ALGORITHM") || is("LOCK") || is("CONVERT") || is("ORDER") || is("DISABLE") || is("ENABLE") ||
        is("DISCARD") || is("IMPORT") || is("FORCE"))
      return fail(upper(token_text(peek(), src_)), peek().offset);
    if (accept("AUTO_INCREMENT")) {
      op.what = k::set_auto_increment;
      accept_op("=");
      return number(op.auto_increment);
    }
    op.what = k::table_option;
    accept("DEFAULT");
    if (accept_charset()) {
      accept_op("=");
      if (!identifier(op.charset)) return false;
      op.charset = lower(op.charset);
      return true;
    }
    if (accept("COLLATE")) {
      accept_op("=");
      if (!identifier(op.collation)) return false;
      op.collation = lower(op.collation);
      return true;
    }
    for (const auto o : ignored_table_options)
      if (is(o)) {
        ++i_;
        return option_value();
      }
    return fail("ALTER TABLE " + upper(token_text(peek(), src_)), peek().offset);
  }

  // ---------------------------------------------------------------- DROP, RENAME
  void drop(ddl_parse_result& r) {
    ddl_drop_table dt;
    if (accept("TEMPORARY")) dt.temporary = true;
    if (accept("TABLE")) {
      if (accept("IF")) {
        if (!expect("EXISTS")) return;
        dt.if_exists = true;
      }
      do {
        ddl_name n;
        if (!name(n)) return;
        dt.tables.push_back(std::move(n));
      } while (accept_op(","));
      if (accept("RESTRICT") || accept("CASCADE")) {
        // MySQL parses and ignores them; PostgreSQL's default (RESTRICT) matches what MySQL does.
      }
      r.statement = std::move(dt);
      return;
    }
    if (!dt.temporary && accept("INDEX")) {
      ddl_drop_index di;
      if (accept("IF")) {
        if (!expect("EXISTS")) return;
        di.if_exists = true;
      }
      if (!identifier(di.name) || !expect("ON") || !name(di.table)) return;
      if (is("ALGORITHM") || is("LOCK")) {
        fail(upper(token_text(peek(), src_)) + "=", peek().offset);
        return;
      }
      r.statement = std::move(di);
      return;
    }
    if (!dt.temporary && (accept("DATABASE") || accept("SCHEMA"))) {
      ddl_drop_database dd;
      if (accept("IF")) {
        if (!expect("EXISTS")) return;
        dd.if_exists = true;
      }
      dd.position = peek().offset;
      if (identifier(dd.name)) r.statement = std::move(dd);
      return;
    }
    fail("DROP " + upper(token_text(peek(), src_)), peek().offset);
  }

  void create_database(ddl_parse_result& r) {
    ddl_create_database cd;
    if (accept("IF")) {
      if (!expect("NOT") || !expect("EXISTS")) return;
      cd.if_not_exists = true;
    }
    cd.position = peek().offset;
    if (!identifier(cd.name)) return;
    for (;;) {
      accept("DEFAULT");
      std::string ignored;
      if (accept_charset() || accept("COLLATE")) {
        accept_op("=");
        if (!identifier(ignored)) return;
      } else if (accept("COMMENT")) {
        if (!option_value()) return;
      } else {
        break;
      }
    }
    r.statement = std::move(cd);
  }

  void rename(ddl_parse_result& r) {
    if (!is("TABLE")) {
      fail("RENAME " + upper(token_text(peek(), src_)), peek().offset);
      return;
    }
    ++i_;
    ddl_rename_table rt;
    do {
      std::pair<ddl_name, ddl_name> p;
      if (!name(p.first) || !expect("TO") || !name(p.second)) return;
      rt.renames.push_back(std::move(p));
    } while (accept_op(","));
    r.statement = std::move(rt);
  }

  sql_mode mode_;
  std::string_view src_;
  std::vector<token> toks_;
  std::size_t i_ = 0;
  ddl_error err_;
  bool failed_ = false;
};

}  // namespace

std::string identifier_text(const token& t, std::string_view source) {
  if (t.kind != token_kind::quoted_identifier) return std::string(token_text(t, source));
  const std::string_view body = token_body(t, source);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == t.quote && i + 1 < body.size() && body[i + 1] == t.quote) ++i;
  }
  return out;
}

bool looks_like_ddl(std::string_view sql, sql_mode mode) noexcept {
  lexer lex(sql, mode);
  const token a = lex.next();
  token b = lex.next();
  if (word_is(a, sql, "TRUNCATE")) return true;
  if (word_is(a, sql, "RENAME")) return word_is(b, sql, "TABLE");
  if (word_is(a, sql, "ALTER")) return word_is(b, sql, "TABLE") || word_is(b, sql, "IGNORE") || word_is(b, sql, "ONLINE");
  if (word_is(a, sql, "DROP")) {
    if (word_is(b, sql, "TEMPORARY")) b = lex.next();
    return word_is(b, sql, "TABLE") || word_is(b, sql, "INDEX") || word_is(b, sql, "DATABASE") ||
           word_is(b, sql, "SCHEMA");
  }
  if (word_is(a, sql, "CREATE")) {
    if (word_is(b, sql, "OR")) {
      (void)lex.next();  // REPLACE
      b = lex.next();
    }
    if (word_is(b, sql, "TEMPORARY") || word_is(b, sql, "UNIQUE") || word_is(b, sql, "FULLTEXT") ||
        word_is(b, sql, "SPATIAL"))
      b = lex.next();
    return word_is(b, sql, "TABLE") || word_is(b, sql, "INDEX") || word_is(b, sql, "DATABASE") ||
           word_is(b, sql, "SCHEMA");
  }
  return false;
}

ddl_parse_result parse_ddl(std::string_view sql, sql_mode mode) {
  parser p(sql, mode);
  return p.run();
}

}  // namespace switchyard::sql
