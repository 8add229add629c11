-- Every MySQL column type with its edge values, shared by the backfill and verify tests: each test
-- loads it into a database of its own, creates the PostgreSQL tables from SHOW CREATE TABLE through
-- the DDL translator (TIME mapped to interval: the wide table holds TIME beyond 24 h), copies, and
-- compares. Known spellings that differ but mean the same (checked by the tests, not by a plain
-- compare): zero dates become NULL (table zero_dates).
CREATE TABLE ints (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  ti TINYINT NULL, tiu TINYINT UNSIGNED NULL, si SMALLINT NULL, siu SMALLINT UNSIGNED NULL,
  mi MEDIUMINT NULL, miu MEDIUMINT UNSIGNED NULL, i INT NULL, iu INT UNSIGNED NULL,
  bi BIGINT NULL, bu BIGINT UNSIGNED NULL, flag TINYINT(1) NULL, yr YEAR NULL
);
INSERT INTO ints VALUES
  (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1901),
  (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 1, 2155),
  (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, 5, 2024),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (18446744073709551615, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1970);

CREATE TABLE nums (
  id INT NOT NULL PRIMARY KEY,
  d DECIMAL(65,30) NULL, money DECIMAL(10,2) NULL, f FLOAT NULL, dbl DOUBLE NULL
);
INSERT INTO nums VALUES
  (1, 99999999999999999999999999999999999.999999999999999999999999999999, 12345678.90, 3.40282e38, 1.7976931348623157e308),
  (2, -99999999999999999999999999999999999.999999999999999999999999999999, -0.01, -1.17549e-38, -2.2250738585072014e-308),
  (3, 0.000000000000000000000000000001, 0.00, 0, 0),
  (4, 1.5, 100.10, 0.1, 0.1),
  (5, NULL, NULL, NULL, NULL);

CREATE TABLE texts (
  id INT NOT NULL PRIMARY KEY,
  c CHAR(10) NULL, vc VARCHAR(100) NULL, tt TINYTEXT NULL, t TEXT NULL, mt MEDIUMTEXT NULL, lt LONGTEXT NULL,
  e ENUM('a', 'b', 'c d') NULL, s SET('x', 'y', 'z') NULL
) DEFAULT CHARSET = utf8mb4;
INSERT INTO texts VALUES
  (1, 'plain', 'emoji 😀', '4-byte 𝄞 𠜎', 'CJK 漢字 and ü', 'tab\there', 'new\nline\r\nand \\ backslash', 'a', 'x,z'),
  (2, '', '', '', '', '', '', 'c d', ''),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'pad   ', 'trailing spaces   ', ' leading', 'quote '' and "double"', '\\N is not null', 'percent % underscore _', 'b', 'x,y,z'),
  (5, 'x', REPEAT('long ', 20), '😀😀😀', REPEAT('t', 60000), REPEAT('m', 100000), REPEAT('🙂', 5000), NULL, 'y');

CREATE TABLE bins (
  id INT NOT NULL PRIMARY KEY,
  b BINARY(4) NULL, vb VARBINARY(10) NULL, tb TINYBLOB NULL, bl BLOB NULL, mb MEDIUMBLOB NULL, lb LONGBLOB NULL,
  bit1 BIT(1) NULL, bit8 BIT(8) NULL, bit64 BIT(64) NULL
);
INSERT INTO bins VALUES
  (1, 0x00000000, 0x00, 0x0a0d09, 0x5c4e, 0x00ff00ff, 0xdeadbeef, b'1', b'11111111', b'1111111111111111111111111111111111111111111111111111111111111111'),
  (2, 0x41, '', '', '', '', '', b'0', b'0', b'0'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 0xffffffff, 0x000102030405060708ff, 'text as bytes', REPEAT(0x00, 1000), REPEAT(0xab, 70000), 0x5c, b'1', b'10000000', b'1000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE times (
  id INT NOT NULL PRIMARY KEY,
  d DATE NULL, dt DATETIME NULL, dt6 DATETIME(6) NULL, ts TIMESTAMP NULL DEFAULT NULL, ts3 TIMESTAMP(3) NULL DEFAULT NULL,
  tm TIME NULL, tm6 TIME(6) NULL, wide TIME NULL
);
INSERT INTO times VALUES
  (1, '1000-01-01', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01', '1970-01-01 00:00:01.000', '00:00:00', '00:00:00.000000', '838:59:59'),
  (2, '9999-12-31', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '2038-01-19 03:14:07.999', '23:59:59', '23:59:59.999999', '24:00:00'),
  (3, '2024-02-29', '2024-02-29 12:34:56', '2024-02-29 12:34:56.000001', '2024-02-29 12:34:56', '2024-02-29 12:34:56.5', '12:00:00', '12:00:00.5', '100:00:00.000000'),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE docs (
  id INT NOT NULL PRIMARY KEY,
  j JSON NULL
);
INSERT INTO docs VALUES
  (1, '{"b": 1, "a": 2, "nested": {"z": [1, 2, 3], "y": null}}'),
  (2, '[1.5, 12345678901234567890, 0.000001, true, false, null, "text \\" quoted"]'),
  (3, '"just a string with emoji \\ud83d\\ude00"'),
  (4, '{}'),
  (5, NULL),
  (6, '{"key order": {"c": 3, "a": 1, "b": 2}, "unicode": "漢字 😀"}');

CREATE TABLE zero_dates (
  id INT NOT NULL PRIMARY KEY,
  d DATE NULL, dt DATETIME NULL, ts TIMESTAMP NULL DEFAULT NULL
);
INSERT INTO zero_dates VALUES
  (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00'),
  (2, '2020-00-10', '2020-05-00 10:00:00', NULL),
  (3, '2020-01-02', '2020-01-02 03:04:05', '2020-01-02 03:04:05');

-- A composite primary key, and a table keyed by a NOT NULL unique key only.
CREATE TABLE composite (
  a INT NOT NULL, b VARCHAR(10) NOT NULL, v INT NULL,
  PRIMARY KEY (a, b)
);
INSERT INTO composite VALUES (1, 'a', 1), (1, 'b', 2), (1, 'it''s', 3), (2, 'a', 4), (3, '', 5);

CREATE TABLE ukey (
  code VARCHAR(10) NOT NULL, v INT NULL,
  UNIQUE KEY code_unique (code)
);
INSERT INTO ukey VALUES ('A', 1), ('b', 2), ('c', NULL);
