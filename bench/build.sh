#!/usr/bin/env bash
# Publishing benchmark (issue 4, "Performance"): a store of 50,000 items across 20 categories, a full
# `gazette build`, an unchanged second build, then a `gazette run --force` that adds 100 new items.
#
#   bench/build.sh
#
# Steps, all in a temp dir (feeds are local files beside feeds.yml; `interval: 0s`):
#   1. bench/gen_build_corpus.py generate: FEEDS RSS 2.0 files x ITEMS items (seeded), feeds.yml
#   2. gazette fetch             (fills the store: parse + store load)
#   3. gazette build             (full rebuild: every post + every Atom file)
#   4. gazette build, again      (nothing changed: must touch no file under output/_posts, output/feeds)
#   5. NEW items put at the top of the first NEW_INTO feed files (pubDate now), then
#      gazette run --force       (the incremental run: must write exactly NEW new posts)
# Each timed step: wall seconds (date +%s.%N around it) and peak RSS (/usr/bin/time -f '%e %M').
# Goals: incremental run < 1 s, full rebuild < 20 s.
#
# Environment:
#   FEEDS=20 ITEMS=2500 SEED=42   corpus (FEEDS categories, one per feed)
#   NEW=100 NEW_INTO=4            new items for step 5, spread over the first NEW_INTO feeds
#   GAZETTE=path                  binary (default .build/release/gazette)
#   SKIP_BUILD=1                  do not `swift build` even when the binary is missing or older than Sources/
#   KEEP=1                        keep the temp dir and print its path
# The report is also written to bench/results/build-YYYYmmdd-HHMM.txt.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
FEEDS=${FEEDS:-20}
ITEMS=${ITEMS:-2500}
SEED=${SEED:-42}
NEW=${NEW:-100}
NEW_INTO=${NEW_INTO:-4}
GAZETTE=${GAZETTE:-$ROOT/.build/release/gazette}
PY=${PYTHON:-python3}
mkdir -p bench/results
STAMP=$(date +%Y%m%d-%H%M)
OUT=bench/results/build-$STAMP.txt
WORK=$(mktemp -d /tmp/gazette-build-bench.XXXXXX)
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
stale=""
if [ ! -x "$GAZETTE" ] || [ -n "$(find Sources -newer "$GAZETTE" -type f -print -quit 2>/dev/null)" ]; then stale=1; fi
if [ -n "$stale" ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building gazette (release)"
    swift build -c release --product gazette >&2 || die "swift build failed"
    stale=""
fi
[ -x "$GAZETTE" ] || die "no gazette binary at $GAZETTE"
GZ_VERSION="$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- Sources 2>/dev/null || echo '+dirty') ($("$GAZETTE" --version 2>/dev/null))"

# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------
log "generating $FEEDS feeds x $ITEMS items in $WORK"
"$PY" bench/gen_build_corpus.py generate --out "$WORK" --feeds "$FEEDS" --items "$ITEMS" --seed "$SEED" \
    || die "corpus generation failed"
CORPUS_MB=$(du -sm "$WORK/feeds" | cut -f1)
CONFIG=$WORK/feeds.yml
POSTS=$WORK/output/_posts
ATOM=$WORK/output/feeds

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
ROWS=()
# timed LABEL CMD...: runs CMD, keeps its output in $WORK/LABEL.log, appends a table row.
timed() {
    local label=$1; shift
    local logf="$WORK/${label// /_}.log" t0 t1 secs rss rc
    sync; t0=$(date +%s.%N)
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >"$logf" 2>&1
    rc=$?
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    rss=$(awk 'END { printf "%.1f", $2 / 1024 }' "$WORK/time.txt")
    LAST_SECS=$secs LAST_RSS=$rss
    LAST_SUMMARY=$(grep -v '^\s*$' "$logf" | grep -v '^warning' | tail -1)
    [ "$rc" = 0 ] || { log "$label failed (exit $rc):"; tail -20 "$logf" >&2; die "$label failed"; }
    ROWS+=("$(printf '%-34s %9s %12s %8s   %s' "$label" "$secs" "$rss" "$(post_count)" "$LAST_SUMMARY")")
}
post_count() { find "$POSTS" -maxdepth 1 -name '*.md' 2>/dev/null | wc -l; }
# snapshot FILE: path, mtime (ns), size of every file under output/_posts and output/feeds.
snapshot() { (cd "$WORK/output" && find _posts feeds -type f -printf '%p %T@ %s\n' 2>/dev/null | LC_ALL=C sort) >"$1"; }

# ---------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------
cd "$WORK" || exit 1
log "1/4 gazette fetch"
timed "fetch (store load)" "$GAZETTE" fetch --config "$CONFIG"
STORE=$(find "$WORK" -name state.sqlite | head -1)
STORE_ITEMS=$( [ -n "$STORE" ] && command -v sqlite3 >/dev/null && sqlite3 "$STORE" 'select count(*) from items' 2>/dev/null || echo '?')

log "2/4 gazette build (full)"
timed "build (full)" "$GAZETTE" build --config "$CONFIG"
FULL_SECS=$LAST_SECS FULL_POSTS=$(post_count)
ATOM_FILES=$(find "$ATOM" -name '*.xml' 2>/dev/null | wc -l)

log "3/4 gazette build (unchanged)"
snapshot "$WORK/snap1"
sleep 1   # a rewrite would show as a new mtime
timed "build (again, nothing changed)" "$GAZETTE" build --config "$CONFIG"
snapshot "$WORK/snap2"
TOUCHED=$(diff "$WORK/snap1" "$WORK/snap2" | grep -c '^[<>]')
if [ "$TOUCHED" = 0 ]; then UNCHANGED="OK: no file under output/_posts or output/feeds changed (path, mtime, size)"
else UNCHANGED="FAIL: $(diff "$WORK/snap1" "$WORK/snap2" | grep -c '^>') files changed or added, e.g. $(diff "$WORK/snap1" "$WORK/snap2" | grep '^>' | head -3 | cut -d' ' -f2 | tr '\n' ' ')"; fi

log "4/4 $NEW new items, gazette run --force"
BEFORE=$(post_count)
ls "$POSTS" | LC_ALL=C sort >"$WORK/posts1"
"$PY" "$ROOT/bench/gen_build_corpus.py" append --out "$WORK" --count "$NEW" --into "$NEW_INTO" >"$WORK/new-items.txt" \
    || die "append failed"
sleep 1
timed "run --force (+$NEW items)" "$GAZETTE" run --force --config "$CONFIG"
INC_SECS=$LAST_SECS
AFTER=$(post_count)
ls "$POSTS" | LC_ALL=C sort >"$WORK/posts2"
NEW_FILES=$(LC_ALL=C comm -13 "$WORK/posts1" "$WORK/posts2" | wc -l)
# Every new item's link must be in exactly one of the new posts.
FOUND=0
while read -r guid link; do
    n=$(LC_ALL=C comm -13 "$WORK/posts1" "$WORK/posts2" | (cd "$POSTS" && xargs -r grep -lF "<$link>") | wc -l)
    [ "$n" = 1 ] && FOUND=$((FOUND + 1))
done <"$WORK/new-items.txt"
snapshot "$WORK/snap3"
OLD_TOUCHED=$(LC_ALL=C join <(grep '^_posts/' "$WORK/snap2" | cut -d' ' -f1,2) <(grep '^_posts/' "$WORK/snap3" | cut -d' ' -f1,2) \
    | awk '$2 != $3' | wc -l)
if [ $((AFTER - BEFORE)) = "$NEW" ] && [ "$NEW_FILES" = "$NEW" ] && [ "$FOUND" = "$NEW" ]; then
    INCREMENTAL="OK: $NEW new posts ($BEFORE -> $AFTER), each new item's link in exactly one new post"
else
    INCREMENTAL="FAIL: posts $BEFORE -> $AFTER, $NEW_FILES new files, $FOUND of $NEW new items found in exactly one new post"
fi
cd "$ROOT" || exit 1

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
goal() { awk -v s="$1" -v g="$2" 'BEGIN { printf "%s s (goal < %s s: %s)", s, g, (s < g ? "met" : "NOT met") }'; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
RAM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
    echo "Gazette build benchmark — $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo "command: bench/build.sh  (FEEDS=$FEEDS ITEMS=$ITEMS SEED=$SEED NEW=$NEW NEW_INTO=$NEW_INTO)"
    echo "machine: $(nproc) cores, $CPU, $RAM RAM, $(uname -sr)"
    echo "gazette: $GZ_VERSION${stale:+  (note: binary older than some of Sources/)}"
    echo "corpus: $FEEDS RSS 2.0 files x $ITEMS items = $((FEEDS * ITEMS)) items, $FEEDS categories, ${CORPUS_MB} MB"
    echo "        (gen_build_corpus.py, seed $SEED: zh/en titles, 1-3 KB HTML bodies, pubDates over 2 years); store: $STORE_ITEMS items"
    echo "        step 4 puts $NEW new items at the top of the first $NEW_INTO feed files (the other feeds are unchanged: not modified)"
    echo "timing: wall seconds around the process; peak RSS from /usr/bin/time %M; posts = .md files in output/_posts after the step"
    echo
    printf '%-34s %9s %12s %8s   %s\n' "step" "seconds" "peak RSS MB" "posts" "gazette's summary line"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "full rebuild:     $(goal "$FULL_SECS" 20)  — $FULL_POSTS posts, $ATOM_FILES Atom files"
    echo "incremental run:  $(goal "$INC_SECS" 1)  — $NEW new items into $((FEEDS * ITEMS))"
    echo
    echo "checks:"
    echo "  second build: $UNCHANGED"
    echo "  incremental:  $INCREMENTAL"
    echo "  incremental:  $OLD_TOUCHED existing posts got a new mtime"
} | tee "$OUT"
log "written: $OUT"
