"""The native half of the rasid package (built from python/src/lib.rs).

Everything crosses as JSON text; the pure-Python package wraps it.
"""

from typing import Any, Optional

from typing import final

__all__ = [
    "__version__",
    "OUTPUT_VERSION",
    "ArrowStream",
    "NativePipeline",
    "NativeIndex",
    "Reader",
    "export_tables",
    "make_article",
]

__version__: str
OUTPUT_VERSION: int

# (path, location, reason, skip, message)
_Problem = tuple[str, Optional[str], str, bool, str]

@final
class NativePipeline:
    def __new__(
        cls,
        resources: Optional[str] = None,
        extractors: Optional[list[str]] = None,
        summary_sentences: int = 3,
        tokens: bool = False,
        ner: Optional[str] = None,
    ) -> NativePipeline: ...
    def extractors(self) -> list[str]: ...
    def ner(self) -> str: ...
    def analyze(self, article: str) -> str: ...
    def analyze_batch(self, articles: list[str], threads: Optional[int] = None) -> list[str]: ...
    def analyze_tables(self, articles: list[str], threads: Optional[int] = None) -> list[ArrowStream]: ...

@final
class ArrowStream:
    """One table's record batches (one per month partition), for the Arrow C stream interface."""

    @property
    def name(self) -> str: ...
    @property
    def months(self) -> list[str]: ...
    @property
    def num_rows(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any: ...

def export_tables() -> list[ArrowStream]: ...

@final
class NativeIndex:
    def __new__(
        cls,
        path: str,
        resources: Optional[str] = None,
        extractors: Optional[list[str]] = None,
        summary_sentences: int = 3,
        create: bool = True,
        ner: Optional[str] = None,
    ) -> NativeIndex: ...
    def path(self) -> str: ...
    def add(self, articles: list[str], run: str) -> str: ...
    def search(
        self,
        query: str,
        limit: int,
        offset: int,
        sort: str,
        date_from: Optional[str],
        date_to: Optional[str],
        like: Optional[str],
        sources: list[str],
        categories: list[str],
        entities: list[str],
        persons: list[str],
        orgs: list[str],
        places: list[str],
        mentions: list[str],
        events: list[str],
        actors: list[str],
        targets: list[str],
        undated: bool,
        facets: bool,
        snippets: bool,
        all_words: bool,
        all_copies: bool,
        story: Optional[int],
        strict: bool,
    ) -> str: ...
    def article(self, id: str) -> Optional[str]: ...
    def update_stories(self) -> str: ...
    def stories(self, limit: int, recent: bool) -> str: ...
    def story(self, id: int, sentences: int) -> str: ...

@final
class Reader:
    def __new__(
        cls, paths: list[str], format: Optional[str] = None, encoding: Optional[str] = None
    ) -> Reader: ...
    def __iter__(self) -> Reader: ...
    def __next__(self) -> tuple[Optional[str], Optional[_Problem]]: ...

def make_article(
    title: str,
    body: str,
    published: Optional[str] = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    category: Optional[str] = None,
    author: Optional[str] = None,
    external_id: Optional[str] = None,
) -> str: ...
