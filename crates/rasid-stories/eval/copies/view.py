#!/usr/bin/env python3
"""Short view of candidate pairs for judging: headline, first and last paragraph, overlap."""
import json, sys
arts = {json.loads(l)['id']: json.loads(l) for l in open('articles.jsonl', encoding='utf-8')}
lo, hi = int(sys.argv[1]), int(sys.argv[2])
def paras(b):
    return [p.strip() for p in b.split('\n') if len(p.strip()) > 20] or [b]
for line in open('candidates.tsv', encoding='utf-8'):
    if line.startswith('#'): continue
    f = line.rstrip('\n').split('\t')
    n = int(f[0])
    if not lo <= n <= hi: continue
    a, b = arts[f[2]], arts[f[3]]
    print(f"## {n} {f[1]} {f[4]}|{f[5]} j3={f[7]} a⊂b={f[8]} b⊂a={f[9]} w={f[10]}/{f[11]} ss={f[12]}")
    near = float(f[8]) > 0.97 and float(f[9]) > 0.97
    for x in (a, b):
        p = paras(x['body'])
        if near:
            print(f"  T: {x['title']} | {p[0][:70]}")
        else:
            print(f"  T: {x['title']}\n   F: {p[0][:110]}\n   L: {p[-1][:80]}")
