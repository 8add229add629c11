-- Statements the translator must refuse (no faithful PostgreSQL equivalent, or not DML it owns),
-- and a few that look exotic but have a plain meaning (INSERT DELAYED is a plain INSERT since MySQL 5.7).
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: match_against
SELECT id FROM products WHERE MATCH (name) AGAINST ('widget')
-- unsupported: MATCH ... AGAINST

-- case: match_against_boolean_mode
SELECT id FROM products WHERE MATCH (name) AGAINST ('+red -blue' IN BOOLEAN MODE)
-- unsupported: MATCH ... AGAINST

-- case: fulltext_index
CREATE FULLTEXT INDEX ft_products_name ON products (name)
-- unsupported: FULLTEXT index

-- case: fulltext_in_create
CREATE TABLE articles (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_body (body))
-- unsupported: FULLTEXT index

-- case: user_variable_assign_in_select
SELECT @rownum := @rownum + 1 AS n, id FROM users
-- unsupported: user variable

-- case: user_variable_read
SELECT id FROM users WHERE id > @last_id
-- unsupported: user variable

-- case: select_into_variable
SELECT COUNT(*) INTO @n FROM users
-- unsupported: SELECT ... INTO

-- case: select_into_outfile
SELECT id, email FROM users INTO OUTFILE '/tmp/harness_users.csv'
-- unsupported: SELECT ... INTO

-- case: select_into_dumpfile
SELECT v FROM blobs LIMIT 1 INTO DUMPFILE '/tmp/harness_blob.bin'
-- unsupported: SELECT ... INTO

-- case: load_data
LOAD DATA INFILE '/tmp/harness_missing.csv' INTO TABLE users
-- unsupported: LOAD statement

-- case: load_data_local
LOAD DATA LOCAL INFILE '/tmp/harness_missing.csv' INTO TABLE audit_log FIELDS TERMINATED BY ','
-- unsupported: LOAD statement

-- case: call_procedure
CALL refresh_stats(1)
-- unsupported: CALL statement

-- case: lock_tables
LOCK TABLES users WRITE
-- unsupported: LOCK statement

-- case: lock_tables_read
LOCK TABLES users READ, orders AS o READ
-- unsupported: LOCK statement

-- case: unlock_tables
UNLOCK TABLES
-- unsupported: UNLOCK statement

-- case: handler_open
HANDLER users OPEN
-- unsupported: HANDLER statement

-- case: handler_read
HANDLER users READ FIRST
-- unsupported: HANDLER statement

-- case: get_lock
SELECT GET_LOCK('job', 10)
-- unsupported: function GET_LOCK

-- case: release_lock
SELECT RELEASE_LOCK('job')
-- unsupported: function RELEASE_LOCK

-- case: xa_start
XA START 'xid1'
-- unsupported: XA statement

-- case: show_tables
SHOW TABLES
-- unsupported: SHOW statement

-- case: describe
DESCRIBE users
-- unsupported: DESCRIBE statement

-- case: flush
FLUSH TABLES
-- unsupported: FLUSH statement

-- case: prepare_statement
PREPARE s1 FROM 'SELECT 1'
-- unsupported: PREPARE statement

-- case: multiple_statements
SELECT 1; SELECT 2
-- unsupported: multiple statements

-- case: procedure_analyse_like
SELECT SQL_BUFFER_RESULT id FROM users PROCEDURE ANALYSE()
-- unsupported: PROCEDURE ANALYSE

-- case: partition_selection
SELECT id FROM users PARTITION (p0)
-- unsupported: PARTITION selection

-- case: create_trigger
CREATE TRIGGER trg_users BEFORE INSERT ON users FOR EACH ROW SET NEW.name = UPPER(NEW.name)
-- unsupported: CREATE TRIGGER

-- case: create_procedure
CREATE PROCEDURE p1() SELECT 1
-- unsupported: CREATE PROCEDURE

-- case: kill_query
KILL QUERY 12345
-- unsupported: KILL statement

-- case: grant
GRANT SELECT ON app.* TO 'someone'@'%'
-- unsupported: GRANT statement

-- case: insert_delayed
-- mysql8-only
INSERT DELAYED INTO audit_log (happened, actor, action) VALUES ('2024-01-01', 'a', 'b')
-- expect:
INSERT INTO audit_log (happened, actor, action) VALUES ('2024-01-01', 'a', 'b')

-- case: spatial_function
SELECT ST_AsText(POINT(1, 2))
-- unsupported: function ST_AsText

-- case: sounds_like
SELECT id FROM users WHERE name SOUNDS LIKE 'alis'
-- unsupported: SOUNDS LIKE

-- case: uuid_short
SELECT UUID_SHORT()
-- unsupported: function UUID_SHORT

-- case: lex_error
SELECT 'unterminated
-- unsupported: malformed SQL text

-- case: garbage
THIS IS NOT SQL
-- unsupported: THIS statement
