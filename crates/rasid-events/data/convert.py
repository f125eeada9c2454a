#!/usr/bin/env python3
"""Converts the OEDA CAMEO dictionaries into the compact TSV files rasid-events embeds.

Usage: python3 crates/rasid-events/data/convert.py SRC_DIR  (SRC_DIR holds the files named in
README.md; run from the repository root). Writes verbs.tsv, actors.tsv, agents.tsv,
countries.tsv and plover.tsv next to this script and prints what it cleaned.
Arabic keys are written as found: the crate normalises them with rasid-text when it loads them.
"""
import json, os, re, sys  # ISO 3166-1 from /usr/share/iso-codes (Debian package iso-codes)

SRC = sys.argv[1]
OUT = os.path.dirname(os.path.abspath(__file__))
LATIN = re.compile(r"[A-Za-z]")
cleaned = {}

def note(what):
    cleaned[what] = cleaned.get(what, 0) + 1

def read(name):
    with open(os.path.join(SRC, name), encoding="utf-8-sig") as f:
        return [l.rstrip("\r\n") for l in f]

codes = {}
for line in read("cameo_event_codes.tsv")[1:]:
    c = line.split("\t")
    codes[c[0]] = c[1]

# --- verbs -----------------------------------------------------------------
sets, verbs_out = {}, set()
lines = read("CAMEO.ar.0.5.txt")
cur = None
for l in lines:
    s = l.split("#")[0].strip()
    if s.startswith("&") and " " not in s:
        cur = s; sets[cur] = []; continue
    if s.startswith("+") and cur:
        w = s[1:].strip("_").split("_")[0]
        if w and not LATIN.search(w): sets[cur].append(w)
        continue
    if s.startswith("---"):
        break

def words_of(lemma):
    parts = [p for p in re.split(r"[+_ ]+", lemma) if p]
    return parts

block_code, block_verbs, in_verbs = None, [], False
for l in lines:
    if l.startswith("####### VERB"):
        in_verbs = True; continue
    if not in_verbs: continue
    s = l.split("#")[0].strip()
    if not s: continue
    m = re.match(r"^---\s*(\S+)\s*\[(\S+)\]\s*---", s)
    if m:
        block_code = None if m.group(2) == "---" else m.group(2)
        block_verbs = []
        if block_code and block_code not in codes:
            note(f"block code {block_code} not in the CAMEO codebook: block without a default code"); block_code = None
        continue
    if s.startswith("-"):
        m = re.match(r"^-\s*(.*?)\*(.*?)\[(\d+)\]\s*$", s)
        if not m: note("malformed pattern line dropped"); continue
        before, after, code = m.groups()
        if code not in codes: note(f"pattern code {code} not in the CAMEO codebook: pattern dropped"); continue
        if LATIN.search(re.sub(r"&[A-Z_]+", "", before + after)): note("pattern with untranslated English words dropped"); continue
        groups = []
        ok = True
        for tok in re.findall(r"&[A-Z_]+|[^\s(){}$+&]+", after):
            if tok.startswith("&"):
                mem = sets.get(tok)
                if not mem: ok = False; break
                groups.append("|".join(sorted(set(mem))))
            elif len(tok) > 1:  # one-letter prepositions are clitics on the next word
                groups.append(tok)
        if not ok: note("pattern naming an unknown synonym set dropped"); continue
        if not groups: continue
        for v in block_verbs:
            vw = words_of(v)
            verbs_out.add((vw[0], code, " ".join(vw[1:] + groups)))
        continue
    # a verb line
    m = re.match(r"^(\S+)\s*(?:\[(\S+)\])?\s*$", s)
    if not m:
        note("malformed verb line (spaces inside the lemma) dropped"); continue
    lemma, code = m.groups()
    if LATIN.search(lemma): note("verb with Latin letters dropped"); continue
    if lemma.endswith("ة"):
        note("noun filed as a verb (ends in ta marbuta) dropped"); continue
    block_verbs.append(lemma)
    code = code or block_code
    if code and code not in codes: note(f"verb code {code} not in the CAMEO codebook: dropped"); continue
    if code:
        vw = words_of(lemma)
        verbs_out.add((vw[0], code, " ".join(vw[1:])))

with open(os.path.join(OUT, "verbs.tsv"), "w", encoding="utf-8") as f:
    f.write("# lemma\tcode\twords that must follow (space-separated; | separates alternatives)\n")
    f.write("# From CAMEO.ar.0.5.txt (UniversalPetrarch, MIT, (c) 2016 Open Event Data Alliance); see README.md.\n")
    for v in sorted(verbs_out):
        f.write("\t".join(v) + "\n")

# --- agents ----------------------------------------------------------------
agents = {}
for l in read("agents.all.ar_v3.txt"):
    s = l.split("#")[0].strip()
    if not s: continue
    m = re.match(r"^(\S+)\s*\[(~?)((?:[A-Z]{3})+)(~?)\]\s*$", s)
    if not m: note("malformed agent line dropped"); continue
    phrase, pre, code, post = m.groups()
    phrase = " ".join(p for p in phrase.split("_") if p)
    if LATIN.search(phrase): note("agent with Latin letters dropped"); continue
    prev = agents.get(phrase)
    if prev and prev != (code, "prefix" if post else "suffix"):
        note("agent phrase with two different codes: first kept"); continue
    agents[phrase] = (code, "prefix" if post else "suffix")

# --- actors ----------------------------------------------------------------
AGENT_CODES = {c for c, _ in agents.values()}
actors = []
phrase = None
for l in read("actor_dict_ar_v4.txt"):
    raw = l.split("#")[0]
    if not raw.strip(): continue
    if raw.startswith("\t") or (raw.startswith(" ") and raw.strip().startswith("[")):
        t = raw.strip()
        m = re.match(r"^\[([A-Z]+)\s+(\d{8})-(\d{8})\]$", t)
        if m:
            code, a, b = m.groups()
        elif re.match(r"^\[([A-Z]+)\s*([<>])\s*(\d{8})\]$", t):
            code, op, d = re.match(r"^\[([A-Z]+)\s*([<>])\s*(\d{8})\]$", t).groups()
            a, b = (d, "") if op == ">" else ("", d)
        elif re.match(r"^\[([A-Z]+)\]$", t):
            code, a, b = t[1:-1], "", ""
        else:
            note("malformed dated code line (no code, or no date) dropped"); continue
        if not phrase: note("dated code line without its phrase dropped"); continue
        if len(code) % 3: note("actor code not made of 3-letter parts dropped"); continue
        if b == "18000101":
            b = ""; note("range ending 18000101 read as open-ended")
        elif b < a:
            a, b = b, a; note("reversed date range swapped")
        actors.append((phrase, code, a, b))
        continue
    s = raw.strip()
    m = re.match(r"^(\S+)\s*(?:\[([A-Z]+)\])?$", s)
    if not m: note("malformed actor line dropped"); phrase = None; continue
    p, code = m.groups()
    if raw.startswith(" "): note("actor line with stray leading space trimmed")
    phrase = " ".join(x for x in p.split("_") if x)
    if LATIN.search(phrase): note("actor with Latin letters dropped"); phrase = None; continue
    if code:
        if len(code) % 3: note("actor code not made of 3-letter parts dropped"); continue
        if code in AGENT_CODES and code not in ("IGO",) and len(code) == 3 and code not in {"UNO"}:
            # an agent code filed as an actor (جيش [MIL]): it belongs in the agents table
            if phrase not in agents: agents[phrase] = (code, "suffix")
            note("agent code filed as an actor moved to the agents table"); continue
        actors.append((phrase, code, "", ""))
n_nocode = 0
seen = set(a[0] for a in actors)
with open(os.path.join(OUT, "actors.tsv"), "w", encoding="utf-8") as f:
    f.write("# phrase\tcode\tfrom (YYYYMMDD, empty: always)\tto (empty: open-ended)\n")
    f.write("# From actor_dict_ar_v4.txt (UniversalPetrarch, MIT, (c) 2016 Open Event Data Alliance); see README.md.\n")
    for a in sorted(set(actors)):
        f.write("\t".join(a) + "\n")

with open(os.path.join(OUT, "agents.tsv"), "w", encoding="utf-8") as f:
    f.write("# phrase\tagent code\tsuffix (country + code) or prefix (code + country)\n")
    f.write("# From agents.all.ar_v3.txt (UniversalPetrarch, MIT, (c) 2016 Open Event Data Alliance); see README.md.\n")
    for p in sorted(agents):
        f.write(f"{p}\t{agents[p][0]}\t{agents[p][1]}\n")

# --- countries ---------------------------------------------------------------
cameo3 = {}
for l in read("countrynames.txt"):
    c = l.split("\t")
    if len(c) >= 2 and len(c[1]) == 3: cameo3[c[1]] = c[0]
iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
    f.write("# ISO 3166-1 alpha-2\tCAMEO country code (ISO alpha-3)\tname\n")
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        f.write(f"{c['alpha_2']}\t{c['alpha_3']}\t{c['name']}\n")
    f.write("XK\tKSV\tKosovo\n")
missing = [k for k in cameo3 if k not in {c["alpha_3"] for c in iso}]
print("CAMEO country codes not in ISO 3166-1:", missing)

# --- plover ------------------------------------------------------------------
with open(os.path.join(OUT, "plover.tsv"), "w", encoding="utf-8") as f:
    f.write("# CAMEO code\tPLOVER category\tmode\tcontext\n")
    f.write("# From CAMEO2PLOVER-2021.txt (OEDA PLOVER, CC BY-SA 4.0); see README.md.\n")
    for l in read("CAMEO2PLOVER-2021.txt"):
        s = l.split("#")[0].strip()
        m = re.match(r"^(\d+):\s*([A-Z_]+)\s*(?:,(.*))?$", s)
        if not m: continue
        code, cat, rest = m.groups()
        parts = [p.strip() for p in (rest or "").split(",")] + ["", ""]
        f.write(f"{code}\t{cat}\t{parts[0]}\t{parts[1]}\n")

with open(os.path.join(OUT, "codes.tsv"), "w", encoding="utf-8") as f:
    f.write("# CAMEO code\tname (cameo_event_codes.tsv, from text_to_CAMEO's CAMEO_codefile.txt, MIT, (c) 2014 Philip Schrodt)\n")
    for c, n in codes.items():
        f.write(f"{c}\t{n}\n")

for k, v in sorted(cleaned.items()):
    print(f"{v:6d}  {k}")
