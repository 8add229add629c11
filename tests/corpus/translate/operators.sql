-- Operators: IN, BETWEEN, LIKE, REGEXP, IS NULL, <=>, XOR, DIV, MOD, %, /, booleans, bit operators.
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: in_list
-- differential
SELECT id FROM users WHERE id IN (1, 3, 5, 7) ORDER BY id
-- expect:

-- case: not_in_list
-- differential
SELECT id FROM users WHERE id NOT IN (1, 2) AND id < 6 ORDER BY id
-- expect:

-- case: in_strings_ci
-- differential
SELECT id FROM orders WHERE status IN ('PAID', 'shipped') ORDER BY id
-- expect:

-- case: between
-- differential
SELECT id FROM orders WHERE total BETWEEN 10 AND 50 ORDER BY id
-- expect:

-- case: not_between_dates
-- differential
SELECT id FROM orders WHERE placed_at NOT BETWEEN '2024-01-01' AND '2024-06-30 23:59:59' ORDER BY id
-- expect:

-- case: like_prefix
-- differential
SELECT id FROM users WHERE email LIKE 'a%' ORDER BY id
-- expect:

-- case: like_case_insensitive_column
-- differential
SELECT id FROM users WHERE name LIKE 'AL%' ORDER BY id
-- expect:

-- case: like_case_sensitive_column
-- differential
SELECT id FROM orders WHERE code LIKE 'ab%' ORDER BY id
-- expect:

-- case: like_underscore
-- differential
SELECT id FROM products WHERE sku LIKE 'SK_-00_' ORDER BY id
-- expect:

-- case: like_escaped_wildcard
-- differential
SELECT id FROM users WHERE name LIKE '%\_%' ORDER BY id
-- expect:

-- case: like_escape_clause
-- differential
SELECT id FROM users WHERE name LIKE '%!%%' ESCAPE '!' ORDER BY id
-- expect:

-- case: not_like
-- differential
SELECT id FROM users WHERE email NOT LIKE '%@example.com' ORDER BY id
-- expect:

-- case: regexp
-- differential
SELECT id FROM users WHERE email REGEXP '^[a-c]' ORDER BY id
-- expect:

-- case: rlike
-- differential
SELECT id FROM products WHERE sku RLIKE '[0-9]{3}$' ORDER BY id
-- expect:

-- case: not_regexp
-- differential
SELECT id FROM orders WHERE code NOT REGEXP '^[A-Z]' ORDER BY id
-- expect:

-- case: is_null
-- differential
SELECT id FROM users WHERE name IS NULL ORDER BY id
-- expect:

-- case: is_not_null
-- differential
SELECT id FROM users WHERE score IS NOT NULL AND age IS NOT NULL ORDER BY id
-- expect:

-- case: null_safe_equal
-- differential
SELECT id FROM pairs WHERE b <=> NULL ORDER BY id
-- expect:

-- case: null_safe_equal_columns
-- differential
SELECT a.id, b.id FROM pairs a JOIN pairs b ON a.b <=> b.b ORDER BY a.id, b.id
-- expect:

-- case: null_safe_in_select
-- differential
SELECT id, b <=> 3, b = 3 FROM pairs ORDER BY id
-- expect:

-- case: xor
-- differential
SELECT id FROM users WHERE (active = 1) XOR (age > 40) ORDER BY id
-- expect:

-- case: xor_value
-- differential
SELECT 1 XOR 1, 1 XOR 0, 0 XOR NULL
-- expect:

-- case: div_operator
-- differential
SELECT id, stock DIV 3, -7 DIV 2 FROM products ORDER BY id
-- expect:

-- case: mod_operator
-- differential
SELECT id, stock MOD 4, MOD(stock, 5), stock % 6, -7 % 3 FROM products ORDER BY id
-- expect:

-- case: division_decimal
-- differential
SELECT id, stock / 4, 7 / 2, 1 / 3 FROM products ORDER BY id
-- expect:

-- case: division_by_zero
-- differential
SELECT 1 / 0, 5 DIV 0, 5 % 0, MOD(5, 0)
-- expect:

-- case: division_by_zero_column
-- differential
SELECT id, price / stock FROM products ORDER BY id
-- expect:

-- case: decimal_division_scale
-- differential
SELECT id, total / 3, total * 1.5 FROM orders ORDER BY id
-- expect:

-- case: boolean_equals_one
-- differential
SELECT id FROM users WHERE active = 1 ORDER BY id
-- expect:

-- case: boolean_equals_zero
-- differential
SELECT id FROM users WHERE active = 0 ORDER BY id
-- expect:

-- case: boolean_equals_true
-- differential
SELECT id FROM users WHERE active = TRUE ORDER BY id
-- expect:

-- case: boolean_is_false
-- differential
SELECT id FROM users WHERE active IS FALSE ORDER BY id
-- expect:

-- case: boolean_bare
-- differential
SELECT id FROM users WHERE active ORDER BY id
-- expect:

-- case: boolean_not
-- differential
SELECT id FROM users WHERE NOT active ORDER BY id
-- expect:

-- case: boolean_in_select
-- differential
SELECT id, active, active + 0 FROM users ORDER BY id
-- expect:

-- case: boolean_not_equal
-- differential
SELECT id FROM users WHERE active <> 1 ORDER BY id
-- expect:

-- case: comparison_result_value
-- differential
SELECT id, stock > 10, price = 9.99 FROM products ORDER BY id
-- expect:

-- case: logical_operators_symbols
-- differential
SELECT id FROM users WHERE active = 1 && age > 20 || id = 1 ORDER BY id
-- expect:

-- case: not_symbol
-- differential
SELECT id FROM users WHERE !(id > 3) ORDER BY id
-- expect:

-- case: pipes_as_concat_mode
-- mode: PIPES_AS_CONCAT
-- differential
SELECT id, email || '/' || id FROM users WHERE id < 4 ORDER BY id
-- expect:

-- case: bit_operators
-- differential
SELECT id, stock & 3, stock | 8, stock ^ 5, stock << 2, stock >> 1 FROM products WHERE stock >= 0 ORDER BY id
-- expect:

-- case: string_number_comparison
-- differential
SELECT id FROM users WHERE id = '3'
-- expect:

-- case: ci_equality
-- differential
SELECT id FROM users WHERE email = 'ALICE@EXAMPLE.COM'
-- expect:

-- case: cs_equality
-- differential
SELECT id FROM orders WHERE code = 'abcd0001'
-- expect:

-- case: ci_trailing_space
-- differential
SELECT id FROM users WHERE name = 'Alice ' ORDER BY id
-- expect:

-- case: ci_order_by
-- differential
SELECT name FROM users WHERE name IS NOT NULL ORDER BY name, id
-- expect:

-- case: enum_comparison
-- differential
SELECT id FROM users WHERE role = 'admin' ORDER BY id
-- expect:

-- case: interval_comparison_today
SELECT id FROM orders WHERE placed_at > NOW() - INTERVAL 7 DAY
-- expect:
