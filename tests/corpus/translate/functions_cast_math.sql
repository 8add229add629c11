-- CAST / CONVERT, numeric functions.
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: cast_signed
-- differential
SELECT CAST('42' AS SIGNED), CAST(-3.7 AS SIGNED), CAST(total AS SIGNED) FROM orders WHERE id = 1
-- expect:

-- case: cast_signed_integer
-- differential
SELECT id, CAST(price AS SIGNED INTEGER) FROM products ORDER BY id
-- expect:

-- case: cast_unsigned
-- differential
SELECT CAST(7 AS UNSIGNED), CAST('12' AS UNSIGNED INTEGER)
-- expect:

-- case: cast_char
-- differential
SELECT id, CAST(id AS CHAR), CAST(total AS CHAR(20)) FROM orders ORDER BY id
-- expect:

-- case: cast_decimal
-- differential
SELECT id, CAST(score AS DECIMAL(10,2)), CAST('3.14159' AS DECIMAL(5,3)) FROM users ORDER BY id
-- expect:

-- case: cast_decimal_default_precision
-- differential
SELECT CAST(2.5 AS DECIMAL), CAST(123.456 AS DECIMAL(6))
-- expect:

-- case: cast_date
-- differential
SELECT id, CAST(placed_at AS DATE) FROM orders ORDER BY id
-- expect:

-- case: cast_datetime
-- differential
SELECT CAST('2024-02-29 13:14:15' AS DATETIME), CAST('2024-02-29' AS DATETIME)
-- expect:

-- case: cast_datetime_precision
-- differential
SELECT id, CAST(placed_at AS DATETIME(3)) FROM orders ORDER BY id
-- expect:

-- case: cast_time
-- differential
SELECT CAST('10:11:12' AS TIME)
-- expect:

-- case: cast_binary
-- differential
SELECT CAST('abc' AS BINARY)
-- expect:

-- case: cast_as_json
-- mysql8-only
SELECT CAST('{"a": 1}' AS JSON)
-- expect:

-- case: convert_type
-- differential
SELECT CONVERT('17', SIGNED), CONVERT(total, CHAR), CONVERT('2024-01-02', DATE) FROM orders WHERE id = 2
-- expect:

-- case: convert_using
-- differential
SELECT CONVERT(name USING utf8mb4) FROM users WHERE id = 1
-- expect:

-- case: cast_in_where
-- differential
SELECT id FROM orders WHERE CAST(placed_at AS DATE) = '2024-03-15' ORDER BY id
-- expect:

-- case: implicit_string_to_number
-- differential
SELECT '10' + 5, '2.5' * 2
-- expect:

-- case: abs_sign_round
-- differential
SELECT id, ABS(-total), SIGN(total - 50), ROUND(total), ROUND(total, 1), ROUND(total, -1) FROM orders ORDER BY id
-- expect:

-- case: round_half
-- differential
SELECT ROUND(2.5), ROUND(-2.5), ROUND(1.005, 2), TRUNCATE(1.999, 2), TRUNCATE(-1.5, 0)
-- expect:

-- case: ceil_floor
-- differential
SELECT CEIL(1.2), CEILING(-1.2), FLOOR(1.8), FLOOR(-1.8)
-- expect:

-- case: pow_sqrt
-- differential
SELECT POW(2, 10), POWER(2, 0.5), SQRT(16), EXP(0), LN(1), LOG(10, 100), LOG2(8), LOG10(1000)
-- expect:

-- case: float_column_math
-- differential
SELECT id, score * 2, score + 0.5 FROM users WHERE score IS NOT NULL ORDER BY id
-- expect:

-- case: float_real_column
-- differential
SELECT id, ROUND(weight, 2) FROM products ORDER BY id
-- expect:

-- case: pi_trig
-- differential
SELECT ROUND(PI(), 6), ROUND(SIN(0), 3), ROUND(COS(0), 3)
-- expect:

-- case: unsigned_bigint_column
-- differential
SELECT id, logins, logins + 1 FROM users ORDER BY id
-- expect:

-- case: integer_overflow_to_decimal
-- differential
SELECT 9223372036854775807 + 0, 18446744073709551615
-- expect:

-- case: rand_function
SELECT id FROM users ORDER BY RAND() LIMIT 1
-- expect:

-- case: conv_bin_oct
-- differential
SELECT CONV('ff', 16, 10), BIN(5), OCT(8)
-- expect:
