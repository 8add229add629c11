#!/usr/bin/env python3
"""Writes tests/corpus/seed.sql: the rows the differential test loads into MariaDB (as written) and
PostgreSQL (translated). Deterministic: no randomness, values chosen to exercise NULLs, unicode,
quotes and backslashes, case-insensitive duplicates, zero-fraction and fractional decimals, JSON,
binary bytes (NUL, 0xff), booleans, bits, fractional-second times.  Run: tests/corpus/make_seed.py"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent / "seed.sql"


def s(v):
    """A MySQL literal for a Python value (str -> escaped string, bytes -> X'..')."""
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, bytes):
        return "X'" + v.hex().upper() + "'"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, Raw):
        return v.text
    out = v.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\0", "\\0")
    return "'" + out + "'"


class Raw:
    def __init__(self, text):
        self.text = text


def insert(table, columns, rows):
    body = ",\n".join("  (" + ", ".join(s(v) for v in row) + ")" for row in rows)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n{body};\n"


names = ["Alice", "alice", "Bob", None, "Zoë", "O'Brien", "back\\slash", "under_score", "50% off", "Alice ",
         "", "日本語", "Émile 😀", "Carol", "dave", "Eve", None, "Frank \"the\" tank", "Grace", "heidi",
         "Ivan", "Judy", None, "Mallory", "niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent"]
cities = ["Berlin", "Paris", "berlin", "Tokyo", "Zürich"]
users = []
for i in range(1, 31):
    email = ["alice", "ALICE2", "bob", "carol", "b.d", "c-e", "a_f", "zed", "yan", "x"][i % 10] + f"{i}@" + \
        ("example.com" if i % 4 else "mail.org")
    if i == 1:
        email = "alice@example.com"
    if i == 3:
        email = "bob@example.com"
    profile = None
    if i % 3 != 0:
        p = {"city": cities[i % 5], "visits": i * 3, "prefs": {"theme": "dark" if i % 2 else "light"}}
        if i % 4 == 1:
            p["tags"] = ["vip", "beta"] if i % 8 == 1 else ["beta"]
        if i % 7 == 0:
            p["note"] = "quote \" and backslash \\ and ünï"
        profile = json.dumps(p, ensure_ascii=False)
    users.append((i, email, names[i - 1], i % 3 != 2, ["0.00", "10.50", "100.00", "999.99", "-5.25", "20.10"][i % 6],
                  [None, 1.5, 0.1, 3.25, 1e10, -2.5][i % 6], None if i % 5 == 0 else 17 + i * 2,
                  18446744073709551615 if i == 7 else i * 11, ["admin", "member", "guest"][i % 3], profile,
                  f"2023-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i * 7 % 60:02d}:{i * 13 % 60:02d}",
                  None if i % 2 else f"2024-02-{1 + i % 28:02d} 08:00:{i:02d}"))
users_sql = insert("users", ["id", "email", "name", "active", "balance", "score", "age", "logins", "role", "profile",
                             "created_at", "updated_at"],
                   [(u[0], u[1], u[2], u[3], Raw(u[4]), u[5], u[6], u[7], u[8], u[9], u[10], u[11]) for u in users])

statuses = ["paid", "new", "shipped", "cancelled", "paid", "PAID", "new"]
orders = []
for i in range(1, 41):
    code = (["ABCD", "abcd", "Wxyz", "q1q1", "0000"][i % 5]) + f"{i:04d}"
    if i == 1:
        code = "abcd0001"
    if i == 2:
        code = "ABCD0001"
    total = ["0.00", "20.00", "35.50", "120.75", "499.99", "12.01", "100.00", "7.30"][i % 8]
    micro = ["", ".5", ".123456", ".000001", ".25"][i % 5]
    placed = f"2024-{1 + i % 12:02d}-{1 + (i * 3) % 28:02d} {(i * 5) % 24:02d}:{(i * 11) % 60:02d}:{(i * 17) % 60:02d}{micro}"
    note = [None, "first order", "it's \"quoted\"", "multi\nline", "tab\there", "ünïcödé ☃"][i % 6]
    orders.append((i, 1 + (i * 7) % 25, statuses[i % 7], Raw(total), placed, code, note))
orders_sql = insert("orders", ["id", "user_id", "status", "total", "placed_at", "code", "note"], orders)

items = []
n = 0
for order in range(1, 31):
    for line in range(1, 1 + (order % 3) + 1):
        n += 1
        if n > 50:
            break
        product = 99 if n % 17 == 0 else 1 + (order * 5 + line) % 25
        items.append((order, line, product, 1 + (n * 3) % 7, Raw(["9.99", "20.00", "0.50", "149.90", "3.33"][n % 5])))
items_sql = insert("order_items", ["order_id", "line_no", "product_id", "qty", "price"], items)

products = []
for i in range(1, 26):
    products.append((i, f"SK{i % 10}-{i:03d}" if i % 6 else f"SKX-{i:03d}", f"Product {chr(64 + i)}",
                     Raw(["9.99", "25.00", "100.50", "0.99", "49.95"][i % 5]), 0 if i % 7 == 0 else i * 3 % 40,
                     None if i % 4 == 0 else [0.5, 1.25, 2.0, 10.75][i % 4],
                     ["", "new", "sale", "new,sale", "hot", "sale,hot"][i % 6],
                     None if i % 5 == 0 else f"202{i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     None if i % 3 == 0 else f"{(6 + i) % 24:02d}:{(i * 15) % 60:02d}:00",
                     None if i % 6 == 0 else 2015 + i % 10,
                     None if i % 3 == 1 else f"4006381{i:06d}"))
products_sql = insert("products", ["id", "sku", "name", "price", "stock", "weight", "tags", "released", "opens_at",
                                   "model_year", "barcode"], products)

counters = [("home", 100, "2024-01-01 00:00:00"), ("Alice", 5, None), ("bob", 0, "2024-06-30 23:59:59")]
counters += [(f"page{i}", i * 37 % 150, None if i % 3 else f"2024-03-{i:02d} 12:00:00") for i in range(1, 18)]
counters_sql = insert("counters", ["name", "hits", "touched"], counters)

blobs = [(b"key1", b"\x00\x01\x02\xff", bytes([0, 1, 2, 3])), (b"key2", b"", None), (b"\x00\xff", b"x\x00y", b"abcd"),
         (b"\x00\x01", None, bytes([255, 255, 255, 255]))]
blobs += [(f"k{i:02d}".encode(), bytes((i * j) % 256 for j in range(i)), bytes([i, 0, i, 0]) if i % 2 else None)
          for i in range(1, 17)]
blobs_sql = insert("blobs", ["k", "v", "h"], blobs)

pairs = [(i, (i * 7) % 23, None if i % 4 == 0 else (i * 5) % 21 + 1, None if i % 5 == 0 else f"pair {i}")
         for i in range(1, 21)]
pairs_sql = insert("pairs", ["id", "a", "b", "label"], pairs)

events = []
for i in range(1, 31):
    payload = None if i % 6 == 0 else json.dumps({"amount": [5, 12.5, 0, 100, 7][i % 5], "ok": i % 2 == 0,
                                                 "items": list(range(i % 4)), "src": ["web", "app", None][i % 3]})
    flags = None if i % 4 == 0 else Raw("b'" + format((i * 37) % 256, "08b") + "'")
    if i == 5:
        flags = Raw("b'00000101'")
    events.append((i, None if i % 5 == 0 else 1 + i % 30, ["click", "view", "ping", "login"][i % 4], payload,
                   f"2024-{1 + i % 6:02d}-{1 + i % 27:02d} {i % 24:02d}:{i * 2 % 60:02d}:{i * 3 % 60:02d}.{i * 37 % 1000:03d}",
                   flags))
# Bits go in by a separate UPDATE, so that the rows still load where bit literals do not translate.
events_sql = insert("events", ["id", "user_id", "kind", "payload", "at"], [e[:5] for e in events])
events_sql += "UPDATE events SET flags = CASE id\n" + "\n".join(
    f"  WHEN {e[0]} THEN {e[5].text}" for e in events if e[5] is not None) + "\n  END\nWHERE flags IS NULL;\n"

audit = [(f"2024-05-{1 + i % 28:02d} {i % 24:02d}:00:00", ["cron", "alice", "bob"][i % 3], f"action #{i}")
         for i in range(1, 21)]
audit_sql = insert("audit_log", ["happened", "actor", "action"], audit)

header = """-- Rows for the differential test (generated by tests/corpus/make_seed.py; edit that, not this).
-- MySQL dialect: run on MariaDB as written (session time_zone '+00:00') and on PostgreSQL
-- translated. NULLs, unicode, quotes and backslashes, case-insensitive duplicates, zero-fraction
-- and fractional decimals, JSON, binary bytes, booleans, bits and fractional seconds.
"""
OUT.write_text(header + "\n".join([users_sql, orders_sql, items_sql, products_sql, counters_sql, blobs_sql, pairs_sql,
                                   events_sql, audit_sql]), encoding="utf-8")
print(f"wrote {OUT}")
