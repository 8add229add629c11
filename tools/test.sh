#!/usr/bin/env bash
# test.sh - THE test command: installs what is missing, starts the throwaway databases, builds,
# runs the unit and integration tests (ctest), then the conformance suite (real MySQL clients
# directly vs through the proxy, sysbench through the proxy, TLS to the proxy).
#
#   tools/test.sh        # as root on Debian 12; CI runs it through .ci/run
#
# Every step runs even after a failure, unless it depends on one that failed (then it is
# skipped and counts as failed). Ends with a summary and a line "test.sh: N passed, M failed",
# counting ctest's tests, the conformance checks and the failed setup steps; exits 1 if M > 0.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
LOGS=$(mktemp -d /tmp/switchyard-test.XXXXXX)
summary=()
declare -A status   # step name -> pass | fail | skip

# step NAME [needs=A,B] -- COMMAND...: runs COMMAND, its output shown and kept in $LOGS/NAME.log.
step() {
  local name=$1 needs=
  shift
  [[ $1 == needs=* ]] && { needs=${1#needs=}; shift; }
  [[ $1 == -- ]] && shift
  local dep
  for dep in ${needs//,/ }; do
    if [[ ${status[$dep]} != pass ]]; then
      status[$name]=skip
      summary+=("SKIP $name (needs $dep)")
      echo "== $name: skipped, $dep did not pass"
      return
    fi
  done
  echo "== $name: $*"
  local t0=$SECONDS rc=0
  "$@" 2>&1 </dev/null | tee "$LOGS/$name.log"
  rc=${PIPESTATUS[0]}
  if [[ $rc -eq 0 ]]; then status[$name]=pass; summary+=("PASS $name ($((SECONDS - t0)) s)")
  else status[$name]=fail; summary+=("FAIL $name (exit $rc, $((SECONDS - t0)) s)"); fi
}

# dbenv.sh prints the client variables (MYSQL_HOST, PGPORT, ...) the tests below may read;
# step runs commands in a pipeline (a subshell), so they pass through a file.
start_databases() { tools/dbenv.sh start >"$LOGS/dbenv.env"; }

step deps -- tools/install-deps.sh
step databases needs=deps -- start_databases
# shellcheck disable=SC1091  # written just above
[[ ${status[databases]} == pass ]] && source "$LOGS/dbenv.env"
step configure needs=deps -- cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
step build needs=configure -- cmake --build build -j2
step ctest needs=build,databases -- ctest --test-dir build --output-on-failure -j2
step conformance needs=build,databases -- tests/conformance/run.sh

# Totals: ctest's and the conformance suite's own counts, plus each failed or skipped setup step.
passed=0
failed=0
if [[ -f $LOGS/ctest.log ]]; then
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOGS/ctest.log" | tail -n1)
  if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    failed=$((failed + BASH_REMATCH[1]))
    passed=$((passed + BASH_REMATCH[2] - BASH_REMATCH[1]))
  elif [[ ${status[ctest]} == fail ]]; then
    failed=$((failed + 1))
  fi
fi
if [[ -f $LOGS/conformance.log ]]; then
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/conformance.log" | tail -n1)
  if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  elif [[ ${status[conformance]} == fail ]]; then
    failed=$((failed + 1))
  fi
fi
for s in deps databases configure build; do
  [[ ${status[$s]} == pass ]] || failed=$((failed + 1))
done
for s in ctest conformance; do
  [[ ${status[$s]} == skip ]] && failed=$((failed + 1))
done

echo
echo "== summary (logs in $LOGS)"
printf '%s\n' "${summary[@]}"
echo "test.sh: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
