#!/usr/bin/env python3
"""Builds time-gold.{dev,heldout,heldout2}.jsonl from the hand annotations (*.ann) and the
article texts in ../shared/data/news (ANT multi-source) and examples/, and the sentences of
the third batch (issue 17) copied into time-gold.batch3.*.txt.jsonl.

    python3 crates/rasid-times/tests/data/build_gold.py [path/to/shared/data/news]

Spans follow ../../GUIDELINES.md: a clitic glued to the first word is inside, and a leading
منذ/قبل/بعد is outside (the issue-4 annotations wrote them the other way; the conversion is
done here, so their .ann files stay as annotated). The third batch is written as it stands.

Each annotation line is "surface | TYPE | value [| MOD]"; the surface is looked up in the
article text after the previous one, and its offsets are written in Unicode code points.
Only the standard library is needed. The output is committed, so tests never need ../shared.
"""
import gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../.."))
NEWS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "../shared/data/news")


def parse_ann(path):
    docs, cur = [], None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("# ") and (line[2:].startswith(("antms:", "snn:", "astana"))):
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


# Lexical units that begin with a preposition but are not "preposition + expression".
UNITS = ("قبل قليل", "منذ قليل", "بعد غد", "قبل الظهر", "بعد الظهر", "بعد الزوال")
LEADING = re.compile(r"^[وف]?(?:منذ|قبل|بعد)\s+")


YAWM = re.compile(r"(?<![^\W\d_])[وف]?يوم\s+$")


def convert_span(text, start, end):
    """Issue-4 span -> issue-17 span: drop a leading منذ/قبل/بعد (not of a lexical unit);
    take in a `يوم` right before a date with a day (`يوم 15 يوليو`)."""
    surface = text[start:end]
    m = LEADING.match(surface)
    if m and not surface.startswith(UNITS):
        start += m.end()
    y = YAWM.search(text, max(0, start - 8), start)
    if y and surface[:1].isdigit():
        start = y.start()
    return start, end


def merge_weekdays(text, timexes):
    """Issue 17: `أمس (الأربعاء)`, a day and its weekday in parentheses, is one expression."""
    out = []
    for t in timexes:
        p = out[-1] if out else None
        between = text[p["end"]:t["start"]] if p else None
        if p and between is not None and between.strip() == "(" and text[t["end"]:t["end"] + 1] == ")" \
                and p["value"] == t["value"] and p["type"] == t["type"] == "DATE":
            p["end"] = t["end"] + 1
            p["text"] = text[p["start"]:p["end"]]
            continue
        out.append(t)
    return out


def build_batch3(part):
    ann = os.path.join(HERE, f"time-gold.batch3.{part}.ann")
    docs = parse_ann(ann)
    recs = {}
    with open(os.path.join(HERE, f"time-gold.batch3.{part}.txt.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            recs[r["id"]] = r
    if len(docs) != len(recs):
        sys.exit(f"{ann}: {len(docs)} documents annotated, {len(recs)} drawn")
    out = []
    for d in docs:
        r = recs[d["id"]]
        text, pos, timexes = r["text"], 0, []
        for surface, typ, value, mod, n in d["items"]:
            pattern = "".join(r"\s" if c == " " else re.escape(c) for c in surface)
            before = r"(?<!\d)" if surface[:1].isdigit() else r"(?<![^\W\d_])"
            m = re.compile(before + pattern + r"(?![^\W\d_])").search(text, pos)
            if not m:
                sys.exit(f"{ann}:{n}: {surface!r} not found in {d['id']} after offset {pos}")
            timexes.append({"start": m.start(), "end": m.end(), "text": m.group(0), "type": typ,
                            "value": value, "mod": mod})
            pos = m.end()
        out.append({"id": r["id"], "anchor": r["anchor"], "source": r["source"], "text": text,
                    "timexes": timexes})
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
                before = r"(?<!\d)(?:(?<![^\W\d_])[وفبلك])?" if surface[:1].isdigit() \
                    else r"(?<![^\W\d_])(?:[وفبلك](?=\w))?"
                pattern = before + "(" + pattern + r")(?![^\W\d_])"
                m = re.compile(pattern).search(text, pos)
                if not m:
                    sys.exit(f"{ann}:{n}: {surface!r} not found in {d['id']} after offset {pos}")
                # The whole word: a clitic letter before the surface is inside the span.
                start, end = convert_span(text, m.start(0), m.end(1))
                timexes.append({"start": start, "end": end, "text": text[start:end], "type": typ,
                                "value": value, "mod": mod})
                pos = end
            timexes = merge_weekdays(text, timexes)
            lines.append(json.dumps({"id": d["id"], "anchor": anchor, "source": source, "text": text,
                                     "timexes": timexes}, ensure_ascii=False))
        n_docs = len(docs)
        n_exprs = sum(len(json.loads(line)["timexes"]) for line in lines)
        if part == "dev":
            # The third batch's dev part joins dev; its held-out part is its own file.
            for rec in build_batch3("dev"):
                lines.append(json.dumps(rec, ensure_ascii=False))
                n_docs, n_exprs = n_docs + 1, n_exprs + len(rec["timexes"])
        with open(os.path.join(HERE, f"time-gold.{part}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(part, n_docs, "documents", n_exprs, "time expressions")
    recs = build_batch3("heldout")
    with open(os.path.join(HERE, "time-gold.heldout2.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    print("heldout2", len(recs), "documents", sum(len(r["timexes"]) for r in recs), "time expressions")


main()
