#!/usr/bin/python3
"""Conformance client: PyMySQL (pure Python, text protocol only).

Runs plan.sql (multi-statements on), then prepared.json with PyMySQL's client-side parameter
interpolation: the 20 MiB blob becomes one query of more than 16 MiB, so the client-to-server
direction crosses the 0xFFFFFF packet split. Writes the canonical dump (see common.py).
Usage: pymysql_client.py HOST PORT DB OUT [CA_FILE|insecure]
"""
import sys

import pymysql
import pymysql.err
from pymysql.constants import CLIENT

import common

# PyMySQL drops the SQLSTATE of an ERR packet; keep the raw packet so the dump can show it.
_last_err_packet = [b""]
_raise = pymysql.err.raise_mysql_exception


def _keep_err_packet(data):
    _last_err_packet[0] = bytes(data)
    _raise(data)


pymysql.err.raise_mysql_exception = _keep_err_packet


def sqlstate_of_last_error():
    data = _last_err_packet[0]
    # ERR packet: 0xFF, errno (2 bytes), '#', 5-byte SQLSTATE, message
    return data[4:9].decode("ascii") if data[3:4] == b"#" else "-"


def dump_current(cur, dump):
    """One result of the current statement: a result set, or the OK packet's fields."""
    res = cur._result  # the OK/result fields PyMySQL keeps but does not expose otherwise
    if cur.description is not None:
        cols = ["name=%r org_name=%r table=%r org_table=%r db=%r type=%d charset=%d length=%d "
                "flags=%d scale=%d" % (f.name, f.org_name, f.table_name, f.org_table,
                                       f.db, f.type_code, f.charsetnr, f.length, f.flags, f.scale)
                for f in res.fields]
        dump.resultset(cols)
        for row in cur.fetchall():
            dump.row(row)
        dump.write("end rows=%s warnings=%s status=%s"
                   % (cur.rowcount, res.warning_count, res.server_status))
    else:
        dump.write("ok affected=%s insert_id=%s warnings=%s status=%s info=%r"
                   % (cur.rowcount, cur.lastrowid, res.warning_count, res.server_status,
                      res.message))


def run(cur, dump, sql, args=None):
    dump.statement(sql)
    try:
        cur.execute(sql, args)
        dump_current(cur, dump)
        while cur.nextset():
            dump_current(cur, dump)
    except pymysql.err.MySQLError as e:
        code = e.args[0] if e.args else "-"
        message = e.args[1] if len(e.args) > 1 else str(e)
        dump.error(code, sqlstate_of_last_error(), message)


def main():
    host, port, db, out, tls = common.parse_args(sys.argv)
    ssl = None
    if tls == "insecure":
        ssl = {"check_hostname": False, "verify_mode": False}
    elif tls:
        ssl = {"ca": tls, "check_hostname": True}
    conn = pymysql.connect(host=host, port=port, user="app", password="app", charset="utf8mb4",
                           client_flag=CLIENT.MULTI_STATEMENTS, autocommit=True,
                           max_allowed_packet=64 << 20, read_timeout=120, ssl=ssl,
                           binary_prefix=True)  # bytes parameters as _binary literals
    if tls:
        # PyMySQL silently stays in plain text when the server does not offer TLS: report the
        # socket it really uses.
        sock = conn._sock
        if hasattr(sock, "cipher"):
            common.write_tls_report(out, "SSLSocket %s %s" % (sock.version(), sock.cipher()[0]))
        else:
            common.write_tls_report(out, "%s (plain text)" % type(sock).__name__)
    dump = common.Dump(out)
    dump.write("server_version %s" % conn.get_server_info())
    cur = conn.cursor()
    for sql in common.plan_chunks(db):
        run(cur, dump, sql)
    for case in common.prepared_cases(db):
        sql = case["sql"].replace("%", "%%").replace("?", "%s")
        run(cur, dump, sql, tuple(common.native_param(p) for p in case["params"]))
    # COM_PING and COM_INIT_DB, which PyMySQL exposes directly
    dump.begin_extras()
    dump.statement("COM_PING")
    conn.ping(reconnect=False)
    dump.write("ping ok")
    dump.statement("COM_INIT_DB " + db + "_other")
    conn.select_db(db + "_other")
    run(cur, dump, "SELECT DATABASE() = '%s_other' AS switched" % db)
    conn.close()
    dump.close()


if __name__ == "__main__":
    main()
