// The listener and the worker threads. Each worker runs its own event loop and owns the
// sessions handed to it, so a session's client and MySQL sockets live on one thread and need
// no locking. SIGTERM (or stop()) starts a graceful shutdown.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "proxy/dual_write.hpp"
#include "proxy/runtime.hpp"
#include "proxy/session_registry.hpp"

namespace switchyard::proxy {

class server {
 public:
  explicit server(runtime& rt);
  ~server();

  // Binds the listener. Returns false with `error` set when it cannot.
  [[nodiscard]] bool listen(std::string& error);
  // The bound port (useful when listening on port 0 in tests).
  [[nodiscard]] std::uint16_t port() const;
  // Serves until stop() or SIGTERM/SIGINT (when handle_signals) and every session has ended.
  void run(bool handle_signals);
  // Starts a graceful shutdown; safe from any thread.
  void stop();

 private:
  struct worker {
    boost::asio::io_context context{1};
    session_registry sessions;
    std::thread thread;
  };

  void accept_next();
  void wait_for_report_signal(boost::asio::signal_set& signals);
  void wait_for_reload_signal(boost::asio::signal_set& signals);
  // Applies a reloaded configuration's phase and mirror settings (the rest needs a restart).
  void apply_reload();
  // Starts or stops phase 1's service; false with `error` when it cannot start.
  [[nodiscard]] bool enter_phase(config::migration_phase phase, std::string& error);
  void begin_shutdown();
  void finish_when_idle();

  runtime& rt_;
  std::shared_ptr<dual_write> dual_write_;
  boost::asio::io_context main_{1};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::unique_ptr<worker>> workers_;
  std::size_t next_worker_ = 0;
  std::unique_ptr<boost::asio::steady_timer> shutdown_timer_;
  std::chrono::steady_clock::time_point shutdown_deadline_;
  bool shutting_down_ = false;
  bool forced_ = false;  // the shutdown deadline passed and sessions were aborted
};

}  // namespace switchyard::proxy
