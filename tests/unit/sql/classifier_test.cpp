#include "sql/classifier.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace switchyard::sql {
namespace {

using K = statement_kind;
using R = ineligibility;

// Tables as "schema.table@alias!" separated by spaces: `@alias` when aliased, `!` when written.
std::string render_tables(const statement_facts& f) {
  std::string out;
  for (const table_ref& t : f.table_list()) {
    if (!out.empty()) out += ' ';
    if (!t.schema.empty()) {
      out += t.schema;
      out += '.';
    }
    out += t.table;
    if (!t.alias.empty()) {
      out += '@';
      out += t.alias;
    }
    if (t.written) out += '!';
  }
  if (f.tables_overflow) out += " ...";
  return out;
}

std::string render_uses(volatile_use u) {
  static constexpr std::pair<volatile_use, const char*> names[] = {
      {volatile_use::now, "now"},
      {volatile_use::sysdate, "sysdate"},
      {volatile_use::rand, "rand"},
      {volatile_use::uuid, "uuid"},
      {volatile_use::sleep, "sleep"},
      {volatile_use::last_insert_id, "last_insert_id"},
      {volatile_use::found_rows, "found_rows"},
      {volatile_use::row_count, "row_count"},
      {volatile_use::connection_id, "connection_id"},
      {volatile_use::user, "user"},
      {volatile_use::database, "database"},
      {volatile_use::lock_function, "lock"},
      {volatile_use::user_variable, "@"},
      {volatile_use::system_variable, "@@"},
      {volatile_use::version, "version"},
  };
  std::string out;
  for (const auto& [bit, name] : names) {
    if (any(u & bit)) {
      if (!out.empty()) out += ',';
      out += name;
    }
  }
  return out;
}

struct row {
  const char* sql;
  K kind;
  bool reads;
  bool writes;
  const char* tables;
  R reason;  // none = eligible for PostgreSQL
  const char* uses = "";
};

// clang-format off
const row rows[] = {
    // plain reads
    {"SELECT c FROM sbtest1 WHERE id=42", K::select, true, false, "sbtest1", R::none},
    {"select c from sbtest1 where id = ?", K::select, true, false, "sbtest1", R::none},
    {"SELECT 1", K::select, true, false, "", R::none},
    {"SELECT 1 FROM DUAL", K::select, true, false, "", R::none},
    {"SELECT * FROM `my db`.`my``table` t", K::select, true, false, "my db.my``table@t", R::none},
    {"SELECT * FROM shop.orders AS o WHERE o.id = 1", K::select, true, false, "shop.orders@o", R::none},
    {"SELECT a, b, c FROM t1, t2 WHERE t1.id = t2.id", K::select, true, false, "t1 t2", R::none},
    {"SELECT * FROM t1 x, t2 y", K::select, true, false, "t1@x t2@y", R::none},
    {"SELECT * FROM t1 JOIN t2 ON t1.id = t2.id LEFT JOIN t3 USING (id)", K::select, true, false, "t1 t2 t3", R::none},
    {"SELECT * FROM t1 INNER JOIN t2 ON t1.a=t2.a RIGHT OUTER JOIN t3 ON t3.b=t2.b CROSS JOIN t4", K::select, true, false, "t1 t2 t3 t4", R::none},
    {"SELECT * FROM t1 STRAIGHT_JOIN t2 ON t1.a = t2.a", K::select, true, false, "t1 t2", R::none},
    {"SELECT * FROM t1 NATURAL JOIN t2", K::select, true, false, "t1 t2", R::none},
    {"SELECT * FROM (t1 JOIN t2 ON t1.a = t2.a) JOIN t3 ON t3.a = t1.a", K::select, true, false, "t1 t2 t3", R::none},
    {"SELECT * FROM t1 LEFT JOIN (t2, t3) ON t2.a = t1.a AND t3.b = t1.b", K::select, true, false, "t1 t2 t3", R::none},
    {"SELECT d.x FROM (SELECT x FROM inner_t) AS d", K::select, true, false, "inner_t", R::none},
    {"SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE u.flag = 1)", K::select, true, false, "t u", R::none},
    {"SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)", K::select, true, false, "t u", R::none},
    {"SELECT (SELECT MAX(v) FROM u) AS m FROM t", K::select, true, false, "u t", R::none},
    {"SELECT EXTRACT(YEAR FROM created) FROM t", K::select, true, false, "t", R::none},
    {"SELECT TRIM(LEADING 'x' FROM name), SUBSTRING(s FROM 2) FROM t", K::select, true, false, "t", R::none},
    {"SELECT c.name, COUNT(*) FROM customers c JOIN orders o ON o.customer_id = c.id JOIN items i ON i.order_id = o.id WHERE o.status = 'paid' GROUP BY c.name HAVING COUNT(*) > 2 ORDER BY 2 DESC LIMIT 10",
     K::select, true, false, "customers@c orders@o items@i", R::none},
    {"SELECT * FROM t FORCE INDEX (idx_a) WHERE a = 1", K::select, true, false, "t", R::none},
    {"SELECT * FROM t USE INDEX FOR JOIN (i1, i2) JOIN u ON u.id = t.id", K::select, true, false, "t u", R::none},
    {"SELECT * FROM t IGNORE INDEX FOR ORDER BY (i1), u", K::select, true, false, "t u", R::none},
    {"SELECT * FROM t PARTITION (p0, p1) AS x", K::select, true, false, "t@x", R::none},
    {"SELECT * FROM t1 WHERE a = 1 UNION SELECT * FROM t2 WHERE b = 2", K::select, true, false, "t1 t2", R::none},
    {"(SELECT a FROM t1) UNION ALL (SELECT a FROM t2) ORDER BY a", K::select, true, false, "t1 t2", R::none},
    {"((SELECT a FROM t1))", K::select, true, false, "t1", R::none},
    {"WITH c AS (SELECT id FROM t) SELECT * FROM c JOIN u ON u.id = c.id", K::select, true, false, "t u", R::none},
    {"WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r", K::select, true, false, "", R::none},
    {"WITH a AS (SELECT 1 x), b AS (SELECT x FROM a) SELECT * FROM b, t", K::select, true, false, "t", R::none},
    {"TABLE t1", K::select, true, false, "t1", R::none},
    {"SELECT * FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (x INT PATH '$.x')) AS j", K::select, true, false, "t", R::none},
    {"SELECT * FROM t1 JOIN LATERAL (SELECT * FROM t2 WHERE t2.a = t1.a) AS l ON true", K::select, true, false, "t1 t2", R::none},
    {"SELECT t.user, t.now FROM t", K::select, true, false, "t", R::none},
    {"SELECT user, host FROM accounts", K::select, true, false, "accounts", R::none},
    {"SELECT COUNT(*), SUM(x), GROUP_CONCAT(y ORDER BY y SEPARATOR ',') FROM t GROUP BY z", K::select, true, false, "t", R::none},
    {"SELECT DISTINCT HIGH_PRIORITY SQL_NO_CACHE a FROM t", K::select, true, false, "t", R::none},
    {"SELECT UNIX_TIMESTAMP(created) FROM t", K::select, true, false, "t", R::none},
    {"SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t", K::select, true, false, "t", R::none},
    {"/* app=shop */ SELECT a FROM t", K::select, true, false, "t", R::none},
    {"-- leading\nSELECT a FROM t # trailing", K::select, true, false, "t", R::none},
    {"/*!40001 SQL_NO_CACHE */ SELECT a FROM t", K::other, false, false, "t", R::not_a_select},
    {"SELECT /*!40001 SQL_NO_CACHE */ a FROM t", K::select, true, false, "t", R::none},
    {"/*!SELECT*/ a FROM t", K::select, true, false, "t", R::none},
    {"SELECT a FROM t;", K::select, true, false, "t", R::none},
    {"SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?, ?", K::select, true, false, "t", R::none},
    {"SELECT * FROM t1 WHERE a IN (SELECT a FROM t2 WHERE b IN (SELECT b FROM t3))", K::select, true, false, "t1 t2 t3", R::none},
    {"SELECT * FROM t WHERE id = 1 FOR UPDATE; COMMIT", K::select_for_update, true, false, "t", R::locking_read},
    {"VALUES ROW(1, 2), ROW(3, 4)", K::select, true, false, "", R::none},
    {"SELECT `now`, `user` FROM t", K::select, true, false, "t", R::none},
    {"SELECT JSON_EXTRACT(doc, '$.a'), doc->>'$.b' FROM t", K::select, true, false, "t", R::none},
    {"SELECT a FROM t; ", K::select, true, false, "t", R::none},
    {"SELECT a FROM t; SELECT b FROM u", K::select, true, false, "t", R::multiple_statements},
    {"SELECT \"x\" AS `from` FROM t", K::select, true, false, "t", R::none},
    {"SELECT * FROM t WHERE name = 'FROM x JOIN y'", K::select, true, false, "t", R::none},
    {"SELECT * FROM a1, a2, a3, a4, a5, a6, a7, a8, a9", K::select, true, false, "a1 a2 a3 a4 a5 a6 a7 a8 ...", R::none},
    {"SELECT * FROM a1, a2, a3, a4, a5, a6, a7, a8, information_schema.tables", K::select, true, false, "a1 a2 a3 a4 a5 a6 a7 a8 ...", R::system_schema},

    // reads PostgreSQL cannot answer
    {"SELECT * FROM t WHERE id = 1 FOR UPDATE", K::select_for_update, true, false, "t", R::locking_read},
    {"SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT", K::select_for_update, true, false, "t", R::locking_read},
    {"SELECT * FROM t WHERE id = 1 FOR UPDATE SKIP LOCKED", K::select_for_update, true, false, "t", R::locking_read},
    {"SELECT * FROM t WHERE id = 1 FOR SHARE", K::select_for_share, true, false, "t", R::locking_read},
    {"SELECT * FROM t WHERE id = 1 LOCK IN SHARE MODE", K::select_for_share, true, false, "t", R::locking_read},
    {"SELECT * FROM t1 JOIN t2 ON t1.a = t2.a FOR UPDATE OF t1", K::select_for_update, true, false, "t1 t2", R::locking_read},
    {"SELECT NOW()", K::select, true, false, "", R::non_deterministic_function, "now"},
    {"SELECT * FROM t WHERE created > NOW() - INTERVAL 1 DAY", K::select, true, false, "t", R::non_deterministic_function, "now"},
    {"SELECT CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME", K::select, true, false, "", R::non_deterministic_function, "now"},
    {"SELECT CURDATE(), CURTIME(), LOCALTIME, LOCALTIMESTAMP()", K::select, true, false, "", R::non_deterministic_function, "now"},
    {"SELECT UTC_DATE(), UTC_TIME, UTC_TIMESTAMP()", K::select, true, false, "", R::non_deterministic_function, "now"},
    {"SELECT UNIX_TIMESTAMP()", K::select, true, false, "", R::non_deterministic_function, "now"},
    {"SELECT SYSDATE()", K::select, true, false, "", R::non_deterministic_function, "sysdate"},
    {"SELECT * FROM t ORDER BY RAND() LIMIT 1", K::select, true, false, "t", R::non_deterministic_function, "rand"},
    {"SELECT UUID(), UUID_SHORT()", K::select, true, false, "", R::non_deterministic_function, "uuid"},
    {"SELECT SLEEP(1)", K::select, true, false, "", R::non_deterministic_function, "sleep"},
    {"SELECT LAST_INSERT_ID()", K::select, true, false, "", R::session_dependent_function, "last_insert_id"},
    {"SELECT FOUND_ROWS()", K::select, true, false, "", R::session_dependent_function, "found_rows"},
    {"SELECT ROW_COUNT()", K::select, true, false, "", R::session_dependent_function, "row_count"},
    {"SELECT CONNECTION_ID()", K::select, true, false, "", R::session_dependent_function, "connection_id"},
    {"SELECT USER(), CURRENT_USER, SESSION_USER(), SYSTEM_USER()", K::select, true, false, "", R::session_dependent_function, "user"},
    {"SELECT CURRENT_USER()", K::select, true, false, "", R::session_dependent_function, "user"},
    {"SELECT DATABASE()", K::select, true, false, "", R::session_dependent_function, "database"},
    {"SELECT SCHEMA()", K::select, true, false, "", R::session_dependent_function, "database"},
    {"SELECT GET_LOCK('a', 10)", K::select, true, false, "", R::session_dependent_function, "lock"},
    {"SELECT RELEASE_LOCK('a'), IS_FREE_LOCK('b'), IS_USED_LOCK('c')", K::select, true, false, "", R::session_dependent_function, "lock"},
    {"SELECT NOW(), LAST_INSERT_ID()", K::select, true, false, "", R::session_dependent_function, "now,last_insert_id"},
    {"SELECT VERSION()", K::select, true, false, "", R::session_dependent_function, "version"},
    {"SELECT CURRENT_ROLE()", K::select, true, false, "", R::session_dependent_function, "user"},
    {"SET STATEMENT max_statement_time = 1 FOR SELECT a FROM t", K::select, true, false, "t", R::system_variable, "@@"},
    {"SET STATEMENT sql_mode = '' FOR UPDATE t SET a = 1", K::update, true, true, "t!", R::not_a_select, "@@"},
    {"DELETE FROM t WHERE id = 1 RETURNING id, a", K::delete_, true, true, "t!", R::not_a_select},
    {"INSERT INTO t (a) VALUES (1) RETURNING id", K::insert, true, true, "t!", R::not_a_select},
    {"SELECT @x", K::select, true, false, "", R::user_variable, "@"},
    {"SELECT * FROM t WHERE id = @id", K::select, true, false, "t", R::user_variable, "@"},
    {"SELECT @@version", K::select, true, false, "", R::system_variable, "@@"},
    {"SELECT @@session.tx_isolation, @x", K::select, true, false, "", R::user_variable, "@,@@"},
    {"SELECT a INTO @x FROM t WHERE id = 1", K::select, true, false, "t", R::select_into, "@"},
    {"SELECT a FROM t INTO OUTFILE '/tmp/a.txt'", K::select, true, false, "t", R::select_into},
    {"SELECT a FROM t INTO DUMPFILE '/tmp/a.bin'", K::select, true, false, "t", R::select_into},
    {"SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 10", K::select, true, false, "t", R::calc_found_rows},
    {"SELECT * FROM information_schema.tables WHERE table_schema = 'app'", K::select, true, false, "information_schema.tables", R::system_schema},
    {"SELECT * FROM `INFORMATION_SCHEMA`.`COLUMNS`", K::select, true, false, "INFORMATION_SCHEMA.COLUMNS", R::system_schema},
    {"SELECT user, host FROM mysql.user", K::select, true, false, "mysql.user", R::system_schema},
    {"SELECT * FROM performance_schema.threads", K::select, true, false, "performance_schema.threads", R::system_schema},
    {"SELECT * FROM sys.session", K::select, true, false, "sys.session", R::system_schema},
    {"SELECT * FROM t WHERE id IN (SELECT id FROM mysql.db)", K::select, true, false, "t mysql.db", R::system_schema},

    // INSERT / REPLACE
    {"INSERT INTO t (a, b) VALUES (1, 2)", K::insert, false, true, "t!", R::not_a_select},
    {"INSERT INTO t VALUES (1, 2), (3, 4)", K::insert, false, true, "t!", R::not_a_select},
    {"insert t values (1)", K::insert, false, true, "t!", R::not_a_select},
    {"INSERT INTO db.t SET a = 1, b = 'x'", K::insert, false, true, "db.t!", R::not_a_select},
    {"INSERT LOW_PRIORITY INTO t VALUES (1)", K::insert, false, true, "t!", R::not_a_select},
    {"INSERT INTO t PARTITION (p1) (a) VALUES (1)", K::insert, false, true, "t!", R::not_a_select},
    {"INSERT INTO `db`.`t`(`a`,`b`) VALUES(1,'x')", K::insert, false, true, "db.t!", R::not_a_select},
    {"INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = (SELECT MAX(a) FROM u)", K::insert_on_duplicate_key_update, true, true, "t! u", R::not_a_select},
    {"INSERT INTO t (a) VALUES (NOW())", K::insert, false, true, "t!", R::not_a_select, "now"},
    {"INSERT INTO t (id, u) VALUES (LAST_INSERT_ID(), UUID())", K::insert, false, true, "t!", R::not_a_select, "uuid,last_insert_id"},
    {"INSERT IGNORE INTO t VALUES (1)", K::insert_ignore, false, true, "t!", R::not_a_select},
    {"INSERT INTO t (a, b) SELECT a, b FROM u WHERE c > 1", K::insert_select, true, true, "t! u", R::not_a_select},
    {"INSERT INTO t SELECT * FROM u JOIN v ON u.a = v.a", K::insert_select, true, true, "t! u v", R::not_a_select},
    {"INSERT INTO t (SELECT * FROM u)", K::insert_select, true, true, "t! u", R::not_a_select},
    {"INSERT INTO t WITH c AS (SELECT 1) SELECT * FROM c", K::insert_select, true, true, "t!", R::not_a_select},
    {"INSERT INTO t TABLE u", K::insert_select, true, true, "t! u", R::not_a_select},
    {"INSERT IGNORE INTO t SELECT * FROM u", K::insert_select, true, true, "t! u", R::not_a_select},
    {"INSERT INTO t VALUES ((SELECT MAX(id) FROM u))", K::insert, true, true, "t! u", R::not_a_select},
    {"INSERT INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = VALUES(b), c = c + 1", K::insert_on_duplicate_key_update, false, true, "t!", R::not_a_select},
    {"INSERT INTO t VALUES (1, 2) AS new ON DUPLICATE KEY UPDATE b = new.b", K::insert_on_duplicate_key_update, false, true, "t!", R::not_a_select},
    {"INSERT INTO t SELECT a, b FROM u ON DUPLICATE KEY UPDATE b = u.b, c = 2", K::insert_on_duplicate_key_update, true, true, "t! u", R::not_a_select},
    {"REPLACE INTO t VALUES (1, 'a')", K::replace, false, true, "t!", R::not_a_select},
    {"REPLACE t SET a = 1", K::replace, false, true, "t!", R::not_a_select},
    {"REPLACE INTO t SELECT * FROM u", K::replace, true, true, "t! u", R::not_a_select},

    // UPDATE
    {"UPDATE t SET a = 1 WHERE id = 2", K::update, true, true, "t!", R::not_a_select},
    {"UPDATE t PARTITION (p0) SET a = 1", K::update, true, true, "t!", R::not_a_select},
    {"update `db`.`t` set `a` = 'x' where `id` = 5", K::update, true, true, "db.t!", R::not_a_select},
    {"UPDATE LOW_PRIORITY IGNORE db.t SET a = a + 1 ORDER BY id LIMIT 10", K::update, true, true, "db.t!", R::not_a_select},
    {"UPDATE t AS x SET x.a = 1", K::update, true, true, "t@x!", R::not_a_select},
    {"UPDATE t SET a = (SELECT MAX(b) FROM u) WHERE id IN (SELECT id FROM v)", K::update, true, true, "t! u v", R::not_a_select},
    {"UPDATE t SET updated = NOW(), token = UUID() WHERE id = 1", K::update, true, true, "t!", R::not_a_select, "now,uuid"},
    {"UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.b", K::multi_table_update, true, true, "t1! t2", R::not_a_select},
    {"UPDATE t1 a JOIN t2 b ON a.id = b.id SET b.x = a.y, b.z = 1", K::multi_table_update, true, true, "t1@a t2@b!", R::not_a_select},
    {"UPDATE t1, t2 SET t1.a = t2.a, t2.b = 0 WHERE t1.id = t2.id", K::multi_table_update, true, true, "t1! t2!", R::not_a_select},
    {"UPDATE t1, t2 SET a = 1 WHERE t1.id = t2.id", K::multi_table_update, true, true, "t1! t2!", R::not_a_select},
    {"UPDATE db1.t1, db2.t1 SET db2.t1.c = 1", K::multi_table_update, true, true, "db1.t1 db2.t1!", R::not_a_select},
    {"UPDATE t1 LEFT JOIN (SELECT id FROM t3) d ON d.id = t1.id SET t1.flag = 1", K::multi_table_update, true, true, "t1! t3", R::not_a_select},
    {"WITH c AS (SELECT id FROM u) UPDATE t SET a = 1 WHERE id IN (SELECT id FROM c)", K::update, true, true, "u t!", R::not_a_select},

    // DELETE
    {"DELETE FROM t WHERE id = 1", K::delete_, true, true, "t!", R::not_a_select},
    {"DELETE LOW_PRIORITY QUICK IGNORE FROM db.t WHERE a < 10 ORDER BY a LIMIT 5", K::delete_, true, true, "db.t!", R::not_a_select},
    {"DELETE FROM t AS x WHERE x.id = 1", K::delete_, true, true, "t@x!", R::not_a_select},
    {"DELETE FROM t WHERE id IN (SELECT id FROM u)", K::delete_, true, true, "t! u", R::not_a_select},
    {"DELETE a FROM t1 a JOIN t2 b ON a.id = b.id WHERE b.x = 1", K::multi_table_delete, true, true, "t1@a! t2@b", R::not_a_select},
    {"DELETE t1, t2 FROM t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id = t2.id AND t2.id = t3.id", K::multi_table_delete, true, true, "t1! t2! t3", R::not_a_select},
    {"DELETE FROM t1, t2 USING t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id = t2.id", K::multi_table_delete, true, true, "t1! t2! t3", R::not_a_select},
    {"DELETE FROM a.* USING t1 AS a JOIN t2 AS b ON a.id = b.id", K::multi_table_delete, true, true, "t1@a! t2@b", R::not_a_select},
    {"DELETE db.t1 FROM db.t1 JOIN db.t2 ON t1.id = t2.id", K::multi_table_delete, true, true, "db.t1! db.t2", R::not_a_select},

    // DDL
    {"CREATE TABLE t (id INT PRIMARY KEY, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP)", K::ddl, false, true, "t!", R::not_a_select, "now"},
    {"CREATE TABLE IF NOT EXISTS db.t (id INT, name VARCHAR(10), KEY k (name))", K::ddl, false, true, "db.t!", R::not_a_select},
    {"CREATE TEMPORARY TABLE tmp LIKE t", K::ddl, false, true, "tmp! t", R::not_a_select},
    {"CREATE TABLE t2 AS SELECT * FROM t1", K::ddl, true, true, "t2! t1", R::not_a_select},
    {"CREATE TABLE c (id INT, p INT, FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE)", K::ddl, false, true, "c! parent", R::not_a_select},
    {"ALTER TABLE t ADD COLUMN x INT, ADD INDEX (x)", K::ddl, false, true, "t!", R::not_a_select},
    {"ALTER TABLE `db`.`t` MODIFY c BIGINT NOT NULL", K::ddl, false, true, "db.t!", R::not_a_select},
    {"ALTER TABLE t RENAME TO u", K::ddl, false, true, "t! u!", R::not_a_select},
    {"ALTER TABLE t RENAME COLUMN a TO b", K::ddl, false, true, "t!", R::not_a_select},
    {"ALTER TABLE t RENAME INDEX i1 TO i2", K::ddl, false, true, "t!", R::not_a_select},
    {"DROP VIEW IF EXISTS v1, v2", K::ddl, false, true, "v1! v2!", R::not_a_select},
    {"CREATE OR REPLACE VIEW v AS SELECT a FROM t WHERE b = 1", K::ddl, true, true, "v! t", R::not_a_select},
    {"DROP TABLE t", K::ddl, false, true, "t!", R::not_a_select},
    {"DROP TABLE IF EXISTS t1, db.t2", K::ddl, false, true, "t1! db.t2!", R::not_a_select},
    {"DROP TEMPORARY TABLE tmp", K::ddl, false, true, "tmp!", R::not_a_select},
    {"TRUNCATE TABLE t", K::ddl, false, true, "t!", R::not_a_select},
    {"TRUNCATE t", K::ddl, false, true, "t!", R::not_a_select},
    {"RENAME TABLE a TO b, c TO d", K::ddl, false, true, "a! b! c! d!", R::not_a_select},
    {"CREATE INDEX i ON t (a, b)", K::ddl, false, true, "t!", R::not_a_select},
    {"CREATE UNIQUE INDEX i ON db.t (a)", K::ddl, false, true, "db.t!", R::not_a_select},
    {"DROP INDEX i ON t", K::ddl, false, true, "t!", R::not_a_select},
    {"CREATE VIEW v AS SELECT a FROM t", K::ddl, true, true, "v! t", R::not_a_select},
    {"CREATE DATABASE app", K::ddl, false, true, "", R::not_a_select},
    {"DROP DATABASE IF EXISTS app", K::ddl, false, true, "", R::not_a_select},
    {"GRANT SELECT ON app.* TO 'u'@'%'", K::ddl, false, true, "", R::not_a_select},

    // transactions
    {"BEGIN", K::begin, false, false, "", R::not_a_select},
    {"BEGIN WORK", K::begin, false, false, "", R::not_a_select},
    {"START TRANSACTION", K::begin, false, false, "", R::not_a_select},
    {"START TRANSACTION READ ONLY", K::begin, false, false, "", R::not_a_select},
    {"START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT", K::begin, false, false, "", R::not_a_select},
    {"START TRANSACTION WITH CONSISTENT SNAPSHOT", K::begin, false, false, "", R::not_a_select},
    {"COMMIT", K::commit, false, false, "", R::not_a_select},
    {"COMMIT WORK AND NO CHAIN", K::commit, false, false, "", R::not_a_select},
    {"ROLLBACK", K::rollback, false, false, "", R::not_a_select},
    {"ROLLBACK WORK", K::rollback, false, false, "", R::not_a_select},
    {"ROLLBACK TO SAVEPOINT sp1", K::rollback_to_savepoint, false, false, "", R::not_a_select},
    {"ROLLBACK WORK TO sp1", K::rollback_to_savepoint, false, false, "", R::not_a_select},
    {"SAVEPOINT sp1", K::savepoint, false, false, "", R::not_a_select},
    {"RELEASE SAVEPOINT sp1", K::release_savepoint, false, false, "", R::not_a_select},
    {"XA START 'x'", K::xa, false, false, "", R::not_a_select},
    {"XA COMMIT 'x' ONE PHASE", K::xa, false, false, "", R::not_a_select},

    // SET
    {"SET autocommit=0", K::set_autocommit, false, false, "", R::not_a_select},
    {"SET autocommit = 1", K::set_autocommit, false, false, "", R::not_a_select},
    {"SET @@autocommit := OFF", K::set_autocommit, false, false, "", R::not_a_select, "@@"},
    {"SET SESSION autocommit = ON", K::set_autocommit, false, false, "", R::not_a_select},
    {"SET autocommit = 0, sql_mode = ''", K::set_session_variable, false, false, "", R::not_a_select},
    {"SET LOCAL autocommit = 1", K::set_autocommit, false, false, "", R::not_a_select},
    {"SET @@SESSION.autocommit = 0", K::set_autocommit, false, false, "", R::not_a_select, "@@"},
    {"set session sql_mode = 'TRADITIONAL'", K::set_session_variable, false, false, "", R::not_a_select},
    {"SET @a := (SELECT COUNT(*) FROM t)", K::set_session_variable, false, false, "t", R::not_a_select, "@"},
    {"SET NAMES utf8mb4", K::set_names, false, false, "", R::not_a_select},
    {"SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci'", K::set_names, false, false, "", R::not_a_select},
    {"SET CHARACTER SET utf8", K::set_names, false, false, "", R::not_a_select},
    {"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", K::set_transaction, false, false, "", R::not_a_select},
    {"SET TRANSACTION READ ONLY", K::set_transaction, false, false, "", R::not_a_select},
    {"SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE", K::set_transaction, false, false, "", R::not_a_select},
    {"SET @@session.sql_mode = 'STRICT_TRANS_TABLES'", K::set_session_variable, false, false, "", R::not_a_select, "@@"},
    {"SET sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')", K::set_session_variable, false, false, "", R::not_a_select, "@@"},
    {"SET @x = 1, @y := NOW()", K::set_session_variable, false, false, "", R::not_a_select, "now,@"},
    {"SET @@global.max_connections = 1000", K::set_session_variable, false, false, "", R::not_a_select, "@@"},
    {"SET @@transaction_isolation = 'READ-COMMITTED'", K::set_session_variable, false, false, "", R::not_a_select, "@@"},
    {"SET PASSWORD = 'x'", K::other, false, false, "", R::not_a_select},

    // everything else
    {"USE app", K::use, false, false, "", R::not_a_select},
    {"SHOW TABLES", K::show, true, false, "", R::not_a_select},
    {"SHOW CREATE TABLE t", K::show, true, false, "", R::not_a_select},
    {"SHOW VARIABLES LIKE 'sql_mode'", K::show, true, false, "", R::not_a_select},
    {"LOCK TABLES t READ, u AS x WRITE", K::lock_tables, false, false, "t u@x!", R::not_a_select},
    {"LOCK TABLE db.t LOW_PRIORITY WRITE, v READ LOCAL", K::lock_tables, false, false, "db.t! v", R::not_a_select},
    {"UNLOCK TABLES", K::unlock_tables, false, false, "", R::not_a_select},
    {"CALL p(1, @out)", K::call, true, true, "", R::not_a_select, "@"},
    {"LOAD DATA LOCAL INFILE '/tmp/x.csv' INTO TABLE t FIELDS TERMINATED BY ','", K::load_data, false, true, "t!", R::not_a_select},
    {"LOAD DATA INFILE 'x' IGNORE INTO TABLE db.t", K::load_data, false, true, "db.t!", R::not_a_select},
    {"EXPLAIN SELECT * FROM t", K::other, false, false, "t", R::not_a_select},
    {"DESCRIBE t", K::other, false, false, "", R::not_a_select},
    {"DO SLEEP(1)", K::other, false, false, "", R::not_a_select, "sleep"},
    {"HANDLER t OPEN", K::other, false, false, "", R::not_a_select},
    {"FLUSH TABLES", K::other, false, false, "", R::not_a_select},
    {"", K::other, false, false, "", R::empty},
    {"  /* only a comment */  ", K::other, false, false, "", R::empty},
    {";", K::other, false, false, "", R::empty},
    {"SELECT 'unterminated", K::select, true, false, "", R::none},
};
// clang-format on

TEST(classifier, table) {
  int n = 0;
  for (const row& r : rows) {
    SCOPED_TRACE(r.sql);
    const statement_facts f = classify(r.sql, sql_mode{});
    EXPECT_EQ(to_string(f.kind), to_string(r.kind));
    EXPECT_EQ(f.reads, r.reads);
    EXPECT_EQ(f.writes, r.writes);
    EXPECT_EQ(render_tables(f), r.tables);
    EXPECT_EQ(to_string(f.reason), to_string(r.reason));
    EXPECT_EQ(f.eligible_for_postgresql, r.reason == R::none);
    EXPECT_EQ(render_uses(f.uses), r.uses);
    EXPECT_EQ(f.first_use_position == no_position, std::string_view(r.uses).empty());
    ++n;
  }
  EXPECT_GE(n, 120);
}

TEST(classifier, details) {
  const sql_mode m{};
  {
    const auto f = classify("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT", m);
    EXPECT_TRUE(f.read_only);
    EXPECT_TRUE(f.consistent_snapshot);
    EXPECT_FALSE(f.read_write);
  }
  {
    const auto f = classify("START TRANSACTION READ WRITE", m);
    EXPECT_TRUE(f.read_write);
    EXPECT_FALSE(f.read_only);
  }
  {
    const auto f = classify("SET autocommit=0", m);
    EXPECT_TRUE(f.sets_autocommit);
    EXPECT_EQ(f.autocommit_value, 0);
  }
  {
    const auto f = classify("SET autocommit = TRUE", m);
    EXPECT_EQ(f.autocommit_value, 1);
  }
  {
    const auto f = classify("SET autocommit = @saved", m);
    EXPECT_EQ(f.autocommit_value, -1);
  }
  {
    const auto f = classify("SET sql_mode = '', autocommit = 1", m);
    EXPECT_EQ(f.kind, statement_kind::set_session_variable);
    EXPECT_TRUE(f.sets_autocommit);
  }
  {
    const auto f = classify("SET GLOBAL max_connections = 10", m);
    EXPECT_TRUE(f.global_scope);
  }
  {
    const auto f = classify("SET @@session.sql_mode = ''", m);
    EXPECT_FALSE(f.global_scope);
  }
  {
    const auto f = classify("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", m);
    EXPECT_TRUE(f.isolation_level);
    EXPECT_FALSE(f.global_scope);
  }
  {
    const auto f = classify("SET @@transaction_isolation = 'READ-COMMITTED'", m);
    EXPECT_TRUE(f.isolation_level);
  }
  {
    const auto f = classify("SET TRANSACTION READ ONLY", m);
    EXPECT_TRUE(f.read_only);
  }
  {
    const auto f = classify("SET NAMES utf8mb4", m);
    EXPECT_EQ(f.name, "utf8mb4");
  }
  {
    const auto f = classify("SET NAMES 'latin1'", m);
    EXPECT_EQ(f.name, "latin1");
  }
  {
    const auto f = classify("USE `my db`", m);
    EXPECT_EQ(f.name, "my db");
  }
  {
    const auto f = classify("SAVEPOINT sp_1", m);
    EXPECT_EQ(f.name, "sp_1");
  }
  {
    const auto f = classify("ROLLBACK TO SAVEPOINT sp_1", m);
    EXPECT_EQ(f.name, "sp_1");
  }
  {
    const auto f = classify("INSERT IGNORE INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1", m);
    EXPECT_EQ(f.kind, statement_kind::insert_on_duplicate_key_update);
    EXPECT_TRUE(f.ignore);
    EXPECT_TRUE(f.on_duplicate_key_update);
  }
  {
    const auto f = classify("REPLACE INTO t SELECT * FROM u", m);
    EXPECT_TRUE(f.has_select);
  }
  {
    const std::string_view sql = "SELECT a FROM t WHERE b = RAND() AND c = NOW()";
    const auto f = classify(sql, m);
    EXPECT_EQ(f.first_use_position, sql.find("RAND"));
    EXPECT_TRUE(f.non_deterministic());
    EXPECT_FALSE(f.session_dependent());
  }
  {
    const auto f = classify("SELECT @x", m);
    EXPECT_TRUE(f.session_dependent());
    EXPECT_FALSE(f.non_deterministic());
  }
  {
    const std::string_view sql = "SELECT 1; SELECT 2";
    const auto f = classify(sql, m);
    EXPECT_EQ(f.next_statement, sql.find(';') + 1);
  }
  {
    const auto f = classify("SELECT a INTO @x FROM t", m);
    EXPECT_TRUE(f.select_into);
  }
  {
    const auto f = classify("SELECT SQL_CALC_FOUND_ROWS a FROM t", m);
    EXPECT_TRUE(f.calc_found_rows);
  }
}

TEST(classifier, sql_mode_changes_quoting) {
  {
    sql_mode ansi;
    ansi.ansi_quotes = true;
    const auto f = classify("SELECT \"col\" FROM \"my schema\".\"t\"", ansi);
    EXPECT_EQ(render_tables(f), "my schema.t");
    EXPECT_TRUE(f.eligible_for_postgresql);
  }
  {
    // Without NO_BACKSLASH_ESCAPES the \' stays inside the string, and so does "FROM x".
    const auto f = classify("SELECT 'a\\' FROM x' FROM t", sql_mode{});
    EXPECT_EQ(render_tables(f), "t");
    sql_mode nbe;
    nbe.no_backslash_escapes = true;
    const auto g = classify("SELECT 'a\\' FROM x", nbe);
    EXPECT_EQ(render_tables(g), "x");
  }
}

TEST(classifier, never_reads_past_the_text) {
  // Truncations of a long statement: every prefix classifies without trouble.
  const std::string sql =
      "WITH c AS (SELECT id FROM u) UPDATE t1 a JOIN (SELECT x FROM t2) d ON d.x = a.x SET a.v = NOW(), "
      "a.w = @w WHERE a.id IN (SELECT id FROM c) ORDER BY a.id LIMIT 3";
  for (std::size_t n = 0; n <= sql.size(); ++n) {
    const statement_facts f = classify(std::string_view(sql).substr(0, n), sql_mode{});
    EXPECT_LE(f.table_count, max_tables);
  }
  // Deep nesting.
  std::string deep = "SELECT ";
  for (int i = 0; i < 200; ++i) deep += '(';
  deep += "SELECT a FROM t";
  for (int i = 0; i < 200; ++i) deep += ')';
  const auto f = classify(deep, sql_mode{});
  EXPECT_EQ(f.kind, statement_kind::select);
}

// Invariants on any text: names are views into it, positions inside it, eligibility matches its
// reason. Every prefix of every table row, and splices of rows (fixed seed: a failure reproduces).
void check_invariants(std::string_view text, const statement_facts& f) {
  const auto inside = [&](std::string_view v) {
    return v.empty() || (v.data() >= text.data() && v.data() + v.size() <= text.data() + text.size());
  };
  ASSERT_LE(f.table_count, max_tables);
  for (const table_ref& t : f.table_list()) {
    ASSERT_TRUE(inside(t.schema) && inside(t.table) && inside(t.alias)) << text;
  }
  ASSERT_TRUE(inside(f.name)) << text;
  ASSERT_EQ(f.eligible_for_postgresql, f.reason == ineligibility::none) << text;
  ASSERT_EQ(f.first_use_position == no_position, f.uses == volatile_use::none) << text;
  if (f.first_use_position != no_position) {
    ASSERT_LT(f.first_use_position, text.size()) << text;
  }
  if (f.next_statement != no_position) {
    ASSERT_LE(f.next_statement, text.size()) << text;
  }
  if (f.eligible_for_postgresql) {
    ASSERT_EQ(f.kind, statement_kind::select) << text;
    ASSERT_FALSE(f.writes) << text;
  }
}

TEST(classifier, invariants_over_prefixes_and_splices) {
  std::mt19937 rng(20261124);
  constexpr char alphabet[] = "'\"`\\;#-/*!+@?.,()=0123456789 \nabSELCTFROMJINUPDAWHV";
  for (const row& r : rows) {
    const std::string_view seed = r.sql;
    for (std::size_t n = 0; n <= seed.size(); ++n) {
      const std::string prefix(seed.substr(0, n));  // own allocation: ASan sees reads past it
      check_invariants(prefix, classify(prefix, sql_mode{}));
    }
  }
  // Splices: the head of one row joined to the tail of another, with a stray byte at the seam,
  // which mixes clauses of different statements.
  for (int i = 0; i < 100000; ++i) {
    const std::string_view head = rows[rng() % std::size(rows)].sql;
    const std::string_view tail = rows[rng() % std::size(rows)].sql;
    std::string text(head.substr(0, rng() % (head.size() + 1)));
    if (rng() % 2) text += alphabet[rng() % (sizeof alphabet - 1)];
    text += tail.substr(rng() % (tail.size() + 1));
    sql_mode mode;
    mode.ansi_quotes = (i & 1) != 0;
    mode.no_backslash_escapes = (i & 2) != 0;
    check_invariants(text, classify(text, mode));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace switchyard::sql
