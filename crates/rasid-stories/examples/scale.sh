#!/bin/bash
# The 10 % / 50 % / 100 % runs of BENCHMARKS.md §6 (run from an empty scratch folder;
# build first: cargo build --release -p rasid-cli -p rasid-stories --example corpus_stories;
# set CARGO_TARGET_DIR and NEWS to absolute paths).
R=${CARGO_TARGET_DIR:-target}/release
N=${NEWS:-../shared/data/news}
for f in 10 50; do
  a=$(( 29440 * f / 100 )); s=$(( 12945 * f / 100 ))
  zcat $N/ant_multisource_v2.1.dev.jsonl.gz | head -n $a > ant$f.jsonl
  zcat $N/saudinewsnet.dev.jsonl.gz | head -n $s > saudinewsnet$f.jsonl
done
for f in 10 50 100; do
  if [ $f = 100 ]; then A=$N/ant_multisource_v2.1.dev.jsonl.gz; S=$N/saudinewsnet.dev.jsonl.gz; else A=ant$f.jsonl; S=saudinewsnet$f.jsonl; fi
  echo "=== $f% load $(cut -d' ' -f1-3 /proc/loadavg)" 
  /usr/bin/time -f "dedup-example wall %e s user %U s max %M kB" $R/examples/corpus_stories --mode dedup $A $S 2>&1 | grep -v "read in"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $f != 100 ]; then
    rm -rf idx$f
    $R/rasid index $A --index idx$f -q && $R/rasid index $S --field published=crawled --index idx$f -q
    echo "=== $f% stories build, load $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "stories-build wall %e s user %U s sys %S s max %M kB" $R/rasid stories build --index idx$f 2>&1 | grep -v "new articles"
    echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
done
for f in 10 50; do
  echo "=== $f% stories example, load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "stories-example wall %e s user %U s max %M kB" $R/examples/corpus_stories --mode stories ant$f.jsonl saudinewsnet$f.jsonl 2>&1 | grep -E "stories:|time:|wall"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo DONE
