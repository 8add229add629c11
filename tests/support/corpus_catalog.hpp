// The catalog of tests/corpus/schema.sql (database `app`), as the translator's tests see it.
#pragma once
#include "sql/catalog.hpp"

namespace switchyard::test {

// Built once. Written out by hand from schema.sql (column types as MariaDB's information_schema
// reports them) until the schema loader lands; the PostgreSQL types are the intended mapping.
[[nodiscard]] const sql::memory_catalog& corpus_catalog();

}  // namespace switchyard::test
