#!/usr/bin/python3
"""Hold N authenticated, idle MySQL connections open through an endpoint and report the
memory of a process (the proxy in front of that endpoint) while they are held.

Prints one JSON object on stdout. Needs `ulimit -n` above N (run.sh raises it).
"""
import argparse
import json
import sys
import time

import pymysql


def status_kib(pid, key):
    """VmRSS / VmHWM etc. from /proc/<pid>/status, in KiB; None if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pid", type=int, required=True, help="process whose memory is measured")
    ap.add_argument("--label", default="proxy")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", default="app")
    ap.add_argument("--password", default="app")
    ap.add_argument("--database", default="sbtest_e2e")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--settle", type=float, default=1.0, help="seconds to wait before reading RSS")
    args = ap.parse_args()

    rss_before = status_kib(args.pid, "VmRSS")
    conns, errors, first_error = [], 0, None
    t0 = time.monotonic()
    for _ in range(args.count):
        try:
            conns.append(pymysql.connect(host=args.host, port=args.port, user=args.user,
                                         password=args.password, database=args.database,
                                         connect_timeout=10, autocommit=True))
        except Exception as e:  # any failure counts; the report says how many got through
            errors += 1
            first_error = first_error or repr(e)
            if errors >= max(10, args.count // 10):
                break  # the endpoint is broken; hammering it further tells us nothing
    connect_s = time.monotonic() - t0

    # One round trip on the first and last connection proves they are really proxied
    # sessions, not sockets parked in a listen backlog.
    verified = 0
    for c in conns[:1] + conns[-1:]:
        try:
            with c.cursor() as cur:
                cur.execute("SELECT 1")
                cur.fetchall()
            verified += 1
        except Exception as e:
            first_error = first_error or repr(e)

    time.sleep(args.settle)
    rss = status_kib(args.pid, "VmRSS")
    hwm = status_kib(args.pid, "VmHWM")
    for c in conns:
        try:
            c.close()
        except Exception:
            pass

    result = {
        "target": args.label,
        "requested": args.count,
        "opened": len(conns),
        "errors": errors,
        "first_error": first_error,
        "verified_queries": verified,
        "connect_s": round(connect_s, 3),
        "rss_before_kib": rss_before,
        "idle_rss_kib": rss,
        "vmhwm_after_idle_kib": hwm,
    }
    print(json.dumps(result))
    mib = f"{rss / 1024:.1f} MiB" if rss is not None else "n/a (process gone)"
    print(f"  {args.label}: {len(conns)}/{args.count} idle connections "
          f"({connect_s:.1f}s to open), RSS {mib}"
          + (f"; first error: {first_error}" if first_error else ""), file=sys.stderr)
    return 0 if len(conns) == args.count and rss is not None else 1


if __name__ == "__main__":
    sys.exit(main())
