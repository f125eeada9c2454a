#!/usr/bin/env python3
"""Draws the sentences of rasid's event/quote gold (issue 14), before annotation.

Python 3 standard library only; deterministic for a given seed and input files.

    python3 crates/rasid-events/gold/sample.py \
        --news /work/shared/data/news --astana /work/shared/examples/astana-2017-12-21.txt \
        --out crates/rasid-events/gold/draw.jsonl

What it does (recorded in gold/README.md):
1. Reads every article of the news files (`*.jsonl.gz`), groups them by outlet (`source`).
2. Draws the held-out outlet at random (with the seed) among the five ANT outlets, whose
   international/Middle East news carries the events the coder is for.
3. Quotas: QUOTA_ANT sentences from each ANT outlet, QUOTA_SNN from the SaudiNewsNet outlets
   pooled (articles drawn uniformly over the pool, so the big papers give more).
4. For each sentence: an article drawn uniformly from the outlet (no article twice), its body
   split into paragraphs (newlines) and sentences (after . ! ? ؟ followed by space), one sentence
   of MIN_WORDS..MAX_WORDS words drawn uniformly, no sentence text twice.
5. Split: the held-out outlet's sentences, plus HELDOUT_FRACTION of the others drawn at random,
   are `heldout`; the rest `dev`. The canonical Astana article's body sentences (lines 3-14) are
   added to dev.
Each output line: {"id","date","outlet","split","text"}; id = article id + "#s" + sentence index.
"""

import argparse
import gzip
import json
import random
import re
from pathlib import Path

SEED = 20261207
QUOTA_ANT = 56
QUOTA_SNN = 140
HELDOUT_FRACTION = 0.2
MIN_WORDS = 6
MAX_WORDS = 60
ANT_OUTLETS = ["alarabiya", "bbc-arabic", "cnn-arabic", "france24-arabic", "skynews-arabia"]

SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def sentences(body):
    out = []
    for paragraph in body.split("\n"):
        for s in SENTENCE_END.split(paragraph.strip()):
            s = s.strip()
            if s:
                out.append(s)
    return out


def article_date(record):
    stamp = record.get("published") or record.get("crawled") or ""
    return stamp[:10]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", required=True, type=Path)
    parser.add_argument("--astana", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    by_outlet = {}
    for path in sorted(args.news.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                by_outlet.setdefault(r["source"], []).append(r)
    rng = random.Random(args.seed)
    heldout_outlet = rng.choice(ANT_OUTLETS)

    pools = [(o, [o], QUOTA_ANT) for o in ANT_OUTLETS]
    snn = sorted(o for o in by_outlet if o not in ANT_OUTLETS)
    pools.append(("saudinewsnet", snn, QUOTA_SNN))

    seen_text = set()
    drawn = []
    for _name, outlets, quota in pools:
        articles = [r for o in outlets for r in by_outlet[o]]
        order = list(range(len(articles)))
        rng.shuffle(order)
        got = 0
        for i in order:
            if got == quota:
                break
            r = articles[i]
            candidates = [
                (k, s)
                for k, s in enumerate(sentences(r["body"]))
                if MIN_WORDS <= len(s.split()) <= MAX_WORDS and s not in seen_text
            ]
            if not candidates:
                continue
            k, s = rng.choice(candidates)
            seen_text.add(s)
            drawn.append(
                {"id": f"{r['id']}#s{k}", "date": article_date(r), "outlet": r["source"], "text": s}
            )
            got += 1

    rest = [d for d in drawn if d["outlet"] != heldout_outlet]
    extra = set(d["id"] for d in rng.sample(rest, round(HELDOUT_FRACTION * len(rest))))
    for d in drawn:
        d["split"] = "heldout" if d["outlet"] == heldout_outlet or d["id"] in extra else "dev"

    lines = args.astana.read_text(encoding="utf-8").split("\n")
    for n in range(3, 15):
        drawn.append(
            {"id": f"astana-2017-12-21#L{n}", "date": "2017-12-21", "outlet": "astana-example",
             "split": "dev", "text": lines[n - 1].strip()}
        )

    with args.out.open("w", encoding="utf-8") as f:
        for d in drawn:
            f.write(json.dumps({k: d[k] for k in ("id", "date", "outlet", "split", "text")},
                               ensure_ascii=False) + "\n")
    print(f"seed {args.seed}: held-out outlet {heldout_outlet}; {len(drawn)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
