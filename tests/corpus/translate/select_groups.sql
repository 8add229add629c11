-- Aggregates, GROUP BY, HAVING, GROUP_CONCAT.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: group_by_count
-- known-wrong: GROUP BY on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status
-- expect:

-- case: group_by_having
-- differential
SELECT user_id, SUM(total) AS s FROM orders GROUP BY user_id HAVING SUM(total) > 100 ORDER BY user_id
-- expect:
SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id HAVING sum(total) > 100 ORDER BY user_id

-- case: having_alias
-- differential
SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id HAVING n >= 2 ORDER BY n DESC, user_id
-- expect:
SELECT user_id, count(*) AS n FROM orders GROUP BY user_id HAVING (count(*)) >= 2 ORDER BY n DESC NULLS LAST, user_id

-- case: group_by_position
-- known-wrong: GROUP BY on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT status, MAX(total) FROM orders GROUP BY 1 ORDER BY 1
-- expect:

-- case: group_by_alias
-- differential
SELECT LEFT(sku, 2) AS prefix, COUNT(*) FROM products GROUP BY prefix ORDER BY prefix
-- expect:
SELECT left(sku, greatest(2, 0)) AS prefix, count(*) AS "COUNT(*)" FROM products GROUP BY prefix ORDER BY prefix NULLS FIRST

-- case: group_by_expression
-- differential
SELECT YEAR(placed_at), COUNT(*) FROM orders GROUP BY YEAR(placed_at) ORDER BY YEAR(placed_at)
-- expect:
SELECT EXTRACT(YEAR FROM (placed_at))::int AS "YEAR(placed_at)", count(*) AS "COUNT(*)" FROM orders GROUP BY EXTRACT(YEAR FROM (placed_at))::int ORDER BY EXTRACT(YEAR FROM (placed_at))::int NULLS FIRST

-- case: min_max_avg_sum
-- differential
SELECT MIN(total), MAX(total), AVG(total), SUM(total) FROM orders
-- expect:
SELECT min(total) AS "MIN(total)", max(total) AS "MAX(total)", avg(total) AS "AVG(total)", sum(total) AS "SUM(total)" FROM orders

-- case: avg_integer
-- differential
SELECT AVG(stock), SUM(stock) FROM products
-- expect:
SELECT avg(stock) AS "AVG(stock)", sum(stock) AS "SUM(stock)" FROM products

-- case: sum_empty_is_null
-- differential
SELECT SUM(total), MAX(id), COUNT(*) FROM orders WHERE id < 0
-- expect:
SELECT sum(total) AS "SUM(total)", max(id) AS "MAX(id)", count(*) AS "COUNT(*)" FROM orders WHERE id < 0

-- case: aggregate_with_nulls
-- differential
SELECT AVG(score), MIN(name), MAX(age) FROM users
-- expect:
SELECT avg(score) AS "AVG(score)", min(name) AS "MIN(name)", max(age) AS "MAX(age)" FROM users

-- case: count_if_pattern
-- differential
SELECT SUM(active = 1), SUM(CASE WHEN age IS NULL THEN 1 ELSE 0 END) FROM users
-- expect:
SELECT sum((active = true)::int) AS "SUM(active = 1)", sum(CASE WHEN age IS NULL THEN 1 ELSE 0 END) AS "SUM(CASE WHEN age IS NULL THEN 1 ELSE 0 END)" FROM users

-- GROUP_CONCAT without ORDER BY: the order is unspecified on both servers, so not compared.
-- case: group_concat_plain
SELECT user_id, GROUP_CONCAT(id) FROM orders GROUP BY user_id ORDER BY user_id
-- expect:
SELECT user_id, string_agg((id)::text, ',') AS "GROUP_CONCAT(id)" FROM orders GROUP BY user_id ORDER BY user_id

-- case: group_concat_order_separator
-- differential
SELECT user_id, GROUP_CONCAT(code ORDER BY code DESC SEPARATOR '|') FROM orders GROUP BY user_id ORDER BY user_id
-- expect:
SELECT user_id, string_agg(code, '|' ORDER BY code DESC) AS "GROUP_CONCAT(code ORDER BY code DESC SEPARATOR '|')" FROM orders GROUP BY user_id ORDER BY user_id

-- case: group_concat_distinct
-- known-wrong: DISTINCT on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT GROUP_CONCAT(DISTINCT status ORDER BY status) FROM orders
-- expect:

-- case: group_concat_expression
-- differential
SELECT order_id, GROUP_CONCAT(qty, 'x', product_id ORDER BY line_no SEPARATOR ', ') FROM order_items GROUP BY order_id ORDER BY order_id
-- expect:
SELECT order_id, string_agg((qty)::text || 'x' || (product_id)::text, ', ' ORDER BY line_no) AS "GROUP_CONCAT(qty, 'x', product_id ORDER BY line_no SEPARATOR ', ')" FROM order_items GROUP BY order_id ORDER BY order_id

-- case: group_concat_nulls_skipped
-- differential
SELECT GROUP_CONCAT(name ORDER BY id) FROM users WHERE id <= 10
-- expect:
SELECT string_agg(name, ',' ORDER BY id) AS "GROUP_CONCAT(name ORDER BY id)" FROM users WHERE id <= 10

-- case: group_concat_empty_separator
-- differential
SELECT GROUP_CONCAT(sku ORDER BY sku SEPARATOR '') FROM products WHERE id <= 4
-- expect:
SELECT string_agg(sku, '' ORDER BY lower(sku)) AS "GROUP_CONCAT(sku ORDER BY sku SEPARATOR '')" FROM products WHERE id <= 4

-- case: group_concat_numbers_order
-- differential
SELECT GROUP_CONCAT(total ORDER BY total) FROM orders WHERE user_id = 1
-- expect:
SELECT string_agg((total)::text, ',' ORDER BY total) AS "GROUP_CONCAT(total ORDER BY total)" FROM orders WHERE user_id = 1

-- case: count_distinct_two
-- differential
SELECT COUNT(DISTINCT user_id, status) FROM orders
-- expect:

-- case: group_by_two_columns
-- differential
SELECT user_id, status, COUNT(*), SUM(total) FROM orders GROUP BY user_id, status ORDER BY user_id, status
-- expect:
SELECT user_id, status, count(*) AS "COUNT(*)", sum(total) AS "SUM(total)" FROM orders GROUP BY user_id, status ORDER BY user_id, lower(status)

-- case: group_by_boolean
-- differential
SELECT active, COUNT(*) FROM users GROUP BY active ORDER BY active
-- expect:
SELECT active, count(*) AS "COUNT(*)" FROM users GROUP BY active ORDER BY active

-- case: having_without_group
-- differential
SELECT COUNT(*) AS n FROM users HAVING n > 0
-- expect:
SELECT count(*) AS n FROM users HAVING (count(*)) > 0

-- case: std_aggregates
-- differential
SELECT BIT_AND(stock), BIT_OR(stock) FROM products WHERE stock >= 0
-- expect:
SELECT bit_and(stock) AS "BIT_AND(stock)", bit_or(stock) AS "BIT_OR(stock)" FROM products WHERE stock >= 0

-- case: group_with_rollup
SELECT status, COUNT(*) FROM orders GROUP BY status WITH ROLLUP
-- expect:

-- case: aggregate_of_join
-- differential
SELECT p.sku, SUM(oi.qty) AS sold FROM products p JOIN order_items oi ON oi.product_id = p.id GROUP BY p.sku ORDER BY sold DESC, p.sku LIMIT 5
-- expect:
SELECT p.sku, sum(oi.qty) AS sold FROM products AS p JOIN order_items AS oi ON oi.product_id = p.id GROUP BY p.sku ORDER BY sold DESC NULLS LAST, lower(p.sku) LIMIT 5

-- case: nonaggregated_column
-- differential
SELECT user_id, MAX(total), COUNT(*) FROM orders GROUP BY user_id HAVING COUNT(*) = 1 ORDER BY user_id
-- expect:
SELECT user_id, max(total) AS "MAX(total)", count(*) AS "COUNT(*)" FROM orders GROUP BY user_id HAVING count(*) = 1 ORDER BY user_id
