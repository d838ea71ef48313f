#!/usr/bin/env python3
"""Parse every feed file given with feedparser 6 and count entries: bench/py_feedparser.py FILES...

Prints one summary line to stderr: files, ok, failed (exception or no entries with bozo set),
bozo, entries. feedparser sanitizes HTML and resolves relative URIs by default, as gazette's
normal path does. Exit status 0 unless no file parsed at all.
"""
import sys

import feedparser


def main(paths):
    ok = failed = bozo = entries = 0
    for path in paths:
        try:
            with open(path, "rb") as f:
                d = feedparser.parse(f.read())
        except Exception as e:  # noqa: BLE001 - a benchmark counts, it does not stop
            failed += 1
            print(f"feedparser: {path}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        n = len(d.entries)
        if d.bozo:
            bozo += 1
        if n == 0 and d.bozo:
            failed += 1
            print(f"feedparser: {path}: no entries ({d.get('bozo_exception')!r})", file=sys.stderr)
        else:
            ok += 1
        entries += n
    print(f"feedparser {feedparser.__version__}: files {len(paths)} ok {ok} failed {failed} bozo {bozo} entries {entries}",
          file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
