-- CAST / CONVERT, numeric functions.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: cast_signed
-- differential
SELECT CAST('42' AS SIGNED), CAST(-3.7 AS SIGNED), CAST(total AS SIGNED) FROM orders WHERE id = 1
-- expect:
SELECT CAST(42 AS bigint) AS "CAST('42' AS SIGNED)", CAST(-3.7 AS bigint) AS "CAST(-3.7 AS SIGNED)", CAST(total AS bigint) AS "CAST(total AS SIGNED)" FROM orders WHERE id = 1

-- case: cast_signed_integer
-- differential
SELECT id, CAST(price AS SIGNED INTEGER) FROM products ORDER BY id
-- expect:
SELECT id, CAST(price AS bigint) AS "CAST(price AS SIGNED INTEGER)" FROM products ORDER BY id

-- case: cast_unsigned
-- differential
SELECT CAST(7 AS UNSIGNED), CAST('12' AS UNSIGNED INTEGER)
-- expect:
SELECT CAST(7 AS numeric(20)) AS "CAST(7 AS UNSIGNED)", CAST(12 AS numeric(20)) AS "CAST('12' AS UNSIGNED INTEGER)"

-- case: cast_char
-- differential
SELECT id, CAST(id AS CHAR), CAST(total AS CHAR(20)) FROM orders ORDER BY id
-- expect:
SELECT id, (id)::text AS "CAST(id AS CHAR)", left((total)::text, 20) AS "CAST(total AS CHAR(20))" FROM orders ORDER BY id

-- case: cast_decimal
-- known-wrong: MySQL clamps an overflowing DECIMAL cast (with a warning), PostgreSQL raises numeric field overflow (README: documented differences)
-- differential
SELECT id, CAST(score AS DECIMAL(10,2)), CAST('3.14159' AS DECIMAL(5,3)) FROM users ORDER BY id
-- expect:

-- case: cast_decimal_default_precision
-- differential
SELECT CAST(2.5 AS DECIMAL), CAST(123.456 AS DECIMAL(6))
-- expect:
SELECT CAST(2.5 AS numeric(10, 0)) AS "CAST(2.5 AS DECIMAL)", CAST(123.456 AS numeric(6, 0)) AS "CAST(123.456 AS DECIMAL(6))"

-- case: cast_date
-- differential
SELECT id, CAST(placed_at AS DATE) FROM orders ORDER BY id
-- expect:
SELECT id, CAST(placed_at AS date) AS "CAST(placed_at AS DATE)" FROM orders ORDER BY id

-- case: cast_datetime
-- differential
SELECT CAST('2024-02-29 13:14:15' AS DATETIME), CAST('2024-02-29' AS DATETIME)
-- expect:
SELECT CAST('2024-02-29 13:14:15' AS timestamp(0)) AS "CAST('2024-02-29 13:14:15' AS DATETIME)", CAST('2024-02-29' AS timestamp(0)) AS "CAST('2024-02-29' AS DATETIME)"

-- case: cast_datetime_precision
-- differential
SELECT id, CAST(placed_at AS DATETIME(3)) FROM orders ORDER BY id
-- expect:
SELECT id, CAST(placed_at AS timestamp(3)) AS "CAST(placed_at AS DATETIME(3))" FROM orders ORDER BY id

-- case: cast_time
-- differential
SELECT CAST('10:11:12' AS TIME)
-- expect:
SELECT CAST('10:11:12' AS time(0)) AS "CAST('10:11:12' AS TIME)"

-- case: cast_binary
-- differential
SELECT CAST('abc' AS BINARY)
-- expect:
SELECT convert_to(CAST('abc' AS text), 'UTF8') AS "CAST('abc' AS BINARY)"

-- case: cast_as_json
-- mysql8-only
SELECT CAST('{"a": 1}' AS JSON)
-- expect:
SELECT CAST('{"a": 1}' AS jsonb) AS "CAST('{""a"": 1}' AS JSON)"

-- case: convert_type
-- differential
SELECT CONVERT('17', SIGNED), CONVERT(total, CHAR), CONVERT('2024-01-02', DATE) FROM orders WHERE id = 2
-- expect:
SELECT CAST(17 AS bigint) AS "CONVERT('17', SIGNED)", (total)::text AS "CONVERT(total, CHAR)", CAST('2024-01-02' AS date) AS "CONVERT('2024-01-02', DATE)" FROM orders WHERE id = 2

-- case: convert_using
-- differential
SELECT CONVERT(name USING utf8mb4) FROM users WHERE id = 1
-- expect:
SELECT name AS "CONVERT(name USING utf8mb4)" FROM users WHERE id = 1

-- case: cast_in_where
-- differential
SELECT id FROM orders WHERE CAST(placed_at AS DATE) = '2024-03-15' ORDER BY id
-- expect:
SELECT id FROM orders WHERE CAST(placed_at AS date) = '2024-03-15' ORDER BY id

-- case: implicit_string_to_number
-- differential
SELECT '10' + 5, '2.5' * 2
-- expect:
SELECT '10'::float8 + 5 AS "'10' + 5", '2.5'::float8 * 2 AS "'2.5' * 2"

-- case: abs_sign_round
-- differential
SELECT id, ABS(-total), SIGN(total - 50), ROUND(total), ROUND(total, 1), ROUND(total, -1) FROM orders ORDER BY id
-- expect:
SELECT id, abs(-total) AS "ABS(-total)", sign(total - 50) AS "SIGN(total - 50)", round((total)::numeric) AS "ROUND(total)", round((total)::numeric, 1) AS "ROUND(total, 1)", round((total)::numeric, -1) AS "ROUND(total, -1)" FROM orders ORDER BY id

-- case: round_half
-- differential
SELECT ROUND(2.5), ROUND(-2.5), ROUND(1.005, 2), TRUNCATE(1.999, 2), TRUNCATE(-1.5, 0)
-- expect:
SELECT round((2.5)::numeric) AS "ROUND(2.5)", round((-2.5)::numeric) AS "ROUND(-2.5)", round((1.005)::numeric, 2) AS "ROUND(1.005, 2)", trunc((1.999)::numeric, 2) AS "TRUNCATE(1.999, 2)", trunc((-1.5)::numeric, 0) AS "TRUNCATE(-1.5, 0)"

-- case: ceil_floor
-- differential
SELECT CEIL(1.2), CEILING(-1.2), FLOOR(1.8), FLOOR(-1.8)
-- expect:
SELECT ceil(1.2) AS "CEIL(1.2)", ceil(-1.2) AS "CEILING(-1.2)", floor(1.8) AS "FLOOR(1.8)", floor(-1.8) AS "FLOOR(-1.8)"

-- case: pow_sqrt
-- differential
SELECT POW(2, 10), POWER(2, 0.5), SQRT(16), EXP(0), LN(1), LOG(10, 100), LOG2(8), LOG10(1000)
-- expect:
SELECT power(2, 10) AS "POW(2, 10)", power(2, 0.5) AS "POWER(2, 0.5)", sqrt(16) AS "SQRT(16)", exp(0) AS "EXP(0)", ln(1) AS "LN(1)", log((10)::numeric, (100)::numeric) AS "LOG(10, 100)", log(2, (8)::numeric) AS "LOG2(8)", log10(1000) AS "LOG10(1000)"

-- case: float_column_math
-- differential
SELECT id, score * 2, score + 0.5 FROM users WHERE score IS NOT NULL ORDER BY id
-- expect:
SELECT id, score * 2 AS "score * 2", score + 0.5 AS "score + 0.5" FROM users WHERE score IS NOT NULL ORDER BY id

-- case: float_real_column
-- differential
SELECT id, ROUND(weight, 2) FROM products ORDER BY id
-- expect:
SELECT id, (round((weight) * power(10, 2)) / power(10, 2)) AS "ROUND(weight, 2)" FROM products ORDER BY id

-- case: pi_trig
-- differential
SELECT ROUND(PI(), 6), ROUND(SIN(0), 3), ROUND(COS(0), 3)
-- expect:
SELECT round((pi())::numeric, 6) AS "ROUND(PI(), 6)", round((sin(0))::numeric, 3) AS "ROUND(SIN(0), 3)", round((cos(0))::numeric, 3) AS "ROUND(COS(0), 3)"

-- case: unsigned_bigint_column
-- differential
SELECT id, logins, logins DIV 2 FROM users ORDER BY id
-- expect:
SELECT id, logins, div((logins)::numeric, NULLIF(2, 0)::numeric) AS "logins DIV 2" FROM users ORDER BY id

-- case: integer_overflow_to_decimal
-- differential
SELECT 9223372036854775807 + 0, 18446744073709551615
-- expect:
SELECT 9223372036854775807 + 0 AS "9223372036854775807 + 0", 18446744073709551615 AS "18446744073709551615"

-- case: rand_function
SELECT id FROM users ORDER BY RAND() LIMIT 1
-- expect:
SELECT id FROM users ORDER BY random() NULLS FIRST LIMIT 1

-- case: conv_bin_oct
-- differential
SELECT CONV('ff', 16, 10), BIN(5), OCT(8)
-- expect:
