// One TCP connection that may be upgraded to TLS mid-stream, as MySQL's SSLRequest does.
// All operations report errors as error codes: a peer hanging up is routine, not exceptional.
#pragma once
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <string>
#include <tuple>

namespace switchyard::proxy {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
inline constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

class duplex_stream {
 public:
  explicit duplex_stream(tcp::socket socket) : socket_(std::move(socket)) {}
  duplex_stream(const duplex_stream&) = delete;
  duplex_stream& operator=(const duplex_stream&) = delete;

  [[nodiscard]] tcp::socket& socket() { return socket_; }
  [[nodiscard]] bool is_tls() const { return tls_.has_value(); }

  // Runs the TLS handshake on the connection as it stands; later reads and writes are encrypted.
  asio::awaitable<boost::system::error_code> start_tls(asio::ssl::context& ctx, asio::ssl::stream_base::handshake_type role,
                                                       const std::string& server_name = {});

  asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> read_some(asio::mutable_buffer buffer);
  asio::awaitable<boost::system::error_code> write(asio::const_buffer buffer);

  // Idempotent; pending operations complete with operation_aborted.
  void close();

  // The TLS protocol and cipher in use, for logs; empty on a plain connection.
  [[nodiscard]] std::string tls_description();

 private:
  tcp::socket socket_;
  std::optional<asio::ssl::stream<tcp::socket&>> tls_;
};

}  // namespace switchyard::proxy
