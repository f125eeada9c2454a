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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best(rounds: int, run: Callable[[], Any], cpu: Callable[[], float] = time.process_time) -> Dict[str, float]:
    """The least wall and the least CPU seconds of ``rounds`` runs (``cpu``:
    this process's CPU clock, or ``children_cpu`` for a command). On a shared
    machine the CPU seconds are the figure to compare."""
    walls, cpus = [], []
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), cpu()
        run()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu() - cpu_started)
    return {"seconds": min(walls), "cpu_seconds": min(cpus)}


def cli(binary: str, sample: Path, one: Path, rounds: int) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for threads in (None, 1, 2):
        env = dict(os.environ)
        if threads:
            env["RAYON_NUM_THREADS"] = str(threads)
        run = lambda path=sample: subprocess.run([binary, "analyze", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)  # noqa: E731
        out[f"threads_{threads or 'all'}"] = best(rounds, run, children_cpu)
    out["startup"] = best(rounds, lambda: subprocess.run([binary, "analyze", str(one)], stdout=subprocess.DEVNULL, check=False), children_cpu)
    out["max_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def python(sample: Path, rounds: int, singles: int) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    pipeline = None

    def load() -> None:
        nonlocal pipeline
        pipeline = rasid.Pipeline()
        pipeline.analyze("نص")

    out["startup"] = best(1, load)
    assert pipeline is not None
    articles = list(rasid.read(sample))
    out["articles"] = len(articles)
    out["analyze_batch"] = best(rounds, lambda: pipeline.analyze_batch(articles))
    out["read_and_analyze_batch"] = best(rounds, lambda: pipeline.analyze_batch(rasid.read(sample)))
    out["analyze_tables"] = best(rounds, lambda: pipeline.analyze_tables(articles))
    few = articles[:singles]
    out["single_calls"] = len(few)
    out["single_calls_run"] = best(rounds, lambda: [pipeline.analyze(a) for a in few])
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
        cpu = sum(r["cpu_seconds"] for r in record["reports"])
        out[str(workers)] = {
            "articles": record["articles"],
            "seconds": seconds,
            "startup_seconds": startup,
            "articles_per_second": record["articles"] / seconds,
            # None when the run is too short to tell (no longer than the start-up).
            "articles_per_second_net": record["articles"] / (seconds - startup) if seconds > startup else None,
            "worker_max_rss_mib": sorted(rss.values()),
            # The workers' CPU seconds on the shards, all workers together.
            "worker_cpu_seconds": cpu,
            "articles_per_worker_cpu_second": record["articles"] / cpu if cpu else None,
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

    def rate(f: Dict[str, float], count: int = n) -> List[str]:
        return [f"{count / f['seconds']:,.0f}", f"{count / f['cpu_seconds']:,.0f}"]

    rows: List[List[str]] = [
        ["`rasid analyze` (all cores)", *rate(c["threads_all"]), f"{c['startup']['seconds']:.2f}", f"{c['max_rss_mib']:,.0f}"],
        ["`rasid analyze`, 1 thread", *rate(c["threads_1"]), "", ""],
        ["`rasid analyze`, 2 threads", *rate(c["threads_2"]), "", ""],
        ["`Pipeline.analyze_batch` (articles read)", *rate(p["analyze_batch"]), f"{p['startup']['seconds']:.2f}", f"{p['max_rss_mib']:,.0f}"],
        ["`rasid.read` + `analyze_batch`", *rate(p["read_and_analyze_batch"]), "", ""],
        ["`Pipeline.analyze_tables`", *rate(p["analyze_tables"]), "", ""],
        [f"`analyze()` one at a time ({p['single_calls']})", *rate(p["single_calls_run"], p["single_calls"]), "", ""],
    ]
    for name in [e for e in args.engines.split(",") if e]:
        for workers, f in figures[name].items():
            per_cpu = f["articles_per_worker_cpu_second"]
            rows.append([
                f"{name}, {workers} worker{'s' if workers != '1' else ''} ({args.shards} shards)",
                f"{f['articles_per_second']:,.0f} ("
                + ("n/a" if f["articles_per_second_net"] is None else f"{f['articles_per_second_net']:,.0f}")
                + " net)",
                "n/a" if per_cpu is None else f"{per_cpu:,.0f} (workers)",
                f"{f['startup_seconds']:.1f}",
                " / ".join(f"{m:,.0f}" for m in f["worker_max_rss_mib"]),
            ])
    print("| run | articles/s | articles per CPU-s | start-up s | peak memory MiB |\n|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    wall = 1 - c["threads_all"]["seconds"] / p["analyze_batch"]["seconds"]
    cpu = 1 - c["threads_all"]["cpu_seconds"] / p["analyze_batch"]["cpu_seconds"]
    print(f"\nPython overhead of analyze_batch against rasid analyze (1 - its articles/s over the CLI's): "
          f"{wall:+.1%} wall, {cpu:+.1%} per CPU-second (the CLI's figures include its start-up and "
          "reading; analyze_batch's pipeline is loaded and its articles read before)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
