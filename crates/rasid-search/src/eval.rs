//! Known-item retrieval, measured on the search rasid ships.
//!
//! Each TITLE (or a given query) is the query for the article it came from;
//! the rank of that article gives MRR@10, Recall@1 and Recall@10. The articles
//! are indexed the way `rasid index` indexes them (an on-disk [`Index`] with the
//! pipeline given, through its [`crate::Writer`]) and each query runs through
//! [`Index::search`] with a [`SearchRequest`]'s defaults (the parser, lenient;
//! the ranking), as `rasid search` and `/api/search` run it. Titles are
//! withheld from the index (only the bodies are indexed), unless
//! [`EvalOptions::with_titles`]: a query is not the text it finds.
//!
//! Beside it, in the same process on the same queries, the anchors: rasid's
//! analyzer alone in a bag-of-words BM25 index of the bodies (what this
//! evaluation measured before), tantivy's default tokenizer (simple tokenizer,
//! long-token filter, lower-casing) and that plus tantivy's Snowball Arabic
//! stemmer. Several [`Ranking`]s may be measured on one index.
//!
//! With a seed, every query is first perturbed the way people misspell Arabic
//! ([`perturb`]): hamza dropped from or added to alef, final ى↔ي, final ة↔ه,
//! diacritics added. The same seed gives the same queries.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::eval::{self, EvalOptions};
//! use rasid_search::Pipeline;
//!
//! let articles = vec![
//!     Article::builder("محادثات استانا", "بدأت فى استانا جولة محادثات جديدة").build(),
//!     Article::builder("مباراة القمة", "فاز الأهلى على الزمالك فى مباراة القمة").build(),
//! ];
//! let queries = eval::titles_as_queries(&articles);
//! let pipeline = Pipeline::builder().extractors([]).build();
//! let report = eval::run(&articles, &queries, &EvalOptions::default(), &pipeline).unwrap();
//! assert_eq!(report.systems.len(), 4);
//! assert!(report.render().ends_with(&format!("MRR@10 {:.4}\n", report.systems[0].mrr10)));
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use rasid_core::Article;
use rasid_pipeline::Pipeline;
use rasid_text::Analyzer;
use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::BooleanQuery;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream};
use tantivy::{TantivyDocument, Term};

use crate::error::{IndexError, Result};
use crate::index::Index;
use crate::search::{Ranking, SearchRequest};
use crate::tokenizer::{pre_tokenized, search_tokens, RasidTokenizer};
use crate::writer::WriterOptions;

/// One known-item query: the text, and the id of the article it should find.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KnownItem {
    /// The article the query is for.
    pub target: String,
    /// The query text.
    pub query: String,
}

/// Settings of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalOptions {
    /// Perturb each query's spelling with this seed.
    pub noisy: Option<u64>,
    /// Indexing threads (0: one per core, at most 4).
    pub threads: usize,
    /// Index the titles too (in every system), not only the bodies.
    pub with_titles: bool,
    /// The rankings of the shipped search to measure (none: the default one).
    pub rankings: Vec<Ranking>,
    /// Build the index here (an empty or missing directory; it is left there),
    /// instead of in a temporary directory removed at the end.
    pub dir: Option<PathBuf>,
}

/// Query latency, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Mean.
    pub mean_ms: f64,
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
}

/// The scores of one analyzer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemReport {
    /// The system: the shipped search (with its ranking when several are
    /// measured) or an anchor.
    pub name: String,
    /// Mean reciprocal rank of the target within the top 10 (0 when not there).
    pub mrr10: f64,
    /// Share of queries whose target is first.
    pub recall1: f64,
    /// Share of queries whose target is in the top 10.
    pub recall10: f64,
    /// Time per query: analysis, search, reading the top 10 ids.
    pub latency: Latency,
    /// Time to analyse (and, for the shipped search, run the pipeline's
    /// extraction on) and index the articles, in seconds.
    pub index_seconds: f64,
}

/// The result of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    /// Articles indexed.
    pub articles: usize,
    /// Queries run (queries whose target is not in the corpus are left out).
    pub queries: usize,
    /// Queries left out because their target is not in the corpus.
    pub skipped_queries: usize,
    /// The perturbation seed, if any.
    pub noisy: Option<u64>,
    /// True when titles were indexed too.
    pub with_titles: bool,
    /// The shipped search first (one row per ranking), then the anchors.
    pub systems: Vec<SystemReport>,
}

impl EvalReport {
    /// A table, ending with the line `MRR@10 <value of the shipped search, first ranking>`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mode = match self.noisy {
            Some(seed) => format!("noisy queries (seed {seed})"),
            None => "clean queries".to_owned(),
        };
        let _ = writeln!(
            out,
            "known-item retrieval: {} articles ({} indexed), {} queries, {mode}{}",
            self.articles,
            if self.with_titles {
                "titles and bodies"
            } else {
                "bodies"
            },
            self.queries,
            if self.skipped_queries > 0 {
                format!(", {} skipped (target not in corpus)", self.skipped_queries)
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            out,
            "{:<30} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}",
            "system", "MRR@10", "R@1", "R@10", "mean ms", "p50 ms", "p99 ms", "index s"
        );
        for s in &self.systems {
            let _ = writeln!(
                out,
                "{:<30} {:>7.4} {:>7.4} {:>7.4} {:>9.3} {:>9.3} {:>9.3} {:>9.2}",
                s.name,
                s.mrr10,
                s.recall1,
                s.recall10,
                s.latency.mean_ms,
                s.latency.p50_ms,
                s.latency.p99_ms,
                s.index_seconds
            );
        }
        let rasid = self.systems.first().map_or(0.0, |s| s.mrr10);
        let _ = writeln!(out, "MRR@10 {rasid:.4}");
        out
    }
}

/// Each article's title as the query for it (articles without a title are left out).
pub fn titles_as_queries(articles: &[Article]) -> Vec<KnownItem> {
    articles
        .iter()
        .filter(|a| !a.title.trim().is_empty())
        .map(|a| KnownItem {
            target: a.id.to_string(),
            query: a.title.clone(),
        })
        .collect()
}

/// Reads `article-id<TAB>query` lines (the id is rasid's or the input's own); blank lines and lines starting with `#`
/// are ignored.
///
/// # Errors
/// The 1-based number and content of the first line without a tab.
pub fn read_queries_tsv(text: &str) -> std::result::Result<Vec<KnownItem>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((id, query)) = line.split_once('\t') else {
            return Err(format!("line {}: expected article-id<TAB>query, got {line:?}", i + 1));
        };
        out.push(KnownItem {
            target: id.trim().to_owned(),
            query: query.trim().to_owned(),
        });
    }
    Ok(out)
}

/// A small, fast, seeded random number generator (SplitMix64), so perturbations
/// are the same on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

const HARAKAT: [char; 6] = ['\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}', '\u{0651}', '\u{064B}'];

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Misspells a query the way people write Arabic: per word, hamza on alef is
/// dropped (أ إ آ → ا, half the time) or added to a bare initial alef (a quarter
/// of the time), a final ى and ي are swapped (half the time), a final ة and ه are
/// swapped (half the time), and a third of the words get diacritics.
///
/// ```
/// use rasid_search::eval::{perturb, Rng};
/// let a = perturb("وزير الخارجية الروسى فى أستانا", &mut Rng::new(7));
/// let b = perturb("وزير الخارجية الروسى فى أستانا", &mut Rng::new(7));
/// assert_eq!(a, b);
/// ```
pub fn perturb(query: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(query.len() * 2);
    for (i, word) in query.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars: Vec<char> = word.chars().collect();
        let letters = chars.iter().filter(|c| is_arabic_letter(**c)).count();
        if letters < 2 {
            out.push_str(word);
            continue;
        }
        // Hamza on alef.
        let hamza_dropped = chars.iter().any(|c| matches!(c, 'أ' | 'إ' | 'آ')) && rng.chance(0.5);
        if hamza_dropped {
            for c in &mut chars {
                if matches!(*c, 'أ' | 'إ' | 'آ') {
                    *c = 'ا';
                }
            }
        } else {
            let start = if word.starts_with("ال") && letters > 3 { 2 } else { 0 };
            if chars.get(start) == Some(&'ا') && rng.chance(0.25) {
                if let Some(c) = chars.get_mut(start) {
                    *c = if rng.chance(0.5) { 'أ' } else { 'إ' };
                }
            }
        }
        // Final letters.
        if let Some(last) = chars.iter().rposition(|c| is_arabic_letter(*c)) {
            if let Some(c) = chars.get_mut(last) {
                let swapped = match *c {
                    'ى' => Some('ي'),
                    'ي' => Some('ى'),
                    'ة' => Some('ه'),
                    'ه' => Some('ة'),
                    _ => None,
                };
                if let Some(s) = swapped {
                    if rng.chance(0.5) {
                        *c = s;
                    }
                }
            }
        }
        // Diacritics.
        let vowelled = rng.chance(1.0 / 3.0);
        for c in chars {
            out.push(c);
            if vowelled && is_arabic_letter(c) && c != 'ا' && rng.chance(0.5) {
                out.push(HARAKAT.get(rng.below(HARAKAT.len())).copied().unwrap_or('\u{064E}'));
            }
        }
    }
    out
}

/// The anchors: bag-of-words BM25 indexes of the bodies, one per analyzer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Rasid,
    TantivyDefault,
    TantivySnowball,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Rasid => "rasid analyzer, bag of words",
            Anchor::TantivyDefault => "tantivy default",
            Anchor::TantivySnowball => "tantivy + snowball ar",
        }
    }

    /// The baseline analyzer, as tantivy builds it ("default", and "default" plus
    /// the Snowball Arabic stemmer).
    fn baseline(self) -> Option<TextAnalyzer> {
        let simple = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser);
        match self {
            Anchor::Rasid => None,
            Anchor::TantivyDefault => Some(simple.build()),
            Anchor::TantivySnowball => Some(simple.filter(Stemmer::new(Language::Arabic)).build()),
        }
    }
}

const TOKENIZER: &str = "eval";

/// A query run: the target's position in the articles, and the text.
type Runnable = (usize, String);

/// Indexes `articles` the way `rasid index` does (with `pipeline`) and in each
/// anchor, and runs `queries` in each.
///
/// # Errors
/// Engine errors; [`IndexError::Io`] when the index directory cannot be made.
pub fn run(
    articles: &[Article],
    queries: &[KnownItem],
    options: &EvalOptions,
    pipeline: &Pipeline,
) -> Result<EvalReport> {
    // A query names its target by rasid id or by the id the input gave it.
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(articles.len() * 2);
    for (i, a) in articles.iter().enumerate() {
        if let Some(external) = a.external_id.as_deref() {
            position.entry(external).or_insert(i);
        }
    }
    for (i, a) in articles.iter().enumerate() {
        position.insert(a.id.as_str(), i);
    }
    let mut rng = options.noisy.map(Rng::new);
    let mut runnable: Vec<Runnable> = Vec::with_capacity(queries.len());
    let mut skipped = 0;
    for item in queries {
        match position.get(item.target.as_str()) {
            Some(&target) => {
                let text = match rng.as_mut() {
                    Some(rng) => perturb(&item.query, rng),
                    None => item.query.clone(),
                };
                runnable.push((target, text));
            }
            None => skipped += 1,
        }
    }
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4)
    } else {
        options.threads
    };
    let indexed: Vec<Article> = articles
        .iter()
        .map(|a| {
            let mut a = a.clone();
            if !options.with_titles {
                a.title = String::new();
            }
            a
        })
        .collect();
    let mut systems = shipped(&indexed, &runnable, options, pipeline, threads)?;
    for anchor in [Anchor::Rasid, Anchor::TantivyDefault, Anchor::TantivySnowball] {
        systems.push(evaluate(anchor, &indexed, &runnable, threads, pipeline.analyzer())?);
    }
    Ok(EvalReport {
        articles: articles.len(),
        queries: runnable.len(),
        skipped_queries: skipped,
        noisy: options.noisy,
        with_titles: options.with_titles,
        systems,
    })
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Scores of ranks: reciprocal rank sum, targets first, targets in the top 10.
#[derive(Default)]
struct Tally {
    reciprocal: f64,
    first: usize,
    in_top10: usize,
    times: Vec<f64>,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>, ms: f64) {
        self.times.push(ms);
        if let Some(rank) = rank {
            self.reciprocal += 1.0 / (rank as f64 + 1.0);
            self.in_top10 += 1;
            self.first += usize::from(rank == 0);
        }
    }

    fn report(mut self, name: String, index_seconds: f64) -> SystemReport {
        let n = self.times.len().max(1) as f64;
        SystemReport {
            name,
            mrr10: self.reciprocal / n,
            recall1: self.first as f64 / n,
            recall10: self.in_top10 as f64 / n,
            latency: latency(&mut self.times),
            index_seconds,
        }
    }
}

/// The shipped search: an on-disk index written by the [`crate::Writer`] with
/// `pipeline`, searched with [`Index::search`]; one report per ranking.
fn shipped(
    articles: &[Article],
    queries: &[Runnable],
    options: &EvalOptions,
    pipeline: &Pipeline,
    threads: usize,
) -> Result<Vec<SystemReport>> {
    let (dir, _cleanup) = match &options.dir {
        Some(dir) => (dir.clone(), None),
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let dir = std::env::temp_dir().join(format!("rasid-eval-{}-{nanos}", std::process::id()));
            (dir.clone(), Some(TempDir(dir)))
        }
    };
    std::fs::create_dir_all(&dir).map_err(|source| IndexError::Io {
        path: dir.clone(),
        source,
    })?;
    let started = Instant::now();
    let index = Index::create_or_open_with(&dir, pipeline.clone())?;
    write(&index, articles, threads)?;
    let index_seconds = started.elapsed().as_secs_f64();

    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let rankings = if options.rankings.is_empty() {
        vec![Ranking::default()]
    } else {
        options.rankings.clone()
    };
    let mut reports = Vec::with_capacity(rankings.len());
    for ranking in &rankings {
        let mut tally = Tally::default();
        for (target, text) in queries {
            let started = Instant::now();
            // What `rasid search` and `/api/search` ask for, without the
            // snippets and facets that do not change the ranking.
            let mut request = SearchRequest::new(text.as_str());
            request.ranking = *ranking;
            request.snippets = false;
            request.facets = false;
            let rank = match index.search(&request) {
                Ok(results) => results
                    .hits
                    .iter()
                    .position(|h| Some(h.id.as_str()) == ids.get(*target).copied()),
                // Nothing to search for (only stopwords): not found.
                Err(IndexError::Query(_)) => None,
                Err(err) => return Err(err),
            };
            tally.add(rank, started.elapsed().as_secs_f64() * 1000.0);
        }
        let name = if rankings.len() == 1 {
            "rasid search".to_owned()
        } else {
            format!("rasid search {ranking}")
        };
        reports.push(tally.report(name, index_seconds));
    }
    Ok(reports)
}

/// Adds `articles` as `rasid index` does: batches through one writer run.
fn write(index: &Index, articles: &[Article], threads: usize) -> Result<()> {
    const BATCH: usize = 512;
    let options = WriterOptions {
        threads,
        memory_bytes: threads * 40_000_000,
        ..WriterOptions::default()
    };
    let mut writer = index.writer(options, "rasid eval retrieval")?;
    for batch in articles.chunks(BATCH) {
        writer.add_batch(batch.to_vec())?;
    }
    writer.finish()?;
    Ok(())
}

fn evaluate(
    anchor: Anchor,
    articles: &[Article],
    queries: &[Runnable],
    threads: usize,
    analyzer: &Analyzer,
) -> Result<SystemReport> {
    let mut builder = Schema::builder();
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let body = builder.add_text_field("body", options);
    let number = builder.add_u64_field("n", FAST);
    let index = tantivy::Index::create_in_ram(builder.build());
    let mut query_analyzer = match anchor.baseline() {
        Some(baseline) => baseline,
        None => TextAnalyzer::from(RasidTokenizer::new(analyzer.clone())),
    };
    index.tokenizers().register(TOKENIZER, query_analyzer.clone());

    let started = Instant::now();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(threads, threads * 50_000_000)?;
    let docs: Vec<TantivyDocument> = articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let mut doc = TantivyDocument::new();
            let text = if article.title.is_empty() {
                article.body.clone()
            } else {
                format!("{}\n{}", article.title, article.body)
            };
            match anchor {
                Anchor::Rasid => doc.add_pre_tokenized_text(body, pre_tokenized(&text, search_tokens(analyzer, &text))),
                _ => doc.add_text(body, &text),
            }
            doc.add_u64(number, i as u64);
            doc
        })
        .collect();
    for doc in docs {
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let index_seconds = started.elapsed().as_secs_f64();

    let reader = index.reader()?;
    let searcher = reader.searcher();
    let columns: Vec<Column<u64>> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64("n"))
        .collect::<tantivy::Result<_>>()?;
    let top10 = TopDocs::with_limit(10).order_by_score();
    let mut tally = Tally::default();
    for (target, text) in queries {
        let started = Instant::now();
        let mut terms = Vec::new();
        let mut stream = query_analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            terms.push(Term::from_field_text(body, &token.text));
        }
        let found: Vec<Option<u64>> = if terms.is_empty() {
            Vec::new()
        } else {
            let query = BooleanQuery::new_multiterms_query(terms);
            let top = searcher.search(&query, &top10)?;
            top.iter()
                .map(|(_, address)| {
                    columns
                        .get(address.segment_ord as usize)
                        .and_then(|c| c.first(address.doc_id))
                })
                .collect()
        };
        let rank = found.iter().position(|n| *n == Some(*target as u64));
        tally.add(rank, started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(tally.report(anchor.name().to_owned(), index_seconds))
}

fn latency(times: &mut [f64]) -> Latency {
    if times.is_empty() {
        return Latency::default();
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| -> f64 {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).copied().unwrap_or_default()
    };
    Latency {
        mean_ms: times.iter().sum::<f64>() / times.len() as f64,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbation_is_seeded_and_changes_spelling_only() {
        let query = "وزير الخارجية الروسى يصل إلى أستانا لحضور الجولة الثامنة";
        let a = perturb(query, &mut Rng::new(1));
        assert_eq!(a, perturb(query, &mut Rng::new(1)));
        let changed = (0..20)
            .map(|seed| perturb(query, &mut Rng::new(seed)))
            .filter(|p| p != query)
            .count();
        assert!(changed >= 15, "perturbation rarely changes anything");
        // Same words (split on spaces), and the analyzer sees them as the same terms.
        let analyzer = Analyzer::default();
        let terms = |q: &str| {
            search_tokens(&analyzer, q)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        for seed in 0..20 {
            let noisy = perturb(query, &mut Rng::new(seed));
            assert_eq!(noisy.split(' ').count(), query.split(' ').count());
            assert_eq!(terms(&noisy), terms(query), "help: rasid should be blind to {noisy:?}");
        }
    }

    #[test]
    fn queries_tsv() {
        let items = read_queries_tsv("# comment\nabc\tمحادثات استانا\n\n").unwrap();
        assert_eq!(
            items,
            vec![KnownItem {
                target: "abc".into(),
                query: "محادثات استانا".into()
            }]
        );
        assert!(read_queries_tsv("no tab here").unwrap_err().contains("line 1"));
    }

    #[test]
    fn known_item_retrieval_on_a_tiny_corpus() {
        let articles = vec![
            Article::builder(
                "محادثات السلام فى أستانا",
                "بدأت فى استانا جولة جديدة من المحادثات حول سوريا",
            )
            .build(),
            Article::builder("مباراة القمة", "فاز الأهلى على الزمالك فى مباراة القمة").build(),
            Article::builder("أسعار النفط", "ارتفعت أسعار النفط فى الأسواق العالمية").build(),
        ];
        let mut queries = titles_as_queries(&articles);
        queries.push(KnownItem {
            target: "missing".into(),
            query: "x".into(),
        });
        let report = run(
            &articles,
            &queries,
            &EvalOptions {
                noisy: Some(3),
                threads: 1,
                ..EvalOptions::default()
            },
            &Pipeline::builder().extractors([]).build(),
        )
        .unwrap();
        assert_eq!(report.queries, 3);
        assert_eq!(report.skipped_queries, 1);
        let names: Vec<&str> = report.systems.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "rasid search",
                "rasid analyzer, bag of words",
                "tantivy default",
                "tantivy + snowball ar"
            ]
        );
        let rasid = &report.systems[0];
        assert!((rasid.recall1 - 1.0).abs() < 1e-9, "{}", report.render());
        assert!(report.render().lines().last().unwrap().starts_with("MRR@10 1.0000"));
    }
}
