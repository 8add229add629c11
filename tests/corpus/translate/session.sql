-- Transaction control and the SET whitelist.
-- Format: tests/support/translate_corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: begin
BEGIN
-- expect:
BEGIN

-- case: begin_work
BEGIN WORK
-- expect:
BEGIN

-- case: start_transaction
START TRANSACTION
-- expect:
START TRANSACTION

-- case: start_transaction_read_only
START TRANSACTION READ ONLY
-- expect:
START TRANSACTION READ ONLY

-- case: start_transaction_read_write
START TRANSACTION READ WRITE
-- expect:
START TRANSACTION READ WRITE

-- case: start_transaction_consistent_snapshot
START TRANSACTION WITH CONSISTENT SNAPSHOT
-- expect:
START TRANSACTION

-- case: start_transaction_snapshot_read_only
START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY
-- expect:
START TRANSACTION READ ONLY

-- case: commit
COMMIT
-- expect:
COMMIT

-- case: commit_work
COMMIT WORK
-- expect:
COMMIT

-- case: rollback
ROLLBACK
-- expect:
ROLLBACK

-- case: rollback_work
ROLLBACK WORK
-- expect:
ROLLBACK

-- case: savepoint
SAVEPOINT sp1
-- expect:
SAVEPOINT sp1

-- case: savepoint_backticks
SAVEPOINT `Save Point`
-- expect:
SAVEPOINT "save point"

-- case: rollback_to_savepoint
ROLLBACK TO SAVEPOINT sp1
-- expect:
ROLLBACK TO SAVEPOINT sp1

-- case: rollback_to_short
ROLLBACK TO sp1
-- expect:
ROLLBACK TO SAVEPOINT sp1

-- case: release_savepoint
RELEASE SAVEPOINT sp1
-- expect:
RELEASE SAVEPOINT sp1

-- case: commit_and_chain
COMMIT AND CHAIN
-- expect:
COMMIT AND CHAIN

-- case: rollback_release
ROLLBACK RELEASE
-- unsupported: ROLLBACK RELEASE

-- case: set_names
SET NAMES utf8mb4
-- expect:
SET client_encoding = 'UTF8'

-- case: set_names_collate
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci
-- expect:
SET client_encoding = 'UTF8'

-- case: set_character_set
SET CHARACTER SET utf8mb4
-- expect:
SET client_encoding = 'UTF8'

-- case: set_autocommit_off
SET autocommit = 0
-- expect: <nothing>

-- case: set_autocommit_on
SET autocommit=1
-- expect: <nothing>

-- case: set_session_autocommit
SET SESSION autocommit = ON
-- expect: <nothing>

-- case: set_time_zone_offset
SET time_zone = '+00:00'
-- expect:
SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE

-- case: set_time_zone_system
SET time_zone = 'SYSTEM'
-- expect:
SET TIME ZONE LOCAL

-- case: set_session_time_zone
SET @@session.time_zone = '+02:00'
-- expect:
SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE

-- case: set_transaction_isolation
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
-- expect:

-- case: set_session_transaction_isolation
SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ
-- expect:
SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ

-- case: set_transaction_serializable
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
-- expect:

-- case: set_transaction_read_only
SET TRANSACTION READ ONLY
-- expect:

-- case: set_sql_mode
SET sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE'
-- expect: <nothing>

-- case: set_session_sql_mode
SET SESSION sql_mode = 'ANSI_QUOTES'
-- expect: <nothing>

-- case: set_sql_mode_concat
SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')
-- expect: <nothing>

-- case: set_several
SET autocommit = 1, time_zone = '+00:00'
-- expect:

-- case: set_several_reversed
SET time_zone = '+00:00', autocommit = 1
-- expect:

-- case: set_lock_wait_timeout
SET SESSION innodb_lock_wait_timeout = 10
-- expect:

-- case: set_max_execution_time
SET SESSION max_statement_time = 5
-- expect:

-- case: set_user_variable
SET @x = 5
-- unsupported: user variable

-- case: set_global
SET GLOBAL max_connections = 1000
-- unsupported: SET GLOBAL

-- case: set_foreign_key_checks
SET foreign_key_checks = 0
-- expect:

-- case: select_system_variable
SELECT @@autocommit
-- expect:

-- case: select_version
SELECT VERSION()
-- expect:

-- case: select_database
SELECT DATABASE()
-- expect:
SELECT current_schema() AS "DATABASE()"

-- case: select_last_insert_id
SELECT LAST_INSERT_ID()
-- expect:

-- case: select_connection_id
SELECT CONNECTION_ID()
-- expect:

-- case: use_database
USE app
-- expect:
SET search_path TO app
