-- JSON: JSON_EXTRACT, -> and ->> (MySQL 8 only), JSON_UNQUOTE, JSON_OBJECT, JSON_ARRAY, ...
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: json_extract
-- differential
SELECT id, JSON_EXTRACT(profile, '$.city') FROM users ORDER BY id
-- expect:
SELECT id, jsonb_path_query_first((profile)::jsonb, 'strict $."city"', '{}', true) AS "JSON_EXTRACT(profile, '$.city')" FROM users ORDER BY id

-- case: json_extract_nested
-- differential
SELECT id, JSON_EXTRACT(profile, '$.prefs.theme'), JSON_EXTRACT(profile, '$.tags[0]') FROM users ORDER BY id
-- expect:
SELECT id, jsonb_path_query_first((profile)::jsonb, 'strict $."prefs"."theme"', '{}', true) AS "JSON_EXTRACT(profile, '$.prefs.theme')", jsonb_path_query_first((profile)::jsonb, 'strict $."tags"[0]', '{}', true) AS "JSON_EXTRACT(profile, '$.tags[0]')" FROM users ORDER BY id

-- case: json_unquote_extract
-- differential
SELECT id, JSON_UNQUOTE(JSON_EXTRACT(profile, '$.city')) FROM users ORDER BY id
-- expect:
SELECT id, ((jsonb_path_query_first((profile)::jsonb, 'strict $."city"', '{}', true))::jsonb #>> '{}') AS "JSON_UNQUOTE(JSON_EXTRACT(profile, '$.city'))" FROM users ORDER BY id

-- case: json_extract_in_where
-- differential
SELECT id FROM users WHERE JSON_UNQUOTE(JSON_EXTRACT(profile, '$.city')) = 'Berlin' ORDER BY id
-- expect:
SELECT id FROM users WHERE ((jsonb_path_query_first((profile)::jsonb, 'strict $."city"', '{}', true))::jsonb #>> '{}') = 'Berlin' ORDER BY id

-- case: json_extract_number_compare
-- differential
SELECT id FROM events WHERE JSON_EXTRACT(payload, '$.amount') > 10 ORDER BY id
-- expect:
SELECT id FROM events WHERE (jsonb_path_query_first((payload)::jsonb, 'strict $."amount"', '{}', true))::numeric > 10 ORDER BY id

-- case: arrow_operator
-- mysql8-only
SELECT id, profile->'$.city' FROM users ORDER BY id
-- expect:
SELECT id, jsonb_path_query_first((profile)::jsonb, 'strict $."city"', '{}', true) AS "profile->'$.city'" FROM users ORDER BY id

-- case: double_arrow_operator
-- mysql8-only
SELECT id, profile->>'$.city' FROM users WHERE profile->>'$.prefs.theme' = 'dark' ORDER BY id
-- expect:
SELECT id, (jsonb_path_query_first((profile)::jsonb, 'strict $."city"', '{}', true) #>> '{}') AS "profile->>'$.city'" FROM users WHERE (jsonb_path_query_first((profile)::jsonb, 'strict $."prefs"."theme"', '{}', true) #>> '{}') = 'dark' ORDER BY id

-- case: arrow_in_order_by
-- mysql8-only
SELECT id FROM events ORDER BY payload->>'$.amount', id
-- expect:
SELECT id FROM events ORDER BY (jsonb_path_query_first((payload)::jsonb, 'strict $."amount"', '{}', true) #>> '{}') NULLS FIRST, id

-- case: json_object
-- differential
SELECT id, JSON_OBJECT('id', id, 'email', email) FROM users WHERE id < 4 ORDER BY id
-- expect:
SELECT id, jsonb_build_object('id', id, 'email', email) AS "JSON_OBJECT('id', id, 'email', email)" FROM users WHERE id < 4 ORDER BY id

-- case: json_array
-- differential
SELECT JSON_ARRAY(1, 'two', NULL, 3.5)
-- expect:
SELECT jsonb_build_array(1, 'two', NULL, 3.5) AS "JSON_ARRAY(1, 'two', NULL, 3.5)"

-- case: json_object_nested
-- differential
SELECT JSON_OBJECT('a', JSON_ARRAY(1, 2), 'b', JSON_OBJECT('c', TRUE))
-- expect:
SELECT jsonb_build_object('a', jsonb_build_array(1, 2), 'b', jsonb_build_object('c', true)) AS "JSON_OBJECT('a', JSON_ARRAY(1, 2), 'b', JSON_OBJECT('c', TRUE))"

-- case: json_valid_type
-- differential
SELECT id, JSON_VALID(payload), JSON_TYPE(payload) FROM events WHERE payload IS NOT NULL ORDER BY id
-- expect:

-- case: json_contains
-- differential
SELECT id FROM users WHERE JSON_CONTAINS(profile, '"vip"', '$.tags') ORDER BY id
-- expect:
SELECT id FROM users WHERE (jsonb_path_query_first((profile)::jsonb, 'strict $."tags"', '{}', true) @> ('"vip"')::jsonb) ORDER BY id

-- case: json_length_keys
-- differential
SELECT id, JSON_LENGTH(profile) FROM users WHERE profile IS NOT NULL ORDER BY id
-- expect:
SELECT id, CASE jsonb_typeof((profile)::jsonb) WHEN 'array' THEN jsonb_array_length((profile)::jsonb) WHEN 'object' THEN (SELECT count(*)::int FROM jsonb_object_keys((profile)::jsonb)) WHEN 'string' THEN 1 WHEN 'number' THEN 1 WHEN 'boolean' THEN 1 WHEN 'null' THEN 1 END AS "JSON_LENGTH(profile)" FROM users WHERE profile IS NOT NULL ORDER BY id

-- MySQL 8 and PostgreSQL's jsonb keep object keys sorted (by length, then bytes); MariaDB keeps
-- them as written, so JSON_KEYS' order differs there: not compared.
-- case: json_keys
SELECT id, JSON_KEYS(profile) FROM users WHERE profile IS NOT NULL ORDER BY id
-- expect:
SELECT id, CASE WHEN jsonb_typeof((profile)::jsonb) = 'object' THEN (SELECT jsonb_agg(k) FROM jsonb_object_keys((profile)::jsonb) AS k) END AS "JSON_KEYS(profile)" FROM users WHERE profile IS NOT NULL ORDER BY id

-- case: json_set
-- differential
SELECT JSON_SET('{"a": 1}', '$.b', 2)
-- expect:
SELECT jsonb_set(('{"a": 1}')::jsonb, '{"b"}', to_jsonb(2), true) AS "JSON_SET('{""a"": 1}', '$.b', 2)"

-- case: json_column_whole
-- differential
SELECT id, payload FROM events ORDER BY id
-- expect:
SELECT id, payload FROM events ORDER BY id

-- case: json_is_null
-- differential
SELECT id FROM users WHERE profile IS NULL ORDER BY id
-- expect:
SELECT id FROM users WHERE profile IS NULL ORDER BY id

-- case: json_quote
-- differential
SELECT JSON_QUOTE('a"b')
-- expect:
SELECT to_jsonb(('a"b')::text)::text AS "JSON_QUOTE('a""b')"

-- case: json_arrayagg
-- differential
SELECT user_id, JSON_ARRAYAGG(id) FROM orders WHERE user_id < 3 GROUP BY user_id ORDER BY user_id
-- expect:
SELECT user_id, jsonb_agg(id) AS "JSON_ARRAYAGG(id)" FROM orders WHERE user_id < 3 GROUP BY user_id ORDER BY user_id

-- case: json_search_path_exists
-- differential
SELECT id, JSON_CONTAINS_PATH(profile, 'one', '$.city') FROM users WHERE profile IS NOT NULL ORDER BY id
-- expect:
