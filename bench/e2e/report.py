#!/usr/bin/python3
"""Summarise run.sh's raw records: median per target, ratios, resources, goal check.

usage: report.py --runs runs.jsonl --resources resources.jsonl --out last.json [--meta k=v ...]
Prints the human-readable report on stdout and writes everything (raw runs included) as JSON.
"""
import argparse
import json
import os
import statistics
import sys

TARGETS = ("direct", "haproxy", "switchyard")
PROXIES = ("haproxy", "switchyard")
GOAL_TPS_RATIO = 0.9          # switchyard vs haproxy, oltp_point_select, 16 threads
GOAL_TPS_CASE = ("oltp_point_select", 16)
GOAL_IDLE_RSS_MIB = 200


def read_jsonl(path):
    if not path or not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def median_of(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def ratio(a, b):
    return a / b if a is not None and b else None


def summarise(runs):
    """One row per (workload, threads, target), in first-seen order."""
    groups = {}
    for r in runs:
        groups.setdefault((r["workload"], r["threads"], r["target"]), []).append(r)
    rows = []
    for (wl, th, tgt), rs in groups.items():
        ok = [r for r in rs if r.get("ok")]
        tps = [r["tps"] for r in ok]
        med = median_of(ok, "tps")
        cpu_runs = [r for r in ok if r.get("cpu_s") is not None and r.get("queries")]
        rows.append({
            "workload": wl, "threads": th, "target": tgt,
            "runs": len(rs), "ok_runs": len(ok),
            "tps": med, "qps": median_of(ok, "qps"), "p95_ms": median_of(ok, "p95_ms"),
            "tps_min": min(tps) if tps else None, "tps_max": max(tps) if tps else None,
            # (max-min)/median: how much the machine's noise moved this target
            "tps_spread": (max(tps) - min(tps)) / med if med else None,
            "cpu_s_per_10k_queries": (statistics.median(r["cpu_s"] / r["queries"] * 1e4
                                                        for r in cpu_runs) if cpu_runs else None),
        })
    return rows


def ratios(rows):
    by = {(r["workload"], r["threads"], r["target"]): r for r in rows}
    out = []
    for wl, th in dict.fromkeys((r["workload"], r["threads"]) for r in rows):
        get = lambda tgt, key: (by.get((wl, th, tgt)) or {}).get(key)  # noqa: E731
        out.append({
            "workload": wl, "threads": th,
            "tps_switchyard_vs_haproxy": ratio(get("switchyard", "tps"), get("haproxy", "tps")),
            "tps_switchyard_vs_direct": ratio(get("switchyard", "tps"), get("direct", "tps")),
            "tps_haproxy_vs_direct": ratio(get("haproxy", "tps"), get("direct", "tps")),
            "p95_switchyard_vs_haproxy": ratio(get("switchyard", "p95_ms"), get("haproxy", "p95_ms")),
        })
    return out


def resources(runs, res_records):
    out = {}
    for tgt in PROXIES:
        merged = {}
        for rec in res_records:
            if rec.get("target") == tgt:
                merged.update({k: v for k, v in rec.items() if k != "target"})
        cpu_runs = [r for r in runs if r["target"] == tgt and r.get("ok") and r.get("cpu_s") is not None]
        queries = sum(r["queries"] for r in cpu_runs)
        merged["cpu_s_total"] = sum(r["cpu_s"] for r in cpu_runs) if cpu_runs else None
        merged["queries_total"] = queries or None
        merged["cpu_s_per_10k_queries"] = (merged["cpu_s_total"] / queries * 1e4) if queries else None
        for k in ("start_rss_kib", "peak_rss_kib", "idle_rss_kib"):
            if merged.get(k) is not None:
                merged[k.replace("_kib", "_mib")] = merged[k] / 1024
        out[tgt] = merged
    return out


def goals(ratio_rows, res):
    wl, th = GOAL_TPS_CASE
    r = next((x["tps_switchyard_vs_haproxy"] for x in ratio_rows
              if x["workload"] == wl and x["threads"] == th), None)
    sy = res.get("switchyard", {})
    idle = sy.get("idle_rss_mib")
    # an idle figure only counts if every requested connection was really opened
    idle_complete = sy.get("opened") is not None and sy.get("opened") == sy.get("requested")
    return {
        "tps_ratio_point_select_16": {
            "value": r, "goal": f">= {GOAL_TPS_RATIO}",
            "met": None if r is None else r >= GOAL_TPS_RATIO},
        "idle_rss_mib": {
            "value": idle, "connections": sy.get("opened"), "goal": f"<= {GOAL_IDLE_RSS_MIB}",
            "met": None if idle is None or not idle_complete else idle <= GOAL_IDLE_RSS_MIB},
    }


def fmt(v, spec, none="-"):
    return none if v is None else format(v, spec)


def pct(v):
    return "-" if v is None else f"{v * 100:.1f}%"


def print_report(meta, rows, ratio_rows, res, goal):
    print(f"\nswitchyard e2e benchmark  rounds={meta.get('rounds')} duration={meta.get('duration')}s "
          f"ps_mode={meta.get('ps_mode')} cpus={meta.get('nproc')}  (medians over rounds)\n")
    print(f"{'workload':<18} {'thr':>3} {'target':<10} {'TPS':>10} {'QPS':>10} {'p95 ms':>8} "
          f"{'spread':>7} {'ok':>5} {'cpu s/10k q':>11}")
    for r in rows:
        print(f"{r['workload']:<18} {r['threads']:>3} {r['target']:<10} {fmt(r['tps'], '10.1f'):>10} "
              f"{fmt(r['qps'], '10.1f'):>10} {fmt(r['p95_ms'], '8.2f'):>8} "
              f"{pct(r['tps_spread']):>7} "
              f"{str(r['ok_runs']) + '/' + str(r['runs']):>5} {fmt(r['cpu_s_per_10k_queries'], '11.3f'):>11}")

    print("\nRatios of median TPS (>1 = first is faster); p95 ratio (<1 = switchyard lower latency)")
    print(f"{'workload':<18} {'thr':>3} {'sy/haproxy':>10} {'sy/direct':>10} {'hap/direct':>10} {'p95 sy/hap':>10}")
    for x in ratio_rows:
        print(f"{x['workload']:<18} {x['threads']:>3} {fmt(x['tps_switchyard_vs_haproxy'], '10.3f'):>10} "
              f"{fmt(x['tps_switchyard_vs_direct'], '10.3f'):>10} {fmt(x['tps_haproxy_vs_direct'], '10.3f'):>10} "
              f"{fmt(x['p95_switchyard_vs_haproxy'], '10.3f'):>10}")

    print("\nProxy resources")
    print(f"{'target':<10} {'cpu s/10k q':>11} {'start MiB':>10} {'peak MiB':>10} {'idle MiB':>10} {'idle conns':>10}")
    for tgt in PROXIES:
        x = res.get(tgt, {})
        conns = f"{x['opened']}/{x['requested']}" if x.get("requested") else "-"
        print(f"{tgt:<10} {fmt(x.get('cpu_s_per_10k_queries'), '11.3f'):>11} "
              f"{fmt(x.get('start_rss_mib'), '10.1f'):>10} {fmt(x.get('peak_rss_mib'), '10.1f'):>10} "
              f"{fmt(x.get('idle_rss_mib'), '10.1f'):>10} {conns:>10}")

    verdict = {True: "MET", False: "MISSED", None: "n/a"}
    g1, g2 = goal["tps_ratio_point_select_16"], goal["idle_rss_mib"]
    print("\nGoals")
    print(f"  switchyard/haproxy TPS, oltp_point_select 16 threads {g1['goal']}: "
          f"{fmt(g1['value'], '.3f')}  {verdict[g1['met']]}")
    print(f"  switchyard RSS with {meta.get('idle_conns', '?')} idle connections "
          f"{g2['goal']} MiB: {fmt(g2['value'], '.1f')}  {verdict[g2['met']]}")


def parse_meta(pairs):
    meta = {}
    for p in pairs:
        k, _, v = p.partition("=")
        try:
            meta[k] = int(v)
        except ValueError:
            meta[k] = v
    return meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--resources")
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", nargs="*", default=[])
    args = ap.parse_args()

    meta = parse_meta(args.meta)
    runs = read_jsonl(args.runs)
    rows = summarise(runs)
    ratio_rows = ratios(rows)
    res = resources(runs, read_jsonl(args.resources))
    goal = goals(ratio_rows, res)
    print_report(meta, rows, ratio_rows, res, goal)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"meta": meta, "summary": rows, "ratios": ratio_rows, "resources": res,
                   "goals": goal, "runs": runs}, f, indent=2)
        f.write("\n")
    print(f"\nJSON written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
