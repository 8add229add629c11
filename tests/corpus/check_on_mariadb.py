#!/usr/bin/env python3
"""Runs every MySQL statement of the translation corpus on a real MariaDB, to prove the MySQL side
of each case is valid SQL for the schema (writes are rolled back; DDL runs in a scratch database
re-created for each case). Cases marked `-- mysql8-only` are listed, not run.

  tests/corpus/check_on_mariadb.py [case-name-substring]

Uses the mysql client and MYSQL_HOST/MYSQL_PORT/MYSQL_USER/MYSQL_PASSWORD (tools/dbenv.sh).
Databases: harness_check and harness_check_ddl (dropped and re-created). Exit 1 when a case that
must translate fails on MariaDB; refused (`-- unsupported:`) cases may fail for reasons other than
syntax (no such file, no such procedure) and are listed separately.
"""
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent
DB = "harness_check"
DDL_DB = "harness_check_ddl"
DDL_WORDS = ("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME")
SESSION_WORDS = ("SET", "START", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "USE")


def mysql(sql, database=None):
    args = ["mysql", "--batch", "--skip-column-names", "--default-character-set=utf8mb4",
            "-h", os.environ.get("MYSQL_HOST", "127.0.0.1"), "-P", os.environ.get("MYSQL_PORT", "13306"),
            "-u", os.environ.get("MYSQL_USER", "app"), "-p" + os.environ.get("MYSQL_PASSWORD", "app")]
    if database:
        args.append(database)
    p = subprocess.run(args, input=sql.encode("utf-8", "surrogateescape"), capture_output=True)
    return p.returncode, p.stderr.decode("utf-8", "replace").strip()


def cases():
    for path in sorted((ROOT / "translate").glob("*.sql")):
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].startswith("-- case:"):
                i += 1
                continue
            case = {"name": path.stem + "_" + lines[i][8:].strip(), "modes": [], "mysql8": False,
                    "unsupported": False}
            i += 1
            while i < len(lines) and lines[i].startswith(("-- mode:", "-- differential", "-- mysql8-only",
                                                          "-- known-wrong:", "-- after:")):
                if lines[i].startswith("-- mode:"):
                    case["modes"] = [m.strip() for m in lines[i][8:].split(",")]
                if lines[i].startswith("-- mysql8-only"):
                    case["mysql8"] = True
                i += 1
            body = []
            while i < len(lines) and not lines[i].startswith(("-- expect:", "-- unsupported:", "-- case:")):
                body.append(lines[i])
                i += 1
            case["unsupported"] = i < len(lines) and lines[i].startswith("-- unsupported:")
            case["sql"] = "\n".join(body).strip()
            yield case


def recreate(database, with_seed):
    script = f"DROP DATABASE IF EXISTS {database}; CREATE DATABASE {database}; USE {database};\n"
    script += (ROOT / "schema.sql").read_text()
    seed = ROOT / "seed.sql"
    if with_seed and seed.exists():
        script += "\n" + seed.read_text(encoding="utf-8", errors="surrogateescape")
    rc, err = mysql(script)
    if rc != 0:
        sys.exit(f"cannot create {database}: {err}")


def quote(sql):
    return "'" + sql.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main():
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    recreate(DB, True)
    failed, refused_errors, skipped, ran = [], [], [], 0
    for case in cases():
        if only not in case["name"]:
            continue
        if case["mysql8"]:
            skipped.append(case["name"])
            continue
        # The corpus names the database `app`; here it is the check database.
        sql = re.sub(r"(?<![\w.])(app|`app`)\.(?=[`\w])", DB + ".", case["sql"].rstrip(";"))
        prefix = "".join(f"SET SESSION sql_mode = CONCAT(@@sql_mode, ',{m}');\n" for m in case["modes"])
        database = DB
        if ("?" in sql and not case["modes"]) or re.search(r"INTO\s+(OUT|DUMP)FILE", sql, re.I):
            # Placeholders cannot run; files must not be written: PREPARE checks the syntax.
            script = f"PREPARE s FROM {quote(sql)};\n"
        elif sql.lstrip().upper().startswith(DDL_WORDS):
            recreate(DDL_DB, False)
            database = DDL_DB
            script = prefix + sql + ";\n"
        elif sql.lstrip().upper().startswith(SESSION_WORDS):
            # Transaction control and SET run outside a transaction; the savepoint they name exists.
            script = prefix + "START TRANSACTION; SAVEPOINT sp1;\n" if " sp1" in sql and "SAVEPOINT sp1" != sql else prefix
            script += sql + ";\n"
        else:
            script = prefix + "START TRANSACTION;\n" + sql + ";\nROLLBACK;\n"
        rc, err = mysql(script, database)
        ran += 1
        if rc != 0:
            (refused_errors if case["unsupported"] else failed).append((case["name"], err))
    for name, err in refused_errors:
        print(f"refused case errors on MariaDB (check it is not a syntax error): {name}: {err}")
    for name in skipped:
        print(f"mysql8-only, not run: {name}")
    for name, err in failed:
        print(f"FAILED on MariaDB: {name}: {err}")
    print(f"{ran} run, {len(failed)} failed, {len(refused_errors)} refused cases with errors, {len(skipped)} mysql8-only")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
