#!/usr/bin/env bash
# install-deps.sh - installs every Debian package switchyard needs to build, test and benchmark.
# Idempotent: only missing packages are installed; a second run does nothing.
set -euo pipefail

PACKAGES=(
  # build
  g++ cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libssl-dev libpq-dev libmariadb-dev
  libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libpg-query-dev
  # servers and tools for tests and benchmarks
  mariadb-server mariadb-client postgresql postgresql-client sysbench haproxy openssl procps
  # real MySQL clients for the conformance suite
  python3 python3-pymysql python3-mysqldb
  golang-go golang-github-go-sql-driver-mysql-dev
  default-jdk-headless libmariadb-java
  nodejs npm
)

log() { echo "install-deps: $*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
# node and npm may come from outside Debian on some images; accept what is on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [[ ${#missing[@]} -eq 0 ]]; then log "all packages already installed"; exit 0; fi

SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
log "installing: ${missing[*]}"
$SUDO apt-get update -qq
# In containers policy-rc.d keeps packaged services from starting; we never use them
# (our own scripts start servers on non-default ports).
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
log "done"
