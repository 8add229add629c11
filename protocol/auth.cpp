#include "protocol/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>

#include "protocol/constants.hpp"

namespace switchyard::protocol {
namespace {

template <class T, void (*Free)(T*)>
struct openssl_deleter {
  void operator()(T* p) const { Free(p); }
};
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, openssl_deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, openssl_deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using bio_ptr = std::unique_ptr<BIO, openssl_deleter<BIO, BIO_free_all>>;

template <class Digest>
Digest digest(const EVP_MD* md, std::initializer_list<bytes_view> parts) {
  Digest out{};
  md_ctx_ptr ctx(EVP_MD_CTX_new());
  // Failures here mean OpenSSL itself is broken (out of memory); the digest stays zero and
  // every comparison against it fails.
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return out;
  for (const bytes_view p : parts) EVP_DigestUpdate(ctx.get(), p.data(), p.size());
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), out.data(), &size);
  return out;
}

sha1_digest sha1(std::initializer_list<bytes_view> parts) { return digest<sha1_digest>(EVP_sha1(), parts); }
sha256_digest sha256(std::initializer_list<bytes_view> parts) {
  return digest<sha256_digest>(EVP_sha256(), parts);
}

template <std::size_t N>
std::string xor_to_string(const std::array<std::uint8_t, N>& a, const std::array<std::uint8_t, N>& b) {
  std::string out(N, '\0');
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

// response XOR mask, when the response has the digest's size.
template <std::size_t N>
bool unmask(std::string_view response, const std::array<std::uint8_t, N>& mask, std::array<std::uint8_t, N>& out) {
  if (response.size() != N) return false;
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>(response[i]) ^ mask[i];
  return true;
}

// PKCS #1 v2.2 MGF1 with SHA-1.
bytes mgf1_sha1(bytes_view seed, std::size_t length) {
  bytes mask;
  for (std::uint32_t counter = 0; mask.size() < length; ++counter) {
    const std::uint8_t c[4] = {static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
                               static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
    const sha1_digest block = sha1({seed, bytes_view(c, 4)});
    mask.insert(mask.end(), block.begin(), block.end());
  }
  mask.resize(length);
  return mask;
}

// EME-OAEP encoding (RFC 8017, 7.1.1) with SHA-1 and an empty label, into `k` bytes.
bytes oaep_encode(bytes_view message, const sha1_digest& seed, std::size_t k) {
  constexpr std::size_t h = sha1_digest{}.size();
  const sha1_digest label_hash = sha1({});
  bytes db(k - h - 1, 0);
  std::copy(label_hash.begin(), label_hash.end(), db.begin());
  db[db.size() - message.size() - 1] = 0x01;
  std::copy(message.begin(), message.end(), db.end() - static_cast<std::ptrdiff_t>(message.size()));
  const bytes db_mask = mgf1_sha1(seed, db.size());
  for (std::size_t i = 0; i < db.size(); ++i) db[i] ^= db_mask[i];
  const bytes seed_mask = mgf1_sha1(db, h);
  bytes em(1, 0);
  for (std::size_t i = 0; i < h; ++i) em.push_back(seed[i] ^ seed_mask[i]);
  em.insert(em.end(), db.begin(), db.end());
  return em;
}

// An RSA key from PEM text ("-----BEGIN PUBLIC KEY-----", or a private key); null otherwise.
pkey_ptr rsa_key_from_pem(std::string_view pem, bool private_key) {
  bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  pkey_ptr key(private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                           : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return nullptr;
  return key;
}

}  // namespace

std::string_view auth_switch_request::scramble() const {
  std::string_view s = plugin_data;
  if (!s.empty() && s.back() == '\0') s.remove_suffix(1);
  return s;
}

errc decode_auth_switch_request(bytes_view payload, auth_switch_request& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != eof_header && r.ok()) return errc::unexpected_message;
  if (r.ok() && r.empty()) return errc::unsupported;  // the old switch to mysql_old_password
  out.plugin_name = r.null_string();
  out.plugin_data = r.rest_string();
  return r.finish();
}

void encode_auth_switch_request(const auth_switch_request& in, bytes& out) {
  byte_writer w(out);
  w.u8(eof_header);
  w.null_string(in.plugin_name);
  w.raw(in.plugin_data);
}

errc decode_auth_more_data(bytes_view payload, auth_more_data& out) {
  out = {};
  byte_reader r(payload);
  if (r.u8() != auth_more_data_header && r.ok()) return errc::unexpected_message;
  out.data = r.rest_string();
  return r.finish();
}

void encode_auth_more_data(const auth_more_data& in, bytes& out) {
  byte_writer w(out);
  w.u8(auth_more_data_header);
  w.raw(in.data);
}

std::string native_password_scramble(std::string_view password, std::string_view scramble) {
  if (password.empty()) return {};
  const sha1_digest stage1 = sha1({as_bytes(password)});
  const sha1_digest stage2 = sha1({stage1});
  return xor_to_string(stage1, sha1({as_bytes(scramble), stage2}));
}

sha1_digest native_password_hash(std::string_view password) {
  return sha1({sha1({as_bytes(password)})});
}

bool verify_native_password(std::string_view scramble, std::string_view response, const sha1_digest& stored_hash) {
  sha1_digest stage1{};
  if (!unmask(response, sha1({as_bytes(scramble), stored_hash}), stage1)) return false;
  const sha1_digest check = sha1({stage1});
  return CRYPTO_memcmp(check.data(), stored_hash.data(), check.size()) == 0;
}

std::string caching_sha2_scramble(std::string_view password, std::string_view scramble) {
  if (password.empty()) return {};
  const sha256_digest stage1 = sha256({as_bytes(password)});
  const sha256_digest stage2 = sha256({stage1});
  return xor_to_string(stage1, sha256({stage2, as_bytes(scramble)}));
}

sha256_digest caching_sha2_hash(std::string_view password) {
  return sha256({sha256({as_bytes(password)})});
}

bool verify_caching_sha2(std::string_view scramble, std::string_view response, const sha256_digest& stored_hash) {
  sha256_digest stage1{};
  if (!unmask(response, sha256({stored_hash, as_bytes(scramble)}), stage1)) return false;
  const sha256_digest check = sha256({stage1});
  return CRYPTO_memcmp(check.data(), stored_hash.data(), check.size()) == 0;
}

errc rsa_encrypt_password(std::string_view password, std::string_view scramble, std::string_view public_key_pem,
                          const sha1_digest& seed, std::string& out) {
  out.clear();
  if (scramble.empty()) return errc::bad_value;
  const pkey_ptr key = rsa_key_from_pem(public_key_pem, false);
  if (!key) return errc::bad_value;
  const auto k = static_cast<std::size_t>(EVP_PKEY_get_size(key.get()));

  bytes message(password.begin(), password.end());
  message.push_back(0);
  for (std::size_t i = 0; i < message.size(); ++i) message[i] ^= static_cast<std::uint8_t>(scramble[i % scramble.size()]);
  if (message.size() + 2 * seed.size() + 2 > k) return errc::bad_value;  // OAEP's room limit

  const bytes em = oaep_encode(message, seed, k);
  pkey_ctx_ptr ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1) {
    return errc::bad_value;
  }
  std::size_t size = k;
  out.resize(k);
  if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size, em.data(), em.size()) != 1) {
    out.clear();
    return errc::bad_value;
  }
  out.resize(size);
  return errc::ok;
}

errc rsa_decrypt_password(std::string_view ciphertext, std::string_view scramble, std::string_view private_key_pem,
                          std::string& password) {
  password.clear();
  if (scramble.empty()) return errc::bad_value;
  const pkey_ptr key = rsa_key_from_pem(private_key_pem, true);
  if (!key) return errc::bad_value;
  pkey_ctx_ptr ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  std::size_t size = static_cast<std::size_t>(EVP_PKEY_get_size(key.get()));
  bytes message(size);
  const auto* in = reinterpret_cast<const unsigned char*>(ciphertext.data());
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_decrypt(ctx.get(), message.data(), &size, in, ciphertext.size()) != 1) {
    ERR_clear_error();
    return errc::bad_value;
  }
  message.resize(size);
  for (std::size_t i = 0; i < message.size(); ++i) message[i] ^= static_cast<std::uint8_t>(scramble[i % scramble.size()]);
  const auto nul = std::find(message.begin(), message.end(), std::uint8_t{0});
  if (nul == message.end()) return errc::bad_value;
  password.assign(message.begin(), nul);
  OPENSSL_cleanse(message.data(), message.size());
  return errc::ok;
}

}  // namespace switchyard::protocol
