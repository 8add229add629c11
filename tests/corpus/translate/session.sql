-- Transaction control and the SET whitelist.
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: begin
BEGIN
-- expect:

-- case: begin_work
BEGIN WORK
-- expect:

-- case: start_transaction
START TRANSACTION
-- expect:

-- case: start_transaction_read_only
START TRANSACTION READ ONLY
-- expect:

-- case: start_transaction_read_write
START TRANSACTION READ WRITE
-- expect:

-- case: start_transaction_consistent_snapshot
START TRANSACTION WITH CONSISTENT SNAPSHOT
-- expect:

-- case: start_transaction_snapshot_read_only
START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY
-- expect:

-- case: commit
COMMIT
-- expect:

-- case: commit_work
COMMIT WORK
-- expect:

-- case: rollback
ROLLBACK
-- expect:

-- case: rollback_work
ROLLBACK WORK
-- expect:

-- case: savepoint
SAVEPOINT sp1
-- expect:

-- case: savepoint_backticks
SAVEPOINT `Save Point`
-- expect:

-- case: rollback_to_savepoint
ROLLBACK TO SAVEPOINT sp1
-- expect:

-- case: rollback_to_short
ROLLBACK TO sp1
-- expect:

-- case: release_savepoint
RELEASE SAVEPOINT sp1
-- expect:

-- case: commit_and_chain
COMMIT AND CHAIN
-- expect:

-- case: rollback_release
ROLLBACK RELEASE
-- unsupported:

-- case: set_names
SET NAMES utf8mb4
-- expect:

-- case: set_names_collate
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci
-- expect:

-- case: set_character_set
SET CHARACTER SET utf8mb4
-- expect:

-- case: set_autocommit_off
SET autocommit = 0
-- expect:

-- case: set_autocommit_on
SET autocommit=1
-- expect:

-- case: set_session_autocommit
SET SESSION autocommit = ON
-- expect:

-- case: set_time_zone_offset
SET time_zone = '+00:00'
-- expect:

-- case: set_time_zone_system
SET time_zone = 'SYSTEM'
-- expect:

-- case: set_session_time_zone
SET @@session.time_zone = '+02:00'
-- expect:

-- case: set_transaction_isolation
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
-- expect:

-- case: set_session_transaction_isolation
SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ
-- expect:

-- case: set_transaction_serializable
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
-- expect:

-- case: set_transaction_read_only
SET TRANSACTION READ ONLY
-- expect:

-- case: set_sql_mode
SET sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE'
-- expect:

-- case: set_session_sql_mode
SET SESSION sql_mode = 'ANSI_QUOTES'
-- expect:

-- case: set_sql_mode_concat
SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')
-- expect:

-- case: set_several
SET autocommit = 1, time_zone = '+00:00'
-- expect:

-- case: set_lock_wait_timeout
SET SESSION innodb_lock_wait_timeout = 10
-- expect:

-- case: set_max_execution_time
SET SESSION max_statement_time = 5
-- expect:

-- case: set_user_variable
SET @x = 5
-- unsupported:

-- case: set_global
SET GLOBAL max_connections = 1000
-- unsupported:

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

-- case: select_last_insert_id
SELECT LAST_INSERT_ID()
-- expect:

-- case: select_connection_id
SELECT CONNECTION_ID()
-- expect:

-- case: use_database
USE app
-- expect:
