#!/usr/bin/env python3
"""Builds time-gold.{dev,heldout}.jsonl from the hand annotations (*.ann) and the
article texts in ../shared/data/news (ANT multi-source) and examples/.

    python3 crates/rasid-times/tests/data/build_gold.py [path/to/shared/data/news]

Each annotation line is "surface | TYPE | value [| MOD]"; the surface is looked up in the
article text after the previous one, and its offsets are written in Unicode code points.
Only the standard library is needed. The output is committed, so tests never need ../shared.
"""
import gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../.."))
NEWS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "../shared/data/news")


class _Group:
    """The annotated part of a match (without the clitic letter before it)."""

    def __init__(self, m):
        self._m = m

    def start(self):
        return self._m.start(1)

    def end(self):
        return self._m.end(1)

    def group(self, _):
        return self._m.group(1)


def parse_ann(path):
    docs, cur = [], None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("# ") and (line[2:].startswith("antms:") or line[2:].startswith("astana")):
            cur = {"id": line[2:].strip(), "items": []}
            docs.append(cur)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        # The surface keeps its inner spacing exactly (double spaces occur in the texts).
        surface = line.split(" | ")[0]
        if len(parts) not in (3, 4):
            sys.exit(f"{path}:{n}: expected 'surface | TYPE | value [| MOD]'")
        cur["items"].append((surface, parts[1], parts[2], parts[3] if len(parts) == 4 else None, n))
    return docs


def load_texts(ids):
    out = {}
    with gzip.open(os.path.join(NEWS, "ant_multisource_v2.1.dev.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in ids:
                out[r["id"]] = r
    return out


def main():
    for part in ("dev", "heldout"):
        ann = os.path.join(HERE, f"time-gold.{part}.ann")
        if not os.path.exists(ann):
            continue
        docs = parse_ann(ann)
        recs = load_texts({d["id"] for d in docs})
        lines = []
        for d in docs:
            if d["id"].startswith("astana"):
                text = open(os.path.join(ROOT, "examples/astana-2017-12-21.txt"), encoding="utf-8").read()
                anchor, source = "2017-12-21T10:57", "examples/astana-2017-12-21.txt"
            else:
                r = recs[d["id"]]
                text, anchor, source = r["body"], r["published"], f"{r['source']} {r['url']}"
            pos, timexes = 0, []
            for surface, typ, value, mod, n in d["items"]:
                # A space in the annotation matches any one white-space character (NBSP occurs).
                pattern = "".join(r"\s" if c == " " else re.escape(c) for c in surface)
                # Whole words only; a conjunction or preposition letter may precede.
                before = "" if surface[:1].isdigit() else r"(?<![^\W\d_])(?:[وفبلك](?=\w))?"
                pattern = before + "(" + pattern + r")(?![^\W\d_])"
                m = re.compile(pattern).search(text, pos)
                if m:
                    m = _Group(m)
                if not m:
                    sys.exit(f"{ann}:{n}: {surface!r} not found in {d['id']} after offset {pos}")
                timexes.append({"start": m.start(), "end": m.end(), "text": m.group(0), "type": typ,
                                "value": value, "mod": mod})
                pos = m.end()
            lines.append(json.dumps({"id": d["id"], "anchor": anchor, "source": source, "text": text,
                                     "timexes": timexes}, ensure_ascii=False))
        with open(os.path.join(HERE, f"time-gold.{part}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(part, len(docs), "documents", sum(len(d["items"]) for d in docs), "time expressions")


main()
