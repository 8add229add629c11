#!/usr/bin/env bash
# TLS through the proxy: the mariadb CLI and PyMySQL connect with TLS (verifying the proxy's
# certificate against CA_FILE, or without verification when given "insecure"), must see an
# encrypted session on THEIR side of the proxy, and must get dumps identical to their direct runs.
# (SHOW STATUS LIKE 'Ssl_cipher' would describe the proxy-to-MySQL leg, so it is not used.)
# Usage: check.sh PROXY_PORT CA_FILE|insecure OUT_DIR
set -uo pipefail
CONF_DIR=$(cd "$(dirname "$0")/.." && pwd)
port=$1 ca=$2 out=$3
# shellcheck disable=SC2034  # lib/clients.sh wants a scratch dir; the cli and pymysql runs use none
WORK=$out
# shellcheck source-path=SCRIPTDIR/.. source=lib/clients.sh
source "$CONF_DIR/lib/clients.sh"

fail=0
if [[ $ca == insecure ]]; then ssl=(--ssl --skip-ssl-verify-server-cert)
else ssl=(--ssl --ssl-ca="$ca" --ssl-verify-server-cert); fi

# 1. the CLI's own view of the session
status=$(mariadb --no-defaults --protocol=TCP -h "$MY_HOST" -P "$port" -u app -papp \
  --connect-timeout=10 "${ssl[@]}" -e status 2>&1)
cipher=$(echo "$status" | sed -n 's/^SSL:[[:space:]]*Cipher in use is \(.*\)$/\1/p')
if [[ -n $cipher ]]; then echo "cli: TLS session, cipher $cipher"
else echo "cli: no TLS session; the client said:"; echo "$status" | head -n 20; fail=1; fi

# 2. the same plan, direct without TLS and through the proxy with TLS
for client in cli pymysql; do
  direct=$out/$client.direct.dump
  [[ -s $direct ]] || run_client "$client" "$MY_PORT" "$direct" || true
  if ! run_client "$client" "$port" "$out/$client.tls.dump" "$ca"; then
    echo "$client: TLS run failed; last lines of its log:"
    tail -n 15 "$out/$client.tls.dump.log"
    fail=1
    continue
  fi
  if [[ $client == pymysql ]]; then
    seen=$(cat "$out/$client.tls.dump.tls" 2>/dev/null)
    if [[ $seen == SSLSocket* ]]; then echo "pymysql: TLS session, $seen"
    else echo "pymysql: no TLS session (socket: ${seen:-unknown})"; fail=1; fi
  fi
  compare_dumps "$client" "$direct" "$out/$client.tls.dump" || fail=1
done
exit $fail
