-- Date and time: DATE_FORMAT, STR_TO_DATE, DATE_ADD/DATE_SUB/INTERVAL, UNIX_TIMESTAMP,
-- FROM_UNIXTIME, TIMESTAMPDIFF, DATEDIFF, CURDATE, NOW family, extraction functions.
-- Sessions run with time_zone '+00:00' (MariaDB) and TimeZone 'UTC' (PostgreSQL).
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: date_format_common
-- differential
SELECT id, DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i:%s') FROM orders ORDER BY id
-- expect:
SELECT id, to_char((placed_at), 'YYYY"-"MM"-"DD" "HH24":"MI":"SS') AS "DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i:%s')" FROM orders ORDER BY id

-- case: date_format_names
-- differential
SELECT id, DATE_FORMAT(placed_at, '%W %M %e %Y, %l:%i %p') FROM orders ORDER BY id
-- expect:
SELECT id, to_char((placed_at), 'FMDay" "FMMonth" "FMDD" "YYYY", "FMHH12":"MI" "AM') AS "DATE_FORMAT(placed_at, '%W %M %e %Y, %l:%i %p')" FROM orders ORDER BY id

-- case: date_format_short_parts
-- differential
SELECT id, DATE_FORMAT(placed_at, '%y/%c/%d %k.%f %a %b %j') FROM orders ORDER BY id
-- expect:
SELECT id, to_char((placed_at), 'YY"/"FMMM"/"DD" "FMHH24"."US" "Dy" "Mon" "DDD') AS "DATE_FORMAT(placed_at, '%y/%c/%d %k.%f %a %b %j')" FROM orders ORDER BY id

-- case: date_format_percent_literal
-- differential
SELECT DATE_FORMAT('2024-03-05 07:08:09', '100%% on %D at %T (%r)')
-- expect:
SELECT to_char(('2024-03-05 07:08:09')::timestamp, '"100% on "FMDDth" at "HH24:MI:SS" ("HH12:MI:SS AM")"') AS "DATE_FORMAT('2024-03-05 07:08:09', '100%% on %D at %T (%r)')"

-- case: date_format_date_column
-- differential
SELECT id, DATE_FORMAT(released, '%d.%m.%Y') FROM products ORDER BY id
-- expect:
SELECT id, to_char((released), 'DD"."MM"."YYYY') AS "DATE_FORMAT(released, '%d.%m.%Y')" FROM products ORDER BY id

-- case: str_to_date
-- differential
SELECT STR_TO_DATE('05/03/2024', '%d/%m/%Y'), STR_TO_DATE('2024-03-05 14:30:00', '%Y-%m-%d %H:%i:%s')
-- expect:
SELECT to_date('05/03/2024', 'DD"/"MM"/"YYYY') AS "STR_TO_DATE('05/03/2024', '%d/%m/%Y')", to_timestamp('2024-03-05 14:30:00', 'YYYY"-"MM"-"DD" "HH24":"MI":"SS')::timestamp AS "STR_TO_DATE('2024-03-05 14:30:00', '%Y-%m-%d %H:%i:%s')"

-- case: str_to_date_invalid
-- known-wrong: to_date raises where STR_TO_DATE returns NULL (TRANSLATOR_BUGS.md 8)
-- differential
SELECT STR_TO_DATE('not a date', '%Y-%m-%d')
-- expect:

-- case: date_add_day
-- differential
SELECT id, DATE_ADD(placed_at, INTERVAL 1 DAY) FROM orders ORDER BY id
-- expect:
SELECT id, (placed_at) + (1) * INTERVAL '1 day' AS "DATE_ADD(placed_at, INTERVAL 1 DAY)" FROM orders ORDER BY id

-- case: date_sub_month
-- differential
SELECT DATE_SUB('2024-03-31', INTERVAL 1 MONTH), DATE_ADD('2024-01-31', INTERVAL 1 MONTH)
-- expect:
SELECT (('2024-03-31')::date - (1) * INTERVAL '1 month')::date AS "DATE_SUB('2024-03-31', INTERVAL 1 MONTH)", (('2024-01-31')::date + (1) * INTERVAL '1 month')::date AS "DATE_ADD('2024-01-31', INTERVAL 1 MONTH)"

-- case: date_add_units
-- differential
SELECT DATE_ADD('2024-01-01 00:00:00', INTERVAL 90 MINUTE), DATE_ADD('2024-01-01', INTERVAL 2 WEEK), DATE_ADD('2024-01-01', INTERVAL 1 YEAR), DATE_ADD('2024-01-01 00:00:00', INTERVAL 30 SECOND)
-- expect:
SELECT ('2024-01-01 00:00:00')::timestamp + (90) * INTERVAL '1 minute' AS "DATE_ADD('2024-01-01 00:00:00', INTERVAL 90 MINUTE)", (('2024-01-01')::date + (2) * INTERVAL '7 days')::date AS "DATE_ADD('2024-01-01', INTERVAL 2 WEEK)", (('2024-01-01')::date + (1) * INTERVAL '1 year')::date AS "DATE_ADD('2024-01-01', INTERVAL 1 YEAR)", ('2024-01-01 00:00:00')::timestamp + (30) * INTERVAL '1 second' AS "DATE_ADD('2024-01-01 00:00:00', INTERVAL 30 SECOND)"

-- case: date_add_compound_unit
-- differential
SELECT DATE_ADD('2024-01-01 00:00:00', INTERVAL '1:30' HOUR_MINUTE), DATE_ADD('2024-01-01', INTERVAL '1-2' YEAR_MONTH)
-- expect:
SELECT ('2024-01-01 00:00:00')::timestamp + INTERVAL '1 hours 30 minutes' AS "DATE_ADD('2024-01-01 00:00:00', INTERVAL '1:30' HOUR_MINUTE)", (('2024-01-01')::date + INTERVAL '1 years 2 months')::date AS "DATE_ADD('2024-01-01', INTERVAL '1-2' YEAR_MONTH)"

-- case: interval_plus_operator
-- differential
SELECT id, placed_at + INTERVAL 3 HOUR, placed_at - INTERVAL 1 QUARTER FROM orders ORDER BY id
-- expect:
SELECT id, (placed_at) + (3) * INTERVAL '1 hour' AS "placed_at + INTERVAL 3 HOUR", (placed_at) - (1) * INTERVAL '3 months' AS "placed_at - INTERVAL 1 QUARTER" FROM orders ORDER BY id

-- case: interval_negative
-- differential
SELECT DATE_ADD('2024-03-01', INTERVAL -1 DAY)
-- expect:
SELECT (('2024-03-01')::date + (-1) * INTERVAL '1 day')::date AS "DATE_ADD('2024-03-01', INTERVAL -1 DAY)"

-- case: interval_column_amount
-- differential
SELECT id, DATE_ADD(released, INTERVAL stock DAY) FROM products WHERE released IS NOT NULL ORDER BY id
-- expect:
SELECT id, ((released) + (stock) * INTERVAL '1 day')::date AS "DATE_ADD(released, INTERVAL stock DAY)" FROM products WHERE released IS NOT NULL ORDER BY id

-- case: adddate_subdate
-- differential
SELECT ADDDATE('2024-01-01', 10), SUBDATE('2024-01-01', INTERVAL 1 DAY)
-- expect:
SELECT (('2024-01-01')::date + (10) * INTERVAL '1 day')::date AS "ADDDATE('2024-01-01', 10)", (('2024-01-01')::date - (1) * INTERVAL '1 day')::date AS "SUBDATE('2024-01-01', INTERVAL 1 DAY)"

-- case: unix_timestamp_column
-- differential
SELECT id, UNIX_TIMESTAMP(placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, EXTRACT(EPOCH FROM (placed_at) AT TIME ZONE current_setting('TimeZone')) AS "UNIX_TIMESTAMP(placed_at)" FROM orders ORDER BY id

-- case: unix_timestamp_literal
-- differential
SELECT UNIX_TIMESTAMP('2024-01-01 00:00:00')
-- expect:
SELECT EXTRACT(EPOCH FROM ('2024-01-01 00:00:00')::timestamp AT TIME ZONE current_setting('TimeZone')) AS "UNIX_TIMESTAMP('2024-01-01 00:00:00')"

-- case: unix_timestamp_now
SELECT UNIX_TIMESTAMP()
-- expect:
SELECT floor(EXTRACT(EPOCH FROM now()))::bigint AS "UNIX_TIMESTAMP()"

-- case: from_unixtime
-- differential
SELECT FROM_UNIXTIME(1700000000), FROM_UNIXTIME(1700000000, '%Y-%m-%d')
-- expect:
SELECT to_timestamp(1700000000)::timestamp AS "FROM_UNIXTIME(1700000000)", to_char(to_timestamp(1700000000)::timestamp, 'YYYY"-"MM"-"DD') AS "FROM_UNIXTIME(1700000000, '%Y-%m-%d')"

-- case: timestampdiff
-- differential
SELECT id, TIMESTAMPDIFF(DAY, placed_at, '2025-01-01'), TIMESTAMPDIFF(MONTH, '2024-01-31', placed_at), TIMESTAMPDIFF(SECOND, '2024-01-01', placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, trunc((EXTRACT(EPOCH FROM ('2025-01-01')::timestamp) - EXTRACT(EPOCH FROM (placed_at))) / 86400)::bigint AS "TIMESTAMPDIFF(DAY, placed_at, '2025-01-01')", trunc((EXTRACT(YEAR FROM age((placed_at), ('2024-01-31')::timestamp)) * 12 + EXTRACT(MONTH FROM age((placed_at), ('2024-01-31')::timestamp))))::bigint AS "TIMESTAMPDIFF(MONTH, '2024-01-31', placed_at)", trunc((EXTRACT(EPOCH FROM (placed_at)) - EXTRACT(EPOCH FROM ('2024-01-01')::timestamp)))::bigint AS "TIMESTAMPDIFF(SECOND, '2024-01-01', placed_at)" FROM orders ORDER BY id

-- case: timestampdiff_year
-- differential
SELECT TIMESTAMPDIFF(YEAR, '2000-02-29', '2024-02-28'), TIMESTAMPDIFF(HOUR, '2024-01-01 00:00:00', '2024-01-01 05:59:59')
-- expect:
SELECT trunc((EXTRACT(YEAR FROM age(('2024-02-28')::timestamp, ('2000-02-29')::timestamp)) * 12 + EXTRACT(MONTH FROM age(('2024-02-28')::timestamp, ('2000-02-29')::timestamp))) / 12)::bigint AS "TIMESTAMPDIFF(YEAR, '2000-02-29', '2024-02-28')", trunc((EXTRACT(EPOCH FROM ('2024-01-01 05:59:59')::timestamp) - EXTRACT(EPOCH FROM ('2024-01-01 00:00:00')::timestamp)) / 3600)::bigint AS "TIMESTAMPDIFF(HOUR, '2024-01-01 00:00:00', '2024-01-01 05:59:59')"

-- case: timestampadd
-- differential
SELECT TIMESTAMPADD(MINUTE, 15, '2024-01-01 10:00:00')
-- expect:
SELECT ('2024-01-01 10:00:00')::timestamp + (15) * INTERVAL '1 minute' AS "TIMESTAMPADD(MINUTE, 15, '2024-01-01 10:00:00')"

-- case: datediff
-- differential
SELECT id, DATEDIFF('2025-01-01', placed_at), DATEDIFF(placed_at, '2024-01-01 23:59:59') FROM orders ORDER BY id
-- expect:
SELECT id, (('2025-01-01')::date - (placed_at)::date) AS "DATEDIFF('2025-01-01', placed_at)", ((placed_at)::date - ('2024-01-01 23:59:59')::date) AS "DATEDIFF(placed_at, '2024-01-01 23:59:59')" FROM orders ORDER BY id

-- case: curdate_now
SELECT CURDATE(), CURRENT_DATE, CURRENT_DATE(), NOW(), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), LOCALTIMESTAMP
-- expect:
SELECT CURRENT_DATE AS "CURDATE()", CURRENT_DATE AS "CURRENT_DATE", CURRENT_DATE AS "CURRENT_DATE()", LOCALTIMESTAMP(0) AS "NOW()", LOCALTIMESTAMP(0) AS "CURRENT_TIMESTAMP", LOCALTIMESTAMP(0) AS "CURRENT_TIMESTAMP()", LOCALTIMESTAMP(0) AS "LOCALTIMESTAMP"

-- case: now_fraction
SELECT NOW(3), NOW(6), CURTIME(), UTC_TIMESTAMP()
-- expect:
SELECT LOCALTIMESTAMP(3) AS "NOW(3)", LOCALTIMESTAMP(6) AS "NOW(6)", LOCALTIME(0) AS "CURTIME()", (now() AT TIME ZONE 'UTC')::timestamp(0) AS "UTC_TIMESTAMP()"

-- case: sysdate
SELECT SYSDATE()
-- expect:
SELECT clock_timestamp()::timestamp(0) AS "SYSDATE()"

-- case: where_recent
SELECT id FROM orders WHERE placed_at >= CURDATE() - INTERVAL 30 DAY ORDER BY id
-- expect:
SELECT id FROM orders WHERE placed_at >= ((CURRENT_DATE) - (30) * INTERVAL '1 day')::date ORDER BY id

-- case: extract_parts
-- differential
SELECT id, YEAR(placed_at), MONTH(placed_at), DAY(placed_at), HOUR(placed_at), MINUTE(placed_at), SECOND(placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, EXTRACT(YEAR FROM (placed_at))::int AS "YEAR(placed_at)", EXTRACT(MONTH FROM (placed_at))::int AS "MONTH(placed_at)", EXTRACT(DAY FROM (placed_at))::int AS "DAY(placed_at)", EXTRACT(HOUR FROM (placed_at))::int AS "HOUR(placed_at)", EXTRACT(MINUTE FROM (placed_at))::int AS "MINUTE(placed_at)", floor(EXTRACT(SECOND FROM (placed_at)))::int AS "SECOND(placed_at)" FROM orders ORDER BY id

-- case: extract_keyword
-- differential
SELECT EXTRACT(YEAR FROM '2024-05-06'), EXTRACT(MONTH FROM '2024-05-06'), EXTRACT(MICROSECOND FROM '2024-05-06 01:02:03.250000')
-- expect:
SELECT EXTRACT(YEAR FROM ('2024-05-06')::timestamp)::int AS "EXTRACT(YEAR FROM '2024-05-06')", EXTRACT(MONTH FROM ('2024-05-06')::timestamp)::int AS "EXTRACT(MONTH FROM '2024-05-06')", mod(EXTRACT(MICROSECONDS FROM ('2024-05-06 01:02:03.250000')::timestamp)::bigint, 1000000) AS "EXTRACT(MICROSECOND FROM '2024-05-06 01:02:03.250000')"

-- case: dayofweek_family
-- differential
SELECT id, DAYOFWEEK(placed_at), WEEKDAY(placed_at), DAYOFYEAR(placed_at), DAYNAME(placed_at), MONTHNAME(placed_at), QUARTER(placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, (EXTRACT(DOW FROM (placed_at))::int + 1) AS "DAYOFWEEK(placed_at)", (EXTRACT(ISODOW FROM (placed_at))::int - 1) AS "WEEKDAY(placed_at)", EXTRACT(DOY FROM (placed_at))::int AS "DAYOFYEAR(placed_at)", to_char((placed_at), 'FMDay') AS "DAYNAME(placed_at)", to_char((placed_at), 'FMMonth') AS "MONTHNAME(placed_at)", EXTRACT(QUARTER FROM (placed_at))::int AS "QUARTER(placed_at)" FROM orders ORDER BY id

-- case: date_function
-- differential
SELECT id, DATE(placed_at), TIME(placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, (placed_at)::date AS "DATE(placed_at)", (placed_at)::time AS "TIME(placed_at)" FROM orders ORDER BY id

-- case: last_day
-- differential
SELECT LAST_DAY('2024-02-10'), LAST_DAY('2023-02-10')
-- expect:
SELECT (date_trunc('month', ('2024-02-10')::timestamp) + INTERVAL '1 month - 1 day')::date AS "LAST_DAY('2024-02-10')", (date_trunc('month', ('2023-02-10')::timestamp) + INTERVAL '1 month - 1 day')::date AS "LAST_DAY('2023-02-10')"

-- case: makedate_maketime
-- differential
SELECT MAKEDATE(2024, 60), MAKETIME(10, 20, 30)
-- expect:

-- case: timestamp_column_compare
-- differential
SELECT id, at FROM events WHERE at >= '2024-03-01 00:00:00' ORDER BY id
-- expect:
SELECT id, at FROM events WHERE at >= '2024-03-01 00:00:00' ORDER BY id

-- case: datetime_fraction_compare
-- differential
SELECT id FROM orders WHERE placed_at > '2024-03-15 10:00:00.5' ORDER BY id
-- expect:
SELECT id FROM orders WHERE placed_at > '2024-03-15 10:00:00.5' ORDER BY id

-- case: date_column_order
-- differential
SELECT id, released FROM products WHERE released IS NOT NULL ORDER BY released DESC, id
-- expect:
SELECT id, released FROM products WHERE released IS NOT NULL ORDER BY released DESC NULLS LAST, id

-- case: time_column
-- differential
SELECT id, opens_at, TIME_FORMAT(opens_at, '%H:%i') FROM products ORDER BY id
-- expect:

-- case: year_column
-- differential
SELECT id, model_year FROM products WHERE model_year > 2020 ORDER BY id
-- expect:
SELECT id, model_year FROM products WHERE model_year > 2020 ORDER BY id

-- case: sec_to_time
-- differential
SELECT SEC_TO_TIME(3661), TIME_TO_SEC('01:01:01'), TO_DAYS('2024-01-01'), FROM_DAYS(739251)
-- expect:

-- case: week_function
-- differential
SELECT WEEK('2024-01-07'), YEARWEEK('2024-01-07')
-- expect:
