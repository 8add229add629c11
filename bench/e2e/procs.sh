# shellcheck shell=bash
# procs.sh - process helpers for run.sh (sourced, not executed): start/stop background
# servers, wait for their port, read their CPU time and memory from /proc.

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# true if pid is a live (non-zombie) process
alive() {
  local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $s && $s != Z* ]]
}

# wait_port PID PORT TIMEOUT_S: until PORT accepts TCP; fails early if PID dies.
wait_port() {
  local pid=$1 port=$2 deadline=$((SECONDS + $3))
  until port_open "$port"; do
    alive "$pid" || return 1
    (( SECONDS < deadline )) || return 1
    sleep 0.1
  done
}

# stop_pid PID: SIGTERM, then SIGKILL after 5 s. Only ever called with pids this script started.
stop_pid() {
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}

# sysbench_run LOG ARGS...: sysbench ARGS > LOG in the background, so the caller's cleanup trap
# can stop it through SB_PID; waits for it and sets SB_RC to its exit status.
sysbench_run() {
  local out=$1; shift
  sysbench "$@" >"$out" 2>&1 &
  SB_PID=$!
  SB_RC=0; wait "$SB_PID" || SB_RC=$?
  SB_PID=
}

# cpu_ticks PID: utime+stime of the whole process (all threads), in clock ticks.
# Fields are counted after the last ')' because the command name may contain spaces.
cpu_ticks() {
  local s f
  s=$(<"/proc/$1/stat") || return 1
  s=${s##*) }
  read -ra f <<<"$s"
  echo $((f[11] + f[12]))   # fields 14 and 15 of proc(5)
}

# status_kib PID KEY: a Vm* line of /proc/PID/status in KiB (VmRSS, VmHWM).
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null; }

# write_haproxy_cfg FILE LISTEN_PORT BACKEND_PORT: plain TCP pass-through, no health checks.
write_haproxy_cfg() {
  cat >"$1" <<EOF
global
    maxconn 4000

defaults
    mode tcp
    timeout connect 5s
    timeout client  1h
    timeout server  1h

frontend mysql_in
    bind 127.0.0.1:$2
    default_backend mariadb

backend mariadb
    server db1 127.0.0.1:$3
EOF
}

# name_ticks NAME: "pid=ticks" words for every process named NAME (its CPU time so far).
name_ticks() {
  local p t
  for p in $(pgrep -x "$1"); do t=$(cpu_ticks "$p" 2>/dev/null) && printf '%s=%s ' "$p" "$t"; done
}

# ticks_since "SNAPSHOT" NAME: the CPU ticks NAME's processes used since SNAPSHOT (from
# name_ticks), a process started since counted whole; one that ended meanwhile is lost (the
# servers' connections live through a run, so their backends are counted).
ticks_since() {
  local -A before=()
  local w p t sum=0
  for w in $1; do before[${w%%=*}]=${w#*=}; done
  for w in $(name_ticks "$2"); do
    p=${w%%=*} t=${w#*=}
    sum=$((sum + t - ${before[$p]:-0}))
  done
  echo "$sum"
}

# busy_ticks: CPU ticks all CPUs spent not idle (user, nice, system, irq, softirq, steal).
busy_ticks() {
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest </proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}
