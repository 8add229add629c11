-- UPDATE and DELETE: single-table with ORDER BY ... LIMIT, multi-table forms.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: update_simple
UPDATE users SET name = 'Renamed' WHERE id = 1
-- expect:
UPDATE users SET name = 'Renamed' WHERE id = 1

-- case: update_two_columns
UPDATE users SET active = 0, balance = balance - 10.5 WHERE id = 2
-- expect:
UPDATE users SET active = false, balance = balance - 10.5 WHERE id = 2

-- case: update_boolean_true
UPDATE users SET active = TRUE WHERE email = 'bob@example.com'
-- expect:
UPDATE users SET active = true WHERE lower(email) = lower('bob@example.com')

-- case: update_boolean_toggle
UPDATE users SET active = NOT active WHERE id = 3
-- expect:
UPDATE users SET active = NOT active WHERE id = 3

-- case: update_all_rows
UPDATE products SET stock = stock + 1
-- expect:
UPDATE products SET stock = stock + 1

-- case: update_null
UPDATE users SET name = NULL, score = NULL WHERE id = 4
-- expect:
UPDATE users SET name = NULL, score = NULL WHERE id = 4

-- case: update_default
UPDATE users SET balance = DEFAULT WHERE id = 5
-- expect:
UPDATE users SET balance = DEFAULT WHERE id = 5

-- case: update_order_by_limit
UPDATE orders SET status = 'expired' WHERE status = 'new' ORDER BY placed_at LIMIT 10
-- expect:
UPDATE orders SET status = 'expired' WHERE (id) IN (SELECT id FROM orders WHERE lower(status) = lower('new') ORDER BY placed_at LIMIT 10)

-- case: update_limit_only
UPDATE counters SET hits = 0 WHERE hits > 100 LIMIT 1
-- expect:
UPDATE counters SET hits = 0 WHERE (name) IN (SELECT name FROM counters WHERE hits > 100 LIMIT 1)

-- case: update_column_reference_order
UPDATE pairs SET a = a + 1000, b = a WHERE id = 1
-- expect:
UPDATE pairs SET a = a + 1000, b = (a + 1000) WHERE id = 1

-- case: update_json
UPDATE users SET profile = JSON_SET(profile, '$.city', 'Paris') WHERE id = 1
-- expect:
UPDATE users SET profile = jsonb_set((profile)::jsonb, '{"city"}', to_jsonb('Paris'::text), true) WHERE id = 1

-- case: update_now
UPDATE counters SET touched = NOW(), hits = hits + 1 WHERE name = 'home'
-- expect:
UPDATE counters SET touched = LOCALTIMESTAMP(0), hits = hits + 1 WHERE lower(name) = lower('home')

-- case: update_subquery
UPDATE users SET balance = (SELECT COALESCE(SUM(total), 0) FROM orders WHERE orders.user_id = users.id) WHERE id < 10
-- expect:
UPDATE users SET balance = (SELECT COALESCE(sum(total), 0) FROM orders WHERE orders.user_id = users.id) WHERE id < 10

-- case: update_in_subquery
UPDATE products SET stock = 0 WHERE id IN (SELECT product_id FROM order_items WHERE qty > 5)
-- expect:
UPDATE products SET stock = 0 WHERE id IN (SELECT product_id FROM order_items WHERE qty > 5)

-- case: update_multi_table
UPDATE orders o JOIN users u ON u.id = o.user_id SET o.status = 'vip' WHERE u.role = 'admin'
-- expect:
UPDATE orders AS o SET status = 'vip' FROM users AS u WHERE (u.id = o.user_id) AND (lower(u.role) = lower('admin'))

-- case: update_multi_table_comma
UPDATE orders o, users u SET o.note = u.email WHERE u.id = o.user_id AND o.id < 5
-- expect:
UPDATE orders AS o SET note = u.email FROM users AS u WHERE (u.id = o.user_id AND o.id < 5)

-- case: update_multi_table_both_sides
UPDATE orders o JOIN users u ON u.id = o.user_id SET o.status = 'seen', u.logins = u.logins + 1 WHERE o.id = 1
-- expect:

-- case: update_ignore
UPDATE IGNORE pairs SET a = 1 WHERE id = 2
-- expect:

-- case: update_placeholders
UPDATE users SET name = ?, balance = ? WHERE id = ?
-- expect:
UPDATE users SET name = $1, balance = $2 WHERE id = $3

-- case: update_case_expression
UPDATE orders SET status = CASE WHEN total > 100 THEN 'big' ELSE status END WHERE id < 10
-- expect:
UPDATE orders SET status = CASE WHEN total > 100 THEN 'big' ELSE status END WHERE id < 10

-- case: update_binary
UPDATE blobs SET v = X'CAFE', h = NULL WHERE k = 'key1'
-- expect:
UPDATE blobs SET v = '\xcafe'::bytea, h = NULL WHERE k = '\x6b657931'::bytea

-- case: update_qualified_table
UPDATE app.users SET name = 'Q' WHERE id = 1
-- expect:
UPDATE app.users SET name = 'Q' WHERE id = 1

-- case: delete_simple
DELETE FROM users WHERE id = 10
-- expect:
DELETE FROM users WHERE id = 10

-- case: delete_all
DELETE FROM audit_log
-- expect:
DELETE FROM audit_log

-- case: delete_order_by_limit
DELETE FROM events WHERE kind = 'ping' ORDER BY at LIMIT 100
-- expect:
DELETE FROM events WHERE (id) IN (SELECT id FROM events WHERE lower(kind) = lower('ping') ORDER BY at LIMIT 100)

-- case: delete_limit_only
DELETE FROM audit_log WHERE actor = 'cron' LIMIT 5
-- expect:
DELETE FROM audit_log WHERE ctid = ANY (ARRAY(SELECT ctid FROM audit_log WHERE lower(actor) = lower('cron') LIMIT 5))

-- case: delete_with_alias
DELETE u FROM users AS u WHERE u.id = 11
-- expect:
DELETE FROM users AS u WHERE (u.id = 11)

-- case: delete_multi_table_join
DELETE oi FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.status = 'cancelled'
-- expect:
DELETE FROM order_items AS oi USING orders AS o WHERE (o.id = oi.order_id) AND (lower(o.status) = lower('cancelled'))

-- case: delete_multi_table_two_targets
DELETE o, oi FROM orders o JOIN order_items oi ON oi.order_id = o.id WHERE o.id = 3
-- expect:

-- case: delete_using_form
DELETE FROM oi USING order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.total = 0
-- expect:
DELETE FROM order_items AS oi USING orders AS o WHERE (o.id = oi.order_id) AND (o.total = 0)

-- case: delete_in_subquery
DELETE FROM events WHERE user_id IN (SELECT id FROM users WHERE active = 0)
-- expect:
DELETE FROM events WHERE user_id IN (SELECT id FROM users WHERE active = false)

-- case: delete_quick_ignore
DELETE QUICK IGNORE FROM counters WHERE hits = 0
-- expect:

-- case: delete_binary_key
DELETE FROM blobs WHERE k = X'00FF'
-- expect:
DELETE FROM blobs WHERE k = '\x00ff'::bytea

-- case: delete_placeholder
DELETE FROM counters WHERE name = ? LIMIT 1
-- expect:
DELETE FROM counters WHERE (name) IN (SELECT name FROM counters WHERE lower(name) = lower($1) LIMIT 1)
