#include "protocol/auth.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

std::string from_hex_string(std::string_view hex) {
  const bytes b = from_hex(hex);
  return std::string(b.begin(), b.end());
}

TEST(auth_switch_request, decodes_mariadb_capture) {
  // MariaDB 10.11 answering COM_CHANGE_USER from libmariadb.
  const bytes wire = from_hex(
      "fe 6d7973716c5f6e61746976655f70617373776f726400 7d53683361713348513e22306636777464774a4a00");
  auth_switch_request a;
  ASSERT_EQ(decode_auth_switch_request(wire, a), errc::ok);
  EXPECT_EQ(a.plugin_name, auth_plugin::mysql_native_password);
  EXPECT_EQ(a.plugin_data.size(), 21u);
  EXPECT_EQ(a.scramble(), "}Sh3aq3HQ>\"0f6wtdwJJ");
  test::expect_round_trip<auth_switch_request>(wire, decode_auth_switch_request, encode_auth_switch_request);
  // Cut inside the name: truncated; past its NUL the plugin data (rest of packet) is just shorter.
  // (Cut to the lone 0xFE it is the old one-byte switch: see the next test.)
  for (std::size_t n = 2; n < wire.size(); ++n) {
    EXPECT_EQ(decode_auth_switch_request(bytes_view(wire).first(n), a), n < 23 ? errc::truncated : errc::ok) << n;
  }
}

TEST(auth_switch_request, rejects_old_form_and_other_headers) {
  auth_switch_request a;
  EXPECT_EQ(decode_auth_switch_request(from_hex("fe"), a), errc::unsupported);
  EXPECT_EQ(decode_auth_switch_request(from_hex("01 04"), a), errc::unexpected_message);
  EXPECT_EQ(decode_auth_switch_request(from_hex("fe 6162"), a), errc::truncated);  // name without NUL
}

TEST(auth_more_data, decodes_caching_sha2_status_bytes) {
  struct row {
    const char* hex;
    std::uint8_t status;
  };
  const row rows[] = {{"0103", caching_sha2::fast_auth_success}, {"0104", caching_sha2::perform_full_authentication}};
  for (const row& r : rows) {
    const bytes wire = from_hex(r.hex);
    auth_more_data m;
    ASSERT_EQ(decode_auth_more_data(wire, m), errc::ok);
    ASSERT_EQ(m.data.size(), 1u);
    EXPECT_EQ(static_cast<std::uint8_t>(m.data[0]), r.status);
    test::expect_round_trip<auth_more_data>(wire, decode_auth_more_data, encode_auth_more_data);
  }
  auth_more_data m;
  EXPECT_EQ(decode_auth_more_data(from_hex("fe00"), m), errc::unexpected_message);
  EXPECT_EQ(decode_auth_more_data({}, m), errc::truncated);
  const std::string pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
  bytes wire;
  encode_auth_more_data({pem}, wire);
  ASSERT_EQ(decode_auth_more_data(wire, m), errc::ok);
  EXPECT_EQ(m.data, pem);
}

struct native_vector {
  const char* what;
  const char* scramble_hex;
  const char* password;
  const char* response_hex;
};

// Logins that MariaDB 10.11 accepted (user app, password app), captured on the wire.
const native_vector native_vectors[] = {
    {"mariadb client", "432c54443621436b73234f4343665a6e3d233729", "app", "13b499f95f79fc4bed736be06b23cb7de994fe66"},
    {"libmariadb", "7d53683361713348513e22306636777464774a4a", "app", "488c29f1ca9d0c1d0755961522e31b8ad1155680"},
};

TEST(native_password, matches_captured_logins) {
  for (const native_vector& v : native_vectors) {
    const std::string scramble = from_hex_string(v.scramble_hex);
    EXPECT_EQ(test::to_hex(as_bytes(native_password_scramble(v.password, scramble))), v.response_hex) << v.what;
    const std::string response = from_hex_string(v.response_hex);
    EXPECT_TRUE(verify_native_password(scramble, response, native_password_hash(v.password))) << v.what;
    EXPECT_FALSE(verify_native_password(scramble, response, native_password_hash("apP"))) << v.what;
  }
}

TEST(native_password, hash_matches_mariadb_password_function) {
  // SELECT PASSWORD('app') on MariaDB 10.11.
  EXPECT_EQ(test::to_hex(native_password_hash("app")), "5bcb3e6ac345b435c7c2e6b7949a04ce6f6563d3");
}

TEST(native_password, empty_password_and_bad_responses) {
  const std::string scramble = from_hex_string(native_vectors[0].scramble_hex);
  EXPECT_EQ(native_password_scramble("", scramble), "");
  const sha1_digest h = native_password_hash("app");
  EXPECT_FALSE(verify_native_password(scramble, "", h));
  EXPECT_FALSE(verify_native_password(scramble, std::string(19, 'x'), h));
  std::string flipped = from_hex_string(native_vectors[0].response_hex);
  flipped[7] ^= 1;
  EXPECT_FALSE(verify_native_password(scramble, flipped, h));
}

TEST(caching_sha2, matches_a_snooped_mysql8_vector) {
  // Scramble and response seen between MySQL 8 and its Python connector (password "hola"), as
  // published in Boost.MySQL's tests.
  const std::string scramble = from_hex_string("3e3b0455047016 3a4c153503157673224608 1801");
  const std::string expected =
      "a1c1e1e91bb6544ba7374b9c566d693e06ca070298acd10618c690389d88e120";
  EXPECT_EQ(test::to_hex(as_bytes(caching_sha2_scramble("hola", scramble))), expected);
  EXPECT_EQ(caching_sha2_scramble("", scramble), "");
  EXPECT_TRUE(verify_caching_sha2(scramble, from_hex_string(expected), caching_sha2_hash("hola")));
  EXPECT_FALSE(verify_caching_sha2(scramble, from_hex_string(expected), caching_sha2_hash("Hola")));
  EXPECT_FALSE(verify_caching_sha2(scramble, "short", caching_sha2_hash("hola")));
}

TEST(caching_sha2, matches_an_independent_computation) {
  // hashlib.sha256 in Python over the scramble of the captured MariaDB login.
  const std::string scramble = from_hex_string(native_vectors[0].scramble_hex);
  EXPECT_EQ(test::to_hex(as_bytes(caching_sha2_scramble("app", scramble))),
            "0f2bdf9b930716c129ffffcd7d7da5855295d50d5d4c3282687453254dcfbe79");
  EXPECT_EQ(test::to_hex(caching_sha2_hash("app")),
            "3bfc3d7ca254b2d951bd6aa00bbeb14ff3c0d8d703941aa643f506fee788ff55");
}

// A throwaway 2048-bit key pair, made with `openssl genrsa` for this test only.
const char* const test_private_key =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDhBIMYC7EgZMA0\n"
    "z7xz/UoiRi+ujSu5LhrtaFXyyKyZIRaejrIulWF/Fc8fTJy+qxPwq5gEg7JEox1q\n"
    "rmuKzDCsOVVEwo3W9x1R3k5bPYhPBkYamd5EE/HYwmTNcXwiTgvvVkgy6wm0YPOP\n"
    "ct8FRyEsHUfU597lyAm70qSNT3wWiZAyScc6E3dsiSocjSTf0UaCjlHJ80mFuMFs\n"
    "pmmDXHPe/kGwXjwD8gc2dF/U4UTQ9EFtr/8ZEYc6OmuihoD3m68wO8B5RXFmYjZP\n"
    "4hNnGdJeR0wYy/VhLIhYIUjapNqTXwP1pFMaYMaEC7VjyKHQyEMzvN5pgUPj4Nms\n"
    "8dUO9IVrAgMBAAECggEAC+PYJYIgpuyL935un9Znf24kAN42zD8ybw8PU5fk/uZv\n"
    "sospwSplj3iQjD/ZHH4fvJzkmIB5AAV6fXOf/SKTA9a3ub1qD0zZgMT1cP7MYBid\n"
    "xbQRuZkwM1r6RpzTiWCEYu41PHOM/LoOxKq2PCopB5K4g/iIn621TfZweYMUtIAQ\n"
    "+vMmrg4s8PeMXphfXmmQD+jKLZKmDMW4NhkN8XQL7lCpzDCAT0y2orWWZhUUoACr\n"
    "nfWf8B9zQw2O+JUJKc+Bi1+QPb57yiQudJ88711cDZJhpR0iapNbN+bztI7pBmHk\n"
    "FWhdgkHeB2CPHi5gqb7ngCsur4zwR0Gw9Nq2RZ8syQKBgQD5zuNeWTQOaS6wHkGh\n"
    "aIOsqgtkV7JgTqA7SuClhvqqewEU2QVc53HbujXD6DN0bXmJZoTjbE6Log9DUQSC\n"
    "P48nSRmJoprFzzxrVp+VkeY/es9tBu7Ig18INag93oe8JN56ja7wzbyJPN9kJ96f\n"
    "Yklh8Ryh2vkMICUWTot4w05gTwKBgQDmmFH1w1BK/UFkLM/9FmS0RpiBySCiSmg3\n"
    "Mbh0xn3sZ2tjVZZ8zoI+mblQxJOXrrZnZ2ZnK5ZN1cLGSMjCaHT1sH7esq+VcNth\n"
    "f4dr+PWFN7W64ljPvkD8TvZylsq5Wv4GnKImvof6p3P8wfnqLOH+h2YkjRTVpw2U\n"
    "52f6P0VGJQKBgA8g8XIoUtfAlPxDiNP+oWLWlYQJL5tXh6qvmTVNHGcwtdsOXZ3H\n"
    "woR9HX501JDrhF3G4KtpRsR8FxKLmItO0Buf+LT2LQtnxo/1mgqT4G7dwCwpLFLm\n"
    "ad30afD9Rhkl3ndrlzmsLAvfrOPC6l+aszkEQiinO0f5tmVIcnfo1BlPAoGALI8S\n"
    "h2MOiO8XS7w9FLLXEt7xaWLsI3AtYz0AX9BbVOtHHRLU2ZkuIdqirLDPtGfWZ3Tb\n"
    "nOQXT0MXOCmoYai9sRxB59avhzkfq19xU7Pv/aYeP9atQreI5zh69vmcguTKYYyy\n"
    "6Lm4nP7ustDo8g9qPDz9x+JbPE3jmfp9ZSYExOECgYEAmui2NScaFz2UL02ekIH0\n"
    "RdHM+TGX4TKysgc2rWTrX9gcQiYOaHFh2vjwQb6fH036CXCF0U/YcstoSqs6MMfa\n"
    "NG8vMssXysjeE4S4T3mq4ZqmPIXVV+v0lfC0sm9rLuZQH271locewPmrfbGsL4vb\n"
    "6NNUMXevXJx70oClq3DI7lg=\n"
    "-----END PRIVATE KEY-----\n";
const char* const test_public_key =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4QSDGAuxIGTANM+8c/1K\n"
    "IkYvro0ruS4a7WhV8sismSEWno6yLpVhfxXPH0ycvqsT8KuYBIOyRKMdaq5risww\n"
    "rDlVRMKN1vcdUd5OWz2ITwZGGpneRBPx2MJkzXF8Ik4L71ZIMusJtGDzj3LfBUch\n"
    "LB1H1Ofe5cgJu9KkjU98FomQMknHOhN3bIkqHI0k39FGgo5RyfNJhbjBbKZpg1xz\n"
    "3v5BsF48A/IHNnRf1OFE0PRBba//GRGHOjprooaA95uvMDvAeUVxZmI2T+ITZxnS\n"
    "XkdMGMv1YSyIWCFI2qTak18D9aRTGmDGhAu1Y8ih0MhDM7zeaYFD4+DZrPHVDvSF\n"
    "awIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

// Decrypts with OpenSSL's own OAEP, to check our padding against an independent implementation.
std::string oaep_decrypt(std::string_view ciphertext) {
  BIO* bio = BIO_new_mem_buf(test_private_key, -1);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
  std::string out(512, '\0');
  std::size_t size = out.size();
  const bool ok = ctx && EVP_PKEY_decrypt_init(ctx) == 1 &&
                  EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1 &&
                  EVP_PKEY_decrypt(ctx, reinterpret_cast<unsigned char*>(out.data()), &size,
                                   reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size()) == 1;
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(key);
  out.resize(ok ? size : 0);
  return out;
}

TEST(rsa_encrypt_password, openssl_oaep_decrypts_it_to_the_xored_password) {
  const std::string scramble = from_hex_string(native_vectors[0].scramble_hex);
  sha1_digest seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i * 37 + 1);
  std::string cipher;
  ASSERT_EQ(rsa_encrypt_password("s3cret password", scramble, test_public_key, seed, cipher), errc::ok);
  ASSERT_EQ(cipher.size(), 256u);
  const std::string plain = oaep_decrypt(cipher);
  ASSERT_EQ(plain.size(), 16u);  // the password and its NUL
  std::string password;
  for (std::size_t i = 0; i < plain.size(); ++i) password += static_cast<char>(plain[i] ^ scramble[i % scramble.size()]);
  EXPECT_EQ(password, std::string("s3cret password\0", 16));
}

TEST(rsa_encrypt_password, is_deterministic_in_its_seed) {
  const std::string scramble(20, 'x');
  sha1_digest seed_a{}, seed_b{};
  seed_b[0] = 1;
  std::string a1, a2, b;
  ASSERT_EQ(rsa_encrypt_password("pw", scramble, test_public_key, seed_a, a1), errc::ok);
  ASSERT_EQ(rsa_encrypt_password("pw", scramble, test_public_key, seed_a, a2), errc::ok);
  ASSERT_EQ(rsa_encrypt_password("pw", scramble, test_public_key, seed_b, b), errc::ok);
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, b);
  EXPECT_EQ(oaep_decrypt(b), oaep_decrypt(a1));
}

TEST(rsa_encrypt_password, rejects_bad_keys_and_oversized_passwords) {
  const std::string scramble(20, 'x');
  const sha1_digest seed{};
  std::string out;
  EXPECT_EQ(rsa_encrypt_password("pw", scramble, "not a key", seed, out), errc::bad_value);
  EXPECT_EQ(rsa_encrypt_password("pw", scramble, test_private_key, seed, out), errc::bad_value);
  EXPECT_EQ(rsa_encrypt_password("pw", "", test_public_key, seed, out), errc::bad_value);
  // A 2048-bit key holds 256 - 42 = 214 bytes: 213 characters and the NUL fit, 214 do not.
  EXPECT_EQ(rsa_encrypt_password(std::string(213, 'p'), scramble, test_public_key, seed, out), errc::ok);
  EXPECT_EQ(oaep_decrypt(out).size(), 214u);
  EXPECT_EQ(rsa_encrypt_password(std::string(214, 'p'), scramble, test_public_key, seed, out), errc::bad_value);
  EXPECT_TRUE(out.empty());
}

TEST(rsa_decrypt_password, recovers_what_rsa_encrypt_password_sent) {
  const std::string scramble = from_hex_string(native_vectors[0].scramble_hex);
  for (const std::string& password : {std::string("s3cret password"), std::string(213, 'p'), std::string("p")}) {
    sha1_digest seed{};
    seed[3] = 9;
    std::string cipher, back;
    ASSERT_EQ(rsa_encrypt_password(password, scramble, test_public_key, seed, cipher), errc::ok);
    ASSERT_EQ(rsa_decrypt_password(cipher, scramble, test_private_key, back), errc::ok);
    EXPECT_EQ(back, password);
    // With another scramble it is something else, if it has a NUL at all.
    const errc other = rsa_decrypt_password(cipher, std::string(20, 'y'), test_private_key, back);
    EXPECT_TRUE(other != errc::ok || back != password);
  }
}

TEST(rsa_decrypt_password, rejects_bad_keys_and_ciphertexts) {
  const std::string scramble(20, 'x');
  std::string cipher, out = "left over";
  ASSERT_EQ(rsa_encrypt_password("pw", scramble, test_public_key, sha1_digest{}, cipher), errc::ok);
  EXPECT_EQ(rsa_decrypt_password(cipher, scramble, "not a key", out), errc::bad_value);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(rsa_decrypt_password(cipher, scramble, test_public_key, out), errc::bad_value);
  EXPECT_EQ(rsa_decrypt_password(cipher, "", test_private_key, out), errc::bad_value);
  EXPECT_EQ(rsa_decrypt_password(cipher.substr(1), scramble, test_private_key, out), errc::bad_value);
  std::string flipped = cipher;
  flipped[100] ^= 1;
  EXPECT_EQ(rsa_decrypt_password(flipped, scramble, test_private_key, out), errc::bad_value);
  EXPECT_EQ(rsa_decrypt_password(std::string(256, '\0'), scramble, test_private_key, out), errc::bad_value);
  EXPECT_EQ(rsa_decrypt_password("\x02", scramble, test_private_key, out), errc::bad_value);  // a key request
}

}  // namespace
}  // namespace switchyard::protocol
