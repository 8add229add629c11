// The catalog of tests/corpus/schema.sql (database `app`), as the translator's tests see it: the
// schema applied with sql::load_catalog_from_schema_sql.
#pragma once
#include <string>

#include "sql/catalog.hpp"

namespace switchyard::test {

// Built once; when the schema does not load, corpus_catalog_error() says why (tests assert it is
// empty) and the catalog holds the tables before the failing statement.
[[nodiscard]] const sql::memory_catalog& corpus_catalog();
[[nodiscard]] std::string& corpus_catalog_error();

// The text of tests/corpus/schema.sql (empty when unreadable).
[[nodiscard]] std::string corpus_schema_sql();

}  // namespace switchyard::test
