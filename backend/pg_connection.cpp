#include "backend/pg_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backend/libpq_result.hpp"
#include "common/str_cat.hpp"

namespace switchyard::backend {

namespace {

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
using descriptor = asio::posix::stream_descriptor;

pg_error timeout_error(std::string_view what) { return {pg_errc::timeout, {}, std::string(what)}; }

pg_result skipped_result() {
  pg_result r;
  r.error = {pg_errc::skipped, {}, "not run: an earlier statement failed"};
  return r;
}

}  // namespace

class pg_connection::busy_guard {
 public:
  explicit busy_guard(bool& flag) : flag_(flag) { flag_ = true; }
  ~busy_guard() { flag_ = false; }
  busy_guard(const busy_guard&) = delete;
  busy_guard& operator=(const busy_guard&) = delete;

 private:
  bool& flag_;
};

pg_connection::pg_connection(asio::any_io_executor executor, metrics& counters, connection_options options)
    : metrics_(counters), options_(options), socket_(executor), timer_(executor) {}

pg_connection::~pg_connection() { close(); }

void pg_connection::close() {
  prepared_.clear();  // plans live in the server session
  // Asio must never close libpq's socket: release it first, then let PQfinish close it.
  if (socket_.is_open()) (void)socket_.release();
  if (conn_ != nullptr) {
    PQfinish(conn_);
    conn_ = nullptr;
  }
}

int pg_connection::backend_pid() const { return conn_ != nullptr ? PQbackendPID(conn_) : 0; }

bool pg_connection::in_transaction() const {
  if (conn_ == nullptr) return false;
  const PGTransactionStatusType s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

bool pg_connection::attach_socket() {
  const int fd = PQsocket(conn_);
  if (fd < 0) return false;
  if (socket_.is_open()) (void)socket_.release();
  boost::system::error_code ec;
  socket_.assign(fd, ec);
  return !ec;
}

std::optional<pg_error> pg_connection::refuse_operation() {
  if (busy_) return fail(pg_errc::busy, "another operation runs on this connection");
  if (!connected()) return fail(pg_errc::not_connected, "not connected to PostgreSQL");
  return std::nullopt;
}

pg_error pg_connection::fail(pg_errc code, std::string message) {
  pg_error e{code, {}, std::move(message)};
  count(e);
  return e;
}

pg_error pg_connection::lost(std::string_view what) {
  std::string reason = conn_ != nullptr ? detail::one_line(PQerrorMessage(conn_)) : std::string();
  close();
  return {pg_errc::connection_lost, {}, reason.empty() ? str_cat(what, ": connection lost") : str_cat(what, ": ", reason)};
}

void pg_connection::count(const pg_error& error) {
  switch (error.code) {
    case pg_errc::ok:
    case pg_errc::timeout:  // counted where the timeout is handled
    case pg_errc::skipped:
      break;
    case pg_errc::server_error: metrics::add(metrics_.pg_errors_server); break;
    case pg_errc::connection_lost: metrics::add(metrics_.pg_errors_connection_lost); break;
    default: metrics::add(metrics_.pg_errors_other); break;
  }
}

asio::awaitable<pg_errc> pg_connection::wait_socket(wait_for what, clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  metrics::add(metrics_.pg_socket_waits);
  timer_.expires_at(deadline);
  boost::system::error_code ec;
  if (what == wait_for::read_or_write) {
    auto r = co_await (socket_.async_wait(descriptor::wait_read, use_nothrow) ||
                       socket_.async_wait(descriptor::wait_write, use_nothrow) || timer_.async_wait(use_nothrow));
    if (r.index() == 2) co_return pg_errc::timeout;
    ec = r.index() == 0 ? std::get<0>(std::get<0>(r)) : std::get<0>(std::get<1>(r));
  } else {
    const auto type = what == wait_for::read ? descriptor::wait_read : descriptor::wait_write;
    auto r = co_await (socket_.async_wait(type, use_nothrow) || timer_.async_wait(use_nothrow));
    if (r.index() == 1) co_return pg_errc::timeout;
    ec = std::get<0>(std::get<0>(r));
  }
  co_return ec ? pg_errc::connection_lost : pg_errc::ok;
}

// libpq's rule for non-blocking sends: while PQflush has data left, wait until the socket is
// readable or writable, and read when readable, so a server busy sending us results (a pipeline)
// never deadlocks against us sending it statements.
asio::awaitable<pg_errc> pg_connection::flush(clock::time_point deadline) {
  for (;;) {
    const int pending = PQflush(conn_);
    if (pending == 0) co_return pg_errc::ok;
    if (pending < 0) co_return pg_errc::connection_lost;
    const pg_errc w = co_await wait_socket(wait_for::read_or_write, deadline);
    if (w != pg_errc::ok) co_return w;
    if (PQconsumeInput(conn_) == 0) co_return pg_errc::connection_lost;
  }
}

asio::awaitable<pg_errc> pg_connection::wait_not_busy(clock::time_point deadline) {
  for (;;) {
    if (PQisBusy(conn_) == 0) co_return pg_errc::ok;
    const pg_errc w = co_await wait_socket(wait_for::read, deadline);
    if (w != pg_errc::ok) co_return w;
    if (PQconsumeInput(conn_) == 0) co_return pg_errc::connection_lost;
  }
}

asio::awaitable<pg_error> pg_connection::connect(std::string conninfo, clock::time_point deadline) {
  if (busy_) co_return fail(pg_errc::busy, "connect while another operation runs on this connection");
  busy_guard guard(busy_);
  close();
  metrics::add(metrics_.pg_connects);
  pg_error result;
  try {
    // Name lookups inside PQconnectStart/Poll are blocking: give numeric hosts (or hostaddr).
    conn_ = PQconnectStart(conninfo.c_str());
    if (conn_ == nullptr) {
      result = {pg_errc::connect_failed, {}, "libpq could not allocate a connection"};
    } else if (PQstatus(conn_) == CONNECTION_BAD) {
      result = {pg_errc::connect_failed, {}, detail::one_line(PQerrorMessage(conn_))};
    } else {
      server_said_goodbye_ = false;
      PQsetNoticeReceiver(conn_, &pg_connection::on_notice, this);
      // As libpq documents: before the first PQconnectPoll, behave as if it returned WRITING.
      PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
      while (poll != PGRES_POLLING_OK && poll != PGRES_POLLING_FAILED) {
        // libpq may open a new socket per address or retry (SSL, GSS): register the current one.
        if (!attach_socket()) {
          poll = PGRES_POLLING_FAILED;
          break;
        }
        const pg_errc w = co_await wait_socket(poll == PGRES_POLLING_READING ? wait_for::read : wait_for::write, deadline);
        if (w == pg_errc::timeout) {
          metrics::add(metrics_.pg_timeouts_connect);
          result = timeout_error("connecting to PostgreSQL timed out");
          break;
        }
        poll = PQconnectPoll(conn_);
      }
      if (result.ok() && poll == PGRES_POLLING_FAILED) {
        result = {pg_errc::connect_failed, {}, detail::one_line(PQerrorMessage(conn_))};
        if (result.message.empty()) result.message = "connecting to PostgreSQL failed";
      }
      if (result.ok() && (PQsetnonblocking(conn_, 1) != 0 || !attach_socket()))
        result = {pg_errc::connect_failed, {}, "could not make the PostgreSQL connection non-blocking"};
    }
  } catch (const std::exception& e) {
    result = {pg_errc::internal, {}, str_cat("connect: ", e.what())};
  }
  if (!result.ok()) {
    metrics::add(metrics_.pg_connect_failures);
    close();
  }
  co_return result;
}

// libpq prints notices to stderr by default; a mirror must not spam the proxy's log, so they
// are dropped, except the FATAL a backend sends when it is terminated while we are idle.
void pg_connection::on_notice(void* self, const PGresult* notice) {
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity != nullptr && (std::string_view(severity) == "FATAL" || std::string_view(severity) == "PANIC"))
    static_cast<pg_connection*>(self)->server_said_goodbye_ = true;
}

bool pg_connection::check_alive() {
  if (conn_ == nullptr) return false;
  if (busy_) return true;
  if (PQstatus(conn_) != CONNECTION_OK) {
    close();
    return false;
  }
  // A killed backend sends a FATAL message (which libpq, idle, passes to the notice receiver)
  // and then EOF, which PQconsumeInput reports as failure; either one ends the connection.
  // Zero poll timeouts: this never blocks. Bounded, in case the server keeps talking.
  for (int round = 0; round < 8; ++round) {
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    if ((p.revents & (POLLERR | POLLNVAL)) != 0 || PQconsumeInput(conn_) == 0) {
      close();
      return false;
    }
    (void)PQisBusy(conn_);  // parses what was read, which hands the FATAL to on_notice
    if (PQstatus(conn_) != CONNECTION_OK || server_said_goodbye_) {
      close();
      return false;
    }
    while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);  // LISTEN is not used; do not pile up
  }
  return true;
}

// Closing alone would leave the server running the statement until it next writes to the
// socket (pg_sleep(3600) would hold its locks for an hour): cancel it too, best effort.
void pg_connection::drop_after_timeout() {
  metrics::add(metrics_.pg_timeouts_query);
  metrics::add(metrics_.pg_connections_dropped);
  if (detail::request_cancel(conn_) != nullptr) metrics::add(metrics_.pg_cancels_sent);
  close();
}

// Called when a statement's deadline passed while waiting for its result: ask the server to
// cancel it, then read and discard what remains (the statement ends with 57014) so the
// connection can be reused. If the server does not answer within cancel_grace, drop it.
asio::awaitable<void> pg_connection::cancel_and_drain() {
  metrics::add(metrics_.pg_timeouts_query);
  bool drained = false;
  const auto cancel_done = detail::request_cancel(conn_);
  if (cancel_done) {
    metrics::add(metrics_.pg_cancels_sent);
    const clock::time_point grace = clock::now() + options_.cancel_grace;
    for (;;) {
      const pg_errc w = co_await wait_not_busy(grace);
      if (w != pg_errc::ok) break;
      PGresult* r = PQgetResult(conn_);
      if (r == nullptr) {
        drained = PQstatus(conn_) == CONNECTION_OK;
        break;
      }
      const ExecStatusType status = PQresultStatus(r);
      PQclear(r);
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) break;
    }
    // Not reusable until the cancel request is complete (see request_cancel). It is quick
    // (a local connect), so a 1 ms poll is cheaper than a cross-thread wakeup.
    while (drained && !cancel_done->load(std::memory_order_acquire)) {
      if (clock::now() >= grace) {
        drained = false;
        break;
      }
      timer_.expires_after(std::chrono::milliseconds(1));
      (void)co_await timer_.async_wait(use_nothrow);
    }
  }
  if (!drained) {
    metrics::add(metrics_.pg_connections_dropped);
    close();
  }
}

asio::awaitable<pg_result> pg_connection::collect(clock::time_point deadline) {
  pg_result out;
  bool have_error = false;
  for (;;) {
    const pg_errc w = co_await wait_not_busy(deadline);
    if (w == pg_errc::timeout) {
      co_await cancel_and_drain();
      out = {};
      out.error = timeout_error(connected() ? "statement timed out and was cancelled"
                                            : "statement timed out; the connection was closed");
      co_return out;
    }
    if (w != pg_errc::ok) {
      out = {};
      out.error = lost("waiting for a result");
      count(out.error);
      co_return out;
    }
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) break;
    const ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      PQclear(r);
      close();  // leaving COPY mode cleanly is not worth it: nothing here issues COPY
      out = {};
      out.error = fail(pg_errc::invalid_argument, "COPY is not supported by backend::pg_connection");
      co_return out;
    }
    pg_result converted = detail::to_result(r);
    PQclear(r);
    if (!have_error) {
      have_error = !converted.ok();
      out = std::move(converted);
    }
  }
  if (PQstatus(conn_) != CONNECTION_OK) {
    // A FATAL (57P01 after pg_terminate_backend) arrives as an error result; keep its text.
    out.error.code = pg_errc::connection_lost;
    if (out.error.message.empty()) out.error.message = detail::one_line(PQerrorMessage(conn_));
    close();
  }
  count(out.error);
  co_return out;
}

asio::awaitable<pg_result> pg_connection::run_one(const pg_statement& statement, clock::time_point deadline) {
  pg_result out;
  if (auto why = detail::invalid_statement(statement)) {
    out.error = fail(pg_errc::invalid_argument, std::move(*why));
    co_return out;
  }
  metrics::add(metrics_.pg_queries);
  if (!detail::send_statement(conn_, statement, !statement.params.empty())) {
    const bool broken = PQstatus(conn_) != CONNECTION_OK;
    out.error = broken ? lost("sending a statement") : pg_error{pg_errc::internal, {}, detail::one_line(PQerrorMessage(conn_))};
    count(out.error);
    co_return out;
  }
  const pg_errc sent = co_await flush(deadline);
  if (sent != pg_errc::ok) {
    if (sent == pg_errc::timeout) {
      // Part of the statement may still be unsent: the connection cannot be resynchronised.
      drop_after_timeout();
      out.error = timeout_error("sending the statement timed out; the connection was closed");
    } else {
      out.error = lost("sending a statement");
      count(out.error);
    }
    co_return out;
  }
  out = co_await collect(deadline);
  co_return out;
}

asio::awaitable<pg_result> pg_connection::execute(std::string sql, clock::time_point deadline) {
  std::vector<pg_value> none;
  pg_result r = co_await execute_params(std::move(sql), std::move(none), deadline);
  co_return r;
}

// The frame of every public operation: refuse when busy or closed, mark busy, and turn an
// unexpected exception (bad_alloc, a bug) into an error value on a closed connection.
template <class Result, class Body>
asio::awaitable<Result> pg_connection::guarded(std::string_view what, Body body) {
  Result out;
  if (auto refused = refuse_operation()) {
    out.error = std::move(*refused);
    co_return out;
  }
  busy_guard guard(busy_);
  try {
    out = co_await body();
  } catch (const std::exception& e) {
    close();
    out = Result{};
    out.error = fail(pg_errc::internal, str_cat(what, ": ", e.what()));
  }
  co_return out;
}

asio::awaitable<pg_result> pg_connection::execute_params(std::string sql, std::vector<pg_value> params,
                                                         clock::time_point deadline) {
  const pg_statement statement{std::move(sql), std::move(params)};
  auto body = [&] { return run_one(statement, deadline); };
  pg_result out = co_await guarded<pg_result>("execute", body);
  co_return out;
}

asio::awaitable<void> pg_connection::rollback_after_failure(clock::time_point deadline) {
  if (!connected() || PQtransactionStatus(conn_) == PQTRANS_IDLE) co_return;
  // The failure may have been the deadline itself: the rollback still gets a short while.
  const clock::time_point until = std::max(deadline, clock::now() + options_.cancel_grace);
  const pg_statement rollback{"ROLLBACK", {}};  // a named object: GCC 12 mishandles temporaries in co_await
  const pg_result r = co_await run_one(rollback, until);
  if (!r.ok()) close();  // the server rolls back a transaction whose connection goes away
}

asio::awaitable<pg_batch_result> pg_connection::transaction(std::vector<pg_statement> statements,
                                                            clock::time_point deadline) {
  auto body = [&] { return transaction_unguarded(statements, deadline); };
  pg_batch_result out = co_await guarded<pg_batch_result>("transaction", body);
  co_return out;
}

asio::awaitable<pg_batch_result> pg_connection::transaction_unguarded(const std::vector<pg_statement>& statements,
                                                                    clock::time_point deadline) {
  pg_batch_result out;
  metrics::add(metrics_.pg_transactions);
  const pg_statement begin_statement{"BEGIN", {}};  // named: GCC 12 mishandles temporaries in co_await
  const pg_result begin = co_await run_one(begin_statement, deadline);
  if (!begin.ok()) {
    out.error = begin.error;
    co_await rollback_after_failure(deadline);
    co_return out;
  }
  out.results.reserve(statements.size());
  for (std::size_t i = 0; i < statements.size(); ++i) {
    pg_result r = co_await run_one(statements[i], deadline);
    const bool ok = r.ok();
    out.results.push_back(std::move(r));
    if (!ok) {
      out.error = out.results.back().error;
      out.failed_index = i;
      break;
    }
  }
  if (out.ok()) {
    const pg_statement commit_statement{"COMMIT", {}};
    const pg_result commit = co_await run_one(commit_statement, deadline);
    if (!commit.ok()) out.error = commit.error;
  }
  if (!out.ok()) {
    for (std::size_t i = out.results.size(); i < statements.size(); ++i)
      out.results.push_back(skipped_result());
    co_await rollback_after_failure(deadline);
  }
  co_return out;
}

asio::awaitable<pg_batch_result> pg_connection::execute_pipeline(std::vector<pg_statement> statements,
                                                                 clock::time_point deadline) {
  auto body = [&] { return pipeline_unguarded(statements, deadline); };
  pg_batch_result out = co_await guarded<pg_batch_result>("pipeline", body);
  co_return out;
}

asio::awaitable<pg_batch_result> pg_connection::pipeline_unguarded(const std::vector<pg_statement>& statements,
                                                                   clock::time_point deadline) {
  const std::size_t n = statements.size();
  pg_batch_result out;
  out.results.assign(n, skipped_result());
  // Check everything first: once sent, earlier statements cannot be taken back.
  for (std::size_t i = 0; i < n; ++i) {
    if (auto why = detail::invalid_statement(statements[i])) {
      out.error = fail(pg_errc::invalid_argument, str_cat("statement ", i, ": ", *why));
      out.failed_index = i;
      out.results[i].error = out.error;
      co_return out;
    }
  }
  if (n == 0) co_return out;
  if (PQenterPipelineMode(conn_) != 1) {
    out.error = fail(pg_errc::internal, str_cat("cannot enter pipeline mode: ", detail::one_line(PQerrorMessage(conn_))));
    co_return out;
  }
  metrics::add(metrics_.pg_pipelines);
  metrics::add(metrics_.pg_queries, static_cast<std::int64_t>(n));
  // Pipeline mode needs the extended protocol, even for statements without parameters. Each
  // request sent yields one result: the statement's, or the Parse of a plan being prepared
  // (statement_of says which statement; preparing says which plan a Parse registers).
  std::vector<std::size_t> statement_of;
  std::vector<const std::string*> preparing;
  statement_of.reserve(n);
  preparing.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const pg_statement& s = statements[i];
    bool sent = true;
    if (s.reuse_plan) {
      const std::string* name = nullptr;
      if (const auto plan = prepared_.find(s.sql); plan != prepared_.end()) name = &plan->second;
      else if (const auto pending = pending_plans_.find(s.sql); pending != pending_plans_.end()) name = &pending->second;
      if (name == nullptr && prepared_.size() + pending_plans_.size() < max_prepared_plans) {
        const auto [it, added] =
            pending_plans_.emplace(s.sql, "switchyard_" + std::to_string(next_plan_++));
        name = &it->second;
        sent = PQsendPrepare(conn_, name->c_str(), s.sql.c_str(), static_cast<int>(s.params.size()), nullptr) == 1;
        statement_of.push_back(i);
        preparing.push_back(&it->first);
      }
      if (sent) sent = name != nullptr ? detail::send_prepared(conn_, *name, s) : detail::send_statement(conn_, s, true);
    } else {
      sent = detail::send_statement(conn_, s, true);
    }
    if (!sent) {
      pending_plans_.clear();
      out.error = lost("sending a pipeline");
      count(out.error);
      co_return out;
    }
    statement_of.push_back(i);
    preparing.push_back(nullptr);
  }
  const std::size_t requests = statement_of.size();  if (PQpipelineSync(conn_) != 1) {
    out.error = lost("sending a pipeline");
    count(out.error);
    co_return out;
  }
  const pg_errc sent = co_await flush(deadline);
  std::size_t index = 0;
  bool synced = false;
  int empty_in_a_row = 0;
  pg_errc w = sent;
  while (w == pg_errc::ok && !synced) {
    w = co_await wait_not_busy(deadline);
    if (w != pg_errc::ok) break;
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {  // the end of one statement's results
      if (PQstatus(conn_) != CONNECTION_OK || ++empty_in_a_row > 1) {
        w = pg_errc::connection_lost;
        break;
      }
      ++index;
      continue;
    }
    empty_in_a_row = 0;
    const ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      synced = true;
    } else if (index >= requests || status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      w = pg_errc::internal;  // more results than statements, or COPY: cannot continue
    } else if (preparing[index] != nullptr && status == PGRES_COMMAND_OK) {
      // A plan is ready: later pipelines run it by name.
      if (const auto it = pending_plans_.find(*preparing[index]); it != pending_plans_.end()) prepared_.insert(*it);
    } else if (status != PGRES_PIPELINE_ABORTED) {  // aborted ones stay "skipped"
      const std::size_t at = statement_of[index];
      out.results[at] = detail::to_result(r);
      if (!out.results[at].ok() && !out.failed_index) {
        out.failed_index = at;
        out.error = out.results[at].error;
        count(out.error);
      }
    }    PQclear(r);
    if (PQstatus(conn_) != CONNECTION_OK) w = pg_errc::connection_lost;
  }
  if (w != pg_errc::ok) {
    // A half-read pipeline cannot be resumed: whatever happened, the connection goes.
    if (w == pg_errc::timeout) {
      drop_after_timeout();
      out.error = timeout_error("pipeline timed out; the connection was closed");
    } else if (w == pg_errc::internal) {
      close();
      out.error = fail(pg_errc::internal, "pipeline returned results that do not match its statements");
    } else {
      std::string sqlstate = out.error.sqlstate;  // a FATAL result may have said why
      out.error = lost("reading pipeline results");
      out.error.sqlstate = std::move(sqlstate);
      count(out.error);
    }
    pending_plans_.clear();
    if (!out.failed_index) out.failed_index = index < requests ? statement_of[index] : n - 1;
    co_return out;
  }
  pending_plans_.clear();
  (void)PQexitPipelineMode(conn_);
  if (out.failed_index) co_await rollback_after_failure(deadline);
  co_return out;
}

}  // namespace switchyard::backend
