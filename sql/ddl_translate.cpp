#include "sql/ddl_translate.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "sql/ascii.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/ddl_parser.hpp"
#include "sql/digest.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

constexpr std::string_view dollar_tag = "$switchyard$";

bool is_zero_date(std::string_view v) {
  // '0000-00-00', '0000-00-00 00:00:00[.000]': PostgreSQL has no zero date.
  return v.size() >= 10 && v.substr(0, 10) == "0000-00-00";
}

class emitter {
 public:
  emitter(std::string_view sql, const translate_options& options, const type_mapping_options& types)
      : sql_(sql), options_(options), types_(types) {}

  translate_result run() {
    const auto parsed = parse_ddl(sql_, options_.mode);
    if (!parsed.ok) return translate_result::failure(parsed.error.construct, parsed.error.position);
    std::visit([this](const auto& st) { emit(st); }, parsed.statement);
    if (failed_) return translate_result::failure(error_.construct, error_.position);
    translation t;
    for (const auto& s : statements_) {
      if (!t.text.empty()) t.text += "; ";
      t.text += s;
    }
    // Every literal of a DDL statement shapes its text (defaults, enum members, comments).
    lexer lex(sql_, options_.mode);
    for (token tok = lex.next(); tok.kind != token_kind::end && tok.kind != token_kind::error; tok = lex.next())
      if (is_literal_token(tok)) t.baked.push_back(t.literal_count++);
    t.notes = std::move(notes_);
    return translate_result::success(std::move(t));
  }

 private:
  bool fail(std::string construct, std::uint32_t position) {
    if (!failed_) error_ = {std::move(construct), position};
    failed_ = true;
    return false;
  }

  // ------------------------------------------------------------ names
  static void ident(std::string_view name, std::string& out) { append_pg_identifier(name, out); }

  static void schema_prefix(const ddl_name& table, std::string& out) {
    if (table.schema.empty()) return;
    ident(table.schema, out);
    out += '.';
  }

  static void table_ref(const ddl_name& table, std::string& out) {
    schema_prefix(table, out);
    ident(table.name, out);
  }

  // <table>_<suffix>: index, constraint, trigger and function names (per schema in PostgreSQL).
  // PostgreSQL cuts names at 63 bytes, which could make two long derived names one: a longer name
  // keeps its first bytes and ends in a hash of the whole, the same whenever it is derived.
  static std::string derived(const ddl_name& table, std::string_view suffix) {
    constexpr std::size_t max_name = 63, kept = 54;
    std::string name = ascii_lowered(table.name + "_" + std::string(suffix));
    if (name.size() > max_name) {
      const std::uint64_t hash = fnv1a_64(name);
      std::size_t cut = kept;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
      name.resize(cut);
      name += '_';
      constexpr char hex[] = "0123456789abcdef";
      for (int shift = 28; shift >= 0; shift -= 4) name += hex[(hash >> shift) & 0xF];
    }
    std::string out;
    ident(name, out);
    return out;
  }

  static std::string qualified_derived(const ddl_name& table, std::string_view suffix) {
    std::string out;
    schema_prefix(table, out);
    return out + derived(table, suffix);
  }

  const table_info* known_table(const ddl_name& table) const {
    if (!options_.tables) return nullptr;
    const std::string_view schema = table.schema.empty() ? options_.current_database : std::string_view(table.schema);
    if (schema.empty()) return nullptr;
    return options_.tables->find_table(schema, table.name);
  }

  std::string alter_prefix(const ddl_name& table) const {
    std::string out = "ALTER TABLE ";
    table_ref(table, out);
    out += ' ';
    return out;
  }

  // ------------------------------------------------------------ columns
  bool bits_default(const ddl_default& d, const mysql_column_type& type, std::string& out) {
    std::string digits;
    if (d.literal.kind == token_kind::bit_literal) {
      const auto body = token_body(d.literal, sql_);
      digits = d.literal.has(token_flag::literal_quoted) ? std::string(body) : std::string(body.substr(2));
    } else if (d.literal.kind == token_kind::number && !d.negative && !d.literal.has(token_flag::number_decimal) &&
               !d.literal.has(token_flag::number_float)) {
      const auto text = token_text(d.literal, sql_);
      std::uint64_t v = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
      if (r.ec != std::errc()) return fail("BIT DEFAULT out of range", d.position);
      do {
        digits.insert(digits.begin(), static_cast<char>('0' + (v & 1)));
        v >>= 1;
      } while (v);
    } else {
      return fail("BIT DEFAULT", d.position);
    }
    const std::size_t width = type.length.value_or(1);
    while (digits.size() > width && digits.front() == '0') digits.erase(digits.begin());
    if (digits.size() > width) return fail("BIT DEFAULT out of range", d.position);
    // BIT(n) is stored as an integer (type_mapping.cpp): the default is the number.
    std::uint64_t value = 0;
    for (const char ch : digits) value = (value << 1) | static_cast<std::uint64_t>(ch - '0');
    out += std::to_string(value);
    return true;
  }

  bool literal_default(const ddl_default& d, const described_column& c, std::string& out) {
    const auto category = c.info.category;
    const token& t = d.literal;
    if (category == type_category::bit) return bits_default(d, c.type, out);
    if (category == type_category::boolean) {
      std::string value;
      if (d.keyword_boolean) value = *d.keyword_boolean ? "1" : "0";
      else if (t.kind == token_kind::string) decode_string(t, sql_, options_.mode, value);
      else if (t.kind == token_kind::number && !d.negative) value = std::string(token_text(t, sql_));
      else if (t.kind == token_kind::bit_literal) {
        const auto body = token_body(t, sql_);
        const auto digits = t.has(token_flag::literal_quoted) ? body : body.substr(2);
        value = digits.find('1') == std::string_view::npos ? "0" : "1";
      }
      if (value == "0" || value == "1") {
        out += value == "1" ? "true" : "false";
        return true;
      }
      return fail("boolean DEFAULT " + std::string(token_text(t, sql_)), d.position);
    }
    if (d.keyword_boolean) {
      out += *d.keyword_boolean ? "1" : "0";
      return true;
    }
    std::string bytes;
    switch (t.kind) {
      case token_kind::number:
        if (d.negative) out += '-';
        {
          std::string scratch;
          const auto cls = classify_literal(t, sql_, options_.mode, scratch);
          if (!append_pg_literal(t, sql_, options_.mode, cls == literal_class::floating ? literal_class::decimal : cls,
                                 scratch, out))
            return fail("DEFAULT literal", d.position);
        }
        return true;
      case token_kind::string:
        decode_string(t, sql_, options_.mode, bytes);
        if (t.introducer_length > 0 && ascii_iequals(token_introducer(t, sql_), "binary") &&
            category != type_category::binary)
          return fail("binary DEFAULT on a non-binary column", d.position);
        break;
      case token_kind::hex_literal:
        if (!decode_hex(t, sql_, bytes)) return fail("DEFAULT literal", d.position);
        if (category != type_category::binary) return fail("hexadecimal DEFAULT on a non-binary column", d.position);
        break;
      case token_kind::bit_literal:
        if (!decode_bits(t, sql_, bytes)) return fail("DEFAULT literal", d.position);
        if (category != type_category::binary) return fail("bit-value DEFAULT on a non-BIT column", d.position);
        break;
      default:
        return fail("DEFAULT literal", d.position);
    }
    if (category == type_category::binary) {
      append_pg_bytea(bytes, out);
      return true;
    }
    if ((category == type_category::date || category == type_category::datetime ||
         category == type_category::timestamp) && is_zero_date(bytes))
      return fail("zero-date DEFAULT", d.position);
    if (!is_postgres_text(bytes)) return fail("DEFAULT that is not valid UTF-8 text", d.position);
    append_pg_string(bytes, out);
    return true;
  }

  // MySQL's CURRENT_TIMESTAMP[(n)] is the statement's start time (PostgreSQL's CURRENT_TIMESTAMP
  // is the transaction's) cut to n fraction digits, and n is the column's (MySQL requires it):
  // statement_timestamp() truncated to the column's digits (storing would round it, up to half a
  // unit into the future), in the session's time zone for columns without one. The dual write
  // pins MySQL's own instant with SET LOCAL switchyard.now = '...' (timestamp with time zone), which
  // wins when set, so defaults and ON UPDATE triggers store the time MySQL stored.
  static void now_expression(const std::string& pg_type, std::string& out) {
    const auto open = pg_type.find('(');
    const int digits = open == std::string::npos ? 6 : std::atoi(pg_type.c_str() + open + 1);
    const std::string now =
        "coalesce(nullif(current_setting('switchyard.now', true), '')::timestamptz, statement_timestamp())";
    std::string value;
    if (digits >= 6) {
      value = now;
    } else if (digits == 0 || digits == 3) {
      value = "date_trunc('" + std::string(digits == 0 ? "second" : "milliseconds") + "', " + std::string(now) + ")";
    } else {
      std::string unit = "1";
      for (int i = digits; i < 6; ++i) unit += '0';  // microseconds per kept digit
      value = "(date_trunc('second', " + std::string(now) + ") + (floor(extract(microseconds FROM " + std::string(now) +
              ") % 1000000 / " + unit + ") * " + unit + ")::float8 * interval '1 microsecond')";
    }
    out += value;
    if (pg_type.rfind("timestamptz", 0) != 0) out += "::timestamp";
  }

  static bool is_time_of_day(const column_info& c) {
    return c.category == type_category::datetime || c.category == type_category::timestamp;
  }

  bool default_clause(const ddl_default& d, const described_column& c, std::string& out) {
    switch (d.what) {
      case ddl_default::kind::none:
        return true;
      case ddl_default::kind::null:
        out += "NULL";
        return true;
      case ddl_default::kind::current_timestamp:
        if (!is_time_of_day(c.info)) return fail("DEFAULT CURRENT_TIMESTAMP on a non-time column", d.position);
        now_expression(c.info.pg_type, out);
        return true;
      case ddl_default::kind::literal:
        return literal_default(d, c, out);
    }
    return true;
  }

  void enum_members(const mysql_column_type& type, std::string& out) {
    for (std::size_t i = 0; i < type.values.size(); ++i) {
      if (i) out += ", ";
      append_pg_string(type.values[i], out);
    }
  }

  bool enum_check(const ddl_name& table, const described_column& c, std::string& out) {
    if (c.type.base != "enum" || types_.enum_as_type) return true;
    out += "CONSTRAINT " + derived(table, c.info.name + "_check") + " CHECK (";
    ident(c.info.name, out);
    out += " IN (";
    enum_members(c.type, out);
    out += "))";
    return true;
  }

  // CREATE TYPE for enum_as_type, before the table that uses it.
  void enum_type(const ddl_name& table, const described_column& c) {
    if (c.type.base != "enum" || !types_.enum_as_type) return;
    std::string s = "CREATE TYPE ";
    schema_prefix(table, s);
    s += c.info.pg_type;  // already the lower-case <table>_<column>
    s += " AS ENUM (";
    enum_members(c.type, s);
    s += ")";
    statements_.push_back(std::move(s));
  }

  bool describe(const ddl_column& dc, const ddl_name& table, std::string_view table_collation, described_column& c) {
    const auto r = describe_column(dc, table.name, table_collation, types_, sql_, options_.mode, c);
    if (!r.ok) return fail(r.error, r.position);
    for (const auto& v : c.type.values)  // ENUM / SET members become PostgreSQL strings
      if (!is_postgres_text(v)) return fail("ENUM or SET member that is not UTF-8 text without NUL", dc.type_position);
    if (dc.on_update_current_timestamp && !is_time_of_day(c.info))
      return fail("ON UPDATE CURRENT_TIMESTAMP on a non-time column", dc.position);
    return true;
  }

  void type_clause(const described_column& c, std::string& out) {
    out += c.info.pg_type;
    if (!c.pg_collation.empty()) {
      out += " COLLATE \"";
      out += c.pg_collation;
      out += '"';
    }
  }

  bool zero_date_default(const ddl_default& d, const described_column& c) const {
    const type_category category = c.info.category;
    if (d.what != ddl_default::kind::literal || d.literal.kind != token_kind::string ||
        (category != type_category::date && category != type_category::datetime && category != type_category::timestamp))
      return false;
    std::string bytes;
    decode_string(d.literal, sql_, options_.mode, bytes);
    return is_zero_date(bytes);
  }

  // name type [COLLATE] [identity] [NOT NULL] [DEFAULT] [enum CHECK]
  bool column_definition(const ddl_column& dc, const ddl_name& table, const described_column& c,
                         std::optional<std::uint64_t> identity_start, std::string& out) {
    ident(dc.name, out);
    out += ' ';
    if (c.type.base == "enum" && types_.enum_as_type) schema_prefix(table, out);  // the type lives with the table
    type_clause(c, out);
    if (c.info.auto_increment) {
      if (c.info.category != type_category::integer) return fail("AUTO_INCREMENT on a non-integer column", dc.position);
      out += " GENERATED BY DEFAULT AS IDENTITY";
      if (identity_start && *identity_start > 1) out += " (START WITH " + std::to_string(*identity_start) + ")";
    }
    // A zero-date DEFAULT under the zero-dates-to-NULL policy: no default, and NULL allowed (the
    // zero dates the column holds arrive as NULL).
    const bool zero_default = types_.zero_dates_to_null && zero_date_default(dc.default_value, c);
    if (!c.info.nullable && !zero_default) out += " NOT NULL";
    // DEFAULT NULL is what a column has anyway: left out, so SHOW CREATE TABLE's spelling of a
    // table translates like the original DDL.
    if (dc.default_value.what != ddl_default::kind::none && dc.default_value.what != ddl_default::kind::null &&
        !zero_default) {
      out += " DEFAULT ";
      if (!default_clause(dc.default_value, c, out)) return false;
    }
    if (c.type.base == "enum" && !types_.enum_as_type) {
      out += ' ';
      if (!enum_check(table, c, out)) return false;
    }
    return true;
  }

  void on_update_trigger(const ddl_name& table, const described_column& c) {
    const std::string suffix = c.info.name + "_on_update";
    std::string column;
    ident(c.info.name, column);
    std::string f = "CREATE OR REPLACE FUNCTION " + qualified_derived(table, suffix) +
                    "() RETURNS trigger LANGUAGE plpgsql AS " + std::string(dollar_tag) + "BEGIN IF NEW." + column +
                    " IS NOT DISTINCT FROM OLD." + column + " AND NEW IS DISTINCT FROM OLD THEN NEW." + column + " := ";
    now_expression(c.info.pg_type, f);
    f += "; END IF; RETURN NEW; END" + std::string(dollar_tag);
    statements_.push_back(std::move(f));
    // OR REPLACE: CREATE TABLE IF NOT EXISTS of an existing table runs this again.
    std::string t = "CREATE OR REPLACE TRIGGER " + derived(table, suffix) + " BEFORE UPDATE ON ";
    table_ref(table, t);
    t += " FOR EACH ROW EXECUTE FUNCTION " + qualified_derived(table, suffix) + "()";
    statements_.push_back(std::move(t));
  }

  void drop_on_update_trigger(const ddl_name& table, std::string_view column) {
    std::string s = "DROP TRIGGER IF EXISTS " + derived(table, std::string(column) + "_on_update") + " ON ";
    table_ref(table, s);
    statements_.push_back(std::move(s));
  }

  // ------------------------------------------------------------ keys
  // Constraint columns (unique = true) carry no order: a descending part is just its column there.
  bool key_columns(const std::vector<ddl_key_part>& parts, bool unique, std::string& out) {
    out += '(';
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i) out += ", ";
      const auto& p = parts[i];
      if (p.prefix && unique) return fail("prefix key part on a unique key", p.position);
      ident(p.column, out);
      if (p.descending && !unique) out += " DESC";
    }
    out += ')';
    return true;
  }

  bool constraint(const ddl_name& table, const ddl_key& key, std::string_view mysql_name, std::string& out) {
    switch (key.what) {
      case ddl_key::kind::primary:
        out += "CONSTRAINT " + derived(table, "pkey") + " PRIMARY KEY ";
        return key_columns(key.parts, true, out);
      case ddl_key::kind::unique:
        out += "CONSTRAINT " + derived(table, mysql_name) + " UNIQUE ";
        return key_columns(key.parts, true, out);
      case ddl_key::kind::foreign: {
        if (!key.name.empty()) {
          out += "CONSTRAINT ";
          ident(key.name, out);  // foreign key names are already per schema in MySQL
          out += ' ';
        }
        out += "FOREIGN KEY ";
        if (!key_columns(key.parts, true, out)) return false;
        out += " REFERENCES ";
        table_ref(key.references, out);
        out += " (";
        for (std::size_t i = 0; i < key.referenced_columns.size(); ++i) {
          if (i) out += ", ";
          ident(key.referenced_columns[i], out);
        }
        out += ')';
        if (!key.on_delete.empty()) out += " ON DELETE " + key.on_delete;
        if (!key.on_update.empty()) out += " ON UPDATE " + key.on_update;
        return true;
      }
      case ddl_key::kind::index:
        break;
    }
    return fail("index as a constraint", key.position);
  }

  // Every MySQL unique key is a PostgreSQL unique constraint (so DROP INDEX knows what to drop);
  // other keys are plain indexes.
  bool create_index(const ddl_name& table, bool unique, std::string_view mysql_name,
                    const std::vector<ddl_key_part>& parts, bool if_not_exists = false) {
    if (unique) {
      ddl_key key;
      key.what = ddl_key::kind::unique;
      key.parts = parts;
      std::string a = alter_prefix(table) + "ADD ";
      if (!constraint(table, key, mysql_name, a)) return false;
      statements_.push_back(std::move(a));
      return true;
    }
    std::string s = if_not_exists ? "CREATE INDEX IF NOT EXISTS " : "CREATE INDEX ";
    s += derived(table, mysql_name);
    s += " ON ";
    table_ref(table, s);
    s += ' ';
    if (!key_columns(parts, unique, s)) return false;
    statements_.push_back(std::move(s));
    return true;
  }

  // MySQL names an unnamed key after its first column, then _2, _3, ... while taken.
  static std::string key_name(const ddl_key& key, std::vector<std::string>& taken) {
    std::string name = key.name;
    if (name.empty() && !key.parts.empty()) {
      name = key.parts.front().column;
      for (int n = 2; std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return ascii_iequals(t, name); }); ++n)
        name = key.parts.front().column + "_" + std::to_string(n);
    }
    taken.push_back(name);
    return name;
  }

  static std::vector<std::string> key_names_of(const table_info* t) {
    std::vector<std::string> out;
    if (t)
      for (const auto& k : t->unique_keys) out.push_back(k.name);
    return out;
  }

  static ddl_key column_key(const ddl_column& dc, ddl_key::kind kind) {
    ddl_key k;
    k.what = kind;
    k.position = dc.position;
    if (kind == ddl_key::kind::primary) k.name = "PRIMARY";
    k.parts.push_back(ddl_key_part{dc.name, {}, false, dc.position});
    return k;
  }

  // ------------------------------------------------------------ CREATE TABLE
  void emit(const ddl_create_table& ct) {
    std::string s = ct.temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
    if (ct.if_not_exists) s += "IF NOT EXISTS ";
    table_ref(ct.table, s);
    if (ct.like) {
      s += " (LIKE ";
      table_ref(*ct.like, s);
      s += " INCLUDING ALL)";
      statements_.push_back(std::move(s));
      notes_.push_back("CREATE TABLE ... LIKE: indexes get PostgreSQL's generated names and ON UPDATE triggers are not copied");
      return;
    }
    const std::string collation = table_collation(ct.charset, ct.collation);
    if (collation.empty()) {
      fail("character set " + ct.charset, ct.table.position);
      return;
    }
    std::vector<described_column> described(ct.columns.size());
    for (std::size_t i = 0; i < ct.columns.size(); ++i)
      if (!describe(ct.columns[i], ct.table, collation, described[i])) return;
    for (const auto& c : described) enum_type(ct.table, c);
    s += " (";
    std::vector<std::string> elements;
    for (std::size_t i = 0; i < ct.columns.size(); ++i) {
      std::string e;
      const auto& dc = ct.columns[i];
      described_column& c = described[i];
      const bool in_primary = dc.primary_key || std::any_of(ct.keys.begin(), ct.keys.end(), [&](const ddl_key& k) {
        return k.what == ddl_key::kind::primary && std::any_of(k.parts.begin(), k.parts.end(), [&](const ddl_key_part& p) {
          return ascii_iequals(p.column, dc.name);
        });
      });
      if (in_primary) c.info.nullable = false;
      if (!column_definition(dc, ct.table, c, ct.auto_increment_start, e)) return;
      elements.push_back(std::move(e));
    }
    std::vector<ddl_key> keys;
    for (const auto& dc : ct.columns) {
      if (dc.primary_key) keys.push_back(column_key(dc, ddl_key::kind::primary));
      if (dc.unique) keys.push_back(column_key(dc, ddl_key::kind::unique));
    }
    keys.insert(keys.end(), ct.keys.begin(), ct.keys.end());
    // MySQL indexes a foreign key's columns unless some key starts with them.
    const auto covered = [&](const ddl_key& fk) {
      return std::any_of(keys.begin(), keys.end(), [&](const ddl_key& k) {
        if (k.what == ddl_key::kind::foreign || k.parts.size() < fk.parts.size()) return false;
        for (std::size_t i = 0; i < fk.parts.size(); ++i)
          if (!ascii_iequals(k.parts[i].column, fk.parts[i].column) || k.parts[i].prefix) return false;
        return true;
      });
    };
    const std::size_t declared = keys.size();
    for (std::size_t i = 0; i < declared; ++i)
      if (keys[i].what == ddl_key::kind::foreign && !covered(keys[i])) {
        ddl_key index = keys[i];  // a copy: push_back may move the vector
        index.what = ddl_key::kind::index;
        keys.push_back(std::move(index));
      }
    std::vector<std::string> taken;
    std::vector<std::pair<const ddl_key*, std::string>> indexes;
    for (const auto& k : keys) {
      const std::string name = k.what == ddl_key::kind::foreign ? k.name : key_name(k, taken);
      if (k.what == ddl_key::kind::index) {
        indexes.emplace_back(&k, name);
        continue;
      }
      std::string e;
      if (!constraint(ct.table, k, name, e)) return;
      elements.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < elements.size(); ++i) {
      if (i) s += ", ";
      s += elements[i];
    }
    s += ')';
    statements_.push_back(std::move(s));
    for (const auto& [k, name] : indexes)
      if (!create_index(ct.table, false, name, k->parts, ct.if_not_exists)) return;
    for (std::size_t i = 0; i < ct.columns.size(); ++i)
      if (ct.columns[i].on_update_current_timestamp) on_update_trigger(ct.table, described[i]);
  }

  // ------------------------------------------------------------ ALTER TABLE
  void emit(const ddl_alter_table& at) {
    const table_info* known = known_table(at.table);
    std::vector<std::string> taken = key_names_of(known);
    ddl_name table = at.table;  // follows RENAME TO for the operations after it
    for (const auto& op : at.ops) {
      if (!alter(table, known, taken, op)) return;
    }
  }

  // Column-level PRIMARY KEY / UNIQUE of an added or redefined column.
  bool add_column_keys(const ddl_name& table, std::vector<std::string>& taken, const ddl_column& column) {
    for (const auto kind : {ddl_key::kind::primary, ddl_key::kind::unique}) {
      if (kind == ddl_key::kind::primary ? !column.primary_key : !column.unique) continue;
      const ddl_key k = column_key(column, kind);
      std::string a = alter_prefix(table) + "ADD ";
      if (!constraint(table, k, key_name(k, taken), a)) return false;
      statements_.push_back(std::move(a));
    }
    return true;
  }

  // The value MySQL gives existing rows for a NOT NULL column added without a DEFAULT (its
  // "implicit default"); empty when PostgreSQL has no such value (zero dates) or none is needed.
  std::string implicit_default(const described_column& c) {
    std::string out;
    switch (c.info.category) {
      case type_category::integer:
      case type_category::decimal:
      case type_category::floating:
        return "0";
      case type_category::boolean:
        return "false";
      case type_category::text:
      case type_category::set:
        return "''";
      case type_category::enumeration:
        if (!c.type.values.empty() && is_postgres_text(c.type.values.front())) append_pg_string(c.type.values.front(), out);
        return out;
      case type_category::binary:
        return "'\\x'::bytea";
      case type_category::time:
        return c.info.pg_type == "interval" ? "'0'::interval" : "'00:00:00'";
      case type_category::bit:
        return "0";  // BIT(n) is an integer (type_mapping.cpp)
      default:
        return {};
    }
  }

  bool add_column(const ddl_name& table, const table_info* known, std::vector<std::string>& taken,
                  const ddl_alter_op& op) {
    described_column c;
    if (!describe(op.column, table, table_collation({}, {}), c)) return false;
    // IF NOT EXISTS: the catalog decides; without it only a column needing no other statement
    // (which would then touch the existing column) can rely on PostgreSQL's IF NOT EXISTS.
    bool pg_if_not_exists = false;
    if (op.if_exists) {
      if (known && known->find_column(op.column.name)) return true;
      if (!known) {
        const bool extra = op.column.primary_key || op.column.unique || op.column.on_update_current_timestamp ||
                           (c.type.base == "enum" && types_.enum_as_type) ||
                           (!c.info.nullable && !c.info.auto_increment &&
                            op.column.default_value.what == ddl_default::kind::none && !implicit_default(c).empty());
        if (extra) return fail("ADD COLUMN IF NOT EXISTS of a table the catalog does not know", op.position);
        pg_if_not_exists = true;
      }
    }
    enum_type(table, c);
    std::string s = alter_prefix(table) + (pg_if_not_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
    if (!column_definition(op.column, table, c, {}, s)) return false;
    // MySQL fills the existing rows of a NOT NULL column added without a DEFAULT with the type's
    // implicit default (0, '', the first ENUM member); PostgreSQL would refuse on a non-empty
    // table. The DEFAULT fills them and is dropped again, so later INSERTs still need a value.
    const bool needs_fill = !c.info.nullable && !c.info.auto_increment &&
                            op.column.default_value.what == ddl_default::kind::none;
    const std::string fill = needs_fill ? implicit_default(c) : std::string();
    if (!fill.empty()) s += " DEFAULT " + fill;
    statements_.push_back(std::move(s));
    if (!fill.empty()) alter_named(table, "ALTER COLUMN ", op.column.name, " DROP DEFAULT");
    if (!add_column_keys(table, taken, op.column)) return false;
    if (op.column.on_update_current_timestamp) on_update_trigger(table, c);
    return true;
  }

  // MODIFY / CHANGE: the new definition replaces the whole column, as in MySQL.
  bool modify_column(const ddl_name& table, const table_info* known, std::vector<std::string>& taken,
                     const ddl_alter_op& op) {
    const std::string old_name = op.what == ddl_alter_op::kind::change_column ? op.name : op.column.name;
    if (op.if_exists) return fail("MODIFY/CHANGE COLUMN IF EXISTS", op.position);
    const column_info* before = known ? known->find_column(old_name) : nullptr;
    described_column c;
    if (!describe(op.column, table, table_collation({}, {}), c)) return false;
    if (types_.enum_as_type && c.type.base == "enum") return fail("MODIFY to ENUM with enum types", op.position);
    if (op.what == ddl_alter_op::kind::change_column) {
      std::string r = alter_prefix(table) + "RENAME COLUMN ";
      ident(old_name, r);
      r += " TO ";
      ident(op.column.name, r);
      statements_.push_back(std::move(r));
    }
    std::string column;
    ident(op.column.name, column);
    std::vector<std::string> actions;
    const std::string alter_col = "ALTER COLUMN " + column + " ";
    if (c.info.auto_increment && !(before && before->auto_increment)) {
      if (!before) return fail("MODIFY ... AUTO_INCREMENT of a column the catalog does not know", op.position);
    }
    if (!c.info.auto_increment) actions.push_back(alter_col + "DROP IDENTITY IF EXISTS");
    actions.push_back(alter_col + "DROP DEFAULT");
    actions.push_back("DROP CONSTRAINT IF EXISTS " + derived(table, op.column.name + "_check"));
    if (op.what == ddl_alter_op::kind::change_column)
      actions.push_back("DROP CONSTRAINT IF EXISTS " + derived(table, old_name + "_check"));
    std::string type = alter_col + "TYPE ";
    type_clause(c, type);
    type += " USING " + column + "::" + c.info.pg_type;
    actions.push_back(std::move(type));
    if (known && known->primary_key())
      for (const auto& k : known->primary_key()->columns)
        if (ascii_iequals(k, old_name)) c.info.nullable = false;
    actions.push_back(alter_col + (c.info.nullable ? "DROP NOT NULL" : "SET NOT NULL"));
    if (op.column.default_value.what != ddl_default::kind::none) {
      std::string d = alter_col + "SET DEFAULT ";
      if (!default_clause(op.column.default_value, c, d)) return false;
      actions.push_back(std::move(d));
    }
    if (c.info.auto_increment && !(before && before->auto_increment))
      actions.push_back(alter_col + "ADD GENERATED BY DEFAULT AS IDENTITY");
    if (c.type.base == "enum") {
      std::string e = "ADD ";
      if (!enum_check(table, c, e)) return false;
      actions.push_back(std::move(e));
    }
    std::string s = alter_prefix(table);
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (i) s += ", ";
      s += actions[i];
    }
    statements_.push_back(std::move(s));
    drop_on_update_trigger(table, old_name);
    if (op.column.on_update_current_timestamp) on_update_trigger(table, c);
    return add_column_keys(table, taken, op.column);
  }

  bool set_default(const ddl_name& table, const table_info* known, const ddl_alter_op& op) {
    described_column c;
    if (known) {
      const column_info* col = known->find_column(op.name);
      if (!col) return fail("unknown column " + op.name, op.position);
      c.info = *col;
      if (!parse_column_type(col->mysql_type, c.type)) c.type = {};
    } else {
      // Without the catalog the column's type is unknown: literals are written as they are.
      c.info.category = type_category::other;
    }
    std::string s = alter_prefix(table) + "ALTER COLUMN ";
    ident(op.name, s);
    s += " SET DEFAULT ";
    if (!default_clause(op.column.default_value, c, s)) return false;
    statements_.push_back(std::move(s));
    return true;
  }

  void drop_index(const ddl_name& table, const table_info* known, std::string_view name, bool if_exists) {
    const bool is_unique = known && std::any_of(known->unique_keys.begin(), known->unique_keys.end(),
                                                [&](const unique_key& k) { return ascii_iequals(k.name, name); });
    const std::string_view maybe = !known || if_exists ? "IF EXISTS " : "";
    if (is_unique || !known) {
      statements_.push_back(alter_prefix(table) + "DROP CONSTRAINT " + std::string(maybe) + derived(table, name));
      if (is_unique) return;
    }
    // Not a unique key (or the catalog does not say): a plain index, or nothing when the
    // constraint above already took its index with it.
    statements_.push_back("DROP INDEX " + std::string(maybe) + qualified_derived(table, name));
  }

  // Renames the table's <old>_... indexes (and the unique and primary key constraints they carry)
  // to <new>_..., keeping the naming rule after a table rename.
  void rename_indexes(const ddl_name& from, const ddl_name& to) {
    std::string target;
    table_ref(to, target);
    std::string old_prefix = ascii_lowered(from.name) + "_";
    std::string new_prefix = ascii_lowered(to.name) + "_";
    std::string s = "DO " + std::string(dollar_tag) +
                    "DECLARE r record; BEGIN FOR r IN SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON "
                    "c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indrelid = ";
    append_pg_string(target, s);
    s += "::regclass AND left(c.relname, char_length(";
    append_pg_string(old_prefix, s);
    s += ")) = ";
    append_pg_string(old_prefix, s);
    s += " LOOP EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', r.nspname, r.relname, ";
    append_pg_string(new_prefix, s);
    s += " || substr(r.relname, char_length(";
    append_pg_string(old_prefix, s);
    s += ") + 1)); END LOOP; END" + std::string(dollar_tag);
    statements_.push_back(std::move(s));
  }

  void rename_table(const ddl_name& from, const ddl_name& to) {
    ddl_name current = from;
    const std::string from_schema = from.schema.empty() ? std::string(options_.current_database) : from.schema;
    const std::string to_schema = to.schema.empty() ? std::string(options_.current_database) : to.schema;
    if (!ascii_iequals(from_schema, to_schema)) {
      std::string s = alter_prefix(from) + "SET SCHEMA ";
      ident(to_schema, s);
      statements_.push_back(std::move(s));
      current.schema = to_schema;
    }
    if (!ascii_iequals(from.name, to.name)) {
      std::string s = alter_prefix(current) + "RENAME TO ";
      ident(to.name, s);
      statements_.push_back(std::move(s));
      // Name the renamed table as precisely as the statement named either side.
      ddl_name renamed = to;
      if (renamed.schema.empty() && !current.schema.empty()) renamed.schema = current.schema;
      rename_indexes(from, renamed);
    }
  }

  // AUTO_INCREMENT = n: the identity continues at n, or after the largest value when that is
  // higher (InnoDB does the same). A DO block, so the statement returns no rows.
  bool set_auto_increment(const ddl_name& table, const table_info* known, const ddl_alter_op& op) {
    if (!known) return fail("ALTER TABLE AUTO_INCREMENT of a table the catalog does not know", op.position);
    const auto it = std::find_if(known->columns.begin(), known->columns.end(),
                                 [](const column_info& c) { return c.auto_increment; });
    if (it == known->columns.end()) return true;  // MySQL accepts it on a table without one
    std::string target, column;
    table_ref(table, target);
    ident(it->name, column);
    std::string s = "DO " + std::string(dollar_tag) + "BEGIN PERFORM setval(pg_get_serial_sequence(";
    append_pg_string(target, s);
    s += ", ";
    append_pg_string(ascii_lowered(it->name), s);
    s += "), GREATEST(" + std::to_string(std::max<std::uint64_t>(op.auto_increment, 1)) + ", (SELECT COALESCE(max(" +
         column + "), 0) + 1 FROM " + target + ")), false); END" + std::string(dollar_tag);
    statements_.push_back(std::move(s));
    return true;
  }

  // ALTER TABLE t <action><name><rest>
  bool alter_named(const ddl_name& table, std::string_view action, std::string_view name, std::string_view rest) {
    std::string s = alter_prefix(table);
    s += action;
    ident(name, s);
    s += rest;
    statements_.push_back(std::move(s));
    return true;
  }

  bool alter(ddl_name& table, const table_info* known, std::vector<std::string>& taken, const ddl_alter_op& op) {
    using k = ddl_alter_op::kind;
    switch (op.what) {
      case k::add_column:
        return add_column(table, known, taken, op);
      case k::drop_column:
        return alter_named(table, op.if_exists ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ", op.name, "");
      case k::modify_column:
      case k::change_column:
        return modify_column(table, known, taken, op);
      case k::rename_column: {
        std::string s = alter_prefix(table) + "RENAME COLUMN ";
        ident(op.name, s);
        s += " TO ";
        ident(op.new_name, s);
        statements_.push_back(std::move(s));
        return true;
      }
      case k::set_default:
        return set_default(table, known, op);
      case k::drop_default:
        return alter_named(table, "ALTER COLUMN ", op.name, " DROP DEFAULT");
      case k::add_key: {
        const std::string name = op.key.what == ddl_key::kind::foreign ? op.key.name : key_name(op.key, taken);
        if (op.key.what == ddl_key::kind::index) return create_index(table, false, name, op.key.parts);
        std::string s = alter_prefix(table) + "ADD ";
        if (!constraint(table, op.key, name, s)) return false;
        statements_.push_back(std::move(s));
        return true;
      }
      case k::drop_index:
        drop_index(table, known, op.name, op.if_exists);
        return true;
      case k::drop_primary_key:
        statements_.push_back(alter_prefix(table) + "DROP CONSTRAINT " + derived(table, "pkey"));
        return true;
      case k::drop_foreign_key:
        return alter_named(table, op.if_exists ? "DROP CONSTRAINT IF EXISTS " : "DROP CONSTRAINT ", op.name, "");
      case k::rename_index:
        statements_.push_back("ALTER INDEX " + qualified_derived(table, op.name) + " RENAME TO " + derived(table, op.new_name));
        return true;
      case k::rename_table:
        rename_table(table, op.new_table);
        table = op.new_table;
        return true;
      case k::set_auto_increment:
        return set_auto_increment(table, known, op);
      case k::table_option:
        if (!op.charset.empty() || !op.collation.empty())
          notes_.push_back("ALTER TABLE DEFAULT CHARSET/COLLATE: only columns added later would differ; nothing to do");
        return true;
    }
    return true;
  }

  // ------------------------------------------------------------ the others
  void emit(const ddl_create_index& ci) {
    if (ci.unique) {
      std::vector<std::string> taken = key_names_of(known_table(ci.table));
      if (std::any_of(taken.begin(), taken.end(), [&](const std::string& n) { return ascii_iequals(n, ci.name); })) {
        fail("duplicate key name " + ci.name, ci.table.position);
        return;
      }
    }
    create_index(ci.table, ci.unique, ci.name, ci.parts);
  }

  void emit(const ddl_drop_index& di) {
    if (ascii_iequals(di.name, "PRIMARY")) {
      statements_.push_back(alter_prefix(di.table) + "DROP CONSTRAINT " + derived(di.table, "pkey"));
      return;
    }
    drop_index(di.table, known_table(di.table), di.name, di.if_exists);
  }

  void emit(const ddl_create_database& cd) {
    std::string s = cd.if_not_exists ? "CREATE SCHEMA IF NOT EXISTS " : "CREATE SCHEMA ";
    ident(cd.name, s);
    statements_.push_back(std::move(s));
  }

  // MySQL drops the database's tables with it; PostgreSQL's CASCADE also takes views and
  // functions that live in the schema.
  void emit(const ddl_drop_database& dd) {
    std::string s = dd.if_exists ? "DROP SCHEMA IF EXISTS " : "DROP SCHEMA ";
    ident(dd.name, s);
    s += " CASCADE";
    statements_.push_back(std::move(s));
  }

  void emit(const ddl_drop_table& dt) {
    std::string s = "DROP TABLE ";
    if (dt.if_exists) s += "IF EXISTS ";
    for (std::size_t i = 0; i < dt.tables.size(); ++i) {
      if (i) s += ", ";
      table_ref(dt.tables[i], s);
    }
    statements_.push_back(std::move(s));
  }

  void emit(const ddl_truncate& tr) {
    std::string s = "TRUNCATE TABLE ";
    table_ref(tr.table, s);
    s += " RESTART IDENTITY";
    statements_.push_back(std::move(s));
  }

  void emit(const ddl_rename_table& rt) {
    for (const auto& [from, to] : rt.renames) rename_table(from, to);
  }

  std::string_view sql_;
  const translate_options& options_;
  const type_mapping_options& types_;
  std::vector<std::string> statements_;
  std::vector<std::string_view> notes_;
  unsupported error_;
  bool failed_ = false;
};

}  // namespace

translate_result translate_ddl(std::string_view sql, const translate_options& options,
                               const type_mapping_options& types) {
  emitter e(sql, options, types);
  return e.run();
}

}  // namespace switchyard::sql
