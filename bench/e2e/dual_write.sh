#!/usr/bin/env bash
# dual_write.sh - phase-1 benchmark: sysbench oltp_write_only and oltp_read_write through
# switchyard in phase 0 (mysql_only) and phase 1 (dual_write), interleaved p0, p1 per round.
# Reports the TPS ratio, client p95, mirror lag and queue, divergences, and a MySQL/PostgreSQL
# compare of every table after each phase-1 run. See README.md beside this file.
#
#   bench/e2e/dual_write.sh [--quick] [--rounds N] [--duration S] [--threads "4"]
#                           [--workloads "oltp_write_only oltp_read_write"] [--rate TPS]
#                           [--out FILE] [--keep-tmp]
#
# --rate caps sysbench at TPS transactions per second in both phases (0, the default: as fast
# as it goes); use it to measure the mirror's lag at a load it can sustain.
#
# Environment (flags win): BENCH_ROUNDS (3), BENCH_DURATION (20), BENCH_THREADS (4),
# BENCH_WORKLOADS, BENCH_RATE (0), BENCH_TABLES (4), BENCH_TABLE_SIZE (10000),
# BENCH_OUT (bench/e2e/results/dual_write.json), DW_DB_PREFIX (bench_dw: MySQL databases
# bench_dw_p0 and bench_dw_p1, PostgreSQL schema bench_dw_p1), SWITCHYARD_PORT (13319),
# SWITCHYARD_BIN (build/cli/switchyard), SWITCHYARD_FLAGS (extra proxy flags for both phases),
# PG_CONNINFO (host=127.0.0.1 port=15432 dbname=app user=app password=app),
# DW_DRAIN_TIMEOUT (120: seconds to wait for the mirror's queue to empty after a run; a mirror
# that makes no progress for 20 s is reported as stalled sooner).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
# shellcheck source=procs.sh
source "$HERE/procs.sh"

PY=/usr/bin/python3
DB_PORT=${MARIADB_PORT:-13306}
DB_USER=${DBENV_USER:-app}
DB_PASS=${DBENV_PASSWORD:-app}
PG_CONNINFO=${PG_CONNINFO:-host=127.0.0.1 port=15432 dbname=app user=app password=app}
PREFIX=${DW_DB_PREFIX:-bench_dw}
DB_P0=${PREFIX}_p0 DB_P1=${PREFIX}_p1
TABLES=${BENCH_TABLES:-4}
TABLE_SIZE=${BENCH_TABLE_SIZE:-10000}
PORT=${SWITCHYARD_PORT:-13319}
BIN=${SWITCHYARD_BIN:-build/cli/switchyard}
read -ra EXTRA_FLAGS <<<"${SWITCHYARD_FLAGS:-}"
DRAIN_TIMEOUT=${DW_DRAIN_TIMEOUT:-120}

log() { echo "dual_write: $*" >&2; }
die() { echo "dual_write: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }

quick=0 keep_tmp=0
f_rounds='' f_duration='' f_threads='' f_workloads='' f_rate='' f_out=''
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --rounds) f_rounds=${2:?}; shift ;;
    --duration) f_duration=${2:?}; shift ;;
    --threads) f_threads=${2:?}; shift ;;
    --workloads) f_workloads=${2:?}; shift ;;
    --rate) f_rate=${2:?}; shift ;;
    --out) f_out=${2:?}; shift ;;
    --keep-tmp) keep_tmp=1 ;;
    -h|--help) usage 0 ;;
    *) echo "dual_write: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
# precedence: explicit flag > --quick > environment > default
q_rounds='' q_duration=''; ((quick)) && q_rounds=1 q_duration=10
ROUNDS=${f_rounds:-${q_rounds:-${BENCH_ROUNDS:-3}}}
DURATION=${f_duration:-${q_duration:-${BENCH_DURATION:-20}}}
THREADS=${f_threads:-${BENCH_THREADS:-4}}
WORKLOADS=${f_workloads:-${BENCH_WORKLOADS:-oltp_write_only oltp_read_write}}
RATE=${f_rate:-${BENCH_RATE:-0}}
OUT=${f_out:-${BENCH_OUT:-$HERE/results/dual_write.json}}
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $DURATION =~ ^[1-9][0-9]*$ ]] || die "rounds and duration must be positive integers"
[[ $RATE =~ ^[0-9]+$ ]] || die "rate must be a non-negative integer (transactions per second; 0 = no cap)"
[[ $TABLES =~ ^[1-9][0-9]*$ && $TABLE_SIZE =~ ^[1-9][0-9]*$ ]] || die "BENCH_TABLES and BENCH_TABLE_SIZE must be positive integers"
[[ $PREFIX =~ ^[a-z_][a-z0-9_]*$ ]] || die "DW_DB_PREFIX must be a lower-case identifier"

for tool in sysbench mariadb psql; do
  command -v "$tool" >/dev/null || die "$tool not found; run tools/install-deps.sh"
done
[[ -x $PY ]] || die "$PY not found"
[[ -x $BIN ]] || die "$BIN not found or not executable; build it: cmake --build build --target switchyard"
port_open "$PORT" && die "127.0.0.1:$PORT is already in use; set SWITCHYARD_PORT"

WORK=$(mktemp -d /tmp/switchyard-dw.XXXXXX)
SY_PID='' SB_PID=''
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$SB_PID"; stop_pid "$SY_PID"
  if ((rc == 0 && !keep_tmp)); then rm -rf "$WORK"; else log "logs kept in $WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

my() { mariadb --no-defaults --protocol=TCP --connect-timeout=5 -h 127.0.0.1 -P "${MY_PORT:-$DB_PORT}" -u "$DB_USER" -p"$DB_PASS" "$@"; }
pg() { PGOPTIONS=--client-min-messages=warning psql "$PG_CONNINFO" -X -q -v ON_ERROR_STOP=1 "$@"; }
sb_conn() {  # sb_conn DB PORT: sysbench connection and table options
  echo --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$2" --mysql-user="$DB_USER" \
    --mysql-password="$DB_PASS" --mysql-db="$1" --tables="$TABLES" --table-size="$TABLE_SIZE"
}

# --- 1. servers, phase support ------------------------------------------------------------

log "ensuring MariaDB and PostgreSQL run (tools/dbenv.sh start)"
tools/dbenv.sh start >/dev/null 2>"$WORK/dbenv.log" || { cat "$WORK/dbenv.log" >&2; die "tools/dbenv.sh start failed"; }
my -N -e 'SELECT 1' >/dev/null 2>"$WORK/check.log" || { cat "$WORK/check.log" >&2; die "MariaDB at 127.0.0.1:$DB_PORT does not answer"; }
pg -Atc 'SELECT 1' >/dev/null 2>"$WORK/check.log" || { cat "$WORK/check.log" >&2; die "PostgreSQL ($PG_CONNINFO) does not answer"; }

# proxy_args PHASE: the proxy's flags for one phase (p0 or p1) into the array ARGS
proxy_args() {
  ARGS=(proxy --proxy.listen="127.0.0.1:$PORT" --mysql.address="127.0.0.1:$DB_PORT")
  if [[ $1 == p0 ]]; then
    ((P0_PHASE_FLAG)) && ARGS+=(--migration.phase=mysql_only)
  else
    ARGS+=(--migration.phase=dual_write --postgresql.conninfo="$PG_CONNINFO"
           --mirror.mysql_user="$DB_USER" --mirror.mysql_password="$DB_PASS"
           --mirror.databases="$DB_P1" --mirror.divergence_file="$WORK/divergences-${2:-run}.log")
  fi
  ARGS+=("${EXTRA_FLAGS[@]}")
}
# A build from before phase 1 rejects the phase flags: phase 0 then runs without the flag
# (it is the only behaviour such a build has) and phase 1 is skipped, loudly.
P0_PHASE_FLAG=1 P1_OK=1
P0_PHASE_FLAG=0; proxy_args p0
"$BIN" "${ARGS[@]}" --migration.phase=mysql_only --check >"$WORK/check.log" 2>&1 && P0_PHASE_FLAG=1
proxy_args p1 check
if ! "$BIN" "${ARGS[@]}" --check >"$WORK/check.log" 2>&1; then
  P1_OK=0
  log "this build does not accept phase 1 (dual_write); phase-1 runs are SKIPPED:"
  sed 's/^/  | /' "$WORK/check.log" >&2
fi

# --- 2. data ------------------------------------------------------------------------------

prepare_log=$WORK/prepare.log
# phase 0: prepared directly on MySQL, from scratch, so every run starts from the same rows
log "preparing $DB_P0 on MySQL ($TABLES x $TABLE_SIZE rows)"
my -e "DROP DATABASE IF EXISTS \`$DB_P0\`; CREATE DATABASE \`$DB_P0\`"
# shellcheck disable=SC2046  # sb_conn's words are meant to split
sysbench oltp_common $(sb_conn "$DB_P0" "$DB_PORT") --threads="$TABLES" prepare >"$prepare_log" 2>&1 \
  || { tail -n 20 "$prepare_log" >&2; die "sysbench prepare of $DB_P0 failed"; }

SY_LOG=''
start_proxy() {  # start_proxy PHASE LABEL: start switchyard in the background, wait until it answers
  proxy_args "$1" "$2"
  SY_LOG=$WORK/switchyard-$2.log
  "$BIN" "${ARGS[@]}" >"$SY_LOG" 2>&1 &
  SY_PID=$!
  if ! wait_port "$SY_PID" "$PORT" 30; then
    log "switchyard ($1, $2) did not start; command: $BIN ${ARGS[*]}"
    tail -n 15 "$SY_LOG" | sed 's/^/  | /' >&2
    stop_pid "$SY_PID"; SY_PID=
    return 1
  fi
  MY_PORT=$PORT my -N -e 'SELECT 1' >/dev/null 2>>"$SY_LOG" \
    || { log "switchyard ($2) listens but 'SELECT 1' through it fails (see $SY_LOG)"; stop_pid "$SY_PID"; SY_PID=; return 1; }
}

# metric LOG NAME: NAME's value in the last 'metrics:' or 'totals:' line of LOG (empty if none)
metric() {
  awk -v k="$2" '/ metrics: | totals: / { line = $0 }
    END { n = split(line, w, " "); for (i = 1; i <= n; i++) if (index(w[i], k "=") == 1) print substr(w[i], length(k) + 2) }' "$1"
}
# mirror_words LOG: the mirror's figures of the last metrics line, as key=value words
mirror_words() {
  awk '/ metrics: | totals: / { line = $0 }
    END { n = split(line, w, " "); for (i = 1; i <= n; i++) if (w[i] ~ /^(mirror_|divergences_)[a-z0-9_]*=-?[0-9]+$/) printf "%s ", w[i] }' "$1"
}
# report_metrics: SIGUSR1, then wait (up to 3 s) for the proxy's new metrics line
report_metrics() {
  local before i
  before=$(grep -c ' metrics: ' "$SY_LOG" || true)
  kill -USR1 "$SY_PID" 2>/dev/null || return 1
  for ((i = 0; i < 60; i++)); do
    (($(grep -c ' metrics: ' "$SY_LOG" || true) > before)) && return 0
    sleep 0.05
  done
  return 1
}
# drain_mirror: until every transaction handed to the mirror was applied or recorded as
# diverged (and the queue is empty). Sets DRAINED=1 and DRAIN_MS (how long the backlog took)
# on success; DRAINED=0 on timeout or when the proxy reports no mirror figures.
drain_mirror() {
  local deadline=$((SECONDS + DRAIN_TIMEOUT)) depth applied submitted diverged progress=$SECONDS last=''
  local t0=${EPOCHREALTIME/./}
  DRAINED=0 DRAIN_MS=
  while ((SECONDS < deadline)); do
    report_metrics || { log "no metrics line from switchyard after SIGUSR1"; return; }
    depth=$(metric "$SY_LOG" mirror_queue_depth)
    submitted=$(metric "$SY_LOG" mirror_transactions_submitted)
    applied=$(metric "$SY_LOG" mirror_transactions_applied)
    diverged=$(metric "$SY_LOG" mirror_transactions_diverged)
    [[ -n $depth && -n $submitted && -n $applied && -n $diverged ]] \
      || { log "switchyard reports no mirror_queue_depth / _transactions_submitted / _applied / _diverged"; return; }
    if ((depth == 0 && applied + diverged >= submitted)); then
      DRAINED=1 DRAIN_MS=$(((${EPOCHREALTIME/./} - t0) / 1000))
      return
    fi
    # a mirror that applies nothing and does not shrink its queue for 20 s will not catch up
    [[ $last == "$depth/$applied" ]] || { last=$depth/$applied progress=$SECONDS; }
    if ((SECONDS - progress >= 20)); then
      log "the mirror is STALLED: queue depth $depth, applied $applied, unchanged for 20 s (submitted $submitted, diverged $diverged)"
      return
    fi
    sleep 0.3
  done
  log "the mirror did not drain within ${DRAIN_TIMEOUT}s (queue depth $depth)"
}
line_count() { if [[ -f $1 ]]; then wc -l <"$1"; else echo 0; fi; }
# stop_proxy: SIGTERM; the 'stopped; totals:' line then holds the whole run's figures
stop_proxy() { stop_pid "$SY_PID"; SY_PID=; }

# diff_rows DB TABLE FILE: the rows that differ (diff of both sides in id order) into FILE,
# and the first few into the log
diff_rows() {
  local cols="CONCAT_WS(':', id, k, RTRIM(c), RTRIM(pad))"
  diff <(my -N -B -e "SELECT $cols FROM \`$1\`.$2 ORDER BY id" 2>&1) \
       <(pg -Atc "SELECT $cols FROM \"$1\".$2 ORDER BY id" 2>&1) \
       | grep '^[<>]' | sed 's/^</MySQL     /; s/^>/PostgreSQL/' >"$3" || true
  log "    $(wc -l <"$3") row versions differ (see $3); first ones:"
  head -n 6 "$3" | cut -c1-60 | sed 's/^/      /' >&2
}

# compare_tables DB [LABEL]: count and digest (id:k:c:pad in id order) of every table on both sides.
# Sets CMP_WORDS (key=value) and logs each differing table.
compare_tables() {
  local db=$1 i q m p rows_my=0 rows_pg=0 bad=0
  for ((i = 1; i <= TABLES; i++)); do
    q="COUNT(*), COALESCE(MD5(GROUP_CONCAT(CONCAT_WS(':', id, k, RTRIM(c), RTRIM(pad)) ORDER BY id SEPARATOR ',')), '')"
    m=$(my -N -B -e "SET SESSION group_concat_max_len = 1073741824; SELECT $q FROM \`$db\`.sbtest$i" 2>&1 | tr '\t' ' ') || m="error: $m"
    q="count(*) || ' ' || coalesce(md5(string_agg(concat_ws(':', id, k, rtrim(c), rtrim(pad)), ',' ORDER BY id)), '')"
    p=$(pg -Atc "SELECT $q FROM \"$db\".sbtest$i" 2>&1) || p="error: $p"
    [[ $m =~ ^[0-9]+ ]] && rows_my=$((rows_my + ${m%% *}))
    [[ $p =~ ^[0-9]+ ]] && rows_pg=$((rows_pg + ${p%% *}))
    if [[ $m != "$p" ]]; then
      bad=$((bad + 1))
      m=${m%%$'\n'*} p=${p%%$'\n'*}   # first line of an error is enough
      log "  MISMATCH $db.sbtest$i: MySQL [${m:0:80}] PostgreSQL [${p:0:80}]"
      diff_rows "$db" "sbtest$i" "$WORK/diff-${2:-}-sbtest$i.txt"
    fi
  done
  CMP_WORDS="tables_mismatched=$bad rows_mysql=$rows_my rows_pg=$rows_pg"
}

# prepare_p1 LABEL: (re)create DB_P1 THROUGH the proxy in phase 1, so the mirror creates the
# same tables and rows on PostgreSQL; drain, compare. Sets PREPARE_WORDS; fails if it could not.
prepare_p1() {
  local t0=$SECONDS
  log "preparing $DB_P1 through switchyard in phase 1 (PostgreSQL schema $DB_P1 recreated)"
  my -e "DROP DATABASE IF EXISTS \`$DB_P1\`; CREATE DATABASE \`$DB_P1\`"
  pg -c "DROP SCHEMA IF EXISTS \"$DB_P1\" CASCADE; CREATE SCHEMA \"$DB_P1\""
  start_proxy p1 "$1" || { log "switchyard did not start in phase 1"; return 1; }
  # shellcheck disable=SC2046
  if ! sysbench oltp_common $(sb_conn "$DB_P1" "$PORT") --threads="$TABLES" prepare >>"$prepare_log" 2>&1; then
    tail -n 20 "$prepare_log" >&2
    stop_proxy
    log "sysbench prepare through switchyard failed"
    return 1
  fi
  drain_mirror
  stop_proxy
  compare_tables "$DB_P1" "$1"
  read -ra PREPARE_WORDS <<<"p1_prepared=1 prepare_s=$((SECONDS - t0)) drained=$DRAINED ${DRAIN_MS:+drain_ms=$DRAIN_MS} $CMP_WORDS $(mirror_words "$SY_LOG")"
  log "phase-1 $1: ${PREPARE_WORDS[*]}"
}
PREPARE_WORDS=(p1_prepared=0)
if ((P1_OK)) && ! prepare_p1 prepare; then
  log "phase-1 runs are SKIPPED"
  P1_OK=0
fi
# Load both databases into the buffer pool so neither phase pays for cold pages.
for db in "$DB_P0" "$DB_P1"; do
  # shellcheck disable=SC2046
  sysbench oltp_common $(sb_conn "$db" "$DB_PORT") --threads="$TABLES" prewarm >>"$WORK/prewarm.log" 2>&1 \
    || log "prewarm of $db failed (continuing; see $WORK/prewarm.log)"
done

# --- 3. interleaved runs ------------------------------------------------------------------

RUNS=$WORK/runs.jsonl
: >"$RUNS"
CLK_TCK=$(getconf CLK_TCK)
read -ra wl_list <<<"$WORKLOADS"
read -ra th_list <<<"$THREADS"
total=$(( ${#wl_list[@]} * ${#th_list[@]} * ROUNDS * 2 ))
log "running $total sysbench runs of ${DURATION}s (rounds=$ROUNDS); ~$(( total * (DURATION + 6) / 60 + 1 )) min"

n=0 failed=0 resync=0
for wl in "${wl_list[@]}"; do
  for th in "${th_list[@]}"; do
    for ((r = 1; r <= ROUNDS; r++)); do
      for ph in p0 p1; do
        n=$((n + 1))
        label="$wl-$th-$r-$ph"
        if [[ $ph == p1 ]] && ((!P1_OK)); then failed=$((failed + 1)); continue; fi
        db=$DB_P0; [[ $ph == p1 ]] && db=$DB_P1
        log "[$n/$total] $wl threads=$th round=$r phase=$ph"
        resynced=0
        if [[ $ph == p1 ]] && ((resync)); then
          # the last phase-1 run left the sides apart: start this one from equal data again
          prepare_p1 "resync-$label" || { failed=$((failed + 1)); continue; }
          resync=0 resynced=1
        fi
        if ! start_proxy "$ph" "$label"; then failed=$((failed + 1)); continue; fi
        t0=$(cpu_ticks "$SY_PID")
        my0=$(name_ticks mariadbd) pg0=$(name_ticks postgres) busy0=$(busy_ticks)
        sblog=$WORK/sb-$label.log
        # shellcheck disable=SC2046
        sysbench_run "$sblog" "$wl" $(sb_conn "$db" "$PORT") --threads="$th" --time="$DURATION" \
          --rate="$RATE" --report-interval=0 --percentile=95 --db-ps-mode=auto run
        rc=$SB_RC
        ticks=$(( $(cpu_ticks "$SY_PID") - t0 ))
        # Who used the CPUs: MySQL, PostgreSQL and the machine as a whole (sysbench has exited:
        # it is most of what the busy time has beyond these and the proxy).
        cpu_words="mysql_ticks=$(ticks_since "$my0" mariadbd) pg_ticks=$(ticks_since "$pg0" postgres) busy_ticks=$(( $(busy_ticks) - busy0 ))"
        extra=()
        if [[ $ph == p1 ]]; then
          drain_mirror
          stop_proxy
          compare_tables "$DB_P1" "$label"
          dlines=$(line_count "$WORK/divergences-$label.log")
          [[ $DRAINED == 1 && ${CMP_WORDS%% *} == tables_mismatched=0 ]] || resync=1
          read -ra extra <<<"resynced=$resynced drained=$DRAINED ${DRAIN_MS:+drain_ms=$DRAIN_MS} divergence_file_lines=$dlines $CMP_WORDS $(mirror_words "$SY_LOG")"
        else
          stop_proxy
        fi
        "$PY" "$HERE/sbparse.py" "$sblog" workload="$wl" threads="$th" round="$r" target="$ph" \
          rc="$rc" cpu_ticks="$ticks" clk_tck="$CLK_TCK" $cpu_words "${extra[@]}" >>"$RUNS"
        ((rc == 0)) || failed=$((failed + 1))
      done
    done
  done
done

# --- 4. report ----------------------------------------------------------------------------

report_rc=0
"$PY" "$HERE/dw_report.py" --runs "$RUNS" --out "$OUT" --prepare "${PREPARE_WORDS[@]}" --meta \
  "date=$(date -u +%FT%TZ)" "host=$(hostname)" "nproc=$(nproc)" "rounds=$ROUNDS" "duration=$DURATION" \
  "threads=$THREADS" "workloads=$WORKLOADS" "rate=$RATE" "tables=$TABLES" "table_size=$TABLE_SIZE" \
  "db_p0=$DB_P0" "db_p1=$DB_P1" "phase1_ok=$P1_OK" "phase_flag_p0=$P0_PHASE_FLAG" \
  "switchyard_flags=${SWITCHYARD_FLAGS:-}" \
  "git_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "sysbench=$(sysbench --version)" \
  || report_rc=$?

((P1_OK)) || die "phase 1 did not run; the report above has phase 0 only"
((failed == 0)) || die "$failed run(s) failed or were skipped; the report above is incomplete"
((report_rc == 0)) || die "MySQL and PostgreSQL differ, or divergences were recorded, or the mirror did not drain (see above)"
