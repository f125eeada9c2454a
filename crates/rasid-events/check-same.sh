#!/bin/sh
# Checks that a change to the coder leaves its events and quotes byte-identical:
# dumps them for every article of SAMPLE (JSONL of articles) with the release
# example and compares with the dump of a build made before the change.
#
#   crates/rasid-events/check-same.sh SAMPLE.jsonl BEFORE.jsonl   # first run writes BEFORE.jsonl
#   (change the coder)
#   crates/rasid-events/check-same.sh SAMPLE.jsonl BEFORE.jsonl   # compares
#
# The sample of BENCHMARKS.md ("Events and quotes", "Speed") is the one to use;
# the gold sentences are checked by `rasid eval events` (scores unchanged).
set -eu
sample=$1
before=$2
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p rasid-pipeline --example events_sample
after=$(mktemp)
"$target/release/examples/events_sample" "$sample" 0 "$after" >/dev/null
if [ ! -e "$before" ]; then
    mv "$after" "$before"
    echo "wrote $before ($(wc -l <"$before") articles)"
    exit 0
fi
if cmp -s "$before" "$after"; then
    echo "same: $(wc -l <"$after") articles, events and quotes byte-identical"
    rm -f "$after"
else
    echo "DIFFERENT: diff $before $after" >&2
    exit 1
fi
