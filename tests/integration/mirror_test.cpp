// The mirror against the real PostgreSQL: committed transactions (as the tracker hands them out)
// are applied whole, in order, with MySQL's instant and ids; what cannot be applied leaves
// PostgreSQL unchanged and is recorded as a divergence; a full queue never blocks.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "integration/postgres_client.hpp"
#include "proxy/mirror.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/translate.hpp"
#include "support/corpus.hpp"

namespace switchyard::integration {
namespace {

namespace asio = boost::asio;

struct collected_divergences : proxy::divergence_sink {
  std::vector<proxy::divergence> records;
  void record(std::vector<proxy::divergence> r) override {
    for (auto& d : r) records.push_back(std::move(d));
  }
};

proxy::mirror_transaction transaction(std::string database, std::vector<std::string> statements,
                                      std::uint64_t last_insert_id = 0) {
  proxy::mirror_transaction t;
  t.database = std::move(database);
  for (auto& text : statements) {
    proxy::mirrored_statement s;
    s.text = std::move(text);
    s.last_insert_id = last_insert_id;
    s.pinned_now = "2024-05-06 07:08:09.123456";    // the session runs at UTC+2
    s.pinned_unix_micros = 1714972089123456;        // 2024-05-06 05:08:09.123456 UTC
    t.statements.push_back(std::move(s));
  }
  return t;
}

class mirror_it : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.ok());
    ASSERT_EQ(pg.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema), "");
    ASSERT_EQ(pg.exec("SET search_path TO " + schema + "; SET TIME ZONE 'UTC'"), "");
    const std::string ddl = test::read_corpus("schema.sql");
    ASSERT_TRUE(sql::load_catalog_from_schema_sql(ddl, schema, catalog).ok);
    std::vector<std::string_view> statements;
    sql::split_statements(ddl, {}, statements);
    for (const auto st : statements) {
      sql::translate_options o;
      o.current_database = schema;
      const auto r = sql::translate(st, o);
      ASSERT_TRUE(r.ok) << r.reason.construct;
      ASSERT_EQ(pg.exec(r.output.text), "") << r.output.text;
    }
  }
  void TearDown() override { (void)pg.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); }

  // Runs the mirror until everything submitted before has been applied.
  void drain(proxy::mirror& m) {
    m.stop();
    io.run();
  }
  // A pool to a port nothing listens on, and a mirror over it that gives up soon.
  static backend::pool_options unreachable() {
    backend::pool_options o;
    o.conninfo = "host=127.0.0.1 port=1 user=app password=app dbname=app connect_timeout=2";
    o.size = 1;
    return o;
  }
  proxy::mirror make_away(backend::pg_pool& away) {
    proxy::mirror_settings s;
    s.apply_timeout = std::chrono::milliseconds(1500);
    return proxy::mirror(io.get_executor(), away, catalog, divergences, s);
  }
  proxy::mirror make(std::size_t capacity = 100) {
    proxy::mirror_settings s;
    s.queue_capacity = capacity;
    return proxy::mirror(io.get_executor(), pool, catalog, divergences, s);
  }

  const std::string schema = [] {
    std::string name = "mirror_it_";
    name += ::testing::UnitTest::GetInstance()->current_test_info()->name();
    return name.substr(0, 60);
  }();
  postgres_client pg;
  sql::memory_catalog catalog;
  collected_divergences divergences;
  asio::io_context io;
  backend::metrics metrics;
  backend::pg_pool pool{io.get_executor(),
                        [] {
                          backend::pool_options o;
                          const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
                          o.conninfo = std::string("host=127.0.0.1 user=app password=app dbname=app port=") +
                                       (port && *port ? port : "15432");
                          o.size = 2;
                          return o;
                        }(),
                        metrics};
};

TEST_F(mirror_it, committed_transactions_arrive_whole_with_mysqls_instant_and_ids) {
  proxy::mirror m = make();
  asio::co_spawn(io, m.run(), asio::detached);
  ASSERT_TRUE(m.submit(transaction(schema, {"INSERT INTO users (email, name) VALUES ('a@x', 'A'), ('b@x', 'B')"}, 41), 0));
  ASSERT_TRUE(m.submit(transaction(schema, {"UPDATE users SET name = 'AA', balance = balance + 2.5 WHERE email = 'A@X'",
                                            "INSERT INTO counters (name, hits, touched) VALUES ('home', 1, NOW())",
                                            "INSERT INTO counters (name, hits) VALUES ('home', 1) "
                                            "ON DUPLICATE KEY UPDATE hits = hits + 1"}),
                       0));
  drain(m);
  EXPECT_EQ(m.counters().applied_transactions, 2u);
  EXPECT_EQ(m.counters().applied_statements, 4u);
  EXPECT_TRUE(divergences.records.empty());
  // Ids and DEFAULT CURRENT_TIMESTAMP are MySQL's; the ON UPDATE trigger took the pinned instant.
  EXPECT_EQ(pg.rows("SELECT id, email, name, balance, created_at, updated_at FROM " + schema + ".users ORDER BY id"),
            (std::vector<std::string>{"41\ta@x\tAA\t2.50\t2024-05-06 07:08:09\t2024-05-06 05:08:09+00",
                                      "42\tb@x\tB\t0.00\t2024-05-06 07:08:09\t"}));
  EXPECT_EQ(pg.rows("SELECT name, hits, touched FROM " + schema + ".counters"),
            std::vector<std::string>{"home\t2\t2024-05-06 07:08:09"});
}

TEST_F(mirror_it, a_transaction_postgresql_rejects_leaves_it_unchanged_and_is_recorded) {
  proxy::mirror m = make();
  asio::co_spawn(io, m.run(), asio::detached);
  ASSERT_TRUE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (1, 10)",
                                            "INSERT INTO pairs (id, a) VALUES (2, 10)"}),  // unique a: rejected
                       0));
  ASSERT_TRUE(m.submit(transaction(schema, {"UPDATE users SET name = @who WHERE id = 1"}), 0));  // refused
  ASSERT_TRUE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (3, 30)"}), 0));
  drain(m);
  EXPECT_EQ(pg.rows("SELECT id, a FROM " + schema + ".pairs ORDER BY id"), std::vector<std::string>{"3\t30"});
  EXPECT_EQ(m.counters().applied_transactions, 1u);
  EXPECT_EQ(m.counters().diverged_transactions, 2u);
  // pairs once (both statements have one shape: one record with both keys), users once
  ASSERT_EQ(divergences.records.size(), 2u);
  EXPECT_EQ(divergences.records[0].schema, schema);
  EXPECT_EQ(divergences.records[0].table, "pairs");
  EXPECT_NE(divergences.records[0].reason.find("PostgreSQL: 23505"), std::string::npos) << divergences.records[0].reason;
  EXPECT_EQ(divergences.records[0].digest, "INSERT INTO pairs (id, a) VALUES (?, ?)");
  EXPECT_EQ(divergences.records[0].keys, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(divergences.records[1].table, "users");
  EXPECT_TRUE(divergences.records[1].keys.empty()) << "not parsed (a user variable): the whole table";
  EXPECT_EQ(divergences.records[1].reason, "not translatable: user variable at byte 24");
}

TEST_F(mirror_it, a_full_queue_records_instead_of_waiting) {
  proxy::mirror m = make(1);
  EXPECT_TRUE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (1, 1)"}), 7));
  EXPECT_FALSE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (2, 2)"}), 8));
  EXPECT_FALSE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (3, 3)"}), 9));
  EXPECT_EQ(m.counters().queue_full, 2u);
  asio::co_spawn(io, m.run(), asio::detached);
  drain(m);
  // Made durable once for the round, the two overflowing inserts of one shape as one record.
  ASSERT_EQ(divergences.records.size(), 1u);
  EXPECT_EQ(divergences.records[0].reason, "mirror queue full");
  EXPECT_EQ(divergences.records[0].unix_micros, 8);
  EXPECT_EQ(divergences.records[0].keys, (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(pg.rows("SELECT id FROM " + schema + ".pairs"), std::vector<std::string>{"1"});
  EXPECT_EQ(m.counters().queue_peak, 1u);
}

TEST_F(mirror_it, postgresql_away_means_divergences_not_errors) {
  backend::pg_pool away(io.get_executor(), unreachable(), metrics);
  proxy::mirror m = make_away(away);
  asio::co_spawn(io, m.run(), asio::detached);
  ASSERT_TRUE(m.submit(transaction(schema, {"INSERT INTO pairs (id, a) VALUES (1, 1)"}), 0));
  drain(m);
  EXPECT_EQ(m.counters().diverged_transactions, 1u);
  ASSERT_EQ(divergences.records.size(), 1u);
  EXPECT_EQ(divergences.records[0].reason.rfind("PostgreSQL unavailable: ", 0), 0u) << divergences.records[0].reason;
}

// The keys a divergence record names for a multi-row insert follow MySQL's
// auto_increment_increment, as the pinned ids do (they assumed a step of 1: repair would have
// re-copied the wrong rows).
TEST_F(mirror_it, a_multi_row_inserts_recorded_keys_follow_the_servers_id_step) {
  backend::pg_pool away(io.get_executor(), unreachable(), metrics);
  proxy::mirror m = make_away(away);
  m.set_insert_id_increment(5);
  asio::co_spawn(io, m.run(), asio::detached);
  ASSERT_TRUE(m.submit(transaction(schema, {"INSERT INTO users (email) VALUES ('a@x'), ('b@x'), ('c@x')"}, 10), 0));
  drain(m);
  ASSERT_EQ(divergences.records.size(), 1u);
  EXPECT_EQ(divergences.records[0].keys, (std::vector<std::string>{"10", "15", "20"}));
}

}  // namespace
}  // namespace switchyard::integration

namespace switchyard::integration {
namespace {

// A commit MySQL made before one already released for applying (seen later than the reorder
// window) is still applied, and recorded, so that repair re-copies its rows.
TEST_F(mirror_it, a_commit_seen_later_than_the_reorder_window_is_applied_and_recorded) {
  proxy::mirror_settings s;
  s.reorder_window = std::chrono::milliseconds(1);
  proxy::mirror m(io.get_executor(), pool, catalog, divergences, s);
  asio::co_spawn(io, m.run(), asio::detached);
  auto later = transaction(schema, {"INSERT INTO pairs (id, a) VALUES (2, 20)"});
  later.commit_seq = 11;
  ASSERT_TRUE(m.submit(std::move(later), 0));
  io.run_for(std::chrono::milliseconds(300));  // released and applied
  auto earlier = transaction(schema, {"INSERT INTO pairs (id, a) VALUES (1, 10)"});
  earlier.commit_seq = 10;
  ASSERT_TRUE(m.submit(std::move(earlier), 0));
  drain(m);
  EXPECT_EQ(m.counters().late_commits, 1u);
  EXPECT_EQ(m.counters().applied_transactions, 2u);
  EXPECT_EQ(m.counters().diverged_transactions, 0u);
  EXPECT_EQ(pg.rows("SELECT id FROM " + schema + ".pairs ORDER BY id"), (std::vector<std::string>{"1", "2"}));
  ASSERT_EQ(divergences.records.size(), 1u);
  EXPECT_EQ(divergences.records[0].keys, std::vector<std::string>{"1"});
  EXPECT_NE(divergences.records[0].reason.find("before a transaction already applied"), std::string::npos);
}

// With MySQL's position known, a commit that follows the last one released goes at once; one
// after a gap waits (the window here is a minute) until the gap is filled, in sequence order.
TEST_F(mirror_it, a_commit_next_in_sequence_goes_at_once_and_one_after_a_gap_waits_for_it) {
  ASSERT_EQ(pg.exec("INSERT INTO " + schema + ".pairs (id, a) VALUES (1, 0)"), "");
  proxy::mirror_settings s;
  s.reorder_window = std::chrono::seconds(60);
  proxy::mirror m(io.get_executor(), pool, catalog, divergences, s);
  m.resume_after(9);
  asio::co_spawn(io, m.run(), asio::detached);
  const auto update = [&](std::uint64_t seq) {
    auto t = transaction(schema, {"UPDATE pairs SET a = " + std::to_string(seq) + " WHERE id = 1"});
    t.commit_seq = seq;
    ASSERT_TRUE(m.submit(std::move(t), 0));
  };
  const auto run_until_applied = [&](std::uint64_t n) {
    for (int i = 0; i < 100 && m.counters().applied_transactions < n; ++i) io.run_for(std::chrono::milliseconds(100));
  };
  update(11);
  io.run_for(std::chrono::milliseconds(300));
  EXPECT_EQ(m.counters().applied_transactions, 0u) << "11 went before 10 arrived";
  update(10);
  update(12);
  run_until_applied(3);
  EXPECT_EQ(m.counters().applied_transactions, 3u);
  EXPECT_EQ(pg.rows("SELECT a FROM " + schema + ".pairs"), std::vector<std::string>{"12"});
  update(14);  // 13 never comes: 14 waits for the window, or for the mirror to stop
  io.run_for(std::chrono::milliseconds(300));
  EXPECT_EQ(m.counters().applied_transactions, 3u);
  drain(m);
  EXPECT_EQ(m.counters().applied_transactions, 4u);
  EXPECT_EQ(pg.rows("SELECT a FROM " + schema + ".pairs"), std::vector<std::string>{"14"});
  EXPECT_EQ(m.counters().late_commits, 0u);
  EXPECT_TRUE(divergences.records.empty());
}

}  // namespace
}  // namespace switchyard::integration
