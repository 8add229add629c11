#!/usr/bin/env bash
# sysbench oltp_read_write through the proxy: prepare (bulk inserts, index creation), a timed
# run with 4 threads (server-side prepared statements, transactions), cleanup. Passes only if
# every phase exits 0 and the run reports transactions, 0 ignored errors and 0 reconnects.
# Tables live in their own database (not sbtest), so that benchmarks running at the same time
# on sbtest are not disturbed; the caller creates it.
# Usage: oltp_read_write.sh HOST PORT DB [SECONDS]
set -euo pipefail
host=$1 port=$2 db=$3 seconds=${4:-20}
common=(oltp_read_write --db-driver=mysql --mysql-host="$host" --mysql-port="$port"
        --mysql-user=app --mysql-password=app --mysql-db="$db" --tables=2 --table-size=10000)

phase() {
  local out
  if ! out=$(sysbench "${common[@]}" "$@" 2>&1); then
    echo "sysbench $*: failed; last lines:" >&2
    echo "$out" | tail -n 20 >&2
    exit 1
  fi
  printf '%s\n' "$out"
}

phase cleanup >/dev/null
phase prepare >/dev/null
report=$(phase --threads=4 --time="$seconds" --report-interval=0 run)
phase cleanup >/dev/null

echo "$report" | grep -E '^ +(transactions|queries|ignored errors|reconnects):'
transactions=$(echo "$report" | awk '/^ +transactions:/ {print $2}')
errors=$(echo "$report" | awk '/^ +ignored errors:/ {print $3}')
reconnects=$(echo "$report" | awk '/^ +reconnects:/ {print $2}')
fail=0
[[ ${transactions:-0} -gt 0 ]] || { echo "sysbench: no transactions completed"; fail=1; }
[[ ${errors:-x} == 0 ]] || { echo "sysbench: ignored errors: ${errors:-missing}, expected 0"; fail=1; }
[[ ${reconnects:-x} == 0 ]] || { echo "sysbench: reconnects: ${reconnects:-missing}, expected 0"; fail=1; }
exit $fail
