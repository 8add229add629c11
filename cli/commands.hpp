#pragma once

namespace switchyard::cli {

[[nodiscard]] const char* version();
// `switchyard proxy [--config FILE] [--check] [--section.key=value ...]`
[[nodiscard]] int run_proxy(int argc, char** argv);
// `switchyard translate [--catalog FILE | --mysql HOST:PORT ...] [--database DB] [STATEMENT ...]`
[[nodiscard]] int run_translate(int argc, char** argv);
// `switchyard backfill [--config FILE] [--database DB]... [--tables a,b] [--workers N] ...`
[[nodiscard]] int run_backfill(int argc, char** argv);

// `switchyard schema [--config FILE] [--database DB ...] [--section ...] [--apply] ...`
[[nodiscard]] int run_schema(int argc, char** argv);
// `switchyard verify [--config FILE] [--database DB ...] [--tables a,b] [--repair] [--json] ...`
[[nodiscard]] int run_verify(int argc, char** argv);

}  // namespace switchyard::cli
