# shellcheck shell=bash disable=SC2034  # (PROXY_* variables are read by run.sh)
# Sourced by run.sh: the proxy under test, started (if nothing listens yet) and stopped by us.
#
# CONFORMANCE_PROXY=switchyard (default) | haproxy (plain TCP stand-in, no TLS termination)
# CONFORMANCE_PROXY_CMD  overrides the preset; placeholders {listen} {mysql} {cert} {key}
# CONFORMANCE_PROXY_PORT where the proxy listens (13308)

PROXY_PORT=${CONFORMANCE_PROXY_PORT:-13308}
PROXY_PID=
PROXY_TLS_CA=  # CA file clients verify the proxy with; "insecure" when the proxy is not ours

proxy_template() {
  if [[ -n ${CONFORMANCE_PROXY_CMD:-} ]]; then echo "$CONFORMANCE_PROXY_CMD"; return; fi
  case ${CONFORMANCE_PROXY:-switchyard} in
    switchyard) echo "$REPO/build/cli/switchyard proxy --config $REPO/deploy/switchyard.example.conf" \
      "--proxy.listen={listen} --mysql.address={mysql}" \
      "--client_tls.cert_file={cert} --client_tls.key_file={key}" ;;
    haproxy) echo "$CONF_DIR/standin/haproxy.sh {listen} {mysql}" ;;
    *) echo "unknown CONFORMANCE_PROXY=${CONFORMANCE_PROXY}" >&2; return 1 ;;
  esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A self-signed certificate for 127.0.0.1, made fresh for each run.
make_cert() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$WORK/proxy-key.pem" -out "$WORK/proxy-cert.pem" 2>/dev/null
}

# Starts the proxy unless something already listens on PROXY_PORT (then that is what we test).
start_proxy() {
  if port_open "$PROXY_PORT"; then
    echo "proxy: something already listens on 127.0.0.1:$PROXY_PORT; testing it as is" \
      "(TLS without certificate verification)"
    PROXY_TLS_CA=insecure
    return 0
  fi
  make_cert || { echo "proxy: openssl could not make a certificate"; return 1; }
  local cmd
  cmd=$(proxy_template) || return 1
  cmd=${cmd//\{listen\}/127.0.0.1:$PROXY_PORT}
  cmd=${cmd//\{mysql\}/$MY_HOST:$MY_PORT}
  cmd=${cmd//\{cert\}/$WORK/proxy-cert.pem}
  cmd=${cmd//\{key\}/$WORK/proxy-key.pem}
  echo "proxy: $cmd"
  # its own session, so that stop_proxy can signal the proxy and anything it started
  # shellcheck disable=SC2086  # the command line is a template, split on purpose
  setsid $cmd </dev/null >"$OUT/proxy.log" 2>&1 &
  PROXY_PID=$!
  PROXY_TLS_CA=$WORK/proxy-cert.pem
  local t0=$SECONDS
  until port_open "$PROXY_PORT"; do
    if ! kill -0 "$PROXY_PID" 2>/dev/null; then
      echo "proxy: exited before listening; last lines of $OUT/proxy.log:"
      tail -n 20 "$OUT/proxy.log"
      PROXY_PID=
      return 1
    fi
    if (( SECONDS - t0 > 20 )); then
      echo "proxy: not listening on 127.0.0.1:$PROXY_PORT after 20 s"
      return 1
    fi
    sleep 0.1
  done
}

# Stops the proxy we started: SIGTERM, then SIGKILL after 15 s. Safe to call twice.
stop_proxy() {
  [[ -n $PROXY_PID ]] || return 0
  kill -TERM -- "-$PROXY_PID" 2>/dev/null || kill -TERM "$PROXY_PID" 2>/dev/null || true
  local t0=$SECONDS
  while kill -0 "$PROXY_PID" 2>/dev/null; do
    if (( SECONDS - t0 > 15 )); then
      echo "proxy: still running 15 s after SIGTERM; killing it"
      kill -KILL -- "-$PROXY_PID" 2>/dev/null || kill -KILL "$PROXY_PID" 2>/dev/null || true
    fi
    sleep 0.1
  done
  wait "$PROXY_PID" 2>/dev/null || true
  PROXY_PID=
}
