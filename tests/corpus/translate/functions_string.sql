-- Control-flow and string functions: CASE, IF, IFNULL, COALESCE, NULLIF, GREATEST/LEAST, CONCAT,
-- CONCAT_WS, LENGTH vs CHAR_LENGTH, LOCATE, INSTR, SUBSTRING_INDEX, LPAD/RPAD, SUBSTRING, TRIM, ...
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: case_searched
-- differential
SELECT id, CASE WHEN total > 100 THEN 'big' WHEN total > 20 THEN 'mid' ELSE 'small' END AS size FROM orders ORDER BY id
-- expect:

-- case: case_simple
-- differential
SELECT id, CASE status WHEN 'paid' THEN 1 WHEN 'new' THEN 2 END FROM orders ORDER BY id
-- expect:

-- case: case_mixed_types
-- differential
SELECT id, CASE WHEN age IS NULL THEN 'unknown' ELSE age END FROM users ORDER BY id
-- expect:

-- case: if_function
-- differential
SELECT id, IF(active, 'yes', 'no'), IF(age > 30, age, NULL) FROM users ORDER BY id
-- expect:

-- case: if_numeric_condition
-- differential
SELECT id, IF(stock, 'in stock', 'out') FROM products ORDER BY id
-- expect:

-- case: ifnull
-- differential
SELECT id, IFNULL(name, '(none)'), IFNULL(score, 0) FROM users ORDER BY id
-- expect:

-- case: coalesce
-- differential
SELECT id, COALESCE(name, email, 'x') FROM users ORDER BY id
-- expect:

-- case: nullif
-- differential
SELECT id, NULLIF(stock, 0), NULLIF(status, 'new') FROM products JOIN orders USING (id) ORDER BY id
-- expect:

-- case: isnull_function
-- differential
SELECT id, ISNULL(name) FROM users ORDER BY id
-- expect:

-- case: greatest_least
-- differential
SELECT id, GREATEST(a, b), LEAST(a, b) FROM pairs ORDER BY id
-- expect:

-- case: greatest_with_null_literal
-- differential
SELECT GREATEST(1, NULL, 3), LEAST(2, NULL), GREATEST(1, 2, 3)
-- expect:

-- case: greatest_strings
-- differential
SELECT id, GREATEST(status, 'm') FROM orders ORDER BY id
-- expect:

-- case: concat
-- differential
SELECT id, CONCAT(email, ' <', name, '>') FROM users ORDER BY id
-- expect:

-- case: concat_numbers
-- differential
SELECT id, CONCAT('#', id, '-', total) FROM orders ORDER BY id
-- expect:

-- case: concat_null
-- differential
SELECT CONCAT('a', NULL, 'b'), CONCAT('a', 'b')
-- expect:

-- case: concat_ws
-- differential
SELECT id, CONCAT_WS(', ', name, email, age) FROM users ORDER BY id
-- expect:

-- case: concat_ws_null_separator
-- differential
SELECT CONCAT_WS(NULL, 'a', 'b'), CONCAT_WS('-', 'a', NULL, 'c')
-- expect:

-- case: length_vs_char_length
-- differential
SELECT id, LENGTH(name), CHAR_LENGTH(name), CHARACTER_LENGTH(email) FROM users ORDER BY id
-- expect:

-- case: length_binary
-- differential
SELECT k, LENGTH(v), OCTET_LENGTH(k) FROM blobs ORDER BY k
-- expect:

-- case: locate
-- differential
SELECT id, LOCATE('@', email), LOCATE('a', email, 3), POSITION('.' IN email) FROM users ORDER BY id
-- expect:

-- case: instr
-- differential
SELECT id, INSTR(email, 'example') FROM users ORDER BY id
-- expect:

-- case: substring_index
-- differential
SELECT id, SUBSTRING_INDEX(email, '@', 1), SUBSTRING_INDEX(email, '.', -1), SUBSTRING_INDEX(email, '.', -2) FROM users ORDER BY id
-- expect:

-- case: lpad_rpad
-- differential
SELECT id, LPAD(id, 5, '0'), RPAD(status, 8, '.'), LPAD(status, 2, '*') FROM orders ORDER BY id
-- expect:

-- case: substring_forms
-- differential
SELECT id, SUBSTRING(email, 2), SUBSTRING(email, 2, 3), SUBSTR(email FROM 3 FOR 2), SUBSTRING(email, -3) FROM users ORDER BY id
-- expect:

-- case: left_right
-- differential
SELECT id, LEFT(sku, 3), RIGHT(sku, 2) FROM products ORDER BY id
-- expect:

-- case: upper_lower
-- differential
SELECT orders.id, UPPER(name), LOWER(email), UCASE(status), LCASE(code) FROM users JOIN orders ON orders.user_id = users.id ORDER BY orders.id
-- expect:

-- case: trim_forms
-- differential
SELECT TRIM('  x  '), LTRIM('  x'), RTRIM('x  '), TRIM(LEADING '0' FROM '000120'), TRIM(TRAILING '.' FROM 'a..'), TRIM(BOTH 'x' FROM 'xxaxx')
-- expect:

-- case: replace
-- differential
SELECT id, REPLACE(email, '@', ' at ') FROM users ORDER BY id
-- expect:

-- case: repeat_reverse_space
-- differential
SELECT REPEAT('ab', 3), REVERSE('abc'), CONCAT('[', SPACE(3), ']')
-- expect:

-- case: ascii_ord_char
-- differential
SELECT ASCII('A'), ORD('a'), CHAR(72, 105)
-- expect:

-- case: hex_unhex
-- differential
SELECT k, HEX(k), HEX(v), HEX(255), UNHEX('4142') FROM blobs ORDER BY k
-- expect:

-- case: strcmp
-- differential
SELECT STRCMP('a', 'b'), STRCMP('b', 'a'), STRCMP('a', 'a')
-- expect:

-- case: field_function
-- differential
SELECT id FROM orders ORDER BY FIELD(status, 'paid', 'new', 'shipped'), id
-- expect:

-- case: find_in_set
-- differential
SELECT id FROM products WHERE FIND_IN_SET('sale', tags) > 0 ORDER BY id
-- expect:

-- case: md5_sha
-- differential
SELECT MD5('abc'), SHA1('abc'), SHA2('abc', 256)
-- expect:

-- case: format_number
-- differential
SELECT FORMAT(1234567.891, 2), FORMAT(0.5, 0)
-- expect:

-- case: insert_function
-- differential
SELECT INSERT('Quadratic', 3, 4, 'What')
-- expect:

-- case: quote_function
-- differential
SELECT QUOTE('Don''t')
-- expect:

-- case: elt
-- differential
SELECT ELT(2, 'a', 'b', 'c'), ELT(5, 'a')
-- expect:

-- case: char_length_unicode_literal
-- differential
SELECT CHAR_LENGTH('naïve ☃'), LENGTH('naïve ☃')
-- expect:
