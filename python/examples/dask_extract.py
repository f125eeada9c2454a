"""rasid's extraction over a corpus of shards on Dask, written as Parquet with
the tables and schema of ``rasid export``.

    python dask_extract.py SHARD_OR_DIR... --out OUT [--workers 2] [--scheduler tcp://HOST:8786]

The shards form a Dask bag, one partition each; every task runs
``rasid.shards.process_shard`` with its worker's pipeline
(``rasid.shards.worker_pipeline``: loaded once per worker process) and writes
the shard's rows under ``OUT/TABLE/month=YYYY-MM/part-SHARD.parquet``.
Without ``--scheduler`` a ``distributed.LocalCluster`` of ``--workers``
processes runs it; with ``--scheduler tcp://HOST:8786`` (``dask scheduler``
and ``dask worker`` on the nodes, or a Kubernetes/YARN/SLURM cluster from
dask-kubernetes, dask-yarn or dask-jobqueue) it runs there, the shards and
``OUT`` on storage every worker sees. A worker that dies has its tasks run
again elsewhere (the shard's files are replaced, not added to). Exit status:
0 when every shard was read, 1 when some records or shards could not be
(each named; the rest is written), 2 for bad arguments.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import dask.bag as db
from dask.distributed import Client, LocalCluster

from rasid import shards


def extract_shard(
    shard: Tuple[str, str], out: str, resources: Optional[str], extractors: Optional[List[str]], threads: int
) -> str:
    """One task: a shard through this worker's pipeline; its report as JSON."""
    path, name = shard
    pipeline = shards.worker_pipeline(resources, extractors)
    return shards.process_shard(pipeline, path, out, name=name, threads=threads).to_json()


def run(
    inputs: Sequence[str],
    out: str,
    *,
    workers: int = 2,
    scheduler: Optional[str] = None,
    threads: int = 1,
    resources: Optional[str] = None,
    extractors: Optional[List[str]] = None,
    task: Callable[..., str] = extract_shard,
) -> Dict[str, Any]:
    """Runs the extraction; returns the run's record (``rasid.shards.finish``).
    ``task`` is what runs per shard (``extract_shard``; the tests wrap it)."""
    found = shards.list_shards(inputs)
    shards.prepare_output(out)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(found, npartitions=len(found)).map(
            task, out=out, resources=resources, extractors=extractors, threads=threads
        )
        reports = bag.compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return shards.finish(out, reports, engine="dask", workers=workers)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return shards.main(
        run,
        argv,
        description=__doc__.split("\n\n")[0],
        cluster=("--scheduler", "a running Dask scheduler: tcp://HOST:8786"),
        workers_help="worker processes of the local cluster",
    )


if __name__ == "__main__":
    sys.exit(main())
