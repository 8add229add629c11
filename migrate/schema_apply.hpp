// Runs a schema plan (schema_plan.hpp) on PostgreSQL, one transaction per section, so a failure
// leaves PostgreSQL as it was.
//   pre-data: tables that already exist on PostgreSQL are an error naming them (nothing is
//             created), or skipped with skip_existing (a re-run, or tables the dual write created);
//   post-data: foreign keys that already exist are skipped, so it can run again; sequences moved.
// Also stores the database's catalog JSON (what the translator uses) in switchyard.catalog, so
// every proxy instance and tool can read the mapping the schema was made with.
#pragma once
#include <string>
#include <vector>

#include "migrate/schema_plan.hpp"

namespace switchyard::migrate {

enum class schema_section : std::uint8_t { pre_data, post_data, all };

struct schema_apply_result {
  bool ok = false;
  std::string error;                  // what failed, with the table and PostgreSQL's message
  std::vector<std::string> created;   // tables created
  std::vector<std::string> skipped;   // tables that existed (skip_existing)
  std::size_t foreign_keys = 0;       // foreign keys added
  std::size_t sequences = 0;          // identity sequences moved
};

[[nodiscard]] schema_apply_result apply_schema(const std::string& conninfo, const schema_plan& plan,
                                               schema_section section, bool skip_existing,
                                               const std::string& catalog_json);

}  // namespace switchyard::migrate
