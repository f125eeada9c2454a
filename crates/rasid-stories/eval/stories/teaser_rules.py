#!/usr/bin/env python3
"""Counts, per outlet, the articles and paragraphs that candidate teaser rules
blank beyond what `src/boilerplate.rs` blanked before them (issue 17).

    python3 teaser_rules.py NEWS_DIR [--held] [--show RULE]

NEWS_DIR holds the team's news files (`ant_multisource_v2.1.dev.jsonl.gz`,
`saudinewsnet.dev.jsonl.gz`). By default the tuning outlets are counted (every
outlet but bbc-arabic, cnn-arabic, france24-arabic and alwatan); with `--held`
the three held-out ones, counts only. `--show RULE` prints, for the tuning
outlets only, every article a rule whose name starts with RULE blanks more of
(`+` the paragraphs it adds, `x` those blanked before, `[n]` the articles of
the outlet that repeat the paragraph). The rules are re-implemented here
(paragraph keys as `boilerplate::key` folds them, without the hash).

Session 6 rows are counted against rules 1-2; its adopted row is rule 3.
Session 8 rows are counted against rule 3 as adopted then:
- 1a: the preposition في alone is no continuation;
- 1b: a first word opens with the conjunction و/ف only where the analyzer
  splits it off (`clitic::decide` of rasid-text over the shipped lexicon,
  its conjunction layer re-implemented here), فيما a connective;
- 1c: 1b, and و/ف always the conjunction before أ/إ/آ (`وأدى` is keyed as
  the word `وادي`) and in a form the lexicon has seen fewer than 50 times
  (`وسيختتم`, a lone `و`), more connectives (`من جهة/جانب/ناحية`, `في المقابل` …):
  `boilerplate::continues` as adopted;
- 2: the closing run of paragraphs repeated 2+ times (or learnt, or short)
  taken whole from its first paragraph repeated 3+ times when that one stands
  alone; 2': the same from its first such paragraph of more than SHORT words;
- 3: leads repeated twice that stand alone let into rule 3's run; 3': the
  same, the run taken from its first teaser of more than SHORT words only
  (rule 4 as adopted, with 1c).
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


class Paras(list):
    """(key, words) pairs; `cont` is the 1c continuation test, which also sees
    the raw spelling of each paragraph's first word."""

    def cont(self, k):
        return continues_c(k, self.raw.get(k, ""))


def paragraphs(body):
    out = Paras()
    out.raw = {}
    for line in re.split("[\n\r\u2028\u2029\x85\x0b\x0c]", body):
        k = key(line.strip())
        if k:
            out.append((k, len(line.split())))
            first = re.sub("[^\\w]+", " ", "".join(c for c in line if ord(c) not in DROP)).split()
            out.raw.setdefault(k, first[0] if first else "")
    return out


def conjunction(k):
    return k[0] in "وف"


def continues(k):
    return conjunction(k) or any(k == c or k.startswith(c + " ") for c in CONNECTIVES)


def not_fi(k):
    """Session 8, variant 1a: the preposition في alone is no conjunction."""
    return k.split(" ", 1)[0] != "في" and continues(k)


# The clitic test of `rasid-text` (`clitic::decide`, its conjunction layer),
# over the shipped lexicon: a first word opens with the conjunction و/ف only
# when the analyzer would split it off (`وقال`, `فقد`; not `ودع`, `في`, `وفد`).
LEX, STOP = {}, set()


def lexkey(w):
    return "".join(FOLD.get(c, c) for c in w if ord(c) not in DROP).replace("ؤ", "و").replace("ئ", "ي")


def load_lexicon(root):
    data = os.path.join(root, "crates", "rasid-text", "data")
    for line in open(os.path.join(data, "lexicon.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        form, n = line.rstrip("\n").split("\t")
        LEX[form] = int(n)
    for line in open(os.path.join(data, "stopwords.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            STOP.add(lexkey(line.strip()))


def cnt(w):
    return LEX.get(w, 0)


def best_base(b):
    def evidence(w):
        return cnt(w) + cnt("ال" + w)
    best = evidence(b)
    for strip, last in ((b[:-1] if b.endswith("ت") else None, "ه"), (b[:-1] if b.endswith("ا") else None, "ي"),
                        (b[:-1] if b[-1:] in ("ي", "و") else None, "ء")):
        if strip is not None:
            f = evidence(strip + last)
            if f > best and (strip + last) not in STOP:
                best = f
    return best


def inner_known(r):
    if r.startswith("ال") and len(r) >= 5:
        return True
    if any(r.startswith(p) and len(r) - len(p) >= 3 and cnt(r[len(p):]) >= 5 for p in ("ال", "لل", "ب", "ل", "ك")):
        return True
    if r.endswith("ا") and len(r) - 1 >= 3 and cnt(r[:-1]) >= 5:
        return True
    return any(r.endswith(e) and len(r) - len(e) >= 3 and best_base(r[:-len(e)]) >= 5
               for e in ("هما", "هم", "هن", "ها", "نا", "ه"))


def accept(w, r, kappa, least=2, theta=0.05):
    fw = cnt(w)
    s = cnt(r) + (cnt(r[2:]) if r.startswith("ال") and len(r) - 2 >= 3 else 0)
    if s == 0 and fw == 0 and inner_known(r):
        s = least
    if s < least:
        return False
    hosted = sum(cnt(p + w) for p in ("ب", "ل", "ال", "وال", "بال", "لل") if not (p == "ل" and w.startswith("ل")))
    hosted += cnt("و" + w) + cnt("ف" + w)
    return fw <= kappa * s and (fw == 0 or hosted <= theta * s)


def clitic_conjunction(word):
    w = lexkey(word)
    if w in STOP:
        return False
    for c, kappa in (("و", 50.0), ("ف", 20.0)):
        if w.startswith(c):
            r = w[1:]
            if len(r) >= 3:
                return accept(w, r, kappa)
            return len(r) == 2 and (r in STOP or (cnt(r) >= 100 and accept(w, r, kappa)))
    return False


def continues_lex(k):
    """Session 8, variant 1b: و/ف only where the analyzer splits it off; فيما a connective."""
    first = k.split(" ", 1)[0]
    return clitic_conjunction(first) or first == "فيما" or any(k == c or k.startswith(c + " ") for c in CONNECTIVES)


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


# Connectives added in session 8: with في no longer read as ف + a word, the
# standard openers that begin with it, and من جهة/جانب/ناحية beside من جهته.
MORE_CONNECTIVES = [c.split(" ") for c in (
    "فيما", "فضلا عن", "من جهه", "من جانب", "من ناحيه", "من ناحيته", "من ناحيتها", "في المقابل", "في غضون",
    "في سياق", "في السياق", "في الاثناء", "في هذه الاثناء", "في الوقت نفسه", "في الوقت ذاته")]


# A form that opens with و/ف reads as a word of its own only when the lexicon
# has seen it this often (`ودع` 124 times); rarer forms are more often a
# conjunction before a word the analyzer could not confirm (`وسيختتم`, `وختمت`).
WORD_OF_ITS_OWN = 50


def continues_c(k, first_raw):
    """Variant 1c: 1b, but a و/ف before a hamza-seated alef (أ إ آ) is always the
    conjunction (`وأدى`, keyed like `وادي`), and so is one that opens a form
    the lexicon has seen fewer than WORD_OF_ITS_OWN times (or a lone و);
    `من جهة/جانب/ناحية …`, `في المقابل` … are connectives."""
    first = k.split(" ", 1)[0]
    words = k.split(" ")
    if first[:1] in ("و", "ف") and (len(first) == 1 or first_raw[1:2] in ("أ", "إ", "آ")
                                     or cnt(lexkey(first)) < WORD_OF_ITS_OWN):
        return True
    if any(words[:len(c)] == c for c in MORE_CONNECTIVES):
        return True
    return continues_lex(k)


def mask3(ps, n, cont):
    """Variant 3: rule 3, with leads repeated only twice (long or short, standing
    alone) let into the closing run; it is taken from its first learnt line or teaser."""
    learnt = [n(k) >= (MIN if w <= SHORT else MIN_LONG) for k, w in ps]
    teaser = [n(k) >= MIN and not cont(k) for k, w in ps]
    lead2 = [n(k) >= 2 and not cont(k) for k, w in ps]
    start = len(ps)
    while start > 0 and (learnt[start - 1] or lead2[start - 1] or ps[start - 1][1] <= SHORT):
        start -= 1
    tail = next((i for i in range(start, len(ps)) if learnt[i] or teaser[i]), len(ps))
    m = [i >= tail or learnt[i] for i in range(len(ps))]
    return [False] * len(ps) if all(m) else m


def mask3b(ps, n, cont):
    """Variant 3': as 3, but the run with leads repeated twice is taken only from
    its first teaser of more than SHORT words (a lead, not a short line); before it, rule 3."""
    m = mask(ps, n, teaser=cont)
    lead2 = [n(k) >= 2 and not cont(k) for k, w in ps]
    learnt = [n(k) >= (MIN if w <= SHORT else MIN_LONG) for k, w in ps]
    start = len(ps)
    while start > 0 and (learnt[start - 1] or lead2[start - 1] or ps[start - 1][1] <= SHORT):
        start -= 1
    first = next((i for i in range(start, len(ps)) if ps[i][1] > SHORT and n(ps[i][0]) >= MIN and not cont(ps[i][0])), None)
    if first is None:
        return m
    out = [x or i >= first for i, x in enumerate(m)]
    return [False] * len(ps) if all(out) else out


def block(ps, n, cont, long_first=False):
    """Session 8, variant 2: rule 3, and besides it the closing run of
    paragraphs repeated 2+ times (or learnt, or short), taken whole from its
    first paragraph repeated 3+ times when that one stands alone (with
    `long_first`, its first such paragraph of more than SHORT words)."""
    m = mask(ps, n, teaser=cont)
    start = len(ps)
    while start > 0:
        k, w = ps[start - 1]
        if not (n(k) >= 2 or w <= SHORT):
            break
        start -= 1
    first = next((i for i in range(start, len(ps))
                  if n(ps[i][0]) >= MIN and (not long_first or ps[i][1] > SHORT)), None)
    if first is None or cont(ps[first][0]):
        return m
    out = [x or i >= first for i, x in enumerate(m)]
    return [False] * len(ps) if all(out) else out


RULES = {
    "repeated 3+, any length": lambda ps, n: mask(ps, n, teaser=lambda k: False),
    "  ... not opening with و/ف": lambda ps, n: mask(ps, n, teaser=conjunction),
    "  ... nor a connective (adopted)": lambda ps, n: mask(ps, n, teaser=continues),
    "run holding no continuation": lambda ps, n: mask(ps, n, teaser=continues, whole_run=True),
    "1a: في alone no continuation": lambda ps, n: mask(ps, n, teaser=not_fi),
    "1b: و/ف a conjunction where the analyzer splits it": lambda ps, n: mask(ps, n, teaser=continues_lex),
    "2: closing block whole from a standalone first repeat": lambda ps, n: block(ps, n, continues),
    "2': the same, first long repeat": lambda ps, n: block(ps, n, continues, long_first=True),
    "1b + 2": lambda ps, n: block(ps, n, continues_lex),
    "1b + 2'": lambda ps, n: block(ps, n, continues_lex, long_first=True),
    "1c: 1b, و/ف before أ/إ/آ a conjunction, من جهة/جانب/ناحية connectives": lambda ps, n: mask(ps, n, teaser=ps.cont),
    "1c + 2'": lambda ps, n: block(ps, n, ps.cont, long_first=True),
    "1c + 3: leads repeated twice let into the run": lambda ps, n: mask3(ps, n, ps.cont),
    "1c + 3': the same, from the run's first long teaser": lambda ps, n: mask3b(ps, n, ps.cont),
}


def main():
    news, held = sys.argv[1], "--held" in sys.argv
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
    if show and held:
        sys.exit("texts are shown for the tuning outlets only")
    load_lexicon(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
    articles = []
    for name in ("ant_multisource_v2.1.dev.jsonl.gz", "saudinewsnet.dev.jsonl.gz"):
        for line in gzip.open(os.path.join(news, name), "rt", encoding="utf-8"):
            r = json.loads(line)
            s = r["source"]
            if (s in HELD) != held or s == "alwatan" or not (r["body"] or "").strip():
                continue
            texts = [l.strip() for l in re.split("[\n\r\u2028\u2029\x85\x0b\x0c]", r["body"]) if key(l.strip())]
            articles.append((s, paragraphs(r["body"]), texts if show else None, r["id"]))
    counts = collections.Counter()
    for s, ps, _, _ in articles:
        for k in {k for k, _ in ps}:
            counts[(s, k)] += 1
    print("against rules 1-2 (session 6):")
    for rule, f in RULES.items():
        if rule.startswith("1a"):
            print("against rule 3 as adopted (session 8):")
        baseline = (lambda ps, n: mask(ps, n, teaser=continues)) if rule[0] in "12" else (lambda ps, n: mask(ps, n))
        arts, paras = collections.Counter(), collections.Counter()
        for s, ps, texts, ident in articles:
            n = lambda k, s=s: counts[(s, k)]
            before, after = baseline(ps, n), f(ps, n)
            more = [i for i, (a, b) in enumerate(zip(before, after)) if b and not a]
            if more:
                arts[s] += 1
                paras[s] += len(more)
                if show and rule.startswith(show):
                    print(f"--- {ident} ({s})")
                    for i, t in enumerate(texts):
                        mark = "+" if i in more else ("x" if before[i] else " ")
                        print(f"  {mark} [{n(ps[i][0])}] {t[:160]}")
        detail = ", ".join(f"{s} {arts[s]}/{paras[s]}" for s in sorted(arts))
        print(f"  {rule}: {sum(arts.values())} articles, {sum(paras.values())} paragraphs ({detail})")


if __name__ == "__main__":
    main()
