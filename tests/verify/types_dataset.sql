-- Every MySQL type switchyard maps, with edge values, for `switchyard verify`'s tests (loaded into
-- a fresh database with sql_mode '' so zero dates are accepted, time_zone '+00:00').
-- Row 2 and row 4 differ in every column (the tests copy one over the other to inject a change).
CREATE TABLE types_edge (
  id INT NOT NULL PRIMARY KEY,
  c_tinyint TINYINT, c_utinyint TINYINT UNSIGNED, c_smallint SMALLINT, c_mediumint MEDIUMINT,
  c_uint INT UNSIGNED, c_bigint BIGINT, c_ubigint BIGINT UNSIGNED,
  c_dec65 DECIMAL(65,30), c_dec DECIMAL(10,2), c_float FLOAT, c_double DOUBLE,
  c_bool TINYINT(1), c_bit1 BIT(1), c_bit8 BIT(8), c_bit64 BIT(64),
  c_char CHAR(10), c_varchar VARCHAR(50), c_text TEXT, c_latin VARCHAR(20) CHARACTER SET latin1,
  c_binary BINARY(4), c_varbinary VARBINARY(10), c_blob BLOB,
  c_date DATE, c_datetime DATETIME, c_datetime6 DATETIME(6), c_timestamp TIMESTAMP(3) NULL DEFAULT NULL,
  c_time TIME, c_time6 TIME(6), c_year YEAR,
  c_json JSON, c_enum ENUM('a','b','c'), c_set SET('a','b','c')
);
INSERT INTO types_edge VALUES
(1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
(2, 127, 255, -32768, 8388607, 4294967295, -9223372036854775808, 18446744073709551615,
 99999999999999999999999999999999999.999999999999999999999999999999, -12345678.90, 3.40282e38, 1.7976931348623157e308,
 1, b'1', b'11111111', b'1111111111111111111111111111111111111111111111111111111111111111',
 'abc', 'trailing  ', 'emoji 😀 ñ 漢字 𝄞', 'café',
 0x00FF0000, 0x0000, 0x00,
 '9999-12-31', '1000-01-01 00:00:00', '2024-02-29 23:59:59.999999', '2038-01-19 03:14:07.999',
 '838:59:59', '-838:59:59.000000', 2155,
 '{"b":[1,1.50,-2e3,0.1],"a":"x","é":{"z":null,"y":true},"big":12345678901234567890}', 'b', 'a,c'),
(3, -128, 0, 0, -8388608, 0, 0, 0,
 0.000000000000000000000000000001, 0.00, 1.17549e-38, 2.2250738585072014e-308,
 -3, b'0', b'0', b'0',
 '', '', '', '',
 0x00000000, '', '',
 '0000-00-00', '0000-00-00 00:00:00', '2020-00-10 10:00:00', '0000-00-00 00:00:00.000',
 '00:00:00', '-00:00:01.000001', 0,
 '[]', 'a', ''),
(4, -1, 1, 1, 1, 1, 1, 1,
 -1.5, 0.01, 0.1, 0.1,
 0, b'0', b'101', b'1000000000000000000000000000000000000000000000000000000000000000',
 'N', 'a\\b\n\t''q', 'N', 'Ñ',
 0x5C005C00, 0x5C, 0xDEADBEEF00,
 '1970-01-01', '2024-01-01 12:00:00', '2024-01-01 12:00:00.500000', '1970-01-01 00:00:01.000',
 '-01:00:00', '24:00:00.5', 1901,
 '{"n":12345678901234567890,"f":0.1,"e":1e25,"s":"a\\nb","o":{}}', 'c', 'a,b,c'),
(5, 0, 2, 2, 2, 2, 2, 2,
 1, 1, -2.5, -1e-310,
 NULL, NULL, NULL, NULL,
 '0:', '0:', 'x,y', NULL,
 NULL, NULL, NULL,
 '2000-02-29', NULL, NULL, NULL,
 '100:00:00', NULL, 1999,
 'null', NULL, 'b');

-- No key: compared by count and whole-table checksum.
CREATE TABLE no_key (a INT, b VARCHAR(10));
INSERT INTO no_key VALUES (1, 'x'), (1, 'x'), (NULL, NULL), (2, '');

-- A composite key with text: PostgreSQL may order it differently, so compared as one chunk.
CREATE TABLE text_key (a INT NOT NULL, b VARCHAR(10) NOT NULL, v INT, PRIMARY KEY (a, b));
INSERT INTO text_key VALUES (1, 'a', 1), (1, 'B', 2), (2, 'é', 3), (2, 'z', NULL);
