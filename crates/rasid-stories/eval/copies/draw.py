#!/usr/bin/env python3
"""Seeded draw of candidate article pairs for the copies gold (issue 17 item 3).

Reads ../shared/data/news/ (only here, at draw time; nothing in rasid reads it),
finds candidate pairs from four sources and writes
  candidates.tsv   one pair per line with its overlap statistics and stratum
  articles.jsonl   the texts of every article in a pair (id, source, title, body, published)
The strata (see GUIDELINES.md):
  list-exact, list-near     the corpus' verified duplicate list (5-shingle Jaccard >= 0.8)
  shingle                   pairs the corpus list misses but 3-shingle Jaccard >= 0.3 finds
                            (the band rasid's near-duplicate detector, Jaccard >= 0.5, works in)
  sentence                  pairs sharing at least one long sentence, low shingle overlap
                            (follow-ups, fixture lists, templated official texts, rewrites)
Usage: python3 draw.py NEWS_DIR OUT_DIR [SEED]
"""
import gzip, json, random, re, sys, collections, itertools

NEWS, OUT = sys.argv[1], sys.argv[2]
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 17
rng = random.Random(SEED)

DIAC = re.compile('[\u064b-\u0652\u0640\u0670]')
def norm_words(t):
    t = DIAC.sub('', t)
    t = t.translate(str.maketrans('أإآٱىةؤئ٠١٢٣٤٥٦٧٨٩', 'اااايهوي0123456789'))
    return re.findall(r'\w+', t.lower())

def shingles(ws, k):
    return {' '.join(ws[i:i+k]) for i in range(max(1, len(ws)-k+1))} if ws else set()

arts = {}
for f in ['ant_multisource_v2.1.dev.jsonl.gz', 'saudinewsnet.dev.jsonl.gz']:
    with gzip.open(f'{NEWS}/{f}', 'rt', encoding='utf-8') as fh:
        for line in fh:
            r = json.loads(line)
            arts[r['id']] = r
ids = sorted(arts)
W = {i: norm_words(arts[i]['body']) for i in ids}

def stats(a, b):
    s3a, s3b = shingles(W[a], 3), shingles(W[b], 3)
    s5a, s5b = shingles(W[a], 5), shingles(W[b], 5)
    i3 = len(s3a & s3b)
    u5 = len(s5a | s5b) or 1
    return dict(j5=len(s5a & s5b)/u5, j3=i3/(len(s3a | s3b) or 1),
                cab=i3/(len(s3a) or 1), cba=i3/(len(s3b) or 1),
                wa=len(W[a]), wb=len(W[b]))

# 1. the corpus' verified duplicate list
listed = {}
with open(f'{NEWS}/dev_duplicate_pairs.tsv', encoding='utf-8') as fh:
    for line in fh:
        if line.startswith('#'): continue
        a, b, j, kind = line.rstrip('\n').split('\t')
        listed[tuple(sorted((a, b)))] = kind

# 2. sentences: every long sentence (>= 10 words) seen in at most 12 articles
sent_index = collections.defaultdict(set)
for i in ids:
    for s in re.split(r'[.!?؟\n]+', arts[i]['body']):
        ws = norm_words(s)
        if len(ws) >= 10:
            sent_index[' '.join(ws)].add(i)
shared = collections.Counter()
for s, members in sent_index.items():
    if 2 <= len(members) <= 12:
        for a, b in itertools.combinations(sorted(members), 2):
            shared[(a, b)] += 1

cands = {}
for p in shared:
    if p not in listed:
        cands[p] = None
print('listed', len(listed), 'sentence-sharing unlisted', len(cands), file=sys.stderr)
# statistics of the unlisted sentence-sharing pairs; split into strata
st = {p: stats(*p) for p in cands}
shingle_band = sorted(p for p in st if st[p]['j3'] >= 0.3)
sentence_band = sorted(p for p in st if st[p]['j3'] < 0.3)

def outlet_pair(p):
    return tuple(sorted(arts[x]['source'] for x in p))

def draw(pool, n):
    pool = sorted(pool)
    rng.shuffle(pool)
    # no more than n/8 from one outlet pair, so that many outlets appear
    per, out = collections.Counter(), []
    for p in pool:
        if len(out) >= n: break
        if per[outlet_pair(p)] >= max(3, n // 8): continue
        per[outlet_pair(p)] += 1
        out.append(p)
    return out

exact = sorted(p for p, k in listed.items() if k == 'exact')
near = sorted(p for p, k in listed.items() if k == 'near')
chosen = []
for name, pool, n in [('list-exact', exact, 70), ('list-near', near, 150),
                      ('shingle', shingle_band, 130), ('sentence', sentence_band, 180)]:
    for p in draw(pool, n):
        chosen.append((name, p))

with open(f'{OUT}/candidates.tsv', 'w', encoding='utf-8') as fh:
    fh.write('# n\tstratum\tid_a\tid_b\tsource_a\tsource_b\tj5\tj3\tcont_a_in_b\tcont_b_in_a\twords_a\twords_b\tshared_sentences\n')
    for n, (name, (a, b)) in enumerate(chosen, 1):
        s = stats(a, b)
        fh.write(f"{n}\t{name}\t{a}\t{b}\t{arts[a]['source']}\t{arts[b]['source']}\t{s['j5']:.3f}\t{s['j3']:.3f}\t{s['cab']:.3f}\t{s['cba']:.3f}\t{s['wa']}\t{s['wb']}\t{shared.get((a, b), 0)}\n")
need = sorted({x for _, p in chosen for x in p})
with open(f'{OUT}/articles.jsonl', 'w', encoding='utf-8') as fh:
    for i in need:
        r = arts[i]
        fh.write(json.dumps({k: r[k] for k in ('id', 'source', 'title', 'body', 'published', 'crawled', 'url')}, ensure_ascii=False) + '\n')
print(len(chosen), 'pairs', len(need), 'articles', file=sys.stderr)
