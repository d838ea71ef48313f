#!/usr/bin/env bash
# Parse benchmark: gazette against feedparser, fastfeedparser and xmllint on one corpus.
#
#   bench/parse.sh [corpus-dir]        (default bench/corpus/parse, generated if it has no MANIFEST.tsv)
#
# Environment:
#   RUNS=3          timed runs per tool (best is reported); one more untimed run measures peak RSS
#   CORPUS_MB=60    size of a corpus this script generates
#   SEED=42         seed of a corpus this script generates
#   SKIP_BUILD=1    do not run `swift build` (use whatever binary is there)
#   GAZETTE=path    gazette binary to measure (default .build/release/gazette)
#   NO_INSTALL=1    do not pip/apt-install anything that is missing
#   NO_HYPERFINE=1  time with /usr/bin/time even if hyperfine is installed
#   FORCE_XARGS=1   pass the files through xargs even when one argument list would do
#
# A tool that is missing or exits non-zero is reported as n/a; the rest still run.
# The table is also written to bench/results/parse-YYYYmmdd-HHMM.txt.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
CORPUS=${1:-bench/corpus/parse}
RUNS=${RUNS:-3}
CORPUS_MB=${CORPUS_MB:-60}
SEED=${SEED:-42}
GAZETTE=${GAZETTE:-$ROOT/.build/release/gazette}
PY=${PYTHON:-python3}
mkdir -p bench/results
STAMP=$(date +%Y%m%d-%H%M)
OUT=bench/results/parse-$STAMP.txt
WORK=$(mktemp -d /tmp/gazette-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

if [ "${NO_INSTALL:-0}" != 1 ]; then
    if ! "$PY" -c 'import feedparser, fastfeedparser' 2>/dev/null; then
        # Another pip may be installing them right now: wait for it rather than race it.
        for _ in $(seq 120); do pgrep -f 'pip3? install|-m pip install' >/dev/null || break; sleep 5; done
        if ! "$PY" -c 'import feedparser, fastfeedparser' 2>/dev/null; then
            log "installing feedparser, fastfeedparser (pip)"
            "$PY" -m pip install --quiet feedparser fastfeedparser 2>"$WORK/pip.err" \
                || "$PY" -m pip install --quiet --break-system-packages feedparser fastfeedparser \
                || log "pip install failed: $(tail -3 "$WORK/pip.err")"
        fi
    fi
    apt_pkgs=()
    command -v xmllint >/dev/null || apt_pkgs+=(libxml2-utils)
    [ -x /usr/bin/time ] || apt_pkgs+=(time)
    if [ ${#apt_pkgs[@]} -gt 0 ]; then
        log "installing ${apt_pkgs[*]} (apt)"
        as_root apt-get update -qq >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null \
            || log "apt-get install ${apt_pkgs[*]} failed"
    fi
fi
if [ ! -x /usr/bin/time ]; then
    log "error: /usr/bin/time (Debian package 'time') is needed to measure peak RSS"
    exit 1
fi
HYPERFINE=$(command -v hyperfine || true)
[ "${NO_HYPERFINE:-0}" = 1 ] && HYPERFINE=""

# ---------------------------------------------------------------------------------------------
# 2. Corpus and the file list (manifest order; the same list for every tool)
# ---------------------------------------------------------------------------------------------
if [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
    log "generating corpus: $CORPUS ($CORPUS_MB MB, seed $SEED)"
    "$PY" bench/gen_corpus.py --out "$CORPUS" --mb "$CORPUS_MB" --seed "$SEED" || exit 1
fi
MANIFEST=$CORPUS/MANIFEST.tsv
ALL_LIST=$WORK/all.list
XML_LIST=$WORK/xml.list
awk -F'\t' -v d="$CORPUS" 'NR > 1 { print d "/" $1 }' "$MANIFEST" >"$ALL_LIST"
awk -F'\t' -v d="$CORPUS" 'NR > 1 && $2 != "json" { print d "/" $1 }' "$MANIFEST" >"$XML_LIST"
mapfile -t ALL_FILES <"$ALL_LIST"
mapfile -t XML_FILES <"$XML_LIST"
read -r N_FILES TOTAL_BYTES TOTAL_ENTRIES N_XML XML_BYTES XML_ENTRIES < <(awk -F'\t' 'NR > 1 {
    n++; b += $3; e += $4; if ($2 != "json") { nx++; bx += $3; ex += $4 } }
    END { print n + 0, b + 0, e + 0, nx + 0, bx + 0, ex + 0 }' "$MANIFEST")
for f in "${ALL_FILES[@]}"; do
    [ -f "$f" ] || { log "error: $f is in $MANIFEST but missing"; exit 1; }
done
# One process with every file as an argument, unless the list is too long for one exec.
ARG_BYTES=$(wc -c <"$ALL_LIST")
USE_XARGS=0
[ "$ARG_BYTES" -gt 1000000 ] || [ "${FORCE_XARGS:-0}" = 1 ] && USE_XARGS=1

# ---------------------------------------------------------------------------------------------
# 3. gazette (release)
# ---------------------------------------------------------------------------------------------
BUILD_NOTE=""
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    if command -v swift >/dev/null; then
        log "building gazette (swift build -c release --product gazette)"
        if ! swift build -c release --product gazette >"$WORK/build.log" 2>&1; then
            BUILD_NOTE="swift build failed: $(grep -m1 -E 'error:' "$WORK/build.log" || tail -1 "$WORK/build.log")"
            log "$BUILD_NOTE"
            cp "$WORK/build.log" "bench/results/parse-$STAMP-build.log"
        fi
    else
        BUILD_NOTE="swift not found: gazette not built"
    fi
fi
[ -x "$GAZETTE" ] || BUILD_NOTE="${BUILD_NOTE:+$BUILD_NOTE; }no gazette binary at $GAZETTE"

# ---------------------------------------------------------------------------------------------
# 4. Measuring
# ---------------------------------------------------------------------------------------------
# measure KEY LIST -- CMD...   runs CMD with the files of LIST appended (or via xargs), stdout to
# $WORK/KEY.out on the untimed RSS run and to /dev/null on the timed ones. Writes $WORK/KEY.res:
# "seconds rss_kb" or "n/a reason".
measure() {
    local key=$1 list=$2; shift 3
    local cmd=("$@") full
    if [ "$USE_XARGS" = 1 ]; then
        full=(xargs -d '\n' -a "$list" "${cmd[@]}")
    else
        local files; mapfile -t files <"$list"
        full=("${cmd[@]}" "${files[@]}")
    fi
    log "measuring $key: ${cmd[*]} <$(wc -l <"$list") files>"
    # Untimed run: peak RSS, exit status, output to check; also warms the page cache.
    /usr/bin/time -f '%e %M' -o "$WORK/$key.time" "${full[@]}" >"$WORK/$key.out" 2>"$WORK/$key.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "n/a exit $rc: $(grep -v '^Command exited' "$WORK/$key.err" | tail -1 | cut -c1-160)" >"$WORK/$key.res"
        log "  $key failed (exit $rc)"
        return
    fi
    local rss best
    rss=$(awk 'END { print $2 }' "$WORK/$key.time")
    best=$(awk 'END { print $1 }' "$WORK/$key.time")
    if [ -n "$HYPERFINE" ]; then
        local qcmd; qcmd=$(printf '%q ' "${full[@]}")
        if "$HYPERFINE" -N --runs "$RUNS" --style none --export-json "$WORK/$key.json" "$qcmd" >/dev/null 2>"$WORK/$key.hf.err"; then
            best=$("$PY" -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["min"])' "$WORK/$key.json")
        else
            log "  hyperfine failed ($(tail -1 "$WORK/$key.hf.err")); using /usr/bin/time"
            HYPERFINE=""
        fi
    fi
    if [ -z "$HYPERFINE" ]; then
        for _ in $(seq 2 "$RUNS"); do
            /usr/bin/time -f '%e %M' -o "$WORK/$key.time" "${full[@]}" >/dev/null 2>/dev/null || true
            read -r t m <"$WORK/$key.time"
            best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
            rss=$(awk -v a="$rss" -v b="$m" 'BEGIN { print (b > a ? b : a) }')
        done
    fi
    echo "$best $rss" >"$WORK/$key.res"
    log "  $key: ${best}s, peak RSS ${rss} KB"
}

if [ -x "$GAZETTE" ]; then
    measure gazette "$ALL_LIST" -- "$GAZETTE" parse --json
    measure gazette_raw "$ALL_LIST" -- "$GAZETTE" parse --json --raw
    measure gazette_raw_xml "$XML_LIST" -- "$GAZETTE" parse --json --raw
else
    for k in gazette gazette_raw gazette_raw_xml; do echo "n/a $BUILD_NOTE" >"$WORK/$k.res"; done
fi
if "$PY" -c 'import feedparser' 2>/dev/null; then
    measure feedparser "$ALL_LIST" -- "$PY" bench/py_feedparser.py
else
    echo "n/a feedparser not installed" >"$WORK/feedparser.res"
fi
if "$PY" -c 'import fastfeedparser' 2>/dev/null; then
    measure fastfeedparser "$ALL_LIST" -- "$PY" bench/py_fastfeedparser.py
else
    echo "n/a fastfeedparser not installed" >"$WORK/fastfeedparser.res"
fi
if command -v xmllint >/dev/null; then
    measure xmllint "$XML_LIST" -- xmllint --stream --noout
else
    echo "n/a xmllint not installed" >"$WORK/xmllint.res"
fi

# What each tool made of the corpus: gazette's JSON lines, the Python scripts' summary lines.
for k in gazette gazette_raw; do
    [ -f "$WORK/$k.out" ] && [ "$(cut -d' ' -f1 "$WORK/$k.res")" != n/a ] || continue
    "$PY" - "$WORK/$k.out" "$N_FILES" "$TOTAL_ENTRIES" >"$WORK/$k.check" <<'EOF'
import json, sys
lines = bad = bozo = entries = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    lines += 1
    try:
        o = json.loads(line)
    except ValueError:
        bad += 1
        continue
    bozo += bool(o.get("bozo"))
    entries += len(o.get("entries") or [])
print(f"{lines} JSON lines for {sys.argv[2]} files ({bad} unparsable), bozo {bozo}, entries {entries} of {sys.argv[3]}")
EOF
done

# ---------------------------------------------------------------------------------------------
# 5. Report
# ---------------------------------------------------------------------------------------------
{
    echo "Gazette parse benchmark — $(date '+%Y-%m-%d %H:%M %Z')"
    echo "machine: $(nproc) cores, $(grep -m1 -E 'model name|Model' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo '?'),"\
         "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
    echo "versions: $("$PY" --version 2>&1), feedparser $("$PY" -c 'import feedparser; print(feedparser.__version__)' 2>/dev/null || echo n/a),"\
         "fastfeedparser $("$PY" -c 'from importlib.metadata import version; print(version("fastfeedparser"))' 2>/dev/null || echo n/a),"\
         "libxml2 $(xmllint --version 2>&1 | awk 'NR == 1 { print $NF }'), gazette $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '(no commit)')"
    echo "corpus: $CORPUS — $N_FILES files, $(awk -v b="$TOTAL_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $TOTAL_ENTRIES entries (MANIFEST.tsv)"
    awk -F'\t' 'NR > 1 { k = $2 ($5 == "zh" ? "/zh" : "") ($6 == "gb2312" ? "/gb2312" : ""); c[k]++; b[k] += $3; t += $3 }
        END { for (k in c) printf "  %-16s %4d files %7.1f MB %5.1f%%\n", k, c[k], b[k] / 1e6, 100 * b[k] / t }' "$MANIFEST" | sort
    echo "timing: best of $RUNS ($([ -n "$HYPERFINE" ] && echo "hyperfine $("$HYPERFINE" --version | cut -d" " -f2)" || echo "/usr/bin/time %e")); peak RSS from /usr/bin/time %M;"\
         "$([ "$USE_XARGS" = 1 ] && echo "files passed via xargs" || echo "one process per tool, all files as arguments")"
    echo "MB = 10^6 bytes; entries/s from MANIFEST.tsv totals; xmllint reads the $N_XML XML files only ($(awk -v b="$XML_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB, JSON Feed excluded)"
    echo
    "$PY" - "$WORK" "$TOTAL_BYTES" "$TOTAL_ENTRIES" "$XML_BYTES" "$XML_ENTRIES" <<'EOF'
import os, sys
work, total_bytes, total_entries, xml_bytes, xml_entries = sys.argv[1], *map(int, sys.argv[2:])
rows = [  # key, label, bytes, entries (None: MB/s only)
    ("gazette", "gazette parse --json", total_bytes, total_entries),
    ("gazette_raw", "gazette parse --json --raw", total_bytes, total_entries),
    ("gazette_raw_xml", "  same, XML files only", xml_bytes, xml_entries),
    ("feedparser", "feedparser (Python)", total_bytes, total_entries),
    ("fastfeedparser", "fastfeedparser (Python)", total_bytes, total_entries),
    ("xmllint", "xmllint --stream --noout", xml_bytes, None),
]
res, notes = {}, []
for key, *_ in rows:
    try:
        text = open(os.path.join(work, key + ".res")).read().strip()
    except OSError:
        text = "n/a not run"
    if text.startswith("n/a"):
        res[key] = None
        notes.append(f"{key}: {text[4:]}")
    else:
        t, rss = text.split()
        res[key] = (max(float(t), 1e-3), int(rss))
print(f"{'tool':28s} {'seconds':>9s} {'MB/s':>9s} {'entries/s':>10s} {'peak RSS MB':>12s}")
for key, label, b, e in rows:
    r = res[key]
    if r is None:
        print(f"{label:28s} {'n/a':>9s} {'n/a':>9s} {'n/a':>10s} {'n/a':>12s}")
        continue
    t, rss = r
    eps = f"{e / t:10.0f}" if e is not None else f"{'-':>10s}"
    print(f"{label:28s} {t:9.3f} {b / 1e6 / t:9.1f} {eps} {rss / 1024:12.1f}")
print()
def rate(key, b):
    return None if res[key] is None else b / res[key][0]
def ratio(name, num, den, goal):
    if num is None or den is None:
        print(f"{name:52s} {'n/a':>8s}   (goal >= {goal}x)")
    else:
        x = num / den
        print(f"{name:52s} {x:7.2f}x   (goal >= {goal}x: {'met' if x >= goal else 'NOT met'})")
ratio("gazette (sanitized) vs feedparser, throughput", rate("gazette", total_bytes), rate("feedparser", total_bytes), 20)
ratio("gazette --raw vs fastfeedparser, throughput", rate("gazette_raw", total_bytes), rate("fastfeedparser", total_bytes), 1)
xml_gz = rate("gazette_raw_xml", xml_bytes)
ratio("gazette --raw vs xmllint --stream, MB/s" + (" (XML only)" if xml_gz else ""),
      xml_gz or rate("gazette_raw", total_bytes), rate("xmllint", xml_bytes), 0.7)
if notes:
    print()
    for n in notes:
        print("n/a  " + n)
EOF
    echo
    for k in gazette gazette_raw; do [ -f "$WORK/$k.check" ] && echo "$k output: $(cat "$WORK/$k.check")"; done
    for k in feedparser fastfeedparser; do
        [ -f "$WORK/$k.err" ] && grep -E "^$k [0-9.?]+: files" "$WORK/$k.err" | tail -1
    done
    if [ -f "$WORK/xmllint.err" ]; then
        echo "xmllint: $(grep -c 'error' "$WORK/xmllint.err") error lines on stderr"
    fi
    [ -n "$BUILD_NOTE" ] && echo "note: $BUILD_NOTE"
    [ -f "$WORK/feedparser.err" ] && grep -q '\.json: no entries' "$WORK/feedparser.err" \
        && echo "note: feedparser 6 has no JSON Feed support; its .json failures are in its time (it still reads them as XML)"
} | tee "$OUT"
log "written: $OUT"
