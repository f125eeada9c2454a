#!/usr/bin/env python3
"""Joins candidates.tsv with the hand judgements (judged.txt) into gold.tsv, and packs
the texts into articles.jsonl.gz (sorted by time, then id: the order rasid adds them).
Held out: every pair with an article of alyaum or france24-arabic (scored once)."""
import gzip, json
HELD_OUT = {'alyaum', 'france24-arabic'}
NAME = {'c': 'copy', 'w': 'rewrite', 'r': 'related', 'u': 'unrelated'}
lab = {int(l.split()[0]): NAME[l.split()[1]] for l in open('judged.txt')}
with open('gold.tsv', 'w', encoding='utf-8') as out:
    out.write('# n\tsplit\trelation\tid_a\tid_b\tsource_a\tsource_b\tstratum\tj3\tcont_a_in_b\tcont_b_in_a\n')
    for l in open('candidates.tsv', encoding='utf-8'):
        if l.startswith('#'): continue
        f = l.rstrip('\n').split('\t')
        split = 'heldout' if {f[4], f[5]} & HELD_OUT else 'dev'
        out.write('\t'.join([f[0], split, lab[int(f[0])], f[2], f[3], f[4], f[5], f[1], f[7], f[8], f[9]]) + '\n')
arts = [json.loads(l) for l in open('articles.jsonl', encoding='utf-8')]
arts.sort(key=lambda r: (r['published'] or r['crawled'] or '', r['id']))
raw = ''.join(json.dumps({k: r[k] for k in ('id', 'source', 'title', 'body', 'published')}, ensure_ascii=False) + '\n' for r in arts)
with open('articles.jsonl.gz', 'wb') as fh:
    with gzip.GzipFile(fileobj=fh, mode='wb', mtime=0, filename='') as gz:
        gz.write(raw.encode('utf-8'))
