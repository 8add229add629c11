-- Control-flow and string functions: CASE, IF, IFNULL, COALESCE, NULLIF, GREATEST/LEAST, CONCAT,
-- CONCAT_WS, LENGTH vs CHAR_LENGTH, LOCATE, INSTR, SUBSTRING_INDEX, LPAD/RPAD, SUBSTRING, TRIM, ...
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: case_searched
-- differential
SELECT id, CASE WHEN total > 100 THEN 'big' WHEN total > 20 THEN 'mid' ELSE 'small' END AS size FROM orders ORDER BY id
-- expect:
SELECT id, CASE WHEN total > 100 THEN 'big' WHEN total > 20 THEN 'mid' ELSE 'small' END AS size FROM orders ORDER BY id

-- case: case_simple
-- differential
SELECT id, CASE status WHEN 'paid' THEN 1 WHEN 'new' THEN 2 END FROM orders ORDER BY id
-- expect:
SELECT id, CASE lower(status) WHEN lower('paid') THEN 1 WHEN lower('new') THEN 2 END AS "CASE status WHEN 'paid' THEN 1 WHEN 'new' THEN 2 END" FROM orders ORDER BY id

-- case: case_mixed_types
-- differential
SELECT id, CASE WHEN age IS NULL THEN 'unknown' ELSE age END FROM users ORDER BY id
-- expect:
SELECT id, CASE WHEN age IS NULL THEN 'unknown' ELSE (age)::text END AS "CASE WHEN age IS NULL THEN 'unknown' ELSE age END" FROM users ORDER BY id

-- case: if_function
-- differential
SELECT id, IF(active, 'yes', 'no'), IF(age > 30, age, NULL) FROM users ORDER BY id
-- expect:
SELECT id, CASE WHEN active THEN 'yes' ELSE 'no' END AS "IF(active, 'yes', 'no')", CASE WHEN age > 30 THEN age ELSE NULL END AS "IF(age > 30, age, NULL)" FROM users ORDER BY id

-- case: if_numeric_condition
-- differential
SELECT id, IF(stock, 'in stock', 'out') FROM products ORDER BY id
-- expect:
SELECT id, CASE WHEN (stock) <> 0 THEN 'in stock' ELSE 'out' END AS "IF(stock, 'in stock', 'out')" FROM products ORDER BY id

-- case: ifnull
-- differential
SELECT id, IFNULL(name, '(none)'), IFNULL(score, 0) FROM users ORDER BY id
-- expect:
SELECT id, COALESCE(name, '(none)') AS "IFNULL(name, '(none)')", COALESCE(score, 0) AS "IFNULL(score, 0)" FROM users ORDER BY id

-- case: coalesce
-- differential
SELECT id, COALESCE(name, email, 'x') FROM users ORDER BY id
-- expect:
SELECT id, COALESCE(name, email, 'x') AS "COALESCE(name, email, 'x')" FROM users ORDER BY id

-- case: nullif
-- differential
SELECT id, NULLIF(stock, 0), NULLIF(status, 'new') FROM products JOIN orders USING (id) ORDER BY id
-- expect:
SELECT id, NULLIF(stock, 0) AS "NULLIF(stock, 0)", NULLIF(status, 'new') AS "NULLIF(status, 'new')" FROM products JOIN orders USING (id) ORDER BY id

-- case: isnull_function
-- differential
SELECT id, ISNULL(name) FROM users ORDER BY id
-- expect:
SELECT id, ((name IS NULL))::int AS "ISNULL(name)" FROM users ORDER BY id

-- case: greatest_least
-- differential
SELECT id, GREATEST(a, b), LEAST(a, b) FROM pairs ORDER BY id
-- expect:
SELECT id, CASE WHEN (a) IS NULL OR (b) IS NULL THEN NULL ELSE GREATEST(a, b) END AS "GREATEST(a, b)", CASE WHEN (a) IS NULL OR (b) IS NULL THEN NULL ELSE LEAST(a, b) END AS "LEAST(a, b)" FROM pairs ORDER BY id

-- case: greatest_with_null_literal
-- differential
SELECT GREATEST(1, NULL, 3), LEAST(2, NULL), GREATEST(1, 2, 3)
-- expect:
SELECT CASE WHEN (1) IS NULL OR (NULL) IS NULL OR (3) IS NULL THEN NULL ELSE GREATEST(1, NULL, 3) END AS "GREATEST(1, NULL, 3)", CASE WHEN (2) IS NULL OR (NULL) IS NULL THEN NULL ELSE LEAST(2, NULL) END AS "LEAST(2, NULL)", CASE WHEN (1) IS NULL OR (2) IS NULL OR (3) IS NULL THEN NULL ELSE GREATEST(1, 2, 3) END AS "GREATEST(1, 2, 3)"

-- case: greatest_strings
-- differential
SELECT id, GREATEST(status, 'm') FROM orders ORDER BY id
-- expect:

-- case: concat
-- differential
SELECT id, CONCAT(email, ' <', name, '>') FROM users ORDER BY id
-- expect:
SELECT id, (email || ' <' || name || '>') AS "CONCAT(email, ' <', name, '>')" FROM users ORDER BY id

-- case: concat_numbers
-- differential
SELECT id, CONCAT('#', id, '-', total) FROM orders ORDER BY id
-- expect:
SELECT id, ('#' || (id)::text || '-' || (total)::text) AS "CONCAT('#', id, '-', total)" FROM orders ORDER BY id

-- case: concat_null
-- differential
SELECT CONCAT('a', NULL, 'b'), CONCAT('a', 'b')
-- expect:
SELECT ('a' || (NULL)::text || 'b') AS "CONCAT('a', NULL, 'b')", ('a' || 'b') AS "CONCAT('a', 'b')"

-- case: concat_ws
-- differential
SELECT id, CONCAT_WS(', ', name, email, age) FROM users ORDER BY id
-- expect:
SELECT id, concat_ws(', ', name, email, age) AS "CONCAT_WS(', ', name, email, age)" FROM users ORDER BY id

-- case: concat_ws_null_separator
-- differential
SELECT CONCAT_WS(NULL, 'a', 'b'), CONCAT_WS('-', 'a', NULL, 'c')
-- expect:
SELECT concat_ws(NULL, 'a', 'b') AS "CONCAT_WS(NULL, 'a', 'b')", concat_ws('-', 'a', NULL, 'c') AS "CONCAT_WS('-', 'a', NULL, 'c')"

-- case: length_vs_char_length
-- differential
SELECT id, LENGTH(name), CHAR_LENGTH(name), CHARACTER_LENGTH(email) FROM users ORDER BY id
-- expect:
SELECT id, octet_length(name) AS "LENGTH(name)", char_length(name) AS "CHAR_LENGTH(name)", char_length(email) AS "CHARACTER_LENGTH(email)" FROM users ORDER BY id

-- case: length_binary
-- differential
SELECT k, LENGTH(v), OCTET_LENGTH(k) FROM blobs ORDER BY k
-- expect:
SELECT k, octet_length(v) AS "LENGTH(v)", octet_length(k) AS "OCTET_LENGTH(k)" FROM blobs ORDER BY k

-- case: locate
-- differential
SELECT id, LOCATE('@', email), LOCATE('a', email, 3), POSITION('.' IN email) FROM users ORDER BY id
-- expect:
SELECT id, strpos(lower(email), lower('@')) AS "LOCATE('@', email)", CASE WHEN strpos(substr(lower(email), 3), lower('a')) = 0 OR (3) < 1 THEN 0 ELSE strpos(substr(lower(email), 3), lower('a')) + (3) - 1 END AS "LOCATE('a', email, 3)", strpos(lower(email), lower('.')) AS "POSITION('.' IN email)" FROM users ORDER BY id

-- case: instr
-- differential
SELECT id, INSTR(email, 'example') FROM users ORDER BY id
-- expect:
SELECT id, strpos(lower(email), lower('example')) AS "INSTR(email, 'example')" FROM users ORDER BY id

-- case: substring_index
-- differential
SELECT id, SUBSTRING_INDEX(email, '@', 1), SUBSTRING_INDEX(email, '.', -1), SUBSTRING_INDEX(email, '.', -2) FROM users ORDER BY id
-- expect:
SELECT id, array_to_string((string_to_array(email, '@'))[1:1], '@') AS "SUBSTRING_INDEX(email, '@', 1)", array_to_string((string_to_array(email, '.'))[greatest(cardinality(string_to_array(email, '.')) - 0, 1):], '.') AS "SUBSTRING_INDEX(email, '.', -1)", array_to_string((string_to_array(email, '.'))[greatest(cardinality(string_to_array(email, '.')) - 1, 1):], '.') AS "SUBSTRING_INDEX(email, '.', -2)" FROM users ORDER BY id

-- case: lpad_rpad
-- differential
SELECT id, LPAD(id, 5, '0'), RPAD(status, 8, '.'), LPAD(status, 2, '*') FROM orders ORDER BY id
-- expect:
SELECT id, lpad((id)::text, 5, '0') AS "LPAD(id, 5, '0')", rpad(status, 8, '.') AS "RPAD(status, 8, '.')", lpad(status, 2, '*') AS "LPAD(status, 2, '*')" FROM orders ORDER BY id

-- case: substring_forms
-- differential
SELECT id, SUBSTRING(email, 2), SUBSTRING(email, 2, 3), SUBSTR(email FROM 3 FOR 2), SUBSTRING(email, -3) FROM users ORDER BY id
-- expect:
SELECT id, substr(email, 2) AS "SUBSTRING(email, 2)", substr(email, 2, 3) AS "SUBSTRING(email, 2, 3)", substr(email, 3, 2) AS "SUBSTR(email FROM 3 FOR 2)", CASE WHEN char_length(email) >= 3 THEN substr(email, char_length(email) - 2) ELSE '' END AS "SUBSTRING(email, -3)" FROM users ORDER BY id

-- case: left_right
-- differential
SELECT id, LEFT(sku, 3), RIGHT(sku, 2) FROM products ORDER BY id
-- expect:
SELECT id, left(sku, greatest(3, 0)) AS "LEFT(sku, 3)", right(sku, greatest(2, 0)) AS "RIGHT(sku, 2)" FROM products ORDER BY id

-- case: upper_lower
-- differential
SELECT orders.id, UPPER(name), LOWER(email), UCASE(status), LCASE(code) FROM users JOIN orders ON orders.user_id = users.id ORDER BY orders.id
-- expect:
SELECT orders.id, upper(name) AS "UPPER(name)", lower(email) AS "LOWER(email)", upper(status) AS "UCASE(status)", lower(code) AS "LCASE(code)" FROM users JOIN orders ON orders.user_id = users.id ORDER BY orders.id

-- case: trim_forms
-- differential
SELECT TRIM('  x  '), LTRIM('  x'), RTRIM('x  '), TRIM(LEADING '0' FROM '000120'), TRIM(TRAILING '.' FROM 'a..'), TRIM(BOTH 'x' FROM 'xxaxx')
-- expect:
SELECT btrim('  x  ', ' ') AS "TRIM('  x  ')", ltrim('  x', ' ') AS "LTRIM('  x')", rtrim('x  ', ' ') AS "RTRIM('x  ')", ltrim('000120', '0') AS "TRIM(LEADING '0' FROM '000120')", rtrim('a..', '.') AS "TRIM(TRAILING '.' FROM 'a..')", btrim('xxaxx', 'x') AS "TRIM(BOTH 'x' FROM 'xxaxx')"

-- case: replace
-- differential
SELECT id, REPLACE(email, '@', ' at ') FROM users ORDER BY id
-- expect:
SELECT id, replace(email, '@', ' at ') AS "REPLACE(email, '@', ' at ')" FROM users ORDER BY id

-- case: repeat_reverse_space
-- differential
SELECT REPEAT('ab', 3), REVERSE('abc'), CONCAT('[', SPACE(3), ']')
-- expect:
SELECT repeat('ab', 3) AS "REPEAT('ab', 3)", reverse('abc') AS "REVERSE('abc')", ('[' || repeat(' ', 3) || ']') AS "CONCAT('[', SPACE(3), ']')"

-- case: ascii_ord_char
-- differential
SELECT ASCII('A'), ORD('a'), CHAR(72, 105)
-- expect:

-- case: hex_unhex
-- differential
SELECT k, HEX(k), HEX(v), HEX(255), UNHEX('4142') FROM blobs ORDER BY k
-- expect:
SELECT k, upper(encode(k, 'hex')) AS "HEX(k)", upper(encode(v, 'hex')) AS "HEX(v)", upper(to_hex((255)::bigint)) AS "HEX(255)", decode('4142', 'hex') AS "UNHEX('4142')" FROM blobs ORDER BY k

-- case: strcmp
-- differential
SELECT STRCMP('a', 'b'), STRCMP('b', 'a'), STRCMP('a', 'a')
-- expect:
SELECT CASE WHEN 'a' < 'b' THEN -1 WHEN 'a' > 'b' THEN 1 WHEN 'a' = 'b' THEN 0 END AS "STRCMP('a', 'b')", CASE WHEN 'b' < 'a' THEN -1 WHEN 'b' > 'a' THEN 1 WHEN 'b' = 'a' THEN 0 END AS "STRCMP('b', 'a')", CASE WHEN 'a' < 'a' THEN -1 WHEN 'a' > 'a' THEN 1 WHEN 'a' = 'a' THEN 0 END AS "STRCMP('a', 'a')"

-- case: field_function
-- differential
SELECT id FROM orders ORDER BY FIELD(status, 'paid', 'new', 'shipped'), id
-- expect:
SELECT id FROM orders ORDER BY CASE lower(status) WHEN lower('paid') THEN 1 WHEN lower('new') THEN 2 WHEN lower('shipped') THEN 3 ELSE 0 END NULLS FIRST, id

-- case: find_in_set
-- differential
SELECT id FROM products WHERE FIND_IN_SET('sale', tags) > 0 ORDER BY id
-- expect:
SELECT id FROM products WHERE CASE WHEN ('sale') IS NULL OR (tags) IS NULL THEN NULL ELSE COALESCE(array_position(string_to_array(tags, ','), 'sale'), 0) END > 0 ORDER BY id

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
SELECT CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' WHEN 3 THEN 'c' END AS "ELT(2, 'a', 'b', 'c')", CASE 5 WHEN 1 THEN 'a' END AS "ELT(5, 'a')"

-- case: char_length_unicode_literal
-- differential
SELECT CHAR_LENGTH('naïve ☃'), LENGTH('naïve ☃')
-- expect:
SELECT char_length('naïve ☃') AS "CHAR_LENGTH('naïve ☃')", octet_length('naïve ☃') AS "LENGTH('naïve ☃')"
