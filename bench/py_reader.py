#!/usr/bin/env python3
"""The Python `reader` library updating a list of feeds from an empty database (fetch benchmark).

    python3 bench/py_reader.py DB_PATH URLS_FILE [--workers N]

URLS_FILE holds one feed URL a line. The database must not exist yet (a cold update). The script
does what a reader user does: reader.make_reader(DB_PATH), add_feed() for each URL, then
update_feeds(workers=N) (reader fetches with requests and parses with feedparser; workers is the
number of threads that retrieve feeds, 1 by default). It prints one line to stdout:

    reader VERSION workers N: feeds F, updated U, unchanged N, failed X, entries E; add S s, update S s
"""
import argparse
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("urls")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if os.path.exists(args.db):
        sys.exit(f"{args.db} exists: the benchmark wants an empty database")
    import reader

    urls = [line.strip() for line in open(args.urls, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    r = reader.make_reader(args.db)
    for url in urls:
        r.add_feed(url)
    t1 = time.perf_counter()
    updated = unchanged = failed = 0
    # update_feeds_iter is update_feeds (same arguments, same work) that also tells how each feed went.
    for result in r.update_feeds_iter(workers=args.workers):
        if isinstance(result.value, Exception):
            failed += 1
            if failed <= 5:
                print(f"reader: {result.url}: {result.value!r}", file=sys.stderr)
        elif result.value is None:
            unchanged += 1  # not modified (never, on an empty database)
        else:
            updated += 1
    t2 = time.perf_counter()
    entries = r.get_entry_counts().total
    r.close()
    print(f"reader {reader.__version__} workers {args.workers}: feeds {len(urls)}, updated {updated}, "
          f"unchanged {unchanged}, failed {failed}, entries {entries}; add {t1 - t0:.2f} s, update {t2 - t1:.2f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
