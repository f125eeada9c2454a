#!/usr/bin/env python3
"""Writes the gold files from the draw and the hand annotation.

    python3 crates/rasid-events/gold/build_gold.py

Reads `gold/draw.jsonl` (the sentences, from `sample.py`) and `gold/annotation/ann.txt` (one
line per sentence, written by hand: see its header and GUIDELINES.md) and writes
`tests/data/events-gold.dev.jsonl` and `tests/data/events-gold.heldout.jsonl`. This script
decides no label: it copies the annotator's codes, turns token ranges into the text they cover
(dropping quotation marks and punctuation at the edges of a span), looks up the PLOVER category
of each code in `gold/CAMEO2PLOVER-2021.txt`, and checks the annotation's syntax. It prints the
counts for README.md.
"""

import collections
import json
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
CRATE = GOLD.parent
VERSION = "1.1"
MODALITY = {"": "asserted", "int": "intended", "neg": "negated", "thr": "threatened"}
KIND = {"dir": "direct", "ind": "indirect", "mix": "mixed"}
EDGE = "\"'«»“”„‘’()[]،,.:;؛!?؟…-–—"
QUOTE_MARKS = "\"«»“”„"
ACTOR = re.compile(r"^(---|[A-Z]{3})([A-Z]{3})*$")


def plover_table():
    table = {}
    for line in (GOLD / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m and m.group(1) not in table:
            table[m.group(1)] = m.group(2)
    return table


def plover_of(code, table):
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def span_text(tokens, a, b):
    words = tokens[a : b + 1]
    first, last = words[0], words[-1]
    # A span that starts or ends inside quotation marks keeps only what they enclose.
    for mark in QUOTE_MARKS:
        if mark in first[:-1] and not first.startswith(mark):
            first = first[first.rindex(mark) + 1 :]
    words[0] = first
    if len(words) > 1:
        for mark in QUOTE_MARKS:
            cut = last.find(mark, 1)
            if cut > 0 and last[cut + 1 :].strip(EDGE):
                last = last[:cut]
        words[-1] = last
    return " ".join(words).strip(EDGE + " ")


def rng(text, n):
    a, _, b = text.partition("-")
    a, b = int(a), int(b or a)
    if not (0 <= a <= b < n):
        raise ValueError(f"range {text} outside 0..{n - 1}")
    return a, b


def actor(text):
    if text in ("", "-"):
        return None
    if not ACTOR.match(text) and text not in ("UNO", "IGO", "NGO", "MNC", "KUR"):
        raise ValueError(f"bad actor code {text}")
    return text


def parse(line, tokens, table):
    events, quotes = [], []
    for item in filter(None, (p.strip() for p in line.split(";"))):
        kind, *rest = item.split()
        if kind == "e":
            pair, code, *mod = rest
            src, _, tgt = pair.partition(">")
            if not re.fullmatch(r"\d{2,4}", code) or not 1 <= int(code[:2]) <= 20:
                raise ValueError(f"bad code {code}")
            event = {"source": actor(src), "target": actor(tgt), "code": code,
                     "plover": plover_of(code, table), "modality": MODALITY[mod[0] if mod else ""]}
            if not (event["source"] or event["target"]):
                raise ValueError("event without actors")
            events.append(event)
        elif kind == "q":
            spk, cue, content, k = rest
            speaker = None if spk == "-" else span_text(tokens, *rng(spk, len(tokens)))
            c = int(cue)
            quotes.append({"speaker": speaker, "cue": tokens[c].strip(EDGE),
                           "content": span_text(tokens, *rng(content, len(tokens))), "kind": KIND[k]})
        else:
            raise ValueError(f"unknown item {item}")
    return events, quotes


def main():
    table = plover_table()
    draw = [json.loads(l) for l in (GOLD / "draw.jsonl").open(encoding="utf-8")]
    ann = {}
    for n, line in enumerate((GOLD / "annotation" / "ann.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        idx, _, body = line.partition(":")
        ann[int(idx)] = (n, body)
    if sorted(ann) != list(range(len(draw))):
        sys.exit(f"annotation covers {len(ann)} of {len(draw)} sentences")
    out = {"dev": [], "heldout": []}
    for i, d in enumerate(draw):
        n, body = ann[i]
        try:
            events, quotes = parse(body, d["text"].split(), table)
        except (ValueError, IndexError) as err:
            sys.exit(f"ann.txt:{n}: sentence {i}: {err}")
        out[d["split"]].append({"id": d["id"], "date": d["date"], "outlet": d["outlet"], "text": d["text"],
                                "events": events, "quotes": quotes})
    for split, records in out.items():
        name = "heldout" if split == "heldout" else "dev"
        with (CRATE / "tests" / "data" / f"events-gold.{name}.jsonl").open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # Counts for README.md.
    for split, records in out.items():
        print(f"## {split}: {len(records)} sentences, {sum(len(r['events']) for r in records)} events, "
              f"{sum(len(r['quotes']) for r in records)} quotes, "
              f"{sum(1 for r in records if not r['events'])} sentences without events")
        by_outlet = collections.defaultdict(lambda: [0, 0, 0])
        for r in records:
            c = by_outlet[r["outlet"]]
            c[0] += 1
            c[1] += len(r["events"])
            c[2] += len(r["quotes"])
        print("| outlet | sentences | events | quotes |\n|---|---:|---:|---:|")
        for o, (s, e, q) in sorted(by_outlet.items(), key=lambda kv: -kv[1][0]):
            print(f"| {o} | {s} | {e} | {q} |")
        roots = collections.Counter(e["code"][:2] for r in records for e in r["events"])
        print("\nEvents by root: " + ", ".join(f"{k} {v}" for k, v in sorted(roots.items())))
        kinds = collections.Counter(q["kind"] for r in records for q in r["quotes"])
        print("Quote kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
