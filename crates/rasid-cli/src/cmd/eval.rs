//! `rasid eval`: measurements against gold data or a corpus.
//!
//! * `rasid eval retrieval`: known-item retrieval through the shipped search
//!   (indexed as `rasid index` does, searched as `rasid search` does) beside
//!   rasid's analyzer alone and two tantivy baselines (see `rasid::search::eval`);
//!   the last line is `MRR@10 <value>`.
//! * `rasid eval time`: time expressions against TIMEX3-style gold, scored as
//!   TempEval-3 does; the last line is `value-F1 <value>`. With `--predicted`
//!   it scores another tool's output (in the gold format) with the same scorer.
//! * `rasid eval ner`: entities against CoNLL gold, scored as conlleval does;
//!   the last line is `F1 <value>`.
//! * `rasid eval copies`: the copy detector against hand-judged real pairs,
//!   by the pair test and by what a stories build stores (copy groups and
//!   rewrite/related links; see `rasid::stories::eval::copies`); the last
//!   line is `copy precision <p> recall <r>` (the pair test's).
//! * `rasid eval events`: events and quotes against gold (PETRARCH validation
//!   XML or rasid's JSONL, see `rasid::events::eval`), each sentence run
//!   through the shipped pipeline (or `--baseline literal`); the last line is
//!   `F1 <event detection F1>`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rasid::core::{Article, Timestamp};
use rasid::events::eval::{baseline::Literal, GoldSentence, Predicted};
use rasid::search::eval::{self, EvalOptions, KnownItem};
use rasid::search::Ranking;

use super::input::InputArgs;
use crate::report::Outcome as Exit;

/// Arguments of `rasid eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Known-item retrieval: index the bodies as `rasid index` does, query with
    /// each title as `rasid search` does, report MRR@10, Recall@1, Recall@10 and
    /// query latency, beside rasid's analyzer alone and two tantivy baselines.
    Retrieval(RetrievalArgs),
    /// Time expressions against gold (`{"id", "anchor", "text", "timexes": [...]}`
    /// per line): strict and relaxed span F1 and value accuracy, per type.
    Time(TimeArgs),
    /// Named entities against CoNLL gold (`token<TAB>tag`, BIO): entity-level
    /// precision, recall and F1 per type and micro-averaged.
    Ner(NerArgs),
    /// Duplicate detection against perturbed copies of a corpus' articles:
    /// pair precision, recall and F1 (see `rasid::stories::eval`).
    Dedup(super::stories::DedupArgs),
    /// Copies against real article pairs judged by hand (`copy`, `rewrite`,
    /// `related`, `unrelated`): pair precision and recall per relation, of the
    /// pair test and of the links a stories build stores (see
    /// `rasid::stories::eval::copies`).
    Copies(super::stories::CopiesArgs),
    /// Events and quotes against gold sentences (PETRARCH validation XML, or
    /// JSONL `{"id","date","text","events":[...],"quotes":[...]}`): event
    /// detection precision, recall and F1 by CAMEO root and PLOVER category,
    /// source and target code accuracy, quote speaker accuracy and content F1.
    /// Each sentence is analysed as an article (body = text, published = date)
    /// by the pipeline `rasid analyze` runs.
    Events(EventsArgs),
}

/// Arguments of `rasid eval events`.
#[derive(Debug, clap::Args)]
struct EventsArgs {
    #[command(flatten)]
    gold: GoldArgs,

    /// Score a baseline instead of rasid: `literal` matches the verb patterns
    /// of UniversalPetrarch's Arabic CAMEO dictionary literally (no actors, no quotes).
    #[arg(long, value_enum, value_name = "NAME")]
    baseline: Option<Baseline>,
}

/// Baselines of `rasid eval events`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Baseline {
    /// CAMEO.ar.0.5 verb patterns matched literally.
    Literal,
}

/// Arguments of `rasid eval time` and `rasid eval ner`.
#[derive(Debug, clap::Args)]
struct GoldArgs {
    /// The gold file.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,

    /// Print the report as JSON before the last line.
    #[arg(long)]
    json: bool,
}

/// Arguments of `rasid eval ner`.
#[derive(Debug, clap::Args)]
struct NerArgs {
    #[command(flatten)]
    gold: GoldArgs,

    /// The tagger to score: `fast` or `accurate`.
    #[arg(long, value_name = "MODE", default_value_t = rasid::entities::NerMode::default())]
    ner: rasid::entities::NerMode,
}

/// Arguments of `rasid eval time`.
#[derive(Debug, clap::Args)]
struct TimeArgs {
    #[command(flatten)]
    gold: GoldArgs,

    /// Score this file of another tool's predictions, in the gold format (the
    /// gold's ids and texts), instead of running rasid's tagger.
    #[arg(long, value_name = "FILE")]
    predicted: Option<PathBuf>,
}

/// Arguments of `rasid eval retrieval`.
#[derive(Debug, clap::Args)]
struct RetrievalArgs {
    /// The articles (JSONL or any form `rasid index` reads; .gz and .zst too);
    /// repeat for several files.
    #[arg(long, value_name = "FILE", required = true)]
    corpus: Vec<PathBuf>,

    /// Use only the first N articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,

    /// Misspell each query as people do (hamza, final ya and ta marbuta,
    /// diacritics), with this seed.
    #[arg(long, value_name = "SEED")]
    noisy: Option<u64>,

    /// Queries as `article-id<TAB>query` lines instead of the titles.
    #[arg(long, value_name = "FILE.tsv")]
    queries: Option<PathBuf>,

    /// Indexing threads (default: one per core, at most 4).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Only articles of these outlets (comma-separated `source` values), e.g.
    /// the held-out outlets of a dev/held-out split.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    sources: Vec<String>,

    /// Leave out the articles of these outlets (comma-separated).
    #[arg(long, value_name = "A,B", value_delimiter = ',', conflicts_with = "sources")]
    exclude_sources: Vec<String>,

    /// Index the titles too (by default only the bodies: a title is the query
    /// for its article, and should not find itself).
    #[arg(long)]
    with_titles: bool,

    /// Measure the shipped search with this ranking (`title=2,body=1,lead=1,
    /// entities=0,all=1,proximity=0,slop=0,k1=1.2,b=0.75,loose=1,lk1=1.2,most=0,
    /// share=0.6,variants=0.8`, over the defaults; `variants=0` is the ranking
    /// before other word forms, `loose=0,lead=0,variants=0` the one before the lead) instead of the
    /// default one; repeat to compare several on one index.
    #[arg(long, value_name = "SPEC", value_parser = parse_ranking)]
    ranking: Vec<Ranking>,

    /// Index without extraction (as `rasid index --no-extract`): faster, but
    /// the ranking then finds no names.
    #[arg(long)]
    no_extract: bool,

    /// Build the shipped index in this directory (empty or missing; kept), to
    /// search it afterwards with `rasid search`.
    #[arg(long, value_name = "DIR")]
    keep_index: Option<PathBuf>,

    /// Print the report as JSON (the last line is still `MRR@10 <value>`).
    #[arg(long)]
    json: bool,
}

fn parse_ranking(text: &str) -> Result<Ranking, String> {
    text.parse()
}

/// Runs `rasid eval`; `resources` is the global `--resources`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    match args.what {
        What::Events(args) => events(args, resources),
        What::Retrieval(args) => retrieval(args, resources),
        What::Dedup(args) => super::stories::eval_dedup(args),
        What::Copies(args) => super::stories::eval_copies(args),
        What::Time(TimeArgs { gold: args, predicted }) => {
            let report = match &predicted {
                Some(p) => rasid::times::eval::run_predicted(&args.gold, p)?,
                None => rasid::times::eval::run(&args.gold)?,
            };
            if args.json {
                println!("{}", serde_json::to_string(&report)?);
                println!("value-F1 {:.4}", report.overall.value.f1());
            } else {
                print!("{report}");
            }
            Ok(Exit::Ok)
        }
        What::Ner(NerArgs { gold: args, ner }) => {
            let tagger = rasid::entities::Ner::new().with_mode(ner);
            let report = rasid::entities::eval::run_with(&tagger, &args.gold)?;
            if args.json {
                println!("{}", serde_json::to_string(&report)?);
                println!("F1 {:.2}", report.micro.f1);
            } else {
                println!("{report}");
            }
            Ok(Exit::Ok)
        }
    }
}

fn events(args: EventsArgs, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let gold = rasid::events::eval::read_gold(&args.gold.gold)?;
    let predicted: Vec<Predicted> = match args.baseline {
        Some(Baseline::Literal) => {
            let literal = Literal::embedded();
            gold.iter().map(|s| literal.predict(s)).collect()
        }
        None => {
            let pipeline = super::pipeline(resources)?.build();
            let articles = gold
                .iter()
                .map(|s| sentence_article(s, &args.gold.gold))
                .collect::<anyhow::Result<Vec<_>>>()?;
            pipeline
                .analyze_batch_owned(articles)
                .iter()
                .map(|a| Predicted::from_pipeline(&a.extractions.events, &a.extractions.quotes))
                .collect()
        }
    };
    let report = rasid::events::eval::score(&gold, &predicted);
    if args.gold.json {
        println!("{}", serde_json::to_string(&report)?);
        println!("F1 {:.4}", report.events.detection.f1());
    } else {
        print!("{report}");
    }
    Ok(Exit::Ok)
}

/// A gold sentence as the article the pipeline analyses: body = text, published = date.
fn sentence_article(sentence: &GoldSentence, file: &Path) -> anyhow::Result<Article> {
    let mut builder = Article::builder("", sentence.text.as_str()).external_id(sentence.id.as_str());
    if let Some(outlet) = &sentence.outlet {
        builder = builder.source(outlet.as_str());
    }
    if let Some(date) = sentence.date.as_deref().filter(|d| !d.trim().is_empty()) {
        let published: Timestamp = date.trim().parse().with_context(|| {
            format!(
                "{}: sentence {}: date {date:?} is not ISO 8601",
                file.display(),
                sentence.id
            )
        })?;
        builder = builder.published(published);
    }
    Ok(builder.build())
}

fn retrieval(args: RetrievalArgs, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let options = InputArgs::default().read_options()?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let wanted = |article: &Article| -> bool {
        let source = article.source.as_deref().unwrap_or("");
        (args.sources.is_empty() || args.sources.iter().any(|s| s == source))
            && !args.exclude_sources.iter().any(|s| s == source)
    };
    let mut articles: Vec<Article> = Vec::new();
    let mut failed = 0u64;
    for record in args
        .corpus
        .iter()
        .flat_map(|path| rasid::ingest::read_path(path, &options))
    {
        if articles.len() >= limit {
            break;
        }
        match record {
            Ok(article) if !article.body.trim().is_empty() && wanted(&article) => articles.push(article),
            Ok(_) => {}
            Err(err) => {
                failed += 1;
                if failed <= 5 {
                    eprintln!("rasid: error: {err}");
                }
            }
        }
    }
    if articles.is_empty() {
        let names: Vec<String> = args.corpus.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!("no articles in {}", names.join(", "));
    }
    let queries: Vec<KnownItem> = match &args.queries {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            eval::read_queries_tsv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => eval::titles_as_queries(&articles),
    };
    // The pipeline `rasid index` builds.
    let builder = super::pipeline(resources)?;
    let pipeline = if args.no_extract {
        builder.extractors([]).build()
    } else {
        builder.build()
    };
    pipeline.warm_up();
    eprintln!(
        "rasid: {} articles, {} queries; indexing as `rasid index` does{} and in 3 anchors…",
        articles.len(),
        queries.len(),
        if args.no_extract { " (--no-extract)" } else { "" }
    );
    let report = eval::run(
        &articles,
        &queries,
        &EvalOptions {
            noisy: args.noisy,
            threads: args.threads.unwrap_or(0),
            with_titles: args.with_titles,
            rankings: args.ranking,
            dir: args.keep_index,
        },
        &pipeline,
    )?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        println!("MRR@10 {:.4}", report.systems.first().map_or(0.0, |s| s.mrr10));
    } else {
        print!("{}", report.render());
    }
    Ok(if failed > 0 { Exit::SomeFailed } else { Exit::Ok })
}
