#!/usr/bin/env bash
# phase2.sh - the phase-2 tools' throughput, side by side with pgloader in the same run:
# a generated mixed-type MySQL table (1M rows by default) copied to PostgreSQL by
# `switchyard backfill` (into schema bench_p2 of the app database, tables made by
# `switchyard schema`) and by pgloader (into a fresh PostgreSQL database, as pgloader does
# a migration), interleaved per round; then `switchyard verify` of the matching tables.
# Reports rows/s and MB/s of each, the backfill/pgloader ratio and verify's rows/s against
# the issue's targets (backfill >= 1.5x pgloader, verify >= 500k rows/s).
#
#   bench/e2e/phase2.sh [--rows N] [--rounds N] [--workers N] [--out FILE]
#
# Environment (flags win): P2_ROWS (1000000), P2_ROUNDS (2), P2_WORKERS (4),
# P2_OUT (bench/e2e/results/phase2.json), SWITCHYARD_BIN (build/cli/switchyard).
# Needs pgloader (Debian package: apt-get install pgloader; not installed by tools/install-deps.sh,
# as CI does not run benchmarks).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

ROWS=${P2_ROWS:-1000000} ROUNDS=${P2_ROUNDS:-2} WORKERS=${P2_WORKERS:-4}
OUT=${P2_OUT:-$HERE/results/phase2.json}
BIN=${SWITCHYARD_BIN:-build/cli/switchyard}
while (($#)); do
  case $1 in
    --rows) ROWS=${2:?}; shift ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    --workers) WORKERS=${2:?}; shift ;;
    --out) OUT=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "phase2: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $ROWS =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ && $WORKERS =~ ^[1-9][0-9]*$ ]] \
  || { echo "phase2: --rows, --rounds and --workers must be positive integers" >&2; exit 2; }

MY_PORT=${MARIADB_PORT:-13306} PG_PORT=${PG_PORT:-15432}
DB=bench_p2 PGL_DB=bench_p2_pgloader
PG="host=127.0.0.1 port=$PG_PORT dbname=app user=app password=app"
log() { echo "phase2: $*" >&2; }
die() { echo "phase2: ERROR: $*" >&2; exit 1; }
for tool in pgloader mariadb psql /usr/bin/python3; do command -v "$tool" >/dev/null || die "$tool not found (tools/install-deps.sh)"; done
[[ -x $BIN ]] || die "$BIN not found; build it first"
WORK=$(mktemp -d /tmp/switchyard-p2.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

my() { mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MY_PORT" -u app -papp "$@"; }
pg() { PGOPTIONS=--client-min-messages=warning psql "$PG" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }

tools/dbenv.sh start >/dev/null 2>"$WORK/dbenv.log" || { cat "$WORK/dbenv.log" >&2; die "tools/dbenv.sh start failed"; }
cat >"$WORK/sy.conf" <<EOF
[mysql]
address = 127.0.0.1:$MY_PORT
[postgresql]
conninfo = $PG
[migrate]
mysql_user = app
mysql_password = app
databases = $DB
EOF

# --- the data: integers, a decimal, a double, text, a boolean, a datetime with fractions, JSON,
# binary and a nullable column, about 150 bytes a row
log "generating $ROWS rows in MySQL $DB.items"
my -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
my "$DB" <<SQL
CREATE TABLE items (
  id BIGINT NOT NULL PRIMARY KEY,
  k INT NOT NULL,
  name VARCHAR(64) NOT NULL,
  price DECIMAL(12,2) NOT NULL,
  score DOUBLE NULL,
  active TINYINT(1) NOT NULL,
  created DATETIME(3) NOT NULL,
  doc JSON NULL,
  tag VARBINARY(16) NULL,
  note TEXT NULL,
  KEY by_k (k)
);
INSERT INTO items
SELECT seq, seq % 1000, CONCAT('item-', seq, '-', MD5(seq)), (seq % 100000) / 100, seq / 7,
       seq % 2, TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000) * 1000 MICROSECOND,
       IF(seq % 5 = 0, NULL, JSON_OBJECT('n', seq, 's', CONCAT('v', seq % 97))),
       UNHEX(SUBSTRING(MD5(seq), 1, 16)), IF(seq % 3 = 0, NULL, REPEAT('x', seq % 40))
FROM seq_1_to_$ROWS;
SQL
my "$DB" -e "ANALYZE TABLE items" >/dev/null
MB=$(my -N -e "SELECT ROUND((DATA_LENGTH) / 1048576, 1) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB' AND TABLE_NAME = 'items'")
log "MySQL table: $MB MiB of data"

RUNS=$WORK/runs.jsonl
: >"$RUNS"
record() { echo "{\"tool\": \"$1\", \"round\": $2, \"seconds\": $3, \"rows\": $4, \"ok\": $5}" >>"$RUNS"; }

run_backfill() {  # run_backfill ROUND
  pg -c "DROP SCHEMA IF EXISTS $DB CASCADE"
  "$BIN" schema --config "$WORK/sy.conf" --apply --section pre-data >"$WORK/schema.log" 2>&1 || { cat "$WORK/schema.log" >&2; die "switchyard schema failed"; }
  local t0 t1 ok=true
  t0=$(now)
  "$BIN" backfill --config "$WORK/sy.conf" --workers "$WORKERS" --progress none --restart >"$WORK/backfill-$1.log" 2>&1 || ok=false
  t1=$(now)
  local copied; copied=$(pg -c "SELECT count(*) FROM $DB.items")
  [[ $copied == "$ROWS" ]] || ok=false
  record backfill "$1" "$(echo "$t1 - $t0" | bc)" "$copied" "$ok"
  log "round $1: switchyard backfill $(echo "$t1 - $t0" | bc) s, $copied rows"
}

run_pgloader() {  # run_pgloader ROUND
  pg -c "DROP DATABASE IF EXISTS $PGL_DB" -c "CREATE DATABASE $PGL_DB"
  local t0 t1 ok=true
  t0=$(now)
  pgloader --no-ssl-cert-verification "mysql://app:app@127.0.0.1:$MY_PORT/$DB" \
    "postgresql://app:app@127.0.0.1:$PG_PORT/$PGL_DB" >"$WORK/pgloader-$1.log" 2>&1 || ok=false
  t1=$(now)
  local copied
  copied=$(PGOPTIONS=--client-min-messages=warning psql "host=127.0.0.1 port=$PG_PORT dbname=$PGL_DB user=app password=app" \
             -X -At -c "SELECT count(*) FROM $DB.items" 2>/dev/null || echo 0)
  [[ $copied == "$ROWS" ]] || { ok=false; tail -n 20 "$WORK/pgloader-$1.log" >&2; }
  record pgloader "$1" "$(echo "$t1 - $t0" | bc)" "$copied" "$ok"
  log "round $1: pgloader $(echo "$t1 - $t0" | bc) s, $copied rows"
}

run_verify() {  # run_verify ROUND: the tables the backfill just copied, which match
  local t0 t1 ok=true
  t0=$(now)
  "$BIN" verify --config "$WORK/sy.conf" >"$WORK/verify-$1.log" 2>&1 || ok=false
  t1=$(now)
  record verify "$1" "$(echo "$t1 - $t0" | bc)" "$ROWS" "$ok"
  log "round $1: switchyard verify $(echo "$t1 - $t0" | bc) s ($ok)"
  $ok || tail -n 20 "$WORK/verify-$1.log" >&2
}

for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then run_backfill "$r"; run_verify "$r"; run_pgloader "$r"
  else run_pgloader "$r"; run_backfill "$r"; run_verify "$r"; fi
done
pg -c "DROP DATABASE IF EXISTS $PGL_DB"

mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 - "$RUNS" "$OUT" "$ROWS" "$MB" "$WORKERS" "$(git rev-parse --short HEAD)" <<'PY'
import json, statistics, sys
runs_file, out, rows, mb, workers, commit = sys.argv[1:]
runs = [json.loads(l) for l in open(runs_file)]
rows, mb = int(rows), float(mb)
def summary(tool):
    ok = [r for r in runs if r["tool"] == tool and r["ok"]]
    secs = statistics.median([r["seconds"] for r in ok]) if ok else None
    return {"runs": len([r for r in runs if r["tool"] == tool]), "ok_runs": len(ok), "seconds": secs,
            "rows_per_s": rows / secs if secs else None, "mb_per_s": mb / secs if secs else None}
s = {t: summary(t) for t in ("backfill", "pgloader", "verify")}
ratio = (s["backfill"]["rows_per_s"] / s["pgloader"]["rows_per_s"]
         if s["backfill"]["rows_per_s"] and s["pgloader"]["rows_per_s"] else None)
targets = {"backfill_vs_pgloader": {"value": ratio, "goal": ">= 1.5", "met": ratio is not None and ratio >= 1.5},
           "verify_rows_per_s": {"value": s["verify"]["rows_per_s"], "goal": ">= 500000",
                                 "met": (s["verify"]["rows_per_s"] or 0) >= 500000}}
json.dump({"meta": {"rows": rows, "mysql_mib": mb, "workers": int(workers), "git_commit": commit},
           "summary": s, "targets": targets, "runs": runs}, open(out, "w"), indent=2)
print(f"\nphase-2 tools, {rows} rows ({mb} MiB in MySQL), medians over rounds")
print(f"{'tool':<10} {'ok':>5} {'seconds':>8} {'rows/s':>10} {'MiB/s':>7}")
for t, v in s.items():
    f = lambda x, spec: format(x, spec) if x is not None else "-"
    print(f"{t:<10} {str(v['ok_runs']) + '/' + str(v['runs']):>5} {f(v['seconds'], '8.2f'):>8} "
          f"{f(v['rows_per_s'], '10.0f'):>10} {f(v['mb_per_s'], '7.1f'):>7}")
for name, t in targets.items():
    v = t["value"]
    print(f"  {name} {t['goal']}: {format(v, '.3f') if isinstance(v, float) else v}  {'PASS' if t['met'] else 'MISS'}")
print(f"JSON written to {out}")
PY
