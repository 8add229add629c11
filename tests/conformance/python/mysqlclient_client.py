#!/usr/bin/python3
"""Conformance client: mysqlclient (MySQLdb), a wrapper of the MariaDB C library (libmariadb).

Runs plan.sql (multi-statements on), then prepared.json with MySQLdb's client-side interpolation
(the 20 MiB blob becomes one query of more than 16 MiB, sent by the C library), then COM_PING,
COM_INIT_DB and COM_CHANGE_USER. Writes the canonical dump (see common.py).
Usage: mysqlclient_client.py HOST PORT DB OUT
"""
import sys

import MySQLdb
from MySQLdb.constants import CLIENT

import common


def dump_current(conn, cur, dump):
    """One result of the current statement: a result set, or the OK packet's fields."""
    if cur.description is not None:
        cols = ["name=%r type=%r display=%r internal=%r precision=%r scale=%r null_ok=%r flags=%d"
                % (tuple(d) + (flags,)) for d, flags in zip(cur.description, cur.description_flags)]
        dump.resultset(cols)
        rows = cur.fetchall()
        for row in rows:
            dump.row(row)
        dump.write("end rows=%d warnings=%d" % (len(rows), conn.warning_count()))
    else:
        dump.write("ok affected=%s insert_id=%s warnings=%d info=%r"
                   % (cur.rowcount, cur.lastrowid, conn.warning_count(), conn.info()))


def run(conn, cur, dump, sql, args=None):
    dump.statement(sql)
    try:
        cur.execute(sql, args)
        dump_current(conn, cur, dump)
        while cur.nextset():
            dump_current(conn, cur, dump)
    except MySQLdb.MySQLError as e:
        code = e.args[0] if e.args else "-"
        message = e.args[1] if len(e.args) > 1 else str(e)
        dump.error(code, conn.sqlstate(), message)


def main():
    host, port, db, out, _ = common.parse_args(sys.argv)
    conn = MySQLdb.connect(host=host, port=port, user="app", password="app", charset="utf8mb4",
                           client_flag=CLIENT.MULTI_STATEMENTS, autocommit=True,
                           binary_prefix=True, read_timeout=120)
    dump = common.Dump(out)
    dump.write("server_version %s" % conn.get_server_info())
    cur = conn.cursor()
    for sql in common.plan_chunks(db):
        run(conn, cur, dump, sql)
    for case in common.prepared_cases(db):
        sql = case["sql"].replace("%", "%%").replace("?", "%s")
        run(conn, cur, dump, sql, tuple(common.native_param(p) for p in case["params"]))
    # Commands the C API exposes directly.
    dump.begin_extras()
    dump.statement("COM_PING")
    conn.ping()
    dump.write("ping ok")
    dump.statement("COM_INIT_DB " + db + "_other")
    conn.select_db(db + "_other")
    run(conn, cur, dump, "SELECT DATABASE() = '%s_other' AS switched" % db)
    dump.statement("COM_CHANGE_USER app -> " + db)
    conn.change_user("app", "app", db)
    run(conn, cur, dump, "SELECT CURRENT_USER() AS user_now, DATABASE() = '%s' AS db_now, "
                         "@@time_zone AS session_reset" % db)
    conn.close()
    dump.close()


if __name__ == "__main__":
    main()
