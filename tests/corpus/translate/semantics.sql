-- MySQL semantics that differ from PostgreSQL's: implicit conversions, NULL rules, integer and
-- decimal arithmetic, collation-dependent comparisons, type unification. All compared on both
-- servers over tests/corpus/seed.sql.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: string_equals_number
-- differential
SELECT id FROM pairs WHERE label = 0 ORDER BY id
-- expect:

-- case: number_string_arithmetic
-- differential
SELECT '3 apples' + 2, 'abc' * 1, '1e2' + 0
-- expect:
SELECT '3'::float8 + 2 AS "'3 apples' + 2", '0'::float8 * 1 AS "'abc' * 1", '1e2'::float8 + 0 AS "'1e2' + 0"

-- case: integer_division_scale
-- differential
SELECT 1 / 7, 10 / 4, -7 / 2, 2 / 3 * 3
-- expect:
SELECT (1)::numeric / NULLIF(7, 0) AS "1 / 7", (10)::numeric / NULLIF(4, 0) AS "10 / 4", (-7)::numeric / NULLIF(2, 0) AS "-7 / 2", (2)::numeric / NULLIF(3, 0) * 3 AS "2 / 3 * 3"

-- case: division_column_scale
-- differential
SELECT id, a / b, a DIV b, a MOD b FROM pairs ORDER BY id
-- expect:
SELECT id, (a)::numeric / NULLIF(b, 0) AS "a / b", div((a)::numeric, NULLIF(b, 0)::numeric) AS "a DIV b", mod((a)::numeric, NULLIF(b, 0)::numeric) AS "a MOD b" FROM pairs ORDER BY id

-- case: modulo_negative
-- differential
SELECT -7 MOD 3, 7 MOD -3, -7 % -3, MOD(-7.5, 2)
-- expect:
SELECT mod((-7)::numeric, NULLIF(3, 0)::numeric) AS "-7 MOD 3", mod((7)::numeric, NULLIF(-3, 0)::numeric) AS "7 MOD -3", mod((-7)::numeric, NULLIF(-3, 0)::numeric) AS "-7 % -3", mod((-7.5)::numeric, NULLIF(2, 0)::numeric) AS "MOD(-7.5, 2)"

-- case: integer_overflow_sum
-- differential
SELECT SUM(logins) FROM users
-- expect:
SELECT sum(logins) AS "SUM(logins)" FROM users

-- case: avg_decimal_scale
-- differential
SELECT AVG(balance), AVG(total) FROM users JOIN orders ON orders.user_id = users.id
-- expect:
SELECT avg(balance) AS "AVG(balance)", avg(total) AS "AVG(total)" FROM users JOIN orders ON orders.user_id = users.id

-- case: concat_ws_skips_nulls
-- differential
SELECT id, CONCAT_WS('-', name, NULL, age) FROM users ORDER BY id
-- expect:
SELECT id, concat_ws('-', name, NULL, age) AS "CONCAT_WS('-', name, NULL, age)" FROM users ORDER BY id

-- case: concat_number_formatting
-- differential
SELECT id, CONCAT(balance, '|', score, '|', active) FROM users ORDER BY id
-- expect:
SELECT id, ((balance)::text || '|' || (score)::text || '|' || ((active)::int)::text) AS "CONCAT(balance, '|', score, '|', active)" FROM users ORDER BY id

-- case: concat_date
-- differential
SELECT id, CONCAT('at ', placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, ('at ' || to_char(placed_at, 'YYYY-MM-DD HH24:MI:SS.FF6')) AS "CONCAT('at ', placed_at)" FROM orders ORDER BY id

-- case: null_arithmetic
-- differential
SELECT id, age + 1, age * NULL, NULL = NULL, NULL <=> NULL FROM users ORDER BY id
-- expect:
SELECT id, age + 1 AS "age + 1", age * NULL AS "age * NULL", (NULL = NULL)::int AS "NULL = NULL", (NULL IS NOT DISTINCT FROM NULL)::int AS "NULL <=> NULL" FROM users ORDER BY id

-- case: coalesce_mixed_types
-- differential
SELECT id, COALESCE(age, 'none') FROM users ORDER BY id
-- expect:
SELECT id, COALESCE((age)::text, 'none') AS "COALESCE(age, 'none')" FROM users ORDER BY id

-- case: ifnull_number_string
-- differential
SELECT id, IFNULL(b, 'missing') FROM pairs ORDER BY id
-- expect:
SELECT id, COALESCE((b)::text, 'missing') AS "IFNULL(b, 'missing')" FROM pairs ORDER BY id

-- case: if_mixed_types
-- differential
SELECT id, IF(active, balance, 'inactive') FROM users ORDER BY id
-- expect:
SELECT id, CASE WHEN active THEN (balance)::text ELSE 'inactive' END AS "IF(active, balance, 'inactive')" FROM users ORDER BY id

-- case: union_type_unification
-- differential
SELECT id FROM pairs WHERE id < 3 UNION ALL SELECT label FROM pairs WHERE id < 3
-- expect:
SELECT (id)::text FROM pairs WHERE id < 3 UNION ALL SELECT label FROM pairs WHERE id < 3

-- case: in_mixed_types
-- differential
SELECT id FROM pairs WHERE id IN (1, '2', 3.0) ORDER BY id
-- expect:
SELECT id FROM pairs WHERE id IN (1, 2, 3.0) ORDER BY id

-- case: between_strings_ci
-- differential
SELECT id FROM users WHERE name BETWEEN 'a' AND 'c' ORDER BY id
-- expect:
SELECT id FROM users WHERE lower(name) BETWEEN lower('a') AND lower('c') ORDER BY id

-- case: max_min_text_ci
-- differential
SELECT MAX(name), MIN(name) FROM users
-- expect:
SELECT max(name) AS "MAX(name)", min(name) AS "MIN(name)" FROM users

-- case: like_ci_unicode
-- differential
SELECT id FROM users WHERE name LIKE 'émile%' ORDER BY id
-- expect:
SELECT id FROM users WHERE name ILIKE 'émile%' ORDER BY id

-- case: like_number_column
-- differential
SELECT id FROM products WHERE price LIKE '9.%' ORDER BY id
-- expect:
SELECT id FROM products WHERE (price)::text LIKE '9.%' ORDER BY id

-- case: regexp_case
-- differential
SELECT id FROM users WHERE name REGEXP 'ALICE' ORDER BY id
-- expect:
SELECT id FROM users WHERE name ~* 'ALICE' ORDER BY id

-- case: regexp_binary_column
-- differential
SELECT id FROM orders WHERE code REGEXP '^abcd' ORDER BY id
-- expect:
SELECT id FROM orders WHERE code ~ '^abcd' ORDER BY id

-- case: length_of_number
-- differential
SELECT LENGTH(12345), LENGTH(1.50), CHAR_LENGTH(-3)
-- expect:
SELECT octet_length((12345)::text) AS "LENGTH(12345)", octet_length((1.50)::text) AS "LENGTH(1.50)", char_length((-3)::text) AS "CHAR_LENGTH(-3)"

-- case: substring_zero_and_negative
-- differential
SELECT SUBSTRING('hello', 0), SUBSTRING('hello', -2, 1), SUBSTRING('hello', 2, -1), LEFT('hello', -1)
-- expect:
SELECT '' AS "SUBSTRING('hello', 0)", CASE WHEN char_length('hello') >= 2 THEN substr('hello', char_length('hello') - 1, 1) ELSE '' END AS "SUBSTRING('hello', -2, 1)", substr('hello', 2, greatest(-1, 0)) AS "SUBSTRING('hello', 2, -1)", left('hello', greatest(-1, 0)) AS "LEFT('hello', -1)"

-- case: locate_not_found_and_zero
-- differential
SELECT LOCATE('z', 'abc'), LOCATE('', 'abc'), LOCATE('b', 'abcb', 3), INSTR('abc', '')
-- expect:
SELECT strpos('abc', 'z') AS "LOCATE('z', 'abc')", strpos('abc', '') AS "LOCATE('', 'abc')", CASE WHEN strpos(substr('abcb', 3), 'b') = 0 OR (3) < 1 THEN 0 ELSE strpos(substr('abcb', 3), 'b') + (3) - 1 END AS "LOCATE('b', 'abcb', 3)", strpos('abc', '') AS "INSTR('abc', '')"

-- case: lpad_truncates
-- differential
SELECT LPAD('hello', 3, 'x'), RPAD('hi', 5, ''), LPAD('hi', 5, 'ab')
-- expect:
SELECT lpad('hello', 3, 'x') AS "LPAD('hello', 3, 'x')", CASE WHEN '' = '' AND char_length('hi') < (5) THEN NULL ELSE rpad('hi', 5, '') END AS "RPAD('hi', 5, '')", lpad('hi', 5, 'ab') AS "LPAD('hi', 5, 'ab')"

-- case: replace_case_sensitive
-- differential
SELECT REPLACE('Hello hello', 'hello', 'X')
-- expect:
SELECT replace('Hello hello', 'hello', 'X') AS "REPLACE('Hello hello', 'hello', 'X')"

-- case: trim_multichar
-- differential
SELECT TRIM(BOTH 'ab' FROM 'ababxab'), TRIM(LEADING 'xy' FROM 'xyxyz')
-- expect:

-- case: round_decimal_vs_double
-- differential
SELECT ROUND(2.5), ROUND(3.5), ROUND(2.5e0), ROUND(-0.5), ROUND(1.45, 1), ROUND(1.45e0, 1)
-- expect:
SELECT round((2.5)::numeric) AS "ROUND(2.5)", round((3.5)::numeric) AS "ROUND(3.5)", round('2.5e0'::float8) AS "ROUND(2.5e0)", round((-0.5)::numeric) AS "ROUND(-0.5)", round((1.45)::numeric, 1) AS "ROUND(1.45, 1)", (round(('1.45e0'::float8) * power(10, 1)) / power(10, 1)) AS "ROUND(1.45e0, 1)"

-- case: boolean_sum_and_count
-- differential
SELECT SUM(active), COUNT(active), AVG(active), MAX(active) FROM users
-- expect:
SELECT sum((active)::int) AS "SUM(active)", count((active)::int) AS "COUNT(active)", avg((active)::int) AS "AVG(active)", (max((active)::int))::int AS "MAX(active)" FROM users

-- case: boolean_comparison_two
-- differential
SELECT id FROM users WHERE active = 2 ORDER BY id
-- expect:
SELECT id FROM users WHERE (active)::int = 2 ORDER BY id

-- case: boolean_in_list
-- differential
SELECT id FROM users WHERE active IN (0, 1) ORDER BY id
-- expect:
SELECT id FROM users WHERE active IN (false, true) ORDER BY id

-- case: date_compare_string
-- differential
SELECT id FROM products WHERE released > '2022-06-01' ORDER BY id
-- expect:
SELECT id FROM products WHERE released > '2022-06-01' ORDER BY id

-- case: date_plus_number
-- differential
SELECT id, released + 0 FROM products WHERE released IS NOT NULL ORDER BY id
-- expect:

-- case: datetime_equals_date_string
-- differential
SELECT actor, action FROM audit_log WHERE happened = '2024-05-02 01:00:00'
-- expect:
SELECT actor, action FROM audit_log WHERE happened = '2024-05-02 01:00:00'

-- case: year_of_null
-- differential
SELECT id, YEAR(released), MONTH(NULL) FROM products ORDER BY id
-- expect:
SELECT id, EXTRACT(YEAR FROM (released))::int AS "YEAR(released)", EXTRACT(MONTH FROM (NULL)::timestamp)::int AS "MONTH(NULL)" FROM products ORDER BY id

-- case: datediff_order
-- differential
SELECT DATEDIFF('2024-01-01', '2024-03-01'), DATEDIFF('2024-03-01 23:59:59', '2024-03-01 00:00:00')
-- expect:
SELECT (('2024-01-01')::date - ('2024-03-01')::date) AS "DATEDIFF('2024-01-01', '2024-03-01')", (('2024-03-01 23:59:59')::date - ('2024-03-01 00:00:00')::date) AS "DATEDIFF('2024-03-01 23:59:59', '2024-03-01 00:00:00')"

-- case: date_add_end_of_month
-- differential
SELECT DATE_ADD('2024-02-29', INTERVAL 1 YEAR), DATE_ADD('2024-01-30', INTERVAL 1 MONTH), DATE_SUB('2024-03-31', INTERVAL 1 MONTH)
-- expect:
SELECT (('2024-02-29')::date + (1) * INTERVAL '1 year')::date AS "DATE_ADD('2024-02-29', INTERVAL 1 YEAR)", (('2024-01-30')::date + (1) * INTERVAL '1 month')::date AS "DATE_ADD('2024-01-30', INTERVAL 1 MONTH)", (('2024-03-31')::date - (1) * INTERVAL '1 month')::date AS "DATE_SUB('2024-03-31', INTERVAL 1 MONTH)"

-- case: order_by_enum_index
-- differential
SELECT id, role FROM users ORDER BY role, id
-- expect:
SELECT id, role FROM users ORDER BY array_position(ARRAY['admin', 'member', 'guest']::text[], (role)::text), id

-- case: order_by_set_column
-- known-wrong: SET sorts by its bit value on MySQL (TRANSLATOR_BUGS.md 29)
-- differential
SELECT id, tags FROM products ORDER BY tags, id
-- expect:

-- case: group_by_json_extract
-- differential
SELECT JSON_UNQUOTE(JSON_EXTRACT(profile, '$.prefs.theme')) AS theme, COUNT(*) FROM users GROUP BY theme ORDER BY theme
-- expect:
SELECT ((jsonb_path_query_first((profile)::jsonb, 'strict $."prefs"."theme"', '{}', true))::jsonb #>> '{}') AS theme, count(*) AS "COUNT(*)" FROM users GROUP BY theme ORDER BY theme NULLS FIRST

-- case: json_extract_missing
-- differential
SELECT id, JSON_EXTRACT(profile, '$.nope') IS NULL FROM users ORDER BY id
-- expect:
SELECT id, (jsonb_path_query_first((profile)::jsonb, 'strict $."nope"', '{}', true) IS NULL)::int AS "JSON_EXTRACT(profile, '$.nope') IS NULL" FROM users ORDER BY id

-- case: json_unquote_null
-- known-wrong: JSON null unquotes to 'null' on MySQL, NULL on PG (TRANSLATOR_BUGS.md 20)
-- differential
SELECT id, JSON_UNQUOTE(JSON_EXTRACT(payload, '$.src')) FROM events ORDER BY id
-- expect:

-- case: json_extract_array_index
-- differential
SELECT id, JSON_EXTRACT(payload, '$.items[1]') FROM events ORDER BY id
-- expect:
SELECT id, jsonb_path_query_first((payload)::jsonb, 'strict $."items"[1]', '{}', true) AS "JSON_EXTRACT(payload, '$.items[1]')" FROM events ORDER BY id

-- case: count_distinct_ci
-- known-wrong: COUNT(DISTINCT) on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT COUNT(DISTINCT name) FROM users
-- expect:

-- case: limit_in_derived
-- differential
SELECT COUNT(*) FROM (SELECT id FROM orders ORDER BY total DESC, id LIMIT 5) t
-- expect:
SELECT count(*) AS "COUNT(*)" FROM (SELECT id FROM orders ORDER BY total DESC, id LIMIT 5) AS t

-- case: order_by_null_first_asc
-- differential
SELECT id, b FROM pairs ORDER BY b, id
-- expect:
SELECT id, b FROM pairs ORDER BY b NULLS FIRST, id

-- case: order_by_null_last_desc
-- differential
SELECT id, b FROM pairs ORDER BY b DESC, id
-- expect:
SELECT id, b FROM pairs ORDER BY b DESC NULLS LAST, id

-- case: having_on_alias_aggregate
-- differential
SELECT user_id, SUM(total) AS s FROM orders GROUP BY user_id HAVING s > 200 ORDER BY s DESC, user_id
-- expect:
SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id HAVING (sum(total)) > 200 ORDER BY s DESC NULLS LAST, user_id

-- case: string_compare_numbers
-- differential
SELECT '10' > '9', 10 > 9, '10' > 9
-- expect:
SELECT ('10' > '9')::int AS "'10' > '9'", (10 > 9)::int AS "10 > 9", (10 > 9)::int AS "'10' > 9"

-- case: bytes_length_unicode_column
-- differential
SELECT id, LENGTH(note), CHAR_LENGTH(note) FROM orders ORDER BY id
-- expect:
SELECT id, octet_length(note) AS "LENGTH(note)", char_length(note) AS "CHAR_LENGTH(note)" FROM orders ORDER BY id

-- case: upper_unicode
-- differential
SELECT UPPER('straße ü'), LOWER('ÀÉÎ')
-- expect:
SELECT upper('straße ü') AS "UPPER('straße ü')", lower('ÀÉÎ') AS "LOWER('ÀÉÎ')"

-- case: hex_of_string_and_number
-- differential
SELECT HEX('é'), HEX(-1), HEX(3.7)
-- expect:
SELECT upper(encode(convert_to('é', 'UTF8'), 'hex')) AS "HEX('é')", upper(to_hex((-1)::bigint)) AS "HEX(-1)", upper(to_hex((3.7)::bigint)) AS "HEX(3.7)"

-- case: cast_char_number
-- known-wrong: CAST(1e20 AS CHAR) is '1e20' on MySQL, '1e+20' on PG (TRANSLATOR_BUGS.md 24)
-- differential
SELECT CAST(1.50 AS CHAR), CAST(-0.0 AS CHAR), CAST(1e20 AS CHAR)
-- expect:

-- case: cast_signed_from_string
-- differential
SELECT CAST('12abc' AS SIGNED), CAST('  7' AS SIGNED), CAST('-3.9' AS SIGNED)
-- expect:
SELECT CAST(12 AS bigint) AS "CAST('12abc' AS SIGNED)", CAST(7 AS bigint) AS "CAST('  7' AS SIGNED)", CAST(-3 AS bigint) AS "CAST('-3.9' AS SIGNED)"

-- case: greatest_numbers_strings
-- differential
SELECT GREATEST(2, '10'), LEAST('b', 'A'), GREATEST(1.5, 2)
-- expect:
SELECT CASE WHEN (2) IS NULL OR ('10') IS NULL THEN NULL ELSE GREATEST(2, '10') END AS "GREATEST(2, '10')", CASE WHEN ('b') IS NULL OR ('A') IS NULL THEN NULL ELSE LEAST('b', 'A') END AS "LEAST('b', 'A')", CASE WHEN (1.5) IS NULL OR (2) IS NULL THEN NULL ELSE GREATEST(1.5, 2) END AS "GREATEST(1.5, 2)"

-- case: concat_with_binary
-- known-wrong: text || bytea is text concatenation of the bytea's hex spelling on PG (TRANSLATOR_BUGS.md 32)
-- differential
SELECT id, CONCAT(name, X'41'), HEX(CONCAT('a', X'00')) FROM users WHERE id < 4 ORDER BY id
-- expect:
