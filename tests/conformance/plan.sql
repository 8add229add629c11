DELIMITER //
-- The conformance plan: one statement (or one multi-statement text) per chunk, chunks end with a
-- line holding only //. The mariadb CLI reads this file as is (hence the DELIMITER line); the
-- other clients split it on those lines, drop the comment lines and send each chunk as ONE query.
-- {db} is replaced by the client's own database name (conf_cli, conf_pymysql, ...).
-- A chunk with a comment line ending in "expect-error" must fail; the dump checker counts them.
-- "skip-for: NAME" makes client NAME skip a chunk its driver cannot handle (it says so in its dump).
-- Nothing here may depend on the clock, the connection id or the order of concurrent runs.

-- Fresh databases for this client, so every run starts from the same state.
DROP DATABASE IF EXISTS {db}
//
DROP DATABASE IF EXISTS {db}_other
//
CREATE DATABASE {db} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci
//
USE {db}
//
-- Fixed session state: TIMESTAMP values must not depend on the machine's time zone.
SET time_zone = '+00:00'
//
SET NAMES utf8mb4 COLLATE utf8mb4_general_ci
//
SELECT 'sentinel-plan-start' AS marker, DATABASE() AS current_db
//

-- ===== DDL and auto-increment =====
CREATE TABLE people (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  email VARCHAR(128) NULL,
  UNIQUE KEY uk_email (email)
) ENGINE=InnoDB
//
INSERT INTO people (name, email) VALUES ('alice', 'alice@example.com')
//
SELECT LAST_INSERT_ID() AS id_after_single_insert
//
-- multi-row insert: the insert id reported is the FIRST generated id (2), affected rows 3
INSERT INTO people (name, email) VALUES ('bob', 'bob@example.com'), ('carol', NULL), ('dave', NULL)
//
SELECT LAST_INSERT_ID() AS first_id_of_multi_row_insert
//
INSERT INTO people (id, name) VALUES (100, 'explicit id')
//
-- continues after the explicit id: insert id 101
INSERT INTO people (name) VALUES ('after explicit')
//
UPDATE people SET email = CONCAT(name, '@example.org') WHERE email IS NULL AND id < 100
//
-- matches nothing: 0 affected rows
DELETE FROM people WHERE name = 'nobody'
//
ALTER TABLE people ADD COLUMN age TINYINT NULL AFTER name, ADD INDEX idx_name (name)
//
SHOW CREATE TABLE people
//
SELECT id, name, age, email FROM people ORDER BY id
//
SELECT CONCAT('sentinel-people=', COUNT(*), ':', MAX(id)) AS check_people FROM people
//

-- ===== every column type =====
CREATE TABLE all_types (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ti TINYINT, tiu TINYINT UNSIGNED,
  si SMALLINT, siu SMALLINT UNSIGNED,
  mi MEDIUMINT, miu MEDIUMINT UNSIGNED,
  i INT, iu INT UNSIGNED,
  bi BIGINT, biu BIGINT UNSIGNED,
  dec65 DECIMAL(65,30),
  f FLOAT, d DOUBLE,
  dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL,
  bits BIT(64),
  e ENUM('small','medium','large'),
  st SET('red','green','blue'),
  y YEAR,
  c CHAR(10), vc VARCHAR(100), tx TEXT,
  bn BINARY(8), vb VARBINARY(32), bl BLOB,
  j JSON
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
//
-- row 1: the minimum of every type
INSERT INTO all_types VALUES (NULL,
  -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
  -99999999999999999999999999999999999.999999999999999999999999999999,
  -3.40282e38, -1.7976931348623157e308,
  '1000-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000',
  b'0', 'small', '', 1901,
  '', '', '',
  X'0000000000000000', X'', X'',
  '[]')
//
-- row 2: the maximum of every type
INSERT INTO all_types VALUES (NULL,
  127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,
  9223372036854775807, 18446744073709551615,
  99999999999999999999999999999999999.999999999999999999999999999999,
  3.40282e38, 1.7976931348623157e308,
  '9999-12-31', '838:59:59.000000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',
  b'1111111111111111111111111111111111111111111111111111111111111111', 'large', 'red,green,blue', 2155,
  'ten chars!', REPEAT('v', 100), REPEAT('t', 1000),
  X'FFFFFFFFFFFFFFFF', REPEAT(X'FF', 32), REPEAT(X'00FF', 1000),
  '{"deep": {"deeper": {"deepest": [1, [2, [3, [4]]]]}}}')
//
-- row 3: every nullable column NULL
INSERT INTO all_types () VALUES ()
//
-- row 4: typical values with fractions, negative TIME, emoji and zero bytes
INSERT INTO all_types VALUES (NULL,
  -1, 1, -2, 2, -3, 3, -4, 4, -5, 5,
  0.000000000000000000000000000001,
  1.5, 0.1,
  '2024-02-29', '-00:00:01.500000', '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012',
  b'1010', 'medium', 'red,blue', 2024,
  'ü😀', 'emoji 😀🚀 ünïcödé ✓ 中文', 'multi\nline\ttext with \\ backslash and ''quote''',
  X'00FF000000000001', X'00010200FF00', X'000102030405060708090A0B0C0D0E0F',
  '{"a": [1, 2.5, "x", null, true], "emoji": "😀", "esc": "q\\"uote"}')
//
SELECT * FROM all_types ORDER BY id
//
-- server-side views of the same values, independent of how a client decodes them
SELECT id, HEX(bits) AS bits_hex, bits + 0 AS bits_num, HEX(bn) AS bn_hex, HEX(vb) AS vb_hex,
       LENGTH(bl) AS bl_len, CHAR_LENGTH(vc) AS vc_chars, LENGTH(vc) AS vc_bytes, HEX(c) AS c_hex,
       CAST(tm AS CHAR) AS tm_text, CAST(dec65 AS CHAR) AS dec_text, JSON_TYPE(j) AS j_type
FROM all_types ORDER BY id
//
SELECT CONCAT('sentinel-all-types=', COUNT(*), ':', MAX(biu), ':', MIN(tm)) AS check_types FROM all_types
//
-- literals of special shapes: NULLs, an empty result, duplicate column names, unicode names
SELECT NULL AS n1, NULL AS n2, 1 AS same, 2 AS same, '' AS empty_string, X'00' AS zero_byte
//
SELECT id FROM all_types WHERE id < 0
//
SELECT 1 AS `ünïcødé_列`, 'F09F9880' = HEX('😀') AS emoji_is_4_bytes
//
-- many rows in one result (about 2 MiB of row packets)
SELECT seq, REPEAT(CHAR(65 + seq % 26), 400) AS filler FROM seq_1_to_5000
//
SELECT CONCAT('sentinel-sum=', SUM(seq)) AS check_many FROM seq_1_to_5000
//

-- ===== the 20 MiB blob's table (each client writes and reads it its own way) =====
CREATE TABLE big_blob (id INT PRIMARY KEY, b LONGBLOB) ENGINE=InnoDB
//

-- ===== multi-statements (CLIENT_MULTI_STATEMENTS): several results from one query =====
SELECT 'multi-1' AS part; SELECT 'multi-2' AS part, 2 AS n; INSERT INTO people (name) VALUES ('from multi'); UPDATE people SET age = 30 WHERE id <= 2; SELECT CONCAT('sentinel-multi=', COUNT(*)) AS check_multi FROM people
//
-- the second statement fails: one result, then the error, the third never runs
-- skip-for: go (go-sql-driver 1.5 then waits forever for a result that never comes)
-- expect-error
SELECT 'before error' AS part; SELECT * FROM no_such_table_in_multi; SELECT 'never' AS part
//

-- ===== stored procedure returning several result sets =====
CREATE PROCEDURE three_results(IN n INT)
BEGIN
  SELECT n AS input;
  SELECT id, name FROM people ORDER BY id LIMIT 3;
  UPDATE people SET age = n WHERE id = 1;
  SELECT CONCAT('sentinel-proc-', n) AS done;
END
//
CALL three_results(7)
//

-- ===== errors =====
-- duplicate key  expect-error
INSERT INTO people (name, email) VALUES ('dup', 'alice@example.com')
//
-- syntax error  expect-error
SELEC 1
//
-- unknown table  expect-error
SELECT * FROM no_such_table
//
-- unknown column  expect-error
SELECT no_such_column FROM people
//
-- the connection must still work after errors
SELECT 'sentinel-after-errors' AS alive
//

-- ===== transactions =====
CREATE TABLE ledger (id INT PRIMARY KEY, amount DECIMAL(10,2) NOT NULL) ENGINE=InnoDB
//
START TRANSACTION
//
INSERT INTO ledger VALUES (1, 10.00), (2, 20.00)
//
SELECT COUNT(*) AS inside_transaction FROM ledger
//
ROLLBACK
//
SELECT CONCAT('sentinel-rollback=', COUNT(*)) AS after_rollback FROM ledger
//
BEGIN
//
INSERT INTO ledger VALUES (3, 30.50)
//
SAVEPOINT before_update
//
UPDATE ledger SET amount = amount + 100 WHERE id = 3
//
ROLLBACK TO SAVEPOINT before_update
//
UPDATE ledger SET amount = amount + 1 WHERE id = 3
//
COMMIT
//
SELECT CONCAT('sentinel-commit=', COUNT(*), ':', SUM(amount)) AS after_commit FROM ledger
//
SET autocommit = 0
//
DELETE FROM ledger
//
ROLLBACK
//
SET autocommit = 1
//
SELECT COUNT(*) AS still_there FROM ledger
//

-- ===== USE of another database =====
CREATE DATABASE {db}_other
//
USE {db}_other
//
CREATE TABLE only_here (x INT)
//
INSERT INTO only_here VALUES (42)
//
SELECT CONCAT('sentinel-db-switch=', x) AS check_use, DATABASE() = '{db}_other' AS in_other FROM only_here
//
-- unqualified name of the first database's table is unknown here  expect-error
SELECT COUNT(*) FROM people
//
USE {db}
//
SELECT DATABASE() = '{db}' AS back_home, (SELECT x FROM {db}_other.only_here) AS qualified
//

-- ===== SET NAMES =====
SET NAMES latin1
//
SELECT @@character_set_client AS cs_client, @@character_set_results AS cs_results,
       @@collation_connection AS coll, HEX('abc') AS h, 'plain ascii' AS s
//
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci
//
SELECT @@collation_connection AS coll, 'ünï😀' AS s, HEX('😀') AS h
//
SET NAMES utf8mb4 COLLATE utf8mb4_general_ci
//

-- ===== warnings =====
SELECT CAST('12abc' AS SIGNED) AS truncated, 1 / 0 AS div_zero
//
SHOW WARNINGS
//
INSERT IGNORE INTO people (id, name) VALUES (1, 'duplicate ignored')
//
SHOW WARNINGS
//
DROP TABLE IF EXISTS no_such_table_to_drop
//
SHOW COUNT(*) WARNINGS
//
SELECT 'sentinel-plan-end' AS marker
//
