#!/usr/bin/python3
"""Sanity check of one client's dump, so that two equal but empty or broken dumps cannot pass.

Usage: check_dump.py CLIENT DUMP   (CLIENT: cli, pymysql, mysqlclient, node, go, java)
Prints what is wrong and exits 1, or exits 0 silently. The expectations come from plan.sql and
prepared.json: statement counts, expected errors, and sentinel values the plan computes.
"""
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLOB_SIZE, LONG_SIZE = 20971520, 3145728


def plan_facts(client):
    """Counts over plan.sql: statements, expected errors, statements that surely return rows,
    statements this client skips, and USE statements (the CLI runs those as COM_INIT_DB)."""
    statements = errors = row_statements = skipped = uses = 0
    comments, body = [], []
    with open(os.path.join(HERE, "plan.sql"), encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.strip() == "//":
                if "\n".join(body).strip():
                    statements += 1
                    if any(c.rstrip().endswith("expect-error") for c in comments):
                        errors += 1
                    if any(c.startswith("-- skip-for: %s " % client) for c in comments):
                        skipped += 1
                    elif re.match(r"\s*(SELECT|SHOW|CALL)\b", "\n".join(body), re.I):
                        row_statements += 1
                    if re.match(r"\s*USE\b", "\n".join(body), re.I):
                        uses += 1
                comments, body = [], []
            elif line.startswith("--"):
                comments.append(line)
            elif not line.startswith("DELIMITER"):
                body.append(line)
    return statements, errors, row_statements, skipped, uses


def prepared_facts():
    with open(os.path.join(HERE, "prepared.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    return len(cases), sum(1 for c in cases if c.get("expect_error"))


def sha_of_pattern(size):
    return hashlib.sha256((bytes(range(251)) * (size // 251 + 1))[:size]).hexdigest()


def main():
    client, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    problems = []

    def need(substring, why):
        if substring not in text:
            problems.append("missing %r (%s)" % (substring, why))

    blob_sha = sha_of_pattern(BLOB_SIZE)
    for sentinel, why in [
        ("sentinel-plan-start", "first SELECT"),
        ("sentinel-people=6:101", "auto-increment and multi-row inserts"),
        ("sentinel-all-types=4:18446744073709551615:-838:59:59.000000", "every column type"),
        ("sentinel-sum=12502500", "many-row result"),
        ("sentinel-multi=7", "multi-statement text"),
        ("sentinel-proc-7", "stored procedure's last result set"),
        ("sentinel-after-errors", "connection alive after errors"),
        ("sentinel-rollback=0", "rollback"),
        ("sentinel-commit=1:31.50", "commit after savepoint rollback"),
        ("sentinel-db-switch=42", "USE of another database"),
        ("sentinel-plan-end", "end of plan.sql"),
        ("F09F9880", "emoji sent as 4 bytes"),
        (blob_sha, "server's SHA2 of the 20 MiB blob"),
    ]:
        need(sentinel, why)

    plan_statements, plan_errors, row_statements, skipped, uses = plan_facts(client)
    if client == "cli":
        # The CLI echoes each query between two dash lines, but runs USE itself (COM_INIT_DB,
        # no echo); run_plan.sh appends 3 blob statements.
        echoed = len(re.findall(r"^-{14}$", text, re.M)) // 2
        if echoed != plan_statements - uses + 3:
            problems.append("%d statements echoed, expected %d"
                            % (echoed, plan_statements - uses + 3))
        reported = len(re.findall(r"^ERROR \d+ \(\w{5}\) at line", text, re.M))
        if reported != plan_errors:
            problems.append("%d ERROR lines, expected %d" % (reported, plan_errors))
        need("ERROR 1062 (23000)", "duplicate key")
        need("== stderr (exit 0)", "client exit status")
    else:
        n_cases, case_errors = prepared_facts()
        need("sentinel-proc-9", "CALL with a parameter")
        need("sentinel-prepared-end", "end of prepared.json")
        need(sha_of_pattern(LONG_SIZE), "server's SHA2 of the 3 MiB long-data parameter")
        need("len=%d sha256=%s" % (BLOB_SIZE, blob_sha), "20 MiB blob read back by the client")
        need("errno=1062", "duplicate key")
        if client in ("go", "java"):  # they bind the 3 MiB and 20 MiB parameters as long data
            need("sentinel-long-data=1", "COM_STMT_SEND_LONG_DATA reached the server")
        if client != "go":  # this go-sql-driver version does not expose SQLSTATE
            need("sqlstate=23000", "SQLSTATE of duplicate key")
        m = re.search(r"^summary statements=(\d+) resultsets=(\d+) errors=(\d+)(?: extras=\d+)?"
                      r"(?: skipped=(\d+))?$", text, re.M)
        if not m:
            problems.append("no summary line (the client did not finish)")
        else:
            got_statements, got_sets, got_errors = int(m.group(1)), int(m.group(2)), int(m.group(3))
            got_skipped = int(m.group(4) or 0)
            if got_statements != plan_statements + n_cases:
                problems.append("%d statements, expected %d"
                                % (got_statements, plan_statements + n_cases))
            if got_skipped != skipped:
                problems.append("%d skipped, expected %d" % (got_skipped, skipped))
            if got_errors + got_skipped != plan_errors + case_errors:
                problems.append("%d errors (+%d skipped), expected %d"
                                % (got_errors, got_skipped, plan_errors + case_errors))
            if got_sets < row_statements:
                problems.append("%d result sets, expected at least %d" % (got_sets, row_statements))

    for p in problems:
        print("check_dump %s: %s" % (client, p))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
