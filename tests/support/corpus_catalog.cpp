#include "support/corpus_catalog.hpp"

#include <string>

#include "sql/ddl_catalog.hpp"
#include "support/corpus.hpp"

namespace switchyard::test {

std::string corpus_schema_sql() { return read_corpus("schema.sql"); }

const sql::memory_catalog& corpus_catalog() {
  static const sql::memory_catalog catalog = [] {
    sql::memory_catalog c;
    const std::string schema = corpus_schema_sql();
    const auto r = sql::load_catalog_from_schema_sql(schema, "app", c);
    corpus_catalog_error() = r.ok ? std::string() : r.error + " at offset " + std::to_string(r.position);
    if (schema.empty()) corpus_catalog_error() = "cannot read tests/corpus/schema.sql";
    return c;
  }();
  return catalog;
}

std::string& corpus_catalog_error() {
  static std::string error;
  return error;
}

}  // namespace switchyard::test
