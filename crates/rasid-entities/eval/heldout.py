#!/usr/bin/env python3
"""Held-out outlet measurement for issue 16, item 4 (seeded, reproducible).

    python3 eval/heldout.py articles NEWS.jsonl.gz OUTLET N > articles.txt
        N articles of one outlet, drawn with a fixed seed, in the input format of
        `cargo run -p rasid-entities --example ner_mentions`.
    python3 eval/heldout.py articles NEWS.jsonl.gz OUTLET N MIN MAX > articles.txt
        The same, among the articles whose body has MIN to MAX characters (the
        recall articles, short enough to mark every entity by hand).
    python3 eval/heldout.py recall GOLD.tsv MENTIONS.tsv
        Recall of hand-marked mentions (article id, kind, mention as written
        without proclitics), each matched in its article, in order, to at most
        one mention the extractor found: exact (same text and kind), right text
        wrong kind, partial (one text inside the other, same kind), missed.
    python3 eval/heldout.py entities MENTIONS.tsv N > entities.tsv
        N entities (article, key) drawn with the fixed seed among the PER, ORG and
        LOC entities of the example's output, each with its mentions and an empty
        column for the real entity (filled by hand; `-` for no real entity).
    python3 eval/heldout.py identity ENTITIES.tsv
        From the filled column: distinct keys per real entity, and keys that
        several real entities share.
    python3 eval/heldout.py rekey ENTITIES.tsv MENTIONS.tsv > rekeyed.tsv
        The judged entities with the keys another build gives the same mentions
        (to score a change on the same judgements).
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


def articles(path, outlet, n, lo=0, hi=None):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if r.get("source") == outlet and r.get("body")]
    rows = [r for r in rows if lo <= len(r["body"]) and (hi is None or len(r["body"]) <= hi)]
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


def fold(t):
    """The comparison form: hamza carriers, alef forms, ta marbuta, final ya."""
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ـ", "")):
        t = t.replace(a, b)
    return " ".join(t.split())


def recall(gold_path, found_path):
    found = {}
    with open(found_path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3:
                found.setdefault(cols[0], []).append([cols[1], fold(cols[2]), False])
    counts = {"exact": 0, "wrong kind": 0, "partial": 0, "missed": 0}
    per_kind = {}
    rows = []
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            art, kind, text = line.rstrip("\n").split("\t")[:3]
            g = fold(text)
            cands = found.get(art, [])
            verdict = "missed"
            for test, name in (
                (lambda c: c[0] == kind and c[1] == g, "exact"),
                (lambda c: c[1] == g, "wrong kind"),
                (lambda c: c[0] == kind and (g in c[1] or c[1] in g), "partial"),
            ):
                hit = next((c for c in cands if not c[2] and test(c)), None)
                if hit:
                    hit[2] = True
                    verdict = name
                    break
            counts[verdict] += 1
            k = per_kind.setdefault(kind, {"exact": 0, "all": 0})
            k["all"] += 1
            k["exact"] += verdict == "exact"
            rows.append((art, kind, text, verdict))
    total = sum(counts.values())
    for r in rows:
        print("\t".join(r))
    print(f"# {total} marked: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    print(f"# recall exact {counts['exact'] / total:.1%}, any overlap {(total - counts['missed']) / total:.1%}", file=sys.stderr)
    for kind, k in sorted(per_kind.items()):
        print(f"#   {kind}: {k['exact']}/{k['all']} exact ({k['exact'] / k['all']:.1%})", file=sys.stderr)


def entities(path, n):
    by = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[1] == "MISC":
                continue
            by.setdefault((cols[0], cols[1], cols[3]), []).append(cols[2])
    keys = sorted(by)
    for k in random.Random(SEED).sample(keys, min(n, len(keys))):
        names = by[k]
        longest = max(names, key=len)
        print("\t".join([k[0], k[1], k[2], longest, " | ".join(sorted(set(names))), ""]))


def identity(path):
    keys_of, real_of, seen = {}, {}, {}
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols and cols[0].isdigit():
                cols = cols[1:]  # the judged file numbers its rows
            real = cols[5].strip() if len(cols) > 5 else ""
            if not real or real == "-":
                continue
            n += 1
            keys_of.setdefault(real, set()).add(cols[2])
            seen[real] = seen.get(real, 0) + 1
            real_of.setdefault(cols[2], set()).add(real)
    reals = len(keys_of)
    split = {r: k for r, k in keys_of.items() if len(k) > 1}
    shared = {k: r for k, r in real_of.items() if len(r) > 1}
    print(f"{n} entities judged real, {reals} real entities, {len(real_of)} keys")
    print(f"distinct keys per real entity: {sum(len(k) for k in keys_of.values()) / reals:.3f} (goal 1.0)")
    again = [k for r, k in keys_of.items() if seen[r] > 1]
    if again:
        print(f"the same over the {len(again)} real entities named more than once in the sample: "
              f"{sum(len(k) for k in again) / len(again):.3f}")
    print(f"real entities with more than one key: {len(split)}")
    for r, k in sorted(split.items()):
        print(f"  {r}: {' '.join(sorted(k))}")
    print(f"keys shared by several real entities: {len(shared)} (goal 0)")
    for k, r in sorted(shared.items()):
        print(f"  {k}: {', '.join(sorted(r))}")


def rekey(judged, mentions):
    new = {}
    with open(mentions, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                new.setdefault((c[0], c[2]), set()).add(c[3])
    with open(judged, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(c) < 7:
                print(line, end="")
                continue
            keys = set()
            for m in c[5].split(" | "):
                keys |= new.get((c[1], m), set())
            if len(keys) == 1:
                c[3] = keys.pop()
            print("\t".join(c))


if __name__ == "__main__":
    cmd = sys.argv[1:2]
    if cmd == ["articles"]:
        bounds = [int(x) for x in sys.argv[5:7]]
        articles(sys.argv[2], sys.argv[3], int(sys.argv[4]), *bounds)
    elif cmd == ["recall"]:
        recall(sys.argv[2], sys.argv[3])
    elif cmd == ["entities"]:
        entities(sys.argv[2], int(sys.argv[3]))
    elif cmd == ["identity"]:
        identity(sys.argv[2])
    elif cmd == ["rekey"]:
        rekey(sys.argv[2], sys.argv[3])
    elif cmd == ["draw"]:
        draw(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
