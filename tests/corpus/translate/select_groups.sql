-- Aggregates, GROUP BY, HAVING, GROUP_CONCAT.
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: group_by_count
-- differential
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status
-- expect:

-- case: group_by_having
-- differential
SELECT user_id, SUM(total) AS s FROM orders GROUP BY user_id HAVING SUM(total) > 100 ORDER BY user_id
-- expect:

-- case: having_alias
-- differential
SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id HAVING n >= 2 ORDER BY n DESC, user_id
-- expect:

-- case: group_by_position
-- differential
SELECT status, MAX(total) FROM orders GROUP BY 1 ORDER BY 1
-- expect:

-- case: group_by_alias
-- differential
SELECT LEFT(sku, 2) AS prefix, COUNT(*) FROM products GROUP BY prefix ORDER BY prefix
-- expect:

-- case: group_by_expression
-- differential
SELECT YEAR(placed_at), COUNT(*) FROM orders GROUP BY YEAR(placed_at) ORDER BY YEAR(placed_at)
-- expect:

-- case: min_max_avg_sum
-- differential
SELECT MIN(total), MAX(total), AVG(total), SUM(total) FROM orders
-- expect:

-- case: avg_integer
-- differential
SELECT AVG(stock), SUM(stock) FROM products
-- expect:

-- case: sum_empty_is_null
-- differential
SELECT SUM(total), MAX(id), COUNT(*) FROM orders WHERE id < 0
-- expect:

-- case: aggregate_with_nulls
-- differential
SELECT AVG(score), MIN(name), MAX(age) FROM users
-- expect:

-- case: count_if_pattern
-- differential
SELECT SUM(active = 1), SUM(CASE WHEN age IS NULL THEN 1 ELSE 0 END) FROM users
-- expect:

-- case: group_concat_plain
-- differential
SELECT user_id, GROUP_CONCAT(id) FROM orders GROUP BY user_id ORDER BY user_id
-- expect:

-- case: group_concat_order_separator
-- differential
SELECT user_id, GROUP_CONCAT(code ORDER BY code DESC SEPARATOR '|') FROM orders GROUP BY user_id ORDER BY user_id
-- expect:

-- case: group_concat_distinct
-- differential
SELECT GROUP_CONCAT(DISTINCT status ORDER BY status) FROM orders
-- expect:

-- case: group_concat_expression
-- differential
SELECT order_id, GROUP_CONCAT(qty, 'x', product_id ORDER BY line_no SEPARATOR ', ') FROM order_items GROUP BY order_id ORDER BY order_id
-- expect:

-- case: group_concat_nulls_skipped
-- differential
SELECT GROUP_CONCAT(name ORDER BY id) FROM users WHERE id <= 10
-- expect:

-- case: group_concat_empty_separator
-- differential
SELECT GROUP_CONCAT(sku ORDER BY sku SEPARATOR '') FROM products WHERE id <= 4
-- expect:

-- case: group_concat_numbers_order
-- differential
SELECT GROUP_CONCAT(total ORDER BY total) FROM orders WHERE user_id = 1
-- expect:

-- case: count_distinct_two
-- differential
SELECT COUNT(DISTINCT user_id, status) FROM orders
-- expect:

-- case: group_by_two_columns
-- differential
SELECT user_id, status, COUNT(*), SUM(total) FROM orders GROUP BY user_id, status ORDER BY user_id, status
-- expect:

-- case: group_by_boolean
-- differential
SELECT active, COUNT(*) FROM users GROUP BY active ORDER BY active
-- expect:

-- case: having_without_group
-- differential
SELECT COUNT(*) AS n FROM users HAVING n > 0
-- expect:

-- case: std_aggregates
-- differential
SELECT BIT_AND(stock), BIT_OR(stock) FROM products WHERE stock >= 0
-- expect:

-- case: group_with_rollup
SELECT status, COUNT(*) FROM orders GROUP BY status WITH ROLLUP
-- expect:

-- case: aggregate_of_join
-- differential
SELECT p.sku, SUM(oi.qty) AS sold FROM products p JOIN order_items oi ON oi.product_id = p.id GROUP BY p.sku ORDER BY sold DESC, p.sku LIMIT 5
-- expect:

-- case: nonaggregated_column
-- differential
SELECT user_id, MAX(total), COUNT(*) FROM orders GROUP BY user_id HAVING COUNT(*) = 1 ORDER BY user_id
-- expect:
