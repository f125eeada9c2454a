#!/usr/bin/env bash
# Issue 19, item 8: rasid against what users would otherwise run, side by side
# in one run. Runs, interleaved (the order rotates from round to round), RUNS
# times each, every run from an empty index, under /usr/bin/time -v:
#   rasid-noext-1t  rasid index --no-extract --threads 1   (search index only)
#   lucene          Lucene's ArabicAnalyzer, one thread, positions, title and
#                   body stored (bench/lucene/LuceneBench.java)
#   rasid-extract   rasid index                            (the default: with extraction)
#   rasid-extract-1t rasid index --threads 1               (with extraction)
# and prints a Markdown table of medians: wall s, CPU s (user + sys), peak RSS,
# articles per CPU-second (over the articles in SAMPLE, for every system), index
# size; then the ratios of item 8, and the load average before and after.
# Not a run of record unless the machine is quiet: say its load with the figures.
#
#   bench/scripts/versus.sh SAMPLE.jsonl [RUNS=5]
#
# SAMPLE: JSON Lines articles. The 20k sample of BENCHMARKS.md §1:
# `target/release/throughput --rounds 1 --tools tantivy_default --dump-sample
# /tmp/sample20k.jsonl` writes its texts as JSON strings (title, newline,
# body), which `rasid index` refuses; make them articles with
#   python3 -c 'import json,sys
#   for i,l in enumerate(sys.stdin): t,_,b=json.loads(l).partition("\n"); print(json.dumps({"id":f"s{i}","title":t,"body":b},ensure_ascii=False))' \
#     < /tmp/sample20k.jsonl > /tmp/sample20k-articles.jsonl
# Environment: RASID (default target/release/rasid), WORK (default a temporary
# directory, removed at the end), JAVA (default java), LUCENE_CP (default the
# Debian liblucene8-java jars), LUCENE_JAVA_OPTS (default -Xmx1g),
# LUCENE_RAM_MB (Lucene's indexing buffer, default 64), SYSTEMS (the systems
# to run, space-separated, default all four).
set -euo pipefail

sample=${1:?usage: versus.sh SAMPLE.jsonl [RUNS=5]}
runs=${2:-5}
rasid=${RASID:-target/release/rasid}
java=${JAVA:-java}
lucene_cp=${LUCENE_CP:-/usr/share/java/lucene-core-8.7.0.jar:/usr/share/java/lucene-analyzers-common-8.7.0.jar}
java_opts=${LUCENE_JAVA_OPTS:--Xmx1g}
ram_mb=${LUCENE_RAM_MB:-64}
systems=${SYSTEMS:-rasid-noext-1t lucene rasid-extract rasid-extract-1t}
here=$(cd "$(dirname "$0")/../.." && pwd)

[ -f "$sample" ] || { echo "versus.sh: $sample: no such file" >&2; exit 2; }
[ -x "$rasid" ] || { echo "versus.sh: $rasid: not built (cargo build --release -p rasid-cli)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "versus.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
rasid=$(cd "$(dirname "$rasid")" && pwd)/$(basename "$rasid")
sample=$(cd "$(dirname "$sample")" && pwd)/$(basename "$sample")

if [ -n "${WORK:-}" ]; then
    work=$WORK
    mkdir -p "$work"
else
    work=$(mktemp -d /tmp/versus.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi

case " $systems " in
*" lucene "*)
    for jar in ${lucene_cp//:/ }; do
        [ -f "$jar" ] || { echo "versus.sh: $jar is missing (apt-get install liblucene8-java, or set LUCENE_CP)" >&2; exit 2; }
    done
    mkdir -p "$work/classes"
    javac -cp "$lucene_cp" -d "$work/classes" "$here/bench/lucene/LuceneBench.java"
    ;;
esac

articles=$(grep -c . "$sample")
command_of() {
    local ix=$work/index
    case $1 in
    rasid-noext-1t) echo "$rasid index --index $ix --no-extract --threads 1 -q $sample" ;;
    rasid-extract) echo "$rasid index --index $ix -q $sample" ;;
    rasid-extract-1t) echo "$rasid index --index $ix --threads 1 -q $sample" ;;
    lucene) echo "$java $java_opts -cp $lucene_cp:$work/classes LuceneBench $sample $ix $ram_mb" ;;
    *) echo "versus.sh: unknown system $1" >&2; exit 2 ;;
    esac
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "versus.sh: $articles articles in $sample, $runs runs each, load average $(load)" >&2
load_before=$(load)
results=$work/results.tsv
: > "$results"
read -r -a order <<< "$systems"
for ((r = 0; r < runs; r++)); do
    n=${#order[@]}
    for ((k = 0; k < n; k++)); do
        sys=${order[$(((k + r) % n))]}
        rm -rf "$work/index"
        # shellcheck disable=SC2046
        if ! /usr/bin/time -v -o "$work/time.txt" $(command_of "$sys") > "$work/out.txt" 2> "$work/err.txt"; then
            echo "versus.sh: $sys failed:" >&2
            cat "$work/err.txt" "$work/time.txt" >&2
            exit 1
        fi
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
        cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$work/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        size=$(du -sb "$work/index" | cut -f1)
        printf '%s\t%s\t%s\t%s\t%s\n' "$sys" "$wall" "$cpu" "$rss" "$size" >> "$results"
        printf 'versus.sh: round %d %-16s wall %6.2f s  cpu %6.2f s  rss %6d kB  load %s\n' \
            $((r + 1)) "$sys" "$wall" "$cpu" "$rss" "$(load)" >&2
    done
done
load_after=$(load)

# Medians per system, then the ratios of item 8.
awk -F'\t' -v articles="$articles" -v systems="$systems" -v before="$load_before" -v after="$load_after" -v runs="$runs" '
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = rss[$1] " " $4; size[$1] = size[$1] " " $5 }
END {
    n = split(systems, s, " ")
    printf "| system | runs | wall s (median) | CPU s (median) | peak RSS MB (median) | articles per CPU-s | index MB |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) {
        k = s[i]
        W[k] = median(wall[k]); C[k] = median(cpu[k]); R[k] = median(rss[k]) / 1000; Z[k] = median(size[k]) / 1e6
        printf "| %s | %d | %.2f | %.2f | %.0f | %.0f | %.1f |\n", k, runs, W[k], C[k], R[k], articles / C[k], Z[k]
    }
    printf "\n%d articles a run; load average %s before, %s after.\n", articles, before, after
    if (("rasid-noext-1t" in W) && ("lucene" in W)) {
        printf "\n| ratio (item 8) | value | goal |\n|---|---:|---:|\n"
        printf "| Lucene wall ÷ rasid --no-extract --threads 1 wall (speed) | %.2f× | 3× |\n", W["lucene"] / W["rasid-noext-1t"]
        printf "| Lucene CPU ÷ rasid --no-extract --threads 1 CPU | %.2f× | |\n", C["lucene"] / C["rasid-noext-1t"]
        printf "| rasid --no-extract --threads 1 peak RSS ÷ Lucene peak RSS | %.2f | 0.33 |\n", R["rasid-noext-1t"] / R["lucene"]
    }
    if ("rasid-extract" in C) printf "| rasid index (extraction) articles per CPU-second | %.0f | 1,000 |\n", articles / C["rasid-extract"]
    if ("rasid-extract-1t" in C) printf "| rasid index --threads 1 (extraction) articles per CPU-second | %.0f | |\n", articles / C["rasid-extract-1t"]
}' "$results"
