-- More MySQL-specific behaviour: grouping rules, NULL in IN lists, MySQL idioms (ORDER BY NULL,
-- LIMIT 18446744073709551615, WHERE 1), IS TRUE / IS UNKNOWN, bit operators, string/number
-- comparisons. All compared on both servers over tests/corpus/seed.sql.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: group_by_primary_key_dependent
-- differential
SELECT o.id, o.total, COUNT(oi.line_no) FROM orders o JOIN order_items oi ON oi.order_id = o.id GROUP BY o.id ORDER BY o.id
-- expect:
SELECT o.id, o.total, count(oi.line_no) AS "COUNT(oi.line_no)" FROM orders AS o JOIN order_items AS oi ON oi.order_id = o.id GROUP BY o.id ORDER BY o.id

-- case: group_by_unique_key_dependent
-- known-wrong: PG accepts dependent columns only for a primary key, MySQL also for a unique NOT NULL key (TRANSLATOR_BUGS.md 35)
-- differential
SELECT u.email, u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.email ORDER BY u.email
-- expect:

-- case: order_by_null_idiom
-- known-wrong: GROUP BY on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY NULL
-- expect:

-- case: limit_max_idiom
-- differential
SELECT id FROM pairs ORDER BY id LIMIT 5, 18446744073709551615
-- expect:
SELECT id FROM pairs ORDER BY id LIMIT ALL OFFSET 5

-- case: where_one
-- differential
SELECT COUNT(*) FROM users WHERE 1
-- expect:
SELECT count(*) AS "COUNT(*)" FROM users WHERE (1) <> 0

-- case: where_integer_column_truthiness
-- differential
SELECT id FROM products WHERE stock ORDER BY id
-- expect:
SELECT id FROM products WHERE (stock) <> 0 ORDER BY id

-- case: where_string_truthiness
-- known-wrong: a string column as a condition is a PG error (TRANSLATOR_BUGS.md 36)
-- differential
SELECT id FROM users WHERE name ORDER BY id
-- expect:

-- case: is_true_unknown
-- differential
SELECT id, active IS TRUE, (age > 30) IS UNKNOWN, (age > 30) IS NOT FALSE FROM users ORDER BY id
-- expect:
SELECT id, (active IS TRUE)::int AS "active IS TRUE", (age > 30 IS UNKNOWN)::int AS "(age > 30) IS UNKNOWN", (age > 30 IS NOT FALSE)::int AS "(age > 30) IS NOT FALSE" FROM users ORDER BY id

-- case: in_list_with_null
-- differential
SELECT id, b IN (3, NULL), b NOT IN (3, NULL) FROM pairs ORDER BY id
-- expect:
SELECT id, (b IN (3, NULL))::int AS "b IN (3, NULL)", (b NOT IN (3, NULL))::int AS "b NOT IN (3, NULL)" FROM pairs ORDER BY id

-- case: not_in_subquery_with_null
-- differential
SELECT id FROM pairs WHERE a NOT IN (SELECT b FROM pairs) ORDER BY id
-- expect:
SELECT id FROM pairs WHERE a NOT IN (SELECT b FROM pairs) ORDER BY id

-- case: count_empty_group
-- differential
SELECT user_id, COUNT(*) FROM orders WHERE total < 0 GROUP BY user_id
-- expect:
SELECT user_id, count(*) AS "COUNT(*)" FROM orders WHERE total < 0 GROUP BY user_id

-- case: aggregate_without_group_empty
-- differential
SELECT COUNT(*), SUM(total), GROUP_CONCAT(code) FROM orders WHERE total < 0
-- expect:
SELECT count(*) AS "COUNT(*)", sum(total) AS "SUM(total)", string_agg(code, ',') AS "GROUP_CONCAT(code)" FROM orders WHERE total < 0

-- case: bit_not_and_negative
-- differential
SELECT ~0, ~5, -1 & 255, 1 << 63, 1 << 64
-- expect:

-- case: bit_count
-- differential
SELECT id, BIT_COUNT(stock) FROM products ORDER BY id
-- expect:

-- case: integer_division_negative
-- differential
SELECT -7 DIV 2, 7 DIV -2, -7.5 DIV 2
-- expect:
SELECT div((-7)::numeric, NULLIF(2, 0)::numeric) AS "-7 DIV 2", div((7)::numeric, NULLIF(-2, 0)::numeric) AS "7 DIV -2", div((-7.5)::numeric, NULLIF(2, 0)::numeric) AS "-7.5 DIV 2"

-- case: compare_int_decimal_string
-- differential
SELECT 1 = 1.0, 1 = '1.0', '1.0' = '1', 'abc' = 0, 0 = 'x'
-- expect:
SELECT (1 = 1.0)::int AS "1 = 1.0", (1 = '1.0'::float8)::int AS "1 = '1.0'", ('1.0' = '1')::int AS "'1.0' = '1'", (0 = 0)::int AS "'abc' = 0", (0 = 0)::int AS "0 = 'x'"

-- case: pad_space_literals
-- known-wrong: PAD SPACE: 'a' = 'a ' is true on MySQL (TRANSLATOR_BUGS.md 2)
-- differential
SELECT 'a' = 'a ', 'a' = ' a', 'a ' LIKE 'a'
-- expect:

-- case: case_insensitive_literals
-- known-wrong: literals compare with the connection's _ci collation on MySQL (TRANSLATOR_BUGS.md 38)
-- differential
SELECT 'A' = 'a', 'ä' = 'a', BINARY 'A' = 'a'
-- expect:

-- case: string_ordering_mixed_case
-- known-wrong: PAD SPACE: IN ('alice') matches 'Alice ' on MySQL (TRANSLATOR_BUGS.md 2)
-- differential
SELECT name FROM users WHERE name IN ('Bob', 'alice', 'Carol', 'dave') ORDER BY name
-- expect:

-- case: left_join_coalesce_count
-- differential
SELECT u.id, COALESCE(SUM(o.total), 0), COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id ORDER BY u.id
-- expect:
SELECT u.id, COALESCE(sum(o.total), 0) AS "COALESCE(SUM(o.total), 0)", count(o.id) AS "COUNT(o.id)" FROM users AS u LEFT JOIN orders AS o ON o.user_id = u.id GROUP BY u.id ORDER BY u.id

-- case: subquery_limit_in
-- differential
SELECT id FROM users WHERE id IN (SELECT * FROM (SELECT user_id FROM orders ORDER BY total DESC, id LIMIT 3) t) ORDER BY id
-- expect:
SELECT id FROM users WHERE id IN (SELECT * FROM (SELECT user_id FROM orders ORDER BY total DESC, id LIMIT 3) AS t) ORDER BY id

-- case: exists_with_limit
-- differential
SELECT COUNT(*) FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id LIMIT 1)
-- expect:
SELECT count(*) AS "COUNT(*)" FROM users AS u WHERE EXISTS (SELECT 1 FROM orders AS o WHERE o.user_id = u.id LIMIT 1)

-- case: derived_with_group_and_join
-- differential
SELECT p.sku, t.qty FROM products p JOIN (SELECT product_id, SUM(qty) AS qty FROM order_items GROUP BY product_id) t ON t.product_id = p.id WHERE t.qty > 5 ORDER BY t.qty DESC, p.sku
-- expect:
SELECT p.sku, t.qty FROM products AS p JOIN (SELECT product_id, sum(qty) AS qty FROM order_items GROUP BY product_id) AS t ON t.product_id = p.id WHERE t.qty > 5 ORDER BY t.qty DESC NULLS LAST, lower(p.sku)

-- case: union_order_by_column_name
-- differential
SELECT id, label FROM pairs WHERE id < 3 UNION SELECT id, status FROM orders WHERE id < 3 ORDER BY id, label
-- expect:
SELECT id, label FROM pairs WHERE id < 3 UNION SELECT id, status FROM orders WHERE id < 3 ORDER BY id NULLS FIRST, label NULLS FIRST

-- case: string_functions_on_null
-- differential
SELECT UPPER(NULL), LENGTH(NULL), CONCAT_WS(',', NULL), SUBSTRING(NULL, 1), REPLACE(NULL, 'a', 'b'), LPAD(NULL, 3, 'x')
-- expect:
SELECT upper((NULL)::text) AS "UPPER(NULL)", octet_length((NULL)::text) AS "LENGTH(NULL)", concat_ws(',', NULL) AS "CONCAT_WS(',', NULL)", substr((NULL)::text, 1) AS "SUBSTRING(NULL, 1)", replace((NULL)::text, 'a', 'b') AS "REPLACE(NULL, 'a', 'b')", lpad((NULL)::text, 3, 'x') AS "LPAD(NULL, 3, 'x')"

-- case: date_functions_on_null
-- differential
SELECT DATE_FORMAT(NULL, '%Y'), DATE_ADD(NULL, INTERVAL 1 DAY), DATEDIFF(NULL, '2024-01-01'), UNIX_TIMESTAMP(NULL)
-- expect:
SELECT to_char((NULL)::timestamp, 'YYYY') AS "DATE_FORMAT(NULL, '%Y')", (NULL) + (1) * INTERVAL '1 day' AS "DATE_ADD(NULL, INTERVAL 1 DAY)", ((NULL)::date - ('2024-01-01')::date) AS "DATEDIFF(NULL, '2024-01-01')", EXTRACT(EPOCH FROM (NULL)::timestamp AT TIME ZONE current_setting('TimeZone')) AS "UNIX_TIMESTAMP(NULL)"

-- case: date_format_on_string
-- differential
SELECT DATE_FORMAT('2024-03-05', '%Y/%m/%d %H:%i'), DATE_FORMAT('2024-03-05 14:15:16', '%H%i%s')
-- expect:
SELECT to_char(('2024-03-05')::timestamp, 'YYYY"/"MM"/"DD" "HH24":"MI') AS "DATE_FORMAT('2024-03-05', '%Y/%m/%d %H:%i')", to_char(('2024-03-05 14:15:16')::timestamp, 'HH24MISS') AS "DATE_FORMAT('2024-03-05 14:15:16', '%H%i%s')"

-- case: date_compare_datetime_column_with_date
-- differential
SELECT id FROM orders WHERE DATE(placed_at) = '2024-02-04' OR placed_at = '2024-03-07' ORDER BY id
-- expect:
SELECT id FROM orders WHERE (placed_at)::date = '2024-02-04' OR placed_at = '2024-03-07' ORDER BY id

-- case: sum_of_booleans_expression
-- differential
SELECT user_id, SUM(total > 50), SUM(status = 'paid') FROM orders GROUP BY user_id ORDER BY user_id
-- expect:
SELECT user_id, sum((total > 50)::int) AS "SUM(total > 50)", sum((lower(status) = lower('paid'))::int) AS "SUM(status = 'paid')" FROM orders GROUP BY user_id ORDER BY user_id

-- case: max_of_datetime_and_string
-- differential
SELECT MAX(placed_at), MIN(placed_at), MAX(code) FROM orders
-- expect:
SELECT max(placed_at) AS "MAX(placed_at)", min(placed_at) AS "MIN(placed_at)", max(code) AS "MAX(code)" FROM orders

-- case: numeric_string_order
-- differential
SELECT label FROM pairs WHERE label IS NOT NULL ORDER BY label
-- expect:
SELECT label FROM pairs WHERE label IS NOT NULL ORDER BY lower(label) NULLS FIRST

-- case: like_on_integer_column
-- differential
SELECT id FROM pairs WHERE a LIKE '1%' ORDER BY id
-- expect:
SELECT id FROM pairs WHERE (a)::text LIKE '1%' ORDER BY id

-- case: id_equals_numeric_prefix_string
-- differential
SELECT id FROM users WHERE id = '3abc'
-- expect:
SELECT id FROM users WHERE id = 3
