"""rasid's extraction over a corpus of shards on Ray Data, written as Parquet
with the tables and schema of ``rasid export``.

    python ray_extract.py SHARD_OR_DIR... --out OUT [--workers 2] [--address auto]

Each shard (a JSON Lines file, or anything ``rasid.read`` reads) is one row of
a Ray dataset; ``map_batches`` sends them to a pool of actors (``Extract``),
each holding one ``rasid.Pipeline`` loaded once, which write the shard's rows
under ``OUT/TABLE/month=YYYY-MM/part-SHARD.parquet`` (see ``rasid.shards``).
Without ``--address`` Ray starts a local cluster of ``--workers`` CPUs; with
``--address auto`` (on a cluster node) or ``ray://HEAD:10001`` it runs there,
the shards and ``OUT`` on storage every node sees (a shared file system, or
``s3://bucket/prefix`` for ``OUT``). Exit status: 0 when every shard was read,
1 when some records or shards could not be (each named in the output and in
``OUT/_rasid_shards.json``; the rest is written), 2 for bad arguments.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional, Sequence, Type

import numpy as np
import ray

import rasid
from rasid import shards


class Extract:
    """A Ray actor: one pipeline, many shards."""

    def __init__(self, out: str, resources: Optional[str], extractors: Optional[List[str]], threads: int) -> None:
        self.pipeline = rasid.Pipeline(resources, extractors)
        self.out = out
        self.threads = threads

    def __call__(self, batch: Dict[str, np.ndarray]) -> Dict[str, List[str]]:
        reports = [
            shards.process_shard(self.pipeline, str(path), self.out, name=str(name), threads=self.threads).to_json()
            for path, name in zip(batch["path"], batch["name"])
        ]
        return {"report": reports}


def run(
    inputs: Sequence[str],
    out: str,
    *,
    workers: int = 2,
    address: Optional[str] = None,
    threads: int = 1,
    resources: Optional[str] = None,
    extractors: Optional[List[str]] = None,
    actor: Type[Extract] = Extract,
) -> Dict[str, Any]:
    """Runs the extraction; returns the run's record (``rasid.shards.finish``).

    ``actor`` is the class of the pool's actors: ``Extract`` or a subclass of it
    (the tests kill one mid-run that way)."""
    found = shards.list_shards(inputs)
    shards.prepare_output(out)
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address)
        else:
            ray.init(num_cpus=workers * threads, include_dashboard=False, log_to_driver=False)
    try:
        dataset = ray.data.from_items(
            [{"path": path, "name": name} for path, name in found], override_num_blocks=len(found)
        )
        reports = dataset.map_batches(
            actor,
            fn_constructor_kwargs={"out": out, "resources": resources, "extractors": extractors, "threads": threads},
            batch_size=1,
            concurrency=workers,
            num_cpus=threads,
            # Ray Data restarts a dead actor and runs its shard again (max_restarts=-1,
            # max_task_retries=-1 by default): the shard's files are replaced.
        ).take_all()
    finally:
        if started_here:
            ray.shutdown()
    return shards.finish(out, [r["report"] for r in reports], engine="ray", workers=workers)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return shards.main(
        run,
        argv,
        description=__doc__.split("\n\n")[0],
        cluster=("--address", "a running Ray cluster: auto, ray://HEAD:10001"),
        workers_help="actors (pipelines) to run",
        threads_help="threads (and CPUs) per actor",
    )


if __name__ == "__main__":
    sys.exit(main())
