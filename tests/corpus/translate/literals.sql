-- Literals: string escapes, quotes, NUL, unicode, hex/bit literals, introducers, numbers,
-- placeholders, sql_mode variants (ANSI_QUOTES, NO_BACKSLASH_ESCAPES).
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: backslash_escapes
-- differential
SELECT 'a\nb', 'tab\there', 'back\\slash', 'q\'uote', 'd\"q'
-- expect:

-- case: doubled_quotes
-- differential
SELECT 'it''s', "say ""hi"""
-- expect:

-- case: double_quoted_string
-- differential
SELECT id FROM users WHERE name = "Alice" ORDER BY id
-- expect:

-- case: mixed_quotes_inside
-- differential
SELECT "it's", 'say "hi"'
-- expect:

-- case: nul_escape
-- differential
SELECT LENGTH('a\0b'), HEX('a\0b')
-- expect:

-- case: other_escapes
-- differential
SELECT HEX('\b\r\Z'), '\x\y', 'percent \% under \_'
-- expect:

-- case: like_backslash_percent
-- differential
SELECT id FROM users WHERE name LIKE 'a\%' ORDER BY id
-- expect:

-- case: unicode_literal
-- differential
SELECT 'Grüße', '日本語', '😀', CHAR_LENGTH('😀')
-- expect:

-- case: unicode_in_where
-- differential
SELECT id FROM users WHERE name = 'Zoë' ORDER BY id
-- expect:

-- case: empty_string
-- differential
SELECT id FROM users WHERE name = '' ORDER BY id
-- expect:

-- case: adjacent_strings
-- differential
SELECT 'abc' 'def', 'x' "y"
-- expect:

-- case: national_string
-- differential
SELECT N'national', n'lower'
-- expect:

-- case: introducer_utf8mb4
-- differential
SELECT _utf8mb4'héllo', _latin1'abc'
-- expect:

-- case: introducer_with_collate
-- differential
SELECT id FROM users WHERE name = _utf8mb4'alice' COLLATE utf8mb4_bin ORDER BY id
-- expect:

-- case: introducer_binary
-- differential
SELECT _binary'abc', HEX(_binary'\0\1')
-- expect:

-- case: binary_column_string_literal
-- differential
SELECT k, HEX(v) FROM blobs WHERE k = 'key1'
-- expect:

-- case: hex_literal_x
-- differential
SELECT X'414243', x'00ff', HEX(X'')
-- expect:

-- case: hex_literal_0x
-- differential
SELECT 0x414243, HEX(0xDEADBEEF)
-- expect:

-- case: hex_literal_numeric_context
-- differential
SELECT 0x10 + 1, X'41' + 0
-- expect:

-- case: hex_compare_binary_column
-- differential
SELECT k FROM blobs WHERE h = 0x00010203 ORDER BY k
-- expect:

-- case: bit_literal
-- differential
SELECT b'1010' + 0, 0b11 + 0, HEX(b'01000001')
-- expect:

-- case: bit_column
-- differential
SELECT id, flags + 0, HEX(flags) FROM events ORDER BY id
-- expect:

-- case: bit_column_compare
-- differential
SELECT id FROM events WHERE flags = b'00000101' ORDER BY id
-- expect:

-- case: numbers
-- differential
SELECT 42, -42, 4.50, .5, 1., 1e3, 1.5E-3, 007
-- expect:

-- case: big_numbers
-- differential
SELECT 123456789012345678901234567890, 0.000000000001
-- expect:

-- case: true_false_null
-- differential
SELECT TRUE, FALSE, NULL, true + 1
-- expect:

-- case: ansi_quotes_identifiers
-- mode: ANSI_QUOTES
-- differential
SELECT "id", "email" FROM "users" WHERE "id" = 1
-- expect:

-- case: ansi_quotes_string
-- mode: ANSI_QUOTES
-- differential
SELECT "u"."id" FROM users AS "u" WHERE "u"."name" = 'Alice' ORDER BY "u"."id"
-- expect:

-- case: no_backslash_escapes
-- mode: NO_BACKSLASH_ESCAPES
-- differential
SELECT 'a\nb', 'c\\d', LENGTH('a\0')
-- expect:

-- case: no_backslash_escapes_like
-- mode: NO_BACKSLASH_ESCAPES
-- differential
SELECT id FROM users WHERE name LIKE '%\%' ORDER BY id
-- expect:

-- case: no_backslash_escapes_quote
-- mode: NO_BACKSLASH_ESCAPES
-- differential
SELECT 'x\', 'y'
-- expect:

-- case: all_modes
-- mode: ANSI_QUOTES,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT
-- differential
SELECT "name" || '\' FROM "users" WHERE "id" = 1
-- expect:

-- case: dollar_quote_chars
-- differential
SELECT '$$', '$1', 'a$$b$$'
-- expect:

-- case: comment_markers_in_string
-- differential
SELECT '-- not a comment', '/* nor */', '# this', '/*! nope */', 'semi;colon'
-- expect:

-- case: placeholders_insert
INSERT INTO users (email, name, active) VALUES (?, ?, ?)
-- expect:

-- case: placeholder_in_function
SELECT id FROM orders WHERE placed_at > DATE_SUB(?, INTERVAL 1 DAY)
-- expect:

-- case: placeholder_string_concat
SELECT CONCAT(?, name) FROM users WHERE id = ?
-- expect:

-- case: string_with_newline_raw
-- differential
SELECT 'line1
line2'
-- expect:

-- case: date_time_literals
-- differential
SELECT DATE '2024-01-02', TIME '10:11:12', TIMESTAMP '2024-01-02 10:11:12'
-- expect:

-- case: collate_clause
-- differential
SELECT id FROM users WHERE email = 'alice@example.com' COLLATE utf8mb4_bin
-- expect:

-- case: binary_operator
-- differential
SELECT id FROM users WHERE BINARY name = 'alice' ORDER BY id
-- expect:
