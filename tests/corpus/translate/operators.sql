-- Operators: IN, BETWEEN, LIKE, REGEXP, IS NULL, <=>, XOR, DIV, MOD, %, /, booleans, bit operators.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: in_list
-- differential
SELECT id FROM users WHERE id IN (1, 3, 5, 7) ORDER BY id
-- expect:
SELECT id FROM users WHERE id IN (1, 3, 5, 7) ORDER BY id

-- case: not_in_list
-- differential
SELECT id FROM users WHERE id NOT IN (1, 2) AND id < 6 ORDER BY id
-- expect:
SELECT id FROM users WHERE id NOT IN (1, 2) AND id < 6 ORDER BY id

-- case: in_strings_ci
-- differential
SELECT id FROM orders WHERE status IN ('PAID', 'shipped') ORDER BY id
-- expect:
SELECT id FROM orders WHERE lower(status) IN (lower('PAID'), lower('shipped')) ORDER BY id

-- case: between
-- differential
SELECT id FROM orders WHERE total BETWEEN 10 AND 50 ORDER BY id
-- expect:
SELECT id FROM orders WHERE total BETWEEN 10 AND 50 ORDER BY id

-- case: not_between_dates
-- differential
SELECT id FROM orders WHERE placed_at NOT BETWEEN '2024-01-01' AND '2024-06-30 23:59:59' ORDER BY id
-- expect:
SELECT id FROM orders WHERE placed_at NOT BETWEEN '2024-01-01' AND '2024-06-30 23:59:59' ORDER BY id

-- case: like_prefix
-- differential
SELECT id FROM users WHERE email LIKE 'a%' ORDER BY id
-- expect:
SELECT id FROM users WHERE email ILIKE 'a%' ORDER BY id

-- case: like_case_insensitive_column
-- differential
SELECT id FROM users WHERE name LIKE 'AL%' ORDER BY id
-- expect:
SELECT id FROM users WHERE name ILIKE 'AL%' ORDER BY id

-- case: like_case_sensitive_column
-- differential
SELECT id FROM orders WHERE code LIKE 'ab%' ORDER BY id
-- expect:
SELECT id FROM orders WHERE code LIKE 'ab%' ORDER BY id

-- case: like_underscore
-- differential
SELECT id FROM products WHERE sku LIKE 'SK_-00_' ORDER BY id
-- expect:
SELECT id FROM products WHERE sku ILIKE 'SK_-00_' ORDER BY id

-- case: like_escaped_wildcard
-- differential
SELECT id FROM users WHERE name LIKE '%\_%' ORDER BY id
-- expect:
SELECT id FROM users WHERE name ILIKE '%\_%' ORDER BY id

-- case: like_escape_clause
-- differential
SELECT id FROM users WHERE name LIKE '%!%%' ESCAPE '!' ORDER BY id
-- expect:
SELECT id FROM users WHERE name ILIKE '%!%%' ESCAPE '!' ORDER BY id

-- case: not_like
-- differential
SELECT id FROM users WHERE email NOT LIKE '%@example.com' ORDER BY id
-- expect:
SELECT id FROM users WHERE email NOT ILIKE '%@example.com' ORDER BY id

-- case: regexp
-- differential
SELECT id FROM users WHERE email REGEXP '^[a-c]' ORDER BY id
-- expect:
SELECT id FROM users WHERE email ~* '^[a-c]' ORDER BY id

-- case: rlike
-- differential
SELECT id FROM products WHERE sku RLIKE '[0-9]{3}$' ORDER BY id
-- expect:
SELECT id FROM products WHERE sku ~* '[0-9]{3}$' ORDER BY id

-- case: not_regexp
-- differential
SELECT id FROM orders WHERE code NOT REGEXP '^[A-Z]' ORDER BY id
-- expect:
SELECT id FROM orders WHERE code !~ '^[A-Z]' ORDER BY id

-- case: is_null
-- differential
SELECT id FROM users WHERE name IS NULL ORDER BY id
-- expect:
SELECT id FROM users WHERE name IS NULL ORDER BY id

-- case: is_not_null
-- differential
SELECT id FROM users WHERE score IS NOT NULL AND age IS NOT NULL ORDER BY id
-- expect:
SELECT id FROM users WHERE score IS NOT NULL AND age IS NOT NULL ORDER BY id

-- case: null_safe_equal
-- differential
SELECT id FROM pairs WHERE b <=> NULL ORDER BY id
-- expect:
SELECT id FROM pairs WHERE b IS NOT DISTINCT FROM NULL ORDER BY id

-- case: null_safe_equal_columns
-- differential
SELECT a.id, b.id FROM pairs a JOIN pairs b ON a.b <=> b.b ORDER BY a.id, b.id
-- expect:
SELECT a.id, b.id FROM pairs AS a JOIN pairs AS b ON a.b IS NOT DISTINCT FROM b.b ORDER BY a.id, b.id

-- case: null_safe_in_select
-- differential
SELECT id, b <=> 3, b = 3 FROM pairs ORDER BY id
-- expect:
SELECT id, (b IS NOT DISTINCT FROM 3)::int AS "b <=> 3", (b = 3)::int AS "b = 3" FROM pairs ORDER BY id

-- case: xor
-- differential
SELECT id FROM users WHERE (active = 1) XOR (age > 40) ORDER BY id
-- expect:
SELECT id FROM users WHERE (active = true) <> (age > 40) ORDER BY id

-- case: xor_value
-- differential
SELECT 1 XOR 1, 1 XOR 0, 0 XOR NULL
-- expect:
SELECT (((1) <> 0) <> ((1) <> 0))::int AS "1 XOR 1", (((1) <> 0) <> ((0) <> 0))::int AS "1 XOR 0", (((0) <> 0) <> (NULL))::int AS "0 XOR NULL"

-- case: div_operator
-- differential
SELECT id, stock DIV 3, -7 DIV 2 FROM products ORDER BY id
-- expect:
SELECT id, div((stock)::numeric, NULLIF(3, 0)::numeric) AS "stock DIV 3", div((-7)::numeric, NULLIF(2, 0)::numeric) AS "-7 DIV 2" FROM products ORDER BY id

-- case: mod_operator
-- differential
SELECT id, stock MOD 4, MOD(stock, 5), stock % 6, -7 % 3 FROM products ORDER BY id
-- expect:
SELECT id, mod((stock)::numeric, NULLIF(4, 0)::numeric) AS "stock MOD 4", mod((stock)::numeric, NULLIF(5, 0)::numeric) AS "MOD(stock, 5)", mod((stock)::numeric, NULLIF(6, 0)::numeric) AS "stock % 6", mod((-7)::numeric, NULLIF(3, 0)::numeric) AS "-7 % 3" FROM products ORDER BY id

-- case: division_decimal
-- differential
SELECT id, stock / 4, 7 / 2, 1 / 3 FROM products ORDER BY id
-- expect:
SELECT id, (stock)::numeric / NULLIF(4, 0) AS "stock / 4", (7)::numeric / NULLIF(2, 0) AS "7 / 2", (1)::numeric / NULLIF(3, 0) AS "1 / 3" FROM products ORDER BY id

-- case: division_by_zero
-- differential
SELECT 1 / 0, 5 DIV 0, 5 % 0, MOD(5, 0)
-- expect:
SELECT (1)::numeric / NULLIF(0, 0) AS "1 / 0", div((5)::numeric, NULLIF(0, 0)::numeric) AS "5 DIV 0", mod((5)::numeric, NULLIF(0, 0)::numeric) AS "5 % 0", mod((5)::numeric, NULLIF(0, 0)::numeric) AS "MOD(5, 0)"

-- case: division_by_zero_column
-- differential
SELECT id, price / stock FROM products ORDER BY id
-- expect:
SELECT id, (price)::numeric / NULLIF(stock, 0) AS "price / stock" FROM products ORDER BY id

-- case: decimal_division_scale
-- differential
SELECT id, total / 3, total * 1.5 FROM orders ORDER BY id
-- expect:
SELECT id, (total)::numeric / NULLIF(3, 0) AS "total / 3", total * 1.5 AS "total * 1.5" FROM orders ORDER BY id

-- case: boolean_equals_one
-- differential
SELECT id FROM users WHERE active = 1 ORDER BY id
-- expect:
SELECT id FROM users WHERE active = true ORDER BY id

-- case: boolean_equals_zero
-- differential
SELECT id FROM users WHERE active = 0 ORDER BY id
-- expect:
SELECT id FROM users WHERE active = false ORDER BY id

-- case: boolean_equals_true
-- differential
SELECT id FROM users WHERE active = TRUE ORDER BY id
-- expect:
SELECT id FROM users WHERE active = true ORDER BY id

-- case: boolean_is_false
-- differential
SELECT id FROM users WHERE active IS FALSE ORDER BY id
-- expect:
SELECT id FROM users WHERE active IS FALSE ORDER BY id

-- case: boolean_bare
-- differential
SELECT id FROM users WHERE active ORDER BY id
-- expect:
SELECT id FROM users WHERE active ORDER BY id

-- case: boolean_not
-- differential
SELECT id FROM users WHERE NOT active ORDER BY id
-- expect:
SELECT id FROM users WHERE NOT active ORDER BY id

-- case: boolean_in_select
-- differential
SELECT id, active, active + 0 FROM users ORDER BY id
-- expect:
SELECT id, active, (active)::int + 0 AS "active + 0" FROM users ORDER BY id

-- case: boolean_not_equal
-- differential
SELECT id FROM users WHERE active <> 1 ORDER BY id
-- expect:
SELECT id FROM users WHERE active <> true ORDER BY id

-- case: comparison_result_value
-- differential
SELECT id, stock > 10, price = 9.99 FROM products ORDER BY id
-- expect:
SELECT id, (stock > 10)::int AS "stock > 10", (price = 9.99)::int AS "price = 9.99" FROM products ORDER BY id

-- case: logical_operators_symbols
-- differential
SELECT id FROM users WHERE active = 1 && age > 20 || id = 1 ORDER BY id
-- expect:
SELECT id FROM users WHERE active = true AND age > 20 OR id = 1 ORDER BY id

-- case: not_symbol
-- differential
SELECT id FROM users WHERE !(id > 3) ORDER BY id
-- expect:
SELECT id FROM users WHERE NOT id > 3 ORDER BY id

-- case: pipes_as_concat_mode
-- mode: PIPES_AS_CONCAT
-- differential
SELECT id, email || '/' || id FROM users WHERE id < 4 ORDER BY id
-- expect:
SELECT id, email || '/' || (id)::text AS "email || '/' || id" FROM users WHERE id < 4 ORDER BY id

-- case: bit_operators
-- differential
SELECT id, stock & 3, stock | 8, stock ^ 5, stock << 2, stock >> 1 FROM products WHERE stock >= 0 ORDER BY id
-- expect:
SELECT id, (stock)::bigint & (3)::bigint AS "stock & 3", (stock)::bigint | (8)::bigint AS "stock | 8", (stock)::bigint # (5)::bigint AS "stock ^ 5", (stock)::bigint << (2)::int AS "stock << 2", (stock)::bigint >> (1)::int AS "stock >> 1" FROM products WHERE stock >= 0 ORDER BY id

-- case: string_number_comparison
-- differential
SELECT id FROM users WHERE id = '3'
-- expect:
SELECT id FROM users WHERE id = 3

-- case: ci_equality
-- differential
SELECT id FROM users WHERE email = 'ALICE@EXAMPLE.COM'
-- expect:
SELECT id FROM users WHERE lower(email) = lower('ALICE@EXAMPLE.COM')

-- case: cs_equality
-- differential
SELECT id FROM orders WHERE code = 'abcd0001'
-- expect:
SELECT id FROM orders WHERE code = 'abcd0001'

-- case: ci_trailing_space
-- known-wrong: PAD SPACE (TRANSLATOR_BUGS.md 2)
-- differential
SELECT id FROM users WHERE name = 'Alice ' ORDER BY id
-- expect:

-- case: ci_order_by
-- known-wrong: _ci ordering is accent-insensitive in MySQL (TRANSLATOR_BUGS.md 12)
-- differential
SELECT name FROM users WHERE name IS NOT NULL ORDER BY name, id
-- expect:

-- case: enum_comparison
-- differential
SELECT id FROM users WHERE role = 'admin' ORDER BY id
-- expect:
SELECT id FROM users WHERE lower(role) = lower('admin') ORDER BY id

-- case: interval_comparison_today
SELECT id FROM orders WHERE placed_at > NOW() - INTERVAL 7 DAY
-- expect:
SELECT id FROM orders WHERE placed_at > (LOCALTIMESTAMP(0)) - (7) * INTERVAL '1 day'
