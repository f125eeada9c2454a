#!/usr/bin/env bash
# Issue 13: rasid analyze and rasid index on the 20k sample, before (c3e9346, the rename only)
# and after the pipeline redesign; interleaved, 2 reps; CPU seconds, peak RSS.
# Needs the two release binaries as /tmp/rasid-before and /tmp/rasid-after, and the sample
# (`zcat ../shared/data/news/ant_multisource_v2.1.dev.jsonl.gz | head -20000 > /tmp/sample20k.jsonl`).
set -u
S=/tmp/sample20k.jsonl
out=${OUT:-bench13.tsv}
echo -e "run\tversion\trep\tuser_s\tsys_s\tpeak_kb\twall_s\tload_before" > $out
for rep in 1 2; do
  for v in before after; do
    bin=/tmp/rasid-$v
    l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%U %S %M %e" -o /tmp/t.txt $bin analyze $S -q > /dev/null
    echo -e "analyze\t$v\t$rep\t$(tr ' ' '\t' < /tmp/t.txt)\t$l" >> $out
    rm -rf /tmp/ix-$v
    l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%U %S %M %e" -o /tmp/t.txt $bin index $S --index /tmp/ix-$v -q
    echo -e "index\t$v\t$rep\t$(tr ' ' '\t' < /tmp/t.txt)\t$l\t$(du -sm /tmp/ix-$v | cut -f1)MB" >> $out
  done
  l=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%U %S %M %e" -o /tmp/t.txt /tmp/rasid-after analyze $S -q --summary 0 > /dev/null
  echo -e "analyze--summary0\tafter\t$rep\t$(tr ' ' '\t' < /tmp/t.txt)\t$l" >> $out
done
echo done >> $out
