"""A corpus in shards, extracted anywhere: the building block of the Ray,
Dask and Spark recipes (``python/examples/``).

A *shard* is one input file (JSON Lines, or any form :func:`rasid.read`
reads, plain or ``.gz``/``.zst``). :func:`process_shard` reads it, runs the
pipeline over it in batches and writes its rows of ``rasid export``'s
per-article tables as Parquet, laid out as the export lays them out::

    OUT/articles/month=2017-12/part-SHARD.parquet
    OUT/entities/month=2017-12/part-SHARD.parquet
    ...

so DuckDB (``read_parquet('OUT/entities/**/*.parquet')``), Spark, Trino or
pyarrow read the output of a distributed run as they read an export. The
schemas are the export's (:func:`rasid.table_schema`), the rows those
``rasid export`` writes for an index of the same articles.

A shard's files are named after the shard and written under a temporary
name, then renamed: an engine that runs a shard again (a worker died, a task
was retried or speculated) replaces its files, so the output holds no
duplicate rows. Bad records are reported, not fatal: a shard with lines that
cannot be read is processed without them, and its :class:`ShardReport` names
the file and line of each, as ``rasid index`` does.

The engines only move shard names around; each worker holds one
:class:`rasid.Pipeline` (see :func:`worker_pipeline`), loaded once.

>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> report = process_shard(rasid.Pipeline(), "examples/astana-2017-12-21.txt", out)
>>> report.articles, report.rows["entities"], report.problems
(1, 18, [])
>>> sorted(report.files)[0]
'articles/month=2017-12/part-astana-2017-12-21.txt.parquet'
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import re
import resource
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Tuple, Union

from . import Pipeline, _rasid

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "RUN_FILE",
    "ShardReport",
    "finish",
    "list_shards",
    "prepare_output",
    "process_shard",
    "worker_pipeline",
]

#: The record of a distributed run, written by :func:`finish` into the output
#: directory (engines and readers skip files whose names start with ``_``).
RUN_FILE = "_rasid_shards.json"

#: Articles analysed at a time within a shard (bounds a worker's memory).
BATCH = 512

PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class ShardReport:
    """What :func:`process_shard` did with one shard."""

    #: The shard as given.
    shard: str
    #: Its name in the output files (``part-NAME.parquet``).
    name: str
    #: Articles read and written.
    articles: int = 0
    #: Rows written, by table.
    rows: Dict[str, int] = field(default_factory=dict)
    #: Files written, relative to the output directory.
    files: List[str] = field(default_factory=list)
    #: What could not be read, each naming the file and place
    #: (``news.jsonl:line 12: not valid JSON ...``); the rest was processed.
    problems: List[str] = field(default_factory=list)
    #: What was left out on purpose (an empty or binary file), as ``rasid index`` skips it.
    skipped: List[str] = field(default_factory=list)
    #: Seconds the shard took (read, analyse, write).
    seconds: float = 0.0
    #: CPU seconds the worker process spent on it (all its threads): the
    #: figure to compare on a machine that does other work.
    cpu_seconds: float = 0.0
    #: Peak resident memory of the worker process so far, in MiB.
    max_rss_mib: float = 0.0
    #: The worker's process id.
    pid: int = 0

    def to_json(self) -> str:
        """The report as one line of JSON (how the recipes carry it between processes)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "ShardReport":
        """A report from :meth:`to_json`'s text."""
        return cls(**json.loads(text))


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\-=]+", "_", name).strip("._") or "shard"


def list_shards(inputs: Sequence[PathLike]) -> List[Tuple[str, str]]:
    """The shards of ``inputs`` (files, or directories read recursively, in
    name order), each with the name its output files take: its path relative
    to the inputs' common directory (``2017/12/part-0.jsonl`` →
    ``2017__12__part-0.jsonl``), unique across the run.

    Raises:
        ValueError: no shard, or an input that does not exist.
    """
    files: List[str] = []
    for given in inputs:
        path = os.path.abspath(os.fspath(given))
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith((".", "_")))
        elif os.path.exists(path):
            files.append(path)
        else:
            raise ValueError(f"{given}: no such file or directory")
    files = sorted(dict.fromkeys(files))
    if not files:
        raise ValueError("no shards in " + ", ".join(os.fspath(p) for p in inputs))
    common = os.path.commonpath([os.path.dirname(f) for f in files])
    return [(f, _safe(os.path.relpath(f, common).replace(os.sep, "__"))) for f in files]


def prepare_output(out: str) -> None:
    """Creates the output directory; refuses one that holds files already (as
    ``rasid export`` does), so a run never mixes with another's output.

    Raises:
        FileExistsError: ``out`` is not empty.
    """
    fs, root = _filesystem(out)
    import pyarrow.fs as pafs

    info = fs.get_file_info(root)
    if info.type == pafs.FileType.Directory:
        if fs.get_file_info(pafs.FileSelector(root, recursive=False)):
            raise FileExistsError(f"{out}: the output directory is not empty")
    elif info.type != pafs.FileType.NotFound:
        raise FileExistsError(f"{out}: exists and is not a directory")
    fs.create_dir(root, recursive=True)


def _filesystem(out: str) -> Tuple[Any, str]:
    """The pyarrow filesystem and path of ``out``: a local path, or a URI
    (``s3://bucket/prefix``, ``gs://``, ``hdfs://``) on a real cluster."""
    import pyarrow.fs as pafs

    if "://" not in out:
        return pafs.LocalFileSystem(), os.path.abspath(out)
    fs, root = pafs.FileSystem.from_uri(out)
    return fs, root


_PIPELINES: Dict[str, Pipeline] = {}


def worker_pipeline(
    resources: Optional[PathLike] = None,
    extractors: Optional[Iterable[str]] = None,
    summary_sentences: int = 3,
    ner: Optional[Literal["fast", "accurate"]] = None,
) -> Pipeline:
    """This process's pipeline with these settings (``ner`` the entity tagger,
    as for :class:`rasid.Pipeline`), built on first use: a Dask or Spark
    worker loads the models once, not once per task."""
    names = None if extractors is None else list(extractors)
    key = json.dumps([None if resources is None else os.fspath(resources), names, summary_sentences, ner])
    found = _PIPELINES.get(key)
    if found is None:
        found = _PIPELINES[key] = Pipeline(resources, names, summary_sentences, ner=ner)
    return found


def _batches(shard: str, report: "ShardReport") -> Iterator[List[str]]:
    """The shard's articles (as the JSON the native side takes) in batches;
    what cannot be read goes to ``report.problems``, what is left out on
    purpose (an empty or binary file) to ``report.skipped``."""
    batch: List[str] = []
    for found, problem in _rasid.Reader([shard], None, None):
        if found is not None:
            batch.append(found)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        elif problem is not None:
            _path, _location, _reason, skip, message = problem
            (report.skipped if skip else report.problems).append(message)
    if batch:
        yield batch


def process_shard(
    pipeline: Pipeline,
    shard: PathLike,
    out: str,
    *,
    name: Optional[str] = None,
    threads: Optional[int] = None,
) -> ShardReport:
    """Reads one shard, analyses it with ``pipeline`` (``threads`` threads,
    all cores by default) and writes its rows of the per-article tables under
    ``out`` (a directory or a URI) as ``TABLE/month=M/part-NAME.parquet``
    (``name``: from :func:`list_shards`, else the file's name).

    Running it again for the same shard replaces the same files. Records that
    cannot be read are left out and listed in the report's ``problems``; a
    shard that cannot be opened at all gives a report with no articles and
    its problem.

    Raises:
        OSError: the output cannot be written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    started, cpu_started = time.perf_counter(), time.process_time()
    shard = os.fspath(shard)
    report = ShardReport(shard=shard, name=_safe(name or os.path.basename(shard)), pid=os.getpid())
    fs, root = _filesystem(out)
    writers: Dict[Tuple[str, str], Any] = {}
    temp: Dict[Tuple[str, str], str] = {}
    tag = uuid.uuid4().hex[:8]
    try:
        for batch in _batches(shard, report):
            report.articles += len(batch)
            for stream in pipeline._native.analyze_tables(batch, threads):
                if stream.num_rows == 0:
                    continue
                reader = pa.RecordBatchReader.from_stream(stream)
                schema = _as_exported(reader.schema)
                for month, record_batch in zip(stream.months, reader):
                    record_batch = record_batch.cast(schema)
                    key = (stream.name, month)
                    if key not in writers:
                        directory = f"{root}/{stream.name}/month={month}"
                        fs.create_dir(directory, recursive=True)
                        temp[key] = f"{directory}/.part-{report.name}.{tag}.tmp"
                        writers[key] = pq.ParquetWriter(temp[key], schema, filesystem=fs, compression="zstd")
                    writers[key].write_batch(record_batch)
                    report.rows[stream.name] = report.rows.get(stream.name, 0) + record_batch.num_rows
        for key, writer in writers.items():
            writer.close()
            table, month = key
            final = f"{table}/month={month}/part-{report.name}.parquet"
            fs.move(temp.pop(key), f"{root}/{final}")
            report.files.append(final)
    finally:
        for key, path in temp.items():
            try:
                writers[key].close()
                fs.delete_file(path)
            except Exception:  # pragma: no cover - best effort on the way out
                pass
    report.files.sort()
    report.seconds = round(time.perf_counter() - started, 3)
    report.cpu_seconds = round(time.process_time() - cpu_started, 3)
    report.max_rss_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return report


def _as_exported(schema: "pyarrow.Schema") -> "pyarrow.Schema":
    """The schema as the export's Parquet files hold it: arrow-rs writes a
    timestamp in seconds (``articles.published``) as a plain INT64 (Parquet
    has no logical type for seconds), which pyarrow, DuckDB and Spark read as
    seconds since the epoch; pyarrow would write it as milliseconds. The same
    column type here keeps the files of a distributed run readable together
    with an export's."""
    import pyarrow as pa

    fields = [
        f.with_type(pa.int64()) if pa.types.is_timestamp(f.type) and f.type.unit == "s" else f for f in schema
    ]
    return pa.schema(fields, metadata=schema.metadata)


def finish(out: str, reports: Iterable[Union[ShardReport, str]], *, engine: str, workers: int) -> Dict[str, Any]:
    """Writes the run's record (:data:`RUN_FILE`) into ``out`` and returns it:
    shards, articles and rows by table, and every problem with its shard.

    Reports may be :class:`ShardReport` objects or their JSON.
    """
    got = [r if isinstance(r, ShardReport) else ShardReport.from_json(r) for r in reports]
    got.sort(key=lambda r: r.name)
    rows: Dict[str, int] = {}
    for r in got:
        for table, n in r.rows.items():
            rows[table] = rows.get(table, 0) + n
    record = {
        "kind": "rasid-shards",
        "engine": engine,
        "workers": workers,
        "output_version": _rasid.OUTPUT_VERSION,
        "shards": len(got),
        "articles": sum(r.articles for r in got),
        "rows": dict(sorted(rows.items())),
        "failed_shards": [r.shard for r in got if r.problems],
        "problems": [p for r in got for p in r.problems],
        "skipped": [p for r in got for p in r.skipped],
        "reports": [asdict(r) for r in got],
    }
    fs, root = _filesystem(out)
    with fs.open_output_stream(f"{root}/{RUN_FILE}") as f:
        f.write((json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return record


def summary_line(record: Dict[str, Any]) -> str:
    """One line about a run, for the recipes' output."""
    return (
        f"rasid: {record['engine']}, {record['workers']} workers: {record['articles']} articles "
        f"from {record['shards']} shards, {sum(record['rows'].values())} rows"
        + (f"; {len(record['failed_shards'])} shards with problems" if record["failed_shards"] else "")
    )


def main(
    run: Callable[..., Dict[str, Any]],
    argv: Optional[Sequence[str]],
    *,
    description: str,
    cluster: Tuple[str, str],
    workers_help: str,
    threads_help: str = "rasid threads per task",
    out_help: str = "output directory (or s3://... URI)",
) -> int:
    """The command line of a recipe: its arguments, then ``run`` with them, its
    problems and summary on stderr, and exit codes as ``rasid index``'s (0 all
    read, 1 some shards had problems, 2 bad arguments). ``cluster`` is the
    recipe's flag for a running cluster and its help (``("--address", ...)``)."""
    flag, cluster_help = cluster
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("inputs", nargs="+", help="shard files or directories of shards")
    parser.add_argument("--out", required=True, help=out_help)
    parser.add_argument("--workers", type=int, default=2, help=workers_help)
    parser.add_argument("--threads", type=int, default=1, help=threads_help)
    parser.add_argument(flag, help=cluster_help)
    parser.add_argument("--resources", help="rasid resources directory (rasid --resources)")
    parser.add_argument("--extractors", nargs="*", help="extractors to run (all by default)")
    args = vars(parser.parse_args(argv))
    try:
        record = run(args.pop("inputs"), args.pop("out"), **args)
    except (ValueError, FileExistsError) as err:
        print(f"rasid: error: {err}", file=sys.stderr)
        return 2
    for problem in record["problems"]:
        print(f"rasid: {problem}", file=sys.stderr)
    print(summary_line(record), file=sys.stderr)
    return 1 if record["failed_shards"] else 0


def table_of(stream: Any) -> "pyarrow.Table":
    """A native stream as a ``pyarrow.Table``."""
    import pyarrow as pa

    return pa.RecordBatchReader.from_stream(stream).read_all()
