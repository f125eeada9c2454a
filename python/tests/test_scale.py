"""The export's tables from Python (`Pipeline.analyze_tables`) and the
scale-out recipes (python/examples/: Ray Data, Dask, Spark) against the
single-process `rasid index` + `rasid export` of the same articles, row for
row.

The engines run on local clusters of 2 workers over a few hundred articles
(tests/corpus.py) in five shards, one of them gzipped and one corrupt. A
package missing here fails its test; RASID_TEST_SKIP=ray,dask,pyspark skips
those on purpose (CI does not set it).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List

import pytest

import rasid
from rasid import shards

from corpus import articles, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "python" / "examples"
# A busy machine can take more than Ray's 60 s to start a local node (the raylet
# registers late); the tests wait longer rather than fail.
os.environ.setdefault("RAY_raylet_start_wait_time_s", "180")
PER_ARTICLE = ["articles", "mentions", "entities", "places", "times", "numbers", "summaries"]


def need(module: str) -> ModuleType:
    """The module, or a skip when RASID_TEST_SKIP names it; missing otherwise, the test fails."""
    if module in os.environ.get("RASID_TEST_SKIP", "").split(","):
        pytest.skip(f"{module} left out on purpose (RASID_TEST_SKIP)")
    return importlib.import_module(module)


def rasid_bin() -> str:
    if os.environ.get("RASID_BIN"):
        return os.environ["RASID_BIN"]
    return str(Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "rasid")


def cli(*args: Any, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run([rasid_bin(), *map(str, args)], capture_output=True, text=True)
    assert done.returncode in ok, f"rasid {' '.join(map(str, args))}: {done.returncode} {done.stderr}"
    return done.stdout


def read_tables(out: Path) -> Dict[str, Dict[str, List[str]]]:
    """Every table under ``out``: month → its rows (as sorted JSON), read by pyarrow."""
    import pyarrow.parquet as pq

    found: Dict[str, Dict[str, List[str]]] = {}
    for file in sorted(out.glob("*/month=*/*.parquet")):
        table, month = file.parts[-3], file.parts[-2].removeprefix("month=")
        rows = pq.read_table(file).to_pylist()
        found.setdefault(table, {}).setdefault(month, []).extend(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)
    for months in found.values():
        for rows in months.values():
            rows.sort()
    return found


def schemas(out: Path) -> Dict[str, Any]:
    """Each table's schema as pyarrow reads its Parquet files."""
    import pyarrow.parquet as pq

    return {file.parts[-3]: pq.read_schema(file) for file in sorted(out.glob("*/month=*/*.parquet"))}


def written_schemas(out: Path) -> Dict[str, Any]:
    """Each table's Arrow schema as the writer recorded it in its Parquet files (``ARROW:schema``)."""
    import base64

    import pyarrow as pa
    import pyarrow.parquet as pq

    found = {}
    for file in sorted(out.glob("*/month=*/*.parquet")):
        stored = pq.read_metadata(file).metadata[b"ARROW:schema"]
        found[file.parts[-3]] = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(stored)))
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """Five shards (one gzipped, one corrupt) and the single-process export of them."""
    root = tmp_path_factory.mktemp("scale")
    shard_dir = root / "shards"
    (shard_dir / "2018").mkdir(parents=True)
    records = articles(320)
    write_jsonl(shard_dir / "part-0.jsonl", records[:90])
    write_jsonl(shard_dir / "part-1.jsonl", records[90:170])
    write_jsonl(shard_dir / "part-2.jsonl.gz", records[170:250])
    write_jsonl(shard_dir / "2018" / "part-0.jsonl", records[250:300])
    # The corrupt shard: good records around one that is not JSON and one without a body.
    good = [json.dumps(r, ensure_ascii=False) for r in records[300:]]
    corrupt = shard_dir / "corrupt.jsonl"
    corrupt.write_text(
        "\n".join(good[:10] + ['{"title": "مقطوع", "body": "نص'] + good[10:15] + ['{"title": "بلا نص"}'] + good[15:]) + "\n",
        encoding="utf-8",
    )
    index, reference = root / "index", root / "reference"
    cli("index", shard_dir, "--index", index, "-q", ok=(1,))  # 1: some records failed
    cli("export", "--index", index, "--out", reference)
    return {"root": root, "shards": shard_dir, "corrupt": str(corrupt), "reference": reference, "articles": 320}


def check_run(record: Dict[str, Any], out: Path, corpus: Dict[str, Any]) -> None:
    """The run equals the single-process export, and the corrupt shard is reported by name."""
    assert record["shards"] == 5 and record["articles"] == corpus["articles"]
    assert record["failed_shards"] == [corpus["corrupt"]]
    assert [p.split(": ")[0] for p in record["problems"]] == [f"{corpus['corrupt']}:line 11", f"{corpus['corrupt']}:line 17"]
    assert json.loads((out / shards.RUN_FILE).read_text(encoding="utf-8"))["articles"] == corpus["articles"]
    # `events` is deduplicated across the whole index (like stories): shards do not write it.
    expected = {t: rows for t, rows in read_tables(corpus["reference"]).items() if t != "events"}
    got = read_tables(out)
    assert set(got) == set(expected) and set(PER_ARTICLE) <= set(got)
    for table in expected:
        assert got[table].keys() == expected[table].keys(), table
        for month in expected[table]:
            assert got[table][month] == expected[table][month], f"{table}/month={month}"
    reference_schemas = schemas(corpus["reference"])
    for table, schema in schemas(out).items():
        assert schema.equals(reference_schemas[table], check_metadata=False), table
        assert schema.equals(shards._as_exported(rasid.table_schema(table)), check_metadata=False), table
    assert not list(out.rglob("*.tmp")), "temporary files left"


def recipe(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # Workers (other processes) import the recipe by name.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(EXAMPLES), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.syspath_prepend(str(EXAMPLES))
    return importlib.import_module(name)


def test_analyze_tables_equal_the_export(tmp_path: Path) -> None:
    """Point 1: the Arrow tables of a batch have the export's schema and rows."""
    pa = need("pyarrow")
    news = write_jsonl(tmp_path / "news.jsonl", articles(40, seed=3))
    cli("index", news, ROOT / "examples", "--index", tmp_path / "index", "-q")
    cli("export", "--index", tmp_path / "index", "--out", tmp_path / "export")
    batch = list(rasid.read([news, ROOT / "examples"]))
    tables = rasid.Pipeline().analyze_tables(batch)
    assert list(tables) == [t for t in rasid.TABLES if t not in ("stories", "deleted", "events")]
    exported = read_tables(tmp_path / "export")
    exported_schemas = written_schemas(tmp_path / "export")
    assert set(PER_ARTICLE) <= set(exported_schemas)
    for name, table in tables.items():
        assert isinstance(table, pa.Table)
        assert table.schema.equals(rasid.table_schema(name))
        if name in exported_schemas:
            assert table.schema.equals(exported_schemas[name], check_metadata=False), name
        # As the export's files read (seconds as int64, see rasid.shards).
        table = table.cast(shards._as_exported(table.schema))
        rows = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in table.to_pylist())
        assert rows == sorted(r for month in exported.get(name, {}).values() for r in month), name
    assert tables["articles"].num_rows == len(batch)
    assert tables["entities"].num_rows > len(batch)
    # One table, and the same through another Arrow consumer.
    assert rasid.Pipeline().analyze_table(batch[:5], "times").equals(
        rasid.Pipeline().analyze_tables(batch[:5])["times"]
    )
    with pytest.raises(ValueError, match="unknown table"):
        rasid.Pipeline().analyze_table(batch[:1], "stories")
    with pytest.raises(ValueError, match="unknown table"):
        rasid.table_schema("nope")


def test_analyze_tables_of_nothing_keep_their_schemas() -> None:
    tables = rasid.Pipeline().analyze_tables([])
    assert all(t.num_rows == 0 for t in tables.values())
    assert tables["places"].schema.equals(rasid.table_schema("places"))
    text_only = rasid.Pipeline(extractors=[]).analyze_tables(["نص"])
    assert text_only["articles"].column("extracted").to_pylist() == [False]
    assert text_only["mentions"].num_rows == 0


def test_a_shard_run_twice_is_replaced_not_added(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shard = write_jsonl(tmp_path / "in" / "s.jsonl", articles(12, seed=4))
    pipeline = shards.worker_pipeline()
    assert shards.worker_pipeline() is pipeline  # once per process
    first = shards.process_shard(pipeline, shard, str(tmp_path / "out"))
    before = read_tables(tmp_path / "out")
    again = shards.process_shard(pipeline, shard, str(tmp_path / "out"))
    assert (first.files, first.rows, first.articles) == (again.files, again.rows, again.articles) and first.articles == 12
    assert read_tables(tmp_path / "out") == before
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()) == first.files


def test_shard_names_and_bad_arguments(tmp_path: Path) -> None:
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    for p in (tmp_path / "a" / "x" / "part-0.jsonl", tmp_path / "b" / "part-0.jsonl", tmp_path / "a" / "_ignored"):
        p.write_text("{}\n")
    assert [n for _, n in shards.list_shards([tmp_path])] == ["a__x__part-0.jsonl", "b__part-0.jsonl"]
    with pytest.raises(ValueError, match="no such file"):
        shards.list_shards([tmp_path / "missing"])
    with pytest.raises(FileExistsError, match="not empty"):
        shards.prepare_output(str(tmp_path))
    # A shard that cannot be read at all is a report, not an exception.
    report = shards.process_shard(shards.worker_pipeline(), tmp_path / "gone.jsonl", str(tmp_path / "out"))
    assert report.articles == 0 and report.files == [] and "gone.jsonl" in report.problems[0]


def test_dask_local_cluster_of_two_equals_the_export(corpus: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    need("dask")
    need("distributed")
    dask_extract = recipe("dask_extract", monkeypatch)
    out = corpus["root"] / "dask"
    record = dask_extract.run([str(corpus["shards"])], str(out), workers=2)
    check_run(record, out, corpus)
    assert len({r["pid"] for r in record["reports"]}) == 2, "two worker processes"


def test_dask_worker_killed_mid_run_is_retried_without_duplicates(
    corpus: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need("dask")
    need("distributed")
    dask_extract = recipe("dask_extract", monkeypatch)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(Path(__file__).parent), os.environ["PYTHONPATH"]]))
    from functools import partial

    from corpus import extract_then_die_once

    marker = tmp_path / "killed"
    out = corpus["root"] / "dask-killed"
    task = partial(extract_then_die_once, marker=str(marker), victim="part-1.jsonl")
    record = dask_extract.run([str(corpus["shards"])], str(out), workers=2, task=task)
    assert marker.exists(), "a worker was killed"
    check_run(record, out, corpus)


def test_ray_data_local_cluster_of_two_equals_the_export(corpus: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    need("ray")
    ray_extract = recipe("ray_extract", monkeypatch)
    out = corpus["root"] / "ray"
    record = ray_extract.run([str(corpus["shards"])], str(out), workers=2)
    check_run(record, out, corpus)
    assert len({r["pid"] for r in record["reports"]}) == 2, "two actors"


def test_ray_actor_killed_mid_run_is_retried_without_duplicates(
    corpus: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need("ray")
    ray_extract = recipe("ray_extract", monkeypatch)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(Path(__file__).parent), os.environ["PYTHONPATH"]]))
    from corpus import ray_actor_that_dies_once

    marker = tmp_path / "killed"
    out = corpus["root"] / "ray-killed"
    actor = ray_actor_that_dies_once(str(marker), "part-1.jsonl")
    record = ray_extract.run([str(corpus["shards"])], str(out), workers=2, actor=actor)
    assert marker.exists(), "an actor was killed"
    check_run(record, out, corpus)


def test_spark_local_mode_equals_the_export(corpus: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    need("pyspark")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark_extract = recipe("spark_extract", monkeypatch)
    out = corpus["root"] / "spark"
    record = spark_extract.run([str(corpus["shards"])], str(out), workers=2)
    check_run(record, out, corpus)


def test_recipe_command_lines(corpus: Dict[str, Any], tmp_path: Path) -> None:
    """The scripts' exit codes: 1 with a corrupt shard (named on stderr), 2 for bad arguments."""
    need("dask")
    need("distributed")
    script = str(EXAMPLES / "dask_extract.py")
    done = subprocess.run(
        [sys.executable, script, str(corpus["shards"] / "corrupt.jsonl"), "--out", str(tmp_path / "o"), "--workers", "1"],
        capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stderr
    assert f"rasid: {corpus['corrupt']}:line 11: not valid JSON" in done.stderr
    assert "1 shards with problems" in done.stderr
    done = subprocess.run([sys.executable, script, str(tmp_path / "nothing"), "--out", str(tmp_path / "p")], capture_output=True, text=True)
    assert done.returncode == 2 and "no such file" in done.stderr
