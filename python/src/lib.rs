//! `rasid._rasid`: the native half of the `rasid` Python package.
//!
//! It is deliberately thin: every result crosses into Python as the JSON that
//! `rasid analyze`, `rasid search --json` and the HTTP API print (the serde
//! form of the Rust types), and the pure-Python package (`python/rasid/`) turns
//! it into objects with attribute access and `to_dict()`. Articles come in the
//! same way, as the JSON of a `rasid::Article`. So the Python results equal the
//! command's output by construction, and the binding has no type of its own to
//! keep in step with the Rust crates.
//!
//! Long calls (`analyze_batch`, `Index.add`, searches, the stories build)
//! release the GIL; batches run on a rayon pool.
//!
//! Tables cross the other way: `analyze_tables` gives the per-article tables
//! of `rasid export` (built by `rasid_export::analyzed_rows`, the export's own
//! row functions and schema) as [`ArrowStream`]s, read by pyarrow, polars or
//! DuckDB through the Arrow C stream interface (`__arrow_c_stream__`) without
//! a copy.
//!
//! Errors are raised as the exception classes of `rasid.errors`
//! (`RasidError` and its subclasses), looked up when raised.

use std::ffi::CString;
use std::path::PathBuf;

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict};
use rasid::export::table::TableDef;
use rasid::export::tables::{all_tables, ARTICLE_TABLES};
use rasid::ingest::{ErrorKind, IngestError, ReadOptions, Records};
use rasid::pipeline::NerMode;
use rasid::search::query::ParseOptions;
use rasid::stories::search::Fold;
use rasid::{
    AnalyzedArticle, Article, ArticleId, Engine, Extractor, Filters, IndexError, InputFormat, ListQuery, Pipeline,
    Resources, SearchRequest, Sort, StoriesError, Timestamp,
};

/// An exception of `rasid.errors` named `class`, made with `message` (and `kwargs`).
fn rasid_error(py: Python<'_>, class: &str, message: String, kwargs: Option<&Bound<'_, PyDict>>) -> PyErr {
    let made = py
        .import("rasid.errors")
        .and_then(|module| module.getattr(class))
        .and_then(|class| class.call((message,), kwargs));
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(err) => err,
    }
}

fn index_error(py: Python<'_>, err: &IndexError) -> PyErr {
    let class = match err {
        IndexError::Query(_) => "QueryError",
        _ => "RasidIndexError",
    };
    rasid_error(py, class, err.to_string(), None)
}

fn engine_error(py: Python<'_>, err: &rasid::Error) -> PyErr {
    match err {
        rasid::Error::Index(err) => index_error(py, err),
        rasid::Error::Stories(err) => stories_error(py, err),
        other => rasid_error(py, "StoriesError", other.to_string(), None),
    }
}

fn stories_error(py: Python<'_>, err: &StoriesError) -> PyErr {
    match err {
        StoriesError::Index(err) => index_error(py, err),
        other => rasid_error(py, "StoriesError", other.to_string(), None),
    }
}

fn json_error(err: &serde_json::Error) -> PyErr {
    PyValueError::new_err(format!("rasid: cannot convert to or from JSON: {err}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|err| json_error(&err))
}

fn article_from_json(json: &str) -> PyResult<Article> {
    serde_json::from_str(json).map_err(|err| PyValueError::new_err(format!("not an article: {err}")))
}

/// A pipeline from the Python arguments (resources directory, extractor names, summary length, tokens).
fn build_pipeline(
    py: Python<'_>,
    resources: Option<PathBuf>,
    extractors: Option<Vec<String>>,
    summary_sentences: usize,
    tokens: bool,
    ner: Option<&str>,
) -> PyResult<Pipeline> {
    let mut builder = Pipeline::builder().tokens(tokens);
    if let Some(mode) = ner {
        builder = builder.ner_mode(mode.parse::<NerMode>().map_err(PyValueError::new_err)?);
    }
    if let Some(dir) = resources {
        let loaded = py
            .detach(|| Resources::from_dir(&dir))
            .map_err(|err| rasid_error(py, "ResourcesError", err.to_string(), None))?;
        builder = builder.resources(loaded);
    }
    if let Some(names) = extractors {
        let parsed = names
            .iter()
            .map(|name| name.parse::<Extractor>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(PyValueError::new_err)?;
        builder = builder.extractors(parsed);
    }
    Ok(builder.summary_sentences(summary_sentences).build())
}

/// Runs `work` on a rayon pool of `threads` threads (the global pool when `None`).
fn on_pool<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, String> {
    match threads {
        None => Ok(work()),
        Some(0) => Err("threads must be at least 1".to_owned()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(work))
            .map_err(|err| format!("cannot start {n} threads: {err}")),
    }
}

/// Analyses articles given as JSON, in parallel.
fn analyze_json(pipeline: &Pipeline, articles: &[String]) -> Result<Vec<AnalyzedArticle>, String> {
    let parsed = articles
        .iter()
        .map(|json| serde_json::from_str::<Article>(json).map_err(|err| format!("not an article: {err}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pipeline.analyze_batch_owned(parsed))
}

/// Analyses articles given as JSON, in parallel, and returns their results as JSON.
fn analyze_json_batch(pipeline: &Pipeline, articles: &[String]) -> Result<Vec<String>, String> {
    use rayon::prelude::*;
    analyze_json(pipeline, articles)?
        .par_iter()
        .map(|analysed: &AnalyzedArticle| serde_json::to_string(analysed).map_err(|err| err.to_string()))
        .collect()
}

/// The export's per-article tables of articles given as JSON: one stream per
/// table (every table, empty or not), one batch per month partition.
fn analyze_json_tables(pipeline: &Pipeline, articles: &[String]) -> Result<Vec<ArrowStream>, String> {
    let analysed = analyze_json(pipeline, articles)?;
    let months = rasid::export::analyzed_rows(&analysed, pipeline.extracts()).map_err(|err| err.to_string())?;
    let mut streams: Vec<ArrowStream> = ARTICLE_TABLES.iter().map(|(def, _)| ArrowStream::empty(def)).collect();
    for (month, tables) in months {
        for (rows, stream) in tables.iter().zip(streams.iter_mut()) {
            if !rows.is_empty() {
                stream.batches.push(rows.to_batch().map_err(|err| err.to_string())?);
                stream.months.push(month.clone());
            }
        }
    }
    Ok(streams)
}

/// The record batches of one table of `rasid export`, for any Arrow consumer
/// through the Arrow PyCapsule interface (`pyarrow.table(stream)`,
/// `polars.from_arrow`, DuckDB). One batch per month partition.
#[pyclass(module = "rasid._rasid", frozen)]
struct ArrowStream {
    def: &'static TableDef,
    batches: Vec<RecordBatch>,
    months: Vec<String>,
}

impl ArrowStream {
    fn empty(def: &'static TableDef) -> ArrowStream {
        ArrowStream {
            def,
            batches: Vec::new(),
            months: Vec::new(),
        }
    }
}

#[pymethods]
impl ArrowStream {
    /// The table's name (`articles`, `entities`, ...).
    #[getter]
    fn name(&self) -> &'static str {
        self.def.name
    }

    /// The month partition of each batch (`2017-12`, `undated`), in order.
    #[getter]
    fn months(&self) -> Vec<String> {
        self.months.clone()
    }

    /// Rows in all batches.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The batches as an `ArrowArrayStream` capsule. The schema is the
    /// export's; a requested schema is left to the consumer to cast to.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(self.batches.clone().into_iter().map(Ok), self.def.schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        let name = CString::new("arrow_array_stream").map_err(|err| PyRuntimeError::new_err(err.to_string()))?;
        PyCapsule::new(py, stream, Some(name))
    }

    fn __repr__(&self) -> String {
        format!("ArrowStream({:?}, rows={})", self.def.name, self.num_rows())
    }
}

/// Every table of `rasid export`, without rows: their schemas.
#[pyfunction]
fn export_tables() -> Vec<ArrowStream> {
    all_tables().into_iter().map(ArrowStream::empty).collect()
}

/// The analysis pipeline (see `rasid.Pipeline`, which wraps it).
#[pyclass(module = "rasid._rasid", frozen)]
struct NativePipeline {
    inner: Pipeline,
}

#[pymethods]
impl NativePipeline {
    #[new]
    #[pyo3(signature = (resources=None, extractors=None, summary_sentences=3, tokens=false, ner=None))]
    fn new(
        py: Python<'_>,
        resources: Option<PathBuf>,
        extractors: Option<Vec<String>>,
        summary_sentences: usize,
        tokens: bool,
        ner: Option<&str>,
    ) -> PyResult<Self> {
        Ok(NativePipeline {
            inner: build_pipeline(py, resources, extractors, summary_sentences, tokens, ner)?,
        })
    }

    /// The entity tagger's mode: `fast` or `accurate`.
    fn ner(&self) -> &'static str {
        self.inner.ner_mode().name()
    }

    /// The extractors switched on, by name.
    fn extractors(&self) -> Vec<String> {
        self.inner.extractors().iter().map(|e| e.name().to_owned()).collect()
    }

    /// Analyses one article (JSON in, JSON out).
    fn analyze(&self, py: Python<'_>, article: &str) -> PyResult<String> {
        let article = article_from_json(article)?;
        py.detach(|| to_json(&self.inner.analyze_owned(article)))
    }

    /// Analyses articles in parallel without the GIL; results in input order.
    #[pyo3(signature = (articles, threads=None))]
    fn analyze_batch(&self, py: Python<'_>, articles: Vec<String>, threads: Option<usize>) -> PyResult<Vec<String>> {
        py.detach(|| on_pool(threads, || analyze_json_batch(&self.inner, &articles)))
            .and_then(|result| result)
            .map_err(PyValueError::new_err)
    }

    /// Analyses articles in parallel without the GIL; the export's per-article tables.
    #[pyo3(signature = (articles, threads=None))]
    fn analyze_tables(
        &self,
        py: Python<'_>,
        articles: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<ArrowStream>> {
        py.detach(|| on_pool(threads, || analyze_json_tables(&self.inner, &articles)))
            .and_then(|result| result)
            .map_err(PyValueError::new_err)
    }
}

/// The JSON of a new article (its content id computed as everywhere in rasid).
#[pyfunction]
#[pyo3(signature = (title, body, published=None, source=None, url=None, category=None, author=None, external_id=None))]
#[allow(clippy::too_many_arguments)]
fn make_article(
    title: String,
    body: String,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    category: Option<String>,
    author: Option<String>,
    external_id: Option<String>,
) -> PyResult<String> {
    let mut builder = Article::builder(title, body);
    if let Some(published) = published {
        let at: Timestamp = published
            .parse()
            .map_err(|err| PyValueError::new_err(format!("published: {err}")))?;
        builder = builder.published(at);
    }
    if let Some(value) = source {
        builder = builder.source(value);
    }
    if let Some(value) = url {
        builder = builder.url(value);
    }
    if let Some(value) = category {
        builder = builder.category(value);
    }
    if let Some(value) = author {
        builder = builder.author(value);
    }
    if let Some(value) = external_id {
        builder = builder.external_id(value);
    }
    to_json(&builder.build())
}

/// A reading problem as Python sees it: path, place, reason, skipped on purpose, whole message.
type Problem = (String, Option<String>, String, bool, String);

fn problem(err: &IngestError) -> Problem {
    (
        err.path.clone(),
        err.location.map(|l| l.to_string()),
        err.kind.to_string(),
        err.is_skip(),
        err.to_string(),
    )
}

/// Reads files and directories: yields `(article_json, None)` or `(None, problem)`.
#[pyclass(module = "rasid._rasid", unsendable)]
struct Reader {
    paths: std::vec::IntoIter<Result<PathBuf, IngestError>>,
    options: ReadOptions,
    current: Option<Records>,
}

#[pymethods]
impl Reader {
    #[new]
    #[pyo3(signature = (paths, format=None, encoding=None))]
    fn new(paths: Vec<PathBuf>, format: Option<&str>, encoding: Option<&str>) -> PyResult<Self> {
        let format = match format {
            Some(name) => InputFormat::parse_or_auto(name).map_err(|err| PyValueError::new_err(err.to_string()))?,
            None => None,
        };
        let encoding = encoding
            .map(rasid::ingest::encoding_by_name)
            .transpose()
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        let options = ReadOptions {
            format,
            encoding,
            ..ReadOptions::default()
        };
        Ok(Reader {
            paths: rasid::ingest::expand(&paths).into_iter(),
            options,
            current: None,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> PyResult<Option<(Option<String>, Option<Problem>)>> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next() {
                    Some(Ok(article)) => return Ok(Some((Some(to_json(&article)?), None))),
                    Some(Err(err)) => {
                        // A file that cannot be opened gives one error and ends.
                        if matches!(err.kind, ErrorKind::Io(_)) && err.location.is_none() {
                            self.current = None;
                        }
                        return Ok(Some((None, Some(problem(&err)))));
                    }
                    None => self.current = None,
                }
            }
            match self.paths.next() {
                None => return Ok(None),
                Some(Err(err)) => return Ok(Some((None, Some(problem(&err))))),
                Some(Ok(path)) => self.current = Some(rasid::ingest::read_path(&path, &self.options)),
            }
        }
    }
}

/// A search index with its stories store (see `rasid.Index`, which wraps it).
#[pyclass(module = "rasid._rasid", frozen)]
struct NativeIndex {
    engine: Engine,
}

#[pymethods]
impl NativeIndex {
    #[new]
    #[pyo3(signature = (path, resources=None, extractors=None, summary_sentences=3, create=true, ner=None))]
    fn new(
        py: Python<'_>,
        path: PathBuf,
        resources: Option<PathBuf>,
        extractors: Option<Vec<String>>,
        summary_sentences: usize,
        create: bool,
        ner: Option<&str>,
    ) -> PyResult<Self> {
        let pipeline = build_pipeline(py, resources, extractors, summary_sentences, false, ner)?;
        let opened = py.detach(|| {
            if create {
                Engine::create_or_open(&path, pipeline)
            } else {
                Engine::open(&path, pipeline)
            }
        });
        Ok(NativeIndex {
            engine: opened.map_err(|err| engine_error(py, &err))?,
        })
    }

    /// The index directory.
    fn path(&self) -> PathBuf {
        self.engine.path().to_path_buf()
    }

    /// Adds articles (JSON) in one writer run; returns the run's counts as JSON.
    fn add(&self, py: Python<'_>, articles: Vec<String>, run: &str) -> PyResult<String> {
        let parsed = articles
            .iter()
            .map(|json| article_from_json(json))
            .collect::<PyResult<Vec<_>>>()?;
        let counts = py
            .detach(|| self.engine.add(parsed, run))
            .map_err(|err| engine_error(py, &err))?;
        to_json(&counts)
    }

    /// Runs a search, copies folded as `rasid search` folds them; returns the results as JSON.
    #[pyo3(signature = (query, limit, offset, sort, date_from, date_to, like, sources, categories, entities, persons, orgs, places, mentions, events, actors, targets, undated, facets, snippets, all_words, all_copies, story, strict))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        limit: usize,
        offset: usize,
        sort: &str,
        date_from: Option<String>,
        date_to: Option<String>,
        like: Option<String>,
        sources: Vec<String>,
        categories: Vec<String>,
        entities: Vec<String>,
        persons: Vec<String>,
        orgs: Vec<String>,
        places: Vec<String>,
        mentions: Vec<String>,
        events: Vec<String>,
        actors: Vec<String>,
        targets: Vec<String>,
        undated: bool,
        facets: bool,
        snippets: bool,
        all_words: bool,
        all_copies: bool,
        story: Option<i64>,
        strict: bool,
    ) -> PyResult<String> {
        let mut request = SearchRequest::new(query);
        request.limit = limit;
        request.offset = offset;
        request.sort = match sort {
            "relevance" => Sort::Relevance,
            "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown sort {other:?}; expected relevance, newest or oldest"
                )))
            }
        };
        request.from = date_from;
        request.to = date_to;
        request.like = like.map(ArticleId::from_raw);
        request.filters = Filters {
            sources,
            categories,
            entities,
            persons,
            orgs,
            places,
            mentions,
            events,
            actors,
            targets,
            undated,
        };
        request.facets = facets;
        request.snippets = snippets;
        request.parse = ParseOptions {
            default_and: all_words,
            strict,
        };
        let fold = Fold {
            collapse: !all_copies,
            story,
        };
        let results = py
            .detach(|| rasid::stories::search::search(self.engine.index(), &request, &fold))
            .map_err(|err| stories_error(py, &err))?;
        py.detach(|| to_json(&results))
    }

    /// The stored article with its extractions (JSON), or `None`.
    fn article(&self, py: Python<'_>, id: &str) -> PyResult<Option<String>> {
        let found = py
            .detach(|| self.engine.article(&ArticleId::from_raw(id)))
            .map_err(|err| engine_error(py, &err))?;
        found.map(|analysed| to_json(&analysed)).transpose()
    }

    /// Brings the stories up to date; returns the build report as JSON.
    fn update_stories(&self, py: Python<'_>) -> PyResult<String> {
        let report = py
            .detach(|| self.engine.update_stories(&mut |_, _| {}))
            .map_err(|err| engine_error(py, &err))?;
        to_json(&report)
    }

    /// The stories (JSON list), biggest first or latest first.
    #[pyo3(signature = (limit, recent))]
    fn stories(&self, py: Python<'_>, limit: usize, recent: bool) -> PyResult<String> {
        let listed = py
            .detach(|| {
                let store = self.engine.stories()?;
                let query = ListQuery {
                    limit,
                    recent,
                    ..ListQuery::default()
                };
                store.stories(&query).map_err(rasid::Error::from)
            })
            .map_err(|err| engine_error(py, &err))?;
        to_json(&listed)
    }

    /// One story's detail (JSON): timeline, summary, reports.
    fn story(&self, py: Python<'_>, id: i64, sentences: usize) -> PyResult<String> {
        let detail = py
            .detach(|| self.engine.story(id, sentences))
            .map_err(|err| engine_error(py, &err))?;
        to_json(&detail)
    }
}

/// The native module.
#[pymodule]
fn _rasid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("OUTPUT_VERSION", AnalyzedArticle::VERSION)?;
    m.add_class::<NativePipeline>()?;
    m.add_class::<NativeIndex>()?;
    m.add_class::<Reader>()?;
    m.add_class::<ArrowStream>()?;
    m.add_function(wrap_pyfunction!(make_article, m)?)?;
    m.add_function(wrap_pyfunction!(export_tables, m)?)?;
    Ok(())
}
