// `switchyard verify`'s output (pure): the human table and the JSON document.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/verify_plan.hpp"

namespace switchyard::migrate {

// What --repair did, for the report.
struct repair_summary {
  std::size_t rows_deleted = 0;
  std::size_t rows_copied = 0;
  std::size_t tables_recopied = 0;         // whole tables (no key, or a whole-table divergence record)
  std::size_t divergences_repaired = 0;    // records of switchyard_divergences marked repaired
  std::vector<std::string> errors;
};

// A rendering as shown to people: text, JSON, enum and set without their "<length>:" prefix.
[[nodiscard]] std::string display_value(sql::type_category category, std::string_view rendering);

// Differing rows over all tables (a differing whole-table checksum counts as one).
[[nodiscard]] std::uint64_t differing_rows(const std::vector<table_result>& tables) noexcept;
[[nodiscard]] bool all_match(const std::vector<table_result>& tables) noexcept;
[[nodiscard]] const char* status_of(const table_result& t) noexcept;  // "ok", "differs", "error"

// The table (table, rows MySQL / PostgreSQL, chunks, differing rows, status), then notes and up to
// `max_rows` differing rows per table with both sides' values.
[[nodiscard]] std::string human_report(const std::vector<table_result>& tables, const std::optional<repair_summary>& repair,
                                       std::size_t max_rows = 20);
// One JSON document: {"ok", "differing_rows", "tables": [{..., "differences": [...]}], "repair"}.
[[nodiscard]] std::string json_report(const std::vector<table_result>& tables, const std::optional<repair_summary>& repair);

}  // namespace switchyard::migrate
