-- DDL: CREATE TABLE, ALTER TABLE ADD/DROP/MODIFY/CHANGE/RENAME COLUMN, ADD/DROP INDEX,
-- CREATE/DROP INDEX, DROP/TRUNCATE/RENAME TABLE. Each runs against the corpus schema.
-- Format: tests/support/corpus.hpp. Translated with current database `app` over tests/corpus/schema.sql.

-- case: create_table_basic
CREATE TABLE tags (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, UNIQUE KEY uq_tags_name (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
-- expect:

-- case: create_table_types
CREATE TABLE typed (a TINYINT, b SMALLINT UNSIGNED, c MEDIUMINT, d INT UNSIGNED, e BIGINT UNSIGNED, f DECIMAL(8,3), g FLOAT, h DOUBLE, i CHAR(3), j VARCHAR(10), k TEXT, l MEDIUMTEXT, m LONGTEXT, n BLOB, o VARBINARY(16), p DATE, q DATETIME(3), r TIMESTAMP NULL, s TIME, t YEAR, u JSON, v ENUM('x','y'), w SET('p','q'), x BIT(4), y TINYINT(1), z BOOLEAN)
-- expect:

-- case: create_table_defaults
CREATE TABLE settings (k VARCHAR(32) NOT NULL, v VARCHAR(255) NOT NULL DEFAULT '', n INT NOT NULL DEFAULT 0, flag TINYINT(1) NOT NULL DEFAULT 0, created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, PRIMARY KEY (k))
-- expect:

-- case: create_table_if_not_exists
CREATE TABLE IF NOT EXISTS users (id INT PRIMARY KEY)
-- expect:

-- case: create_table_with_index
CREATE TABLE visits (id BIGINT NOT NULL AUTO_INCREMENT, user_id INT UNSIGNED NOT NULL, at DATETIME NOT NULL, PRIMARY KEY (id), KEY ix_visits_user (user_id, at), INDEX ix_visits_at (at DESC))
-- expect:

-- case: create_table_foreign_key
CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, order_id BIGINT NOT NULL, body TEXT, CONSTRAINT fk_notes_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE)
-- expect:

-- case: create_table_comments
CREATE TABLE documented (id INT NOT NULL COMMENT 'the id', PRIMARY KEY (id)) COMMENT='a table'
-- expect:

-- case: create_table_like
CREATE TABLE users_copy LIKE users
-- expect:

-- case: create_table_quoted_names
CREATE TABLE `Mixed Case` (`Id` INT NOT NULL, `select` VARCHAR(10), PRIMARY KEY (`Id`))
-- expect:

-- case: create_table_as_select
CREATE TABLE paid_orders AS SELECT id, total FROM orders WHERE status = 'paid'
-- expect:

-- case: create_temporary_table
CREATE TEMPORARY TABLE tmp_ids (id INT NOT NULL PRIMARY KEY)
-- expect:

-- case: alter_add_column
ALTER TABLE users ADD COLUMN nickname VARCHAR(40) NULL AFTER name
-- expect:

-- case: alter_add_column_default
ALTER TABLE products ADD discontinued TINYINT(1) NOT NULL DEFAULT 0
-- expect:

-- case: alter_drop_column
ALTER TABLE orders DROP COLUMN note
-- expect:

-- case: alter_modify_column
ALTER TABLE orders MODIFY status VARCHAR(40) NOT NULL DEFAULT 'new'
-- expect:

-- case: alter_change_column
ALTER TABLE users CHANGE name full_name VARCHAR(150) NULL
-- expect:

-- case: alter_rename_column
ALTER TABLE users RENAME COLUMN name TO display_name
-- expect:

-- case: alter_add_index
ALTER TABLE orders ADD INDEX ix_orders_status (status)
-- expect:

-- case: alter_add_unique
ALTER TABLE products ADD UNIQUE KEY uq_products_name (name)
-- expect:

-- case: alter_drop_index
ALTER TABLE users DROP INDEX ix_users_name
-- expect:

-- case: alter_several
ALTER TABLE counters ADD COLUMN note VARCHAR(20) NULL, ADD INDEX ix_counters_hits (hits), MODIFY hits BIGINT NOT NULL DEFAULT 1
-- expect:

-- case: alter_rename_table
ALTER TABLE audit_log RENAME TO audit_history
-- expect:

-- case: alter_engine
ALTER TABLE audit_log ENGINE=InnoDB
-- unsupported:

-- case: create_index
CREATE INDEX ix_events_user ON events (user_id)
-- expect:

-- case: create_unique_index
CREATE UNIQUE INDEX uq_pairs_label ON pairs (label)
-- expect:

-- case: create_index_prefix
CREATE INDEX ix_orders_note ON orders (note(20))
-- expect:

-- case: drop_index
DROP INDEX ix_users_name ON users
-- expect:

-- case: drop_table
DROP TABLE audit_log
-- expect:

-- case: drop_table_if_exists_several
DROP TABLE IF EXISTS audit_log, pairs
-- expect:

-- case: truncate
TRUNCATE TABLE counters
-- expect:

-- case: truncate_short
TRUNCATE events
-- expect:

-- case: rename_table
RENAME TABLE audit_log TO audit_archive
-- expect:

-- case: rename_tables_swap
RENAME TABLE pairs TO pairs_old, counters TO pairs
-- expect:

-- case: create_database
CREATE DATABASE IF NOT EXISTS harness_extra
-- unsupported:

-- case: create_view
CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1
-- unsupported:
