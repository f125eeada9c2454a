#!/usr/bin/env python3
"""Compares two stories stores (`stories.sqlite`) by content: the partition of articles into stories and
duplicate groups, and the links (by article ids), split by how far apart the two articles were
published (within 14 days, the copy window, or not). Usage: compare_stores.py BEFORE.sqlite AFTER.sqlite"""
import sqlite3, sys
W = 14 * 86400
def load(p):
    c = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    arts = {seq: (id_, pub, grp, story) for seq, id_, pub, grp, story in c.execute("SELECT seq, id, published, grp, story FROM articles")}
    def partition(k):
        groups = {}
        for seq, row in arts.items():
            groups.setdefault(row[k], []).append(row[0])
        return {frozenset(v) for v in groups.values()}
    links = {}
    for seq, other, rel, shared in c.execute("SELECT seq, other, relation, shared FROM links"):
        a, b = arts[seq], arts[other]
        near = a[1] is not None and b[1] is not None and abs(a[1] - b[1]) <= W
        links[(a[0], b[0])] = (rel, round(shared, 4), near)
    return partition(3), partition(2), links
sa, ga, la = load(sys.argv[1]); sb, gb, lb = load(sys.argv[2])
print(f"stories: {len(sa)} / {len(sb)}, same member sets: {len(sa & sb)}, differing: {len(sa - sb)} / {len(sb - sa)}")
print(f"groups: {len(ga)} / {len(gb)}, differing: {len(ga - gb)} / {len(gb - ga)}")
for near in (True, False):
    xa = {k: v for k, v in la.items() if v[2] == near}; xb = {k: v for k, v in lb.items() if v[2] == near}
    same = sum(1 for k, v in xa.items() if xb.get(k) == v)
    print(f"links {'within' if near else 'beyond'} 14 days: {len(xa)} / {len(xb)}, identical: {same}")
