#!/usr/bin/env bash
# Conformance suite: real MySQL clients run the same plan directly against MariaDB and through
# the proxy; their dumps must be byte-identical (and pass check_dump.py). Also sysbench through
# the proxy, TLS from the client to the proxy, and phase 1 (dual write) under sysbench.
#
#   tests/conformance/run.sh [CHECK...]   CHECK: cli pymysql mysqlclient node go java sysbench tls
#                                         dual_write
#                                         (default: all of them)
# Environment:
#   CONFORMANCE_PROXY=switchyard|haproxy  proxy to start (default switchyard: build/cli/switchyard)
#   CONFORMANCE_PROXY_CMD=...             any proxy command; {listen} {mysql} {cert} {key}
#   CONFORMANCE_PROXY_PORT=13308          where the proxy listens; if something already listens
#                                         there, it is tested as is and not stopped
#   CONFORMANCE_OUT=/tmp/switchyard-conformance   dumps and logs, kept after the run
#   CONFORMANCE_SYSBENCH_SECONDS=20, MARIADB_PORT=13306, SWITCHYARD_TEST_PG_PORT=15432
#   CONFORMANCE_DUAL_WRITE_SECONDS=10
# Needs MariaDB running (tools/dbenv.sh start); dual_write also PostgreSQL, and starts its own
# switchyard (build/cli/switchyard) in phase 1. Ends with "N passed, M failed"; exit 1 if any failed.
# shellcheck source-path=SCRIPTDIR
set -uo pipefail

CONF_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$CONF_DIR/../.." && pwd)
OUT=${CONFORMANCE_OUT:-/tmp/switchyard-conformance}
WORK=$(mktemp -d /tmp/switchyard-conformance-work.XXXXXX)
# shellcheck source=lib/clients.sh
source "$CONF_DIR/lib/clients.sh"
# shellcheck source=lib/proxy.sh
source "$CONF_DIR/lib/proxy.sh"

cleanup() {
  stop_proxy
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ALL_CHECKS=("${CLIENTS[@]}" sysbench tls dual_write)
checks=("$@")
[[ ${#checks[@]} -gt 0 ]] || checks=("${ALL_CHECKS[@]}")
for c in "${checks[@]}"; do
  [[ " ${ALL_CHECKS[*]} " == *" $c "* ]] || { echo "unknown check '$c' (known: ${ALL_CHECKS[*]})"; exit 2; }
done

rm -rf "$OUT"
mkdir -p "$OUT"
passed=0
failed=0
result() { # result NAME STATUS(0=pass) SECONDS
  if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); echo "PASS $1 ($3 s)"
  else failed=$((failed + 1)); echo "FAIL $1 ($3 s)"; fi
}

# One client: direct run, proxied run, sanity checks, byte comparison.
check_client() {
  local name=$1 mode port
  if ! prepare_client "$name" >"$OUT/$name.prepare.log" 2>&1; then
    echo "$name: could not prepare the client:"; tail -n 20 "$OUT/$name.prepare.log"; return 1
  fi
  for mode in direct proxied; do
    port=$MY_PORT; [[ $mode == proxied ]] && port=$PROXY_PORT
    if ! run_client "$name" "$port" "$OUT/$name.$mode.dump"; then
      echo "$name: the $mode run failed; last lines of $OUT/$name.$mode.dump.log:"
      tail -n 20 "$OUT/$name.$mode.dump.log"
      return 1
    fi
  done
  compare_dumps "$name" "$OUT/$name.direct.dump" "$OUT/$name.proxied.dump"
}

check_sysbench() {
  mysql_direct -e 'CREATE DATABASE IF NOT EXISTS conf_sysbench' &&
    "$CONF_DIR/sysbench/oltp_read_write.sh" "$MY_HOST" "$PROXY_PORT" conf_sysbench \
      "${CONFORMANCE_SYSBENCH_SECONDS:-20}"
}

# Its own proxy in dual_write (whatever the suite's proxy is): sysbench, then both sides compared.
check_dual_write() {
  "$CONF_DIR/dual_write/sysbench_mirror.sh" "$REPO/build/cli/switchyard" "$MY_HOST" "$MY_PORT" \
    "${SWITCHYARD_TEST_PG_PORT:-15432}" "$OUT" "${CONFORMANCE_DUAL_WRITE_SECONDS:-10}"
}

echo "conformance: dumps and logs in $OUT"
if ! mysql_direct -e 'SELECT 1' >/dev/null; then
  echo "conformance: MariaDB is not reachable on $MY_HOST:$MY_PORT (run tools/dbenv.sh start)"
  failed=${#checks[@]}
else
  proxy_up=0
  start_proxy || proxy_up=1
  for c in "${checks[@]}"; do
    t0=$SECONDS
    if [[ $proxy_up -ne 0 ]]; then
      echo "$c: the proxy is not running"; status=1
    else
      case $c in
        sysbench) check_sysbench; status=$? ;;
        tls) "$CONF_DIR/tls/check.sh" "$PROXY_PORT" "$PROXY_TLS_CA" "$OUT"; status=$? ;;
        dual_write) check_dual_write; status=$? ;;
        *) check_client "$c"; status=$? ;;
      esac
      # a proxy that died during a check fails that check and everything after it
      if [[ -n $PROXY_PID ]] && ! kill -0 "$PROXY_PID" 2>/dev/null; then
        echo "$c: the proxy exited; last lines of $OUT/proxy.log:"; tail -n 20 "$OUT/proxy.log"
        status=1; proxy_up=1; PROXY_PID=
      fi
    fi
    result "$c" "$status" $((SECONDS - t0))
  done
  stop_proxy
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
