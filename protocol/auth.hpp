// Authentication exchanges after the greeting: AuthSwitchRequest, AuthMoreData, and the password
// proofs of mysql_native_password and caching_sha2_password, as pure functions.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

namespace auth_plugin {
inline constexpr std::string_view mysql_native_password = "mysql_native_password";
inline constexpr std::string_view caching_sha2_password = "caching_sha2_password";
inline constexpr std::string_view sha256_password = "sha256_password";
inline constexpr std::string_view mysql_clear_password = "mysql_clear_password";
}  // namespace auth_plugin

// 0xFE, plugin name NUL, plugin data to the end of the packet.
struct auth_switch_request {
  std::string_view plugin_name;
  std::string_view plugin_data;  // as sent: for the two password plugins, 20 bytes and a NUL
  // The plugin data without the NUL that servers append to a scramble.
  [[nodiscard]] std::string_view scramble() const;
};

// The pre-4.1 one-byte form (switch to mysql_old_password) is errc::unsupported.
[[nodiscard]] errc decode_auth_switch_request(bytes_view payload, auth_switch_request& out);
void encode_auth_switch_request(const auth_switch_request& in, bytes& out);

// 0x01 and plugin data to the end of the packet: during authentication, a server packet that
// starts with 0x01 is always this, never a row.
struct auth_more_data {
  std::string_view data;
};

[[nodiscard]] errc decode_auth_more_data(bytes_view payload, auth_more_data& out);
void encode_auth_more_data(const auth_more_data& in, bytes& out);

// caching_sha2_password: the byte after 0x01 in the server's AuthMoreData, and the one-byte
// client packet asking for the server's RSA public key.
namespace caching_sha2 {
inline constexpr std::uint8_t request_public_key = 0x02;
inline constexpr std::uint8_t fast_auth_success = 0x03;
inline constexpr std::uint8_t perform_full_authentication = 0x04;
}  // namespace caching_sha2

inline constexpr std::size_t scramble_size = 20;
using sha1_digest = std::array<std::uint8_t, 20>;
using sha256_digest = std::array<std::uint8_t, 32>;

// mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
// An empty password gives an empty response, as clients send it.
[[nodiscard]] std::string native_password_scramble(std::string_view password, std::string_view scramble);
// What mysql.user keeps: SHA1(SHA1(password)) (shown as '*' and 40 hex digits).
[[nodiscard]] sha1_digest native_password_hash(std::string_view password);
// Server side: whether `response` proves the password behind `stored_hash`.
[[nodiscard]] bool verify_native_password(std::string_view scramble, std::string_view response,
                                          const sha1_digest& stored_hash);

// caching_sha2_password fast path: SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble).
// An empty password gives an empty response.
[[nodiscard]] std::string caching_sha2_scramble(std::string_view password, std::string_view scramble);
// What the server caches: SHA256(SHA256(password)).
[[nodiscard]] sha256_digest caching_sha2_hash(std::string_view password);
[[nodiscard]] bool verify_caching_sha2(std::string_view scramble, std::string_view response,
                                       const sha256_digest& stored_hash);

// Full authentication without TLS (caching_sha2_password and sha256_password): the password and
// a NUL, XORed with the scramble, encrypted with RSA-OAEP (SHA-1, MGF1) under the server's public
// key ("-----BEGIN PUBLIC KEY-----" PEM). OAEP needs 20 random bytes; they come in as `seed`,
// since this tier has no random source. bad_value for a key that does not parse or is too small.
[[nodiscard]] errc rsa_encrypt_password(std::string_view password, std::string_view scramble,
                                        std::string_view public_key_pem, const sha1_digest& seed,
                                        std::string& out);

// The server side of the above, for a proxy that offers its own key: decrypts an RSA-OAEP
// (SHA-1, MGF1) ciphertext with `private_key_pem` (a PEM private key), XORs it with the scramble
// and returns the password before its NUL. bad_value for a key that does not parse, a ciphertext
// that does not decrypt, or a message without the NUL. (OpenSSL blinds the private-key operation
// with random numbers of its own; the result does not depend on them.)
[[nodiscard]] errc rsa_decrypt_password(std::string_view ciphertext, std::string_view scramble,
                                        std::string_view private_key_pem, std::string& password);

}  // namespace switchyard::protocol
