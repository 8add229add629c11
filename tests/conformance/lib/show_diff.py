#!/usr/bin/python3
"""Shows where two dumps differ, readably: dump lines can be thousands of characters long (a
29-column row), so a changed line is shown as a window around its first differing character.
Usage: show_diff.py DIRECT OTHER [MAX_LINES]
"""
import difflib
import sys

WIDTH = 200


def window(line, col):
    start = max(0, col - WIDTH // 2)
    text = line[start:start + WIDTH]
    return ("..." if start > 0 else "") + text + ("..." if start + WIDTH < len(line) else "")


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def main():
    a = open(sys.argv[1], encoding="utf-8", errors="backslashreplace").read().split("\n")
    b = open(sys.argv[2], encoding="utf-8", errors="backslashreplace").read().split("\n")
    budget = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        out.append("@@ direct line %d, other line %d (%s)" % (i1 + 1, j1 + 1, tag))
        if i1 > 0:
            out.append("  " + window(a[i1 - 1], 0))
        for k in range(max(i2 - i1, j2 - j1)):
            left = a[i1 + k] if i1 + k < i2 else None
            right = b[j1 + k] if j1 + k < j2 else None
            col = first_difference(left, right) if left is not None and right is not None else 0
            if left is not None:
                out.append("- " + window(left, col))
            if right is not None:
                out.append("+ " + window(right, col))
        if len(out) >= budget:
            break
    print("\n".join(out[:budget]))
    if len(out) > budget:
        print("... (more differences)")


if __name__ == "__main__":
    main()
