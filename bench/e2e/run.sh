#!/usr/bin/env bash
# run.sh - end-to-end benchmark: sysbench against MariaDB directly, through haproxy (TCP mode)
# and through switchyard, interleaved; plus proxy CPU per query, peak RSS and RSS with many
# idle connections. See README.md beside this file.
#
#   bench/e2e/run.sh [--quick] [--rounds N] [--duration S] [--threads "4 16"]
#                    [--workloads "oltp_point_select oltp_read_only"] [--idle-conns N]
#                    [--ps-mode auto|disable] [--out FILE] [--standin] [--keep-tmp]
#
# Environment (flags win): BENCH_ROUNDS (3), BENCH_DURATION (20), BENCH_THREADS, BENCH_WORKLOADS,
# BENCH_IDLE_CONNS (1000), BENCH_PS_MODE (auto), BENCH_OUT (bench/e2e/results/last.json),
# BENCH_TABLES (4), BENCH_TABLE_SIZE (100000), BENCH_DB (sbtest_e2e),
# HAPROXY_PORT (13307), SWITCHYARD_PORT (13309), SWITCHYARD_WORKERS (nproc),
# SWITCHYARD_CONFIG (deploy/switchyard.example.conf),
# SWITCHYARD_CMD (whole command line; must listen on SWITCHYARD_PORT and stay in the foreground).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
# shellcheck source=procs.sh
source "$HERE/procs.sh"

PY=/usr/bin/python3   # the Debian interpreter has PyMySQL; a pyenv python3 on PATH may not
DB_PORT=${MARIADB_PORT:-13306}
DB_USER=${DBENV_USER:-app}
DB_PASS=${DBENV_PASSWORD:-app}
# Own database, not the shared sbtest: other suites prepare and clean up sbtest tables
# while we run (seen: sbtest1 dropped in the middle of a benchmark).
DB_NAME=${BENCH_DB:-sbtest_e2e}
TABLES=${BENCH_TABLES:-4}
TABLE_SIZE=${BENCH_TABLE_SIZE:-100000}
HAPROXY_PORT=${HAPROXY_PORT:-13307}
SWITCHYARD_PORT=${SWITCHYARD_PORT:-13309}
SWITCHYARD_WORKERS=${SWITCHYARD_WORKERS:-$(nproc)}
SWITCHYARD_CONFIG=${SWITCHYARD_CONFIG:-deploy/switchyard.example.conf}
SWITCHYARD_CMD=${SWITCHYARD_CMD:-}

log() { echo "e2e: $*" >&2; }
die() { echo "e2e: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }

quick=0 standin=0 keep_tmp=0
f_rounds='' f_duration='' f_threads='' f_workloads='' f_idle='' f_ps='' f_out=''
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --rounds) f_rounds=${2:?}; shift ;;
    --duration) f_duration=${2:?}; shift ;;
    --threads) f_threads=${2:?}; shift ;;
    --workloads) f_workloads=${2:?}; shift ;;
    --idle-conns) f_idle=${2:?}; shift ;;
    --ps-mode) f_ps=${2:?}; shift ;;
    --out) f_out=${2:?}; shift ;;
    --standin) standin=1 ;;
    --keep-tmp) keep_tmp=1 ;;
    -h|--help) usage 0 ;;
    *) echo "e2e: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
# precedence: explicit flag > --quick > environment > default
q_rounds='' q_duration=''; ((quick)) && q_rounds=1 q_duration=5
ROUNDS=${f_rounds:-${q_rounds:-${BENCH_ROUNDS:-3}}}
DURATION=${f_duration:-${q_duration:-${BENCH_DURATION:-20}}}
THREADS=${f_threads:-${BENCH_THREADS:-4 16}}
WORKLOADS=${f_workloads:-${BENCH_WORKLOADS:-oltp_point_select oltp_read_only}}
IDLE_CONNS=${f_idle:-${BENCH_IDLE_CONNS:-1000}}
PS_MODE=${f_ps:-${BENCH_PS_MODE:-auto}}
OUT=${f_out:-${BENCH_OUT:-$HERE/results/last.json}}
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $DURATION =~ ^[1-9][0-9]*$ && $IDLE_CONNS =~ ^[0-9]+$ ]] \
  || die "rounds and duration must be positive integers, idle-conns a non-negative integer"

for tool in sysbench haproxy mariadb; do
  command -v "$tool" >/dev/null || die "$tool not found; run tools/install-deps.sh"
done
"$PY" -c 'import pymysql' 2>/dev/null || die "$PY lacks PyMySQL; run tools/install-deps.sh"

WORK=$(mktemp -d /tmp/switchyard-e2e.XXXXXX)
HA_PID='' SY_PID='' SB_PID='' IDLE_PID=''
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$IDLE_PID"; stop_pid "$SB_PID"; stop_pid "$SY_PID"; stop_pid "$HA_PID"
  if ((rc == 0 && !keep_tmp)); then rm -rf "$WORK"; else log "logs kept in $WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Both proxies and the idle-connection client need well over 1,000 descriptors.
hard=$(ulimit -Hn); [[ $hard == unlimited ]] && hard=1048576
ulimit -n "$hard" 2>/dev/null || true
(($(ulimit -n) > IDLE_CONNS + 64)) || die "ulimit -n is $(ulimit -n); need more than $((IDLE_CONNS + 64))"

my() { mariadb --no-defaults --protocol=TCP --connect-timeout=5 -h 127.0.0.1 -P "${PORT:-$DB_PORT}" -u "$DB_USER" -p"$DB_PASS" "$@"; }
SB_CONN=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-user="$DB_USER" --mysql-password="$DB_PASS"
         --mysql-db="$DB_NAME" --tables="$TABLES" --table-size="$TABLE_SIZE")

# --- 1. servers and data ------------------------------------------------------------------

# fail before the slow steps if another proxy (a test run, say) holds our ports
for p in "$HAPROXY_PORT" "$SWITCHYARD_PORT"; do
  port_open "$p" && die "127.0.0.1:$p is already in use; set HAPROXY_PORT / SWITCHYARD_PORT"
done

log "ensuring MariaDB runs (tools/dbenv.sh start)"
tools/dbenv.sh start >/dev/null 2>"$WORK/dbenv.log" || { cat "$WORK/dbenv.log" >&2; die "tools/dbenv.sh start failed"; }

sbtest_ready() {
  local i n
  for ((i = 1; i <= TABLES; i++)); do
    n=$(my -N -e "SELECT COUNT(*) FROM \`$DB_NAME\`.sbtest$i" 2>/dev/null) || return 1
    [[ $n == "$TABLE_SIZE" ]] || return 1
  done
}
if sbtest_ready; then
  log "sbtest already prepared ($TABLES x $TABLE_SIZE rows)"
else
  log "preparing sbtest ($TABLES x $TABLE_SIZE rows)"
  my -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\`"
  sysbench oltp_common "${SB_CONN[@]}" --mysql-port="$DB_PORT" cleanup >"$WORK/prepare.log" 2>&1
  sysbench oltp_common "${SB_CONN[@]}" --mysql-port="$DB_PORT" --threads="$TABLES" prepare \
    >>"$WORK/prepare.log" 2>&1 || { tail -n 20 "$WORK/prepare.log" >&2; die "sysbench prepare failed"; }
fi
# Load the tables into the buffer pool so the first measured target is not penalised.
sysbench oltp_common "${SB_CONN[@]}" --mysql-port="$DB_PORT" --threads="$TABLES" prewarm >"$WORK/prewarm.log" 2>&1 \
  || log "prewarm failed (continuing; see $WORK/prewarm.log)"

# --- 2. proxies ---------------------------------------------------------------------------

write_haproxy_cfg "$WORK/haproxy.cfg" "$HAPROXY_PORT" "$DB_PORT"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HA_PID=$!
wait_port "$HA_PID" "$HAPROXY_PORT" 10 || { cat "$WORK/haproxy.log" >&2; die "haproxy did not start"; }
PORT=$HAPROXY_PORT my -N -e 'SELECT 1' >/dev/null || die "query through haproxy failed"
log "haproxy pid $HA_PID on 127.0.0.1:$HAPROXY_PORT"

if ((standin)); then
  # a second haproxy plays switchyard: exercises every code path before switchyard works
  write_haproxy_cfg "$WORK/standin.cfg" "$SWITCHYARD_PORT" "$DB_PORT"
  SWITCHYARD_CMD="haproxy -db -f $WORK/standin.cfg"
fi
if [[ -z $SWITCHYARD_CMD ]]; then
  SWITCHYARD_CMD="build/cli/switchyard proxy --config $SWITCHYARD_CONFIG --proxy.listen=127.0.0.1:$SWITCHYARD_PORT"
  SWITCHYARD_CMD+=" --mysql.address=127.0.0.1:$DB_PORT --proxy.workers=$SWITCHYARD_WORKERS"
fi
# exec keeps $! the proxy's own pid, which the /proc readings need.
bash -c "exec $SWITCHYARD_CMD" >"$WORK/switchyard.log" 2>&1 &
SY_PID=$!
SY_OK=1
if ! wait_port "$SY_PID" "$SWITCHYARD_PORT" 15; then
  if alive "$SY_PID"; then why="not listening after 15s"
  else sy_rc=0; wait "$SY_PID" || sy_rc=$?; why="exited with status $sy_rc"; fi
  log "switchyard $why; its runs are skipped. Command: $SWITCHYARD_CMD"
  tail -n 10 "$WORK/switchyard.log" | sed 's/^/  | /' >&2
  SY_OK=0
elif ! PORT=$SWITCHYARD_PORT my -N -e 'SELECT 1' >"$WORK/switchyard-check.log" 2>&1; then
  log "switchyard listens but 'SELECT 1' through it fails; its runs are skipped:"
  cat "$WORK/switchyard-check.log" >&2
  SY_OK=0
else
  log "switchyard pid $SY_PID on 127.0.0.1:$SWITCHYARD_PORT: $SWITCHYARD_CMD"
fi
((SY_OK)) || { stop_pid "$SY_PID"; SY_PID=; }

RES=$WORK/resources.jsonl
: >"$RES"
record_rss() {  # record_rss TARGET PID KEY FIELD: one resources.jsonl line
  local kib; kib=$(status_kib "$2" "$3")
  [[ -n $kib ]] && printf '{"target":"%s","%s":%s}\n' "$1" "$4" "$kib" >>"$RES"
  return 0
}
record_rss haproxy "$HA_PID" VmRSS start_rss_kib
((SY_OK)) && record_rss switchyard "$SY_PID" VmRSS start_rss_kib

# --- 3. interleaved sysbench runs ---------------------------------------------------------

RUNS=$WORK/runs.jsonl
: >"$RUNS"
CLK_TCK=$(getconf CLK_TCK)
read -ra wl_list <<<"$WORKLOADS"
read -ra th_list <<<"$THREADS"
total=$(( ${#wl_list[@]} * ${#th_list[@]} * ROUNDS * 3 ))
log "running $total sysbench runs of ${DURATION}s (rounds=$ROUNDS, ps-mode=$PS_MODE); ~$(( total * (DURATION + 1) / 60 + 1 )) min"

n=0 failed=0
for wl in "${wl_list[@]}"; do
  for th in "${th_list[@]}"; do
    for ((r = 1; r <= ROUNDS; r++)); do
      # same order every round: direct, haproxy, switchyard; noise hits all three alike
      for tgt in direct haproxy switchyard; do
        n=$((n + 1))
        case $tgt in
          direct) port=$DB_PORT pid= ;;
          haproxy) port=$HAPROXY_PORT pid=$HA_PID ;;
          switchyard) port=$SWITCHYARD_PORT pid=$SY_PID ;;
        esac
        if [[ $tgt != direct ]] && ! alive "${pid:-0}"; then
          # a switchyard that never started was reported once already; a crash is news
          if [[ $tgt != switchyard ]] || ((SY_OK)); then log "$tgt (pid ${pid:-none}) is not running; run skipped"; fi
          failed=$((failed + 1))
          continue
        fi
        log "[$n/$total] $wl threads=$th round=$r $tgt"
        t0=; [[ -n $pid ]] && t0=$(cpu_ticks "$pid")
        sblog="$WORK/sb-$wl-$th-$r-$tgt.log"
        sysbench_run "$sblog" "$wl" "${SB_CONN[@]}" --mysql-port="$port" --threads="$th" --time="$DURATION" \
          --report-interval=0 --percentile=95 --db-ps-mode="$PS_MODE" run
        rc=$SB_RC
        ticks=; [[ -n $t0 ]] && t1=$(cpu_ticks "$pid") && ticks=$((t1 - t0))
        "$PY" "$HERE/sbparse.py" "$sblog" workload="$wl" threads="$th" round="$r" target="$tgt" \
          rc="$rc" cpu_ticks="$ticks" clk_tck="$CLK_TCK" >>"$RUNS"
        ((rc == 0)) || failed=$((failed + 1))
      done
    done
  done
done

# VmHWM now = peak RSS under load, before the idle-connection test raises it further.
record_rss haproxy "$HA_PID" VmHWM peak_rss_kib
alive "${SY_PID:-0}" && record_rss switchyard "$SY_PID" VmHWM peak_rss_kib

# --- 4. RSS with many idle connections ----------------------------------------------------

idle_test() {  # idle_test TARGET PID PORT
  log "opening $IDLE_CONNS idle connections through $1"
  "$PY" "$HERE/idle_rss.py" --label "$1" --pid "$2" --port "$3" --count "$IDLE_CONNS" \
    --user "$DB_USER" --password "$DB_PASS" --database "$DB_NAME" >>"$RES" &
  IDLE_PID=$!
  wait "$IDLE_PID" || { log "idle-connection test through $1 was incomplete"; failed=$((failed + 1)); }
  IDLE_PID=
}
if ((IDLE_CONNS > 0)); then
  # one proxy at a time so MariaDB never holds both sets of backend connections
  idle_test haproxy "$HA_PID" "$HAPROXY_PORT"
  if alive "${SY_PID:-0}"; then idle_test switchyard "$SY_PID" "$SWITCHYARD_PORT"
  else log "switchyard not running; idle-connection test skipped"; failed=$((failed + 1)); fi
fi

# --- 5. report ----------------------------------------------------------------------------

sy_cmd=$SWITCHYARD_CMD; ((standin)) && sy_cmd="STAND-IN: $SWITCHYARD_CMD"
"$PY" "$HERE/report.py" --runs "$RUNS" --resources "$RES" --out "$OUT" --meta \
  "date=$(date -u +%FT%TZ)" "host=$(hostname)" "nproc=$(nproc)" "rounds=$ROUNDS" "duration=$DURATION" \
  "threads=$THREADS" "workloads=$WORKLOADS" "ps_mode=$PS_MODE" "tables=$TABLES" "table_size=$TABLE_SIZE" \
  "idle_conns=$IDLE_CONNS" "switchyard_cmd=$sy_cmd" "switchyard_ok=$SY_OK" \
  "git_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "sysbench=$(sysbench --version)" "haproxy=$(haproxy -v | head -n1)"

# A report with holes must not pass for a clean run in scripts and CI.
((failed == 0)) || die "$failed run(s) or test(s) failed or were skipped; the report above is incomplete"
