-- SELECT with joins of every kind, subqueries, derived tables and UNION.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: inner_join
-- differential
SELECT u.id, u.email, o.id AS order_id, o.total FROM users u INNER JOIN orders o ON o.user_id = u.id ORDER BY o.id
-- expect:
SELECT u.id, u.email, o.id AS order_id, o.total FROM users AS u JOIN orders AS o ON o.user_id = u.id ORDER BY o.id

-- case: plain_join
-- differential
SELECT u.name, o.code FROM users u JOIN orders o ON u.id = o.user_id WHERE o.total > 50 ORDER BY o.code
-- expect:
SELECT u.name, o.code FROM users AS u JOIN orders AS o ON u.id = o.user_id WHERE o.total > 50 ORDER BY o.code

-- case: cross_join_keyword
-- differential
SELECT p.id, q.id FROM pairs p CROSS JOIN pairs q WHERE p.id < 3 AND q.id < 3 ORDER BY p.id, q.id
-- expect:
SELECT p.id, q.id FROM pairs AS p CROSS JOIN pairs AS q WHERE p.id < 3 AND q.id < 3 ORDER BY p.id, q.id

-- case: comma_join
-- differential
SELECT u.id, o.id FROM users u, orders o WHERE u.id = o.user_id AND u.id < 4 ORDER BY o.id
-- expect:
SELECT u.id, o.id FROM users AS u, orders AS o WHERE u.id = o.user_id AND u.id < 4 ORDER BY o.id

-- case: join_without_condition
-- differential
SELECT COUNT(*) FROM users JOIN pairs
-- expect:
SELECT count(*) AS "COUNT(*)" FROM users CROSS JOIN pairs

-- case: left_join
-- differential
SELECT u.id, o.id AS order_id FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id
-- expect:
SELECT u.id, o.id AS order_id FROM users AS u LEFT JOIN orders AS o ON o.user_id = u.id ORDER BY u.id, o.id

-- case: left_outer_join_is_null
-- differential
SELECT u.id FROM users u LEFT OUTER JOIN orders o ON o.user_id = u.id WHERE o.id IS NULL ORDER BY u.id
-- expect:
SELECT u.id FROM users AS u LEFT JOIN orders AS o ON o.user_id = u.id WHERE o.id IS NULL ORDER BY u.id

-- case: right_join
-- differential
SELECT o.id, u.email FROM users u RIGHT JOIN orders o ON o.user_id = u.id ORDER BY o.id
-- expect:
SELECT o.id, u.email FROM users AS u RIGHT JOIN orders AS o ON o.user_id = u.id ORDER BY o.id

-- case: right_outer_join
-- differential
SELECT oi.order_id, oi.line_no, p.sku FROM products p RIGHT OUTER JOIN order_items oi ON oi.product_id = p.id ORDER BY oi.order_id, oi.line_no
-- expect:
SELECT oi.order_id, oi.line_no, p.sku FROM products AS p RIGHT JOIN order_items AS oi ON oi.product_id = p.id ORDER BY oi.order_id, oi.line_no

-- case: join_using
-- differential
SELECT o.id, oi.line_no FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id WHERE p.price > 20 ORDER BY o.id, oi.line_no
-- expect:
SELECT o.id, oi.line_no FROM orders AS o JOIN order_items AS oi ON oi.order_id = o.id JOIN products AS p ON p.id = oi.product_id WHERE p.price > 20 ORDER BY o.id, oi.line_no

-- case: using_clause
-- differential
SELECT a.id, b.label FROM pairs a JOIN pairs b USING (id) ORDER BY a.id
-- expect:
SELECT a.id, b.label FROM pairs AS a JOIN pairs AS b USING (id) ORDER BY a.id

-- case: natural_join
-- differential
SELECT id, label FROM pairs NATURAL JOIN pairs AS p2 ORDER BY id
-- expect:
SELECT id, label FROM pairs NATURAL JOIN pairs AS p2 ORDER BY id

-- case: three_table_join_group
-- differential
SELECT u.id, COUNT(oi.line_no) AS line_count, SUM(oi.qty * oi.price) AS revenue FROM users u JOIN orders o ON o.user_id = u.id JOIN order_items oi ON oi.order_id = o.id GROUP BY u.id ORDER BY u.id
-- expect:
SELECT u.id, count(oi.line_no) AS line_count, sum(oi.qty * oi.price) AS revenue FROM users AS u JOIN orders AS o ON o.user_id = u.id JOIN order_items AS oi ON oi.order_id = o.id GROUP BY u.id ORDER BY u.id

-- case: self_join
-- differential
SELECT a.id, b.id FROM pairs a JOIN pairs b ON a.a = b.b ORDER BY a.id, b.id
-- expect:
SELECT a.id, b.id FROM pairs AS a JOIN pairs AS b ON a.a = b.b ORDER BY a.id, b.id

-- case: join_on_compound_condition
-- differential
SELECT o.id, oi.line_no FROM orders o LEFT JOIN order_items oi ON oi.order_id = o.id AND oi.qty > 1 ORDER BY o.id, oi.line_no
-- expect:
SELECT o.id, oi.line_no FROM orders AS o LEFT JOIN order_items AS oi ON oi.order_id = o.id AND oi.qty > 1 ORDER BY o.id, oi.line_no

-- case: parenthesized_joins
-- differential
SELECT u.id, o.id, oi.line_no FROM users u JOIN (orders o JOIN order_items oi ON oi.order_id = o.id) ON o.user_id = u.id WHERE u.id < 5 ORDER BY o.id, oi.line_no
-- expect:
SELECT u.id, o.id, oi.line_no FROM users AS u JOIN (orders AS o JOIN order_items AS oi ON oi.order_id = o.id) ON o.user_id = u.id WHERE u.id < 5 ORDER BY o.id, oi.line_no

-- case: straight_join_operator
-- differential
SELECT u.id, o.id FROM users u STRAIGHT_JOIN orders o ON o.user_id = u.id WHERE u.id = 2 ORDER BY o.id
-- expect:
SELECT u.id, o.id FROM users AS u JOIN orders AS o ON o.user_id = u.id WHERE u.id = 2 ORDER BY o.id

-- case: in_subquery
-- differential
SELECT id, email FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 100) ORDER BY id
-- expect:
SELECT id, email FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 100) ORDER BY id

-- case: not_in_subquery
-- differential
SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders) ORDER BY id
-- expect:
SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders) ORDER BY id

-- case: exists_subquery
-- differential
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.status = 'paid') ORDER BY u.id
-- expect:
SELECT u.id FROM users AS u WHERE EXISTS (SELECT 1 FROM orders AS o WHERE o.user_id = u.id AND lower(o.status) = lower('paid')) ORDER BY u.id

-- case: not_exists_subquery
-- differential
SELECT p.id FROM products p WHERE NOT EXISTS (SELECT * FROM order_items oi WHERE oi.product_id = p.id) ORDER BY p.id
-- expect:
SELECT p.id FROM products AS p WHERE NOT EXISTS (SELECT * FROM order_items AS oi WHERE oi.product_id = p.id) ORDER BY p.id

-- case: scalar_subquery_in_select
-- differential
SELECT u.id, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id) AS n FROM users u ORDER BY u.id
-- expect:
SELECT u.id, (SELECT count(*) FROM orders AS o WHERE o.user_id = u.id) AS n FROM users AS u ORDER BY u.id

-- case: scalar_subquery_in_where
-- differential
SELECT id, total FROM orders WHERE total > (SELECT AVG(total) FROM orders) ORDER BY id
-- expect:
SELECT id, total FROM orders WHERE total > (SELECT avg(total) FROM orders) ORDER BY id

-- case: any_all_subquery
-- differential
SELECT id FROM products WHERE price > ALL (SELECT price FROM products WHERE stock = 0) AND id = ANY (SELECT product_id FROM order_items) ORDER BY id
-- expect:

-- case: row_subquery_in
-- differential
SELECT order_id, line_no FROM order_items WHERE (order_id, line_no) IN ((1, 1), (2, 1), (3, 2)) ORDER BY order_id, line_no
-- expect:
SELECT order_id, line_no FROM order_items WHERE (order_id, line_no) IN ((1, 1), (2, 1), (3, 2)) ORDER BY order_id, line_no

-- case: derived_table
-- differential
SELECT t.user_id, t.n FROM (SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id) AS t WHERE t.n > 1 ORDER BY t.user_id
-- expect:
SELECT t.user_id, t.n FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) AS t WHERE t.n > 1 ORDER BY t.user_id NULLS FIRST

-- case: derived_table_without_as
-- differential
SELECT x.total FROM (SELECT total FROM orders ORDER BY total DESC LIMIT 3) x ORDER BY x.total
-- expect:
SELECT x.total FROM (SELECT total FROM orders ORDER BY total DESC LIMIT 3) AS x ORDER BY x.total NULLS FIRST

-- case: derived_join
-- differential
SELECT u.email, s.spent FROM users u JOIN (SELECT user_id, SUM(total) AS spent FROM orders GROUP BY user_id) s ON s.user_id = u.id ORDER BY s.spent DESC, u.email
-- expect:
SELECT u.email, s.spent FROM users AS u JOIN (SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id) AS s ON s.user_id = u.id ORDER BY s.spent DESC NULLS LAST, lower(u.email)

-- case: union_distinct
-- differential
SELECT user_id FROM orders UNION SELECT user_id FROM events WHERE user_id IS NOT NULL
-- expect:
SELECT user_id FROM orders UNION SELECT user_id FROM events WHERE user_id IS NOT NULL

-- case: union_all_order_limit
-- differential
SELECT id, 'user' AS src FROM users WHERE id < 3 UNION ALL SELECT id, 'order' FROM orders WHERE id < 3 ORDER BY src, id LIMIT 10
-- expect:
SELECT id, 'user' AS src FROM users WHERE id < 3 UNION ALL SELECT id, 'order' FROM orders WHERE id < 3 ORDER BY src NULLS FIRST, id NULLS FIRST LIMIT 10

-- case: union_parenthesized
-- differential
(SELECT id FROM users ORDER BY id LIMIT 2) UNION ALL (SELECT id FROM products ORDER BY id DESC LIMIT 2)
-- expect:
(SELECT id FROM users ORDER BY id LIMIT 2) UNION ALL (SELECT id FROM products ORDER BY id DESC LIMIT 2)

-- case: union_three_way
-- differential
SELECT a FROM pairs WHERE id = 1 UNION SELECT b FROM pairs WHERE id = 2 UNION ALL SELECT id FROM pairs WHERE id = 3
-- expect:
SELECT a FROM pairs WHERE id = 1 UNION SELECT b FROM pairs WHERE id = 2 UNION ALL SELECT id FROM pairs WHERE id = 3

-- case: subquery_in_from_with_union
-- differential
SELECT COUNT(*) FROM (SELECT user_id FROM orders UNION SELECT user_id FROM events) AS t
-- expect:
SELECT count(*) AS "COUNT(*)" FROM (SELECT user_id FROM orders UNION SELECT user_id FROM events) AS t

-- case: correlated_subquery_order
-- differential
SELECT u.id FROM users u ORDER BY (SELECT MAX(o.total) FROM orders o WHERE o.user_id = u.id) DESC, u.id LIMIT 5
-- expect:
SELECT u.id FROM users AS u ORDER BY (SELECT max(o.total) FROM orders AS o WHERE o.user_id = u.id) DESC NULLS LAST, u.id LIMIT 5

-- case: join_ci_text
-- known-wrong: PAD SPACE (TRANSLATOR_BUGS.md 2)
-- differential
SELECT c.name, c.hits FROM counters c JOIN users u ON u.name = c.name ORDER BY c.name
-- expect:

