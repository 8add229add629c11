// The catalog as JSON text (for `switchyard translate --catalog FILE.json` and test fixtures).
//
//   {"tables": [{"schema": "app", "name": "users",
//                "columns": [{"name": "id", "mysql_type": "int(10) unsigned", "pg_type": "bigint",
//                             "category": "integer", "nullable": false, "auto_increment": true,
//                             "collation": "", "case_insensitive": false, "default": null}],
//                "unique_keys": [{"name": "PRIMARY", "columns": ["id"]}]}]}
//
// Reading: "schema", "name" and each column's "name" and "mysql_type" are required; a missing
// "pg_type"/"category" is derived from mysql_type by the type mapping, "case_insensitive" from the
// collation, "nullable" defaults to true, "auto_increment" to false, "default" to none (null).
// Unique keys are put in catalog order (PRIMARY first, then by name).
#pragma once
#include <string>
#include <string_view>

#include "sql/catalog.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::sql {

[[nodiscard]] std::string catalog_to_json(const memory_catalog& catalog);

struct catalog_json_result {
  bool ok = false;
  std::string error;  // "tables[1].columns[0]: missing \"mysql_type\"", when !ok
};

// Adds the tables of `json` to `catalog` (nothing is added when the text has an error).
[[nodiscard]] catalog_json_result catalog_from_json(std::string_view json, memory_catalog& catalog,
                                                    const type_mapping_options& types = {});

}  // namespace switchyard::sql
