#!/usr/bin/env bash
# The switchyard executable as an operator meets it: subcommands, configuration errors that
# name the key, --check, SIGUSR1 metrics, SIGTERM shutdown. Needs MariaDB (tools/dbenv.sh).
#   tests/cli/cli_test.sh BINARY
set -uo pipefail
BIN=${1:?usage: cli_test.sh path/to/switchyard}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MYSQL_PORT=${SWITCHYARD_TEST_MYSQL_PORT:-13306}
WORK=$(mktemp -d)
PID=
cleanup() { [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
passed=0 failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
expect_fail_with() {  # expect_fail_with EXIT TEXT ARGS...: the command exits EXIT and says TEXT
  local want_rc=$1 text=$2; shift 2
  local out rc
  out=$("$BIN" "$@" 2>&1); rc=$?
  [[ $rc -eq $want_rc && $out == *"$text"* ]] || { echo "  got exit $rc: $out"; return 1; }
}

check "no command prints usage, exit 2" expect_fail_with 2 "usage: switchyard" 
check "unknown command" expect_fail_with 2 "unknown command 'frobnicate'" frobnicate
check "version" expect_fail_with 0 "switchyard 0." version
check "proxy --help lists every key" expect_fail_with 0 "--mysql.address=" proxy --help
check "example configuration passes --check" expect_fail_with 0 "configuration OK" proxy --config "$ROOT/deploy/switchyard.example.conf" --check
printf '[proxy]\nlisten = 127.0.0.1:3307\nmax_conections = 10\n' >"$WORK/typo.conf"
check "unknown key names file, line and key" expect_fail_with 2 "typo.conf:3: unknown key 'proxy.max_conections'" proxy --config "$WORK/typo.conf"
check "bad flag value names the key" expect_fail_with 2 "--proxy.idle_timeout: proxy.idle_timeout: '5 minutes' has no valid unit" proxy --proxy.idle_timeout="5 minutes"
check "missing file" expect_fail_with 2 "cannot read configuration file" proxy --config "$WORK/none.conf"
check "argument without a value" expect_fail_with 2 "unexpected argument 'listen'" proxy listen
check "unusable listen address" expect_fail_with 1 "cannot listen on" proxy --proxy.listen=192.0.2.1:1

# A running proxy: SIGUSR1 logs the counters, SIGTERM stops it cleanly.
port=$((20000 + RANDOM % 20000))
"$BIN" proxy --proxy.listen=127.0.0.1:$port --mysql.address=127.0.0.1:$MYSQL_PORT 2>"$WORK/log" &
PID=$!
up() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
check "proxy starts listening" up
check "a client gets through" bash -c "mariadb --no-defaults -h127.0.0.1 -P$port -uapp -papp -N -e 'SELECT 6*7' | grep -qx 42"
kill -USR1 "$PID"
logged() { for _ in $(seq 1 50); do grep -q "$1" "$WORK/log" && return 0; sleep 0.1; done; return 1; }
check "SIGUSR1 logs the counters" logged "metrics: connections_accepted="
check "counters count the query" logged "queries_total=1"
kill -TERM "$PID"
stopped() { for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.1; done; return 1; }
check "SIGTERM stops the proxy" stopped
wait "$PID"; rc=$?; PID=
check "exit status 0 after SIGTERM" test "$rc" -eq 0
check "shutdown logs the totals" logged "stopped; totals: "

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
