#!/usr/bin/python3
"""Summarise dual_write.sh's runs: phase 0 vs phase 1 per workload, mirror lag and queue,
divergences, the MySQL/PostgreSQL compare, and the issue's targets (PASS/MISS).

usage: dw_report.py --runs runs.jsonl --out dual_write.json [--prepare k=v ...] [--meta k=v ...]
Prints the report on stdout, writes everything (raw runs included) as JSON. Exit status 1 when
the data check failed (tables differ, divergences recorded, or the mirror did not drain).
"""
import argparse
import json
import os
import statistics
import sys

from report import fmt, median_of, parse_meta, pct, ratio, read_jsonl

TARGET_TPS_RATIO = 0.85        # phase 1 / phase 0, oltp_write_only
TARGET_TPS_WORKLOAD = "oltp_write_only"
TARGET_LAG_P99_MS = 100.0


def ms(us):
    return None if us is None else us / 1000.0


def max_of(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return max(vals) if vals else None


def sum_of(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return sum(vals) if vals else None


def phase_summary(runs):
    ok = [r for r in runs if r.get("ok")]
    tps = [r["tps"] for r in ok]
    med = median_of(ok, "tps")
    cpu = [r["cpu_s"] / r["queries"] * 1e4 for r in ok if r.get("cpu_s") is not None and r.get("queries")]
    return {
        "runs": len(runs), "ok_runs": len(ok),
        "tps": med, "qps": median_of(ok, "qps"), "p95_ms": median_of(ok, "p95_ms"),
        "tps_spread": (max(tps) - min(tps)) / med if med else None,
        "errors": sum_of(ok, "errors"),
        "cpu_s_per_10k_queries": statistics.median(cpu) if cpu else None,
        # CPU milliseconds per transaction, by process: where the machine's time went
        "cpu_ms_per_tx": {who: per_transaction(ok, key) for who, key in
                          (("mysql", "mysql_cpu_s"), ("postgresql", "pg_cpu_s"), ("proxy", "cpu_s"), ("machine", "busy_cpu_s"))},
    }


def per_transaction(runs, key):
    vals = [r[key] * 1000.0 / r["transactions"] for r in runs if r.get(key) is not None and r.get("transactions")]
    return statistics.median(vals) if vals else None


def cpu_ceiling(p0, p1):
    """The TPS ratio a mirror costing nothing in the proxy or MySQL could reach while PostgreSQL
    applies the same writes on the same CPUs: phase 0's CPU per transaction over that plus what
    PostgreSQL spent per transaction in phase 1. Meaningful when phase 0 keeps the CPUs busy."""
    machine, pg = p0["cpu_ms_per_tx"]["machine"], p1["cpu_ms_per_tx"]["postgresql"]
    return machine / (machine + pg) if machine and pg is not None else None


def mirror_summary(p1_runs):
    """Lag: median of the runs' p50, worst of their p99 and max. Counts: summed over runs."""
    done = [r for r in p1_runs if r.get("ok")]
    return {
        "lag_p50_ms": ms(median_of(done, "mirror_lag_p50_us")),
        "lag_p99_ms": ms(max_of(done, "mirror_lag_p99_us")),
        "lag_max_ms": ms(max_of(done, "mirror_lag_max_us")),
        "queue_peak": max_of(done, "mirror_queue_peak"),
        # backlog left when sysbench stopped: how long the mirror needed to catch up
        "drain_s_max": None if max_of(done, "drain_ms") is None else max_of(done, "drain_ms") / 1000.0,
        "queue_full": sum_of(done, "mirror_queue_full"),
        "transactions_applied": sum_of(done, "mirror_transactions_applied"),
        "statements_applied": sum_of(done, "mirror_statements_applied"),
        "transactions_diverged": sum_of(done, "mirror_transactions_diverged"),
        "divergences_recorded": sum_of(done, "divergences_recorded"),
        "divergence_file_lines": sum_of(done, "divergence_file_lines"),
        "tables_mismatched": sum_of(done, "tables_mismatched"),
        "undrained_runs": sum(1 for r in done if r.get("drained") != 1),
        # tables differ although nothing was recorded: a write lost or reordered without a trace
        "silent_mismatch_runs": sum(1 for r in done if r.get("tables_mismatched") and not r.get("divergences_recorded")),
    }


def summarise(runs):
    """One row per (workload, threads), in first-seen order."""
    groups = {}
    for r in runs:
        groups.setdefault((r["workload"], r["threads"]), []).append(r)
    rows = []
    for (wl, th), rs in groups.items():
        p0 = [r for r in rs if r["target"] == "p0"]
        p1 = [r for r in rs if r["target"] == "p1"]
        # paired by round: both phases of a round saw the same neighbours
        by_round = {}
        for r in rs:
            if r.get("ok"):
                by_round.setdefault(r["round"], {})[r["target"]] = r
        paired = [ratio(x["p1"]["tps"], x["p0"]["tps"]) for x in by_round.values() if "p0" in x and "p1" in x]
        s0, s1 = phase_summary(p0), phase_summary(p1)
        rows.append({
            "workload": wl, "threads": th, "phase0": s0, "phase1": s1,
            "tps_ratio": statistics.median(paired) if paired else None,
            "tps_ratio_of_medians": ratio(s1["tps"], s0["tps"]),
            "p95_ratio": ratio(s1["p95_ms"], s0["p95_ms"]),
            "cpu_ceiling_tps_ratio": cpu_ceiling(s0, s1),
            "mirror": mirror_summary(p1),
        })
    return rows


def verdict(met):
    return {True: "PASS", False: "MISS", None: "n/a"}[met]


def targets(rows, prepare):
    wo = [r for r in rows if r["workload"] == TARGET_TPS_WORKLOAD]
    ratios = [r["tps_ratio"] for r in wo]
    worst_ratio = None if not ratios or None in ratios else min(ratios)
    p1_rows = [r["mirror"] for r in rows]
    lag = [m["lag_p99_ms"] for m in p1_rows if m["lag_p99_ms"] is not None]
    full = [m["queue_full"] for m in p1_rows if m["queue_full"] is not None]
    div = [m["divergences_recorded"] for m in p1_rows if m["divergences_recorded"] is not None]
    bad = [m["tables_mismatched"] for m in p1_rows if m["tables_mismatched"] is not None]
    undrained = sum(m["undrained_runs"] for m in p1_rows)
    silent = sum(m["silent_mismatch_runs"] for m in p1_rows)
    if prepare.get("p1_prepared") == 1:
        bad.append(prepare.get("tables_mismatched", 0))
        undrained += prepare.get("drained") != 1
    return {
        "tps_ratio_write_only": {"value": worst_ratio, "goal": f">= {TARGET_TPS_RATIO}",
                                 "met": None if worst_ratio is None else worst_ratio >= TARGET_TPS_RATIO},
        "lag_p99_ms": {"value": max(lag) if lag else None, "goal": f"<= {TARGET_LAG_P99_MS:g}",
                       "met": max(lag) <= TARGET_LAG_P99_MS if lag else None},
        "queue_full": {"value": sum(full) if full else None, "goal": "== 0",
                       "met": sum(full) == 0 if full else None},
        "divergences_recorded": {"value": sum(div) if div else None, "goal": "== 0",
                                 "met": sum(div) == 0 if div else None},
        "tables_mismatched": {"value": sum(bad) if bad else None, "goal": "== 0",
                              "met": sum(bad) == 0 and undrained == 0 if bad else None,
                              "undrained_runs": undrained, "silent_mismatch_runs": silent},
    }


def print_report(meta, rows, prepare, goal):
    print(f"\nswitchyard dual-write benchmark  rounds={meta.get('rounds')} duration={meta.get('duration')}s "
          f"tables={meta.get('tables')}x{meta.get('table_size')} rate={meta.get('rate') or 'max'} cpus={meta.get('nproc')}  "
          f"(p0 = mysql_only, p1 = dual_write; medians over rounds)\n")
    print(f"{'workload':<16} {'thr':>3} {'phase':<5} {'TPS':>9} {'QPS':>9} {'p95 ms':>8} {'spread':>7} "
          f"{'ok':>5} {'errors':>6} {'cpu s/10k q':>11}")
    for r in rows:
        for ph in ("phase0", "phase1"):
            s = r[ph]
            print(f"{r['workload']:<16} {r['threads']:>3} {'p' + ph[-1]:<5} {fmt(s['tps'], '9.1f'):>9} "
                  f"{fmt(s['qps'], '9.1f'):>9} {fmt(s['p95_ms'], '8.2f'):>8} {pct(s['tps_spread']):>7} "
                  f"{str(s['ok_runs']) + '/' + str(s['runs']):>5} {fmt(s['errors'], 'd'):>6} "
                  f"{fmt(s['cpu_s_per_10k_queries'], '11.3f'):>11}")

    print("\nPhase 1 vs phase 0 (TPS p1/p0: median of the per-round ratios) and the mirror in phase 1")
    print(f"{'workload':<16} {'thr':>3} {'TPS p1/p0':>9} {'p95 p1/p0':>9} {'lag p50':>8} {'lag p99':>8} "
          f"{'lag max':>8} {'q peak':>6} {'q full':>6} {'drain s':>7} {'applied tx':>10} {'diverg.':>7} {'bad tbl':>7}")
    for r in rows:
        m = r["mirror"]
        print(f"{r['workload']:<16} {r['threads']:>3} {fmt(r['tps_ratio'], '9.3f'):>9} "
              f"{fmt(r['p95_ratio'], '9.3f'):>9} {fmt(m['lag_p50_ms'], '8.2f'):>8} {fmt(m['lag_p99_ms'], '8.2f'):>8} "
              f"{fmt(m['lag_max_ms'], '8.1f'):>8} {fmt(m['queue_peak'], 'd'):>6} {fmt(m['queue_full'], 'd'):>6} {fmt(m['drain_s_max'], '7.1f'):>7} "
              f"{fmt(m['transactions_applied'], 'd'):>10} {fmt(m['divergences_recorded'], 'd'):>7} "
              f"{fmt(m['tables_mismatched'], 'd'):>7}")
    print("\nCPU ms per transaction by process (medians over rounds); ceiling = the p1/p0 TPS ratio reachable if the\n"
          "mirror cost nothing in the proxy or MySQL, PostgreSQL applying the writes on the same CPUs")
    print(f"{'workload':<16} {'thr':>3} {'phase':<5} {'mysql':>7} {'postgres':>8} {'proxy':>7} {'machine':>7} {'ceiling':>7}")
    for r in rows:
        for ph in ("phase0", "phase1"):
            c = r[ph]["cpu_ms_per_tx"]
            print(f"{r['workload']:<16} {r['threads']:>3} {'p' + ph[-1]:<5} {fmt(c['mysql'], '7.3f'):>7} "
                  f"{fmt(c['postgresql'], '8.3f'):>8} {fmt(c['proxy'], '7.3f'):>7} {fmt(c['machine'], '7.3f'):>7} "
                  f"{fmt(r['cpu_ceiling_tps_ratio'], '7.3f') if ph == 'phase1' else '':>7}")
    print("  lag in ms (commit on MySQL to apply on PostgreSQL): p50 = median over runs, p99/max = worst run;\n"
          "  drain s: the longest time the mirror took to catch up after sysbench stopped")

    if prepare.get("p1_prepared") == 1:
        print(f"\nPhase-1 prepare through the proxy: {prepare.get('prepare_s')} s, "
              f"{prepare.get('rows_mysql')} rows on MySQL / {prepare.get('rows_pg')} on PostgreSQL, "
              f"tables differing {prepare.get('tables_mismatched')}, divergences {prepare.get('divergences_recorded', '-')}, "
              f"lag p99 {fmt(ms(prepare.get('mirror_lag_p99_us')), '.1f')} ms, queue peak {prepare.get('mirror_queue_peak', '-')}")

    g = goal
    print("\nTargets (issue 4)")
    print(f"  phase1/phase0 TPS on {TARGET_TPS_WORKLOAD} {g['tps_ratio_write_only']['goal']} (worst thread count): "
          f"{fmt(g['tps_ratio_write_only']['value'], '.3f')}  {verdict(g['tps_ratio_write_only']['met'])}")
    print(f"  mirror lag p99 {g['lag_p99_ms']['goal']} ms (worst phase-1 run): "
          f"{fmt(g['lag_p99_ms']['value'], '.2f')}  {verdict(g['lag_p99_ms']['met'])}")
    print(f"  queue never full (mirror_queue_full {g['queue_full']['goal']}): "
          f"{fmt(g['queue_full']['value'], 'd')}  {verdict(g['queue_full']['met'])}")
    print(f"  divergences recorded {g['divergences_recorded']['goal']}: "
          f"{fmt(g['divergences_recorded']['value'], 'd')}  {verdict(g['divergences_recorded']['met'])}")
    t = g["tables_mismatched"]
    undrained = f", {t['undrained_runs']} run(s) not drained" if t["undrained_runs"] else ""
    if t["silent_mismatch_runs"]:
        undrained += f", {t['silent_mismatch_runs']} run(s) differing with NO divergence recorded"
    print(f"  tables differing MySQL vs PostgreSQL (count + digest, after prepare and every phase-1 run) "
          f"{t['goal']}: {fmt(t['value'], 'd')}{undrained}  {verdict(t['met'])}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--prepare", nargs="*", default=[])
    ap.add_argument("--meta", nargs="*", default=[])
    args = ap.parse_args()

    meta, prepare = parse_meta(args.meta), parse_meta(args.prepare)
    runs = read_jsonl(args.runs)
    rows = summarise(runs)
    goal = targets(rows, prepare)
    print_report(meta, rows, prepare, goal)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"meta": meta, "prepare": prepare, "summary": rows, "targets": goal, "runs": runs}, f, indent=2)
        f.write("\n")
    print(f"\nJSON written to {args.out}", file=sys.stderr)
    data_bad = [goal[k]["met"] is False for k in ("divergences_recorded", "tables_mismatched")]
    return 1 if any(data_bad) else 0


if __name__ == "__main__":
    sys.exit(main())
