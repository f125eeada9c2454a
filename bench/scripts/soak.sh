#!/usr/bin/env bash
# Issue 19, item 9: a soak of `rasid serve` on loopback with 8 readers and 2
# writers for DURATION seconds while `rasid stories build` runs over and over;
# then checks that no request failed, no article was lost or doubled, and
# prints the server's RSS every 10 s (flat after warm-up is the goal).
# Not a test of record: run it on a quiet machine.
#
#   bench/scripts/soak.sh CORPUS.jsonl [DURATION_SECONDS=600] [RASID=target/release/rasid]
#
# CORPUS is JSON Lines with distinct articles (at least 2,000 lines); the
# writers post it in chunks of 50, each chunk once, the two writers taking
# alternate chunks. The short form for CI: DURATION=30 and a 500-line corpus.
set -euo pipefail
corpus=${1:?usage: soak.sh CORPUS.jsonl [DURATION] [RASID]}
duration=${2:-600}
rasid=${3:-target/release/rasid}
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$rasid" serve --index "$work/idx" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "$base/api/health" >/dev/null && break; sleep 0.2; done
split -l 50 -d -a 5 "$corpus" "$work/chunk-"
end=$((SECONDS + duration))

writer() { # $1: 0 or 1, which alternate chunks
  local n=0
  for chunk in "$work"/chunk-*; do
    n=$((n + 1))
    [ $((n % 2)) -eq "$1" ] || continue
    [ $SECONDS -lt $end ] || break
    curl -sf -X POST -H 'content-type: application/x-ndjson' --data-binary @"$chunk" \
      "$base/api/articles" >>"$work/writer-$1.json" || echo "writer $1: $chunk failed" >>"$work/errors"
    echo "$chunk" >>"$work/posted"
  done
}
reader() {
  local queries=("محادثات" "الحكومة" "وزير" "القاهرة" "روسيا" "الاقتصاد")
  while [ $SECONDS -lt $end ]; do
    local q=${queries[$((RANDOM % ${#queries[@]}))]}
    curl -sf -G "$base/api/search" --data-urlencode "q=$q" >/dev/null || echo "reader $1: $q failed" >>"$work/errors"
  done
}
stories() {
  while [ $SECONDS -lt $end ]; do
    "$rasid" stories build --index "$work/idx" -q >/dev/null 2>>"$work/stories.log" || echo "stories build failed" >>"$work/errors"
    sleep 5
  done
}
writer 0 & writer 1 &
for r in $(seq 8); do reader "$r" & done
stories &
while [ $SECONDS -lt $end ]; do
  echo "rss_kb $(ps -o rss= -p "$server") at $SECONDS s"
  sleep 10
done
wait $(jobs -p | grep -v "^$server\$") 2>/dev/null || true

posted=$(cat "$work"/posted 2>/dev/null | xargs cat 2>/dev/null | wc -l)
docs=$("$rasid" stats --index "$work/idx" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
errors=0
[ -f "$work/errors" ] && errors=$(wc -l <"$work/errors")
echo "posted $posted articles, index holds $docs, $errors failed requests"
[ "$errors" -eq 0 ] && [ "$posted" -eq "$docs" ] || { cat "$work/errors" 2>/dev/null; exit 1; }
