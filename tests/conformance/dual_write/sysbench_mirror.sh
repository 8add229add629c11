#!/usr/bin/env bash
# Phase 1 under sysbench: a proxy of its own in dual_write mirrors one database to PostgreSQL;
# sysbench prepares its tables through it (PostgreSQL gets them through the mirrored DDL), then
# oltp_write_only runs with 8 threads (server-side prepared statements). Once the mirror has
# drained (its queue is made large here: overflow is not what this checks), every sbtest table
# must be identical on both sides and no divergence recorded.
# Usage: sysbench_mirror.sh BINARY MYSQL_HOST MYSQL_PORT PG_PORT OUT_DIR [SECONDS]
set -uo pipefail
bin=$1 my_host=$2 my_port=$3 pg_port=$4 out=$5 seconds=${6:-10}
db=conf_dual_write
tables=4
port=$((20000 + RANDOM % 20000))
log=$out/dual_write.proxy.log
pid=

my() { mariadb --no-defaults --protocol=TCP -h "$my_host" -P "$my_port" -u app -papp -N -B "$@"; }
pg() { PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=app psql -h 127.0.0.1 -p "$pg_port" -U app -d app -X -q -At "$@"; }
cleanup() {
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  my -e "DROP DATABASE IF EXISTS $db" 2>/dev/null
  pg -c "DROP SCHEMA IF EXISTS $db CASCADE" >/dev/null 2>&1
}
trap cleanup EXIT
fail() { echo "dual_write: $*"; [[ -f $log ]] && tail -n 15 "$log"; exit 1; }

my -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db" || fail "cannot create $db on MySQL"
pg -c "DROP SCHEMA IF EXISTS $db CASCADE; CREATE SCHEMA $db" >/dev/null || fail "cannot create schema $db on PostgreSQL"

"$bin" proxy --proxy.listen=127.0.0.1:$port --mysql.address="$my_host:$my_port" --proxy.workers=2 \
  --migration.phase=dual_write --postgresql.conninfo="host=127.0.0.1 port=$pg_port user=app password=app dbname=app" \
  --mirror.mysql_user=app --mirror.mysql_password=app --mirror.databases=$db \
  --mirror.divergence_file="$out/dual_write.divergences.log" --mirror.queue_capacity=1000000 2>"$log" &
pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null || fail "the proxy did not start"

common=(oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user=app
        --mysql-password=app --mysql-db="$db" --tables=$tables --table-size=2000)
sysbench "${common[@]}" prepare >"$out/dual_write.prepare.log" 2>&1 || fail "sysbench prepare failed"
sysbench "${common[@]}" --threads=8 --time="$seconds" --report-interval=0 run >"$out/dual_write.run.log" 2>&1 ||
  fail "sysbench run failed: $(tail -n 5 "$out/dual_write.run.log")"
grep -E '^ +(transactions|queries|ignored errors|reconnects):' "$out/dual_write.run.log"

# The proxy's counters (SIGUSR1 logs them): wait until everything submitted was applied or diverged.
metric() { grep -o "metrics: .*" "$log" | tail -n 1 | grep -oE "(^| )$1=[0-9]+" | cut -d= -f2; }
drained=
for _ in $(seq 1 120); do
  kill -USR1 "$pid"; sleep 0.5
  submitted=$(metric mirror_transactions_submitted) applied=$(metric mirror_transactions_applied)
  diverged=$(metric mirror_transactions_diverged)
  if [[ -n $submitted && $submitted -gt 0 && $((applied + diverged)) -eq $submitted ]]; then drained=1; break; fi
done
[[ -n $drained ]] || fail "the mirror did not drain in 60 s (submitted $submitted, applied $applied, diverged $diverged)"
echo "mirror: $submitted transactions submitted, $applied applied, $diverged diverged," \
  "lag p99 $(metric mirror_lag_p99_us) us, queue peak $(metric mirror_queue_peak)"

status=0
[[ $diverged -eq 0 ]] || { echo "dual_write: $diverged transaction(s) diverged"; head -c 2000 "$out/dual_write.divergences.log"; status=1; }
# MySQL's CHAR drops trailing spaces on output, PostgreSQL's pads: compare the values.
for i in $(seq 1 $tables); do
  my "$db" -e "SELECT id, k, c, pad FROM sbtest$i ORDER BY id" >"$out/dual_write.sbtest$i.mysql" ||
    fail "cannot read sbtest$i from MySQL"
  pg -F $'\t' -c "SELECT id, k, rtrim(c), rtrim(pad) FROM $db.sbtest$i ORDER BY id" >"$out/dual_write.sbtest$i.pg" ||
    fail "cannot read sbtest$i from PostgreSQL"
  rows=$(wc -l <"$out/dual_write.sbtest$i.mysql")
  if ! cmp -s "$out/dual_write.sbtest$i.mysql" "$out/dual_write.sbtest$i.pg"; then
    echo "dual_write: sbtest$i differs ($rows rows on MySQL); first differences:"
    diff "$out/dual_write.sbtest$i.mysql" "$out/dual_write.sbtest$i.pg" | head -n 6
    status=1
  elif [[ $rows -lt 1000 ]]; then
    echo "dual_write: sbtest$i has only $rows rows"; status=1
  else
    echo "sbtest$i: $rows rows, identical"
  fi
done
exit $status
