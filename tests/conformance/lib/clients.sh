# shellcheck shell=bash
# Sourced by run.sh and tls/check.sh: running one client and comparing its dumps.
# Needs CONF_DIR (tests/conformance) and WORK (scratch dir) from the caller.

# shellcheck disable=SC2034  # used by run.sh
CLIENTS=(cli pymysql mysqlclient node go java)
MY_HOST=127.0.0.1
MY_PORT=${MARIADB_PORT:-13306}
CLIENT_TIMEOUT=${CONFORMANCE_CLIENT_TIMEOUT:-600}

# Direct admin connection to MariaDB (never through the proxy).
mysql_direct() {
  mariadb --no-defaults --protocol=TCP -h "$MY_HOST" -P "$MY_PORT" -u app -papp --connect-timeout=10 "$@"
}

# Every run of a client starts from the same server state: the plan's own DROP DATABASE then
# reports the same warnings and counts whether or not an earlier run left the databases behind.
reset_client_db() {
  mysql_direct -e "DROP DATABASE IF EXISTS \`$1\`; DROP DATABASE IF EXISTS \`$1_other\`"
}

# Compiles the Go and Java clients once per run (into $WORK), and installs mysql2 if needed.
prepare_client() {
  case $1 in
    node)
      if [[ ! -d $CONF_DIR/node/node_modules/mysql2 ]]; then
        (cd "$CONF_DIR/node" && npm ci --no-audit --no-fund --loglevel=error) >&2
      fi ;;
    go)
      [[ -x $WORK/go-client ]] || (cd "$CONF_DIR/go" && GO111MODULE=off GOPATH=/usr/share/gocode \
        GOCACHE=${GOCACHE:-$WORK/gocache} go build -o "$WORK/go-client" conformance.go) ;;
    java)
      [[ -f $WORK/java/Conformance.class ]] || javac -d "$WORK/java" \
        -cp /usr/share/java/mariadb-java-client.jar "$CONF_DIR/java/Conformance.java" ;;
  esac
}

# run_client NAME PORT OUT [CA_FILE|insecure]: one run of one client; its stderr goes to OUT.log.
run_client() {
  local name=$1 port=$2 out=$3 tls=${4:-}
  local cmd
  case $name in
    cli) cmd=("$CONF_DIR/cli/run_plan.sh") ;;
    pymysql) cmd=(/usr/bin/python3 "$CONF_DIR/python/pymysql_client.py") ;;
    mysqlclient) cmd=(/usr/bin/python3 "$CONF_DIR/python/mysqlclient_client.py") ;;
    node) cmd=(node "$CONF_DIR/node/client.js") ;;
    go) cmd=("$WORK/go-client") ;;
    java) cmd=(java -Duser.timezone=UTC -Dconformance.root="$CONF_DIR"
               -cp "$WORK/java:/usr/share/java/mariadb-java-client.jar" Conformance) ;;
    *) echo "unknown client $name" >&2; return 2 ;;
  esac
  reset_client_db "conf_$name" || return 1
  local args=("$MY_HOST" "$port" "conf_$name" "$out")
  if [[ -n $tls ]]; then args+=("$tls"); fi
  timeout --kill-after=10 "$CLIENT_TIMEOUT" "${cmd[@]}" "${args[@]}" 2>"$out.log"
}

# compare_dumps NAME DIRECT OTHER: sanity-checks both dumps, then requires them byte-identical.
# Prints the reasons (and the start of the diff) and returns 1 on any failure.
compare_dumps() {
  local name=$1 a=$2 b=$3 ok=0
  "$CONF_DIR/check_dump.py" "$name" "$a" || ok=1
  "$CONF_DIR/check_dump.py" "$name" "$b" || ok=1
  if ! cmp -s "$a" "$b"; then
    echo "dumps differ: $a (-) vs $b (+):"
    "$CONF_DIR/lib/show_diff.py" "$a" "$b" 40
    ok=1
  fi
  return $ok
}
