// Fuzz targets for the pure tier: each takes arbitrary bytes, must never crash, hang or read out
// of bounds, and checks invariants that hold for every input (a broken one aborts).
// Built as libFuzzer executables with clang (-DSWITCHYARD_FUZZ=ON), and run over seeded
// mutations by tests/unit/fuzz in every CI run.
#pragma once
#include "protocol/bytes.hpp"

namespace switchyard::fuzz {

// The first bytes choose the response kind, capabilities and first sequence id; the rest is a
// server stream fed to response_tracker in chunks whose sizes the input also chooses.
void response_tracker_target(protocol::bytes_view data);

// Every decoder on the same bytes; the greeting must re-encode byte for byte when it decodes.
void decoders_target(protocol::bytes_view data);

// The SQL lexer, statement splitter and digest; the first byte chooses the sql_mode flags.
void sql_target(protocol::bytes_view data);

// The translator (with a small typed catalog); the first byte chooses the sql_mode flags.
void translate_target(protocol::bytes_view data);
// The invariant translate_target checks that `data` breaks, or nullptr (for the smoke test's messages).
[[nodiscard]] const char* translate_violation(protocol::bytes_view data);

// sql::apply_set_statement (the mirror's session settings); the first byte chooses the sql_mode flags.
void session_settings_target(protocol::bytes_view data);

}  // namespace switchyard::fuzz
