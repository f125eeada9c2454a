#!/usr/bin/env python3
"""Held-out outlet measurement for issue 16, item 4 (seeded, reproducible).

    python3 eval/heldout.py articles NEWS.jsonl.gz OUTLET N > articles.txt
        N articles of one outlet, drawn with a fixed seed, in the input format of
        `cargo run -p rasid-entities --example ner_mentions`.
    python3 eval/heldout.py draw MENTIONS.tsv N > sample.tsv
        N mentions drawn with a fixed seed from the example's output, with an empty
        judgement column to fill by hand (ok, or the error class of the miss).

The outlet is held out: nothing in rasid-entities was tuned on it. Standard library only.
"""
import gzip
import json
import random
import sys

SEED = 16


def articles(path, outlet, n):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if r.get("source") == outlet and r.get("body")]
    rows.sort(key=lambda r: r["id"])
    for r in random.Random(SEED).sample(rows, min(n, len(rows))):
        print("\f" + r["id"])
        print(r.get("title") or "")
        print(r["body"])


def draw(path, n):
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n") for l in f if l.strip()]
    for r in random.Random(SEED).sample(rows, min(n, len(rows))):
        print(r + "\t")


if __name__ == "__main__":
    cmd = sys.argv[1:2]
    if cmd == ["articles"]:
        articles(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == ["draw"]:
        draw(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
