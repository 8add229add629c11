-- Date and time functions over the seed's columns: every DATE_FORMAT specifier, negative
-- differences, TIMESTAMP (time zone) columns, fractional seconds. Sessions run in UTC.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: date_format_all_specifiers
-- differential
SELECT id, DATE_FORMAT(placed_at, '%a %b %c %D %d %e %f %H %h %I %i %j %k %l %M %m %p %r %S %s %T %W %w %Y %y %%') FROM orders ORDER BY id
-- expect:

-- case: date_format_week_specifiers
-- differential
SELECT id, DATE_FORMAT(placed_at, '%U %u %V %v %X %x') FROM orders ORDER BY id
-- expect:

-- case: date_format_timestamp_column
-- differential
SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') FROM events ORDER BY id
-- expect:
SELECT id, to_char((at), 'YYYY"-"MM"-"DD" "HH24":"MI":"SS"."US') AS "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')" FROM events ORDER BY id

-- case: timestampdiff_negative_and_units
-- differential
SELECT id, TIMESTAMPDIFF(MINUTE, placed_at, '2024-01-01'), TIMESTAMPDIFF(WEEK, '2024-01-01', placed_at), TIMESTAMPDIFF(QUARTER, '2023-11-15', placed_at), TIMESTAMPDIFF(MICROSECOND, '2024-01-01', placed_at) FROM orders ORDER BY id
-- expect:
SELECT id, trunc((EXTRACT(EPOCH FROM ('2024-01-01')::timestamp) - EXTRACT(EPOCH FROM (placed_at))) / 60)::bigint AS "TIMESTAMPDIFF(MINUTE, placed_at, '2024-01-01')", trunc((EXTRACT(EPOCH FROM (placed_at)) - EXTRACT(EPOCH FROM ('2024-01-01')::timestamp)) / 604800)::bigint AS "TIMESTAMPDIFF(WEEK, '2024-01-01', placed_at)", trunc((EXTRACT(YEAR FROM age((placed_at), ('2023-11-15')::timestamp)) * 12 + EXTRACT(MONTH FROM age((placed_at), ('2023-11-15')::timestamp))) / 3)::bigint AS "TIMESTAMPDIFF(QUARTER, '2023-11-15', placed_at)", trunc((EXTRACT(EPOCH FROM (placed_at)) - EXTRACT(EPOCH FROM ('2024-01-01')::timestamp)) * 1000000)::bigint AS "TIMESTAMPDIFF(MICROSECOND, '2024-01-01', placed_at)" FROM orders ORDER BY id

-- case: unix_timestamp_timestamp_column
-- differential
SELECT id, UNIX_TIMESTAMP(at) FROM events ORDER BY id
-- expect:
SELECT id, EXTRACT(EPOCH FROM (at) AT TIME ZONE current_setting('TimeZone')) AS "UNIX_TIMESTAMP(at)" FROM events ORDER BY id

-- case: from_unixtime_fraction
-- differential
SELECT FROM_UNIXTIME(1700000000.5), FROM_UNIXTIME(0), FROM_UNIXTIME(1700000000, '%H:%i')
-- expect:
SELECT to_timestamp(1700000000.5)::timestamp AS "FROM_UNIXTIME(1700000000.5)", to_timestamp(0)::timestamp AS "FROM_UNIXTIME(0)", to_char(to_timestamp(1700000000)::timestamp, 'HH24":"MI') AS "FROM_UNIXTIME(1700000000, '%H:%i')"

-- case: date_add_month_to_datetime6
-- differential
SELECT id, DATE_ADD(placed_at, INTERVAL 1 MONTH), placed_at - INTERVAL 90 SECOND FROM orders ORDER BY id
-- expect:
SELECT id, (placed_at) + (1) * INTERVAL '1 month' AS "DATE_ADD(placed_at, INTERVAL 1 MONTH)", (placed_at) - (90) * INTERVAL '1 second' AS "placed_at - INTERVAL 90 SECOND" FROM orders ORDER BY id

-- case: date_add_to_timestamp_column
-- differential
SELECT id, at + INTERVAL 1 DAY, DATE(at) FROM events ORDER BY id
-- expect:
SELECT id, (at) + (1) * INTERVAL '1 day' AS "at + INTERVAL 1 DAY", (at)::date AS "DATE(at)" FROM events ORDER BY id

-- case: str_to_date_names
-- differential
SELECT STR_TO_DATE('Mar 5 2024', '%b %e %Y'), STR_TO_DATE('05.03.2024 14:30', '%d.%m.%Y %H:%i')
-- expect:
SELECT to_date('Mar 5 2024', 'Mon" "FMDD" "YYYY') AS "STR_TO_DATE('Mar 5 2024', '%b %e %Y')", to_timestamp('05.03.2024 14:30', 'DD"."MM"."YYYY" "HH24":"MI')::timestamp AS "STR_TO_DATE('05.03.2024 14:30', '%d.%m.%Y %H:%i')"

-- case: last_day_of_column
-- differential
SELECT id, LAST_DAY(placed_at), LAST_DAY(released) FROM orders JOIN products USING (id) ORDER BY id
-- expect:
SELECT id, (date_trunc('month', (placed_at)) + INTERVAL '1 month - 1 day')::date AS "LAST_DAY(placed_at)", (date_trunc('month', (released)) + INTERVAL '1 month - 1 day')::date AS "LAST_DAY(released)" FROM orders JOIN products USING (id) ORDER BY id

-- case: date_vs_datetime_columns
-- differential
SELECT o.id FROM orders o JOIN products p ON p.id = o.id WHERE DATE(o.placed_at) > p.released ORDER BY o.id
-- expect:
SELECT o.id FROM orders AS o JOIN products AS p ON p.id = o.id WHERE (o.placed_at)::date > p.released ORDER BY o.id

-- case: between_datetimes
-- differential
SELECT id FROM events WHERE at BETWEEN '2024-02-01' AND '2024-04-30 23:59:59.999' ORDER BY id
-- expect:
SELECT id FROM events WHERE at BETWEEN '2024-02-01' AND '2024-04-30 23:59:59.999' ORDER BY id

-- case: order_by_timestamp_desc
-- differential
SELECT id, at FROM events ORDER BY at DESC, id
-- expect:
SELECT id, at FROM events ORDER BY at DESC, id

-- case: group_by_date
-- differential
SELECT DATE(placed_at), COUNT(*), SUM(total) FROM orders GROUP BY DATE(placed_at) ORDER BY DATE(placed_at)
-- expect:
SELECT (placed_at)::date AS "DATE(placed_at)", count(*) AS "COUNT(*)", sum(total) AS "SUM(total)" FROM orders GROUP BY (placed_at)::date ORDER BY (placed_at)::date NULLS FIRST

-- case: group_by_month_format
-- differential
SELECT DATE_FORMAT(placed_at, '%Y-%m') AS ym, COUNT(*) FROM orders GROUP BY ym ORDER BY ym
-- expect:
SELECT to_char((placed_at), 'YYYY"-"MM') AS ym, count(*) AS "COUNT(*)" FROM orders GROUP BY ym ORDER BY ym NULLS FIRST

-- case: time_arithmetic
-- differential
SELECT id, TIME_TO_SEC(opens_at), ADDTIME(opens_at, '01:30:00'), TIMEDIFF('12:00:00', opens_at) FROM products WHERE opens_at IS NOT NULL ORDER BY id
-- expect:

-- case: datetime_arithmetic_plus_number
-- differential
SELECT id, placed_at + 0 FROM orders WHERE id < 4 ORDER BY id
-- expect:

-- case: hour_minute_of_time_column
-- differential
SELECT id, HOUR(opens_at), MINUTE(opens_at) FROM products ORDER BY id
-- expect:
SELECT id, EXTRACT(HOUR FROM (opens_at))::int AS "HOUR(opens_at)", EXTRACT(MINUTE FROM (opens_at))::int AS "MINUTE(opens_at)" FROM products ORDER BY id

-- case: dayofmonth_microsecond
-- differential
SELECT id, DAYOFMONTH(placed_at), MICROSECOND(placed_at), WEEKOFYEAR(placed_at) FROM orders ORDER BY id
-- expect:

-- case: convert_tz
-- differential
SELECT CONVERT_TZ('2024-01-01 12:00:00', '+00:00', '+05:30')
-- expect:
