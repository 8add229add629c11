#include "config/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace switchyard::config {
namespace {

load_result load_text(const std::string& text, settings& s,
                      const std::vector<std::pair<std::string, std::string>>& overrides = {}) {
  std::vector<setting_source> values;
  load_result r = parse_ini(text, "test.conf", values);
  if (!r.ok) return r;
  for (const auto& [k, v] : overrides) values.push_back({k, v, "--" + k});
  return apply_settings(values, s);
}

TEST(Config, DefaultsWhenEmpty) {
  settings s;
  ASSERT_TRUE(load_text("", s).ok);
  EXPECT_EQ(s.proxy.listen, (net_address{"127.0.0.1", 3307}));
  EXPECT_EQ(s.proxy.max_allowed_packet, 64ull << 20);
  EXPECT_EQ(s.mysql.tls, backend_tls::off);
}

TEST(Config, ReadsEveryKind) {
  settings s;
  const auto r = load_text(
      "# comment\n[proxy]\nlisten = 0.0.0.0:4000\nworkers = 3\nmax_allowed_packet = 16MiB\n"
      "idle_timeout = 90s\nquery_timeout = 0\nlog_level = debug\n\n[mysql]\naddress = \"db.internal:3306\"\n"
      "tls = required\n",
      s);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(s.proxy.listen, (net_address{"0.0.0.0", 4000}));
  EXPECT_EQ(s.proxy.workers, 3u);
  EXPECT_EQ(s.proxy.max_allowed_packet, 16ull << 20);
  EXPECT_EQ(s.proxy.idle_timeout, std::chrono::seconds(90));
  EXPECT_EQ(s.proxy.query_timeout.count(), 0);
  EXPECT_EQ(s.proxy.log_level, log::level::debug);
  EXPECT_EQ(s.mysql.address, (net_address{"db.internal", 3306}));
  EXPECT_EQ(s.mysql.tls, backend_tls::required);
}

TEST(Config, CommandLineOverridesTheFile) {
  settings s;
  ASSERT_TRUE(load_text("[proxy]\nlisten = 127.0.0.1:1000\n", s, {{"proxy.listen", "127.0.0.1:2000"}}).ok);
  EXPECT_EQ(s.proxy.listen.port, 2000);
}

struct bad_case {
  const char* text;
  const char* expected_in_error;
};

class ConfigErrors : public ::testing::TestWithParam<bad_case> {};

TEST_P(ConfigErrors, NameTheKeyAndTheProblem) {
  settings s;
  const auto r = load_text(GetParam().text, s);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find(GetParam().expected_in_error), std::string::npos) << r.error;
}

INSTANTIATE_TEST_SUITE_P(
    All, ConfigErrors,
    ::testing::Values(bad_case{"[proxy]\nlisen = 1.2.3.4:5\n", "unknown key 'proxy.lisen'"},
                      bad_case{"[proxy]\nlisten = nope\n", "test.conf:2: proxy.listen"},
                      bad_case{"[proxy]\nlisten = 1.2.3.4:70000\n", "bad port"},
                      bad_case{"[proxy]\nworkers = -1\n", "proxy.workers"},
                      bad_case{"[proxy]\nidle_timeout = 5x\n", "no valid unit"},
                      bad_case{"[proxy]\nidle_timeout = 0\n", "greater than 0"},
                      bad_case{"[proxy]\nmax_allowed_packet = 2GiB\n", "between 1KiB and 1GiB"},
                      bad_case{"[proxy]\nlog_level = loud\n", "not a level"},
                      bad_case{"[mysql]\ntls = maybe\n", "mysql.tls"},
                      bad_case{"[client_tls]\ncert_file = /x.pem\n", "must be set together"},
                      bad_case{"[client_tls]\nrequired = true\n", "client_tls.required needs"},
                      bad_case{"[client_tls]\ncert_file = /nonexistent.pem\nkey_file = /nonexistent.key\n", "cannot read"},
                      bad_case{"listen = 1.2.3.4:5\n", "outside any [section]"},
                      bad_case{"[proxy\n", "malformed section header"},
                      bad_case{"[proxy]\njust words\n", "expected 'key = value'"}));

TEST(Config, MissingFileIsAnError) {
  settings s;
  const auto r = load("/nonexistent/switchyard.conf", {}, s);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot read configuration file"), std::string::npos);
}

TEST(Config, TheShippedExampleIsValid) {
  settings s;
  const auto r = load(SWITCHYARD_SOURCE_DIR "/deploy/switchyard.example.conf", {}, s);
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(s.proxy.listen.port, 3307);
}

TEST(Values, Durations) {
  std::chrono::milliseconds d{};
  std::string e;
  ASSERT_TRUE(parse_duration("250ms", d, e));
  EXPECT_EQ(d.count(), 250);
  ASSERT_TRUE(parse_duration("2h", d, e));
  EXPECT_EQ(d.count(), 7'200'000);
  EXPECT_FALSE(parse_duration("ms", d, e));
  EXPECT_FALSE(parse_duration("5", d, e));  // a unit is required except for 0
}

TEST(Values, Sizes) {
  std::uint64_t n = 0;
  std::string e;
  ASSERT_TRUE(parse_size("16KiB", n, e));
  EXPECT_EQ(n, 16384u);
  ASSERT_TRUE(parse_size("1g", n, e));
  EXPECT_EQ(n, 1ull << 30);
  EXPECT_FALSE(parse_size("12 parsecs", n, e));
}

TEST(Values, Addresses) {
  net_address a;
  std::string e;
  ASSERT_TRUE(parse_address("[::1]:3307", a, e));
  EXPECT_EQ(a.host, "::1");
  EXPECT_EQ(to_string(a), "[::1]:3307");
  EXPECT_FALSE(parse_address(":3307", a, e));
  EXPECT_FALSE(parse_address("[::1]3307", a, e));
}

}  // namespace
}  // namespace switchyard::config

namespace switchyard::config {
namespace {

load_result load_phase_text(const std::string& text, settings& s) {
  std::vector<setting_source> values;
  load_result r = parse_ini(text, "phase.conf", values);
  if (!r.ok) return r;
  return apply_settings(values, s);
}

TEST(ConfigPhase1, DefaultsKeepPhaseZero) {
  settings s;
  ASSERT_TRUE(load_phase_text("", s).ok);
  EXPECT_EQ(s.migration.phase, migration_phase::mysql_only);
  EXPECT_EQ(s.mirror.queue_capacity, 10000u);
  EXPECT_FALSE(s.mirror.synchronous);
  EXPECT_TRUE(s.mirror.databases.empty());
}

TEST(ConfigPhase1, ReadsTheMirrorSettings) {
  settings s;
  const auto r = load_phase_text(
      "[migration]\nphase = dual_write\n[postgresql]\npool_size = 6\n[mirror]\nqueue_capacity = 50\n"
      "apply_timeout = 2s\ndivergence_file = /tmp/d.log\nsynchronous = on\nsynchronous_timeout = 250ms\n"
      "databases = app, shop ,billing\nmysql_user = mirror\nmysql_password = secret\nship_interval = 5s\n",
      s);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(s.migration.phase, migration_phase::dual_write);
  EXPECT_EQ(s.postgresql.pool_size, 6u);
  EXPECT_EQ(s.mirror.queue_capacity, 50u);
  EXPECT_EQ(s.mirror.apply_timeout, std::chrono::milliseconds(2000));
  EXPECT_EQ(s.mirror.divergence_file, "/tmp/d.log");
  EXPECT_TRUE(s.mirror.synchronous);
  EXPECT_EQ(s.mirror.synchronous_timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(s.mirror.databases, (std::vector<std::string>{"app", "shop", "billing"}));
  EXPECT_EQ(s.mirror.mysql_user, "mirror");
  EXPECT_EQ(s.mirror.ship_interval, std::chrono::milliseconds(5000));
}

TEST(ConfigPhase1, RefusesWhatCannotWork) {
  settings s;
  auto r = load_phase_text("[migration]\nphase = read_flip\n", s);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("migration.phase"), std::string::npos) << r.error;
  r = load_phase_text("[migration]\nphase = dual_write\n", s);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("mirror.mysql_user"), std::string::npos) << r.error;
  r = load_phase_text("[mirror]\nqueue_capacity = 0\n", s);
  EXPECT_FALSE(r.ok);
  r = load_phase_text("[mirror]\nsynchronous_timeout = 0\n", s);
  EXPECT_FALSE(r.ok);
  r = load_phase_text("[mirror]\ndatabases = a,,b\n", s);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("empty database name"), std::string::npos) << r.error;
  r = load_phase_text("[postgresql]\npool_size = 0\n", s);
  EXPECT_FALSE(r.ok);
}

TEST(ConfigSchema, ReadsTypeChoicesAndOverrides) {
  settings s;
  const auto r = load_text(
      "[schema]\ntinyint1 = smallint\ntimestamp = timestamp\ncase_insensitive = collation:ci\nenum = type\n"
      "[schema.type]\nJSON = json\n[schema.column]\nOrders.Total = numeric(12,2)\n",
      s);
  ASSERT_TRUE(r.ok) << r.error;
  const sql::type_mapping_options& t = s.schema.types;
  EXPECT_FALSE(t.tinyint1_as_boolean);
  EXPECT_EQ(t.timestamps, sql::timestamp_policy::without_time_zone);
  EXPECT_EQ(t.case_insensitive, sql::case_insensitive_policy::collation);
  EXPECT_EQ(t.ci_collation, "ci");
  EXPECT_TRUE(t.enum_as_type);
  EXPECT_EQ(t.type_overrides.at("json"), "json");
  EXPECT_EQ(t.column_overrides.at("orders.total"), "numeric(12,2)");
}

TEST(ConfigSchema, RefusesBadChoicesNamingTheKey) {
  for (const char* text : {"[schema]\ntinyint1 = maybe\n", "[schema]\ncase_insensitive = collation:\n",
                           "[schema.column]\nnodot = text\n", "[schema.type]\nint = \n", "[schema]\nbogus = 1\n"}) {
    settings s;
    const auto r = load_text(text, s);
    EXPECT_FALSE(r.ok) << text;
    EXPECT_NE(r.error.find("schema."), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("test.conf:"), std::string::npos) << r.error;
  }
}

TEST(ConfigMigrate, ToolsFallBackToTheMirrorsAccountAndDatabases) {
  settings s;
  ASSERT_TRUE(load_text("[mirror]\nmysql_user = m\nmysql_password = mp\ndatabases = a, b\n", s).ok);
  EXPECT_EQ(s.migrate.mysql_user, "m");
  EXPECT_EQ(s.migrate.mysql_password, "mp");
  EXPECT_EQ(s.migrate.databases, (std::vector<std::string>{"a", "b"}));
  settings own;
  ASSERT_TRUE(load_text("[mirror]\nmysql_user = m\nmysql_password = mp\n"
                        "[migrate]\nmysql_user = copier\nmysql_password = cp\ndatabases = shop\n", own).ok);
  EXPECT_EQ(own.migrate.mysql_user, "copier");
  EXPECT_EQ(own.migrate.mysql_password, "cp");
  EXPECT_EQ(own.migrate.databases, std::vector<std::string>{"shop"});
}

}  // namespace
}  // namespace switchyard::config
