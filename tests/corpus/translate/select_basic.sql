-- SELECT basics: projections, WHERE, ORDER BY, LIMIT forms, DISTINCT, aliases, identifiers.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: point_select
-- differential
SELECT id, email, name FROM users WHERE id = 1
-- expect:
SELECT id, email, name FROM users WHERE id = 1

-- case: star
-- differential
SELECT * FROM pairs ORDER BY id
-- expect:
SELECT * FROM pairs ORDER BY id

-- case: qualified_star
-- differential
SELECT u.* FROM users AS u WHERE u.id < 4 ORDER BY u.id
-- expect:
SELECT u.* FROM users AS u WHERE u.id < 4 ORDER BY u.id

-- case: trailing_semicolon
-- differential
SELECT id FROM users WHERE id = 2;
-- expect:
SELECT id FROM users WHERE id = 2

-- case: schema_qualified
SELECT id, sku FROM app.products WHERE id = 3
-- expect:
SELECT id, sku FROM app.products WHERE id = 3

-- case: backtick_schema_table_column
SELECT `u`.`id`, `u`.`email` FROM `app`.`users` `u` WHERE `u`.`id` = 5
-- expect:
SELECT u.id, u.email FROM app.users AS u WHERE u.id = 5

-- case: mixed_case_identifiers
-- differential
SELECT ID, Email, NAME FROM users WHERE Id = 3
-- expect:
SELECT id AS "ID", email AS "Email", name AS "NAME" FROM users WHERE id = 3

-- case: mixed_case_alias
-- differential
SELECT U.Id AS UserId, U.Name AS `DisplayName` FROM users U WHERE U.id IN (1, 2) ORDER BY UserId
-- expect:
SELECT u.id AS "UserId", u.name AS "DisplayName" FROM users AS u WHERE u.id IN (1, 2) ORDER BY "UserId" NULLS FIRST

-- case: keyword_column_alias
-- differential
SELECT id AS `order`, name AS `select`, email AS `user` FROM users WHERE id = 1
-- expect:
SELECT id AS "order", name AS "select", email AS "user" FROM users WHERE id = 1

-- case: alias_with_space
-- differential
SELECT id AS `user id`, email AS `e-mail` FROM users WHERE id = 2
-- expect:
SELECT id AS "user id", email AS "e-mail" FROM users WHERE id = 2

-- case: doubled_backtick_alias
-- differential
SELECT id AS `a``b` FROM users WHERE id = 1
-- expect:
SELECT id AS "a`b" FROM users WHERE id = 1

-- case: string_alias
-- differential
SELECT id AS 'ident', name "label" FROM users WHERE id = 1
-- expect:
SELECT id AS ident, name AS label FROM users WHERE id = 1

-- case: order_by_desc_limit
-- differential
SELECT id, total FROM orders ORDER BY total DESC, id DESC LIMIT 5
-- expect:
SELECT id, total FROM orders ORDER BY total DESC, id DESC LIMIT 5

-- case: limit_offset_comma
-- differential
SELECT id FROM users ORDER BY id LIMIT 5, 10
-- expect:
SELECT id FROM users ORDER BY id LIMIT 10 OFFSET 5

-- case: limit_offset_keyword
-- differential
SELECT id FROM users ORDER BY id LIMIT 10 OFFSET 5
-- expect:
SELECT id FROM users ORDER BY id LIMIT 10 OFFSET 5

-- case: limit_zero
-- differential
SELECT id FROM users ORDER BY id LIMIT 0
-- expect:
SELECT id FROM users ORDER BY id LIMIT 0

-- case: limit_placeholders
SELECT id FROM users ORDER BY id LIMIT ?, ?
-- expect:
SELECT id FROM users ORDER BY id LIMIT $2 OFFSET $1

-- case: order_by_position
-- differential
SELECT name, id FROM users ORDER BY 2 DESC LIMIT 3
-- expect:
SELECT name, id FROM users ORDER BY 2 DESC NULLS LAST LIMIT 3

-- case: order_by_alias
-- differential
SELECT id, balance * 2 AS doubled FROM users ORDER BY doubled DESC, id LIMIT 4
-- expect:
SELECT id, balance * 2 AS doubled FROM users ORDER BY doubled DESC NULLS LAST, id LIMIT 4

-- case: order_by_nulls_default
-- known-wrong: _ci ordering is accent-insensitive in MySQL (TRANSLATOR_BUGS.md 12)
-- differential
SELECT id, name FROM users ORDER BY name, id
-- expect:

-- case: order_by_nulls_desc
-- differential
SELECT id, score FROM users ORDER BY score DESC, id
-- expect:
SELECT id, score FROM users ORDER BY score DESC NULLS LAST, id

-- case: order_by_expression
-- differential
SELECT id, stock FROM products ORDER BY stock % 7, id
-- expect:
SELECT id, stock FROM products ORDER BY mod((stock)::numeric, NULLIF(7, 0)::numeric) NULLS FIRST, id

-- case: distinct
-- known-wrong: DISTINCT on a _ci column must fold case (TRANSLATOR_BUGS.md 1)
-- differential
SELECT DISTINCT status FROM orders
-- expect:

-- case: distinct_two_columns
-- differential
SELECT DISTINCT user_id, status FROM orders
-- expect:
SELECT DISTINCT user_id, status FROM orders

-- case: count_distinct
-- differential
SELECT COUNT(DISTINCT user_id) FROM orders
-- expect:
SELECT count(DISTINCT user_id) AS "COUNT(DISTINCT user_id)" FROM orders

-- case: select_without_from
-- differential
SELECT 1 + 2, 'abc', 4.50
-- expect:
SELECT 1 + 2 AS "1 + 2", 'abc' AS "abc", 4.50 AS "4.50"

-- case: select_from_dual
-- differential
SELECT 1 FROM DUAL
-- expect:
SELECT 1 AS "1"

-- case: where_and_or_not
-- differential
SELECT id FROM users WHERE (active = 1 AND age > 30) OR NOT (balance >= 100) ORDER BY id
-- expect:
SELECT id FROM users WHERE active = true AND age > 30 OR NOT balance >= 100 ORDER BY id

-- case: where_not_equal_forms
-- differential
SELECT id FROM orders WHERE status != 'paid' AND status <> 'cancelled' ORDER BY id
-- expect:
SELECT id FROM orders WHERE lower(status) <> lower('paid') AND lower(status) <> lower('cancelled') ORDER BY id

-- case: where_comparisons_chain
-- differential
SELECT id FROM products WHERE price > 10 AND price <= 100 AND stock >= 0 AND id < 20 ORDER BY id
-- expect:
SELECT id FROM products WHERE price > 10 AND price <= 100 AND stock >= 0 AND id < 20 ORDER BY id

-- case: arithmetic_precedence
-- differential
SELECT id, 2 + 3 * stock - 1, -stock, (2 + 3) * stock FROM products WHERE id <= 5 ORDER BY id
-- expect:
SELECT id, 2 + 3 * stock - 1 AS "2 + 3 * stock - 1", -stock AS "-stock", (2 + 3) * stock AS "(2 + 3) * stock" FROM products WHERE id <= 5 ORDER BY id

-- case: unary_minus_literal
-- differential
SELECT id FROM pairs WHERE a > -5 AND b <> - 3 ORDER BY id
-- expect:
SELECT id FROM pairs WHERE a > -5 AND b <> -3 ORDER BY id

-- case: count_star
-- differential
SELECT COUNT(*) FROM orders
-- expect:
SELECT count(*) AS "COUNT(*)" FROM orders

-- case: count_column_nulls
-- differential
SELECT COUNT(name), COUNT(score), COUNT(1) FROM users
-- expect:
SELECT count(name) AS "COUNT(name)", count(score) AS "COUNT(score)", count(1) AS "COUNT(1)" FROM users

-- case: for_update
SELECT name, hits FROM counters WHERE name = 'home' FOR UPDATE
-- expect:
SELECT name, hits FROM counters WHERE lower(name) = lower('home') FOR UPDATE

-- case: lock_in_share_mode
SELECT id FROM users WHERE id = 1 LOCK IN SHARE MODE
-- expect:
SELECT id FROM users WHERE id = 1 FOR SHARE

-- case: comments_everywhere
-- differential
SELECT /* inline */ id -- trailing
FROM users # hash comment
WHERE id = 1 /* end */
-- expect:
SELECT id FROM users WHERE id = 1

-- case: executable_comment
-- differential
SELECT /*!40001 SQL_NO_CACHE */ id FROM users WHERE id = 1
-- expect:
SELECT id FROM users WHERE id = 1

-- case: optimizer_hint
-- differential
SELECT /*+ MAX_EXECUTION_TIME(1000) */ id FROM users WHERE id = 1
-- expect:
SELECT id FROM users WHERE id = 1

-- case: index_hint
-- known-wrong: PAD SPACE (TRANSLATOR_BUGS.md 2)
-- differential
SELECT id FROM users USE INDEX (ix_users_name) WHERE name = 'Alice' ORDER BY id
-- expect:

-- case: force_index
-- differential
SELECT id FROM orders FORCE INDEX (ix_orders_user) WHERE user_id = 3 ORDER BY id
-- expect:
SELECT id FROM orders WHERE user_id = 3 ORDER BY id

-- case: straight_join_keyword
-- differential
SELECT STRAIGHT_JOIN u.id, o.id FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = 1 ORDER BY o.id
-- expect:
SELECT u.id, o.id FROM users AS u JOIN orders AS o ON o.user_id = u.id WHERE u.id = 1 ORDER BY o.id

-- case: sql_calc_found_rows
SELECT SQL_CALC_FOUND_ROWS id FROM users ORDER BY id LIMIT 3
-- expect:
SELECT id, count(*) OVER () AS switchyard_found_rows FROM users ORDER BY id LIMIT 3

-- case: found_rows
SELECT FOUND_ROWS()
-- expect:

-- case: high_priority
-- differential
SELECT HIGH_PRIORITY id FROM users WHERE id = 1
-- expect:
SELECT id FROM users WHERE id = 1

-- case: placeholder_where
SELECT id, email FROM users WHERE id = ? AND active = ?
-- expect:
SELECT id, email FROM users WHERE id = $1 AND active = $2

-- case: placeholder_in_list
SELECT id FROM users WHERE id IN (?, ?, ?)
-- expect:
SELECT id FROM users WHERE id IN ($1, $2, $3)

-- case: placeholder_like
SELECT id FROM users WHERE email LIKE ?
-- expect:
SELECT id FROM users WHERE email ILIKE $1
