#!/usr/bin/env bash
# Issue 19, item 7: rasid at archive scale. Grows one index the way an archive
# grows: indexes the first 10 % of a synthetic archive (made by `cargo run
# --release -p xtask -- gen-archive`) with extraction (the default `rasid
# index`), updates its stories, then adds the shards up to 50 %, then up to
# 100 %, and prints one Markdown row per size:
#   articles, input MB, index MB (and its ratio to the input), indexing wall s,
#   CPU s and articles per CPU-second of the step, peak RSS of the step (and
#   its peak anonymous memory, without the mapped index files); time
#   to open the index (median of 5 `rasid stats`); search p50/p99 over the
#   archive's fixed query set (one client against `rasid serve --read-only`,
#   every query of queries.txt at least once); the stories update's wall s,
#   CPU s and peak RSS (the stories build is incremental: each step adds the
#   step's articles to the stories of the earlier ones).
# Articles per CPU-second that fall from step to step are cost that grows
# faster than the archive.
# Not a test of record: run it on a quiet machine and say its load.
#
#   bench/scripts/archive_scale.sh scale ARCHIVE_DIR [WORK_DIR] [RASID] [LOAD]
#   bench/scripts/archive_scale.sh clients INDEX_DIR QUERIES.txt [RASID] [LOAD] [CLIENTS=8] [SECONDS=30]
#
# ARCHIVE_DIR holds archive-NNNNN.jsonl shards (a multiple of 10 of them: the
# 10 % run reads the first tenth of the shards, so nothing is copied) and
# queries.txt. RASID defaults to target/release/rasid, LOAD (the load
# generator, `cargo build --release -p rasid-server --example load`) to
# target/release/examples/load.
#
# `clients` is the other measurement of item 7: search at CLIENTS concurrent
# clients over an existing index (the 41k-article corpus index), p50/p99, with
# the CPU seconds of the server and of the load generator itself reported
# beside them (they share the machine).
#
# Example, a 1M-article archive (about 3 GB of JSON Lines, ~40 CPU-minutes of
# indexing at 400 articles per CPU-second):
#   cargo run --release -p xtask -- gen-archive --articles 1000000 --seed 19 --out /tmp/archive
#   cargo build --release -p rasid-cli && cargo build --release -p rasid-server --example load
#   nice -n 10 bench/scripts/archive_scale.sh scale /tmp/archive /tmp/archive-work
set -euo pipefail
mode=${1:?usage: archive_scale.sh scale ARCHIVE_DIR [WORK] [RASID] [LOAD] | clients INDEX QUERIES [RASID] [LOAD] [CLIENTS] [SECONDS]}
shift

# Runs a command under /usr/bin/time -v; prints "wall cpu maxrss_mb maxanon_mb".
# maxanon is the largest RssAnon of the command, sampled every 0.5 s: its own
# memory, without the index files it maps (which count in RSS but are page
# cache the kernel can take back).
timed() {
  local log pid child a anon=0
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    child=$(pgrep -P "$pid" | head -1) || true
    if [ -n "$child" ]; then
      a=$(awk '/^RssAnon/ {print $2}' "/proc/$child/status" 2>/dev/null) || true
      [ "${a:-0}" -gt "$anon" ] && anon=$a
    fi
    sleep 0.5
  done
  wait "$pid" || { cat "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' -v anon="$anon" '
    /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
    /Elapsed \(wall clock\)/ {n=split($2, p, ":"); w=0; for (i=1; i<=n; i++) w=w*60+p[i]}
    END {printf "%.1f %.1f %.0f %.0f\n", w, u+s, m/1024, anon/1024}' "$log"
  rm -f "$log"
}

# Starts `rasid serve` on the index ($1) on a free loopback port; sets $server and $addr.
serve() {
  local log=$2
  "$rasid" serve --read-only --port 0 --index "$1" 2>"$log" &
  server=$!
  for _ in $(seq 300); do
    addr=$(grep -o 'http://[0-9.:]*' "$log" | head -1 | sed 's,http://,,') || true
    [ -n "$addr" ] && return 0
    sleep 0.1
  done
  echo "rasid serve did not start: $(cat "$log")" >&2
  return 1
}

case "$mode" in
scale)
  archive=${1:?ARCHIVE_DIR}
  work=${2:-$(mktemp -d)}
  rasid=${3:-target/release/rasid}
  loadgen=${4:-target/release/examples/load}
  mkdir -p "$work"
  mapfile -t shards < <(ls "$archive"/archive-*.jsonl | sort)
  total=${#shards[@]}
  [ "$total" -ge 10 ] && [ $((total % 10)) -eq 0 ] || {
    echo "need a multiple of 10 shards in $archive (have $total): gen-archive --shard-size ARTICLES/10" >&2
    exit 2
  }
  nq=$(grep -c . "$archive/queries.txt")
  echo "# $(date -u +%FT%TZ) $(uname -n), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rasid $("$rasid" --version 2>/dev/null || echo ?)"
  echo
  echo "| articles | input MB | index MB (× input) | step: index wall s | index CPU s | articles/CPU-s | index peak MB (anon) | open ms | search p50 / p99 ms | step: stories wall s | stories CPU s | stories peak MB (anon) | load avg |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  idx="$work/idx"
  rm -rf "$idx"
  done_shards=0
  articles=0
  input=0
  for pct in 10 50 100; do
    upto=$((total * pct / 100))
    files=("${shards[@]:$done_shards:$((upto - done_shards))}")
    done_shards=$upto
    step=$(cat "${files[@]}" | wc -l)
    articles=$((articles + step))
    input=$((input + $(cat "${files[@]}" | wc -c)))
    read -r iw ic im ia < <(timed "$rasid" index --index "$idx" -q "${files[@]}")
    size=$(du -sb "$idx" | cut -f1)
    # Time to open: a fresh process that opens the index and counts it (median of 5).
    opens=()
    for _ in 1 2 3 4 5; do
      t0=$(date +%s%N)
      "$rasid" stats --index "$idx" --json >/dev/null
      opens+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    open=$(printf '%s\n' "${opens[@]}" | sort -n | sed -n 3p)
    # Search: one client, every query at least once, after one warm-up pass.
    serve "$idx" "$work/serve-$pct.log"
    "$loadgen" --addr "$addr" --pid "$server" --queries "$archive/queries.txt" --search-only \
      --clients 1 --seconds 30 --max-requests $((nq * 2)) >"$work/search-$pct.md" 2>"$work/search-$pct.log"
    kill "$server"; wait "$server" 2>/dev/null || true
    p50=$(awk -F'|' '/api\/search/ {gsub(/ /, "", $5); print $5; exit}' "$work/search-$pct.md")
    p99=$(awk -F'|' '/api\/search/ {gsub(/ /, "", $6); print $6; exit}' "$work/search-$pct.md")
    read -r sw sc sm sa < <(timed "$rasid" stories build --index "$idx" -q)
    mb() { awk "BEGIN{printf \"%.1f\", $1/1e6}"; }
    echo "| $articles | $(mb "$input") | $(mb "$size") ($(awk "BEGIN{printf \"%.2f\", $size/$input}")) | $iw | $ic | $(awk "BEGIN{printf \"%.0f\", $step/$ic}") | $im ($ia) | $open | $p50 / $p99 | $sw | $sc | $sm ($sa) | $(cut -d' ' -f1 /proc/loadavg) |"
  done
  ;;
clients)
  idx=${1:?INDEX_DIR}
  queries=${2:?QUERIES.txt}
  rasid=${3:-target/release/rasid}
  loadgen=${4:-target/release/examples/load}
  clients=${5:-8}
  seconds=${6:-30}
  log=$(mktemp)
  echo "# $(date -u +%FT%TZ) $(uname -n), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  serve "$idx" "$log"
  trap 'kill $server 2>/dev/null || true' EXIT
  "$loadgen" --addr "$addr" --pid "$server" --queries "$queries" --search-only \
    --clients "$clients" --seconds "$seconds"
  ;;
*)
  echo "unknown mode $mode: scale | clients" >&2
  exit 2
  ;;
esac
