#include "proxy/session.hpp"

#include <cctype>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "protocol/commit_gtid.hpp"
#include "protocol/constants.hpp"
#include "protocol/prepared.hpp"
#include "proxy/dual_write.hpp"
#include "proxy/session_registry.hpp"
#include "sql/classifier.hpp"

namespace switchyard::proxy {

namespace pr = protocol;
using clock = std::chrono::steady_clock;

namespace {
constexpr std::size_t initial_buffer = 8 * 1024;
constexpr std::size_t read_chunk = 16 * 1024;
// A response that did not fit one read is likely a result set: read it in bigger pieces, so a
// large result costs fewer system calls (the buffer keeps this size for the session).
constexpr std::size_t large_read_chunk = 128 * 1024;
constexpr std::size_t keep_capacity = 256 * 1024;  // buffers shrink back to this after big messages
const auto far_future = std::chrono::hours(24 * 365 * 10);

bool is_unsupported(pr::command c) {
  using pr::command;
  switch (c) {
    case command::sleep: case command::connect: case command::time: case command::delayed_insert:
    case command::binlog_dump: case command::table_dump: case command::connect_out:
    case command::register_slave: case command::daemon: case command::binlog_dump_gtid:
    case command::clone:
      return true;
    default:
      return false;
  }
}

}  // namespace

session::session(runtime& rt, session_registry& registry, tcp::socket client)
    : rt_(rt),
      registry_(registry),
      id_(rt.next_session_id.fetch_add(1, std::memory_order_relaxed)),
      client_(std::move(client)),
      backend_(tcp::socket(client_.socket().get_executor())),
      client_in_(initial_buffer),
      backend_in_(initial_buffer),
      timer_(client_.socket().get_executor()) {
  registry_.add(this);
  metrics::add(rt_.stats.connections_active);
  boost::system::error_code ec;
  const auto ep = client_.socket().remote_endpoint(ec);
  peer_ = ec ? "?" : str_cat(ep.address().to_string(), ":", ep.port());
}

session::~session() {
  registry_.remove(this);
  metrics::add(rt_.stats.connections_active, -1);
}

void session::start() {
  auto self = shared_from_this();
  asio::co_spawn(client_.socket().get_executor(), [self]() { return self->run(); }, asio::detached);
  asio::co_spawn(client_.socket().get_executor(), [self]() { return self->watchdog(); }, asio::detached);
}

void session::set_phase(phase p) {
  phase_ = p;
  const auto& s = rt_.settings.proxy;
  std::chrono::milliseconds limit{0};
  switch (p) {
    case phase::connecting: limit = s.connect_timeout; break;
    case phase::handshake: limit = s.handshake_timeout; break;
    case phase::idle: limit = s.idle_timeout; break;
    case phase::busy: limit = s.query_timeout.count() ? s.query_timeout : s.idle_timeout; break;
    case phase::closed: break;
  }
  deadline_ = limit.count() ? clock::now() + limit : clock::now() + far_future;
  // The watchdog sleeps until the deadline it armed; an earlier one (a short handshake, idle or
  // query timeout after a longer one) must wake it, or the timeout fires only at the old deadline.
  if (deadline_ < armed_deadline_) timer_.cancel();
}

void session::drain() {
  drain_requested_ = true;
  if (phase_ == phase::idle || phase_ == phase::handshake || phase_ == phase::connecting) {
    metrics::add(rt_.stats.shutdown_closed);
    abort("shutdown");
  }
}

void session::abort(std::string_view reason) {
  if (closed_) return;
  SY_LOG(info, id_, "closing: ", reason);
  close_all();
}

void session::close_all() {
  closed_ = true;
  phase_ = phase::closed;
  client_.close();
  backend_.close();
  timer_.cancel();
}

asio::awaitable<void> session::watchdog() {
  auto self = shared_from_this();
  while (!closed_) {
    armed_deadline_ = deadline_;
    timer_.expires_at(armed_deadline_);
    auto [ec] = co_await timer_.async_wait(use_nothrow);
    if (closed_) break;
    if (clock::now() < deadline_) continue;  // the deadline moved while we slept
    switch (phase_) {
      case phase::connecting: metrics::add(rt_.stats.timeouts_connect); break;
      case phase::handshake: metrics::add(rt_.stats.timeouts_handshake); break;
      case phase::idle: metrics::add(rt_.stats.timeouts_idle); break;
      case phase::busy: metrics::add(rt_.stats.timeouts_query); break;
      case phase::closed: break;
    }
    static constexpr const char* names[] = {"connect", "handshake", "idle", "query", "closed"};
    abort(str_cat(names[static_cast<int>(phase_)], " timeout"));
  }
}

asio::awaitable<void> session::run() {
  auto self = shared_from_this();
  metrics::add(rt_.stats.connections_accepted);
  boost::system::error_code ignored;
  client_.socket().set_option(tcp::no_delay(true), ignored);
  SY_LOG(debug, id_, "client connected from ", peer_);
  // (GCC 12 miscompiles co_await inside conditions and &&: results go to locals first.)
  bool ok = co_await connect_backend();
  if (ok) ok = co_await authenticate();
  if (ok) co_await command_loop();
  if (!closed_) close_all();
  if (mirror_) mirror_->on_disconnect();  // MySQL rolls back what the session left open
  if (ok) SY_LOG(info, id_, "session of '", user_, "' ended after ", commands_, " command(s)");
  else SY_LOG(debug, id_, "session ended before authentication");
}

asio::awaitable<bool> session::connect_backend() {
  set_phase(phase::connecting);
  const auto& target = rt_.settings.mysql.address;
  const std::string where = config::to_string(target);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(target.host, ec);
  if (!ec) {
    // An IP address needs no resolver (Asio's runs getaddrinfo on a thread of its own).
    auto [cec] = co_await backend_.socket().async_connect(tcp::endpoint(address, target.port), use_nothrow);
    ec = cec;
  } else {
    tcp::resolver resolver(client_.socket().get_executor());
    auto [rec, endpoints] = co_await resolver.async_resolve(target.host, std::to_string(target.port),
                                                            tcp::resolver::numeric_service, use_nothrow);
    ec = rec;
    if (!ec) {
      auto [cec, ep] = co_await asio::async_connect(backend_.socket(), endpoints, use_nothrow);
      ec = cec;
    }
  }
  if (ec || closed_) {
    metrics::add(rt_.stats.backend_connect_failures);
    const std::string why = closed_ ? "connect timeout" : ec.message();
    SY_LOG(warn, id_, "cannot connect to MySQL at ", where, ": ", why);
    if (!closed_) co_await send_error_and_close(0, errors::cannot_connect(where, why), false);
    co_return false;
  }
  backend_.socket().set_option(tcp::no_delay(true), ec);
  // Asio watches a connecting socket for writability and keeps watching it afterwards, so every
  // ACK from MySQL would wake the event loop for nothing. Registering the descriptor anew
  // leaves only the read interest, as on accepted sockets.
  const auto protocol = backend_.socket().local_endpoint(ec).protocol();
  if (!ec) {
    const auto fd = backend_.socket().release(ec);
    if (!ec) backend_.socket().assign(protocol, fd, ec);
  }
  if (ec) {
    metrics::add(rt_.stats.backend_connect_failures);
    SY_LOG(warn, id_, "cannot take over the MySQL connection's descriptor: ", ec.message());
    close_all();
    co_return false;
  }
  co_return true;
}

asio::awaitable<session::read_status> session::read_message(duplex_stream& from, io_buffer& buffer,
                                                            std::uint8_t expected_seq, std::size_t max_payload,
                                                            message& out) {
  while (true) {
    out.scan = pr::scan_message(buffer.readable(), expected_seq, max_payload);
    if (out.scan.error == pr::errc::ok) {
      out.wire = buffer.readable().first(out.scan.wire_size);
      if (out.scan.split()) {
        scratch_.clear();
        pr::join_payload(out.wire, scratch_);
        out.payload = scratch_;
      } else {
        out.payload = out.scan.single_payload;
      }
      co_return read_status::ok;
    }
    if (out.scan.error == pr::errc::bad_sequence) co_return read_status::bad_sequence;
    if (out.scan.error == pr::errc::too_large) co_return read_status::too_large;
    auto [ec, n] = co_await from.read_some(buffer.prepare(read_chunk));
    if (ec || n == 0) co_return read_status::closed;
    buffer.commit(n);
    if (&buffer == &client_in_) metrics::add(rt_.stats.client_bytes_in, static_cast<std::int64_t>(n));
  }
}

asio::awaitable<bool> session::forward(duplex_stream& to, const message& m, std::uint8_t first_seq) {
  if (first_seq == m.wire[3] && !m.scan.split()) {
    const auto ec = co_await to.write(asio::buffer(m.wire.data(), m.wire.size()));
    co_return !ec;
  }
  scratch_.clear();
  pr::append_message(scratch_, m.payload, first_seq);
  const auto ec = co_await to.write(asio::buffer(scratch_));
  co_return !ec;
}

asio::awaitable<bool> session::send_to_client(pr::bytes_view bytes) {
  if (bytes.empty()) co_return true;
  const auto ec = co_await client_.write(asio::buffer(bytes.data(), bytes.size()));
  if (ec) co_return false;
  metrics::add(rt_.stats.client_bytes_out, static_cast<std::int64_t>(bytes.size()));
  co_return true;
}

asio::awaitable<void> session::send_error_and_close(std::uint8_t seq, const mysql_error& e, bool with_sqlstate) {
  const pr::bytes packet = err_packet(seq, e, with_sqlstate);
  co_await send_to_client(packet);
  close_all();
}

asio::awaitable<void> session::command_loop() {
  while (!closed_) {
    if (drain_requested_) {
      metrics::add(rt_.stats.shutdown_closed);
      abort("shutdown");
      co_return;
    }
    set_phase(phase::idle);
    message m;
    const read_status rs = co_await read_message(client_, client_in_, 0, rt_.settings.proxy.max_allowed_packet, m);
    if (closed_) co_return;
    switch (rs) {
      case read_status::ok: break;
      case read_status::closed:
        if (!client_in_.empty()) {
          metrics::add(rt_.stats.client_aborts);
          SY_LOG(info, id_, "client hung up in the middle of a command");
        }
        co_return;  // hanging up between commands is how many clients leave
      case read_status::bad_sequence:
        metrics::add(rt_.stats.bad_sequence_ids);
        SY_LOG(warn, id_, "client command with a wrong sequence id");
        co_await send_error_and_close(1, errors::packets_out_of_order());
        co_return;
      case read_status::too_large:
        metrics::add(rt_.stats.packets_too_large);
        SY_LOG(warn, id_, "client command over max_allowed_packet (", rt_.settings.proxy.max_allowed_packet, " bytes)");
        co_await send_error_and_close(1, errors::packet_too_large());
        co_return;
    }
    set_phase(phase::busy);
    const bool keep_going = co_await handle_command(m);
    if (!keep_going) co_return;
    client_in_.shrink_to(keep_capacity);
    backend_in_.shrink_to(keep_capacity);
  }
}

session_mirror* session::active_mirror() {
  dual_write* service = rt_.dual.load(std::memory_order_acquire);
  if (service == nullptr) {
    mirror_.reset();  // back in phase 0: what was open is not mirrored
    return nullptr;
  }
  if (!mirror_ || &mirror_->service() != service) {
    std::shared_ptr<dual_write> owner;
    {
      std::lock_guard lock(rt_.dual_mutex);
      owner = rt_.dual_owner;
    }
    if (owner.get() != service) {  // switched off (or over) this very moment
      mirror_.reset();
      return nullptr;
    }
    mirror_ = std::make_unique<session_mirror>(std::move(owner), chosen_database_.value_or(initial_database_));
    if (commands_ > 1 && (tracker_.status_flags() & pr::server_status::in_trans) != 0) mirror_->began_mid_transaction();
  }
  return mirror_.get();
}

namespace {
// The database a command chooses if MySQL accepts it (COM_INIT_DB, a USE statement).
// Where a statement's first word starts, after blanks and comments.
std::size_t first_word(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 2) == "/*") {
      const std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '#' || text.substr(i, 3) == "-- ") {
      const std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      break;
    }
  }
  return i;
}

// Whether `text` starts with the keyword `word` (lower case), as a whole word, at `i`.
bool keyword_at(std::string_view text, std::size_t i, std::string_view word) {
  if (text.size() < i + word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if ((text[i + k] | 0x20) != word[k]) return false;
  const std::size_t after = i + word.size();
  return after == text.size() || (std::isalnum(static_cast<unsigned char>(text[after])) == 0 && text[after] != '_');
}

// The database a command chooses if MySQL accepts it (COM_INIT_DB, a USE statement).
std::optional<std::string> database_chosen_by(pr::command cmd, std::string_view text) {
  if (cmd == pr::command::init_db) return std::string(text);
  if (cmd != pr::command::query) return std::nullopt;
  // Cheap test first (this runs in every phase): the first word is USE (not USER..., USED...).
  if (!keyword_at(text, first_word(text), "use")) return std::nullopt;
  const sql::statement_facts f = sql::classify(text, sql::sql_mode{});
  if (f.kind != sql::statement_kind::use) return std::nullopt;
  return std::string(f.name);
}

// Whether a SET statement may change what MySQL's session tracks (session_track_*), in any case.
bool sets_session_track(std::string_view text) {
  if (!keyword_at(text, first_word(text), "set")) return false;
  constexpr std::string_view needle = "session_track";
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(text[i + k])) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

void append_query(pr::bytes& out, std::string_view sql) {
  pr::bytes payload;
  payload.reserve(sql.size() + 1);
  payload.push_back(static_cast<std::uint8_t>(pr::command::query));
  payload.insert(payload.end(), sql.begin(), sql.end());
  std::uint8_t seq = 0;
  pr::append_message(out, payload, seq);
}
}  // namespace

asio::awaitable<bool> session::send_with_extras(const message& m, std::int64_t pin_micros, bool ask_commit_seq,
                                                bool track_gtid) {
  pr::bytes out;
  // MariaDB: the client's own tracked variables stay, last_gtid joins them. MySQL 8: its own
  // GTID per commit. Either is taken out of the OKs the client gets.
  if (track_gtid)
    append_query(out, gtid_source_ == pr::gtid_source::mysql_own_gtid
                          ? "SET @@session.session_track_gtids = OWN_GTID"
                          : "SET @@session.session_track_system_variables = CONCAT_WS(',', "
                            "NULLIF(@@session.session_track_system_variables, ''), 'last_gtid')");
  if (pin_micros != 0) {
    char set[64];
    std::snprintf(set, sizeof set, "SET timestamp = %lld.%06lld", static_cast<long long>(pin_micros / 1'000'000),
                  static_cast<long long>(pin_micros % 1'000'000));
    append_query(out, set);
  }
  out.insert(out.end(), m.wire.begin(), m.wire.end());
  if (pin_micros != 0) append_query(out, "SET timestamp = DEFAULT");
  if (ask_commit_seq) append_query(out, "SELECT @@last_gtid");
  const auto wec = co_await backend_.write(asio::buffer(out));
  if (wec) co_return false;
  trailing_ok_ = pin_micros != 0;
  trailing_commit_seq_ = ask_commit_seq;
  if (track_gtid) {
    message reply;
    const read_status rs = co_await read_message(backend_, backend_in_, 1, std::size_t{1} << 24, reply);
    if (rs != read_status::ok) co_return false;
    gtid_tracked_ = !reply.payload.empty() && reply.payload[0] == 0x00;
    backend_in_.consume(reply.scan.wire_size);
    if (!gtid_tracked_) {
      gtid_tracking_refused_ = true;
      metrics::add(rt_.stats.mirror_gtid_tracking_failures);
      SY_LOG(warn, id_, "MySQL refused to track last_gtid for this session; commit GTIDs are queried instead");
    }
  }
  if (pin_micros == 0) co_return true;
  message reply;
  const read_status rs = co_await read_message(backend_, backend_in_, 1, std::size_t{1} << 24, reply);
  if (rs != read_status::ok) co_return false;
  const bool pinned = !reply.payload.empty() && reply.payload[0] == 0x00;
  backend_in_.consume(reply.scan.wire_size);
  metrics::add(rt_.stats.mirror_time_pins);
  if (!pinned) {
    metrics::add(rt_.stats.mirror_time_pin_failures);
    SY_LOG(warn, id_, "MySQL refused SET timestamp; the statement will be recorded as a divergence");
    mirror_->pin_failed();
  }
  co_return true;
}

// Reads what was sent after the client's command (never relayed): SET timestamp = DEFAULT's OK,
// and SELECT @@last_gtid's one-row result, whose GTID sequence number is the commit's order.
asio::awaitable<bool> session::read_trailing_replies() {
  if (trailing_ok_) {
    trailing_ok_ = false;
    message reply;
    const read_status rs = co_await read_message(backend_, backend_in_, 1, std::size_t{1} << 24, reply);
    if (rs != read_status::ok) co_return false;
    if (reply.payload.empty() || reply.payload[0] != 0x00)
      SY_LOG(warn, id_, "MySQL refused SET timestamp = DEFAULT; NOW() may stay pinned in this session");
    backend_in_.consume(reply.scan.wire_size);
  }
  if (!trailing_commit_seq_) co_return true;
  trailing_commit_seq_ = false;
  // Column count (or ERR), one column definition, EOF (without DEPRECATE_EOF), the row, EOF / OK.
  std::uint8_t seq = 1;
  std::string gtid;
  const auto next_packet = [&](message& out) -> asio::awaitable<bool> {
    const read_status rs = co_await read_message(backend_, backend_in_, seq++, std::size_t{1} << 24, out);
    co_return rs == read_status::ok;
  };
  message packet;
  bool ok = co_await next_packet(packet);
  if (!ok) co_return false;
  const bool error = !packet.payload.empty() && packet.payload[0] == 0xFF;
  backend_in_.consume(packet.scan.wire_size);
  if (!error) {
    const int header_packets = (capabilities_ & pr::capability::deprecate_eof) != 0 ? 1 : 2;  // column [+ EOF]
    for (int i = 0; i < header_packets; ++i) {
      ok = co_await next_packet(packet);
      if (!ok) co_return false;
      backend_in_.consume(packet.scan.wire_size);
    }
    while (true) {  // rows until the terminator (0xFE, short)
      ok = co_await next_packet(packet);
      if (!ok) co_return false;
      const pr::bytes_view p = packet.payload;
      const bool terminator = !p.empty() && p[0] == 0xFE && p.size() < 0xFFFFFF;
      if (!terminator && !p.empty() && p[0] < 0xFB)
        gtid.assign(pr::as_chars(p.subspan(1, std::min<std::size_t>(p[0], p.size() - 1))));
      backend_in_.consume(packet.scan.wire_size);
      if (terminator) break;
    }
  }
  if (mirror_) mirror_->set_commit_seq(migrate::gtid_sequence_of(gtid));
  metrics::add(rt_.stats.mirror_commit_gtids_queried);
  co_return true;
}

bool session::take_tracked_gtids(pr::bytes_view chunk, const std::vector<std::uint32_t>& oks, pr::bytes& out) {
  out.clear();
  std::size_t copied = 0;  // chunk bytes up to here are in `out`
  std::string gtid;
  for (const std::uint32_t at : oks) {
    const pr::bytes_view rest = chunk.subspan(std::min<std::size_t>(at, chunk.size()));
    const std::size_t length = rest.size() >= pr::packet_header_size ? pr::decode_packet_header(rest.data()).payload_length : 0;
    if (rest.size() < pr::packet_header_size || rest.size() < pr::packet_header_size + length) {
      metrics::add(rt_.stats.mirror_gtid_unstripped);  // its end is in the next read: already on its way
      continue;
    }
    pr::taken_gtid taken;
    if (pr::take_commit_gtid(rest.subspan(pr::packet_header_size, length), capabilities_, gtid_source_, taken) !=
            pr::errc::ok ||
        !taken.found)
      continue;
    metrics::add(rt_.stats.mirror_commit_gtids_tracked);
    gtid = taken.gtid;
    out.insert(out.end(), chunk.begin() + static_cast<std::ptrdiff_t>(copied), chunk.begin() + at);
    std::uint8_t seq = rest[3];
    pr::append_message(out, taken.payload, seq);
    copied = at + pr::packet_header_size + length;
  }
  if (gtid.empty()) return false;
  out.insert(out.end(), chunk.begin() + static_cast<std::ptrdiff_t>(copied), chunk.end());
  if (mirror_) mirror_->set_commit_seq(migrate::gtid_sequence_of(gtid));  // the response's last commit
  return true;
}

asio::awaitable<void> session::hand_to_mirror() {
  dual_write* service = &mirror_->service();
  if (!service->synchronous()) {
    mirror_->after_response(tracker_);
    co_return;
  }
  struct waiter {
    explicit waiter(asio::any_io_executor ex) : timer(ex) {}
    asio::steady_timer timer;
    bool done = false;
  };
  auto w = std::make_shared<waiter>(client_.socket().get_executor());
  const std::size_t submitted = mirror_->after_response(tracker_, [w](bool) {
    asio::post(w->timer.get_executor(), [w] {
      w->done = true;
      w->timer.cancel();
    });
  });
  if (submitted == 0) co_return;
  const auto timeout = service->synchronous_timeout();  // the service may be gone after the wait
  w->timer.expires_after(timeout);
  auto [ec] = co_await w->timer.async_wait(use_nothrow);
  if (!w->done) {
    metrics::add(rt_.stats.mirror_sync_timeouts);
    SY_LOG(warn, id_, "synchronous mirror: PostgreSQL did not apply the commit within ",
           timeout.count(), " ms; answering the client anyway (asynchronous for it)");
  }
}

std::string_view session::payload_text(const message& m) {
  return pr::as_chars(m.payload.subspan(1));
}

asio::awaitable<bool> session::handle_command(const message& m) {
  if (m.payload.empty()) {
    metrics::add(rt_.stats.malformed_packets);
    SY_LOG(warn, id_, "empty client command");
    co_await send_error_and_close(1, errors::malformed_packet());
    co_return false;
  }
  const auto cmd = static_cast<pr::command>(m.payload[0]);
  metrics::add(rt_.stats.commands_total);
  ++commands_;
  if (is_unsupported(cmd)) {
    metrics::add(rt_.stats.unsupported_commands);
    SY_LOG(info, id_, "refused unsupported command 0x", static_cast<int>(cmd));
    client_in_.consume(m.scan.wire_size);
    const pr::bytes packet = err_packet(1, errors::unknown_command());
    co_return co_await send_to_client(packet);
  }

  // The statement this command runs: the later phases classify, translate and mirror it.
  current_statement_ = {};
  switch (cmd) {
    case pr::command::query:
      metrics::add(rt_.stats.queries_total);
      current_statement_ = payload_text(m);
      break;
    case pr::command::stmt_prepare:
      metrics::add(rt_.stats.prepares_total);
      pending_prepare_.assign(payload_text(m));
      current_statement_ = pending_prepare_;
      break;
    case pr::command::stmt_execute:
    case pr::command::mariadb_stmt_bulk_execute: {
      metrics::add(rt_.stats.executes_total);
      const std::uint32_t id = pr::statement_id_of(m.payload);
      const auto it = statements_.find(id == 0xFFFFFFFFu ? last_prepared_id_ : id);  // MariaDB: the last prepared
      if (it != statements_.end()) current_statement_ = it->second;
      break;
    }
    case pr::command::stmt_close: statements_.erase(pr::statement_id_of(m.payload)); break;
    default: break;
  }
  SY_LOG(debug, id_, "command 0x", static_cast<int>(cmd), current_statement_.empty() ? "" : ": ",
         current_statement_.substr(0, 200));

  std::optional<std::string> choosing = database_chosen_by(cmd, payload_text(m));
  session_mirror* const mirrored = active_mirror();
  const std::int64_t pin = mirrored != nullptr ? mirrored->before_command(cmd, m.payload, wall_clock_micros(), current_statement_) : 0;
  // Relay the command's packets exactly as the client sent them.
  boost::system::error_code wec;
  // A client that sets session tracking itself decides what MySQL tracks from then on: the
  // proxy stops asking for last_gtid and queries it instead.
  const bool client_sets_tracking = (mirrored != nullptr || gtid_tracked_) && cmd == pr::command::query &&
                                    sets_session_track(payload_text(m));
  if (client_sets_tracking && !gtid_tracking_refused_) {
    gtid_tracking_refused_ = true;
    metrics::add(rt_.stats.mirror_gtid_tracking_failures);
    SY_LOG(info, id_, "the client sets session tracking itself; commit GTIDs are queried from now on");
  }
  // The commit's GTID: from MySQL's OK when the session tracks it (asked for once, with the first
  // command of the dual write), else with SELECT @@last_gtid behind the command.
  const bool track_gtid = mirrored != nullptr && !gtid_tracked_ && !gtid_tracking_refused_ &&
                          (capabilities_ & pr::capability::session_track) != 0 &&
                          mirrored->service().server().commit_order_known();
  if (track_gtid)
    gtid_source_ = mirrored->service().server().own_gtid ? pr::gtid_source::mysql_own_gtid
                                                          : pr::gtid_source::mariadb_last_gtid;
  const bool ask_commit_seq = mirrored != nullptr && (!gtid_tracked_ || client_sets_tracking) && !track_gtid &&
                              mirrored->wants_commit_seq((tracker_.status_flags() & pr::server_status::in_trans) != 0);
  if (pin != 0 || ask_commit_seq || track_gtid) {
    const bool sent = co_await send_with_extras(m, pin, ask_commit_seq, track_gtid);
    if (!sent) wec = asio::error::broken_pipe;
  } else {
    wec = co_await backend_.write(asio::buffer(m.wire.data(), m.wire.size()));
  }
  if (wec) {
    metrics::add(rt_.stats.backend_failures);
    SY_LOG(warn, id_, "MySQL connection lost while sending a command");
    close_all();  // as a direct client would, the client sees its connection drop
    co_return false;
  }
  const std::uint8_t next_seq = m.scan.next_sequence_id;
  client_in_.consume(m.scan.wire_size);

  if (cmd == pr::command::quit) {
    close_all();
    co_return false;
  }
  if (cmd == pr::command::change_user) {
    statements_.clear();
    if (mirror_) mirror_->on_change_user();
    const auth_outcome outcome = co_await relay_auth_exchange(next_seq, 0);
    if (outcome == auth_outcome::broken) {
      close_all();
      co_return false;
    }
    co_return true;
  }

  const bool ok = co_await relay_response(pr::response_kind_of(cmd), next_seq);
  if (!ok) co_return false;
  if (client_sets_tracking) gtid_tracked_ = false;
  if ((cmd == pr::command::reset_connection || cmd == pr::command::change_user) && !tracker_.saw_error())
    gtid_tracked_ = false;  // MySQL's session variables are back to their defaults
  if (choosing && !tracker_.saw_error()) chosen_database_ = std::move(choosing);
  if (cmd == pr::command::reset_connection && !tracker_.saw_error() && mirror_) mirror_->on_reset_connection();
  if (cmd == pr::command::stmt_prepare && !tracker_.saw_error()) {
    last_prepared_id_ = tracker_.prepared_statement_id();
    statements_[last_prepared_id_] = std::move(pending_prepare_);
  }
  current_statement_ = {};  // it may point into a buffer the next command reuses
  if (cmd == pr::command::reset_connection && !tracker_.saw_error()) statements_.clear();
  co_return true;
}

// Streams MySQL's response to the client chunk by chunk as it arrives, stopping exactly where
// the tracker says the response ends.
asio::awaitable<bool> session::relay_response(pr::response_kind kind, std::uint8_t first_seq) {
  tracker_.start(kind, capabilities_, mariadb_capabilities_, first_seq);
  if (kind == pr::response_kind::none) co_return true;
  std::size_t reads = 0;
  while (true) {
    if (backend_in_.empty()) {
      auto [ec, n] = co_await backend_.read_some(backend_in_.prepare(reads++ == 0 ? read_chunk : large_read_chunk));
      if (closed_) co_return false;
      if (ec || n == 0) {
        metrics::add(rt_.stats.backend_failures);
        SY_LOG(warn, id_, "MySQL connection lost during a response: ", ec ? ec.message() : "end of stream");
        // Closing shows the client what MySQL going away shows a direct client ("lost
        // connection"); an ERR could not be inserted into a result set under way anyway.
        close_all();
        co_return false;
      }
      backend_in_.commit(n);
      set_phase(phase::busy);
    }
    const pr::bytes_view pending = backend_in_.readable();
    const pr::feed_result r = tracker_.feed(pending);
    // Replies to what the proxy sent after the command sit right behind its answer: read them
    // (the commit's sequence among them) before the client gets the answer's last bytes.
    const bool extras = r.status == pr::tracker_status::done && (trailing_ok_ || trailing_commit_seq_);
    pr::bytes last;
    if (extras) {
      last.assign(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(r.consumed));
      backend_in_.consume(r.consumed);
      const bool read = co_await read_trailing_replies();
      if (!read) {
        metrics::add(rt_.stats.backend_failures);
        SY_LOG(warn, id_, "MySQL connection lost while reading the proxy's own replies");
        close_all();
        co_return false;
      }
    }
    // The commit's GTID, when MySQL tracks it for the proxy, is in an OK packet (each of a
    // multi-statement's): taken out of every one before the client gets it.
    pr::bytes stripped;
    bool was_stripped = false;
    if (gtid_tracked_ && !tracker_.state_change_oks().empty())
      was_stripped = take_tracked_gtids(extras ? pr::bytes_view(last) : pending.first(r.consumed),
                                        tracker_.state_change_oks(), stripped);
    if (r.status == pr::tracker_status::done && mirror_) co_await hand_to_mirror();
    if (r.consumed > 0) {
      const bool sent = co_await send_to_client(was_stripped ? pr::bytes_view(stripped)
                                                : extras     ? pr::bytes_view(last)
                                                             : pending.first(r.consumed));
      if (!sent) {
        metrics::add(rt_.stats.client_aborts);
        SY_LOG(info, id_, "client hung up during a response");
        close_all();
        co_return false;
      }
      if (!extras) backend_in_.consume(r.consumed);
    }
    switch (r.status) {
      case pr::tracker_status::need_more: continue;
      case pr::tracker_status::done:
        if (!backend_in_.empty()) {
          metrics::add(rt_.stats.backend_protocol_errors);
          SY_LOG(error, id_, "MySQL sent bytes after the end of a response; closing");
          close_all();
          co_return false;
        }
        co_return true;
      case pr::tracker_status::local_infile:
        {
          const bool relayed = co_await relay_local_infile();
          if (!relayed) co_return false;
        }
        continue;
      case pr::tracker_status::protocol_error:
        metrics::add(rt_.stats.backend_protocol_errors);
        SY_LOG(error, id_, "MySQL's response broke the protocol; closing");
        close_all();
        co_return false;
    }
  }
}

// Reads what the client sent next into client_in_; a client that hangs up mid-command closes
// the session.
asio::awaitable<bool> session::read_more_from_client() {
  auto [ec, n] = co_await client_.read_some(client_in_.prepare(read_chunk));
  if (ec || n == 0) {
    metrics::add(rt_.stats.client_aborts);
    close_all();
    co_return false;
  }
  client_in_.commit(n);
  metrics::add(rt_.stats.client_bytes_in, static_cast<std::int64_t>(n));
  co_return true;
}

// LOAD DATA LOCAL INFILE: the client sends the file as packets continuing the sequence and
// ends it with an empty packet; each is relayed as it arrives.
asio::awaitable<bool> session::relay_local_infile() {
  std::uint8_t seq = tracker_.next_sequence_id();
  while (true) {
    while (client_in_.readable().size() < pr::packet_header_size) {
      const bool more = co_await read_more_from_client();
      if (!more) co_return false;
    }
    const pr::packet_header h = pr::decode_packet_header(client_in_.readable().data());
    if (h.sequence_id != seq) {
      metrics::add(rt_.stats.bad_sequence_ids);
      SY_LOG(warn, id_, "LOCAL INFILE packet with a wrong sequence id");
      close_all();
      co_return false;
    }
    ++seq;
    std::size_t left = pr::packet_header_size + h.payload_length;
    while (left > 0) {
      if (client_in_.empty()) {
        const bool more = co_await read_more_from_client();
        if (!more) co_return false;
      }
      const auto chunk = client_in_.readable().first(std::min(left, client_in_.readable().size()));
      const auto wec = co_await backend_.write(asio::buffer(chunk.data(), chunk.size()));
      if (wec) {
        metrics::add(rt_.stats.backend_failures);
        close_all();
        co_return false;
      }
      client_in_.consume(chunk.size());
      left -= chunk.size();
    }
    if (h.payload_length == 0) break;
  }
  tracker_.resume_after_local_infile(seq);
  co_return true;
}

}  // namespace switchyard::proxy
