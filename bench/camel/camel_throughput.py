"""CAMeL Tools on the benchmark sample: normalise + tokenise, one thread.

The texts are the ones `throughput` measures, written by
`throughput --dump-sample FILE` (one JSON string a line). Per text:
normalize_unicode, normalize_alef_ar, normalize_alef_maksura_ar,
normalize_teh_marbuta_ar, dediac_ar, then simple_word_tokenize. Every token is
consumed (count and total length), and each text's count is checked against a
first untimed pass, as in the Rust benchmarks. Prints the median over --rounds.

    python3 -m venv /tmp/camel-venv
    /tmp/camel-venv/bin/pip install --no-deps camel-tools==1.6.0
    /tmp/camel-venv/bin/pip install six regex future emoji
    /tmp/camel-venv/bin/python bench/camel/camel_throughput.py SAMPLE.jsonl --rounds 3

Only the modules named above are imported, so camel-tools' heavy dependencies
(torch, transformers, kenlm) are not needed; hence --no-deps.
"""

import argparse
import json
import statistics
import time

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)


def analyse(text):
    text = normalize_unicode(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    text = dediac_ar(text)
    tokens = simple_word_tokenize(text)
    return len(tokens), sum(len(t) for t in tokens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sample")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open(args.sample, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    expected = [analyse(t) for t in texts]
    tokens = sum(c for c, _ in expected)
    walls, cpus = [], []
    for r in range(args.rounds):
        w0, c0 = time.perf_counter(), time.thread_time()
        for text, want in zip(texts, expected):
            got = analyse(text)
            assert got == want, "a different count than in the first pass"
        wall, cpu = time.perf_counter() - w0, time.thread_time() - c0
        walls.append(wall)
        cpus.append(cpu)
        print(f"round {r + 1}: {mb / wall:.2f} MB/s (cpu {mb / cpu:.2f})", flush=True)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(
        f"CAMeL Tools normalise + simple_word_tokenize: {len(texts)} texts, {mb:.1f} MB, "
        f"{tokens} tokens: {mb / wall:.2f} MB/s (min-max {mb / max(walls):.2f}-{mb / min(walls):.2f}), "
        f"thread CPU {mb / cpu:.2f} MB/s, {tokens / wall / 1e6:.3f} M tokens/s"
    )


if __name__ == "__main__":
    main()
