#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "common/str_cat.hpp"
#include "proxy/runtime.hpp"

namespace switchyard::proxy {

namespace ssl = boost::asio::ssl;

namespace {

// RSA 2048 and its two PEMs ("-----BEGIN PUBLIC KEY-----", as MySQL sends its own key).
bool make_rsa_key_pair(std::string& public_pem, std::string& private_pem) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), BIO_free);
  if (!key || !pub || !priv || PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1 ||
      PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return false;
  char* data = nullptr;
  long n = BIO_get_mem_data(pub.get(), &data);
  public_pem.assign(data, static_cast<std::size_t>(n));
  n = BIO_get_mem_data(priv.get(), &data);
  private_pem.assign(data, static_cast<std::size_t>(n));
  return true;
}

}  // namespace

bool make_tls_contexts(runtime& rt, std::string& error) {
  const config::settings& s = rt.settings;
  constexpr auto no_old_protocols = ssl::context::default_workarounds | ssl::context::no_sslv2 |
                                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1;
  boost::system::error_code ec;
  if (s.client_tls.enabled()) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(no_old_protocols);
    if (ctx->use_certificate_chain_file(s.client_tls.cert_file, ec); ec) {
      error = str_cat("client_tls.cert_file '", s.client_tls.cert_file, "': ", ec.message());
      return false;
    }
    if (ctx->use_private_key_file(s.client_tls.key_file, ssl::context::pem, ec); ec) {
      error = str_cat("client_tls.key_file '", s.client_tls.key_file, "': ", ec.message());
      return false;
    }
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
      error = "client_tls.key_file does not match client_tls.cert_file";
      return false;
    }
    rt.client_tls = std::move(ctx);
  }
  if (s.mysql.tls != config::backend_tls::off) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
    ctx->set_options(no_old_protocols);
    if (!s.mysql.tls_ca_file.empty()) {
      if (ctx->load_verify_file(s.mysql.tls_ca_file, ec); ec) {
        error = str_cat("mysql.tls_ca_file '", s.mysql.tls_ca_file, "': ", ec.message());
        return false;
      }
      ctx->set_verify_mode(ssl::verify_peer);
    } else {
      ctx->set_verify_mode(ssl::verify_none);
    }
    rt.backend_tls = std::move(ctx);
    if (!make_rsa_key_pair(rt.rsa_public_key_pem, rt.rsa_private_key_pem)) {
      error = "OpenSSL cannot make an RSA key pair";
      return false;
    }
  }
  return true;
}

}  // namespace switchyard::proxy
