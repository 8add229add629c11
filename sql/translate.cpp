// translate(): lexes and dispatches one statement. DML goes through the parser and emitter;
// transaction control, SET and USE are short enough to translate token by token here.
#include "sql/translate.hpp"

#include <algorithm>
#include <new>

#include "sql/ddl_translate.hpp"
#include "sql/ascii.hpp"
#include "sql/emitter.hpp"
#include "sql/parser.hpp"

namespace switchyard::sql {
namespace {


// BEGIN, START TRANSACTION, COMMIT, ROLLBACK [TO SAVEPOINT], SAVEPOINT, RELEASE SAVEPOINT.
void transaction_control(parser& p, emitter& e) {
  if (p.accept_word("BEGIN")) {
    (void)p.accept_word("WORK");
    p.expect_end();
    return e.put("BEGIN");
  }
  if (p.accept_word("START")) {
    p.expect_word("TRANSACTION");
    e.put("START TRANSACTION");
    bool first = true, written = false;
    while (!p.at_end()) {
      if (!first) p.expect_op(",");
      first = false;
      if (p.accept_word("READ")) {
        const bool only = p.accept_word("ONLY");
        if (!only) p.expect_word("WRITE");
        e.put(written ? ", " : " ");
        e.put(only ? "READ ONLY" : "READ WRITE");
        written = true;
      } else if (p.accept_word("WITH")) {
        p.expect_word("CONSISTENT");
        p.expect_word("SNAPSHOT");
        e.note("WITH CONSISTENT SNAPSHOT: PostgreSQL takes the transaction's snapshot at its first query");
      } else {
        p.fail_here("START TRANSACTION option");
      }
    }
    return;
  }
  if (p.accept_word("COMMIT")) {
    (void)p.accept_word("WORK");
    bool chain = false;
    if (p.accept_word("AND")) {
      chain = !p.accept_word("NO");
      p.expect_word("CHAIN");
    }
    if (p.peek_word("RELEASE") || p.peek_word("NO")) p.fail_here("COMMIT ... RELEASE");
    p.expect_end();
    return e.put(chain ? "COMMIT AND CHAIN" : "COMMIT");
  }
  if (p.accept_word("ROLLBACK")) {
    (void)p.accept_word("WORK");
    if (p.accept_word("TO")) {
      (void)p.accept_word("SAVEPOINT");
      const std::string_view name = p.parse_identifier();
      p.expect_end();
      e.put("ROLLBACK TO SAVEPOINT ");
      return e.ident(name);
    }
    if (p.accept_word("AND")) p.fail_here("ROLLBACK AND CHAIN");
    if (p.peek_word("RELEASE")) p.fail_here("ROLLBACK RELEASE");
    p.expect_end();
    return e.put("ROLLBACK");
  }
  if (p.accept_word("SAVEPOINT")) {
    const std::string_view name = p.parse_identifier();
    p.expect_end();
    e.put("SAVEPOINT ");
    return e.ident(name);
  }
  p.expect_word("RELEASE");
  p.expect_word("SAVEPOINT");
  const std::string_view name = p.parse_identifier();
  p.expect_end();
  e.put("RELEASE SAVEPOINT ");
  e.ident(name);
}

// The SET statements with a PostgreSQL meaning; the rest are unsupported.
void set_statement(parser& p, emitter& e) {
  p.expect_word("SET");
  if (p.peek().kind == token_kind::user_variable) p.fail_here("user variable");
  bool session = p.accept_word("SESSION") || p.accept_word("LOCAL");
  if (p.peek_word("GLOBAL") || p.peek_word("PERSIST")) p.fail_here("SET GLOBAL");
  if (p.accept_word("NAMES") || (p.peek_word("CHARACTER") && p.peek_word("SET", 1)) || p.accept_word("CHARSET")) {
    if (p.accept_word("CHARACTER")) p.expect_word("SET");
    const token charset_token = p.peek();
    std::string_view charset = charset_token.kind == token_kind::string ? token_body(charset_token, e.src_)
                                                                        : p.text_of(charset_token);
    p.advance();
    if (p.accept_word("COLLATE")) p.advance();
    p.expect_end();
    if (ascii_iequals(charset, "utf8mb4") || ascii_iequals(charset, "utf8") || ascii_iequals(charset, "utf8mb3")) {
      e.bake_range(charset_token.offset, charset_token.offset + 1);
      return e.put("SET client_encoding = 'UTF8'");
    }
    if (ascii_iequals(charset, "latin1")) {
      e.bake_range(charset_token.offset, charset_token.offset + 1);
      return e.put("SET client_encoding = 'LATIN1'");
    }
    e.fail("character set " + std::string(charset), charset_token.offset);
  }
  if (p.accept_word("TRANSACTION")) {
    if (!session) p.fail_here("SET TRANSACTION for the next transaction only");
    e.put("SET SESSION CHARACTERISTICS AS TRANSACTION ");
    if (p.accept_word("ISOLATION")) {
      p.expect_word("LEVEL");
      if (p.accept_word("READ")) {
        if (p.accept_word("COMMITTED")) e.put("ISOLATION LEVEL READ COMMITTED");
        else {
          p.expect_word("UNCOMMITTED");
          e.put("ISOLATION LEVEL READ UNCOMMITTED");
        }
      } else if (p.accept_word("REPEATABLE")) {
        p.expect_word("READ");
        e.put("ISOLATION LEVEL REPEATABLE READ");
      } else {
        p.expect_word("SERIALIZABLE");
        e.put("ISOLATION LEVEL SERIALIZABLE");
      }
    } else {
      p.expect_word("READ");
      e.put(p.accept_word("ONLY") ? "READ ONLY" : (p.expect_word("WRITE"), "READ WRITE"));
    }
    p.expect_end();
    return;
  }
  // One variable: name [= | :=] value.
  const token var = p.peek();
  std::string_view name;
  if (var.kind == token_kind::system_variable) {
    name = p.text_of(var).substr(2);
    for (const std::string_view prefix : {"session.", "SESSION.", "local.", "LOCAL."})
      if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size()), session = true;
    if (name.find('.') != std::string_view::npos) p.fail_here("SET GLOBAL");
    p.advance();
  } else {
    name = p.parse_identifier();
  }
  if (!p.accept_op("=") && !p.accept_op(":=")) p.fail_here("expected '='");
  if (ascii_iequals(name, "autocommit") || ascii_iequals(name, "sql_mode") || ascii_iequals(name, "sql_select_limit")) {
    // Only as the one assignment: a list must translate every item or none.
    int depth = 0;
    for (std::size_t i = 0; p.peek(i).kind != token_kind::end; ++i) {
      if (p.peek_op("(", i)) ++depth;
      else if (p.peek_op(")", i)) --depth;
      else if (depth == 0 && p.peek_op(",", i)) p.fail("SET of several variables", p.peek(i).offset);
    }
    // Session state the proxy tracks itself (it changes how later statements are handled);
    // nothing runs on PostgreSQL.
    e.bake_range(p.peek().offset, static_cast<std::uint32_t>(e.src_.size()));
    e.note("session setting tracked by the proxy: nothing to run on PostgreSQL");
    return;
  }
  const token value = p.peek();
  p.advance();
  if (p.peek_op(",")) p.fail_here("SET of several variables");
  p.expect_end();
  const std::string_view value_text =
      value.kind == token_kind::string ? token_body(value, e.src_) : p.text_of(value);
  if (ascii_iequals(name, "time_zone")) {
    if (value.kind != token_kind::string) e.fail("time_zone value", value.offset);
    e.bake_range(value.offset, value.offset + 1);
    const bool offset = !value_text.empty() && (value_text[0] == '+' || value_text[0] == '-');
    if (offset) {
      // PostgreSQL reads a bare '+05:00' as a POSIX zone (west-positive); an interval is exact.
      for (const char c : value_text)
        if (!(c == '+' || c == '-' || c == ':' || (c >= '0' && c <= '9'))) e.fail("time_zone value", value.offset);
      e.put("SET TIME ZONE INTERVAL '");
      e.put(value_text);
      e.put("' HOUR TO MINUTE");
      return;
    }
    if (ascii_iequals(value_text, "SYSTEM")) return e.put("SET TIME ZONE LOCAL");
    for (const char c : value_text)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
            c == '-' || c == '+'))
        e.fail("time_zone value", value.offset);
    e.put("SET TIME ZONE '");
    e.put(value_text);
    e.put("'");
    return;
  }
  (void)session;
  e.fail("SET " + std::string(name), var.offset);
}

}  // namespace

translate_result translate(std::string_view mysql_sql, const translate_options& options) {
  try {
    token_list tokens;
    tokenize_statement(mysql_sql, options.mode, tokens);
    translation out;
    out.literal_count = tokens.literal_count;
    out.parameter_count = tokens.parameter_count;
    out.text.reserve(mysql_sql.size() + 32);
    ast::arena arena;
    parser p(mysql_sql, tokens, arena);
    emitter e(mysql_sql, tokens, options, out);
    const token& first = p.peek();
    if (first.kind == token_kind::end) return translate_result::failure("empty statement", 0);
    if (p.peek_word("SELECT") || p.peek_word("WITH") || p.peek_op("(")) {
      e.select_statement(p.parse_select_statement());
    } else if (p.peek_word("INSERT") || p.peek_word("REPLACE")) {
      e.insert_statement(p.parse_insert_statement());
    } else if (p.peek_word("UPDATE")) {
      e.update_statement(p.parse_update_statement());
    } else if (p.peek_word("DELETE")) {
      e.delete_statement(p.parse_delete_statement());
    } else if (p.peek_word("BEGIN") || p.peek_word("START") || p.peek_word("COMMIT") || p.peek_word("ROLLBACK") ||
               p.peek_word("SAVEPOINT") || p.peek_word("RELEASE")) {
      transaction_control(p, e);
    } else if (p.peek_word("SET")) {
      set_statement(p, e);
    } else if (p.peek_word("USE")) {
      p.advance();
      const std::string_view db = p.parse_identifier();
      p.expect_end();
      e.put("SET search_path TO ");
      e.ident(db);
    } else if (p.peek_word("CREATE") || p.peek_word("ALTER") || p.peek_word("DROP") || p.peek_word("TRUNCATE") ||
               p.peek_word("RENAME")) {
      static const type_mapping_options default_types{};
      return translate_ddl(mysql_sql, options, options.types != nullptr ? *options.types : default_types);
    } else {
      std::string what(first.kind == token_kind::word ? p.text_of(first) : std::string_view("this"));
      for (char& c : what) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      return translate_result::failure(what + " statement", first.offset);
    }
    std::sort(out.baked.begin(), out.baked.end());
    out.baked.erase(std::unique(out.baked.begin(), out.baked.end()), out.baked.end());
    return translate_result::success(std::move(out));
  } catch (const translate_error& error) {
    return translate_result::failure(error.construct, error.position);
  } catch (const std::bad_alloc&) {
    return translate_result::failure("statement too large to translate", 0);
  }
}

}  // namespace switchyard::sql
