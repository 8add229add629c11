-- Date and time: DATE_FORMAT, STR_TO_DATE, DATE_ADD/DATE_SUB/INTERVAL, UNIX_TIMESTAMP,
-- FROM_UNIXTIME, TIMESTAMPDIFF, DATEDIFF, CURDATE, NOW family, extraction functions.
-- Sessions run with time_zone '+00:00' (MariaDB) and TimeZone 'UTC' (PostgreSQL).
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: date_format_common
-- differential
SELECT id, DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i:%s') FROM orders ORDER BY id
-- expect:

-- case: date_format_names
-- differential
SELECT id, DATE_FORMAT(placed_at, '%W %M %e %Y, %l:%i %p') FROM orders ORDER BY id
-- expect:

-- case: date_format_short_parts
-- differential
SELECT id, DATE_FORMAT(placed_at, '%y/%c/%d %k.%f %a %b %j') FROM orders ORDER BY id
-- expect:

-- case: date_format_percent_literal
-- differential
SELECT DATE_FORMAT('2024-03-05 07:08:09', '100%% on %D at %T (%r)')
-- expect:

-- case: date_format_date_column
-- differential
SELECT id, DATE_FORMAT(released, '%d.%m.%Y') FROM products ORDER BY id
-- expect:

-- case: str_to_date
-- differential
SELECT STR_TO_DATE('05/03/2024', '%d/%m/%Y'), STR_TO_DATE('2024-03-05 14:30:00', '%Y-%m-%d %H:%i:%s')
-- expect:

-- case: str_to_date_invalid
-- differential
SELECT STR_TO_DATE('not a date', '%Y-%m-%d')
-- expect:

-- case: date_add_day
-- differential
SELECT id, DATE_ADD(placed_at, INTERVAL 1 DAY) FROM orders ORDER BY id
-- expect:

-- case: date_sub_month
-- differential
SELECT DATE_SUB('2024-03-31', INTERVAL 1 MONTH), DATE_ADD('2024-01-31', INTERVAL 1 MONTH)
-- expect:

-- case: date_add_units
-- differential
SELECT DATE_ADD('2024-01-01 00:00:00', INTERVAL 90 MINUTE), DATE_ADD('2024-01-01', INTERVAL 2 WEEK), DATE_ADD('2024-01-01', INTERVAL 1 YEAR), DATE_ADD('2024-01-01 00:00:00', INTERVAL 30 SECOND)
-- expect:

-- case: date_add_compound_unit
-- differential
SELECT DATE_ADD('2024-01-01 00:00:00', INTERVAL '1:30' HOUR_MINUTE), DATE_ADD('2024-01-01', INTERVAL '1-2' YEAR_MONTH)
-- expect:

-- case: interval_plus_operator
-- differential
SELECT id, placed_at + INTERVAL 3 HOUR, placed_at - INTERVAL 1 QUARTER FROM orders ORDER BY id
-- expect:

-- case: interval_negative
-- differential
SELECT DATE_ADD('2024-03-01', INTERVAL -1 DAY)
-- expect:

-- case: interval_column_amount
-- differential
SELECT id, DATE_ADD(released, INTERVAL stock DAY) FROM products WHERE released IS NOT NULL ORDER BY id
-- expect:

-- case: adddate_subdate
-- differential
SELECT ADDDATE('2024-01-01', 10), SUBDATE('2024-01-01', INTERVAL 1 DAY)
-- expect:

-- case: unix_timestamp_column
-- differential
SELECT id, UNIX_TIMESTAMP(placed_at) FROM orders ORDER BY id
-- expect:

-- case: unix_timestamp_literal
-- differential
SELECT UNIX_TIMESTAMP('2024-01-01 00:00:00')
-- expect:

-- case: unix_timestamp_now
SELECT UNIX_TIMESTAMP()
-- expect:

-- case: from_unixtime
-- differential
SELECT FROM_UNIXTIME(1700000000), FROM_UNIXTIME(1700000000, '%Y-%m-%d')
-- expect:

-- case: timestampdiff
-- differential
SELECT id, TIMESTAMPDIFF(DAY, placed_at, '2025-01-01'), TIMESTAMPDIFF(MONTH, '2024-01-31', placed_at), TIMESTAMPDIFF(SECOND, '2024-01-01', placed_at) FROM orders ORDER BY id
-- expect:

-- case: timestampdiff_year
-- differential
SELECT TIMESTAMPDIFF(YEAR, '2000-02-29', '2024-02-28'), TIMESTAMPDIFF(HOUR, '2024-01-01 00:00:00', '2024-01-01 05:59:59')
-- expect:

-- case: timestampadd
-- differential
SELECT TIMESTAMPADD(MINUTE, 15, '2024-01-01 10:00:00')
-- expect:

-- case: datediff
-- differential
SELECT id, DATEDIFF('2025-01-01', placed_at), DATEDIFF(placed_at, '2024-01-01 23:59:59') FROM orders ORDER BY id
-- expect:

-- case: curdate_now
SELECT CURDATE(), CURRENT_DATE, CURRENT_DATE(), NOW(), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), LOCALTIMESTAMP
-- expect:

-- case: now_fraction
SELECT NOW(3), NOW(6), CURTIME(), UTC_TIMESTAMP()
-- expect:

-- case: sysdate
SELECT SYSDATE()
-- expect:

-- case: where_recent
SELECT id FROM orders WHERE placed_at >= CURDATE() - INTERVAL 30 DAY ORDER BY id
-- expect:

-- case: extract_parts
-- differential
SELECT id, YEAR(placed_at), MONTH(placed_at), DAY(placed_at), HOUR(placed_at), MINUTE(placed_at), SECOND(placed_at) FROM orders ORDER BY id
-- expect:

-- case: extract_keyword
-- differential
SELECT EXTRACT(YEAR FROM '2024-05-06'), EXTRACT(MONTH FROM '2024-05-06'), EXTRACT(MICROSECOND FROM '2024-05-06 01:02:03.250000')
-- expect:

-- case: dayofweek_family
-- differential
SELECT id, DAYOFWEEK(placed_at), WEEKDAY(placed_at), DAYOFYEAR(placed_at), DAYNAME(placed_at), MONTHNAME(placed_at), QUARTER(placed_at) FROM orders ORDER BY id
-- expect:

-- case: date_function
-- differential
SELECT id, DATE(placed_at), TIME(placed_at) FROM orders ORDER BY id
-- expect:

-- case: last_day
-- differential
SELECT LAST_DAY('2024-02-10'), LAST_DAY('2023-02-10')
-- expect:

-- case: makedate_maketime
-- differential
SELECT MAKEDATE(2024, 60), MAKETIME(10, 20, 30)
-- expect:

-- case: timestamp_column_compare
-- differential
SELECT id, at FROM events WHERE at >= '2024-03-01 00:00:00' ORDER BY id
-- expect:

-- case: datetime_fraction_compare
-- differential
SELECT id FROM orders WHERE placed_at > '2024-03-15 10:00:00.5' ORDER BY id
-- expect:

-- case: date_column_order
-- differential
SELECT id, released FROM products WHERE released IS NOT NULL ORDER BY released DESC, id
-- expect:

-- case: time_column
-- differential
SELECT id, opens_at, TIME_FORMAT(opens_at, '%H:%i') FROM products ORDER BY id
-- expect:

-- case: year_column
-- differential
SELECT id, model_year FROM products WHERE model_year > 2020 ORDER BY id
-- expect:

-- case: sec_to_time
-- differential
SELECT SEC_TO_TIME(3661), TIME_TO_SEC('01:01:01'), TO_DAYS('2024-01-01'), FROM_DAYS(739251)
-- expect:

-- case: week_function
-- differential
SELECT WEEK('2024-01-07'), YEARWEEK('2024-01-07')
-- expect:
