#!/usr/bin/python3
"""Turn one sysbench run's output into one JSON line (stdout) plus a progress line (stderr).

usage: sbparse.py LOGFILE [key=value ...]
The key=value pairs (workload, target, threads, round, rc, cpu_ticks, clk_tck)
come from run.sh; cpu_ticks/clk_tck become cpu_s, the proxy's CPU time for the run.
"""
import json
import re
import sys

# sysbench 1.0.x "SQL statistics" / "General statistics" / "Latency" sections.
PATTERNS = {
    "transactions": (r"^\s*transactions:\s+(\d+)\s+\(([\d.]+) per sec\.\)", (int, float)),
    "queries": (r"^\s*queries:\s+(\d+)\s+\(([\d.]+) per sec\.\)", (int, float)),
    "errors": (r"^\s*ignored errors:\s+(\d+)", (int,)),
    "time_s": (r"^\s*total time:\s+([\d.]+)s", (float,)),
    "p95_ms": (r"^\s*95th percentile:\s+([\d.]+)", (float,)),
}


def parse(text):
    out = {}
    for key, (pattern, types) in PATTERNS.items():
        m = re.search(pattern, text, re.MULTILINE)
        if not m:
            continue
        values = [t(v) for t, v in zip(types, m.groups())]
        if key == "transactions":
            out["transactions"], out["tps"] = values
        elif key == "queries":
            out["queries"], out["qps"] = values
        else:
            out[key] = values[0]
    return out


def coerce(value):
    for t in (int, float):
        try:
            return t(value)
        except ValueError:
            pass
    return value


def main():
    with open(sys.argv[1], errors="replace") as f:
        text = f.read()
    rec = {k: coerce(v) for k, v in (a.split("=", 1) for a in sys.argv[2:])}
    rec.update(parse(text))
    ticks, hz = rec.pop("cpu_ticks", None), rec.pop("clk_tck", None)
    # direct runs have no proxy process, so no CPU figure
    rec["cpu_s"] = ticks / hz if isinstance(ticks, int) and hz else None
    # other processes' CPU time (mysql_ticks, pg_ticks, busy_ticks) -> mysql_cpu_s, ...
    for key in [k for k in rec if k.endswith("_ticks")]:
        value = rec.pop(key)
        rec[key[:-len("_ticks")] + "_cpu_s"] = value / hz if isinstance(value, int) and hz else None
    rec["ok"] = rec.get("rc") == 0 and rec.get("tps", 0) > 0
    if not rec["ok"]:
        # keep the tail of the log: the first thing anyone asks about a failed run
        rec["log_tail"] = text.strip().splitlines()[-5:]
    print(json.dumps(rec))

    label = f"{rec.get('workload')} t={rec.get('threads')} r{rec.get('round')} {rec.get('target')}"
    if rec["ok"]:
        cpu = f"  proxy cpu {rec['cpu_s']:.2f}s" if rec["cpu_s"] is not None else ""
        print(f"  {label}: {rec['tps']:.0f} tps, {rec['qps']:.0f} qps, "
              f"p95 {rec.get('p95_ms', float('nan')):.2f} ms{cpu}", file=sys.stderr)
    else:
        print(f"  {label}: FAILED (rc={rec.get('rc')}): {' | '.join(rec['log_tail'])}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
