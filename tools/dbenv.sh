#!/usr/bin/env bash
# dbenv.sh - throwaway MariaDB 10.11 + PostgreSQL 15 for tests and the quick start, no systemd needed.
# Packages come from tools/install-deps.sh.
#
#   tools/dbenv.sh start     # init (first time) + start both, wait until they accept TCP logins
#   tools/dbenv.sh stop      # clean shutdown of both
#   tools/dbenv.sh status    # exit 0 only if both accept logins
#   tools/dbenv.sh env       # print connection parameters as shell exports
#   tools/dbenv.sh wipe      # stop + delete $DBENV_DIR
#
# Every subcommand is idempotent. Progress goes to stderr; start/env print
# only `export VAR=...` lines on stdout, so  eval "$(tools/dbenv.sh start)"  works; after
# that plain `psql` and `mariadb -uapp -papp` connect (libpq PG*, client MYSQL_HOST/MYSQL_TCP_PORT).
#
# Settings (environment): DBENV_DIR (/tmp/dbenv), MARIADB_PORT (13306),
# PG_PORT (15432), DBENV_USER / DBENV_PASSWORD / DBENV_DB (app/app/app),
# DBENV_TIMEOUT (60 s), PGBIN (newest /usr/lib/postgresql/*/bin).
set -euo pipefail

D=${DBENV_DIR:-/tmp/dbenv}
MY_PORT=${MARIADB_PORT:-13306}
PG_PORT=${PG_PORT:-15432}
APP_USER=${DBENV_USER:-app}
APP_PASS=${DBENV_PASSWORD:-app}
APP_DB=${DBENV_DB:-app}
TIMEOUT=${DBENV_TIMEOUT:-60}
HOST=127.0.0.1
ME=$(id -un)
# The client libraries read these; a caller that did eval "$(dbenv.sh env)" must not
# redirect our root-over-socket admin connection to TCP.
unset MYSQL_HOST MYSQL_TCP_PORT MYSQL_UNIX_PORT MYSQL_PWD PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGDATA PGSERVICE

MY_DIR=$D/mariadb
MY_CNF=$MY_DIR/my.cnf
MY_SOCK=$MY_DIR/run/mysqld.sock
MY_PID=$MY_DIR/run/mysqld.pid
MY_LOG=$MY_DIR/error.log
PG_DIR=$D/pg
PG_DATA=$PG_DIR/data
PG_RUN=$PG_DIR/run
PG_LOG=$PG_DIR/server.log


log() { echo "dbenv: $*" >&2; }
die() { echo "dbenv: ERROR: $*" >&2; exit 1; }

pgbin() {
  if [[ -n ${PGBIN:-} ]]; then echo "$PGBIN"; return; fi
  local b; b=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  [[ -x $b/postgres ]] || die "PostgreSQL server binaries not found; run: tools/install-deps.sh"
  echo "$b"
}

# Run a command as the PostgreSQL OS user (postgres refuses to run as root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# true if pid is a live (non-zombie) process
alive() {
  local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $s && $s != Z* ]]
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

my_root() { mariadb --defaults-file="$MY_CNF" -u "$ME" "$@"; }
my_app_ok() {
  mariadb --no-defaults --protocol=TCP -h "$HOST" -P "$MY_PORT" -u "$APP_USER" -p"$APP_PASS" \
    -D "$APP_DB" -N -e 'SELECT 1' >/dev/null 2>&1
}
pg_app_ok() {
  PGPASSWORD=$APP_PASS PGCONNECT_TIMEOUT=3 "$(pgbin)/psql" -X -w -q \
    "host=$HOST port=$PG_PORT user=$APP_USER dbname=$APP_DB" -tAc 'SELECT 1' >/dev/null 2>&1
}

print_env() {
  cat <<EOF
export MYSQL_HOST=$HOST MYSQL_PORT=$MY_PORT MYSQL_USER=$APP_USER MYSQL_PASSWORD=$APP_PASS MYSQL_DATABASE=$APP_DB
export MYSQL_TCP_PORT=$MY_PORT MYSQL_UNIX_PORT=$MY_SOCK MYSQL_TLS_CA=$MY_DIR/tls/ca.pem
export PGHOST=$HOST PGPORT=$PG_PORT PGUSER=$APP_USER PGPASSWORD=$APP_PASS PGDATABASE=$APP_DB
EOF
}


# A private CA and a server certificate for 127.0.0.1, so tests can run MariaDB with TLS and
# check the proxy's verified TLS leg (mysql.tls_ca_file). Made once per data directory.
make_tls_files() {
  local dir=$MY_DIR/tls
  [[ -f $dir/server-cert.pem ]] && return
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=switchyard test CA" \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/server-key.pem" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$dir/san.ext" -out "$dir/server-cert.pem" >/dev/null 2>&1
  chmod 644 "$dir"/*.pem
}

write_my_cnf() {
  local userline=; [[ $(id -u) -eq 0 ]] && userline="user=root"
  cat >"$MY_CNF" <<EOF
[client]
socket=$MY_SOCK
[mariadbd]
$userline
datadir=$MY_DIR/data
socket=$MY_SOCK
pid-file=$MY_PID
port=$MY_PORT
bind-address=$HOST
log-error=$MY_LOG
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
ssl-ca=$MY_DIR/tls/ca.pem
ssl-cert=$MY_DIR/tls/server-cert.pem
ssl-key=$MY_DIR/tls/server-key.pem
max-connections=3000
max-allowed-packet=256M
open-files-limit=10000
innodb-buffer-pool-size=256M
innodb-flush-log-at-trx-commit=2
# The binary log gives every transaction a GTID in commit order: the dual write orders
# conflicting commits by it (@@last_gtid), as a production primary with a binlog allows.
log-bin=$MY_DIR/data/binlog
server-id=1
binlog-format=ROW
expire-logs-days=1
EOF
}

mariadb_running() { [[ -f $MY_PID ]] && alive "$(cat "$MY_PID" 2>/dev/null)"; }

start_mariadb() {
  mkdir -p "$MY_DIR/run"
  make_tls_files
  write_my_cnf
  if mariadb_running; then
    log "MariaDB already running (pid $(cat "$MY_PID"))"
  else
    port_open "$MY_PORT" && die "port $HOST:$MY_PORT is taken by another process"
    if [[ ! -d $MY_DIR/data/mysql ]]; then
      log "initializing MariaDB in $MY_DIR/data"
      rm -rf "$MY_DIR/data"
      mariadb-install-db --defaults-file="$MY_CNF" --auth-root-authentication-method=socket \
        --auth-root-socket-user="$ME" --skip-test-db --skip-name-resolve >"$MY_DIR/install.log" 2>&1 \
        || { tail -n 30 "$MY_DIR/install.log" >&2; die "mariadb-install-db failed"; }
    fi
    rm -f "$MY_SOCK" "$MY_PID"
    setsid mariadbd --defaults-file="$MY_CNF" </dev/null >>"$MY_LOG" 2>&1 &
    local pid=$! t0=$SECONDS
    until my_root -e 'SELECT 1' >/dev/null 2>&1; do
      if ! alive "$pid"; then tail -n 30 "$MY_LOG" >&2; die "mariadbd exited during startup"; fi
      if (( SECONDS - t0 >= TIMEOUT )); then
        kill -TERM "$pid" 2>/dev/null || true
        tail -n 30 "$MY_LOG" >&2; die "MariaDB not ready after ${TIMEOUT}s (stopped it)"
      fi
      sleep 0.1
    done
  fi
  my_root <<EOF
CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('$APP_PASS');
CREATE USER IF NOT EXISTS '$APP_USER'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$APP_PASS');
GRANT ALL PRIVILEGES ON *.* TO '$APP_USER'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$APP_USER'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`$APP_DB\`;
CREATE DATABASE IF NOT EXISTS sbtest;
EOF
  my_app_ok || die "MariaDB up but TCP login $APP_USER@$HOST:$MY_PORT fails (see $MY_LOG)"
  log "MariaDB ready on $HOST:$MY_PORT"
}

# First line of postmaster.pid is the postmaster's pid. We check it ourselves instead of
# `pg_ctl status`, which counts an unreaped zombie postmaster as running.
pg_running() { [[ -f $PG_DATA/postmaster.pid ]] && alive "$(head -n1 "$PG_DATA/postmaster.pid")"; }

start_pg() {
  local bin; bin=$(pgbin)
  mkdir -p "$PG_RUN"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DIR" "$PG_RUN"
  if pg_running; then
    log "PostgreSQL already running"
  else
    port_open "$PG_PORT" && die "port $HOST:$PG_PORT is taken by another process"
    if [[ -f $PG_DATA/postmaster.pid ]]; then
      # dead (or zombie) postmaster: postgres itself would refuse to start on these
      log "removing stale postmaster.pid and socket lock (previous server died)"
      rm -f "$PG_DATA/postmaster.pid" "$PG_RUN/.s.PGSQL.$PG_PORT" "$PG_RUN/.s.PGSQL.$PG_PORT.lock"
    fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
      log "initializing PostgreSQL in $PG_DATA"
      rm -rf "$PG_DATA"; mkdir -p "$PG_DATA"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DATA"
      as_pg "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
        || { tail -n 30 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    [[ $(id -u) -eq 0 ]] && touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" \
      -o "-p $PG_PORT -c listen_addresses=$HOST -c unix_socket_directories=$PG_RUN" start >/dev/null \
      || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL failed to start"; }
  fi
  as_pg "$bin/psql" -X -q -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<EOF
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$APP_USER')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_USER') \gexec
ALTER ROLE "$APP_USER" PASSWORD '$APP_PASS';
SELECT format('CREATE DATABASE %I OWNER %I', d, '$APP_USER') FROM unnest(ARRAY['$APP_DB','sbtest']) d
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
EOF
  pg_app_ok || die "PostgreSQL up but TCP login $APP_USER@$HOST:$PG_PORT fails (see $PG_LOG)"
  log "PostgreSQL ready on $HOST:$PG_PORT"
}

stop_mariadb() {
  mariadb_running || { rm -f "$MY_PID"; log "MariaDB not running"; return 0; }
  local pid t0=$SECONDS; pid=$(cat "$MY_PID")
  my_root -e 'SHUTDOWN' >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid"; do
    if (( SECONDS - t0 >= TIMEOUT )); then log "MariaDB shutdown timed out, killing $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  log "MariaDB stopped"
}

stop_pg() {
  pg_running || { log "PostgreSQL not running"; return 0; }
  as_pg "$(pgbin)/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null \
    || as_pg "$(pgbin)/pg_ctl" -D "$PG_DATA" -m immediate -w -t "$TIMEOUT" stop >/dev/null
  log "PostgreSQL stopped"
}

cmd_start() {
  mkdir -p "$D"; chmod 755 "$D"; touch "$D/.dbenv"
  local t0=$SECONDS
  start_mariadb
  start_pg
  log "both ready ($((SECONDS - t0))s); data in $D"
  print_env
}

cmd_stop() { stop_mariadb; stop_pg; }

cmd_status() {
  local rc=0
  if my_app_ok; then log "MariaDB    UP   $APP_USER:$APP_PASS@$HOST:$MY_PORT/$APP_DB (socket $MY_SOCK)"
  else log "MariaDB    DOWN ($HOST:$MY_PORT)"; rc=1; fi
  if pg_app_ok; then log "PostgreSQL UP   $APP_USER:$APP_PASS@$HOST:$PG_PORT/$APP_DB"
  else log "PostgreSQL DOWN ($HOST:$PG_PORT)"; rc=1; fi
  print_env
  return $rc
}

cmd_wipe() {
  [[ -d $D ]] || { log "$D does not exist"; return 0; }
  [[ -f $D/.dbenv ]] || die "$D has no .dbenv marker; refusing to delete it"
  cmd_stop
  rm -rf "$D"
  log "removed $D"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) print_env ;;
  wipe) cmd_wipe ;;
  *) echo "usage: $0 start|stop|status|env|wipe" >&2; exit 2 ;;
esac
