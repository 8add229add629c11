// Which primary keys a write names (for divergence records), over the corpus schema.
#include <gtest/gtest.h>

#include "sql/affected_keys.hpp"
#include "support/corpus_catalog.hpp"

namespace switchyard::sql {
namespace {

affected_rows keys_of(std::string_view sql, std::uint64_t first_id = 0) {
  translate_options o;
  o.current_database = "app";
  o.tables = &test::corpus_catalog();
  o.first_insert_id = first_id;
  return affected_keys(sql, o);
}

using strings = std::vector<std::string>;

TEST(affected_keys, inserts_name_their_keys_or_the_ids_mysql_generated) {
  const auto a = keys_of("INSERT INTO pairs (id, a) VALUES (1, 10), (-2, 20)");
  ASSERT_TRUE(a.known);
  EXPECT_EQ(a.schema, "app");
  EXPECT_EQ(a.table, "pairs");
  EXPECT_EQ(a.keys, (strings{"1", "-2"}));
  EXPECT_EQ(keys_of("INSERT INTO counters SET name = 'it''s', hits = 1").keys, strings{"it's"});
  EXPECT_EQ(keys_of("INSERT INTO users (email) VALUES ('a'), ('b')", 41).keys, (strings{"41", "42"}));
  EXPECT_EQ(keys_of("INSERT INTO users (id, email) VALUES (NULL, 'a'), (7, 'b'), (0, 'c')", 41).keys,
            (strings{"41", "7", "42"}));
  EXPECT_EQ(keys_of("INSERT INTO app.pairs (id, a) VALUES (3, 1)").keys, strings{"3"});
  // An explicit id at or above the first generated one may move MySQL's counter (3, 2000, 2001
  // on MariaDB, not 3, 2000, 4): the generated ids are unknown, so the whole table.
  EXPECT_FALSE(keys_of("INSERT INTO users (id, email) VALUES (NULL, 'a'), (2000, 'b'), (0, 'c')", 3).known);
  EXPECT_FALSE(keys_of("INSERT INTO users (id, email) VALUES (2000, 'b'), (NULL, 'c')", 3).known);
  EXPECT_EQ(keys_of("INSERT INTO users (id, email) VALUES (2000, 'b'), (2001, 'c')", 2000).keys,
            (strings{"2000", "2001"}));
}

TEST(affected_keys, updates_and_deletes_name_keys_from_their_where) {
  EXPECT_EQ(keys_of("UPDATE users SET name = 'x' WHERE id = 5").keys, strings{"5"});
  EXPECT_EQ(keys_of("UPDATE users u SET u.name = 'x' WHERE u.id IN (1, 2, 3) AND u.active = 1").keys,
            (strings{"1", "2", "3"}));
  EXPECT_EQ(keys_of("DELETE FROM counters WHERE hits > 3 AND 'home' = name").keys, strings{"home"});
  EXPECT_EQ(keys_of("DELETE FROM users WHERE id = 9 ORDER BY id LIMIT 1").keys, strings{"9"});
}

TEST(affected_keys, anything_else_is_unknown) {
  for (const char* sql : {
           "UPDATE users SET name = 'x' WHERE id > 5",                // a range
           "UPDATE users SET name = 'x' WHERE id = 5 OR id = 6",      // OR
           "UPDATE users SET name = 'x' WHERE id = ?",                // a placeholder
           "DELETE FROM users",                                       // everything
           "INSERT INTO order_items (order_id, line_no, product_id, qty, price) VALUES (1, 1, 1, 1, 1)",  // composite
           "INSERT INTO users (email) VALUES ('a')",                   // id generated, not pinned
           "INSERT INTO pairs SELECT * FROM pairs",                   // INSERT ... SELECT
           "UPDATE users u JOIN orders o ON o.user_id = u.id SET u.name = 'x' WHERE u.id = 1",  // multi-table
           "INSERT INTO audit_log VALUES ('2024-01-01', 'a', 'b')",   // no primary key
           "INSERT INTO nowhere (id) VALUES (1)",                      // unknown table
           "UPDATE users SET",                                         // not SQL
       }) {
    EXPECT_FALSE(keys_of(sql).known) << sql;
  }
}

}  // namespace
}  // namespace switchyard::sql
