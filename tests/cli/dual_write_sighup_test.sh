#!/usr/bin/env bash
# SIGHUP switches the migration phase of a running proxy: started in mysql_only from a config
# file, writes are not mirrored; the file edited to dual_write and SIGHUP: later writes reach
# PostgreSQL and the log says the phase changed; a bad file is refused (logged) and the proxy
# keeps its phase; back to mysql_only stops mirroring; and once more to dual_write, with a
# client session that stayed connected through every switch (and one whose statement was
# running during a switch). The proxy runs under valgrind when it is installed (unless
# SWITCHYARD_TEST_VALGRIND=0): a session using a stopped mirror service is a use after free that
# a plain run may survive by luck. Needs MariaDB and PostgreSQL (tools/dbenv.sh).
#   tests/cli/dual_write_sighup_test.sh BINARY
set -uo pipefail
BIN=${1:?usage: dual_write_sighup_test.sh path/to/switchyard}
MYSQL_PORT=${SWITCHYARD_TEST_MYSQL_PORT:-13306}
PG_PORT=${SWITCHYARD_TEST_PG_PORT:-15432}
DB=conc_sighup
WORK=$(mktemp -d)
PID= CLIENT= IDLE= CHOOSER=
cleanup() {
  [[ -n $CHOOSER ]] && kill "$CHOOSER" 2>/dev/null
  [[ -n $CLIENT ]] && kill "$CLIENT" 2>/dev/null
  [[ -n $IDLE ]] && kill "$IDLE" 2>/dev/null
  [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null
  my -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null
  pg -c "DROP SCHEMA IF EXISTS $DB CASCADE" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
passed=0 failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
my() { mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -uapp -papp -N -B "$@"; }
pg() { PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=app psql -h 127.0.0.1 -p "$PG_PORT" -U app -d app -X -q -At "$@"; }
via_proxy() { mariadb --no-defaults -h127.0.0.1 -P"$port" -uapp -papp -N -B "$DB" -e "$1"; }
on_postgres() { pg -c "SELECT count(*) FROM $DB.t WHERE id = $1"; }
mirrored() {  # mirrored ID: the row reaches PostgreSQL within 30 s (valgrind is slow)
  for _ in $(seq 1 300); do [[ $(on_postgres "$1") == 1 ]] && return 0; sleep 0.1; done; return 1
}
not_mirrored() {  # not_mirrored ID: the row is on MySQL and stays off PostgreSQL for 1.5 s
  [[ $(my "$DB" -e "SELECT count(*) FROM t WHERE id = $1") == 1 ]] || { echo "  row $1 is not on MySQL"; return 1; }
  sleep 1.5; [[ $(on_postgres "$1") == 0 ]]
}
logged() {  # logged TEXT [COUNT]: the log has TEXT at least COUNT times within 10 s
  for _ in $(seq 1 100); do [[ $(grep -cF -- "$1" "$WORK/log") -ge ${2:-1} ]] && return 0; sleep 0.1; done
  echo "  not in the log: $1"; tail -n 5 "$WORK/log"; return 1
}
alive() { kill -0 "$PID" 2>/dev/null; }
# The session kept open through every switch: statements go in through a fifo.
session_says() {  # session_says FD OUTPUT SQL: runs SQL in a long-lived session, waits for its marker
  local marker=$((RANDOM))
  echo "$3; SELECT 'done$marker';" >&"$1"
  for _ in $(seq 1 150); do grep -q "done$marker" "$2" && return 0; sleep 0.1; done
  echo "  the long-lived session did not answer: $(tail -n 3 "$2")"; return 1
}
client_says() { session_says 3 "$WORK/client.out" "$1"; }
idle_says() { session_says 4 "$WORK/idle.out" "$1"; }
long_lived() {  # long_lived NAME [DATABASE]: a mariadb client reading statements from the fifo NAME.in
  mkfifo "$WORK/$1.in"
  mariadb --no-defaults --force --unbuffered --comments -h127.0.0.1 -P"$port" -uapp -papp -N -B ${2:-} <"$WORK/$1.in" \
    >"$WORK/$1.out" 2>&1 &
}

my -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB; CREATE TABLE $DB.t (id INT PRIMARY KEY, v VARCHAR(20))"
pg -c "DROP SCHEMA IF EXISTS $DB CASCADE; CREATE SCHEMA $DB; CREATE TABLE $DB.t (id int PRIMARY KEY, v varchar(20))" \
  >/dev/null

port=$((20000 + RANDOM % 20000))
write_config() {  # write_config PHASE [EXTRA-LINE]
  cat >"$WORK/switchyard.conf" <<EOF
[proxy]
listen = 127.0.0.1:$port
workers = 2
log_level = info
[mysql]
address = 127.0.0.1:$MYSQL_PORT
[postgresql]
conninfo = host=127.0.0.1 port=$PG_PORT user=app password=app dbname=app
[migration]
phase = $1
[mirror]
mysql_user = app
mysql_password = app
databases = $DB
divergence_file = $WORK/divergences.log
${2:-}
EOF
}
write_config mysql_only
RUN=("$BIN")
if [[ ${SWITCHYARD_TEST_VALGRIND:-1} != 0 ]] && command -v valgrind >/dev/null; then
  RUN=(valgrind -q --error-exitcode=99 --log-file="$WORK/valgrind.log" "$BIN")
fi
"${RUN[@]}" proxy --config "$WORK/switchyard.conf" 2>"$WORK/log" &
PID=$!
up() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
check "proxy starts in mysql_only" up
# Connected without a database, they choose one in mysql_only: with a USE statement (COM_QUERY:
# the client sends it as is when a comment comes first) and with the client's own `use`
# command (COM_INIT_DB).
long_lived client
CLIENT=$!
exec 3>"$WORK/client.in"
check "long-lived session writes in mysql_only" client_says "/* here */ USE $DB; INSERT INTO t VALUES (100, 'kept')"
long_lived chooser
CHOOSER=$!
exec 5>"$WORK/chooser.in"
chooser_says() { session_says 5 "$WORK/chooser.out" "$1"; }
check "another session chooses the database with COM_INIT_DB" chooser_says "use $DB
SELECT 1"

via_proxy "INSERT INTO t VALUES (1, 'phase0')"
check "mysql_only: a write is not mirrored" not_mirrored 1

write_config dual_write
kill -HUP "$PID"
check "SIGHUP to dual_write is logged" logged "SIGHUP: configuration reloaded; phase mysql_only -> dual_write"
via_proxy "INSERT INTO t VALUES (2, 'phase1')"
check "dual_write: a new session's write is mirrored" mirrored 2
check "the long-lived session's write is mirrored" client_says "INSERT INTO t VALUES (101, 'kept')"
check "  ...and reaches PostgreSQL" mirrored 101
check "the COM_INIT_DB session's write is mirrored" chooser_says "INSERT INTO t VALUES (300, 'initdb')"
check "  ...and reaches PostgreSQL" mirrored 300
# A session that writes in dual_write and then stays idle until dual_write comes back.
long_lived idle "$DB"
IDLE=$!
exec 4>"$WORK/idle.in"
check "a session opened in dual_write writes" idle_says "INSERT INTO t VALUES (200, 'idle')"
check "  ...and reaches PostgreSQL" mirrored 200
check "rows written before the switch stay off PostgreSQL" test "$(on_postgres 1)" == 0

write_config dual_write "no_such_key = 1"
kill -HUP "$PID"
check "a bad configuration is refused with a log line" logged "SIGHUP: configuration not reloaded:"
check "the proxy keeps running" alive
via_proxy "INSERT INTO t VALUES (3, 'still1')"
check "  ...in dual_write: writes still mirrored" mirrored 3

# A statement running while the phase goes back to mysql_only: its answer comes after the
# mirror was stopped.
echo "UPDATE t SET v = 'slow' WHERE id = 100 AND SLEEP(2) = 0; SELECT 'slowdone';" >&3
sleep 0.5
write_config mysql_only
kill -HUP "$PID"
check "SIGHUP back to mysql_only is logged" logged "SIGHUP: configuration reloaded; phase dual_write -> mysql_only"
slow_done() { for _ in $(seq 1 50); do grep -q slowdone "$WORK/client.out" && return 0; sleep 0.1; done; return 1; }
check "the statement running during the switch completes" slow_done
check "the proxy survives it" alive
via_proxy "INSERT INTO t VALUES (4, 'phase0again')"
check "mysql_only again: a write is not mirrored" not_mirrored 4
check "the long-lived session writes, not mirrored" client_says "INSERT INTO t VALUES (102, 'kept')"
check "  ...not on PostgreSQL" not_mirrored 102

write_config dual_write
kill -HUP "$PID"
check "SIGHUP to dual_write a second time" logged "SIGHUP: configuration reloaded; phase mysql_only -> dual_write" 2
check "the long-lived session's write is mirrored again" client_says "INSERT INTO t VALUES (103, 'kept')"
check "  ...and reaches PostgreSQL" mirrored 103
check "the session idle through mysql_only is mirrored" idle_says "INSERT INTO t VALUES (201, 'idle')"
check "  ...and reaches PostgreSQL" mirrored 201
check "the proxy is still running" alive

exec 3>&- 4>&- 5>&-
kill -TERM "$PID"
stopped() { for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.1; done; return 1; }
check "SIGTERM stops the proxy" stopped
wait "$PID"; rc=$?; PID=
check "exit status 0" test "$rc" -eq 0
if [[ ${#RUN[@]} -gt 1 ]]; then
  no_memory_errors() { [[ ! -s $WORK/valgrind.log ]] || { head -n 30 "$WORK/valgrind.log"; return 1; }; }
  check "no memory errors (valgrind)" no_memory_errors
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
