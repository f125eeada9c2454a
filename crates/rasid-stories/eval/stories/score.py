#!/usr/bin/env python3
"""Scores a stories build against the labels a corpus has.

    python3 score.py DUMP.tsv [PAIRS.tsv]

DUMP.tsv is what `corpus_stories --mode stories --dump FILE` writes: one line per
article, `external id<TAB>outlet<TAB>category<TAB>story<TAB>duplicate group`.
PAIRS.tsv (optional) lists verified duplicate pairs, `id_a<TAB>id_b<TAB>...`
(`# ` lines are comments), as `dev_duplicate_pairs.tsv` of the news data does.

Prints:
- purity against the categories (the share of articles whose story's most
  common category is theirs), over all stories and over stories of 2+ articles;
- pair precision of stories against categories (pairs of articles in one
  story that share a category), which a mixed story lowers;
- for the duplicate pairs with both articles built: the share in one story
  (a copy should never leave its story), and the share in one duplicate group;
- story sizes.
Nothing here reads the texts.
"""
import collections
import sys


def main():
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    story = {r[0]: r[3] for r in rows}
    group = {r[0]: r[4] for r in rows}
    cat = {r[0]: r[2] for r in rows if r[2] != "-"}
    members = collections.defaultdict(list)
    for r in rows:
        members[r[3]].append(r[0])
    sizes = sorted((len(m) for m in members.values()), reverse=True)
    print(f"articles {len(rows)}, stories {len(members)}, singletons {sizes.count(1)}, "
          f"3+ articles {sum(1 for s in sizes if s >= 3)}, largest {sizes[:8]}")
    if cat:
        total = pure = multi = multi_pure = 0
        same = pairs = 0
        for s, ids in members.items():
            cats = collections.Counter(cat[i] for i in ids if i in cat)
            n = sum(cats.values())
            if not n:
                continue
            best = cats.most_common(1)[0][1]
            total += n
            pure += best
            if n > 1:
                multi += n
                multi_pure += best
            pairs += n * (n - 1) // 2
            same += sum(c * (c - 1) // 2 for c in cats.values())
        print(f"against categories: purity {pure / total:.4f}, over stories of 2+ {multi_pure / max(multi, 1):.4f} "
              f"({multi} articles), same-category pairs {same / max(pairs, 1):.4f} of {pairs}")
    if len(sys.argv) > 2:
        both = in_story = in_group = 0
        for line in open(sys.argv[2], encoding="utf-8"):
            if line.startswith("#"):
                continue
            a, b = line.split("\t")[:2]
            if a in story and b in story:
                both += 1
                in_story += story[a] == story[b]
                in_group += group[a] == group[b]
        print(f"verified duplicate pairs built: {both}; in one story {in_story / max(both, 1):.4f}, "
              f"in one duplicate group {in_group / max(both, 1):.4f}")


if __name__ == "__main__":
    main()
