#include "support/corpus_catalog.hpp"

#include <string>
#include <utility>
#include <vector>

namespace switchyard::test {
namespace {

using sql::type_category;

struct col {
  const char* name;
  const char* mysql_type;
  const char* pg_type;
  type_category category;
  bool nullable;
  const char* default_value = nullptr;  // nullptr: no default
  bool auto_increment = false;
};

constexpr const char* general_ci = "utf8mb4_general_ci";

sql::table_info table(const char* name, std::vector<col> cols, std::vector<sql::unique_key> keys,
                      const char* text_collation = general_ci) {
  sql::table_info t;
  t.schema = "app";
  t.name = name;
  for (const col& c : cols) {
    sql::column_info info;
    info.name = c.name;
    info.mysql_type = c.mysql_type;
    info.pg_type = c.pg_type;
    info.category = c.category;
    info.nullable = c.nullable;
    info.auto_increment = c.auto_increment;
    if (c.category == type_category::text || c.category == type_category::enumeration ||
        c.category == type_category::set) {
      info.collation = text_collation;
      info.case_insensitive = info.collation.ends_with("_ci");
    }
    if (c.default_value != nullptr) {
      info.has_default = true;
      info.default_value = c.default_value;
    }
    t.columns.push_back(std::move(info));
  }
  t.unique_keys = std::move(keys);
  return t;
}

sql::memory_catalog build() {
  using tc = type_category;
  sql::memory_catalog cat;
  cat.add_table(table("users",
                      {{"id", "int(10) unsigned", "bigint", tc::integer, false, nullptr, true},
                       {"email", "varchar(255)", "varchar(255)", tc::text, false},
                       {"name", "varchar(100)", "varchar(100)", tc::text, true, "NULL"},
                       {"active", "tinyint(1)", "boolean", tc::boolean, false, "1"},
                       {"balance", "decimal(12,2)", "numeric(12,2)", tc::decimal, false, "0.00"},
                       {"score", "double", "double precision", tc::floating, true, "NULL"},
                       {"age", "tinyint(3) unsigned", "smallint", tc::integer, true, "NULL"},
                       {"logins", "bigint(20) unsigned", "numeric(20)", tc::decimal, false, "0"},
                       {"role", "enum('admin','member','guest')", "text", tc::enumeration, false, "'member'"},
                       {"profile", "longtext", "jsonb", tc::json, true, "NULL"},
                       {"created_at", "datetime", "timestamp(0)", tc::datetime, false, "current_timestamp()"},
                       {"updated_at", "timestamp", "timestamptz(0)", tc::timestamp, true, "NULL"}},
                      {{"PRIMARY", {"id"}}, {"uq_users_email", {"email"}}}));
  auto orders = table("orders",
                      {{"id", "bigint(20)", "bigint", tc::integer, false, nullptr, true},
                       {"user_id", "int(10) unsigned", "bigint", tc::integer, false},
                       {"status", "varchar(20)", "varchar(20)", tc::text, false, "'new'"},
                       {"total", "decimal(10,2)", "numeric(10,2)", tc::decimal, false},
                       {"placed_at", "datetime(6)", "timestamp(6)", tc::datetime, false},
                       {"code", "char(8)", "char(8)", tc::text, false},
                       {"note", "text", "text", tc::text, true, "NULL"}},
                      {{"PRIMARY", {"id"}}, {"uq_orders_code", {"code"}}}, "utf8mb4_general_ci");
  for (auto& c : orders.columns) {
    if (c.name == "code") {
      c.collation = "utf8mb4_bin";
      c.case_insensitive = false;
    }
  }
  cat.add_table(std::move(orders));
  cat.add_table(table("order_items",
                      {{"order_id", "bigint(20)", "bigint", tc::integer, false},
                       {"line_no", "smallint(6)", "smallint", tc::integer, false},
                       {"product_id", "int(11)", "integer", tc::integer, false},
                       {"qty", "int(11)", "integer", tc::integer, false, "1"},
                       {"price", "decimal(10,2)", "numeric(10,2)", tc::decimal, false}},
                      {{"PRIMARY", {"order_id", "line_no"}}}));
  cat.add_table(table("products",
                      {{"id", "int(11)", "integer", tc::integer, false, nullptr, true},
                       {"sku", "varchar(32)", "varchar(32)", tc::text, false},
                       {"name", "varchar(200)", "varchar(200)", tc::text, false},
                       {"price", "decimal(10,2)", "numeric(10,2)", tc::decimal, false},
                       {"stock", "int(11)", "integer", tc::integer, false, "0"},
                       {"weight", "float", "real", tc::floating, true, "NULL"},
                       {"tags", "set('new','sale','hot')", "text", tc::set, false, "''"},
                       {"released", "date", "date", tc::date, true, "NULL"},
                       {"opens_at", "time", "time(0)", tc::time, true, "NULL"},
                       {"model_year", "year(4)", "smallint", tc::integer, true, "NULL"},
                       {"barcode", "varchar(20)", "varchar(20)", tc::text, true, "NULL"}},
                      {{"PRIMARY", {"id"}}, {"uq_products_barcode", {"barcode"}}, {"uq_products_sku", {"sku"}}}));
  cat.add_table(table("counters",
                      {{"name", "varchar(64)", "varchar(64)", tc::text, false},
                       {"hits", "bigint(20)", "bigint", tc::integer, false, "0"},
                       {"touched", "datetime", "timestamp(0)", tc::datetime, true, "NULL"}},
                      {{"PRIMARY", {"name"}}}));
  cat.add_table(table("blobs",
                      {{"k", "varbinary(64)", "bytea", tc::binary, false},
                       {"v", "blob", "bytea", tc::binary, true, "NULL"},
                       {"h", "binary(4)", "bytea", tc::binary, true, "NULL"}},
                      {{"PRIMARY", {"k"}}}));
  cat.add_table(table("pairs",
                      {{"id", "int(11)", "integer", tc::integer, false},
                       {"a", "int(11)", "integer", tc::integer, false},
                       {"b", "int(11)", "integer", tc::integer, true, "NULL"},
                       {"label", "varchar(50)", "varchar(50)", tc::text, true, "NULL"}},
                      {{"PRIMARY", {"id"}}, {"uq_pairs_a", {"a"}}, {"uq_pairs_b", {"b"}}}));
  cat.add_table(table("events",
                      {{"id", "bigint(20)", "bigint", tc::integer, false, nullptr, true},
                       {"user_id", "int(10) unsigned", "bigint", tc::integer, true, "NULL"},
                       {"kind", "varchar(32)", "varchar(32)", tc::text, false},
                       {"payload", "longtext", "jsonb", tc::json, true, "NULL"},
                       {"at", "timestamp(3)", "timestamptz(3)", tc::timestamp, false, "current_timestamp(3)"},
                       {"flags", "bit(8)", "bit(8)", tc::bit, true, "NULL"}},
                      {{"PRIMARY", {"id"}}}));
  cat.add_table(table("audit_log",
                      {{"happened", "datetime", "timestamp(0)", tc::datetime, false},
                       {"actor", "varchar(64)", "varchar(64)", tc::text, false},
                       {"action", "varchar(200)", "varchar(200)", tc::text, false}},
                      {}));
  return cat;
}

}  // namespace

const sql::memory_catalog& corpus_catalog() {
  static const sql::memory_catalog catalog = build();
  return catalog;
}

}  // namespace switchyard::test
