"""End-to-end tests of the rasid Python package against the `rasid` command.

The command is found in $RASID_BIN, else target/debug/rasid (or
$CARGO_TARGET_DIR/debug/rasid); build it with `cargo build -p rasid-cli`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

import rasid

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "astana-2017-12-21.txt"


def rasid_bin() -> Path:
    if os.environ.get("RASID_BIN"):
        return Path(os.environ["RASID_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "rasid"


def run_rasid(*args: str) -> list[dict[str, Any]]:
    binary = rasid_bin()
    if not binary.exists():
        pytest.fail(f"no rasid binary at {binary}: build it with `cargo build -p rasid-cli` or set RASID_BIN")
    out = subprocess.run([str(binary), *args], check=True, capture_output=True, text=True, cwd=ROOT)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pipeline() -> rasid.Pipeline:
    return rasid.Pipeline()


@pytest.fixture(scope="module")
def canonical() -> rasid.Article:
    articles = list(rasid.read(EXAMPLE))
    assert len(articles) == 1
    return articles[0]


def test_canonical_article_equals_the_command(pipeline: rasid.Pipeline, canonical: rasid.Article) -> None:
    expected = run_rasid("analyze", str(EXAMPLE))
    assert len(expected) == 1
    got = pipeline.analyze(canonical)
    assert got.to_dict() == expected[0]
    # Attribute access follows the JSON.
    assert got.version == rasid.OUTPUT_VERSION == expected[0]["version"]
    assert got.article.id == expected[0]["article"]["id"]
    assert got.article.origin.format == "text"
    assert got.article.published == "2017-12-21T10:57:00"
    assert any(e.canonical == "روسيا" and e.kind == "LOC" for e in got.entities)
    syria = next(e for e in got.entities if e.canonical == "سوريا")
    assert syria.place is not None and syria.place.geonames_id == 163843 and syria.place.country == "SY"
    thursday = next(t for t in got.extractions.times if t.text == "الخميس")
    assert (thursday.type, thursday.value, thursday.anchored) == ("DATE", "2017-12-21", True)
    # Spans are byte offsets into the text they point into.
    mention = got.extractions.entities.mentions[0]
    part = got.article.title if mention.part == "title" else got.article.body
    assert mention.span.of(part) == mention.text
    assert got.extractions.summary is not None and len(got.extractions.summary) == 3


def test_options_match_the_command(canonical: rasid.Article) -> None:
    expected = run_rasid("analyze", str(EXAMPLE), "--tokens", "--summary", "0")
    got = rasid.Pipeline(summary_sentences=0, tokens=True).analyze(canonical)
    assert got.to_dict() == expected[0]
    assert got.extractions.summary is None
    body = got.analysis.body
    assert len(body.tokens) == body.token_count > 100
    assert body.tokens[0].span.of(got.article.body) == body.tokens[0].text


def test_analyze_text(pipeline: rasid.Pipeline) -> None:
    text = "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات تستمر يومين."
    got = rasid.analyze(text, title="لافروف فى موسكو", published="2017-12-21T10:57", source="youm7")
    assert got.article.title == "لافروف فى موسكو"
    assert got.article.source == "youm7"
    assert any(e.kind == "PER" and e.canonical == "سيرغى لافروف" for e in got.entities)
    assert any(t.text == "الخميس" and t.value == "2017-12-21" for t in got.extractions.times)
    # The same article made by hand gives the same result; a datetime is read like its ISO string.
    again = pipeline.analyze(
        rasid.Article("لافروف فى موسكو", text, published=dt.datetime(2017, 12, 21, 10, 57), source="youm7")
    )
    assert again == got
    # Without a dateline the Thursday is not resolved.
    undated = rasid.analyze(text)
    assert not any(t.value == "2017-12-21" for t in undated.extractions.times)


def test_batch_equals_single_calls(pipeline: rasid.Pipeline, canonical: rasid.Article) -> None:
    articles = [canonical] + [
        rasid.Article(f"عنوان {i}", f"قال لافروف فى موسكو إن {i + 2} أشخاص وصلوا إلى دمشق.") for i in range(12)
    ]
    batch = pipeline.analyze_batch(articles)
    assert [r.article.id for r in batch] == [a.id for a in articles]
    assert batch == [pipeline.analyze(a) for a in articles]
    assert pipeline.analyze_batch(articles, threads=1) == batch
    assert pipeline.analyze_batch(iter(articles[:3])) == batch[:3]
    assert pipeline.analyze_batch([]) == []


def test_extractors_switch_off() -> None:
    only = rasid.Pipeline(extractors=["numbers"])
    assert only.extractors == ["numbers"]
    found = only.analyze("قال لافروف فى موسكو إن 20 شخصا وصلوا.").extractions
    assert found.entities.entities == [] and found.times == [] and found.summary is None
    assert [n.value for n in found.numbers] == [20.0]
    with pytest.raises(ValueError, match="verbs"):
        rasid.Pipeline(extractors=["verbs"])


def test_accurate_ner_mode_runs_and_equals_the_command(canonical: rasid.Article) -> None:
    accurate = rasid.Pipeline(ner="accurate")
    assert accurate.ner == "accurate" and rasid.Pipeline().ner == "fast"
    got = accurate.analyze(canonical)
    assert got.to_dict() == run_rasid("analyze", str(EXAMPLE), "--ner", "accurate")[0]
    names = {e.canonical for e in got.entities}
    assert {"روسيا", "سوريا"} <= names, names
    # The module-level call takes the mode too.
    text = "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو إن المحادثات تستمر."
    assert any(e.kind == "PER" for e in rasid.analyze(text, ner="accurate").entities)
    with pytest.raises(ValueError, match="accurate"):
        rasid.Pipeline(ner="slow")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="accurate"):
        rasid.analyze(text, ner="slow")  # type: ignore[arg-type]


def test_entities_carry_their_cameo_code(pipeline: rasid.Pipeline, canonical: rasid.Article) -> None:
    got = pipeline.analyze(canonical)
    codes = {e.canonical: e.cameo for e in got.entities}
    assert codes["روسيا"] == "RUS" and codes["سيرغى لافروف"] == "RUSGOV" and codes["استانا"] == "KAZGOV"
    # A city is a place, not an actor.
    assert codes["جنيف"] is None
    assert all(e.key for e in got.entities)


def test_records_are_plain_and_read_only(pipeline: rasid.Pipeline, canonical: rasid.Article) -> None:
    got = pipeline.analyze(canonical)
    d = got.to_dict()
    d["version"] = 99
    assert got.version == rasid.OUTPUT_VERSION  # to_dict is a copy
    assert rasid.AnalyzedArticle.from_dict(got.to_dict()) == got
    assert rasid.AnalyzedArticle.from_json(got.to_json()) == got
    with pytest.raises(AttributeError):
        got.version = 3
    assert "AnalyzedArticle(id=" in repr(got)
    import copy
    import pickle

    assert pickle.loads(pickle.dumps(got)) == got and copy.deepcopy(got) == got
    assert pickle.loads(pickle.dumps(canonical)).id == canonical.id
    # Fields the JSON leaves out when empty read as empty.
    assert got.article.warnings == [] and got.article.external_id is None


def test_bad_input_raises() -> None:
    with pytest.raises(TypeError):
        rasid.analyze(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rasid.Pipeline().analyze(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="published"):
        rasid.analyze("نص", published="not a date")
    with pytest.raises(rasid.ResourcesError, match="lexicon.tsv"):
        rasid.Pipeline(resources=ROOT / "examples")


def test_missing_file_raises_read_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(rasid.ReadError) as caught:
        list(rasid.read(missing))
    assert isinstance(caught.value, rasid.RasidError)
    assert caught.value.path == str(missing)
    assert str(missing) in str(caught.value)
    with pytest.warns(rasid.ReadWarning, match="missing.txt"):
        assert list(rasid.read(missing, errors="warn")) == []


def test_read_errors_name_the_place(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(
        json.dumps({"title": "أ", "body": "قال لافروف."}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"title": "ب"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    reader = rasid.read(news)
    assert next(reader).title == "أ"
    with pytest.raises(rasid.ReadError) as caught:
        next(reader)
    assert caught.value.location == "line 2" and caught.value.path == str(news)
    assert str(caught.value).startswith(f"{news}:line 2: not valid JSON")
    with pytest.warns(rasid.ReadWarning) as recorded:
        articles = list(rasid.read(news, errors="warn"))
    assert [a.title for a in articles] == ["أ"]
    assert [str(w.message) for w in recorded] == [
        f"{news}:line 2: not valid JSON (column 2): key must be a string",
        f'{news}:line 3: no "body" field',
    ]
    assert recorded[0].filename == __file__  # the warning points at the caller


def test_read_forms_encodings_and_directories(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "old.txt").write_bytes(text.encode("windows-1256"))
    with gzip.open(tmp_path / "news.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"title": "عنوان", "body": "نص الخبر.", "source": "youm7"}, ensure_ascii=False) + "\n")
    (tmp_path / "empty.txt").write_text("")
    with pytest.warns(rasid.ReadWarning, match="empty"):
        articles = list(rasid.read(tmp_path))
    by_title = {a.title: a for a in articles}
    assert set(by_title) == {"عنوان", "بدء جولة محادثات سلام جديدة حول سوريا فى استانا"}
    old = by_title["بدء جولة محادثات سلام جديدة حول سوريا فى استانا"]
    assert old.origin.encoding == "windows-1256" and old.published == "2017-12-21T10:57:00"
    assert by_title["عنوان"].source == "youm7"
    forced = list(rasid.read(tmp_path / "sub" / "old.txt", format="text", encoding="windows-1256"))
    assert forced[0].id == old.id
    with pytest.raises(ValueError, match="format"):
        rasid.read(EXAMPLE, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="encoding"):
        rasid.read(EXAMPLE, encoding="no-such-encoding")


def test_index_round_trip(tmp_path: Path, pipeline: rasid.Pipeline, canonical: rasid.Article) -> None:
    index = rasid.Index(tmp_path / "idx")
    other = rasid.Article(
        "لافروف فى موسكو",
        "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات مستمرة.",
        source="bbc",
    )
    counts = index.add([canonical, other])
    assert counts.indexed == 2
    assert index.add([canonical]).indexed == 0  # content ids: nothing twice

    # Any spelling finds it; filters use what extraction found.
    results = index.search("أستانا")
    assert [h.id for h in results.hits] == [canonical.id]
    assert results.hits[0].snippet is not None
    assert {h.id for h in index.search(person="لافروف").hits} == {canonical.id, other.id}
    assert [h.id for h in index.search(person="دى ميستورا").hits] == [canonical.id]
    assert [h.id for h in index.search(person=["لافروف", "دى ميستورا"]).hits] == [canonical.id]
    assert [h.id for h in index.search(org="الأمم المتحدة").hits] == [canonical.id]
    assert [h.id for h in index.search("موسكو", source="BBC").hits] == [other.id]
    assert index.search(source=["bbc", "youm7"]).hits == []  # every filter value must match
    assert [h.id for h in index.search("موسكو", sort="newest", date_from="2017-12").hits] == [canonical.id]
    assert index.search("محادثات", place="سوريا", limit=5).hits[0].id == canonical.id
    assert index.search("محادثات", mentions="2017-12").hits[0].id == canonical.id
    assert len(index.search("موسكو", limit=1)) == 1

    stored = index.article(canonical.id)
    assert stored is not None
    assert stored.extractions == pipeline.analyze(canonical).extractions
    assert stored.article.id == canonical.id
    assert index.article("0000000000000000") is None
    with pytest.raises(KeyError):
        index["0000000000000000"]

    stories = index.stories()
    assert stories and sum(s.articles for s in stories) == 2
    detail = index.story(stories[0].id)
    assert detail.to_dict()

    # Reopening finds what was added; a malformed query is a QueryError (and a
    # ValueError) when strict, and read as text otherwise.
    again = rasid.Index(tmp_path / "idx", create=False)
    assert again.search("أستانا").hits[0].id == canonical.id
    with pytest.raises(rasid.QueryError):
        again.search('"unclosed', strict=True)
    with pytest.raises(ValueError):
        again.search("(محادثات", strict=True)
    assert again.search('"أستانا').hits[0].id == canonical.id
    with pytest.raises(rasid.RasidIndexError):
        rasid.Index(tmp_path / "nothing-here", create=False)


def test_search_equals_the_command(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    index = rasid.Index(index_dir)
    index.add(rasid.read(EXAMPLE))
    del index
    expected = run_rasid("search", "آستانا", "--index", str(index_dir), "--json")
    found = rasid.Index(index_dir).search("آستانا")
    got = found.to_dict()
    # Before the stories are built copies are not folded, and both say so; the time differs.
    assert found.note is not None and "stories" in found.note and found.copies == {}
    for results in (got, expected[0]):
        results.pop("took_ms")
    assert got == expected[0]
    assert got["hits"] and got["facets"]


def test_search_folds_copies_like_the_command(tmp_path: Path, canonical: rasid.Article) -> None:
    index_dir = tmp_path / "idx"
    index = rasid.Index(index_dir)
    copy = rasid.Article("نسخة: " + canonical.title, canonical.body, source="copies", published="2017-12-21T12:00")
    index.add([canonical, copy])
    index.update_stories()
    folded = index.search("آستانا")
    assert folded.note is None
    assert [h.id for h in folded.hits] == [canonical.id] or [h.id for h in folded.hits] == [copy.id]
    shown = folded.hits[0].id
    assert folded.copies == {shown: [canonical.id if shown == copy.id else copy.id]}
    assert folded.total == 2  # the total and the facets count every copy
    every = index.search("آستانا", all_copies=True)
    assert {h.id for h in every.hits} == {canonical.id, copy.id} and every.copies == {}
    story = index.stories()[0].id
    assert len(index.search(story=story, all_copies=True).hits) == 2
    with pytest.raises(rasid.StoriesError, match="no story"):
        index.search(story=987654)
    del index
    for args, all_copies in (([], False), (["--all-copies"], True)):
        expected = run_rasid("search", "آستانا", "--index", str(index_dir), "--json", *args)[0]
        got = rasid.Index(index_dir).search("آستانا", all_copies=all_copies).to_dict()
        got.pop("took_ms"), expected.pop("took_ms")
        assert got == expected


def test_warnings_filter_cleanly() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(list(rasid.read(EXAMPLE))) == 1


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest
    import tempfile

    import rasid._records
    import rasid.shards

    monkeypatch.chdir(ROOT)  # the examples read examples/
    for module in (rasid, rasid._records, rasid.shards):
        result = doctest.testmod(module, extraglobs={"rasid": rasid, "tempfile": tempfile}, report=True)
        assert result.attempted > 0 and result.failed == 0, f"{module.__name__}: {result}"


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Python") :]
    code = section[section.index("```python") + len("```python") : section.index("```", section.index("```python") + 9)]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "[('LOC', 'سوريا'), ('LOC', 'استانا'), ('LOC', 'كازاخستان')]"
    assert printed[1].startswith("[Hit(id='c643f56e2e245afb'")


def test_batches_release_the_gil(canonical: rasid.Article) -> None:
    import threading
    import time

    native = rasid.Pipeline()._native
    payload = [canonical.to_json()] * 60
    window: list[float] = []

    def work() -> None:
        window.append(time.perf_counter())
        native.analyze_batch(payload, 1)
        window.append(time.perf_counter())

    worker = threading.Thread(target=work)
    ticks: list[float] = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    start, end = window
    assert end - start > 0.05, "the batch is too short to tell"
    # Python ran on this thread while the batch was inside Rust.
    assert any(start + 0.02 < t < end - 0.02 for t in ticks)


def test_search_by_event_and_actor_equals_the_command(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    rasid.Index(index_dir).add(rasid.read(EXAMPLE))
    index = rasid.Index(index_dir)
    # The canonical article's events: its codes, actors and targets as extraction found them.
    found = index.article(next(iter(rasid.read(EXAMPLE))).id)
    assert found is not None
    events = found.extractions.events
    assert events and all(isinstance(e, rasid.Event) for e in events), "the canonical article has events"
    assert all(1 <= e.quad_class <= 4 and len(e.code) >= 3 and e.code[:2].isdigit() for e in events)
    code, actor = events[0].code, next(e.source.code for e in events if e.source and e.source.code)
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"event": code[:2]}, ["--event", code[:2]]),
        ({"actor": actor}, ["--actor", actor]),
        ({"event": "999"}, ["--event", "999"]),
    ]
    for kwargs, flags in cases:
        got = index.search(**kwargs).to_dict()
        expected = run_rasid("search", "--index", str(index_dir), "--json", *flags)[0]
        for results in (got, expected):
            results.pop("took_ms")
        assert got == expected, kwargs
    assert index.search(event=code[:2]).total == 1
    assert index.search(event="999").total == 0
    # The canonical article has a date; an article without one is found by ``undated``.
    assert index.search(undated=True).total == 0
    index.add([rasid.Article("بلا تاريخ", "نص مقالة بلا تاريخ نشر عن محادثات السلام.")])
    undated = index.search(undated=True)
    assert undated.total == 1 and undated.hits[0].title == "بلا تاريخ"
