#!/usr/bin/env bash
# sysbench oltp_read_write through the proxy: prepare (bulk inserts, index creation), a timed
# run with 4 threads (server-side prepared statements, transactions), cleanup. Passes only if
# every phase exits 0 and the run reports transactions and 0 reconnects.
# "Ignored errors" are errors on sysbench's default ignore list. Deadlocks (1213) and lock wait
# timeouts (1205) are MariaDB's own answers under concurrency, relayed unchanged, so a few are
# allowed (at most 1 per 1000 transactions; 4 tables of 25000 rows keep them rare). Any other
# ignored code (1020 "record changed", or a proxy error) fails the check.
# Tables live in their own database (not sbtest), so that benchmarks running at the same time
# on sbtest are not disturbed; the caller creates it.
# Usage: oltp_read_write.sh HOST PORT DB [SECONDS]
set -euo pipefail
host=$1 port=$2 db=$3 seconds=${4:-20}
common=(oltp_read_write --db-driver=mysql --mysql-host="$host" --mysql-port="$port"
        --mysql-user=app --mysql-password=app --mysql-db="$db" --tables=4 --table-size=25000)

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
# verbosity 5 makes sysbench log each ignored error with its code
report=$(phase --threads=4 --time="$seconds" --report-interval=0 --verbosity=5 run)
phase cleanup >/dev/null

echo "$report" | grep -E '^ +(transactions|queries|ignored errors|reconnects):'
transactions=$(echo "$report" | awk '/^ +transactions:/ {print $2}')
errors=$(echo "$report" | awk '/^ +ignored errors:/ {print $3}')
reconnects=$(echo "$report" | awk '/^ +reconnects:/ {print $2}')
fail=0
[[ ${transactions:-0} -gt 0 ]] || { echo "sysbench: no transactions completed"; fail=1; }
ignored=$(echo "$report" | grep -i 'ignoring error' | sed -E 's/.*[Ii]gnoring error ([0-9]+).*/\1/' || true)
unexpected=$(echo "$ignored" | grep -vE '^(1213|1205|)$' || true)
if [[ -z ${errors:-} ]]; then
  echo "sysbench: no 'ignored errors' line in the report"; fail=1
elif [[ -n $unexpected ]] || (( errors * 1000 > ${transactions:-0} )); then
  echo "sysbench: ignored errors: $errors in ${transactions:-0} transactions" \
       "(allowed: deadlocks and lock wait timeouts, at most 1 per 1000)"
  echo "$report" | grep -i 'ignoring error' | sort | uniq -c | head -n 10
  fail=1
elif (( errors > 0 )); then
  echo "sysbench: $errors deadlock(s) or lock wait timeout(s) from MariaDB, within the allowance"
fi
[[ ${reconnects:-x} == 0 ]] || { echo "sysbench: reconnects: ${reconnects:-missing}, expected 0"; fail=1; }
exit $fail
