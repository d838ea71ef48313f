#!/usr/bin/env python3
"""Parse every feed file given with fastfeedparser and count entries: bench/py_fastfeedparser.py FILES...

Each file is handed over as bytes (a str could be taken for a URL). fastfeedparser may raise on
some formats; failures are counted and reported, never fatal. Prints one summary line to stderr:
files, ok, failed, entries, and the failures by file suffix. Exit status 0 unless no file parsed.
"""
import collections
import os
import sys

import fastfeedparser

try:
    from importlib.metadata import version
    VERSION = version("fastfeedparser")
except Exception:  # noqa: BLE001
    VERSION = "?"


def main(paths):
    ok = failed = entries = 0
    failures = collections.Counter()
    for path in paths:
        try:
            with open(path, "rb") as f:
                d = fastfeedparser.parse(f.read())
            n = len(d.get("entries") or [])
        except Exception as e:  # noqa: BLE001 - a benchmark counts, it does not stop
            failed += 1
            failures[os.path.basename(path).split("-", 1)[-1]] += 1
            print(f"fastfeedparser: {path}: {type(e).__name__}: {str(e)[:200]}", file=sys.stderr)
            continue
        ok += 1
        entries += n
    detail = " (" + ", ".join(f"{k}: {v}" for k, v in sorted(failures.items())) + ")" if failures else ""
    print(f"fastfeedparser {VERSION}: files {len(paths)} ok {ok} failed {failed}{detail} entries {entries}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
