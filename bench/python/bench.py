"""Benchmarks of issue 15 ("Measured"): the Python package against `rasid
analyze`, and the Ray / Dask (/ Spark) recipes with 1 and 2 workers.

    python bench/python/bench.py SAMPLE.jsonl --rasid target/release/rasid [--engines ray,dask,spark] [--shards 8]

Needs the package built in release (`pip install ./python`, as the README
says) and the CLI in release (`cargo build --release -p rasid-cli`). Prints a
markdown table and writes the figures as JSON (`--json OUT`). What it
measures, each the best of `--rounds` runs:

- `rasid analyze SAMPLE > /dev/null` (all cores, then RAYON_NUM_THREADS=1 and
  2): articles/s, peak memory; its start-up: `rasid analyze` of one article.
- Python: `Pipeline()` and its first call (start-up); `Pipeline.analyze_batch`
  over the sample (articles already read, all cores), with `rasid.read`
  included, and `analyze_tables`; single `analyze()` calls over the first
  `--singles` articles. Overhead = 1 - (Python articles/s / CLI articles/s).
- Each engine's recipe (python/examples/) over the sample cut into `--shards`
  JSONL shards, with 1 and 2 workers of 1 thread: wall time, articles/s, the
  fixed start-up cost (the same run over a one-article shard: cluster start,
  pipeline load, shutdown), articles/s net of it, peak memory per worker
  (the workers' own maximum RSS).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List

import rasid

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "examples"))
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "python" / "examples"), os.environ.get("PYTHONPATH", "")])
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def best(rounds: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def cli(binary: str, sample: Path, one: Path, rounds: int) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for threads in (None, 1, 2):
        env = dict(os.environ)
        if threads:
            env["RAYON_NUM_THREADS"] = str(threads)
        run = lambda path=sample: subprocess.run([binary, "analyze", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)  # noqa: E731
        out[f"seconds_threads_{threads or 'all'}"] = best(rounds, run)
    out["startup_seconds"] = best(rounds, lambda: subprocess.run([binary, "analyze", str(one)], stdout=subprocess.DEVNULL, check=False))
    out["max_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def python(sample: Path, rounds: int, singles: int) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    started = time.perf_counter()
    pipeline = rasid.Pipeline()
    pipeline.analyze("نص")
    out["startup_seconds"] = time.perf_counter() - started
    articles = list(rasid.read(sample))
    out["articles"] = len(articles)
    out["analyze_batch_seconds"] = best(rounds, lambda: pipeline.analyze_batch(articles))
    out["read_and_analyze_batch_seconds"] = best(rounds, lambda: pipeline.analyze_batch(rasid.read(sample)))
    out["analyze_tables_seconds"] = best(rounds, lambda: pipeline.analyze_tables(articles))
    few = articles[:singles]
    out["single_calls"] = len(few)
    out["single_calls_seconds"] = best(rounds, lambda: [pipeline.analyze(a) for a in few])
    out["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def cut(sample: Path, shards: int, into: Path) -> None:
    lines = [l for l in sample.read_text(encoding="utf-8").splitlines() if l.strip()]
    into.mkdir(parents=True)
    size = -(-len(lines) // shards)
    for i in range(shards):
        (into / f"part-{i:03d}.jsonl").write_text("".join(l + "\n" for l in lines[i * size : (i + 1) * size]), encoding="utf-8")


def engine(name: str, shard_dir: Path, one_dir: Path, work: Path) -> Dict[str, Any]:
    module = importlib.import_module(f"{name}_extract")
    out: Dict[str, Any] = {}
    for workers in (1, 2):
        started = time.perf_counter()
        module.run([str(one_dir)], str(work / f"{name}-{workers}-startup"), workers=workers)
        startup = time.perf_counter() - started
        started = time.perf_counter()
        record = module.run([str(shard_dir)], str(work / f"{name}-{workers}"), workers=workers)
        seconds = time.perf_counter() - started
        rss: Dict[int, float] = {}
        for r in record["reports"]:
            rss[r["pid"]] = max(rss.get(r["pid"], 0.0), r["max_rss_mib"])
        out[str(workers)] = {
            "articles": record["articles"],
            "seconds": seconds,
            "startup_seconds": startup,
            "articles_per_second": record["articles"] / seconds,
            # None when the run is too short to tell (no longer than the start-up).
            "articles_per_second_net": record["articles"] / (seconds - startup) if seconds > startup else None,
            "worker_max_rss_mib": sorted(rss.values()),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sample", type=Path, help="JSON Lines sample (the 20k sample of BENCHMARKS.md)")
    parser.add_argument("--rasid", required=True, help="the rasid binary (release)")
    parser.add_argument("--engines", default="ray,dask", help="recipes to run: ray,dask,spark")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--singles", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    figures: Dict[str, Any] = {"sample": str(args.sample), "cpus": os.cpu_count(), "rasid": rasid.__version__}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one.jsonl"
        with args.sample.open(encoding="utf-8") as f:
            one.write_text(next(l for l in f if l.strip()), encoding="utf-8")
        (work / "one").mkdir()
        (work / "one" / "part-000.jsonl").write_text(one.read_text(encoding="utf-8"), encoding="utf-8")
        figures["cli"] = cli(args.rasid, args.sample, one, args.rounds)
        figures["python"] = python(args.sample, args.rounds, args.singles)
        cut(args.sample, args.shards, work / "shards")
        for name in [e for e in args.engines.split(",") if e]:
            figures[name] = engine(name, work / "shards", work / "one", work)
    n = figures["python"]["articles"]
    c, p = figures["cli"], figures["python"]
    rows: List[List[str]] = [
        ["`rasid analyze` (all cores)", f"{n / c['seconds_threads_all']:,.0f}", f"{c['startup_seconds']:.2f}", f"{c['max_rss_mib']:,.0f}"],
        ["`rasid analyze`, 1 thread", f"{n / c['seconds_threads_1']:,.0f}", "", ""],
        ["`rasid analyze`, 2 threads", f"{n / c['seconds_threads_2']:,.0f}", "", ""],
        ["`Pipeline.analyze_batch` (articles read)", f"{n / p['analyze_batch_seconds']:,.0f}", f"{p['startup_seconds']:.2f}", f"{p['max_rss_mib']:,.0f}"],
        ["`rasid.read` + `analyze_batch`", f"{n / p['read_and_analyze_batch_seconds']:,.0f}", "", ""],
        ["`Pipeline.analyze_tables`", f"{n / p['analyze_tables_seconds']:,.0f}", "", ""],
        [f"`analyze()` one at a time ({p['single_calls']})", f"{p['single_calls'] / p['single_calls_seconds']:,.0f}", "", ""],
    ]
    for name in [e for e in args.engines.split(",") if e]:
        for workers, f in figures[name].items():
            rows.append([
                f"{name}, {workers} worker{'s' if workers != '1' else ''} ({args.shards} shards)",
                f"{f['articles_per_second']:,.0f} ("
                + ("n/a" if f["articles_per_second_net"] is None else f"{f['articles_per_second_net']:,.0f}")
                + " net)",
                f"{f['startup_seconds']:.1f}",
                " / ".join(f"{m:,.0f}" for m in f["worker_max_rss_mib"]),
            ])
    print("| run | articles/s | start-up s | peak memory MiB |\n|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    overhead = 1 - (n / p["analyze_batch_seconds"]) / (n / c["seconds_threads_all"])
    net = 1 - (n / p["analyze_batch_seconds"]) / (n / max(c["seconds_threads_all"] - c["startup_seconds"], 1e-9))
    print(f"\nPython overhead of analyze_batch against rasid analyze: {overhead:+.1%} "
          f"({net:+.1%} against rasid analyze net of its start-up; analyze_batch's pipeline is loaded before)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
