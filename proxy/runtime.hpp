// What every session shares: settings, TLS contexts, counters, the drain flag. Built once by
// the server before it accepts; read-only afterwards except the atomics.
#pragma once
#include <atomic>
#include <functional>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "proxy/metrics.hpp"

namespace switchyard::proxy {

class dual_write;

struct runtime {
  config::settings settings;
  metrics stats;
  std::unique_ptr<boost::asio::ssl::context> client_tls;   // null: clients cannot use TLS
  std::unique_ptr<boost::asio::ssl::context> backend_tls;  // null: plain connections to MySQL
  // The proxy's own RSA key pair (PEM), made when the leg to MySQL may be TLS: a plain client in
  // caching_sha2_password full authentication asks for a public key, which MySQL on TLS would
  // not send (it takes the request for the password), so the proxy offers this one instead.
  std::string rsa_public_key_pem;
  std::string rsa_private_key_pem;
  std::atomic<bool> draining{false};                       // SIGTERM: finish and close
  // Phase 1: the mirror's service while the phase is dual_write (owned by the server); sessions
  // read it at each command, so a reload that switches the phase takes effect at once.
  std::atomic<dual_write*> dual{nullptr};
  // Its owner: a session that starts mirroring takes a share (under the mutex), so a service
  // switched off while a session's command is under way outlives that command.
  std::mutex dual_mutex;
  std::shared_ptr<dual_write> dual_owner;
  // SIGHUP: reads the configuration again (file and command line); false with an error message.
  std::function<bool(config::settings& out, std::string& error)> reload;
  std::atomic<std::uint64_t> next_session_id{1};
};

// Builds the TLS contexts the settings ask for. Returns false with `error` set on a bad
// certificate or key.
[[nodiscard]] bool make_tls_contexts(runtime& rt, std::string& error);

}  // namespace switchyard::proxy
