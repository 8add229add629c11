#include "sql/classifier.hpp"

#include "sql/token_buffer.hpp"

#include <array>
#include <cstring>

namespace switchyard::sql {
namespace {

// ---- keywords: one perfect-enough hash lookup per word ----------------------------------------

#define SY_KEYWORDS(X)                                                                             \
  X(select) X(with) X(table) X(values) X(value) X(insert) X(replace) X(update) X(delete_, "DELETE") \
  X(create) X(alter) X(drop) X(truncate) X(rename) X(grant) X(revoke) X(begin) X(start)           \
  X(commit) X(rollback) X(savepoint) X(release) X(xa) X(set) X(use) X(show) X(lock) X(unlock)       \
  X(call) X(load) X(low_priority) X(delayed) X(high_priority) X(ignore) X(into) X(quick) X(from)    \
  X(join) X(straight_join) X(where) X(group) X(having) X(order) X(limit) X(window) X(union_, "UNION")        \
  X(except) X(intersect) X(for_, "FOR") X(share) X(on) X(using_, "USING") X(duplicate) X(as)       \
  X(inner) X(left) X(right) X(cross) X(natural) X(outer) X(full) X(force) X(partition) X(in)       \
  X(outfile) X(dumpfile) X(sql_calc_found_rows) X(dual) X(lateral) X(recursive) X(if_, "IF")       \
  X(index) X(view) X(like) X(references) X(to) X(tables) X(work) X(transaction) X(read) X(only)    \
  X(write) X(snapshot) X(global) X(session) X(local) X(persist) X(persist_only) X(names)            \
  X(character) X(charset) X(password) X(role) X(default_, "DEFAULT") X(isolation) X(autocommit)    \
  X(transaction_isolation) X(tx_isolation) X(transaction_read_only) X(tx_read_only) X(off)          \
  X(true_, "TRUE") X(false_, "FALSE") X(statement) X(data) X(xml) X(procedure) X(unique)           \
  X(fulltext) X(spatial) X(instance) X(now) X(current_timestamp) X(current_date) X(current_time)    \
  X(curdate) X(curtime) X(localtime) X(localtimestamp) X(utc_date) X(utc_time) X(utc_timestamp)    \
  X(unix_timestamp) X(sysdate) X(rand) X(uuid) X(uuid_short) X(sleep) X(last_insert_id)            \
  X(found_rows) X(row_count) X(connection_id) X(user) X(current_user) X(session_user)              \
  X(system_user) X(database) X(schema) X(get_lock) X(release_lock) X(release_all_locks)            \
  X(is_free_lock) X(is_used_lock) X(exists) X(returning) X(version) X(current_role)

enum class kw : std::uint8_t {
  none,
#define X(name, ...) name,
  SY_KEYWORDS(X)
#undef X
      count_
};

constexpr char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

// The keyword's spelling: the explicit one, or the enumerator's name in upper case.
struct kw_spelling {
  char text[24] = {};
  std::uint8_t size = 0;
};
constexpr kw_spelling spell(std::string_view name, std::string_view explicit_text = {}) {
  kw_spelling s;
  const std::string_view src = explicit_text.empty() ? name : explicit_text;
  for (char c : src) s.text[s.size++] = upper(c);
  return s;
}
constexpr std::array<kw_spelling, static_cast<std::size_t>(kw::count_)> spellings = {
    kw_spelling{},
#define X(name, ...) spell(#name __VA_OPT__(, ) __VA_ARGS__),
    SY_KEYWORDS(X)
#undef X
};

// The hash looks at the length and at most four characters (first two, last two), so a word
// costs a few instructions; the probe then compares the whole word.
constexpr std::size_t hash_slots = 1024;
constexpr std::uint32_t keyword_hash(const char* w, std::size_t n) {
  const std::uint32_t c = static_cast<std::uint32_t>(static_cast<unsigned char>(upper(w[0]))) |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(upper(w[1]))) << 8 |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(upper(w[n - 2]))) << 16 |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(upper(w[n - 1]))) << 24;
  std::uint32_t h = (c ^ static_cast<std::uint32_t>(n) * 0x9e3779b1u) * 0x85ebca6bu;
  return h ^ (h >> 15);
}

constexpr std::array<kw, hash_slots> build_table() {
  std::array<kw, hash_slots> table{};
  for (std::size_t k = 1; k < spellings.size(); ++k) {
    std::size_t slot = keyword_hash(spellings[k].text, spellings[k].size) & (hash_slots - 1);
    while (table[slot] != kw::none) slot = (slot + 1) & (hash_slots - 1);
    table[slot] = static_cast<kw>(k);
  }
  return table;
}
constexpr std::array<kw, hash_slots> keyword_table = build_table();

kw lookup_keyword(std::string_view word) {
  const std::size_t n = word.size();
  if (n > 23 || n < 2) return kw::none;
  for (std::size_t slot = keyword_hash(word.data(), n) & (hash_slots - 1);; slot = (slot + 1) & (hash_slots - 1)) {
    const kw k = keyword_table[slot];
    if (k == kw::none) return kw::none;
    const kw_spelling& s = spellings[static_cast<std::size_t>(k)];
    if (s.size != n) continue;
    std::size_t i = 0;
    while (i < n && upper(word[i]) == s.text[i]) ++i;
    if (i == n) return k;
  }
}

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upper(a[i]) != upper(b[i])) return false;
  }
  return true;
}

bool is_system_schema(std::string_view s) {
  return iequal(s, "information_schema") || iequal(s, "mysql") || iequal(s, "performance_schema") ||
         iequal(s, "sys");
}

// Words after a table name that are not its alias.
bool is_clause_word(kw k) {
  switch (k) {
    case kw::where: case kw::group: case kw::having: case kw::order: case kw::limit: case kw::join:
    case kw::inner: case kw::left: case kw::right: case kw::cross: case kw::natural:
    case kw::straight_join: case kw::full: case kw::outer: case kw::on: case kw::using_: case kw::use:
    case kw::force: case kw::ignore: case kw::partition: case kw::set: case kw::union_:
    case kw::except: case kw::intersect: case kw::for_: case kw::lock: case kw::into: case kw::window:
    case kw::values: case kw::value: case kw::select: case kw::read: case kw::write:
    case kw::low_priority: case kw::procedure: case kw::local: case kw::from: case kw::like:
    case kw::to: case kw::as: case kw::returning:
      return true;
    default:
      return false;
  }
}

// ---- tokens -------------------------------------------------------------------------------

// Small on purpose (24 bytes): tokens are copied through the look-ahead buffer.
// 12 bytes and no default member initializers: copied in registers, and the look-ahead buffer is
// not zeroed (tok{} is all zero). The text is source.substr(pos, len); for a quoted identifier,
// its body between the quotes.
struct tok {
  std::uint32_t pos;
  std::uint32_t len;
  token_kind kind;  // token_kind::end is 0
  kw key;
  char op;  // single-byte operators; ":=" is reported as '='

  [[nodiscard]] bool is(kw k) const { return key == k; }
  [[nodiscard]] bool is_op(char c) const { return kind == token_kind::op && op == c; }
  [[nodiscard]] bool is_name() const {
    return kind == token_kind::word || kind == token_kind::quoted_identifier;
  }
  [[nodiscard]] bool done() const { return kind == token_kind::end || kind == token_kind::semicolon; }
};

// Lexes ahead in batches, so that a token is never read back right after it was written (on a
// ring of a few tokens, copies stalled on store forwarding and cost more than the lexing).
class cursor {
 public:
  cursor(std::string_view src, const sql_mode& mode) : lex_(src, mode), src_(src) {}
  // Reads tokens already lexed (shared_pass.hpp) instead of lexing.
  cursor(std::string_view src, const sql_mode& mode, const token* begin, const token* end)
      : lex_(std::string_view{}, mode), src_(src), next_(begin), last_(end), pre_lexed_(true) {}
  const tok& peek(unsigned n = 0) {
    if (head_ + n < tail_) [[likely]] return buf_[head_ + n];
    return peek_slow(n);
  }
  tok take() {
    const tok& t = head_ < tail_ ? buf_[head_] : peek_slow(0);
    if (t.kind != token_kind::end) ++head_;
    return t;
  }

 private:
  static constexpr unsigned capacity = 32;
  [[gnu::noinline]] const tok& peek_slow(unsigned n) {
    if (!ended_) fill();
    if (head_ + n >= tail_) return buf_[tail_ - 1];  // the `end` token, forever
    return buf_[head_ + n];
  }
  void fill() {
    const unsigned keep = tail_ - head_;
    for (unsigned i = 0; i < keep; ++i) buf_[i] = buf_[head_ + i];
    head_ = 0;
    tail_ = keep;
    if (pre_lexed_) {
      while (tail_ < capacity) {
        buf_[tail_] = make(next_ != last_ ? *next_++ : token{});
        if (buf_[tail_++].kind == token_kind::end) {
          ended_ = true;
          return;
        }
      }
      return;
    }
    while (tail_ < capacity) {
      buf_[tail_] = make(lex_.next());
      if (buf_[tail_++].kind == token_kind::end) {
        ended_ = true;
        return;
      }
    }
  }
  tok make(const token& t) {
    tok r{};
    r.kind = t.kind == token_kind::error ? token_kind::end : t.kind;
    std::string_view text = src_.substr(t.offset, t.length);
    if (t.kind == token_kind::word) {
      r.key = lookup_keyword(text);
    } else if (t.kind == token_kind::quoted_identifier) {
      text = token_body(t, src_);
    } else if (t.kind == token_kind::op) {
      if (text.size() == 1) r.op = text[0];
      else if (text == ":=") r.op = '=';
    }
    r.pos = static_cast<std::uint32_t>(text.data() - src_.data());
    r.len = static_cast<std::uint32_t>(text.size());
    return r;
  }
  lexer lex_;
  std::string_view src_;
  const token* next_ = nullptr;  // pre-lexed tokens [next_, last_) not yet read
  const token* last_ = nullptr;
  bool pre_lexed_ = false;
  tok buf_[capacity];  // [head_, tail_) not yet taken
  unsigned head_ = 0;
  unsigned tail_ = 0;
  bool ended_ = false;
};

// ---- the classifier ---------------------------------------------------------------------------

constexpr int max_depth = 64;
constexpr std::size_t max_targets = 8;

// No default member initializers: a level is set to level{} (all false) when entered.
struct level {
  bool from_list;     // a table list is open: `,` and JOIN introduce tables
  bool expect_table;  // the next name is a table
  bool select_seen;   // FROM at this level belongs to a SELECT
};

struct name_ref {
  std::string_view schema;
  std::string_view name;
};

class classifier {
 public:
  classifier(std::string_view sql, const sql_mode& mode, statement_facts& f)
      : cur_(sql, mode), src_(sql), f_(f) {
    levels_[0] = level{};
  }
  classifier(const token_buffer& tokens, statement_facts& f)
      : cur_(tokens.source, tokens.mode, tokens.tokens.data(), tokens.tokens.data() + tokens.tokens.size()),
        src_(tokens.source),
        f_(f) {
    levels_[0] = level{};
  }

  void run() {
    tok t = take();
    if (t.done()) {
      finish_statement(t);
      f_.kind = statement_kind::other;
      f_.reason = t.kind == token_kind::end ? ineligibility::empty : ineligibility::empty;
      return;
    }
    while (t.is_op('(')) {
      push();
      t = take();
    }
    dispatch(t);
    finish();
  }

 private:
  // -- token plumbing
  tok take() {
    const tok t = cur_.take();
    prev_key_ = last_key_;
    prev_op_ = last_op_;
    last_key_ = t.key;
    last_op_ = t.op;
    return t;
  }
  [[nodiscard]] std::string_view txt(const tok& t) const { return src_.substr(t.pos, t.len); }
  [[nodiscard]] bool txt_is(const tok& t, std::string_view upper_word) const {
    return t.kind == token_kind::word && iequal(txt(t), upper_word);
  }
  const tok& peek(unsigned n = 0) { return cur_.peek(n); }
  level& lv() { return levels_[depth_ < max_depth ? depth_ : max_depth - 1]; }
  void push() {
    level& parent = lv();
    const bool inherit = parent.expect_table;
    parent.expect_table = false;
    ++depth_;
    level& child = lv();
    child = level{};
    child.expect_table = inherit;
    child.from_list = inherit;
  }
  void pop() {
    if (depth_ > 0) --depth_;
  }

  void note(volatile_use u, std::uint32_t pos) {
    f_.uses = f_.uses | u;
    if (pos < f_.first_use_position) f_.first_use_position = pos;
  }

  // Consumes the rest of a statement through the generic scanner.
  void scan_rest() {
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      step(t);
    }
  }

  // A possibly qualified name starting with `first`; consumes `.` name.
  name_ref read_name(const tok& first) {
    name_ref r{{}, txt(first)};
    if (peek().is_op('.') && peek(1).is_name()) {
      take();
      r.schema = txt(first);
      r.name = txt(take());
    }
    return r;
  }

  int record(name_ref n, bool written) {
    if (!n.schema.empty() && is_system_schema(n.schema)) system_schema_ = true;
    if (n.schema.empty()) {
      for (std::size_t i = 0; i < cte_count_; ++i) {
        if (iequal(ctes_[i], n.name)) return -1;
      }
    }
    if (f_.table_count >= max_tables) {
      f_.tables_overflow = true;
      return -1;
    }
    const int i = f_.table_count++;
    f_.tables[i] = table_ref{n.schema, n.name, {}, written};
    table_depth_[i] = static_cast<std::uint8_t>(depth_ < 255 ? depth_ : 255);
    return i;
  }

  void take_table(const tok& t, bool written = false) {
    lv().expect_table = false;
    pending_alias_ = record(read_name(t), written);
    alias_after_as_ = false;
    skip_partition_list();
  }

  // PARTITION (p0, p1) between a table and its alias.
  void skip_partition_list() {
    if (!peek().is(kw::partition) || !peek(1).is_op('(')) return;
    take();
    take();
    for (;;) {
      const tok& t = peek();
      if (t.done()) return;
      take();
      if (t.is_op(')')) return;
    }
  }

  // The generic scanner: tables after FROM / JOIN / `,`, subqueries, functions, variables.
  void step(const tok& t) {
    if (pending_alias_ >= 0) {
      const int i = pending_alias_;
      pending_alias_ = -1;
      if (t.is(kw::as)) {
        pending_alias_ = i;
        alias_after_as_ = true;
        return;
      }
      if (t.kind == token_kind::quoted_identifier ||
          (t.kind == token_kind::word && (alias_after_as_ || !is_clause_word(t.key)))) {
        f_.tables[i].alias = txt(t);
        alias_after_as_ = false;
        return;
      }
      alias_after_as_ = false;
    }
    switch (t.kind) {
      case token_kind::op:
        if (t.op == '(') {
          push();
        } else if (t.op == ')') {
          pop();
        } else if (t.op == ',') {
          if (lv().from_list) lv().expect_table = true;
        }
        return;
      case token_kind::user_variable:
        note(volatile_use::user_variable, t.pos);
        return;
      case token_kind::system_variable:
        note(volatile_use::system_variable, t.pos);
        return;
      case token_kind::quoted_identifier:
        if (lv().expect_table) take_table(t);
        return;
      case token_kind::word:
        word(t);
        return;
      default:
        return;
    }
  }

  void word(const tok& t) {
    level& l = lv();
    if (l.expect_table && (t.is(kw::select) || t.is(kw::with) || t.is(kw::values))) {
      l.expect_table = false;  // a derived table: (SELECT ...)
    }
    if (l.expect_table) {
      if (t.is(kw::dual)) {
        l.expect_table = false;
        return;
      }
      if (t.is(kw::lateral)) return;
      if (peek().is_op('(')) {  // a table function: JSON_TABLE(...)
        l.expect_table = false;
        return;
      }
      take_table(t);
      return;
    }
    const bool after_for = prev_key_ == kw::for_;  // index hints: FOR JOIN / ORDER BY / GROUP BY
    switch (t.key) {
      case kw::select:
        l.select_seen = true;
        l.from_list = false;
        if (depth_ > 0) subquery_ = true;
        return;
      case kw::from:
        if (l.select_seen) {
          l.from_list = true;
          l.expect_table = true;
        }
        return;
      case kw::join:
      case kw::straight_join:
        if (l.from_list && !after_for) l.expect_table = true;
        return;
      case kw::group:
      case kw::order:
        if (!after_for) l.from_list = false;
        return;
      case kw::where: case kw::having: case kw::limit: case kw::window: case kw::union_:
      case kw::except: case kw::intersect: case kw::procedure: case kw::set: case kw::values:
      case kw::value:
        l.from_list = false;
        return;
      case kw::on:
        if (peek().is(kw::duplicate)) {
          l.from_list = false;
          if (depth_ == 0) f_.on_duplicate_key_update = true;
        }
        return;
      case kw::for_:
        if (peek().is(kw::update)) locking_update_ = true;
        else if (peek().is(kw::share)) locking_share_ = true;
        return;
      case kw::lock:
        if (peek().is(kw::in)) locking_share_ = true;
        return;
      case kw::into:
        l.from_list = false;
        if (select_context_) {
          const tok& n = peek();
          if (n.is(kw::outfile) || n.is(kw::dumpfile) || n.kind == token_kind::user_variable ||
              n.kind == token_kind::word)
            f_.select_into = true;
        }
        return;
      case kw::returning:
        if (depth_ == 0) f_.reads = true;
        l.from_list = false;
        return;
      case kw::sql_calc_found_rows:
        f_.calc_found_rows = true;
        return;
      default:
        function(t);
        return;
    }
  }

  void function(const tok& t) {
    if (t.key == kw::none || prev_op_ == '.') return;
    const bool call = peek().is_op('(');
    volatile_use u = volatile_use::none;
    switch (t.key) {
      case kw::current_timestamp: case kw::current_date: case kw::current_time: case kw::localtime:
      case kw::localtimestamp: case kw::utc_date: case kw::utc_time: case kw::utc_timestamp:
        u = volatile_use::now;
        break;
      case kw::current_user:
        u = volatile_use::user;
        break;
      case kw::now: case kw::curdate: case kw::curtime:
        if (call) u = volatile_use::now;
        break;
      case kw::unix_timestamp:
        if (call && peek(1).is_op(')')) u = volatile_use::now;
        break;
      case kw::sysdate: if (call) u = volatile_use::sysdate; break;
      case kw::rand: if (call) u = volatile_use::rand; break;
      case kw::uuid: case kw::uuid_short: if (call) u = volatile_use::uuid; break;
      case kw::sleep: if (call) u = volatile_use::sleep; break;
      case kw::last_insert_id: if (call) u = volatile_use::last_insert_id; break;
      case kw::found_rows: if (call) u = volatile_use::found_rows; break;
      case kw::row_count: if (call) u = volatile_use::row_count; break;
      case kw::connection_id: if (call) u = volatile_use::connection_id; break;
      case kw::version: if (call) u = volatile_use::version; break;
      case kw::current_role: if (call) u = volatile_use::user; break;
      case kw::user: case kw::session_user: case kw::system_user:
        if (call) u = volatile_use::user;
        break;
      case kw::database: case kw::schema: if (call) u = volatile_use::database; break;
      case kw::get_lock: case kw::release_lock: case kw::release_all_locks: case kw::is_free_lock:
      case kw::is_used_lock:
        if (call) u = volatile_use::lock_function;
        break;
      default:
        break;
    }
    if (u != volatile_use::none) note(u, t.pos);
  }

  // -- statements

  void dispatch(const tok& t) {
    switch (t.key) {
      case kw::select: case kw::table: case kw::values:
        select_stmt(t);
        return;
      case kw::with:
        with_stmt();
        return;
      case kw::insert:
        insert_stmt(false);
        return;
      case kw::replace:
        insert_stmt(true);
        return;
      case kw::update:
        update_stmt();
        return;
      case kw::delete_:
        delete_stmt();
        return;
      case kw::create: case kw::alter: case kw::drop: case kw::truncate: case kw::rename:
        ddl_stmt(t.key);
        return;
      case kw::grant: case kw::revoke:
        f_.kind = statement_kind::ddl;
        f_.writes = true;
        skip_rest();
        return;
      case kw::begin:
        return kind_only(statement_kind::begin);
      case kw::start:
        if (peek().is(kw::transaction)) {
          take();
          start_transaction();
        } else {
          skip_rest();
        }
        return;
      case kw::commit:
        return kind_only(statement_kind::commit);
      case kw::rollback:
        rollback_stmt();
        return;
      case kw::savepoint:
        return kind_with_name(statement_kind::savepoint);
      case kw::release:
        if (peek().is(kw::savepoint)) take();
        return kind_with_name(statement_kind::release_savepoint);
      case kw::xa:
        return kind_only(statement_kind::xa);
      case kw::set:
        set_stmt();
        return;
      case kw::use:
        return kind_with_name(statement_kind::use);
      case kw::show:
        f_.kind = statement_kind::show;
        f_.reads = true;
        skip_rest();
        return;
      case kw::lock:
        lock_stmt();
        return;
      case kw::unlock:
        if (peek().is(kw::tables) || peek().is(kw::table)) f_.kind = statement_kind::unlock_tables;
        skip_rest();
        return;
      case kw::call:
        f_.kind = statement_kind::call;
        f_.reads = f_.writes = true;
        scan_rest();
        return;
      case kw::load:
        load_stmt();
        return;
      default:  // EXPLAIN, DESCRIBE, DO, HANDLER, ...: scanned for tables and functions
        scan_rest();
        return;
    }
  }

  // Statements known by their first keyword alone.
  void kind_only(statement_kind k) {
    f_.kind = k;
    skip_rest();
  }

  // ... and those followed by a name (a savepoint, a database).
  void kind_with_name(statement_kind k) {
    f_.kind = k;
    if (peek().is_name()) f_.name = txt(take());
    skip_rest();
  }

  void skip_rest() {
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
    }
  }

  void select_stmt(const tok& first) {
    f_.kind = statement_kind::select;
    f_.reads = true;
    select_context_ = true;
    if (first.is(kw::table)) {  // TABLE t: SELECT * FROM t
      if (peek().is_name()) take_table(take());
    } else {
      step(first);
    }
    scan_rest();
    if (locking_update_) f_.kind = statement_kind::select_for_update;
    else if (locking_share_) f_.kind = statement_kind::select_for_share;
  }

  // WITH [RECURSIVE] name [(columns)] AS (...), ...: notes the names, scans the bodies, and
  // returns the first token of the statement they prefix (or the end).
  tok with_prefix() {
    bool expect_name = true;
    for (;;) {
      tok t = take();
      if (t.done()) return t;
      if (depth_ == 0) {
        if (t.is(kw::recursive)) continue;
        if (expect_name && t.is_name()) {
          if (cte_count_ < std::size(ctes_)) ctes_[cte_count_++] = txt(t);
          expect_name = false;
          continue;
        }
        if (t.is_op(',')) {
          expect_name = true;
          continue;
        }
        if (t.is(kw::select) || t.is(kw::table) || t.is(kw::values) || t.is(kw::update) ||
            t.is(kw::delete_) || (t.is_op('(') && prev_key_ != kw::as && peek().is(kw::select)))
          return t;
      }
      step(t);
    }
  }

  void with_stmt() {
    const tok t = with_prefix();
    if (t.done()) {
      end_ = t;
      f_.kind = statement_kind::select;
      f_.reads = true;
    } else if (t.is(kw::update)) {
      update_stmt();
    } else if (t.is(kw::delete_)) {
      delete_stmt();
    } else {
      select_stmt(t);
    }
  }

  void insert_stmt(bool replace) {
    f_.writes = true;
    for (;;) {
      const tok& n = peek();
      if (n.is(kw::low_priority) || n.is(kw::delayed) || n.is(kw::high_priority) || n.is(kw::into)) {
        take();
      } else if (n.is(kw::ignore)) {
        take();
        f_.ignore = true;
      } else {
        break;
      }
    }
    if (peek().is_name()) {
      const tok t = take();
      record(read_name(t), true);
    }
    bool seen_values = false;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        break;
      }
      if (depth_ == 0 && !seen_values && t.is(kw::with)) {
        f_.has_select = true;
        seen_values = true;
        t = with_prefix();
        if (t.done()) {
          end_ = t;
          break;
        }
      }
      if (depth_ == 0) {
        if (t.is(kw::values) || t.is(kw::value) || t.is(kw::set)) {
          seen_values = true;
        } else if (!seen_values && (t.is(kw::select) || t.is(kw::table) ||
                                    (t.is_op('(') && peek().is(kw::select)))) {
          f_.has_select = true;
          seen_values = true;
          select_context_ = false;
          if (t.is(kw::table) && peek().is_name()) {
            take_table(take());
            continue;
          }
        }
      }
      step(t);
    }
    f_.reads = f_.reads || f_.has_select || subquery_;
    if (replace) f_.kind = statement_kind::replace;
    else if (f_.on_duplicate_key_update) f_.kind = statement_kind::insert_on_duplicate_key_update;
    else if (f_.has_select) f_.kind = statement_kind::insert_select;
    else if (f_.ignore) f_.kind = statement_kind::insert_ignore;
    else f_.kind = statement_kind::insert;
  }

  void add_target(name_ref n) {
    if (target_count_ < max_targets) targets_[target_count_++] = n;
    else all_targets_ = true;
  }

  // Marks as written the top-level tables in [first, limit) that the targets name.
  void resolve_targets(std::size_t first, std::size_t limit) {
    for (std::size_t i = first; i < limit && i < f_.table_count; ++i) {
      if (table_depth_[i] != 0) continue;
      table_ref& tr = f_.tables[i];
      if (all_targets_) {
        tr.written = true;
        continue;
      }
      for (std::size_t k = 0; k < target_count_; ++k) {
        const name_ref& n = targets_[k];
        const bool match = !n.schema.empty()
                               ? iequal(n.schema, tr.schema) && iequal(n.name, tr.table)
                               : (!tr.alias.empty() ? iequal(n.name, tr.alias) : iequal(n.name, tr.table));
        if (match) tr.written = true;
      }
    }
  }

  void update_stmt() {
    f_.kind = statement_kind::update;
    f_.reads = f_.writes = true;
    while (peek().is(kw::low_priority) || peek().is(kw::ignore)) {
      if (take().is(kw::ignore)) f_.ignore = true;
    }
    lv().from_list = true;
    lv().expect_table = true;
    lv().select_seen = true;
    const std::size_t first = f_.table_count;  // tables before are a WITH clause's
    bool multi = false;
    bool in_set = false;
    bool expect_target = false;
    std::size_t update_tables = 0;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        break;
      }
      if (depth_ == 0 && !in_set) {
        if (t.is_op(',') || t.is(kw::join) || t.is(kw::straight_join)) multi = true;
        if (t.is(kw::set)) {
          in_set = expect_target = true;
          pending_alias_ = -1;
          lv() = level{};
          update_tables = f_.table_count;
          continue;
        }
      } else if (depth_ == 0 && in_set) {
        if (expect_target && t.is_name()) {
          expect_target = false;
          if (peek().is_op('.') && peek(1).is_name()) {
            take();
            const tok second = take();
            if (peek().is_op('.') && peek(1).is_name()) {  // schema.table.column
              take();
              take();
              add_target({txt(t), txt(second)});
            } else {
              add_target({{}, txt(t)});
            }
          } else {
            unqualified_target_ = true;
          }
          continue;
        }
        if (t.is_op(',')) {
          expect_target = true;
          continue;
        }
        if (t.is(kw::where) || t.is(kw::order) || t.is(kw::limit)) in_set = false;
      }
      step(t);
    }
    if (!in_set && update_tables == 0) update_tables = f_.table_count;
    if (multi) {
      f_.kind = statement_kind::multi_table_update;
      if (unqualified_target_) all_targets_ = true;
      resolve_targets(first, update_tables);
    } else if (f_.table_count > first && table_depth_[first] == 0) {
      f_.tables[first].written = true;
    }
  }

  // A DELETE target list: names, `schema.name`, `name.*`, separated by `,`.
  void read_targets(tok t) {
    for (;;) {
      if (t.is_name()) {
        name_ref n = read_name(t);
        if (peek().is_op('.') && peek(1).is_op('*')) {
          take();
          take();
        }
        add_target(n);
      }
      if (!peek().is_op(',')) return;
      take();
      t = take();
    }
  }

  void delete_stmt() {
    f_.kind = statement_kind::delete_;
    f_.reads = f_.writes = true;
    for (;;) {
      const tok& n = peek();
      if (n.is(kw::low_priority) || n.is(kw::quick)) {
        take();
      } else if (n.is(kw::ignore)) {
        take();
        f_.ignore = true;
      } else {
        break;
      }
    }
    const std::size_t first = f_.table_count;  // tables before are a WITH clause's
    tok t = take();
    bool multi = false;
    if (t.is(kw::from)) {
      if (!peek().is_name()) {
        scan_rest();
        return;
      }
      read_targets(take());
      if (peek().is(kw::using_)) {
        take();
        multi = true;
      } else if (target_count_ == 1) {
        pending_alias_ = record(targets_[0], true);
        alias_after_as_ = false;
      }
    } else {
      read_targets(t);
      if (peek().is(kw::from)) take();
      multi = true;
    }
    if (multi) {
      lv().from_list = lv().expect_table = lv().select_seen = true;
    } else {
      lv().select_seen = true;
    }
    scan_rest();
    if (multi) {
      f_.kind = statement_kind::multi_table_delete;
      resolve_targets(first, f_.table_count);
    }
  }

  void ddl_stmt(kw first) {
    f_.kind = statement_kind::ddl;
    f_.writes = true;
    bool expect_name = first == kw::truncate;
    const bool list = first == kw::drop || first == kw::rename;
    bool index_stmt = false;
    bool named = false;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        break;
      }
      if (expect_name) {
        if (t.is(kw::if_) || t.is(kw::table) || t.is(kw::exists)) continue;
        if (txt_is(t, "NOT")) continue;
        if (t.is_name()) {
          take_table(t, true);
          pending_alias_ = -1;
          expect_name = false;
          named = true;
          continue;
        }
        expect_name = false;
      }
      if (depth_ == 0) {
        if (!named && (t.is(kw::table) || t.is(kw::tables) || t.is(kw::view))) {
          expect_name = true;
          continue;
        }
        if (t.is(kw::index) && !named) index_stmt = true;
        if (index_stmt && t.is(kw::on) && peek().is_name()) {
          take_table(take(), true);
          pending_alias_ = -1;
          index_stmt = false;
          named = true;
          continue;
        }
        if (first == kw::alter && named && t.is(kw::rename) &&
            (peek().is(kw::to) || peek().is(kw::as) || peek().is_name()) && !peek().is(kw::index) &&
            !txt_is(peek(), "COLUMN") && !txt_is(peek(), "KEY")) {  // ALTER TABLE t RENAME [TO] u
          if (peek().is(kw::to) || peek().is(kw::as)) take();
          expect_name = true;
          continue;
        }
        if (list && named && (t.is_op(',') || t.is(kw::to))) {
          expect_name = true;
          continue;
        }
        if (t.is(kw::select)) {
          f_.has_select = true;
          f_.reads = true;
        }
      }
      if ((t.is(kw::like) || t.is(kw::references)) && peek().is_name()) {
        take_table(take());
        pending_alias_ = -1;
        continue;
      }
      step(t);
    }
    if (subquery_) f_.reads = true;
  }

  void start_transaction() {
    f_.kind = statement_kind::begin;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      if (t.is(kw::with) && txt_is(peek(), "CONSISTENT")) {
        f_.consistent_snapshot = true;
      } else if (t.is(kw::read) && peek().is(kw::only)) {
        f_.read_only = true;
      } else if (t.is(kw::read) && peek().is(kw::write)) {
        f_.read_write = true;
      }
    }
  }

  void rollback_stmt() {
    f_.kind = statement_kind::rollback;
    if (peek().is(kw::work)) take();
    if (peek().is(kw::to)) {
      take();
      f_.kind = statement_kind::rollback_to_savepoint;
      if (peek().is(kw::savepoint)) take();
      if (peek().is_name()) f_.name = txt(take());
    }
    skip_rest();
  }

  void set_transaction() {
    f_.kind = statement_kind::set_transaction;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      if (t.is(kw::isolation)) f_.isolation_level = true;
      else if (t.is(kw::read) && peek().is(kw::only)) f_.read_only = true;
      else if (t.is(kw::read) && peek().is(kw::write)) f_.read_write = true;
    }
  }

  static bool strip_prefix(std::string_view& s, std::string_view prefix) {
    if (s.size() > prefix.size() && iequal(s.substr(0, prefix.size()), prefix)) {
      s.remove_prefix(prefix.size());
      return true;
    }
    return false;
  }

  void set_stmt() {
    f_.kind = statement_kind::set_session_variable;
    const tok& first = peek();
    if (first.is(kw::global) || first.is(kw::persist) || first.is(kw::persist_only) ||
        first.is(kw::session) || first.is(kw::local)) {
      if (peek(1).is(kw::transaction)) {
        if (!first.is(kw::session) && !first.is(kw::local)) f_.global_scope = true;
        take();
        take();
        set_transaction();
        return;
      }
    }
    if (first.is(kw::transaction)) {
      take();
      set_transaction();
      return;
    }
    if (first.is(kw::names) || first.is(kw::charset) ||
        (first.is(kw::character) && peek(1).is(kw::set))) {
      f_.kind = statement_kind::set_names;
      if (take().is(kw::character)) take();
      const tok& n = peek();
      if (n.is_name() || n.kind == token_kind::string) f_.name = n.kind == token_kind::string ? strip_quotes(txt(n)) : txt(n);
      skip_rest();
      return;
    }
    if (first.is(kw::statement)) {  // MariaDB: SET STATEMENT var = value [, ...] FOR statement
      note(volatile_use::system_variable, first.pos);
      take();
      for (;;) {
        const tok t = take();
        if (t.done()) {
          end_ = t;
          return;
        }
        if (depth_ == 0 && t.is(kw::for_)) break;
        step(t);
      }
      f_.kind = statement_kind::other;
      const tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      dispatch(t);
      return;
    }
    if (first.is(kw::password) || first.is(kw::role) || first.is(kw::default_)) {
      f_.kind = statement_kind::other;
      skip_rest();
      return;
    }
    int assignments = 0;
    bool only_autocommit = true;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        break;
      }
      if (t.is(kw::global) || t.is(kw::persist) || t.is(kw::persist_only)) {
        f_.global_scope = true;
        t = take();
      } else if (t.is(kw::session) || t.is(kw::local)) {
        t = take();
      }
      std::string_view name = txt(t);
      if (t.kind == token_kind::system_variable) {
        note(volatile_use::system_variable, t.pos);
        name.remove_prefix(2);
        if (strip_prefix(name, "global.") || strip_prefix(name, "persist.") ||
            strip_prefix(name, "persist_only.")) {
          f_.global_scope = true;
        } else if (!strip_prefix(name, "session.")) {
          strip_prefix(name, "local.");
        }
        if (name.size() >= 2 && name.front() == '`' && name.back() == '`') name = name.substr(1, name.size() - 2);
      } else if (t.kind == token_kind::user_variable) {
        note(volatile_use::user_variable, t.pos);
        name = {};
      }
      ++assignments;
      const bool autocommit = iequal(name, "autocommit");
      if (autocommit) f_.sets_autocommit = true;
      else only_autocommit = false;
      if (iequal(name, "transaction_isolation") || iequal(name, "tx_isolation")) f_.isolation_level = true;
      if (peek().is_op('=')) take();
      // The value, up to a top-level `,`.
      bool first_value = true;
      for (;;) {
        const tok& v = peek();
        if (v.done() || (depth_ == 0 && v.is_op(','))) break;
        tok vt = take();
        if (autocommit && first_value) {
          const tok& after = peek();
          if (after.done() || after.is_op(',')) {
            if (txt(vt) == "1" || vt.is(kw::on) || vt.is(kw::true_)) f_.autocommit_value = 1;
            else if (txt(vt) == "0" || vt.is(kw::off) || vt.is(kw::false_)) f_.autocommit_value = 0;
          }
        }
        first_value = false;
        step(vt);
      }
      if (peek().is_op(',')) {
        take();
        continue;
      }
    }
    if (assignments == 1 && only_autocommit) f_.kind = statement_kind::set_autocommit;
  }

  static std::string_view strip_quotes(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) return s.substr(1, s.size() - 2);
    return s;
  }

  void lock_stmt() {
    if (!peek().is(kw::tables) && !peek().is(kw::table)) {
      skip_rest();
      return;
    }
    take();
    f_.kind = statement_kind::lock_tables;
    lv().from_list = lv().expect_table = true;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      if (depth_ == 0 && t.is(kw::write) && f_.table_count > 0) {
        pending_alias_ = -1;
        f_.tables[f_.table_count - 1].written = true;
        continue;
      }
      step(t);
    }
  }

  void load_stmt() {
    if (!peek().is(kw::data) && !peek().is(kw::xml)) {
      scan_rest();
      return;
    }
    f_.kind = statement_kind::load_data;
    f_.writes = true;
    for (;;) {
      tok t = take();
      if (t.done()) {
        end_ = t;
        return;
      }
      if (t.is(kw::ignore)) f_.ignore = true;
      if (t.is(kw::into) && peek().is(kw::table)) {
        take();
        if (peek().is_name()) {
          take_table(take(), true);
          pending_alias_ = -1;
        }
        continue;
      }
      step(t);
    }
  }

  void finish_statement(const tok& end) {
    if (end.kind == token_kind::semicolon) {
      const std::uint32_t after = end.pos + 1;
      for (;;) {
        const tok& n = peek();
        if (n.kind == token_kind::end) return;
        if (n.kind != token_kind::semicolon) {
          f_.next_statement = after;
          return;
        }
        take();
      }
    }
  }

  void finish() {
    finish_statement(end_);
    if (f_.kind == statement_kind::insert || f_.kind == statement_kind::update ||
        f_.kind == statement_kind::delete_ || f_.kind == statement_kind::replace) {
      if (subquery_) f_.reads = true;
    }
    // Eligibility, in the order of ineligibility's enumerators.
    ineligibility r = ineligibility::none;
    const statement_kind k = f_.kind;
    if (k == statement_kind::select_for_update || k == statement_kind::select_for_share) {
      r = ineligibility::locking_read;
    } else if (k != statement_kind::select) {
      r = ineligibility::not_a_select;
    } else if (f_.next_statement != no_position) {
      r = ineligibility::multiple_statements;
    } else if (f_.select_into) {
      r = ineligibility::select_into;
    } else if (f_.calc_found_rows) {
      r = ineligibility::calc_found_rows;
    } else if (system_schema_) {
      r = ineligibility::system_schema;
    } else if (any(f_.uses & volatile_use::user_variable)) {
      r = ineligibility::user_variable;
    } else if (any(f_.uses & volatile_use::system_variable)) {
      r = ineligibility::system_variable;
    } else if (f_.session_dependent()) {
      r = ineligibility::session_dependent_function;
    } else if (f_.non_deterministic()) {
      r = ineligibility::non_deterministic_function;
    }
    f_.reason = r;
    f_.eligible_for_postgresql = r == ineligibility::none;
  }

  cursor cur_;
  std::string_view src_;
  statement_facts& f_;
  kw prev_key_ = kw::none;  // the token before the one being handled
  char prev_op_ = 0;
  kw last_key_ = kw::none;
  char last_op_ = 0;
  tok end_{};
  level levels_[max_depth];
  int depth_ = 0;
  int pending_alias_ = -1;
  bool alias_after_as_ = false;
  bool subquery_ = false;
  bool select_context_ = false;
  bool locking_update_ = false;
  bool locking_share_ = false;
  bool system_schema_ = false;
  bool unqualified_target_ = false;
  bool all_targets_ = false;
  std::array<std::uint8_t, max_tables> table_depth_{};
  // Variant members are left uninitialized (zeroing the classifier's arrays on every call cost
  // more than classifying a point select); only [0, count) is ever read.
  union {
    std::string_view ctes_[8];
  };
  std::size_t cte_count_ = 0;
  union {
    name_ref targets_[max_targets];
  };
  std::size_t target_count_ = 0;
};

}  // namespace

statement_facts classify(std::string_view sql, const sql_mode& mode) {
  statement_facts f;
  classifier c(sql, mode, f);
  c.run();
  return f;
}

statement_facts classify(const token_buffer& tokens) {
  statement_facts f;
  classifier c(tokens, f);
  c.run();
  return f;
}

std::string_view to_string(statement_kind k) {
  switch (k) {
    case statement_kind::other: return "other";
    case statement_kind::select: return "select";
    case statement_kind::select_for_update: return "select_for_update";
    case statement_kind::select_for_share: return "select_for_share";
    case statement_kind::insert: return "insert";
    case statement_kind::insert_select: return "insert_select";
    case statement_kind::insert_ignore: return "insert_ignore";
    case statement_kind::insert_on_duplicate_key_update: return "insert_on_duplicate_key_update";
    case statement_kind::replace: return "replace";
    case statement_kind::update: return "update";
    case statement_kind::multi_table_update: return "multi_table_update";
    case statement_kind::delete_: return "delete";
    case statement_kind::multi_table_delete: return "multi_table_delete";
    case statement_kind::ddl: return "ddl";
    case statement_kind::begin: return "begin";
    case statement_kind::commit: return "commit";
    case statement_kind::rollback: return "rollback";
    case statement_kind::rollback_to_savepoint: return "rollback_to_savepoint";
    case statement_kind::savepoint: return "savepoint";
    case statement_kind::release_savepoint: return "release_savepoint";
    case statement_kind::xa: return "xa";
    case statement_kind::set_session_variable: return "set_session_variable";
    case statement_kind::set_names: return "set_names";
    case statement_kind::set_autocommit: return "set_autocommit";
    case statement_kind::set_transaction: return "set_transaction";
    case statement_kind::use: return "use";
    case statement_kind::show: return "show";
    case statement_kind::lock_tables: return "lock_tables";
    case statement_kind::unlock_tables: return "unlock_tables";
    case statement_kind::call: return "call";
    case statement_kind::load_data: return "load_data";
  }
  return "?";
}

std::string_view to_string(ineligibility r) {
  switch (r) {
    case ineligibility::none: return "none";
    case ineligibility::empty: return "empty";
    case ineligibility::not_a_select: return "not_a_select";
    case ineligibility::multiple_statements: return "multiple_statements";
    case ineligibility::locking_read: return "locking_read";
    case ineligibility::select_into: return "select_into";
    case ineligibility::calc_found_rows: return "calc_found_rows";
    case ineligibility::system_schema: return "system_schema";
    case ineligibility::user_variable: return "user_variable";
    case ineligibility::system_variable: return "system_variable";
    case ineligibility::session_dependent_function: return "session_dependent_function";
    case ineligibility::non_deterministic_function: return "non_deterministic_function";
  }
  return "?";
}

}  // namespace switchyard::sql
