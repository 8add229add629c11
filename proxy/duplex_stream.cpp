#include "proxy/duplex_stream.hpp"

#include <boost/asio/write.hpp>

#include "common/str_cat.hpp"

namespace switchyard::proxy {

asio::awaitable<boost::system::error_code> duplex_stream::start_tls(asio::ssl::context& ctx,
                                                                    asio::ssl::stream_base::handshake_type role,
                                                                    const std::string& server_name) {
  tls_.emplace(socket_, ctx);
  if (!server_name.empty()) {
    SSL_set_tlsext_host_name(tls_->native_handle(), server_name.c_str());
    tls_->set_verify_callback(asio::ssl::host_name_verification(server_name));
  }
  auto [ec] = co_await tls_->async_handshake(role, use_nothrow);
  co_return ec;
}

asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> duplex_stream::read_some(asio::mutable_buffer buffer) {
  if (tls_) {
    auto result = co_await tls_->async_read_some(buffer, use_nothrow);
    co_return result;
  }
  auto result = co_await socket_.async_read_some(buffer, use_nothrow);
  co_return result;
}

asio::awaitable<boost::system::error_code> duplex_stream::write(asio::const_buffer buffer) {
  if (tls_) {
    auto [ec, n] = co_await asio::async_write(*tls_, buffer, use_nothrow);
    co_return ec;
  }
  auto [ec, n] = co_await asio::async_write(socket_, buffer, use_nothrow);
  co_return ec;
}

void duplex_stream::close() {
  boost::system::error_code ignored;
  if (socket_.is_open()) {
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }
}

std::string duplex_stream::tls_description() {
  if (!tls_) return {};
  SSL* ssl = tls_->native_handle();
  return str_cat(SSL_get_version(ssl), " ", SSL_get_cipher_name(ssl));
}

}  // namespace switchyard::proxy
