"""Shared by the two Python clients: reading the plan, rendering values, writing the dump.

The dump is line oriented and deterministic, so a direct run and a proxied run of the same client
can be compared byte for byte. Run with Debian's /usr/bin/python3 (it has the Debian drivers).
"""
import datetime
import decimal
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LARGE = 1024  # values longer than this are written as length + sha256


def plan_chunks(db):
    """The statements of plan.sql: split on lines holding only //, comment lines dropped."""
    chunks, current = [], []
    with open(os.path.join(ROOT, "plan.sql"), encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.strip() == "//":
                text = "\n".join(current).strip()
                if text:
                    chunks.append(text.replace("{db}", db))
                current = []
            elif line.startswith("--") or line.startswith("DELIMITER"):
                continue
            else:
                current.append(line)
    return chunks


def prepared_cases(db):
    with open(os.path.join(ROOT, "prepared.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    for case in cases:
        case["sql"] = case["sql"].replace("{db}", db)
    return cases


def pattern(size):
    """The deterministic blob every client writes: byte i is i % 251."""
    block = bytes(range(251))
    return (block * (size // 251 + 1))[:size]


def native_param(p):
    """A prepared.json parameter as the Python value the drivers expect."""
    t, v = p["type"], p.get("value")
    if t in ("int", "uint"):
        return int(v)
    if t == "double":
        return float(v)
    if t == "decimal":
        return decimal.Decimal(v)
    if t == "string":
        return v
    if t == "bytes":
        return bytes.fromhex(v)
    if t == "null":
        return None
    if t == "date":
        return datetime.date.fromisoformat(v)
    if t == "datetime":
        return datetime.datetime.fromisoformat(v)
    if t == "time":
        # as text: both Python drivers render a negative timedelta wrongly ('-839:00:01')
        return v
    if t == "pattern":
        return pattern(p["size"])
    raise ValueError("unknown parameter type " + t)


def render(value):
    """Exact, type-tagged text for one value as the driver returned it."""
    if isinstance(value, (bytes, bytearray)) and len(value) > LARGE:
        return "bytes[len=%d sha256=%s]" % (len(value), hashlib.sha256(value).hexdigest())
    if isinstance(value, str) and len(value) > LARGE:
        data = value.encode("utf-8", "surrogateescape")
        return "str[chars=%d sha256=%s]" % (len(value), hashlib.sha256(data).hexdigest())
    return repr(value)


class Dump:
    """Writes the canonical dump and counts what the sanity checker verifies."""

    def __init__(self, path):
        self.f = open(path, "w", encoding="utf-8", errors="backslashreplace")
        self.statements = self.resultsets = self.errors = self.extras = 0
        self.in_extras = False

    def begin_extras(self):
        """Client-specific steps after the shared plan; counted apart from the plan's statements."""
        self.in_extras = True

    def statement(self, sql):
        first = sql.split("\n")[0][:120]
        if self.in_extras:
            self.extras += 1
            self.write("== extra %d: %s" % (self.extras, first))
        else:
            self.statements += 1
            self.write("== stmt %d: %s" % (self.statements, first))

    def resultset(self, columns):
        self.resultsets += 1
        self.write("resultset columns=%d" % len(columns))
        for c in columns:
            self.write("  column " + c)

    def row(self, values):
        self.write("  row " + " | ".join(render(v) for v in values))

    def error(self, errno, sqlstate, message):
        self.errors += 1
        self.write("error errno=%s sqlstate=%s message=%s" % (errno, sqlstate, message))

    def write(self, line):
        self.f.write(line + "\n")

    def close(self):
        self.write("summary statements=%d resultsets=%d errors=%d extras=%d"
                   % (self.statements, self.resultsets, self.errors, self.extras))
        self.f.close()


def parse_args(argv):
    """HOST PORT DB OUT [TLS] where TLS is a CA file (verify) or 'insecure' (encrypt only)."""
    if len(argv) not in (5, 6):
        sys.exit("usage: %s HOST PORT DB OUT [CA_FILE|insecure]" % argv[0])
    host, port, db, out = argv[1], int(argv[2]), argv[3], argv[4]
    tls = argv[5] if len(argv) == 6 else None
    return host, port, db, out, tls


def write_tls_report(out, description):
    """The TLS check reads this side file; it is not part of the compared dump."""
    with open(out + ".tls", "w") as f:
        f.write(description + "\n")
