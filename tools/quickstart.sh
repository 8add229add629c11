#!/usr/bin/env bash
# quickstart.sh - the README's first command: install, build, start a local MariaDB and
# PostgreSQL (tools/dbenv.sh), and run the proxy in front of them until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SWITCHYARD_PORT:-3307}

bash tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target switchyard
bash tools/dbenv.sh start >/dev/null

cat <<MSG

switchyard is starting on 127.0.0.1:$PORT in front of MariaDB 127.0.0.1:13306.
Connect with:

    mariadb -h127.0.0.1 -P$PORT -uapp -papp app

PostgreSQL (the migration target) is at: psql "host=127.0.0.1 port=15432 user=app password=app dbname=app"
Stop with Ctrl-C (the databases keep running; tools/dbenv.sh stop stops them).

MSG
exec build/cli/switchyard proxy --config deploy/switchyard.example.conf --proxy.listen="127.0.0.1:$PORT"
