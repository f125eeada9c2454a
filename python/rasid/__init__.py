"""rasid (راصد): Arabic news intelligence, from Rust.

Analyse an article — people, places (linked to GeoNames), organisations, dates
resolved against the dateline, numbers with what they count, a summary::

    >>> import rasid
    >>> result = rasid.analyze(
    ...     "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات تستمر يومين.",
    ...     title="لافروف فى موسكو", published="2017-12-21T10:57")
    >>> [(e.kind, e.canonical) for e in result.entities]
    [('LOC', 'موسكو'), ('PER', 'سيرغى لافروف')]
    >>> [(t.text, t.value) for t in result.extractions.times]
    [('الخميس', '2017-12-21'), ('يومين', 'P2D')]

Read files in any form and encoding rasid reads (text with a dateline, JSON
Lines, HTML, RSS/Atom, TREC; UTF-8, UTF-16, Windows-1256; ``.gz``/``.zst``),
analyse many articles in parallel, and search them::

    >>> pipeline = rasid.Pipeline()
    >>> results = pipeline.analyze_batch(rasid.read("examples/"))
    >>> results[0].article.dateline
    'الخميس، 21 ديسمبر 2017 10:57 ص'
    >>> index = rasid.Index(tempfile.mkdtemp())
    >>> index.add(rasid.read("examples/")).indexed
    1
    >>> [hit.title for hit in index.search("آستانا", person="لافروف").hits]
    ['بدء جولة محادثات سلام جديدة حول سوريا فى استانا']

Every result is a read-only object with attribute access whose ``to_dict()``
is the JSON ``rasid analyze`` prints. Errors are :class:`RasidError`
subclasses (see :mod:`rasid.errors`).
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Union

if TYPE_CHECKING:
    import pyarrow

from . import _rasid
from ._records import (
    Actor,
    Analysis,
    AnalyzedArticle,
    Article,
    ArticleEntities,
    BuildReport,
    Demonym,
    Entity,
    Event,
    EventDate,
    EventPlace,
    Extractions,
    Group,
    Hit,
    Mention,
    NumberExpr,
    Origin,
    PlaceLink,
    Quote,
    Record,
    Role,
    RunCounts,
    SearchResults,
    Snippet,
    Span,
    Speaker,
    StoryDetail,
    StoryInfo,
    SummarySentence,
    TextAnalysis,
    TimeExpr,
    Token,
    Trigger,
    _make,
)
from .errors import (
    QueryError,
    RasidError,
    RasidIndexError,
    ReadError,
    ReadWarning,
    ResourcesError,
    StoriesError,
)

__version__: str = _rasid.__version__
#: The version of the JSON contract of an analysed article (``AnalyzedArticle.version``).
OUTPUT_VERSION: int = _rasid.OUTPUT_VERSION

#: The extractors a :class:`Pipeline` can run, in the order they run.
EXTRACTORS: tuple[str, ...] = ("entities", "times", "numbers", "summary", "events", "quotes")

PathLike = Union[str, "os.PathLike[str]"]
ArticleLike = Union[Article, str]

__all__ = [
    "EXTRACTORS",
    "NER_MODES",
    "OUTPUT_VERSION",
    "TABLES",
    "Actor",
    "Analysis",
    "AnalyzedArticle",
    "Article",
    "ArticleEntities",
    "BuildReport",
    "Demonym",
    "Entity",
    "Event",
    "EventDate",
    "EventPlace",
    "Extractions",
    "Group",
    "Hit",
    "Index",
    "Mention",
    "NumberExpr",
    "Origin",
    "Pipeline",
    "PlaceLink",
    "QueryError",
    "Quote",
    "RasidError",
    "RasidIndexError",
    "ReadError",
    "ReadWarning",
    "Record",
    "ResourcesError",
    "Role",
    "RunCounts",
    "SearchResults",
    "Snippet",
    "Span",
    "Speaker",
    "StoriesError",
    "StoryDetail",
    "StoryInfo",
    "SummarySentence",
    "TextAnalysis",
    "TimeExpr",
    "Token",
    "Trigger",
    "analyze",
    "read",
    "table_schema",
]


def _article_json(article: Any) -> str:
    if isinstance(article, Article):
        return article.to_json()
    if isinstance(article, str):
        return Article("", article).to_json()
    raise TypeError(f"expected a rasid.Article or a str, not {type(article).__name__}")


def _resources(resources: Optional[PathLike]) -> Optional[str]:
    if resources is None:
        return None
    if isinstance(resources, (str, os.PathLike)):
        return os.fspath(resources)
    raise TypeError(f"resources must be a directory path, not {type(resources).__name__}")


#: The entity tagger's modes (``rasid analyze --ner``): ``"fast"``, the default
#: perceptron, and ``"accurate"``, an ensemble with higher recall at about
#: 2.5 times the cost.
NER_MODES = ("fast", "accurate")


def _ner(ner: Optional[str]) -> Optional[str]:
    if ner is None:
        return None
    if ner not in NER_MODES:
        raise ValueError(f"unknown ner mode {ner!r}; expected one of {', '.join(NER_MODES)}")
    return ner


def _extractors(extractors: Optional[Iterable[str]]) -> Optional[List[str]]:
    if extractors is None:
        return None
    if isinstance(extractors, str):
        extractors = [extractors]
    names = list(extractors)
    for name in names:
        if name not in EXTRACTORS:
            raise ValueError(f"unknown extractor {name!r}; expected some of {', '.join(EXTRACTORS)}")
    return names


class Pipeline:
    """Article → analysis → extractions: the same pipeline as ``rasid analyze``,
    the index and the server.

    Args:
        resources: a directory with the lexicon, entity model, gazetteer and
            clusters to use instead of the ones built in (``rasid --resources``);
            a missing or malformed file raises :class:`ResourcesError`.
        extractors: the extractors to run, some of ``"entities"``, ``"times"``,
            ``"numbers"``, ``"summary"``, ``"events"``, ``"quotes"`` (all by default;
            ``[]``: analysis only).
        summary_sentences: sentences in each summary; 0 switches it off.
        tokens: keep every token in the analysis (off: only the count).
        ner: the entity tagger, ``"fast"`` (default) or ``"accurate"`` (higher
            recall, about 2.5 times the cost; ``rasid analyze --ner``).

    A pipeline is cheap to share; build it once (loading the resources takes a
    moment) and call it many times, from any thread.

    >>> pipeline = rasid.Pipeline(extractors=["entities", "times"])
    >>> result = pipeline.analyze(rasid.Article("عنوان", "زار لافروف دمشق امس."))
    >>> result.extractions.summary is None
    True
    """

    def __init__(
        self,
        resources: Optional[PathLike] = None,
        extractors: Optional[Iterable[str]] = None,
        summary_sentences: int = 3,
        *,
        tokens: bool = False,
        ner: Optional[Literal["fast", "accurate"]] = None,
    ) -> None:
        if not isinstance(summary_sentences, int) or summary_sentences < 0:
            raise ValueError(f"summary_sentences must be an int >= 0, not {summary_sentences!r}")
        self._native = _rasid.NativePipeline(
            _resources(resources), _extractors(extractors), summary_sentences, bool(tokens), _ner(ner)
        )

    @property
    def ner(self) -> str:
        """The entity tagger's mode: ``"fast"`` or ``"accurate"``."""
        return str(self._native.ner())

    @property
    def extractors(self) -> List[str]:
        """The extractors switched on, in the order they run."""
        return list(self._native.extractors())

    def analyze(self, article: ArticleLike) -> AnalyzedArticle:
        """Everything rasid finds in one article (a :class:`Article`, or a body as ``str``).

        Raises:
            TypeError: ``article`` is neither an Article nor a str.
        """
        return _make(AnalyzedArticle, json.loads(self._native.analyze(_article_json(article))))

    def analyze_batch(
        self, articles: Iterable[ArticleLike], threads: Optional[int] = None
    ) -> List[AnalyzedArticle]:
        """Analyses many articles in parallel, with the GIL released; the results
        are in the order of the input and equal one :meth:`analyze` call each.

        Args:
            articles: Articles (or bodies as ``str``), e.g. from :func:`read`.
            threads: threads to use (all cores by default).
        """
        if isinstance(articles, (str, Article)):
            raise TypeError("analyze_batch takes an iterable of articles; use analyze for one")
        _check_threads(threads)
        payload = [_article_json(a) for a in articles]
        return [_make(AnalyzedArticle, json.loads(r)) for r in self._native.analyze_batch(payload, threads)]

    def analyze_tables(
        self, articles: Iterable[ArticleLike], threads: Optional[int] = None
    ) -> Dict[str, "pyarrow.Table"]:
        """Analyses many articles in parallel (as :meth:`analyze_batch`) into
        the per-article tables of ``rasid export`` — ``articles``,
        ``mentions``, ``entities``, ``places``, ``times``, ``numbers``,
        ``summaries``, ... — as ``pyarrow.Table`` objects, by name.

        Every table is there, empty or not, with the export's schema (see
        :func:`table_schema`), and holds the rows ``rasid export`` writes for
        an index of the same articles (its first run; no stories, so
        ``duplicate_groups`` and ``story_members`` are empty). Rows are
        grouped by the month the export partitions them by, in input order
        within a month. The tables cross from Rust through the Arrow C stream
        interface, without a copy. Needs ``pyarrow``.

        >>> tables = rasid.Pipeline().analyze_tables(rasid.read("examples/"))
        >>> tables["entities"].num_rows, tables["entities"].column("kind")[0].as_py()
        (18, 'LOC')
        """
        pa = _pyarrow()
        if isinstance(articles, (str, Article)):
            raise TypeError("analyze_tables takes an iterable of articles")
        _check_threads(threads)
        payload = [_article_json(a) for a in articles]
        return {s.name: pa.RecordBatchReader.from_stream(s).read_all() for s in self._native.analyze_tables(payload, threads)}

    def analyze_table(
        self, articles: Iterable[ArticleLike], table: str = "articles", threads: Optional[int] = None
    ) -> "pyarrow.Table":
        """One table of :meth:`analyze_tables` (``"articles"`` by default)."""
        tables = self.analyze_tables(articles, threads)
        if table not in tables:
            raise ValueError(f"unknown table {table!r}; expected one of {', '.join(tables)}")
        return tables[table]

    def __repr__(self) -> str:
        return f"Pipeline(extractors={self.extractors!r}, ner={self.ner!r})"


def _check_threads(threads: Optional[int]) -> None:
    if threads is not None and (not isinstance(threads, int) or isinstance(threads, bool) or threads < 1):
        raise ValueError(f"threads must be an int >= 1, not {threads!r}")


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("rasid's Arrow tables need pyarrow (>= 15): pip install pyarrow") from err
    return pyarrow


#: The tables of ``rasid export``, in the order of its schema document
#: (docs/EXPORT.md); the per-article ones are what :meth:`Pipeline.analyze_tables` gives.
TABLES: tuple[str, ...] = tuple(s.name for s in _rasid.export_tables())


def table_schema(name: str) -> "pyarrow.Schema":
    """The Arrow schema of a table of ``rasid export`` (the schema of its Parquet files).

    >>> rasid.table_schema("times").field("span").type
    StructType(struct<start: uint32 not null, end: uint32 not null>)
    """
    pa = _pyarrow()
    for stream in _rasid.export_tables():
        if stream.name == name:
            schema: "pyarrow.Schema" = pa.RecordBatchReader.from_stream(stream).schema
            return schema
    raise ValueError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")


_DEFAULT_PIPELINES: Dict[str, Pipeline] = {}


def _default_pipeline(ner: Optional[Literal["fast", "accurate"]] = None) -> Pipeline:
    mode = ner or "fast"
    _ner(mode)
    pipeline = _DEFAULT_PIPELINES.get(mode)
    if pipeline is None:
        pipeline = _DEFAULT_PIPELINES[mode] = Pipeline(ner=mode)
    return pipeline


def analyze(
    text: str,
    *,
    title: Optional[str] = None,
    published: Any = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    ner: Optional[Literal["fast", "accurate"]] = None,
) -> AnalyzedArticle:
    """Analyses one article given as its body text, with the default pipeline.

    ``published`` (ISO 8601 str, datetime or date) anchors relative dates such
    as ``الخميس``; without it they stay unresolved. ``ner`` picks the entity
    tagger, ``"fast"`` (default) or ``"accurate"`` (see :class:`Pipeline`).

    >>> r = rasid.analyze("بدأت فى استانا الخميس جولة جديدة من المحادثات بمشاركة روسيا.",
    ...                   published="2017-12-21T10:57")
    >>> [e.canonical for e in r.entities]
    ['استانا', 'روسيا']

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``published`` is not a date rasid reads.
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze expects the article text as a str, not {type(text).__name__}")
    article = Article(title or "", text, published=published, source=source, url=url)
    return _default_pipeline(ner).analyze(article)


def read(
    path: Union[PathLike, Sequence[PathLike]],
    format: Optional[Literal["auto", "text", "jsonl", "html", "rss", "trec"]] = None,
    encoding: Optional[str] = None,
    *,
    errors: Literal["raise", "warn"] = "raise",
) -> Iterator[Article]:
    """Reads articles from files or directories (read recursively), lazily.

    Every form and encoding ``rasid analyze`` reads: plain text with a headline
    and an Arabic dateline, JSON Lines, HTML pages, RSS/Atom feeds, TREC;
    UTF-8, UTF-16, Windows-1256, ISO-8859-6; plain, ``.gz`` or ``.zst``.

    Args:
        path: a file, a directory, or a list of them.
        format: the input form; ``None``/``"auto"`` decides by extension, then content.
        encoding: an encoding label (``"windows-1256"``); detected when None.
        errors: ``"raise"`` raises :class:`ReadError` at the first input that
            cannot be read; ``"warn"`` reports it as a :class:`ReadWarning` and
            goes on, as the command does.

    Inputs left out on purpose (empty, binary, not a text format) and
    problems that did not stop an article being read are :class:`ReadWarning`
    either way. Messages name the file and the place, as the command's do:
    ``news.jsonl:line 12: no "body" field``.

    >>> for article in rasid.read("examples/"):
    ...     print(article.id, article.title)
    c643f56e2e245afb بدء جولة محادثات سلام جديدة حول سوريا فى استانا
    """
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    reader = _rasid.Reader([os.fspath(p) for p in paths], format, encoding)
    return _read(reader, errors)


def _read(reader: Any, errors: str) -> Iterator[Article]:
    for found, problem in reader:
        if found is not None:
            article: Article = _make(Article, json.loads(found))
            for warning in article.warnings:
                warnings.warn(f"{_origin_label(article.origin)}: {warning}", ReadWarning, stacklevel=2)
            yield article
            continue
        path, location, reason, skip, message = problem
        if skip or errors == "warn":
            warnings.warn(message, ReadWarning, stacklevel=2)
            continue
        raise ReadError(message, path=path, location=location, reason=reason, skip=skip)


def _origin_label(origin: Origin) -> str:
    if origin.line is not None:
        return f"{origin.path}:line {origin.line}"
    if origin.record is not None:
        return f"{origin.path}:record {origin.record}"
    return origin.path


class Index:
    """A search index (tantivy + SQLite catalogue) with its stories, in a directory.

    ``Index(path)`` opens the index in ``path``, creating it when missing (the
    same directory ``rasid index --index DIR`` writes). Articles added run
    through the pipeline; its extractions are stored and filter the search.

    Args:
        path: the index directory.
        resources: resources directory, as for :class:`Pipeline` (an index
            refuses to open with analyzer settings other than its own).
        extractors: extractors run on added articles (``[]``: text only, as
            ``rasid index --no-extract``).
        create: create the index when missing (else :class:`RasidIndexError`).
        ner: the entity tagger for added articles, ``"fast"`` (default) or
            ``"accurate"`` (as ``rasid index --ner``).

    >>> index = rasid.Index(tempfile.mkdtemp())
    >>> index.add(rasid.read("examples/")).indexed
    1
    >>> hit = index.search("أستانا", place="كازاخستان").hits[0]
    >>> index.article(hit.id).extractions.entities.entities[0].canonical
    'سوريا'
    """

    def __init__(
        self,
        path: PathLike,
        *,
        resources: Optional[PathLike] = None,
        extractors: Optional[Iterable[str]] = None,
        create: bool = True,
        ner: Optional[Literal["fast", "accurate"]] = None,
    ) -> None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"Index path must be a directory path, not {type(path).__name__}")
        self._native = _rasid.NativeIndex(
            os.fspath(path), _resources(resources), _extractors(extractors), 3, bool(create), _ner(ner)
        )

    @property
    def path(self) -> str:
        """The index directory."""
        return str(self._native.path())

    def add(self, articles: Iterable[ArticleLike], *, run: str = "python") -> RunCounts:
        """Adds articles (e.g. from :func:`read`) in one writer run and commits them.

        An article already in the index (same content id) is not added again.
        ``run`` is what the catalogue records about the run. Returns the counts
        (``indexed``, ...).

        Raises:
            RasidIndexError: the index is locked by another writer or cannot be written.
        """
        if isinstance(articles, (str, Article)):
            articles = [articles]
        payload = [_article_json(a) for a in articles]
        return _make(RunCounts, json.loads(self._native.add(payload, run)))

    def search(
        self,
        query: str = "",
        *,
        person: Union[str, Sequence[str], None] = None,
        place: Union[str, Sequence[str], None] = None,
        org: Union[str, Sequence[str], None] = None,
        entity: Union[str, Sequence[str], None] = None,
        mentions: Union[str, Sequence[str], None] = None,
        source: Union[str, Sequence[str], None] = None,
        category: Union[str, Sequence[str], None] = None,
        event: Union[str, Sequence[str], None] = None,
        actor: Union[str, Sequence[str], None] = None,
        target: Union[str, Sequence[str], None] = None,
        undated: bool = False,
        date_from: Optional[str] = None,
        date_to: Optional[str] = None,
        like: Optional[str] = None,
        sort: Literal["relevance", "newest", "oldest"] = "relevance",
        facets: bool = True,
        snippets: bool = True,
        limit: int = 10,
        offset: int = 0,
        all_words: bool = False,
        all_copies: bool = False,
        story: Optional[int] = None,
        strict: bool = False,
    ) -> SearchResults:
        """Searches the index, as ``rasid search --json`` does: copies of an
        article (found by the last :meth:`update_stories`) are folded under
        the best-ranked one, their ids in ``results.copies[hit.id]``; before
        any stories are built nothing is folded and ``results.note`` says so.

        Args:
            query: the query language (words in any spelling, ``"phrases"``,
                ``AND``/``OR``/``NOT``, ``field:value``, ``published:2017-12..2018-01``).
            person, place, org, entity: names extraction found (any spelling;
                ``place`` also takes a GeoNames id); a list means all of them.
            mentions: periods the article mentions (``2017-05``, ``2017-05/2017-07``).
            source, category: the outlet or section, exactly (case ignored).
            event: CAMEO event codes, a code or its prefix (``"04"`` finds ``046``),
                as ``rasid search --event`` takes them.
            actor, target: the source or target actor code of an event
                (``SYRGOV``) or its country (``SYR``), as ``--actor``/``--target``.
            undated: only articles without a publication date (``--undated``).
            date_from, date_to: published within (``YYYY[-MM[-DD]]``, whole period included).
            like: an article id: articles like it.
            sort: ``"relevance"``, ``"newest"`` or ``"oldest"``.
            facets, snippets: compute facet counts, snippets and highlights.
            limit, offset: the page of results (after folding).
            all_words: every word is required (``rasid search --all``).
            all_copies: show every copy (``--all-copies``); ``total`` and the
                facets count every copy either way.
            story: only articles of this story (``--story``).
            strict: refuse a malformed query (unclosed quote or bracket, lone
                ``-``, operator without operand, unknown field, bad date)
                instead of reading what does not parse as text.

        Raises:
            QueryError: a malformed filter, or query when ``strict`` (also a ValueError).
            StoriesError: ``story`` is not a story of the index.
        """
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        raw = self._native.search(
            query,
            int(limit),
            int(offset),
            sort,
            date_from,
            date_to,
            like,
            _names(source),
            _names(category),
            _names(entity),
            _names(person),
            _names(org),
            _names(place),
            _names(mentions),
            _names(event),
            _names(actor),
            _names(target),
            bool(undated),
            bool(facets),
            bool(snippets),
            bool(all_words),
            bool(all_copies),
            None if story is None else int(story),
            bool(strict),
        )
        return _make(SearchResults, json.loads(raw))

    def article(self, id: str) -> Optional[AnalyzedArticle]:
        """The article with this id as the index holds it, with its stored
        extractions, or None when the index has no such article."""
        found = self._native.article(str(id))
        return None if found is None else _make(AnalyzedArticle, json.loads(found))

    def __getitem__(self, id: str) -> AnalyzedArticle:
        found = self.article(id)
        if found is None:
            raise KeyError(id)
        return found

    def update_stories(self) -> BuildReport:
        """Brings the stories (copies, story clusters) up to date with the index."""
        return _make(BuildReport, json.loads(self._native.update_stories()))

    def stories(self, *, limit: int = 20, recent: bool = False, update: bool = True) -> List[StoryInfo]:
        """The stories, biggest first (``recent=True``: latest first). With
        ``update`` (the default) they are first brought up to date with the index."""
        if update:
            self.update_stories()
        return [_make(StoryInfo, s) for s in json.loads(self._native.stories(int(limit), bool(recent)))]

    def story(self, id: int, *, sentences: int = 5) -> StoryDetail:
        """One story's timeline, summary (``sentences`` long) and reports.

        Raises:
            StoriesError: no story has this id.
        """
        return _make(StoryDetail, json.loads(self._native.story(int(id), int(sentences))))

    def __repr__(self) -> str:
        return f"Index({self.path!r})"


def _names(value: Union[str, Sequence[str], None]) -> List[str]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [str(value)]
    return [str(v) for v in value]
