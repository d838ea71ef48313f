#!/usr/bin/env bash
# Fetch benchmark: `gazette fetch` cold and warm against curl --parallel and Python's reader, all
# on one set of N seeded feeds served by a private nginx on 127.0.0.1, in one run.
#
#   bench/fetch.sh
#
# Environment:
#   N_FEEDS=400        feeds (files of bench/gen_corpus.py --files N)
#   CORPUS_MB=60       their total size (MB = 10^6 bytes)
#   SEED=42            generator seed
#   RUNS=3             timed runs of gazette cold, gazette warm and curl (best and median reported)
#   READER_RUNS=1      timed runs of reader per worker count (it is slow)
#   READER_WORKERS="1 16"  reader update_feeds(workers=...) settings measured (1 is reader's default)
#   MAX_IN_FLIGHT=16   feeds.yml max_in_flight, and curl's --parallel-max
#   MAX_PER_HOST=16    feeds.yml max_per_host for the main runs (every feed is on one host; gazette's
#                      default is 4, measured once more as its own row)
#   PERF=1             also `perf record -g` one more cold run and list the top symbols
#   SKIP_BUILD=1       do not build gazette even if the binary is older than Sources/
#   GAZETTE=path       gazette binary (default .build/release/gazette)
#   NO_INSTALL=1       do not apt/pip-install anything that is missing
#   WAIT_QUIET=300     before each timed run wait for other jobs to leave the cores idle, at most
#                      this many seconds in all (the "others" column shows what still competed)
#   TMPDIR=/tmp        where the temp dir (the stores, nginx's config and log) goes: the store's disk
#                      matters (SQLite's WAL writes and checkpoint fsyncs); /dev/shm takes it out
#   KEEP=1             keep the temp dir (stores, nginx log) and print its path
#   COMPARE=path       A/B mode instead of the report: RUNS cold runs each of GAZETTE (A) and of this
#                      other gazette binary (B), interleaved A B A B … against the one nginx, each on
#                      a new store; prints both medians and minima (wall and CPU). The VM this was
#                      written on changes speed by ±15% over minutes: interleaving is how a change is
#                      judged (e.g. RUNS=10 COMPARE=/tmp/gazette-before bench/fetch.sh)
#
# The corpus is kept in bench/corpus/fetch-N-MBmb-sSEED/ (regenerated when its MANIFEST.tsv is
# missing). The report is also written to bench/results/fetch-YYYYmmdd-HHMM.txt.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
N_FEEDS=${N_FEEDS:-400}
CORPUS_MB=${CORPUS_MB:-60}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
READER_RUNS=${READER_RUNS:-1}
READER_WORKERS=${READER_WORKERS:-1 16}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-16}
MAX_PER_HOST=${MAX_PER_HOST:-16}
GAZETTE=${GAZETTE:-$ROOT/.build/release/gazette}
PY=${PYTHON:-python3}
CORPUS=bench/corpus/fetch-$N_FEEDS-${CORPUS_MB}mb-s$SEED
mkdir -p bench/results
STAMP=$(date +%Y%m%d-%H%M)
OUT=bench/results/fetch-$STAMP.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gazette-fetch-bench.XXXXXX")
chmod 755 "$WORK"
NGINX_PID=""
cleanup() {
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -QUIT "$NGINX_PID" 2>/dev/null  # graceful stop of the master we started (and its workers)
        for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
        kill -TERM "$NGINX_PID" 2>/dev/null
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ "${NO_INSTALL:-0}" != 1 ]; then
    apt_pkgs=()
    [ -x "$NGINX" ] || apt_pkgs+=(nginx)
    command -v curl >/dev/null || apt_pkgs+=(curl)
    [ -x /usr/bin/time ] || apt_pkgs+=(time)
    command -v hyperfine >/dev/null || apt_pkgs+=(hyperfine)
    command -v sqlite3 >/dev/null || apt_pkgs+=(sqlite3)
    if [ "${PERF:-0}" = 1 ] && ! command -v perf >/dev/null; then apt_pkgs+=(linux-perf); fi
    if [ ${#apt_pkgs[@]} -gt 0 ]; then
        log "installing ${apt_pkgs[*]} (apt)"
        as_root apt-get update -qq >/dev/null 2>&1
        # policy-rc.d-less containers: the package's own nginx service may fail to start; that is fine,
        # this script starts its own.
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null \
            || log "apt-get install ${apt_pkgs[*]} reported an error"
    fi
    if ! "$PY" -c 'import reader, sgmllib' 2>/dev/null; then
        log "installing reader, sgmllib3k (pip)"
        "$PY" -m pip install --quiet reader sgmllib3k 2>"$WORK/pip.err" \
            || "$PY" -m pip install --quiet --break-system-packages reader sgmllib3k 2>>"$WORK/pip.err" \
            || log "pip install failed: $(tail -3 "$WORK/pip.err")"
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx is needed (Debian package nginx)"
command -v curl >/dev/null || die "curl is needed"
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is needed to measure peak RSS"
command -v sqlite3 >/dev/null || die "sqlite3 is needed to count the store's items"

BUILD_NOTE=""
if [ "${SKIP_BUILD:-0}" != 1 ] && [ "$GAZETTE" = "$ROOT/.build/release/gazette" ]; then
    if [ ! -x "$GAZETTE" ] || [ -n "$(find Sources Package.swift -newer "$GAZETTE" -print -quit 2>/dev/null)" ]; then
        log "building gazette (swift build -c release --product gazette)"
        swift build -c release --product gazette >"$WORK/build.log" 2>&1 \
            || BUILD_NOTE="swift build failed: $(grep -m1 -E 'error:' "$WORK/build.log" || tail -1 "$WORK/build.log")"
    fi
fi
[ -x "$GAZETTE" ] || die "no gazette binary at $GAZETTE${BUILD_NOTE:+ ($BUILD_NOTE)}"
[ -n "$(find Sources -newer "$GAZETTE" -print -quit 2>/dev/null)" ] \
    && BUILD_NOTE="${BUILD_NOTE:+$BUILD_NOTE; }the gazette binary is older than some of Sources/"

# The binary measured; another engineer's build may replace it mid-run: checked again at the end.
binary_id() { echo "$(sha256sum "$GAZETTE" | cut -c1-12), built $(date -r "$GAZETTE" '+%Y-%m-%d %H:%M:%S')"; }
GAZETTE_ID=$(binary_id)

# ---------------------------------------------------------------------------------------------
# 2. Corpus: N feeds of about CORPUS_MB MB in all
# ---------------------------------------------------------------------------------------------
if [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
    log "generating $CORPUS ($N_FEEDS feeds, $CORPUS_MB MB, seed $SEED)"
    "$PY" bench/gen_corpus.py --out "$CORPUS" --mb "$CORPUS_MB" --seed "$SEED" --files "$N_FEEDS" || die "gen_corpus.py failed"
fi
MANIFEST=$CORPUS/MANIFEST.tsv
read -r N_FILES TOTAL_BYTES TOTAL_ENTRIES < <(awk -F'\t' 'NR > 1 { n++; b += $3; e += $4 } END { print n + 0, b + 0, e + 0 }' "$MANIFEST")
[ "$N_FILES" = "$N_FEEDS" ] || die "$MANIFEST lists $N_FILES files, not $N_FEEDS: remove $CORPUS and run again"
CORPUS_ABS=$ROOT/$CORPUS

# ---------------------------------------------------------------------------------------------
# 3. nginx on 127.0.0.1, its own config in $WORK/nginx
# ---------------------------------------------------------------------------------------------
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mkdir -p "$WORK/nginx/tmp"
PORT=""
for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$WORK/nginx/nginx.conf" <<EOF
# Fetch benchmark server (bench/fetch.sh): static feeds, ETag + Last-Modified (nginx defaults), gzip.
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log $WORK/nginx/access.log combined;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 10000;
    etag on;
    if_modified_since exact;
    gzip on;
    gzip_types application/rss+xml application/atom+xml application/xml text/xml application/json application/feed+json;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    types {
        application/xml xml;
        application/feed+json json;
    }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$port;
        root $CORPUS_ABS;
        location ~ -rss2[-a-z0-9]*\.xml\$ { types { } default_type application/rss+xml; }
        location ~ -atom[-a-z0-9]*\.xml\$ { types { } default_type application/atom+xml; }
        location / { }
    }
}
EOF
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >"$WORK/nginx/stdout" 2>&1 &
    NGINX_PID=$!
    first=$(awk -F'\t' 'NR == 2 { print $1 }' "$MANIFEST")
    for _ in $(seq 50); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/$first" && { PORT=$port; break; }
        kill -0 "$NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$PORT" ] && break
    log "nginx did not start on port $port: $(tail -2 "$WORK/nginx/error.log" "$WORK/nginx/stdout" 2>/dev/null | tr '\n' ' ')"
    kill -QUIT "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null; NGINX_PID=""
done
[ -n "$PORT" ] || die "could not start nginx"
BASE=http://127.0.0.1:$PORT
log "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on $BASE (pid $NGINX_PID), serving $CORPUS"
URLS=$WORK/urls.txt
awk -F'\t' -v b="$BASE" 'NR > 1 { print b "/" $1 }' "$MANIFEST" >"$URLS"

# The server as the clients will see it: statuses, types, gzip, validators, 304.
probe() { curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download}\n' "$@"; }
read -r code ctype _ < <(probe --compressed "$(sed -n 1p "$URLS")")
[ "$code" = 200 ] || die "nginx answered $code for $(sed -n 1p "$URLS") (is $CORPUS readable by nginx's workers?)"
HEADERS=$(curl -s -D - -o /dev/null --compressed "$(sed -n 1p "$URLS")" | tr -d '\r')
ETAG=$(printf '%s\n' "$HEADERS" | awk -F': ' 'tolower($1) == "etag" { print $2 }')
printf '%s\n' "$HEADERS" | grep -qi '^content-encoding: gzip' || log "warning: nginx did not gzip $(sed -n 1p "$URLS")"
read -r code304 _ < <(probe --compressed -H "If-None-Match: $ETAG" "$(sed -n 1p "$URLS")")
[ "$code304" = 304 ] || log "warning: If-None-Match $ETAG got $code304, not 304"
SERVER_NOTE="$(printf '%s\n' "$HEADERS" | grep -iE '^(content-type|content-encoding|etag|last-modified):' | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
for f in $(awk -F'\t' 'NR > 1 { print $1 }' "$MANIFEST" | awk '!seen[substr($0, 6)]++'); do
    read -r code ctype _ < <(probe --compressed "$BASE/$f")
    log "  $f: $code $ctype"
done

# ---------------------------------------------------------------------------------------------
# 4. Measuring
# ---------------------------------------------------------------------------------------------
# write_config DIR PER_HOST: DIR/feeds.yml for the N URLs (PER_HOST empty: gazette's default).
write_config() {
    local dir=$1 per_host=$2
    mkdir -p "$dir"
    {
        echo "# bench/fetch.sh: $N_FEEDS feeds on one host ($BASE)"
        echo "site:"
        echo "  title: Gazette fetch benchmark"
        echo "  url: https://bench.example.com"
        echo "  timezone: UTC"
        echo "max_in_flight: $MAX_IN_FLIGHT"
        [ -n "$per_host" ] && echo "max_per_host: $per_host"
        echo "defaults:"
        echo "  interval: 30m"
        echo "feeds:"
        awk -F'\t' -v b="$BASE" 'NR > 1 {
            printf "  - title: \"Feed %04d\"\n    url: %s/%s\n    category: feed-%04d\n", NR - 1, b, $1, NR - 1 }' "$MANIFEST"
    } >"$dir/feeds.yml"
}

# timed KEY -- CMD...: one run; appends "seconds rss_kb user_s sys_s rc nginx_cpu_s others_cores" to $WORK/KEY.runs, stdout to
# $WORK/KEY.out (last run), stderr to $WORK/KEY.err. Wall time from the monotonic clock, RSS and
# CPU from /usr/bin/time.
# Also records the CPU seconds our nginx used meanwhile, and the cores the rest of the machine kept busy
# (from /proc/stat, less the client and nginx): well above 0 means another job competed for the cores.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# CPU ticks of our nginx: its master and workers (utime + stime, fields 14 and 15 of /proc/PID/stat).
nginx_ticks() {
    local p t=0
    for p in "$NGINX_PID" $(ps -o pid= --ppid "$NGINX_PID" 2>/dev/null); do
        t=$((t + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0)))
    done
    echo "$t"
}
timed() {
    local key=$1; shift 2
    local t0 t1 rc b0 b1 n0 n1
    wait_quiet
    n0=$(nginx_ticks); b0=$(busy_ticks)
    t0=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$WORK/$key.time" "$@" >"$WORK/$key.out" 2>"$WORK/$key.err"
    rc=$?
    t1=$(date +%s%N)
    b1=$(busy_ticks); n1=$(nginx_ticks)
    read -r rss usr sys < <(tail -1 "$WORK/$key.time")
    awk -v a="$t0" -v b="$t1" -v m="$rss" -v u="$usr" -v s="$sys" -v rc="$rc" -v b0="$b0" -v b1="$b1" \
        -v n0="$n0" -v n1="$n1" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        wall = (b - a) / 1e9; ng = (n1 - n0) / hz; others = (b1 - b0) / hz - u - s - ng; if (others < 0) others = 0
        printf "%.4f %s %s %s %s %.2f %.2f\n", wall, m, u, s, rc, ng, others / wall }' >>"$WORK/$key.runs"
    log "  $key: $(tail -1 "$WORK/$key.runs" | awk '{ printf "%s s, %.1f MB, cpu %.2f+%.2f s, exit %s, nginx cpu %.2f s, others %.2f cores", $1, $2 / 1024, $3, $4, $5, $6, $7 }')"
    [ $rc -eq 0 ] || log "    $(grep -v '^Command exited' "$WORK/$key.err" | tail -2 | cut -c1-200)"
}
access_mark() { wc -l <"$WORK/nginx/access.log"; }
# statuses KEY FROM: status counts of the access log lines after line FROM, into $WORK/KEY.status
statuses() { tail -n +"$(($2 + 1))" "$WORK/nginx/access.log" | awk '{ c[$9]++ } END { for (s in c) printf "%s×%d ", s, c[s] }' >"$WORK/$1.status"; }

# Other jobs on these cores inflate every wall time here, so before each timed run wait for the
# machine to be quiet (under 0.3 cores busy over a second), for at most WAIT_QUIET seconds in all.
QUIET_BUDGET=${WAIT_QUIET:-300}
WAITED=0
busy_cores() { # busy_cores SECONDS
    local b0 b1; b0=$(busy_ticks); sleep "$1"; b1=$(busy_ticks)
    awk -v a="$b0" -v b="$b1" -v hz="$(getconf CLK_TCK)" -v t="$1" 'BEGIN { printf "%.2f", (b - a) / hz / t }'
}
wait_quiet() {
    local busy said=0
    busy=$(busy_cores 1)
    while awk -v x="$busy" 'BEGIN { exit !(x > 0.3) }' && [ "$WAITED" -lt "$QUIET_BUDGET" ]; do
        [ $said = 0 ] && log "  the machine is busy ($busy cores in use by others): waiting (${WAITED}/${QUIET_BUDGET} s used)"
        said=1
        sleep 4; WAITED=$((WAITED + 5))
        busy=$(busy_cores 1)
    done
}
BUSY_BEFORE=$(busy_cores 3)

# --no-progress-meter: curl 7.88 draws its --parallel progress meter even with -s.
CURL_ARGS=(--parallel --parallel-max "$MAX_IN_FLIGHT" --compressed -s --no-progress-meter -w '%{http_code} %{size_download}\n')
while read -r u; do CURL_ARGS+=(-o /dev/null "$u"); done <"$URLS"

# Warm-up (untimed): the page cache holds the corpus, nginx's workers are up.
log "warm-up: curl (untimed)"
curl "${CURL_ARGS[@]}" >/dev/null

if [ -n "${COMPARE:-}" ]; then
    [ -x "$COMPARE" ] || die "COMPARE=$COMPARE is not an executable"
    log "A/B: $GAZETTE (A) against $COMPARE (B), $RUNS cold runs each, interleaved"
    for i in $(seq "$RUNS"); do
        write_config "$WORK/ab-a-$i" "$MAX_PER_HOST"
        timed ab_a -- "$GAZETTE" fetch --config "$WORK/ab-a-$i/feeds.yml"
        write_config "$WORK/ab-b-$i" "$MAX_PER_HOST"
        timed ab_b -- "$COMPARE" fetch --config "$WORK/ab-b-$i/feeds.yml"
    done
    for key in ab_a ab_b; do
        "$PY" - "$WORK/$key.runs" "$key" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
wall = [float(r[0]) for r in rows]
cpu = [float(r[2]) + float(r[3]) for r in rows]
failed = sum(1 for r in rows if r[4] != "0")
name = {"ab_a": "A (GAZETTE)", "ab_b": "B (COMPARE)"}[sys.argv[2]]
print(f"{name}: {len(rows)} cold runs, wall median {statistics.median(wall):.3f} s min {min(wall):.3f} s, "
      f"cpu median {statistics.median(cpu):.2f} s min {min(cpu):.2f} s" + (f", {failed} FAILED" if failed else ""))
EOF
    done
    exit 0
fi

# (c) curl merely downloading the same URLs
log "curl --parallel --parallel-max $MAX_IN_FLIGHT --compressed (×$RUNS)"
mark=$(access_mark)
for _ in $(seq "$RUNS"); do timed curl -- curl "${CURL_ARGS[@]}"; done
statuses curl "$mark"
CURL_CHECK=$(awk '{ c[$1]++; b += $2 } END { printf "last run: %d transfers, HTTP %s, %.1f MB on the wire (gzip)", NR, (c[200] == NR ? "200 for all" : "200 for " c[200] + 0), b / 1e6 }' "$WORK/curl.out")

# (a) gazette cold: a new store every run
log "gazette fetch, cold (×$RUNS, max_per_host $MAX_PER_HOST)"
mark=$(access_mark)
for i in $(seq "$RUNS"); do
    write_config "$WORK/cold-$i" "$MAX_PER_HOST"
    timed gazette_cold -- "$GAZETTE" fetch --config "$WORK/cold-$i/feeds.yml"
done
statuses gazette_cold "$mark"
STORE=$WORK/cold-$RUNS/.gazette/state.sqlite
STORE_ITEMS=$(sqlite3 "$STORE" 'select count(*) from items' 2>/dev/null || echo n/a)
STORE_FEEDS=$(sqlite3 "$STORE" "select count(*) from feeds where last_status = 200 and last_error is null" 2>/dev/null || echo n/a)
COLD_SUMMARY=$(tail -1 "$WORK/gazette_cold.out")

# (b) gazette warm: the same store, --force, everything answers 304
log "gazette fetch --force, warm (×$RUNS)"
mark=$(access_mark)
for _ in $(seq "$RUNS"); do timed gazette_warm -- "$GAZETTE" fetch --config "$WORK/cold-$RUNS/feeds.yml" --force; done
statuses gazette_warm "$mark"
WARM_SUMMARY=$(tail -1 "$WORK/gazette_warm.out")
STORE_ITEMS_AFTER_WARM=$(sqlite3 "$STORE" 'select count(*) from items' 2>/dev/null || echo n/a)

# gazette cold with its default max_per_host (4): every feed is on one host, so 4 connections in all
log "gazette fetch, cold, default max_per_host (×1)"
write_config "$WORK/cold-default" ""
timed gazette_cold_ph4 -- "$GAZETTE" fetch --config "$WORK/cold-default/feeds.yml"

# What the store should hold: entries per feed by gazette's item key (id, else link, else title+date),
# from `gazette parse --json` of the same files.
log "expected items (gazette parse --json on the corpus)"
awk -F'\t' -v d="$CORPUS" 'NR > 1 { print d "/" $1 }' "$MANIFEST" | xargs -d '\n' "$GAZETTE" parse --json >"$WORK/parsed.jsonl" 2>/dev/null
EXPECTED=$("$PY" - "$WORK/parsed.jsonl" <<'EOF'
import json, sys
total = distinct = feeds = 0
for line in open(sys.argv[1], encoding="utf-8"):
    feeds += 1
    keys = set()
    for e in json.loads(line).get("entries") or []:
        total += 1
        s = lambda v: (v or "").strip() or None
        keys.add(("id", s(e.get("id"))) if s(e.get("id")) else ("link", s(e.get("link"))) if s(e.get("link"))
                 else ("text", s(e.get("title")), e.get("published") or e.get("updated")))
    distinct += len(keys)
print(feeds, total, distinct)
EOF
)
read -r PARSED_FEEDS PARSED_ENTRIES EXPECTED_DISTINCT <<<"$EXPECTED"

# (d) reader, cold
for w in $READER_WORKERS; do
    if ! "$PY" -c 'import reader' 2>/dev/null; then echo "n/a" >"$WORK/reader_w$w.skip"; continue; fi
    log "reader update_feeds(workers=$w), cold (×$READER_RUNS)"
    for i in $(seq "$READER_RUNS"); do
        timed "reader_w$w" -- "$PY" bench/py_reader.py "$WORK/reader-w$w-$i.sqlite" "$URLS" --workers "$w"
    done
done

# Optional: where gazette's time goes (one more cold run on a new store, then one warm run on it)
# perf_one KEY LABEL -- ARGS...: perf record -g of `gazette ARGS`, summary into $WORK/KEY.txt
perf_one() {
    local key=$1 label=$2; shift 3
    if ! perf record -g -o "$WORK/$key.data" -- "$GAZETTE" "$@" >"$WORK/$key.out" 2>"$WORK/$key.err"; then
        log "perf record failed: $(tail -1 "$WORK/$key.err")"
        return
    fi
    local demangle=(cat)
    command -v swift-demangle >/dev/null && demangle=(swift-demangle --simplified)
    top() { perf report -i "$WORK/$key.data" --stdio --no-children -g none --percent-limit 0.3 "$@" 2>/dev/null | grep -E '^ +[0-9]'; }
    {
        echo "perf record -g, $label: $(tail -1 "$WORK/$key.out")"
        echo "  self time by thread:"
        top --sort comm | head -6 | sed 's/^ */    /'
        echo "  self time by DSO:"
        top --sort dso | head -8 | sed 's/^ */    /'
        echo "  top 10 symbols (self):"
        top --sort dso,symbol | head -10 | "${demangle[@]}" | cut -c1-160 | sed 's/^ */    /'
    } >"$WORK/$key.txt"
    PERF_REPORTS+=("$WORK/$key.txt")
}
PERF_REPORTS=()
if [ "${PERF:-0}" = 1 ] && command -v perf >/dev/null; then
    log "perf record -g: one cold run, one warm run"
    write_config "$WORK/cold-perf" "$MAX_PER_HOST"
    wait_quiet
    perf_one perf_cold "one cold run" -- fetch --config "$WORK/cold-perf/feeds.yml"
    wait_quiet
    perf_one perf_warm "one warm run" -- fetch --config "$WORK/cold-perf/feeds.yml" --force
fi

# ---------------------------------------------------------------------------------------------
# 5. Report
# ---------------------------------------------------------------------------------------------
{
    echo "Gazette fetch benchmark — $(date '+%Y-%m-%d %H:%M %Z')"
    echo "command: bench/fetch.sh  (N_FEEDS=$N_FEEDS CORPUS_MB=$CORPUS_MB SEED=$SEED RUNS=$RUNS READER_RUNS=$READER_RUNS READER_WORKERS=\"$READER_WORKERS\" MAX_IN_FLIGHT=$MAX_IN_FLIGHT MAX_PER_HOST=$MAX_PER_HOST)"
    echo "machine: $(nproc) cores, $(grep -m1 -E 'model name|Model' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo '?'),"\
         "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
    echo "versions: gazette $("$GAZETTE" --version 2>/dev/null || echo '?') (binary sha256 $GAZETTE_ID; HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')),"\
         "$(curl --version | head -1 | cut -d' ' -f1-2), nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'),"\
         "reader $("$PY" -c 'import reader; print(reader.__version__)' 2>/dev/null || echo n/a) (feedparser $("$PY" -c 'import feedparser; print(feedparser.__version__)' 2>/dev/null || echo n/a)), $("$PY" --version 2>&1)"
    echo "corpus: $CORPUS — $N_FILES feeds, $(awk -v b="$TOTAL_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $TOTAL_ENTRIES entries (MANIFEST.tsv);"\
         "gen_corpus.py --files $N_FEEDS --mb $CORPUS_MB --seed $SEED"
    echo "server: nginx on $BASE, $(nproc) workers, keepalive, gzip on (level 1, on the fly), ETag + Last-Modified; e.g. $SERVER_NOTE"
    echo "stores: in $WORK ($(stat -f -c %T "$WORK") on $(df --output=source "$WORK" | tail -1))"
    echo "clients: max_in_flight $MAX_IN_FLIGHT; max_per_host $MAX_PER_HOST in the main rows — all $N_FEEDS feeds are on ONE host (127.0.0.1:$PORT),"
    echo "         so gazette's default max_per_host 4 would cap it at 4 connections (its own row below); curl --parallel-max $MAX_IN_FLIGHT"
    echo "load: $BUSY_BEFORE cores busy before the runs; waited $WAITED s in all for other jobs to leave the cores (WAIT_QUIET=$QUIET_BUDGET)"
    echo "timing: wall seconds (monotonic clock around /usr/bin/time), best and median of the runs; peak RSS = max of /usr/bin/time %M over the runs;"
    echo "        cpu = user+sys seconds of the client process (median run); the server shares the same $(nproc) cores (its gzip work is the nginx column)"
    echo
    "$PY" - "$WORK" "$RUNS" "$READER_WORKERS" <<'EOF'
import os, statistics, sys
work, runs, reader_workers = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def load(key):
    try:
        rows = [l.split() for l in open(os.path.join(work, key + ".runs")) if l.strip()]
    except OSError:
        return None
    return [(float(t), int(m), float(u) + float(s), int(rc), float(o), float(n)) for t, m, u, s, rc, n, o in rows]
def status(key):
    try:
        return open(os.path.join(work, key + ".status")).read().strip()
    except OSError:
        return ""
rows = [("gazette_cold", "gazette fetch, cold (empty store)"),
        ("gazette_warm", "gazette fetch --force, warm (all 304)"),
        ("gazette_cold_ph4", "gazette fetch, cold, max_per_host 4 (default)"),
        ("curl", "curl --parallel (download only)")]
rows += [(f"reader_w{w}", f"reader update_feeds(workers={w}), cold") for w in reader_workers]
res, busy = {}, []  # busy: rows whose best run was contended
print(f"{'tool':46s} {'runs':>4s} {'best s':>8s} {'median s':>9s} {'cpu s':>7s} {'peak RSS MB':>12s} {'nginx s':>8s} {'others':>7s}  notes")
for key, label in rows:
    r = load(key)
    if not r:
        print(f"{label:46s} {'-':>4s} {'n/a':>8s} {'n/a':>9s} {'n/a':>7s} {'n/a':>12s} {'n/a':>8s} {'n/a':>7s}")
        continue
    ok = [x for x in r if x[3] == 0]
    bad = len(r) - len(ok)
    use = ok or r
    times = sorted(x[0] for x in use)
    best, med = times[0], statistics.median(times)
    cpu = statistics.median(x[2] for x in use)
    rss = max(x[1] for x in r) / 1024
    res[key] = (best, med) if ok else None
    note = (f"{bad} run(s) failed; " if bad else "") + (f"nginx saw (all runs): {status(key)}" if status(key) else "")
    others = max(x[4] for x in use)
    ngx = statistics.median(x[5] for x in use)
    best_others = min(use, key=lambda x: x[0])[4]
    contended = sum(x[4] > 0.25 for x in use)
    if best_others > 0.25:
        busy.append(label)
    if contended:
        note = f"{contended} of {len(use)} runs contended{' (the best one too)' if best_others > 0.25 else ''}; " + note
    print(f"{label:46s} {len(r):4d} {best:8.3f} {med:9.3f} {cpu:7.2f} {rss:12.1f} {ngx:8.2f} {others:7.2f}  {note}")
print("nginx s = CPU seconds of the server (median run); others = most cores the rest of the machine kept busy during one run;")
print("a run is 'contended' when others > 0.25 cores (another job shared the cores: its wall time is inflated)")
if busy:
    print(f"WARNING: the best run of {', '.join(busy)} was contended: rerun on a quiet machine")
print()
best = lambda k: res[k][0] if res.get(k) else None
c, w, cu = best("gazette_cold"), best("gazette_warm"), best("curl")
if c and cu:
    x = c / cu
    print(f"{'gazette cold / curl download (best vs best)':58s} {x:7.2f}x   (goal <= 2x: {'met' if x <= 2 else 'NOT met'})")
else:
    print(f"{'gazette cold / curl download':58s} {'n/a':>8s}")
if w is not None:
    print(f"{'gazette warm, all 304 (best)':58s} {w:7.3f} s   (goal < 0.5 s: {'met' if w < 0.5 else 'NOT met'})")
for wk in reader_workers:
    rb = best(f"reader_w{wk}")
    if rb and c:
        x = rb / c
        print(f"{f'reader cold (workers={wk}) / gazette cold':58s} {x:7.1f}x   (goal >= 15x: {'met' if x >= 15 else 'NOT met'})")
EOF
    echo
    echo "correctness:"
    echo "  curl: $CURL_CHECK"
    echo "  gazette cold, last run's summary: $COLD_SUMMARY"
    echo "  store after it: $STORE_ITEMS items (sqlite3 'select count(*) from items'); MANIFEST.tsv entries $TOTAL_ENTRIES;"\
         "gazette parse --json of the same files: $PARSED_ENTRIES entries in $PARSED_FEEDS feeds, $EXPECTED_DISTINCT distinct by gazette's item key (per feed: id, else link, else title+date)"
    if [ "$STORE_ITEMS" = "$EXPECTED_DISTINCT" ]; then
        echo "    -> store = distinct item keys: OK$([ "$STORE_ITEMS" != "$TOTAL_ENTRIES" ] && echo " ($((TOTAL_ENTRIES - STORE_ITEMS)) entries collapsed: duplicate ids within a feed)")"
    else
        echo "    -> MISMATCH: store $STORE_ITEMS vs expected $EXPECTED_DISTINCT"
    fi
    echo "  feeds with status 200 and no error in the store: $STORE_FEEDS of $N_FEEDS"
    echo "  gazette warm, last run's summary: $WARM_SUMMARY"
    if printf '%s' "$WARM_SUMMARY" | grep -qE "(^|[^0-9])$N_FEEDS not modified"; then echo "    -> $N_FEEDS not modified: OK"; else echo "    -> NOT all $N_FEEDS not modified"; fi
    echo "  store after the warm runs: $STORE_ITEMS_AFTER_WARM items"
    echo "  gazette cold, max_per_host 4: $(tail -1 "$WORK/gazette_cold_ph4.out" 2>/dev/null)"
    for w in $READER_WORKERS; do
        [ -f "$WORK/reader_w$w.out" ] && echo "  $(tail -1 "$WORK/reader_w$w.out")"
    done
    for k in gazette_cold gazette_warm gazette_cold_ph4; do
        n=$(grep -c '^warning' "$WORK/$k.err" 2>/dev/null); n=${n:-0}
        [ "$n" -gt 0 ] && echo "  $k: $n warning lines on stderr, e.g. $(grep -m1 '^warning' "$WORK/$k.err" | cut -c1-200)"
    done
    [ -n "$BUILD_NOTE" ] && echo "note: $BUILD_NOTE"
    [ "$(binary_id)" != "$GAZETTE_ID" ] && echo "WARNING: $GAZETTE changed during the run (now $(binary_id)): rows may mix two builds"
    for f in "${PERF_REPORTS[@]}"; do echo; cat "$f"; done
} | tee "$OUT"
log "written: $OUT"
