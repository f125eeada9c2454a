"""Result objects: read-only views of rasid's JSON with attribute access.

Every result is built from the JSON that the Rust side produces (the same
JSON as ``rasid analyze`` and the HTTP API print), so ``to_dict()`` gives
that JSON back exactly, and attribute access follows its field names.
Fields the JSON leaves out when empty read as ``None``, ``[]`` or ``False``.
Spans (``span.start``, ``span.end``) are UTF-8 byte offsets into the
article's title or body, as everywhere in rasid; :meth:`Span.of` cuts them
out of a ``str``.
"""

from __future__ import annotations

import copy
import json
import sys
from typing import Any, ClassVar, Dict, Iterator, List, Optional, TypeVar

__all__ = [
    "AnalyzedArticle",
    "Analysis",
    "Article",
    "ArticleEntities",
    "BuildReport",
    "Demonym",
    "Entity",
    "Extractions",
    "Facet",
    "Group",
    "Hit",
    "Mention",
    "NumberExpr",
    "Origin",
    "PlaceLink",
    "Record",
    "Role",
    "RunCounts",
    "SearchResults",
    "Snippet",
    "Span",
    "StoryInfo",
    "SummarySentence",
    "TextAnalysis",
    "TimeExpr",
    "Token",
]

_REGISTRY: Dict[str, type] = {}


def _wrap(value: Any, annotation: str) -> Any:
    """Converts a JSON value to what ``annotation`` (a string) names."""
    if value is None:
        return None
    if annotation.startswith("Optional[") and annotation.endswith("]"):
        annotation = annotation[9:-1]
    annotation = annotation.split(" | ")[0].strip()
    if annotation.startswith(("list[", "List[")) and isinstance(value, list):
        inner = _REGISTRY.get(annotation[5:-1])
        return [_make(inner, v) if inner is not None and isinstance(v, dict) else v for v in value]
    cls = _REGISTRY.get(annotation)
    if cls is not None and isinstance(value, dict):
        return _make(cls, value)
    return value


R = TypeVar("R", bound="Record")


def _make(cls: type[R], data: Dict[str, Any]) -> R:
    """A record of class ``cls`` on ``data`` (not copied), whatever ``cls.__init__`` takes."""
    record = cls.__new__(cls)
    Record.__init__(record, data)
    return record


def _default(annotation: str) -> Any:
    if annotation.startswith(("list[", "List[")):
        return []
    if annotation.startswith(("dict[", "Dict[")):
        return {}
    if annotation == "bool":
        return False
    return None


class Record:
    """A read-only view of one JSON object, with attribute access and :meth:`to_dict`.

    Two records are equal when their JSON is equal.
    """

    __slots__ = ("_data", "_cache")
    _fields: ClassVar[Dict[str, str]] = {}
    _repr_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY[cls.__name__] = cls
        fields: Dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if not name.startswith("_") and isinstance(annotation, str) and not annotation.startswith("ClassVar"):
                    fields[name] = annotation
        cls._fields = fields

    def __init__(self, data: Dict[str, Any]) -> None:
        if not isinstance(data, dict):
            raise TypeError(f"{type(self).__name__} expects a dict, got {type(data).__name__}")
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_cache", {})

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Any:
        """A record of this type from a dict shaped like rasid's JSON (copied)."""
        return _make(cls, copy.deepcopy(data))

    @classmethod
    def from_json(cls, text: str) -> Any:
        """A record of this type from rasid's JSON text."""
        return _make(cls, json.loads(text))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        cache = self._cache
        if name in cache:
            return cache[name]
        annotation = type(self)._fields.get(name)
        if name in self._data:
            value = _wrap(self._data[name], annotation) if annotation else self._data[name]
        elif annotation is not None:
            value = _default(annotation)
        else:
            raise AttributeError(f"{type(self).__name__!s} has no field {name!r}")
        cache[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; use to_dict() for a copy to change")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_make, (type(self), self._data))

    def __getitem__(self, key: str) -> Any:
        """``record["field"]``: the same as ``record.field`` (for fields named like keywords)."""
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def keys(self) -> List[str]:
        """The field names present in the JSON."""
        return list(self._data)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object as plain dicts, lists, strings and numbers (a copy)."""
        return copy.deepcopy(self._data)

    def to_json(self, *, indent: Optional[int] = None) -> str:
        """The JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self._data, ensure_ascii=False, indent=indent)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return type(self) is type(other) and self._data == other._data
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        names = type(self)._repr_fields or tuple(
            k for k, v in self._data.items() if isinstance(v, (str, int, float, bool)) or v is None
        )
        parts = []
        for name in names[:6]:
            value = getattr(self, name, None)
            if isinstance(value, str) and len(value) > 40:
                value = value[:39] + "…"
            parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._data) | set(type(self)._fields))


class Span(Record):
    """A range of UTF-8 bytes ``[start, end)`` in an article's title or body."""

    start: int
    end: int
    _repr_fields = ("start", "end")

    def of(self, text: str) -> str:
        """The part of ``text`` this span covers (``text`` as the article gives it)."""
        return text.encode("utf-8")[self.start : self.end].decode("utf-8")


class Origin(Record):
    """Where an article was read from: path, line or record, format, encoding."""

    path: str
    line: Optional[int]
    record: Optional[int]
    format: Optional[str]
    encoding: Optional[str]


class Token(Record):
    """One token (only with ``Pipeline(tokens=True)``): surface, normal form, search key, clitics, stem."""

    span: Span
    text: str
    norm: str
    key: str
    proclitics: list[str]
    enclitic: Optional[str]
    base: Span
    stem: str
    kind: str
    stop: bool
    _repr_fields = ("text", "key", "stem", "kind")


class Article(Record):
    """A news article: ``title`` and ``body`` as written, ``published``, ``source``, ``url``,
    ``category``, ``author``, the dateline, where it was read from (``origin``) and a
    content ``id`` (the same in every door of rasid: the CLI, the index, the server).

    Make one from text, or get them from :func:`rasid.read`::

        >>> a = rasid.Article("لافروف فى موسكو", "وقال لافروف فى موسكو الخميس ...",
        ...                   published="2017-12-21T10:57", source="youm7")
        >>> a.id, a.published
        ('5603955e9fc8bfa2', '2017-12-21T10:57:00')

    ``published`` takes an ISO 8601 string (with or without an offset), a
    ``datetime.datetime`` or a ``datetime.date``; it reads back as the ISO string
    rasid writes.
    """

    id: str
    external_id: Optional[str]
    source: Optional[str]
    url: Optional[str]
    title: str
    published: Optional[str]
    dateline: Optional[str]
    category: Optional[str]
    author: Optional[str]
    body: str
    origin: Origin
    warnings: list[str]
    _repr_fields = ("id", "title", "published", "source")

    def __init__(
        self,
        title: str,
        body: str,
        *,
        published: Any = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
        category: Optional[str] = None,
        author: Optional[str] = None,
        external_id: Optional[str] = None,
    ) -> None:
        from . import _rasid

        for name, value in (("title", title), ("body", body)):
            if not isinstance(value, str):
                raise TypeError(f"Article {name} must be a str, not {type(value).__name__}")
        for name, optional in (
            ("source", source),
            ("url", url),
            ("category", category),
            ("author", author),
            ("external_id", external_id),
        ):
            if optional is not None and not isinstance(optional, str):
                raise TypeError(f"Article {name} must be a str or None, not {type(optional).__name__}")
        data = json.loads(
            _rasid.make_article(
                title, body, _timestamp(published), source, url, category, author, external_id
            )
        )
        Record.__init__(self, data)


def _timestamp(value: Any) -> Optional[str]:
    """An ISO 8601 string from a str, datetime or date (None stays None)."""
    import datetime as dt

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"published must be an ISO 8601 str, a datetime or a date, not {type(value).__name__}")


class TextAnalysis(Record):
    """The analysis of a title or a body: paragraphs, sentences, token count (tokens when asked)."""

    paragraphs: list[Span]
    sentences: list[Span]
    token_count: int
    tokens: list[Token]
    _repr_fields = ("token_count",)


class Analysis(Record):
    """The analysis of an article's title and body."""

    title: TextAnalysis
    body: TextAnalysis


class Mention(Record):
    """One mention of an entity: where, as written, its kind (PER, LOC, ORG, MISC) and entity index."""

    part: str
    span: Span
    text: str
    kind: str
    entity: int
    _repr_fields = ("text", "kind", "part", "entity")


class Role(Record):
    """A person's role as the article gives it (``وزير الخارجية``), with country and organisation."""

    title: str
    text: str
    part: str
    span: Span
    country: Optional[str]
    organization: Optional[str]


class PlaceLink(Record):
    """A place linked to GeoNames: id, English name, country code, coordinates, feature, population."""

    geonames_id: int
    name_en: str
    country: str
    lat: Optional[float]
    lon: Optional[float]
    feature: str
    population: Optional[int]
    _repr_fields = ("geonames_id", "name_en", "country")


class Entity(Record):
    """A person, place, organisation or other name, with the indexes of its mentions.

    ``key`` is its identity across articles (``geonames:ID`` for a linked place, else the kind
    and a spelling skeleton); ``cameo`` its CAMEO actor code where one applies (``RUS``,
    ``RUSGOV``, ``UNO``; ``None`` for a city, which is a place, not an actor).
    """

    id: int
    kind: str
    canonical: str
    key: Optional[str]
    name_en: Optional[str]
    mentions: list[int]
    role: Optional[Role]
    place: Optional[PlaceLink]
    cameo: Optional[str]
    _repr_fields = ("canonical", "kind", "cameo")


class Demonym(Record):
    """A word for a country's people (``الروسى``) with the country code."""

    part: str
    span: Span
    text: str
    country: str
    _repr_fields = ("text", "country")


class Group(Record):
    """A group named by a phrase (``النظام السورى``): kind, label, country."""

    part: str
    span: Span
    text: str
    kind: str
    label: str
    country: Optional[str]
    _repr_fields = ("text", "kind", "label")


class ArticleEntities(Record):
    """The entities of an article: mentions, entities, demonyms, groups."""

    mentions: list[Mention]
    entities: list[Entity]
    demonyms: list[Demonym]
    groups: list[Group]

    def __repr__(self) -> str:
        return f"ArticleEntities({len(self.entities)} entities, {len(self.mentions)} mentions)"


class TimeExpr(Record):
    """A time expression: its TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value``
    (``2017-12-21``), ``mod`` when qualified, ``anchored`` when resolved against the dateline."""

    part: str
    span: Span
    text: str
    type: str
    value: str
    mod: Optional[str]
    anchored: bool
    _repr_fields = ("text", "type", "value")


class NumberExpr(Record):
    """A number: its ``value``, ``kind`` (cardinal, ordinal, percent, money, ...) and what it ``counts``."""

    part: str
    span: Span
    text: str
    value: float
    kind: str
    currency: Optional[str]
    approx: Optional[str]
    counts: Optional[str]
    _repr_fields = ("text", "value", "kind", "counts")


class SummarySentence(Record):
    """A sentence of the extractive summary: its span in the body and its text."""

    span: Span
    text: str
    _repr_fields = ("text",)


class Actor(Record):
    """Who acts in an event, or on whom: the words, their CAMEO actor code
    (``SYRGOV``, ``---CVL``; empty when none was found) and the entity they name."""

    span: Span
    text: str
    code: str
    entity: Optional[int]
    _repr_fields = ("text", "code")


class Trigger(Record):
    """The words that give an event its action, or a quote its cue (``قال``)."""

    span: Span
    text: str
    _repr_fields = ("text",)


class EventPlace(Record):
    """Where an event happened, with its GeoNames id and country when linked."""

    span: Span
    text: str
    entity: Optional[int]
    geonames_id: Optional[int]
    country: Optional[str]
    _repr_fields = ("text", "geonames_id", "country")


class EventDate(Record):
    """When an event happened: ``value`` (TIMEX3), from the text or the dateline (``source``)."""

    value: str
    source: str
    span: Optional[Span]
    _repr_fields = ("value", "source")


class Event(Record):
    """Who did what to whom, where and when: a CAMEO ``code`` (its root is the
    first two digits), the PLOVER category and mode, the quad class (1 verbal
    cooperation … 4 material conflict), the Goldstein score, the modality
    (asserted, negated, threatened, intended), whether it is reported by
    someone else, and the index of the quote it comes from."""

    part: str
    sentence: Span
    source: Optional[Actor]
    action: Trigger
    target: Optional[Actor]
    code: str
    plover: Optional[str]
    plover_mode: Optional[str]
    quad_class: int
    goldstein: float
    place: Optional[EventPlace]
    date: Optional[EventDate]
    modality: str
    reported: bool
    quote: Optional[int]
    confidence: float
    _repr_fields = ("code", "plover", "modality")


class Speaker(Record):
    """Who said it: the words naming them, the person and organisation entities, an actor code."""

    span: Span
    text: str
    entity: Optional[int]
    organization: Optional[int]
    code: Optional[str]
    _repr_fields = ("text", "code")


class Quote(Record):
    """A quote: its cue, the content's span and text, the kind (direct,
    indirect, mixed) and its speaker when found."""

    part: str
    cue: Trigger
    content: Span
    text: str
    kind: str
    speaker: Optional[Speaker]
    _repr_fields = ("kind", "text")


class Extractions(Record):
    """What the extractors found: ``entities``, ``times``, ``numbers``, ``summary``
    (None when the summary is switched off), ``events`` and ``quotes``."""

    entities: ArticleEntities
    times: list[TimeExpr]
    numbers: list[NumberExpr]
    summary: Optional[list[SummarySentence]]
    events: list[Event]
    quotes: list[Quote]

    def __repr__(self) -> str:
        return (
            f"Extractions({len(self.entities.entities)} entities, {len(self.times)} times, "
            f"{len(self.numbers)} numbers, summary={'off' if self.summary is None else len(self.summary)}, "
            f"{len(self.events)} events, {len(self.quotes)} quotes)"
        )


class AnalyzedArticle(Record):
    """Everything rasid finds in an article: ``version`` of the JSON contract, the
    ``article`` itself, its ``analysis`` and its ``extractions``.

    ``to_dict()`` is one line of ``rasid analyze``'s output.
    """

    version: int
    article: Article
    analysis: Analysis
    extractions: Extractions

    @property
    def entities(self) -> list[Entity]:
        """Shortcut for ``extractions.entities.entities``."""
        entities: list[Entity] = self.extractions.entities.entities
        return entities

    def __repr__(self) -> str:
        return f"AnalyzedArticle(id={self.article.id!r}, title={_short(self.article.title)!r}, {self.extractions!r})"


class Snippet(Record):
    """A fragment of text with the byte ranges of the matches in it (``highlights``)."""

    text: str
    highlights: list[Any]
    _repr_fields = ("text",)


class Facet(Record):
    """One facet value and how many matching articles have it."""


class Hit(Record):
    """One search result: ``id``, ``score``, ``title``, ``snippet``, ``source``, ``published``, ..."""

    id: str
    score: Optional[float]
    title: str
    title_highlight: Optional[Snippet]
    snippet: Optional[Snippet]
    source: Optional[str]
    category: Optional[str]
    url: Optional[str]
    _repr_fields = ("id", "score", "title")


class SearchResults(Record):
    """The results of a search: ``total`` matching, the ``hits`` asked for and
    ``facets``; ``copies``: for a shown hit with copies among the matches, the
    copies' ids; ``note``: why copies were not folded, when they were not."""

    hits: list[Hit]
    copies: Dict[str, List[str]]
    note: Optional[str]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __repr__(self) -> str:
        return f"SearchResults(total={self._data.get('total')!r}, hits={len(self.hits)})"


class RunCounts(Record):
    """What one :meth:`rasid.Index.add` did: articles ``indexed``, and those left out and why."""


class BuildReport(Record):
    """What a stories update did: articles ``added``, copies found, stories made."""


class StoryInfo(Record):
    """A story as listed: ``id``, ``articles``, ``reports``, ``first`` and ``last`` day, ``label``,
    and ``follows``: the story it continues (the episode before it of a long affair), or ``None``."""

    id: int
    articles: int
    reports: int
    first: Optional[str]
    last: Optional[str]
    follows: Optional[int]
    _repr_fields = ("id", "articles", "reports", "first", "last")


class StoryDetail(Record):
    """A story's timeline, summary and reports (the JSON of ``rasid stories show --json``)."""


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


if sys.version_info < (3, 10):  # pragma: no cover
    raise ImportError("rasid needs Python 3.10 or newer")
