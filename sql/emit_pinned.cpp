// Values MySQL generated, written as constants so that PostgreSQL stores the same ones (the dual
// write pins them: see translate_options::pinned_now and first_insert_id).
#include <cstdio>

#include "sql/emitter.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

// 'YYYY-MM-DD HH:MM:SS.ffffff'
bool well_formed_datetime(std::string_view s) {
  if (s.size() != 26) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool digit = c >= '0' && c <= '9';
    switch (i) {
      case 4:
      case 7:
        if (c != '-') return false;
        break;
      case 10:
        if (c != ' ') return false;
        break;
      case 13:
      case 16:
        if (c != ':') return false;
        break;
      case 19:
        if (c != '.') return false;
        break;
      default:
        if (!digit) return false;
    }
  }
  return true;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm, proleptic Gregorian).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(year + (m <= 2 ? 1 : 0));
}

}  // namespace

std::string utc_datetime_text(std::int64_t micros) {
  std::int64_t seconds = micros / 1000000, fraction = micros % 1000000;
  if (fraction < 0) fraction += 1000000, --seconds;
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%06d", y, m, d, static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60), static_cast<int>(fraction));
  return buf;
}

namespace {

// MySQL truncates the session timestamp to a value's fraction digits.
std::string truncated(std::string_view datetime, int digits) {
  return std::string(datetime.substr(0, digits == 0 ? 19 : 20 + static_cast<std::size_t>(digits)));
}

}  // namespace

std::string emitter::pinned_datetime(std::uint32_t position) const {
  if (!well_formed_datetime(opt_.pinned_now)) fail("pinned time not as 'YYYY-MM-DD HH:MM:SS.ffffff'", position);
  return std::string(opt_.pinned_now);
}

void emitter::pinned_timestamp_constant(int digits, std::uint32_t position) {
  append_pg_string(truncated(pinned_datetime(position), digits), out_);
  put("::timestamp(");
  put(std::to_string(digits));
  put(")");
}

bool emitter::pinned_time_function(const ast::node* n, std::string_view f) {
  if (opt_.pinned_now.empty()) return false;
  const bool now_family = f == "NOW" || f == "CURRENT_TIMESTAMP" || f == "LOCALTIME" || f == "LOCALTIMESTAMP";
  if (now_family) {
    pinned_timestamp_constant(fraction_digits_of(n), n->pos);
    return true;
  }
  if (f == "CURDATE" || f == "CURRENT_DATE") {
    append_pg_string(pinned_datetime(n->pos).substr(0, 10), out_);
    put("::date");
    return true;
  }
  if (f == "CURTIME" || f == "CURRENT_TIME") {
    const int digits = fraction_digits_of(n);
    append_pg_string(truncated(pinned_datetime(n->pos), digits).substr(11), out_);
    put("::time(");
    put(std::to_string(digits));
    put(")");
    return true;
  }
  if (f == "SYSDATE") fail("SYSDATE() (the session timestamp does not pin it)", n->pos);
  if (opt_.pinned_unix_micros == 0) return false;
  if (f == "UNIX_TIMESTAMP" && n->args == nullptr) {
    std::int64_t seconds = opt_.pinned_unix_micros / 1000000;
    if (opt_.pinned_unix_micros % 1000000 < 0) --seconds;
    put(std::to_string(seconds));
    return true;
  }
  if (f == "UTC_TIMESTAMP" || f == "UTC_DATE" || f == "UTC_TIME") {
    const std::string utc = utc_datetime_text(opt_.pinned_unix_micros);
    if (f == "UTC_DATE") {
      append_pg_string(utc.substr(0, 10), out_);
      put("::date");
    } else {
      const int digits = fraction_digits_of(n);  // UTC_TIMESTAMP(6): MySQL keeps the fraction
      const std::string value = truncated(utc, digits);
      append_pg_string(f == "UTC_TIME" ? value.substr(11) : value, out_);
      put(f == "UTC_TIME" ? "::time(" : "::timestamp(");
      put(std::to_string(digits));
      put(")");
    }
    return true;
  }
  return false;
}

}  // namespace switchyard::sql
