// Protocol features through the proxy, each compared with the same Connector/C calls made
// straight to MariaDB: the client must not be able to tell the difference.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "common/str_cat.hpp"
#include "tests/integration/proxy_fixture.hpp"

namespace switchyard::integration {
namespace {

using ::testing::HasSubstr;

// What a client sees of a prepared statement's results (all result sets), every column fetched
// as a string. No mysql_stmt_store_result: with a cursor, each fetch is a COM_STMT_FETCH.
std::string dump_statement(MYSQL_STMT* stmt) {
  std::string out;
  int set = 0;
  while (true) {
    const unsigned n = mysql_stmt_field_count(stmt);
    if (n > 0) {
      str_append(out, "result set ", set++, "\n");
      std::vector<MYSQL_BIND> binds(n);
      std::vector<std::array<char, 1024>> buffers(n);
      std::vector<unsigned long> lengths(n);
      std::vector<my_bool> nulls(n);
      for (unsigned i = 0; i < n; ++i) {
        binds[i] = MYSQL_BIND{};
        binds[i].buffer_type = MYSQL_TYPE_STRING;
        binds[i].buffer = buffers[i].data();
        binds[i].buffer_length = buffers[i].size();
        binds[i].length = &lengths[i];
        binds[i].is_null = &nulls[i];
      }
      if (mysql_stmt_bind_result(stmt, binds.data()) != 0) return out + "bind_result: " + mysql_stmt_error(stmt);
      int rc = 0;
      while ((rc = mysql_stmt_fetch(stmt)) == 0) {
        out += "  row";
        for (unsigned i = 0; i < n; ++i)
          out += nulls[i] ? std::string(" NULL") : str_cat(" '", std::string_view(buffers[i].data(), lengths[i]), "'");
        out += "\n";
      }
      if (rc != MYSQL_NO_DATA)
        str_append(out, "fetch: ", rc, " ", mysql_stmt_errno(stmt), " ", mysql_stmt_sqlstate(stmt), " ", mysql_stmt_error(stmt), "\n");
    } else {
      str_append(out, "ok affected_rows=", static_cast<long long>(mysql_stmt_affected_rows(stmt)), "\n");
    }
    const int next = mysql_stmt_next_result(stmt);
    if (next > 0) {
      str_append(out, "next_result: ", mysql_stmt_errno(stmt), " ", mysql_stmt_error(stmt), "\n");
      break;
    }
    if (next < 0) break;
  }
  return out;
}

std::string stmt_error(MYSQL_STMT* stmt) {
  return str_cat("STMT ERR ", mysql_stmt_errno(stmt), " ", mysql_stmt_sqlstate(stmt), " ", mysql_stmt_error(stmt));
}

class ProxyProtocol : public ::testing::Test {
 protected:
  void SetUp() override {
    proxy_ = std::make_unique<proxy_instance>();
    admin_ = connect_direct();
    ASSERT_TRUE(admin_.connected) << last_error(admin_.get());
  }

  // Opens one connection through the proxy and one straight to MariaDB with the same options,
  // runs `run` on each (proxy first) and expects the same transcript. Returns the proxy's.
  template <typename F>
  std::string expect_same(const connect_options& o, F&& run) {
    const connection via = connect_to(proxy_->port(), o);
    const connection ref = connect_direct(o);
    EXPECT_TRUE(via.connected) << last_error(via.get());
    EXPECT_TRUE(ref.connected) << last_error(ref.get());
    if (!via.connected || !ref.connected) return {};
    const std::string through_proxy = run(via.get());
    const std::string direct = run(ref.get());
    EXPECT_EQ(through_proxy, direct);
    EXPECT_FALSE(through_proxy.empty());
    if (std::getenv("SWITCHYARD_TEST_TRANSCRIPTS"))  // to see what was compared
      std::fprintf(stderr, "---- transcript (%zu bytes) ----\n%.4000s\n", through_proxy.size(), through_proxy.c_str());
    return through_proxy;
  }
  template <typename F>
  std::string expect_same(F&& run) {
    return expect_same(connect_options{}, std::forward<F>(run));
  }
  // The same statement on both sides.
  std::string expect_same_dump(std::string_view sql, const connect_options& o = {}) {
    return expect_same(o, [&](MYSQL* m) { return run_and_dump(m, sql); });
  }

  [[nodiscard]] std::int64_t get(const std::atomic<std::int64_t>& c) const { return proxy::metrics::get(c); }

  std::unique_ptr<proxy_instance> proxy_;
  connection admin_;  // direct, for setting tables up
};

TEST_F(ProxyProtocol, TextQueryWithNulls) {
  exec(admin_.get(), "DROP TABLE IF EXISTS t_nulls");
  exec(admin_.get(),
       "CREATE TABLE t_nulls (id INT PRIMARY KEY, v VARCHAR(10) NULL, d DATETIME NULL, n DECIMAL(10,2) NULL, "
       "b VARBINARY(4) NULL)");
  exec(admin_.get(), "INSERT INTO t_nulls VALUES (1, NULL, '2024-02-29 12:34:56', 1.5, ''), (2, '', NULL, NULL, NULL), "
                     "(3, 'x', NULL, -0.25, 0x00FF)");
  const auto queries = get(proxy_->stats().queries_total);
  const std::string literal = expect_same_dump("SELECT 1 AS a, NULL AS b, '' AS c UNION ALL SELECT NULL, 2, NULL");
  EXPECT_THAT(literal, HasSubstr("row '1' NULL ''"));
  EXPECT_THAT(literal, HasSubstr("row NULL '2' NULL"));
  const std::string table = expect_same_dump("SELECT * FROM t_nulls ORDER BY id");
  EXPECT_THAT(table, HasSubstr("row '2' '' NULL NULL NULL"));
  EXPECT_EQ(get(proxy_->stats().queries_total), queries + 2);
}

TEST_F(ProxyProtocol, MultiStatementsGiveEveryResultSetAndStopAtAnError) {
  connect_options o;
  o.flags = CLIENT_MULTI_STATEMENTS;
  const std::string out = expect_same_dump(
      "SELECT 1 AS one; SELECT 'a' AS x, NULL AS y; DO 1; SELECT seq FROM seq_1_to_3; "
      "SELECT * FROM it_no_such_table; SELECT 'never'",
      o);
  EXPECT_THAT(out, HasSubstr("result set 2"));
  EXPECT_THAT(out, HasSubstr("ERR 1146 42S02"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("never")));
}

TEST_F(ProxyProtocol, StoredProcedureWithSeveralResultSets) {
  exec(admin_.get(), "DROP PROCEDURE IF EXISTS p_it_multi");
  exec(admin_.get(),
       "CREATE PROCEDURE p_it_multi(IN n INT) BEGIN SELECT n AS n; SELECT 'two' AS b, NULL AS c; "
       "SELECT seq FROM seq_1_to_10 WHERE seq <= n; END");
  const std::string text = expect_same_dump("CALL p_it_multi(3)");
  EXPECT_THAT(text, HasSubstr("result set 2"));
  EXPECT_THAT(text, HasSubstr("ok affected_rows=0"));
  // The same CALL as a prepared statement: binary result sets, then the final OK.
  const std::string binary = expect_same([](MYSQL* m) {
    MYSQL_STMT* stmt = mysql_stmt_init(m);
    const std::string sql = "CALL p_it_multi(?)";
    std::string out;
    int n = 4;
    MYSQL_BIND in{};
    in.buffer_type = MYSQL_TYPE_LONG;
    in.buffer = &n;
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0 || mysql_stmt_bind_param(stmt, &in) != 0 ||
        mysql_stmt_execute(stmt) != 0)
      out = stmt_error(stmt);
    else
      out = dump_statement(stmt);
    mysql_stmt_close(stmt);
    return out + run_and_dump(m, "SELECT 'after'");
  });
  EXPECT_THAT(binary, HasSubstr("row '4'"));
  EXPECT_THAT(binary, HasSubstr("'after'"));
}

TEST_F(ProxyProtocol, PreparedStatementWithReadOnlyCursor) {
  exec(admin_.get(), "DROP TABLE IF EXISTS t_cursor");
  exec(admin_.get(), "CREATE TABLE t_cursor (id INT PRIMARY KEY, v VARCHAR(20), n DOUBLE NULL)");
  exec(admin_.get(), "INSERT INTO t_cursor SELECT seq, CONCAT('row ', seq), IF(seq % 3 = 0, NULL, seq / 4) FROM seq_1_to_10");
  const counters before = snapshot(proxy_->stats());
  const std::string out = expect_same([](MYSQL* m) {
    MYSQL_STMT* stmt = mysql_stmt_init(m);
    const std::string sql = "SELECT id, v, n FROM t_cursor WHERE id > ? ORDER BY id";
    unsigned long cursor = CURSOR_TYPE_READ_ONLY, prefetch = 2;
    int above = 2;
    MYSQL_BIND in{};
    in.buffer_type = MYSQL_TYPE_LONG;
    in.buffer = &above;
    std::string result;
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0 ||
        mysql_stmt_attr_set(stmt, STMT_ATTR_CURSOR_TYPE, &cursor) != 0 ||
        mysql_stmt_attr_set(stmt, STMT_ATTR_PREFETCH_ROWS, &prefetch) != 0 || mysql_stmt_bind_param(stmt, &in) != 0 ||
        mysql_stmt_execute(stmt) != 0)
      result = stmt_error(stmt);
    else
      result = dump_statement(stmt);
    // Executed again on the same statement: the cursor is reopened.
    above = 8;
    if (mysql_stmt_execute(stmt) != 0)
      result += stmt_error(stmt);
    else
      result += dump_statement(stmt);
    mysql_stmt_close(stmt);
    return result;
  });
  EXPECT_THAT(out, HasSubstr("row '3' 'row 3' NULL"));
  EXPECT_THAT(out, HasSubstr("row '10' 'row 10' '2.5'"));
  const counters after = snapshot(proxy_->stats());
  EXPECT_EQ(after.prepares_total - before.prepares_total, 1);
  EXPECT_EQ(after.executes_total - before.executes_total, 2);
  // 8 rows, then 2, two at a time: the rows came by COM_STMT_FETCH, not with the execute.
  EXPECT_GE(after.commands_total - before.commands_total, 1 + 2 + 4 + 1);
}

TEST_F(ProxyProtocol, SendLongData) {
  const std::string out = expect_same([](MYSQL* m) {
    exec(m, "DROP TABLE IF EXISTS t_long");
    exec(m, "CREATE TABLE t_long (id INT PRIMARY KEY, b LONGBLOB)");
    MYSQL_STMT* stmt = mysql_stmt_init(m);
    const std::string sql = "INSERT INTO t_long (id, b) VALUES (?, ?)";
    int id = 7;
    MYSQL_BIND in[2]{};
    in[0].buffer_type = MYSQL_TYPE_LONG;
    in[0].buffer = &id;
    in[1].buffer_type = MYSQL_TYPE_LONG_BLOB;
    std::string result;
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0 || mysql_stmt_bind_param(stmt, in) != 0) {
      result = stmt_error(stmt);
    } else {
      for (char c : {'a', 'b', 'c'}) {  // three pieces of 300 KiB
        const std::string piece(300 * 1024, c);
        if (mysql_stmt_send_long_data(stmt, 1, piece.data(), piece.size()) != 0) result += stmt_error(stmt);
      }
      result += mysql_stmt_execute(stmt) != 0 ? stmt_error(stmt)
                                              : str_cat("inserted ", static_cast<long long>(mysql_stmt_affected_rows(stmt)), "\n");
    }
    mysql_stmt_close(stmt);
    return result + run_and_dump(m, "SELECT id + 0 AS id, LENGTH(b) AS len, MD5(b) AS md5, "
                                    "SUBSTRING(b, 307199, 3) AS seam FROM t_long");
  });
  EXPECT_THAT(out, HasSubstr("inserted 1"));
  EXPECT_THAT(out, HasSubstr("'921600'"));
  EXPECT_THAT(out, HasSubstr("'aab'"));
}

// 20 MiB is over the 16 MiB packet limit: the query and the row are split into several packets.
TEST_F(ProxyProtocol, TwentyMiBValueAsQueryAndAsResult) {
  constexpr std::size_t size = 20u << 20;
  std::string value(size, 'x');
  for (std::size_t i = 0; i < size; ++i) value[i] = static_cast<char>('a' + (i * 7 + i / 977) % 26);
  connect_options o;
  o.max_allowed_packet = 64ul << 20;
  const std::string out = expect_same(o, [&](MYSQL* m) {
    std::string result;
    const std::string echo = str_cat("SELECT '", value, "' AS v");
    const auto rows = query_rows(m, echo);  // 20 MiB up, 20 MiB down
    result += (rows.size() == 1 && rows[0][0] == value) ? "echo intact\n" : "echo DAMAGED\n";
    const std::string expected(size, 'q');
    const auto generated = query_rows(m, str_cat("SELECT REPEAT('q', ", size, ") AS v, 'after' AS w"));
    result += (generated.size() == 1 && generated[0][0] == expected && generated[0][1] == "after")
                  ? "generated intact\n"
                  : "generated DAMAGED\n";
    return result + run_and_dump(m, "SELECT 'next'");
  });
  EXPECT_THAT(out, HasSubstr("echo intact"));
  EXPECT_THAT(out, HasSubstr("generated intact"));
}

TEST_F(ProxyProtocol, LoadDataLocalInfile) {
  temp_dir dir;
  const std::string path = dir.file("rows.csv");
  {
    std::ofstream file(path);
    for (int i = 1; i <= 20000; ++i) file << i << ",value number " << i << "\n";
  }
  connect_options o;
  o.local_infile = true;
  const std::string out = expect_same(o, [&](MYSQL* m) {
    exec(m, "DROP TABLE IF EXISTS t_load");
    exec(m, "CREATE TABLE t_load (id INT PRIMARY KEY, v VARCHAR(40))");
    std::string result = run_and_dump(m, str_cat("LOAD DATA LOCAL INFILE '", path, "' INTO TABLE t_load FIELDS TERMINATED BY ','"));
    result += run_and_dump(m, "SELECT COUNT(*), SUM(id), SUM(CRC32(v)) FROM t_load");
    // A file the client cannot open: it sends an empty file and reports its own error.
    result += run_and_dump(m, str_cat("LOAD DATA LOCAL INFILE '", dir.file("missing.csv"), "' INTO TABLE t_load"));
    return result + run_and_dump(m, "SELECT 'still usable'");
  });
  EXPECT_THAT(out, HasSubstr("Records: 20000"));
  EXPECT_THAT(out, HasSubstr("'still usable'"));
}

TEST_F(ProxyProtocol, ChangeUserSucceedsAndFails) {
  const counters before = snapshot(proxy_->stats());
  const std::string out = expect_same([](MYSQL* m) {
    std::string result;
    exec(m, "SET @kept = 'before change_user'");
    result += mysql_change_user(m, test_user, test_password, "information_schema") == 0 ? "change_user ok\n"
                                                                                         : last_error(m) + "\n";
    result += run_and_dump(m, "SELECT CURRENT_USER(), DATABASE(), @kept");
    result += mysql_change_user(m, test_user, "wrong password", nullptr) == 0 ? "wrong password accepted!\n"
                                                                                : last_error(m) + "\n";
    result += mysql_ping(m) == 0 ? "ping ok\n" : last_error(m) + "\n";
    return result;
  });
  EXPECT_THAT(out, HasSubstr("change_user ok"));
  EXPECT_THAT(out, HasSubstr("'information_schema' NULL"));
  EXPECT_THAT(out, HasSubstr("ERR 1045 28000"));
  EXPECT_EQ(snapshot(proxy_->stats()).backend_protocol_errors, before.backend_protocol_errors);
}

TEST_F(ProxyProtocol, ResetConnection) {
  const std::string out = expect_same([](MYSQL* m) {
    exec(m, "SET @x = 5");
    exec(m, "CREATE TEMPORARY TABLE tt_reset (a INT)");
    std::string result = mysql_reset_connection(m) == 0 ? "reset ok\n" : last_error(m) + "\n";
    result += run_and_dump(m, "SELECT @x, DATABASE()");
    return result + run_and_dump(m, "SELECT COUNT(*) FROM tt_reset");
  });
  EXPECT_THAT(out, HasSubstr("reset ok"));
  EXPECT_THAT(out, HasSubstr("row NULL 'it_proxy'"));
  EXPECT_THAT(out, HasSubstr("ERR 1146"));
}

TEST_F(ProxyProtocol, StatisticsPingAndSelectDb) {
  const std::string out = expect_same([](MYSQL* m) {
    const char* stat = mysql_stat(m);
    // Uptime, thread and query counts differ from one moment to the next: compare the shape.
    std::string result = stat ? std::regex_replace(stat, std::regex("[0-9]+(\\.[0-9]+)?"), "#") : last_error(m);
    result += "\n";
    result += mysql_ping(m) == 0 ? "ping ok\n" : last_error(m) + "\n";
    result += mysql_select_db(m, "information_schema") == 0 ? "select_db ok\n" : last_error(m) + "\n";
    result += run_and_dump(m, "SELECT DATABASE()");
    result += mysql_select_db(m, "it_no_such_database") == 0 ? "select_db of a missing database ok!\n"
                                                             : last_error(m) + "\n";
    return result + run_and_dump(m, "SELECT DATABASE()");
  });
  EXPECT_THAT(out, HasSubstr("Uptime: #"));
  EXPECT_THAT(out, HasSubstr("ping ok"));
  EXPECT_THAT(out, HasSubstr("ERR 1049 42000"));
}

TEST_F(ProxyProtocol, ListFields) {
  exec(admin_.get(), "DROP TABLE IF EXISTS t_fields");
  exec(admin_.get(),
       "CREATE TABLE t_fields (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(30) NOT NULL DEFAULT 'x', "
       "created TIMESTAMP NULL, price DECIMAL(8,2) DEFAULT 1.50, prefix_other INT)");
  const std::string out = expect_same([](MYSQL* m) {
    std::string result;
    for (const char* wild : {static_cast<const char*>(nullptr), "pr%"}) {
      MYSQL_RES* res = mysql_list_fields(m, "t_fields", wild);
      if (!res) {
        result += last_error(m) + "\n";
        continue;
      }
      const unsigned n = mysql_num_fields(res);
      const MYSQL_FIELD* f = mysql_fetch_fields(res);
      for (unsigned i = 0; i < n; ++i)
        str_append(result, "field ", f[i].name, " table=", f[i].table, " type=", static_cast<int>(f[i].type),
                   " length=", f[i].length, " flags=", f[i].flags, " default=", f[i].def ? f[i].def : "(none)", "\n");
      mysql_free_result(res);
    }
    MYSQL_RES* missing = mysql_list_fields(m, "it_no_such_table", nullptr);
    if (missing) mysql_free_result(missing);
    result += missing ? "missing table listed!\n" : last_error(m) + "\n";
    return result + run_and_dump(m, "SELECT 'after'");
  });
  EXPECT_THAT(out, HasSubstr("field price"));
  EXPECT_THAT(out, HasSubstr("field prefix_other"));
  EXPECT_THAT(out, HasSubstr("ERR 1146"));
}

TEST_F(ProxyProtocol, SetServerOptionTurnsMultiStatementsOnAndOff) {
  const std::string out = expect_same([](MYSQL* m) {
    std::string result = run_and_dump(m, "SELECT 1; SELECT 2");
    result += mysql_set_server_option(m, MYSQL_OPTION_MULTI_STATEMENTS_ON) == 0 ? "\non\n" : last_error(m);
    result += run_and_dump(m, "SELECT 1 AS a; SELECT 2 AS b");
    result += mysql_set_server_option(m, MYSQL_OPTION_MULTI_STATEMENTS_OFF) == 0 ? "off\n" : last_error(m);
    return result + run_and_dump(m, "SELECT 1; SELECT 2");
  });
  EXPECT_THAT(out, HasSubstr("ERR 1064"));
  EXPECT_THAT(out, HasSubstr("column b"));
}

TEST_F(ProxyProtocol, WarningsCount) {
  const std::string out = expect_same([](MYSQL* m) {
    std::string result = run_and_dump(m, "SELECT CAST('12abc' AS UNSIGNED) AS v, 1/0 AS d");
    result += str_cat("warning_count ", mysql_warning_count(m), "\n");
    return result + run_and_dump(m, "SHOW WARNINGS");
  });
  EXPECT_THAT(out, HasSubstr("warning_count 2"));
  EXPECT_THAT(out, HasSubstr("'1292'"));
}

TEST_F(ProxyProtocol, ErrorsKeepTheirNumberAndSqlstate) {
  exec(admin_.get(), "DROP TABLE IF EXISTS t_dup");
  exec(admin_.get(), "CREATE TABLE t_dup (id INT PRIMARY KEY)");
  exec(admin_.get(), "INSERT INTO t_dup VALUES (1)");
  const std::string out = expect_same([](MYSQL* m) {
    std::string result;
    for (const char* sql : {"INSERT INTO t_dup VALUES (1)", "SELEC 1", "SELECT * FROM it_no_such_table"})
      result += run_and_dump(m, sql) + "\n";
    MYSQL_STMT* stmt = mysql_stmt_init(m);
    const std::string bad = "SELEC ?";
    result += mysql_stmt_prepare(stmt, bad.data(), bad.size()) == 0 ? "prepared!\n" : stmt_error(stmt) + "\n";
    mysql_stmt_close(stmt);
    return result + run_and_dump(m, "SELECT 'still fine'");
  });
  EXPECT_THAT(out, HasSubstr("ERR 1062 23000 Duplicate entry '1' for key 'PRIMARY'"));
  EXPECT_THAT(out, HasSubstr("ERR 1064 42000"));
  EXPECT_THAT(out, HasSubstr("ERR 1146 42S02"));
  EXPECT_THAT(out, HasSubstr("STMT ERR 1064 42000"));
  EXPECT_THAT(out, HasSubstr("'still fine'"));
}

}  // namespace
}  // namespace switchyard::integration
