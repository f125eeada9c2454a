"""rasid's extraction over a corpus of shards on Apache Spark (``mapInArrow``),
written as Parquet with the tables and schema of ``rasid export``.

    python spark_extract.py SHARD_OR_DIR... --out OUT [--workers 2] [--master spark://HOST:7077]

The shards form a DataFrame of (path, name), one partition each;
``mapInArrow`` runs ``rasid.shards.process_shard`` in the Python workers, each
holding one pipeline (``rasid.shards.worker_pipeline``; Spark reuses its
Python workers), and writes the shard's rows under
``OUT/TABLE/month=YYYY-MM/part-SHARD.parquet``; the reports come back as
Arrow batches. Without ``--master`` it runs in local mode on ``--workers``
cores; ``--master spark://HOST:7077`` or ``yarn`` (or ``spark-submit``) runs
it on a cluster, the shards and ``OUT`` on storage every executor sees. A
failed task is run again (the shard's files are replaced). Exit status: 0
when every shard was read, 1 when some records or shards could not be, 2 for
bad arguments.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence

import pyarrow as pa
from pyspark.sql import SparkSession

from rasid import shards


def run(
    inputs: Sequence[str],
    out: str,
    *,
    workers: int = 2,
    master: Optional[str] = None,
    threads: int = 1,
    resources: Optional[str] = None,
    extractors: Optional[List[str]] = None,
) -> Dict[str, Any]:
    """Runs the extraction; returns the run's record (``rasid.shards.finish``)."""
    found = shards.list_shards(inputs)
    shards.prepare_output(out)
    # Local mode's Python workers: this interpreter (with rasid installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master or f"local[{workers}]")
        .appName("rasid-extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.task.maxFailures", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    def extract(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        pipeline = shards.worker_pipeline(resources, extractors)
        for batch in batches:
            reports = [
                shards.process_shard(pipeline, path, out, name=name, threads=threads).to_json()
                for path, name in zip(batch.column("path").to_pylist(), batch.column("name").to_pylist())
            ]
            yield pa.RecordBatch.from_pydict({"report": reports})

    try:
        frame = spark.createDataFrame(found, "path string, name string").repartition(len(found))
        reports = [row.report for row in frame.mapInArrow(extract, "report string").collect()]
    finally:
        spark.stop()
    return shards.finish(out, reports, engine="spark", workers=workers)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return shards.main(
        run,
        argv,
        description=__doc__.split("\n\n")[0],
        cluster=("--master", "a Spark master: spark://HOST:7077, yarn, k8s://..."),
        workers_help="cores of local mode",
        out_help="output directory (or s3a://... URI)",
    )


if __name__ == "__main__":
    sys.exit(main())
