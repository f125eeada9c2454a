#!/usr/bin/env python3
"""Counts, per outlet, the articles and paragraphs that candidate teaser rules
blank beyond rules 1-2 of `src/boilerplate.rs` (issue 17, session 6).

    python3 teaser_rules.py NEWS_DIR [--held]

NEWS_DIR holds the team's news files (`ant_multisource_v2.1.dev.jsonl.gz`,
`saudinewsnet.dev.jsonl.gz`). By default the tuning outlets are counted (every
outlet but bbc-arabic, cnn-arabic, france24-arabic and alwatan); with `--held`
the three held-out ones. Only counts are printed, never texts. The rules are
re-implemented here (paragraph keys as `boilerplate::key` folds them, without
the hash); `adopted` is rule 3 as the crate has it.
"""
import collections
import gzip
import json
import os
import re
import sys

SHORT, MIN, MIN_LONG = 15, 3, 10
HELD = {"bbc-arabic", "cnn-arabic", "france24-arabic"}
DROP = set(range(0x64B, 0x660)) | {0x670, 0x640} | set(range(0x200B, 0x2010)) | {0xFEFF}
FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
CONNECTIVES = ("كما", "يذكر", "يشار", "بدوره", "بدورها", "بينما", "الي ذلك", "من جهته", "من جهتها",
               "من جانبه", "من جانبها", "اما", "لكن", "غير ان", "الا ان", "في حين")


def key(text):
    out, gap, digit = [], False, False
    for c in text:
        if ord(c) in DROP:
            continue
        c = FOLD.get(c, c)
        if c.isnumeric():
            if not digit:
                if gap and out:
                    out.append(" ")
                out.append("0")
            digit, gap = True, False
        elif c.isalpha():
            if gap and out:
                out.append(" ")
            out.append(c.lower())
            digit, gap = False, False
        else:
            gap, digit = True, False
    return "".join(out) or None


def paragraphs(body):
    out = []
    for line in re.split("[\n\r\u2028\u2029\x85\x0b\x0c]", body):
        k = key(line.strip())
        if k:
            out.append((k, len(line.split())))
    return out


def conjunction(k):
    return k[0] in "وف"


def continues(k):
    return conjunction(k) or any(k == c or k.startswith(c + " ") for c in CONNECTIVES)


def mask(ps, n, teaser=None, whole_run=False):
    learnt = [n(k) >= (MIN if w <= SHORT else MIN_LONG) for k, w in ps]
    extra = [teaser is not None and n(k) >= MIN and not teaser(k) for k, w in ps]
    if whole_run:
        extra = [teaser is not None and n(k) >= MIN for k, w in ps]
    start = len(ps)
    while start > 0 and (learnt[start - 1] or extra[start - 1] or ps[start - 1][1] <= SHORT):
        start -= 1
    if whole_run and any(extra[i] and not learnt[i] and teaser(ps[i][0]) for i in range(start, len(ps))):
        extra = [False] * len(ps)
    tail = next((i for i in range(start, len(ps)) if learnt[i] or extra[i]), len(ps))
    m = [i >= tail or learnt[i] for i in range(len(ps))]
    return [False] * len(ps) if all(m) else m


RULES = {
    "repeated 3+, any length": lambda ps, n: mask(ps, n, teaser=lambda k: False),
    "  ... not opening with و/ف": lambda ps, n: mask(ps, n, teaser=conjunction),
    "  ... nor a connective (adopted)": lambda ps, n: mask(ps, n, teaser=continues),
    "run holding no continuation": lambda ps, n: mask(ps, n, teaser=continues, whole_run=True),
}


def main():
    news, held = sys.argv[1], "--held" in sys.argv
    articles = []
    for name in ("ant_multisource_v2.1.dev.jsonl.gz", "saudinewsnet.dev.jsonl.gz"):
        for line in gzip.open(os.path.join(news, name), "rt", encoding="utf-8"):
            r = json.loads(line)
            s = r["source"]
            if (s in HELD) != held or s == "alwatan" or not (r["body"] or "").strip():
                continue
            articles.append((s, paragraphs(r["body"])))
    counts = collections.Counter()
    for s, ps in articles:
        for k in {k for k, _ in ps}:
            counts[(s, k)] += 1
    for rule, f in RULES.items():
        arts, paras = collections.Counter(), collections.Counter()
        for s, ps in articles:
            n = lambda k, s=s: counts[(s, k)]
            before, after = mask(ps, n), f(ps, n)
            more = sum(1 for a, b in zip(before, after) if b and not a)
            if more:
                arts[s] += 1
                paras[s] += more
        detail = ", ".join(f"{s} {arts[s]}/{paras[s]}" for s in sorted(arts))
        print(f"{rule}: {sum(arts.values())} articles, {sum(paras.values())} paragraphs ({detail})")


if __name__ == "__main__":
    main()
