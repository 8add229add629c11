-- The schema the translation corpus and the differential test run against (MySQL dialect).
-- Created on MariaDB as written and on PostgreSQL through the translator's DDL path. Each table
-- exists to exercise something the translator must get right; the comment says what.

-- Booleans (tinyint(1)), case-insensitive unique text, unsigned ints, decimals, JSON, ENUM,
-- DEFAULT CURRENT_TIMESTAMP and ON UPDATE CURRENT_TIMESTAMP.
CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  name VARCHAR(100) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  score DOUBLE NULL,
  age TINYINT UNSIGNED NULL,
  logins BIGINT UNSIGNED NOT NULL DEFAULT 0,
  role ENUM('admin','member','guest') NOT NULL DEFAULT 'member',
  profile JSON NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Joins and GROUP BY; fractional-second datetimes; a case-sensitive (binary-collated) unique code.
CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id INT UNSIGNED NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'new',
  total DECIMAL(10,2) NOT NULL,
  placed_at DATETIME(6) NOT NULL,
  code CHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  note TEXT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_orders_code (code),
  KEY ix_orders_user (user_id, placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A composite primary key.
CREATE TABLE order_items (
  order_id BIGINT NOT NULL,
  line_no SMALLINT NOT NULL,
  product_id INT NOT NULL,
  qty INT NOT NULL DEFAULT 1,
  price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- SET, FLOAT, DATE, TIME, YEAR, a nullable unique key.
CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT,
  sku VARCHAR(32) NOT NULL,
  name VARCHAR(200) NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  stock INT NOT NULL DEFAULT 0,
  weight FLOAT NULL,
  tags SET('new','sale','hot') NOT NULL DEFAULT '',
  released DATE NULL,
  opens_at TIME NULL,
  model_year YEAR NULL,
  barcode VARCHAR(20) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_sku (sku),
  UNIQUE KEY uq_products_barcode (barcode)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ON DUPLICATE KEY UPDATE counters keyed by a string primary key.
CREATE TABLE counters (
  name VARCHAR(64) NOT NULL,
  hits BIGINT NOT NULL DEFAULT 0,
  touched DATETIME NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Binary keys and values (bytea).
CREATE TABLE blobs (
  k VARBINARY(64) NOT NULL,
  v BLOB NULL,
  h BINARY(4) NULL,
  PRIMARY KEY (k)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- REPLACE and INSERT ... ON DUPLICATE KEY UPDATE with more than one unique key.
CREATE TABLE pairs (
  id INT NOT NULL,
  a INT NOT NULL,
  b INT NULL,
  label VARCHAR(50) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_pairs_a (a),
  UNIQUE KEY uq_pairs_b (b)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Timestamps with fractions, JSON payloads, a bit column.
CREATE TABLE events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id INT UNSIGNED NULL,
  kind VARCHAR(32) NOT NULL,
  payload JSON NULL,
  at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  flags BIT(8) NULL,
  PRIMARY KEY (id),
  KEY ix_events_kind_at (kind, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- No primary key and no unique key: REPLACE / ON DUPLICATE KEY UPDATE have nothing to key on.
CREATE TABLE audit_log (
  happened DATETIME NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
