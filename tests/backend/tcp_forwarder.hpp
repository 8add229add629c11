// A TCP forwarder for tests: listens on 127.0.0.1 (an ephemeral port) and relays each connection
// to a target port, on the test's io_context. stop() closes the listener and cuts every relayed
// connection, as a PostgreSQL going away would; start() listens again on the same port. pause()
// holds every byte (connections stay open: a PostgreSQL that hangs) until resume(); both may be
// called from any thread.
#pragma once
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <atomic>
#include <chrono>
#include <list>
#include <memory>

namespace switchyard::backend::test {

class tcp_forwarder {
 public:
  using tcp = boost::asio::ip::tcp;

  tcp_forwarder(boost::asio::io_context& io, std::uint16_t target_port) : io_(io), target_port_(target_port) {
    start();
  }
  ~tcp_forwarder() { stop(); }

  [[nodiscard]] std::uint16_t port() const { return port_; }
  void pause() { paused_->store(true); }
  void resume() { paused_->store(false); }

  void start() {
    acceptor_ = std::make_unique<tcp::acceptor>(io_);
    const tcp::endpoint at(boost::asio::ip::make_address("127.0.0.1"), port_);
    acceptor_->open(at.protocol());
    acceptor_->set_option(tcp::acceptor::reuse_address(true));
    acceptor_->bind(at);
    acceptor_->listen();
    port_ = acceptor_->local_endpoint().port();
    boost::asio::co_spawn(io_, accept_loop(acceptor_.get()), boost::asio::detached);
  }

  void stop() {
    boost::system::error_code ignored;
    if (acceptor_) acceptor_->close(ignored);
    for (auto& s : sockets_) s->close(ignored);
    sockets_.clear();
  }

 private:
  boost::asio::awaitable<void> accept_loop(tcp::acceptor* acceptor) {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket client = co_await acceptor->async_accept(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) co_return;
      auto a = std::make_shared<tcp::socket>(std::move(client));
      auto b = std::make_shared<tcp::socket>(io_);
      b->connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), target_port_), ec);  // local: instant
      if (ec) continue;
      sockets_.push_back(a);
      sockets_.push_back(b);
      boost::asio::co_spawn(io_, pump(a, b, paused_), boost::asio::detached);
      boost::asio::co_spawn(io_, pump(b, a, paused_), boost::asio::detached);
    }
  }

  static boost::asio::awaitable<void> pump(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to,
                                           std::shared_ptr<std::atomic<bool>> paused) {
    std::array<char, 16384> buffer;
    boost::asio::steady_timer wait(from->get_executor());
    for (;;) {
      boost::system::error_code ec;
      const std::size_t n =
          co_await from->async_read_some(boost::asio::buffer(buffer), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
      while (paused->load()) {
        wait.expires_after(std::chrono::milliseconds(5));
        co_await wait.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      }
      co_await boost::asio::async_write(*to, boost::asio::buffer(buffer.data(), n),
                                        boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
    }
    boost::system::error_code ignored;
    from->close(ignored);
    to->close(ignored);
  }

  boost::asio::io_context& io_;
  std::uint16_t target_port_;
  std::uint16_t port_ = 0;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::list<std::shared_ptr<tcp::socket>> sockets_;
  std::shared_ptr<std::atomic<bool>> paused_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace switchyard::backend::test
