"""`rasid export` read by pyarrow and DuckDB.

Builds an index of a small corpus (made from examples/astana-2017-12-21.txt),
builds its stories, exports it as Parquet and as JSON Lines, and checks that
pyarrow and DuckDB read every table of the Parquet export with the row counts
of the index (`rasid stats --json`, `rasid stories build --json`) and of the
JSON Lines export.

The `rasid` binary is $RASID_BIN, else target/debug/rasid (under
$CARGO_TARGET_DIR when set).
"""

import json
import os
import pathlib
import subprocess

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "astana-2017-12-21.txt"
TABLES = [
    "articles",
    "mentions",
    "entities",
    "places",
    "times",
    "numbers",
    "summaries",
    "duplicate_groups",
    "story_members",
    "stories",
]
# Written when the index holds events and quotes (the event coder's output):
# an index without any has no files for them.
EVENT_TABLES = ["event_mentions", "quotes", "events"]


def rasid_bin():
    if os.environ.get("RASID_BIN"):
        return os.environ["RASID_BIN"]
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "rasid")


def rasid(*args):
    done = subprocess.run([rasid_bin(), *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, f"rasid {' '.join(map(str, args))}: {done.stderr}"
    return done.stdout


def sql(query):
    """Rows of a DuckDB query (through a connection's cursor: stable across DuckDB versions)."""
    with duckdb.connect() as con:
        return con.execute(query).fetchall()


def corpus():
    lines = [l for l in EXAMPLE.read_text(encoding="utf-8").splitlines() if l.strip()]
    title, paragraphs = lines[0], lines[2:]
    body = "\n".join(paragraphs)
    half = len(paragraphs) // 2
    return [
        {"id": "a", "title": title, "body": body, "source": "youm7", "published": "2017-12-21T10:57:00"},
        {"id": "a-copy", "title": "محادثات استانا", "body": body, "source": "ahram", "published": "2017-12-21T13:00:00"},
        {"id": "b", "title": "استانا بعد شهر", "body": "\n".join(paragraphs[:half]), "source": "youm7", "published": "2018-01-03T09:00:00"},
        {"id": "c", "title": "خلفية المحادثات", "body": "\n".join(paragraphs[half:]), "source": "masrawy"},
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    news = root / "news.jsonl"
    news.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus()), encoding="utf-8")
    index = root / "index"
    rasid("index", news, "--index", index, "-q")
    built = json.loads(rasid("stories", "build", "--index", index, "--json"))
    stats = json.loads(rasid("stats", "--index", index, "--json"))
    parquet = root / "parquet"
    rasid("export", "--index", index, "--out", parquet, "-q")
    jsonl = root / "jsonl"
    rasid("export", "--index", index, "--out", jsonl, "--format", "jsonl", "-q")
    expected = {}
    for path in jsonl.glob("*/**/*.jsonl"):
        table = path.relative_to(jsonl).parts[0]
        with path.open(encoding="utf-8") as f:
            expected[table] = expected.get(table, 0) + sum(1 for _ in f)
    return {"parquet": parquet, "stats": stats, "store": built["store"], "jsonl": expected}


def test_index_counts_match_the_jsonl_export(exported):
    expected, store = exported["jsonl"], exported["store"]
    assert expected["articles"] == exported["stats"]["documents"] == 4
    assert expected["story_members"] == store["articles"]
    assert expected["stories"] == store["stories"]
    assert expected["duplicate_groups"] == store["duplicate_groups"] + store["copies"]
    assert expected["mentions"] > 10 and expected["times"] > 0
    assert set(TABLES) <= set(expected) <= set(TABLES + EVENT_TABLES)


def test_events_count_their_mentions(exported):
    """Every event mention belongs to one deduplicated event, whose counts add up."""
    if "event_mentions" not in exported["jsonl"]:
        pytest.skip("the index holds no events")
    base = exported["parquet"]
    mentions = sql(f"SELECT count(*), count(DISTINCT event_id) FROM read_parquet('{base}/event_mentions/**/*.parquet')")[0]
    events = sql(f"SELECT count(*), sum(num_mentions) FROM read_parquet('{base}/events/**/*.parquet')")[0]
    assert events == (mentions[1], mentions[0])
    orphans = sql(
        f"SELECT count(*) FROM read_parquet('{base}/event_mentions/**/*.parquet') m "
        f"ANTI JOIN read_parquet('{base}/events/**/*.parquet') e USING (event_id)"
    )[0][0]
    assert orphans == 0


def present(exported, table):
    if table not in exported["jsonl"]:
        pytest.skip(f"no {table} rows in this index")


@pytest.mark.parametrize("table", TABLES + EVENT_TABLES)
def test_pyarrow_reads_every_table(exported, table):
    present(exported, table)
    dataset = ds.dataset(exported["parquet"] / table, format="parquet", partitioning="hive")
    data = dataset.to_table()
    assert data.num_rows == exported["jsonl"][table]
    assert "export_run" in data.column_names
    assert "month" in data.column_names
    for path in (exported["parquet"] / table).glob("**/*.parquet"):
        meta = pq.ParquetFile(path).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize("table", TABLES + EVENT_TABLES)
def test_duckdb_reads_every_table(exported, table):
    present(exported, table)
    glob = str(exported["parquet"] / table / "**" / "*.parquet")
    [(n,)] = sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)")
    assert n == exported["jsonl"][table]


def test_spans_dictionaries_and_joins(exported):
    out = exported["parquet"]
    mentions = ds.dataset(out / "mentions", format="parquet", partitioning="hive").to_table()
    assert str(mentions.schema.field("span").type) == "struct<start: uint32 not null, end: uint32 not null>"
    assert str(mentions.schema.field("kind").type).startswith("dictionary<values=string")
    # Spans point at the mention's text in the article.
    rows = sql(
        f"""
        SELECT m.text, a.title, a.body, m.part, m.span.start AS s, m.span."end" AS e
        FROM read_parquet('{out}/mentions/**/*.parquet') m
        JOIN read_parquet('{out}/articles/**/*.parquet') a USING (article_id)
        """
    )
    assert rows
    for text, title, body, part, s, e in rows:
        source = (title if part == "title" else body).encode("utf-8")
        assert source[s:e].decode("utf-8") == text
    # Places join their entities, and the undated article has its own partition.
    [(linked,)] = sql(
        f"""
        SELECT count(*) FROM read_parquet('{out}/places/**/*.parquet') p
        JOIN read_parquet('{out}/entities/**/*.parquet') e USING (article_id, entity_index)
        WHERE e.entity_key = 'geonames:' || p.geonames_id
           OR (p.geonames_id = 0 AND e.entity_key LIKE 'place:%')
        """
    )
    assert linked == exported["jsonl"]["places"] > 0
    months = sql(f"SELECT DISTINCT month FROM read_parquet('{out}/articles/**/*.parquet') ORDER BY 1")
    assert [m for (m,) in months] == ["2017-12", "2018-01", "undated"]
