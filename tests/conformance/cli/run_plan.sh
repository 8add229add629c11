#!/usr/bin/env bash
# Conformance client: the mariadb command-line client in batch mode.
# Runs plan.sql as is (its DELIMITER // lets multi-statement texts and the procedure body through
# as one query each), then writes a 20 MiB blob with one INSERT of more than 16 MiB (hex literal)
# and reads it back. The dump is the client's own output: statement echo, result rows, column
# metadata (--column-type-info), binary values in hex, "Query OK, N rows affected", warnings
# (--show-warnings), and the ERROR lines from stderr at the end.
# Usage: run_plan.sh HOST PORT DB OUT [CA_FILE|insecure]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
host=$1 port=$2 db=$3 out=$4 tls=${5:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed "s/{db}/$db/g" "$here/../plan.sql" >"$work/plan.sql"
{
  printf 'INSERT INTO big_blob (id, b) VALUES (1, X'\''%s'\'')\n//\n' "$(/usr/bin/python3 -c '
block = bytes(range(251)); print((block * (20971520 // 251 + 1))[:20971520].hex())')"
  printf 'SELECT id, LENGTH(b) AS len, SHA2(b, 256) AS sha FROM big_blob\n//\n'
  printf 'SELECT b FROM big_blob\n//\n'
} >>"$work/plan.sql"

# Without a TLS argument: plain text, explicitly (this client would otherwise switch to TLS by
# itself whenever the server offers it, and mix the TLS check into this one).
tls_args=(--skip-ssl)
if [[ $tls == insecure ]]; then tls_args=(--ssl --skip-ssl-verify-server-cert)
elif [[ -n $tls ]]; then tls_args=(--ssl --ssl-ca="$tls" --ssl-verify-server-cert); fi

rc=0
mariadb --no-defaults --protocol=TCP -h "$host" -P "$port" -u app -papp \
  --default-character-set=utf8mb4 --max-allowed-packet=1G --connect-timeout=10 \
  --batch --table -vv --column-type-info --binary-as-hex --show-warnings --force "${tls_args[@]}" \
  <"$work/plan.sql" >"$work/stdout" 2>"$work/stderr" || rc=$?
{
  "$here/shorten_long_lines.py" <"$work/stdout"
  echo "== stderr (exit $rc)"
  cat "$work/stderr"
} >"$out"
