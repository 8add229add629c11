#!/usr/bin/env bash
# micro.sh - runs the Google Benchmark micro benchmarks and prints each hot function's time as
# a ratio to its reference measured in the same run (copying the same bytes once), so the
# figures mean something on a noisy machine.
#   bench/micro.sh [build-dir]     (default: build; needs target switchyard_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
cmake --build "$BUILD" -j2 --target switchyard_bench >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$BUILD/bench/switchyard_bench" --benchmark_format=json --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true >"$out"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
all_runs = json.load(open(sys.argv[1]))["benchmarks"]
runs = {b["run_name"].split("/")[0]: b for b in all_runs if b.get("aggregate_name") == "median"}
# A benchmark that skipped itself with an error (e.g. a statement the translator refuses) has no median.
errors = {b["run_name"].split("/")[0]: b.get("error_message", "") for b in all_runs if b.get("error_occurred")}
def ns(name):
    b = runs[name]
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
    # CPU time: on a machine shared with other work, wall time also counts the time the core
    # spent on other processes (these benchmarks are single-threaded and do no I/O).
    return b["cpu_time"] * scale
print(f"{'benchmark':56} {'median':>12}")
for name in runs:
    print(f"{name:56} {ns(name):>10.1f} ns")
for name, message in errors.items():
    if name not in runs:
        print(f"{name:56} {'error':>12}  {message}")
print()
pairs = [("append_message_big", "reference_copy_big"), ("join_payload_big", "reference_copy_big"),
         ("track_point_select", "reference_copy_point_select"), ("track_100_rows", "reference_copy_100_rows"),
         ("lex_digest_classify_shared_pass_point_select", "lex_digest_classify_point_select"),
         ("lex_digest_classify_shared_pass_join_group_by", "lex_digest_classify_join_group_by")]
print("ratios to the reference in the same run (1.0 = as fast as one copy of the bytes)")
for a, ref in pairs:
    if a in runs and ref in runs:
        print(f"  {a:46} / {ref:34} = {ns(a) / ns(ref):6.2f}")
PY
