#include "protocol/bytes.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

TEST(lenenc_int, every_width_at_its_boundaries) {
  struct row {
    std::uint64_t value;
    const char* hex;
  };
  const row rows[] = {
      {0, "00"},
      {250, "fa"},
      {251, "fcfb00"},
      {0xffff, "fcffff"},
      {0x10000, "fd000001"},
      {0xffffff, "fdffffff"},
      {0x1000000, "fe0000000100000000"},
      {0xffffffffffffffffull, "feffffffffffffffff"},
  };
  for (const row& r : rows) {
    bytes out;
    byte_writer w(out);
    w.lenenc_int(r.value);
    EXPECT_EQ(test::to_hex(out), r.hex) << r.value;
    EXPECT_EQ(lenenc_int_size(r.value), out.size()) << r.value;
    byte_reader rd(out);
    EXPECT_EQ(rd.lenenc_int(), r.value);
    EXPECT_EQ(rd.finish(), errc::ok);
    test::expect_strict(out, [](bytes_view b) {
      byte_reader x(b);
      (void)x.lenenc_int();
      return x.finish();
    });
  }
}

TEST(lenenc_int, null_and_err_markers_are_not_integers) {
  for (const char* hex : {"fb", "ff"}) {
    const bytes b = test::from_hex(hex);
    byte_reader r(b);
    EXPECT_EQ(r.lenenc_int(), 0u);
    EXPECT_EQ(r.error(), errc::bad_value) << hex;
  }
}

TEST(byte_reader, first_error_sticks) {
  const bytes b = test::from_hex("0102");
  byte_reader r(b);
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_EQ(r.error(), errc::truncated);
  EXPECT_EQ(r.u8(), 0u);  // later reads return zero and keep the first error
  EXPECT_EQ(r.lenenc_string(), "");
  EXPECT_EQ(r.finish(), errc::truncated);
  EXPECT_EQ(r.peek_u8(), std::nullopt);
}

TEST(byte_reader, strings) {
  const bytes b = test::from_hex("616200 03616263 7a");
  byte_reader r(b);
  EXPECT_EQ(r.null_string(), "ab");
  EXPECT_EQ(r.lenenc_string(), "abc");
  EXPECT_EQ(r.rest_string(), "z");
  EXPECT_EQ(r.finish(), errc::ok);

  byte_reader no_nul(bytes_view(b).first(2));
  EXPECT_EQ(no_nul.null_string(), "");
  EXPECT_EQ(no_nul.error(), errc::truncated);
  const bytes short_data = test::from_hex("0561");  // the reader only views it
  byte_reader long_string(short_data);
  EXPECT_EQ(long_string.lenenc_string(), "");
  EXPECT_EQ(long_string.error(), errc::truncated);
}

TEST(byte_reader, null_string_of_an_empty_span_is_truncated) {
  // A default span has a null data pointer, which memchr must never see (UBSan caught it).
  byte_reader r{bytes_view{}};
  EXPECT_EQ(r.null_string(), "");
  EXPECT_EQ(r.error(), errc::truncated);
}

TEST(byte_writer, fixed_widths_are_little_endian) {
  bytes out;
  byte_writer w(out);
  w.u16(0x0102);
  w.u24(0x030405);
  w.u32(0x06070809);
  w.u48(0x0a0b0c0d0e0f);
  w.u64(0x1011121314151617);
  EXPECT_EQ(test::to_hex(out), "0201" "050403" "09080706" "0f0e0d0c0b0a" "1716151413121110");
  byte_reader r(out);
  EXPECT_EQ(r.u16(), 0x0102);
  EXPECT_EQ(r.u24(), 0x030405u);
  EXPECT_EQ(r.u32(), 0x06070809u);
  EXPECT_EQ(r.u48(), 0x0a0b0c0d0e0fu);
  EXPECT_EQ(r.u64(), 0x1011121314151617u);
  EXPECT_EQ(r.finish(), errc::ok);
}

}  // namespace
}  // namespace switchyard::protocol
