"""A corpus of a few hundred Arabic news articles for the scale-out tests,
made from the repository's own texts (examples/, the server's test articles,
the time-expression gold of crates/rasid-times): paragraphs of those
articles recombined, with publication times over three months (some undated,
some with an offset), sources and sections. Deterministic for a seed.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["youm7", "ahram", "masrawy", "alwatan", "shorouk"]
CATEGORIES = ["politics", "economy", "world", None]


def _texts() -> List[List[str]]:
    """Articles as lists of lines: the headline first, then paragraphs."""
    texts = [(ROOT / "examples" / "astana-2017-12-21.txt").read_text(encoding="utf-8")]
    for line in (ROOT / "crates/rasid-server/tests/fixtures/articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts.append(record["title"] + "\n" + record["body"])
    for name in ("time-gold.dev.jsonl", "time-gold.heldout.jsonl"):
        for line in (ROOT / "crates/rasid-times/tests/data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return [[l.strip() for l in t.splitlines() if l.strip()] for t in texts]


def articles(n: int = 300, seed: int = 15) -> List[Dict[str, Any]]:
    """``n`` articles (JSON Lines records) with distinct content."""
    rng = random.Random(seed)
    texts = [t for t in _texts() if len(t) >= 2]
    out: List[Dict[str, Any]] = []
    seen = set()
    while len(out) < n:
        base, other = rng.choice(texts), rng.choice(texts)
        paragraphs = base[1:]
        start = rng.randrange(len(paragraphs))
        body = paragraphs[start : start + rng.randint(1, 4)] + other[1:][: rng.randint(0, 2)]
        title = base[0] if rng.random() < 0.5 else other[0]
        key = (title, tuple(body))
        if key in seen:
            continue
        seen.add(key)
        record: Dict[str, Any] = {"title": title, "body": "\n".join(body), "source": rng.choice(SOURCES)}
        category = rng.choice(CATEGORIES)
        if category:
            record["category"] = category
        roll = rng.random()
        if roll < 0.85:
            day = rng.randint(0, 89)
            month, dom = (12, day + 1) if day < 31 else ((1, day - 30) if day < 62 else (2, day - 61))
            year = 2017 if month == 12 else 2018
            stamp = f"{year}-{month:02d}-{dom:02d}T{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 57]):02d}:00"
            # Some with an offset: a late evening in Cairo may be the next month in UTC.
            record["published"] = stamp + ("+02:00" if roll < 0.2 else "")
        record["url"] = f"https://example.invalid/{record['source']}/{len(out)}"
        out.append(record)
    return out


def write_jsonl(path: Path, records: List[Dict[str, Any]]) -> Path:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def extract_then_die_once(
    shard: Any, out: str, resources: Any, extractors: Any, threads: int, *, marker: str, victim: str
) -> str:
    """A Dask task for the killed-worker test: the recipe's own task, but the
    first run of shard ``victim`` kills its worker process after writing the
    shard's files and before reporting them (the worst moment for duplicates)."""
    import os

    from dask_extract import extract_shard

    report = extract_shard(shard, out, resources, extractors, threads)
    if shard[1] == victim and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return report


def ray_actor_that_dies_once(marker: str, victim: str) -> Any:
    """A Ray actor class for the killed-worker test: the recipe's own actor, but
    the first call on shard ``victim`` kills the actor's process after writing
    the shard's files and before returning its report (the worst moment for
    duplicates). Built here so that only the test imports Ray."""
    import os

    from ray_extract import Extract

    class ExtractThenDieOnce(Extract):
        def __call__(self, batch: Dict[str, Any]) -> Dict[str, List[str]]:
            reports = super().__call__(batch)
            if victim in [str(n) for n in batch["name"]] and not os.path.exists(marker):
                Path(marker).write_text(str(os.getpid()))
                os._exit(1)
            return reports

    return ExtractThenDieOnce
