-- Statements the translator must refuse (no faithful PostgreSQL equivalent, or not DML it owns).
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: match_against
SELECT id FROM products WHERE MATCH (name) AGAINST ('widget')
-- unsupported:

-- case: match_against_boolean_mode
SELECT id FROM products WHERE MATCH (name) AGAINST ('+red -blue' IN BOOLEAN MODE)
-- unsupported:

-- case: fulltext_index
CREATE FULLTEXT INDEX ft_products_name ON products (name)
-- unsupported:

-- case: fulltext_in_create
CREATE TABLE articles (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_body (body))
-- unsupported:

-- case: user_variable_assign_in_select
SELECT @rownum := @rownum + 1 AS n, id FROM users
-- unsupported:

-- case: user_variable_read
SELECT id FROM users WHERE id > @last_id
-- unsupported:

-- case: select_into_variable
SELECT COUNT(*) INTO @n FROM users
-- unsupported:

-- case: select_into_outfile
SELECT id, email FROM users INTO OUTFILE '/tmp/harness_users.csv'
-- unsupported:

-- case: select_into_dumpfile
SELECT v FROM blobs LIMIT 1 INTO DUMPFILE '/tmp/harness_blob.bin'
-- unsupported:

-- case: load_data
LOAD DATA INFILE '/tmp/harness_missing.csv' INTO TABLE users
-- unsupported:

-- case: load_data_local
LOAD DATA LOCAL INFILE '/tmp/harness_missing.csv' INTO TABLE audit_log FIELDS TERMINATED BY ','
-- unsupported:

-- case: call_procedure
CALL refresh_stats(1)
-- unsupported:

-- case: lock_tables
LOCK TABLES users WRITE
-- unsupported:

-- case: lock_tables_read
LOCK TABLES users READ, orders AS o READ
-- unsupported:

-- case: unlock_tables
UNLOCK TABLES
-- unsupported:

-- case: handler_open
HANDLER users OPEN
-- unsupported:

-- case: handler_read
HANDLER users READ FIRST
-- unsupported:

-- case: get_lock
SELECT GET_LOCK('job', 10)
-- unsupported:

-- case: release_lock
SELECT RELEASE_LOCK('job')
-- unsupported:

-- case: xa_start
XA START 'xid1'
-- unsupported:

-- case: show_tables
SHOW TABLES
-- unsupported:

-- case: describe
DESCRIBE users
-- unsupported:

-- case: flush
FLUSH TABLES
-- unsupported:

-- case: prepare_statement
PREPARE s1 FROM 'SELECT 1'
-- unsupported:

-- case: multiple_statements
SELECT 1; SELECT 2
-- unsupported:

-- case: procedure_analyse_like
SELECT SQL_BUFFER_RESULT id FROM users PROCEDURE ANALYSE()
-- unsupported:

-- case: partition_selection
SELECT id FROM users PARTITION (p0)
-- unsupported:

-- case: create_trigger
CREATE TRIGGER trg_users BEFORE INSERT ON users FOR EACH ROW SET NEW.name = UPPER(NEW.name)
-- unsupported:

-- case: create_procedure
CREATE PROCEDURE p1() SELECT 1
-- unsupported:

-- case: kill_query
KILL QUERY 12345
-- unsupported:

-- case: grant
GRANT SELECT ON app.* TO 'someone'@'%'
-- unsupported:

-- case: insert_delayed
INSERT DELAYED INTO audit_log (happened, actor, action) VALUES ('2024-01-01', 'a', 'b')
-- unsupported:

-- case: spatial_function
SELECT ST_AsText(POINT(1, 2))
-- unsupported:

-- case: sounds_like
SELECT id FROM users WHERE name SOUNDS LIKE 'alis'
-- unsupported:

-- case: uuid_short
SELECT UUID_SHORT()
-- unsupported:

-- case: lex_error
SELECT 'unterminated
-- unsupported:

-- case: garbage
THIS IS NOT SQL
-- unsupported:
