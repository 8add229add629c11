#include "proxy/server.hpp"

#include <future>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "common/log.hpp"
#include "proxy/mysql_errors.hpp"
#include "proxy/session.hpp"

namespace switchyard::proxy {

namespace asio = boost::asio;

server::server(runtime& rt) : rt_(rt), acceptor_(main_) {
  unsigned n = rt_.settings.proxy.workers;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < n; ++i) workers_.push_back(std::make_unique<worker>());
}

server::~server() {
  for (auto& w : workers_) w->context.stop();
  for (auto& w : workers_)
    if (w->thread.joinable()) w->thread.join();
}

bool server::listen(std::string& error) {
  const auto& where = rt_.settings.proxy.listen;
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(where.host, ec);
  if (ec) {
    error = str_cat("proxy.listen: '", where.host, "' is not an IP address");
    return false;
  }
  const tcp::endpoint endpoint(address, where.port);
  if (acceptor_.open(endpoint.protocol(), ec); !ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = str_cat("proxy.listen: cannot listen on ", config::to_string(where), ": ", ec.message());
    return false;
  }
  return enter_phase(rt_.settings.migration.phase, error);
}

bool server::enter_phase(config::migration_phase phase, std::string& error) {
  if (phase == config::migration_phase::dual_write) {
    if (dual_write_) return true;
    auto service = std::make_shared<dual_write>(rt_.settings, rt_.stats);
    if (!service->start(error)) return false;
    dual_write_ = std::move(service);
    {
      std::lock_guard lock(rt_.dual_mutex);
      rt_.dual_owner = dual_write_;
    }
    rt_.dual.store(dual_write_.get(), std::memory_order_release);
    return true;
  }
  if (!dual_write_) return true;
  // Sessions drop their mirror at their next command; one already holding the pointer finishes
  // its command first, so the service is stopped only once every worker has run a round.
  rt_.dual.store(nullptr, std::memory_order_release);
  {
    std::lock_guard lock(rt_.dual_mutex);
    rt_.dual_owner.reset();
  }
  for (auto& w : workers_) {
    std::promise<void> passed;
    auto done = passed.get_future();
    asio::post(w->context, [&passed] { passed.set_value(); });
    if (w->thread.joinable()) done.wait();
  }
  dual_write_->stop(std::chrono::steady_clock::now() + rt_.settings.proxy.shutdown_timeout);
  dual_write_.reset();
  return true;
}

std::uint16_t server::port() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void server::run(bool handle_signals) {
  // Workers run until stopped; the guard keeps an idle worker's loop alive.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& w : workers_) {
    guards.push_back(asio::make_work_guard(w->context));
    w->thread = std::thread([ctx = &w->context] { ctx->run(); });
  }
  asio::signal_set signals(main_);
  asio::signal_set report_signal(main_);
  asio::signal_set reload_signal(main_);
  if (handle_signals) {
    signals.add(SIGTERM);
    signals.add(SIGINT);
    signals.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      SY_LOG(info, 0, "signal ", signo, ": shutting down");
      begin_shutdown();
    });
    // Until the admin port exists, SIGUSR1 is how an operator reads the counters.
    report_signal.add(SIGUSR1);
    wait_for_report_signal(report_signal);
    reload_signal.add(SIGHUP);
    wait_for_reload_signal(reload_signal);
  }
  SY_LOG(info, 0, "listening on ", config::to_string(rt_.settings.proxy.listen), " (port ", port(), "), MySQL at ",
         config::to_string(rt_.settings.mysql.address), ", ", workers_.size(), " worker(s)",
         rt_.client_tls ? ", client TLS on" : "", rt_.settings.client_tls.required ? " (required)" : "");
  accept_next();
  main_.run();
  guards.clear();
  for (auto& w : workers_) w->context.stop();
  for (auto& w : workers_)
    if (w->thread.joinable()) w->thread.join();
  if (dual_write_) {
    rt_.dual.store(nullptr, std::memory_order_release);
    {
      std::lock_guard lock(rt_.dual_mutex);
      rt_.dual_owner.reset();
    }
    dual_write_->stop(std::chrono::steady_clock::now() + rt_.settings.proxy.shutdown_timeout);
  }
  SY_LOG(info, 0, "stopped; totals: ", rt_.stats.to_log_line());
}

void server::wait_for_reload_signal(asio::signal_set& signals) {
  signals.async_wait([this, &signals](const boost::system::error_code& ec, int) {
    if (ec) return;
    apply_reload();
    wait_for_reload_signal(signals);
  });
}

void server::apply_reload() {
  if (!rt_.reload) {
    SY_LOG(warn, 0, "SIGHUP: no configuration to reload");
    return;
  }
  config::settings fresh;
  std::string error;
  if (!rt_.reload(fresh, error)) {
    SY_LOG(error, 0, "SIGHUP: configuration not reloaded: ", error);
    return;
  }
  const auto before = rt_.settings.migration.phase;
  // Only the phase and the mirror's settings change at run time (sessions read the others
  // without locks); these two are read by the service when it starts, never by sessions.
  rt_.settings.postgresql = fresh.postgresql;
  rt_.settings.mirror = fresh.mirror;
  if (!enter_phase(fresh.migration.phase, error)) {
    SY_LOG(error, 0, "SIGHUP: cannot enter phase ", config::to_string(fresh.migration.phase), ": ", error,
           "; staying in ", config::to_string(before));
    return;
  }
  rt_.settings.migration.phase = fresh.migration.phase;
  if (dual_write_) dual_write_->reconfigure(fresh.mirror);
  SY_LOG(info, 0, "SIGHUP: configuration reloaded; phase ", config::to_string(before), " -> ",
         config::to_string(fresh.migration.phase), " (other changed settings need a restart)");
}

void server::wait_for_report_signal(asio::signal_set& signals) {
  signals.async_wait([this, &signals](const boost::system::error_code& ec, int) {
    if (ec) return;
    SY_LOG(info, 0, "metrics: ", rt_.stats.to_log_line());
    wait_for_report_signal(signals);
  });
}

void server::stop() {
  asio::post(main_, [this] { begin_shutdown(); });
}

void server::accept_next() {
  worker& w = *workers_[next_worker_];
  next_worker_ = (next_worker_ + 1) % workers_.size();
  acceptor_.async_accept(w.context, [this, &w](boost::system::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || shutting_down_) return;
      SY_LOG(warn, 0, "accept failed: ", ec.message());  // e.g. out of descriptors; keep going
      accept_next();
      return;
    }
    if (metrics::get(rt_.stats.connections_active) >= static_cast<std::int64_t>(rt_.settings.proxy.max_connections)) {
      metrics::add(rt_.stats.connections_refused_limit);
      SY_LOG(warn, 0, "refused a connection: max_connections (", rt_.settings.proxy.max_connections, ") reached");
      // MySQL's own answer to one connection too many, sent before any handshake.
      auto packet = std::make_shared<protocol::bytes>(err_packet(0, errors::too_many_connections(), false));
      auto sock = std::make_shared<tcp::socket>(std::move(socket));
      asio::async_write(*sock, asio::buffer(*packet), [sock, packet](boost::system::error_code, std::size_t) {
        boost::system::error_code ignored;
        sock->shutdown(tcp::socket::shutdown_both, ignored);
      });
    } else {
      asio::post(w.context, [this, &w, s = std::move(socket)]() mutable {
        std::make_shared<session>(rt_, w.sessions, std::move(s))->start();
      });
    }
    accept_next();
  });
}

void server::begin_shutdown() {
  if (shutting_down_) return;
  shutting_down_ = true;
  rt_.draining.store(true);
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (auto& w : workers_) asio::post(w->context, [w = w.get()] { w->sessions.drain_all(); });
  shutdown_deadline_ = std::chrono::steady_clock::now() + rt_.settings.proxy.shutdown_timeout;
  shutdown_timer_ = std::make_unique<asio::steady_timer>(main_);
  finish_when_idle();
}

// Polls until every session has ended or the deadline passed, then aborts the rest.
void server::finish_when_idle() {
  if (metrics::get(rt_.stats.connections_active) == 0) {
    main_.stop();
    return;
  }
  if (std::chrono::steady_clock::now() >= shutdown_deadline_) {
    if (forced_) {  // aborted sessions should end at once; never hang on one that does not
      SY_LOG(error, 0, metrics::get(rt_.stats.connections_active), " session(s) did not end; stopping anyway");
      main_.stop();
      return;
    }
    forced_ = true;
    SY_LOG(warn, 0, "shutdown_timeout reached with ", metrics::get(rt_.stats.connections_active),
           " session(s) still busy; closing them");
    for (auto& w : workers_) asio::post(w->context, [w = w.get()] { w->sessions.abort_all("shutdown deadline"); });
    shutdown_deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(2);  // let aborts land
  }
  shutdown_timer_->expires_after(std::chrono::milliseconds(20));
  shutdown_timer_->async_wait([this](boost::system::error_code ec) {
    if (!ec) finish_when_idle();
  });
}

}  // namespace switchyard::proxy
