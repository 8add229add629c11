#!/usr/bin/env bash
# Stand-in for switchyard while it cannot run yet: haproxy as a plain TCP relay.
# It cannot terminate TLS (MySQL switches to TLS inside its own protocol), so the TLS check fails
# with it unless MariaDB itself offers TLS.
# Usage: haproxy.sh LISTEN_ADDR MYSQL_ADDR   (stays in the foreground; SIGTERM stops it)
set -euo pipefail
cfg=$(mktemp --suffix=.cfg)
trap 'rm -f "$cfg"' EXIT
cat >"$cfg" <<CFG
global
    maxconn 500
defaults
    mode tcp
    timeout connect 5s
    timeout client 1h
    timeout server 1h
frontend conformance_in
    bind $1
    default_backend mysql
backend mysql
    server db $2
CFG
haproxy -db -f "$cfg" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
wait "$pid" || true
wait "$pid" 2>/dev/null || true
