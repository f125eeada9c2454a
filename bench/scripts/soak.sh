#!/usr/bin/env bash
# Issue 19, item 9: a soak of `rasid serve` on loopback with 8 readers and 2
# writers for DURATION seconds while `rasid stories build` runs over and over;
# then checks that no request failed, no article was lost or doubled (the
# writers' answers, the index and the catalogue must all hold exactly the
# articles posted), and prints the server's RSS every 10 s with its range after
# the first minute. The writes grow the index, whose mapped files count in RSS;
# so after DURATION the readers go on alone for READS seconds (default a third
# of DURATION), and the server's RSS over that phase (first sample, last
# sample, range) shows whether memory is flat once nothing grows the index.
# Not a test of record: run it on a quiet machine. The short form that runs in
# CI is crates/rasid-cli/tests/soak.rs.
#
#   bench/scripts/soak.sh CORPUS.jsonl [DURATION_SECONDS=600] [RASID=target/release/rasid] [READS=DURATION/3]
#
# CORPUS is JSON Lines with distinct articles (a shard of
# `cargo run --release -p xtask -- gen-archive` is); the writers post it in
# chunks of 50, each chunk once, the two writers taking alternate chunks, until
# the time is up or the corpus is all posted.
set -euo pipefail
corpus=${1:?usage: soak.sh CORPUS.jsonl [DURATION] [RASID]}
duration=${2:-600}
rasid=${3:-target/release/rasid}
reads_only=${4:-$((duration / 3))}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$rasid" serve --index "$work/idx" --port 0 2>"$work/serve.log" &
server=$!
addr=
for _ in $(seq 300); do
  addr=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1) || true
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "rasid serve did not start: $(cat "$work/serve.log")" >&2; exit 1; }
echo "# $(date -u +%FT%TZ) soak of $duration s against $addr, load average $(cut -d' ' -f1-3 /proc/loadavg)"
split -l 50 -d -a 5 "$corpus" "$work/chunk-"
start=$SECONDS
end=$((SECONDS + duration))
reads_end=$((end + reads_only))

writer() { # $1: 0 or 1, which alternate chunks
  local n=0
  for chunk in "$work"/chunk-*; do
    n=$((n + 1))
    [ $((n % 2)) -eq "$1" ] || continue
    [ $SECONDS -lt $end ] || break
    if curl -sf -X POST -H 'content-type: application/x-ndjson' --data-binary @"$chunk" \
      "$addr/api/articles" >"$work/reply-$1.json"; then
      python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["indexed"], r["duplicates"], r["failed"])' \
        "$work/reply-$1.json" >>"$work/written-$1"
    else
      echo "writer $1: $chunk failed" >>"$work/errors"
    fi
    wc -l <"$chunk" >>"$work/posted-$1"
  done
}
reader() {
  local queries=("محادثات" "الحكومة" "وزير" "القاهرة" "روسيا" "الاقتصاد" "\"وزير الخارجية\"" "سوريا OR العراق")
  local n=0
  while [ $SECONDS -lt $reads_end ]; do
    local q=${queries[$((RANDOM % ${#queries[@]}))]}
    curl -sf -G "$addr/api/search" --data-urlencode "q=$q" >/dev/null || echo "reader $1: $q failed" >>"$work/errors"
    n=$((n + 1))
  done
  echo "$n" >"$work/reads-$1"
}
stories() {
  local n=0
  while [ $SECONDS -lt $end ]; do
    if [ -s "$work/posted-0" ] || [ -s "$work/posted-1" ]; then
      "$rasid" stories build --index "$work/idx" -q >/dev/null 2>>"$work/stories.log" \
        || echo "stories build failed: $(tail -1 "$work/stories.log")" >>"$work/errors"
      n=$((n + 1))
    fi
    sleep 5
  done
  echo "$n" >"$work/stories-runs"
}
writer 0 & w0=$!
writer 1 & w1=$!
readers=()
for r in $(seq 8); do reader "$r" & readers+=($!); done
stories & st=$!
while [ $SECONDS -lt $reads_end ]; do
  rss=$(ps -o rss= -p "$server" | tr -d ' ')
  phase=writes
  [ $SECONDS -lt $end ] || phase=reads
  echo "$((SECONDS - start)) $rss $phase" >>"$work/rss"
  echo "rss_kb $rss at $((SECONDS - start)) s ($phase)"
  sleep 10
done
wait "$w0" "$w1" "${readers[@]}" "$st" 2>/dev/null || true

sum() { cat "$@" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
posted=$(sum "$work"/posted-*)
indexed=$(cat "$work"/written-* 2>/dev/null | awk '{s+=$1} END {print s+0}')
doubled=$(cat "$work"/written-* 2>/dev/null | awk '{s+=$2} END {print s+0}')
failed=$(cat "$work"/written-* 2>/dev/null | awk '{s+=$3} END {print s+0}')
reads=$(sum "$work"/reads-*)
stats=$("$rasid" stats --index "$work/idx" --json)
docs=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
catalogued=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["catalogue"]["articles"])')
errors=0
[ -f "$work/errors" ] && errors=$(wc -l <"$work/errors")
warm=$((duration < 240 ? duration / 4 : 60))
rss_range=$(awk -v warm="$warm" '$1 >= warm && $3 == "writes" {if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2} END {printf "%.0f–%.0f MB", min/1024, max/1024}' "$work/rss")
reads_rss=$(awk '$3 == "reads" {if (first == "") first = $2; last = $2; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2}
  END {if (first == "") print "not sampled"; else printf "first %.0f MB, last %.0f MB, range %.0f–%.0f MB", first/1024, last/1024, min/1024, max/1024}' "$work/rss")
echo "posted $posted articles ($indexed indexed, $doubled answered duplicate, $failed failed); index holds $docs, catalogue $catalogued ids"
echo "$reads searches, $(cat "$work/stories-runs" 2>/dev/null || echo 0) stories builds, $errors failed requests; server RSS after the first $warm s of writes $rss_range"
echo "reads only for $reads_only s: server RSS $reads_rss"
[ "$errors" -eq 0 ] && [ "$posted" -eq "$docs" ] && [ "$indexed" -eq "$docs" ] && [ "$catalogued" -eq "$docs" ] \
  || { head -20 "$work/errors" 2>/dev/null; exit 1; }
