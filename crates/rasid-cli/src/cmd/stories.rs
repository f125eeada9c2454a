//! `rasid stories`: duplicate groups and stories of an index.
//!
//! * `rasid stories build --index DIR`: processes every article the stories
//!   store has not seen (incremental; every 10,000 articles are one
//!   transaction, so an interrupted build loses at most those and the next run
//!   carries on).
//! * `rasid stories --index DIR [--from --to] [--json] [--limit N]`: the biggest
//!   (or, with `--recent`, latest) stories, brought up to date first.
//! * `rasid stories show ID --index DIR [--json]`: a story's timeline, summary
//!   and articles, copies folded under their canonical article.
//! * `rasid eval dedup` (wired in `eval.rs`): [`eval_dedup`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid::core::Article;
use rasid::search::Index;
use rasid::stories::eval::DedupEvalOptions;
use rasid::stories::{ListQuery, Store, StoriesError, StoryDetail, StoryInfo};
use rasid::Engine;

use super::input::InputArgs;
use crate::report::Outcome as Exit;

/// Arguments of `rasid stories`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,

    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Find duplicates and stories among the articles the store has not seen yet.
    Build(BuildArgs),
    /// A story's timeline, summary and articles.
    Show(ShowArgs),
}

/// Listing stories.
#[derive(Debug, clap::Args)]
struct ListArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,

    /// Only stories with an article on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Only stories with an article on or before this day (the whole month or year for YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Stories to show.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    limit: usize,

    /// Latest stories first (default: biggest first).
    #[arg(long)]
    recent: bool,

    /// Print the stories as one JSON array.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Print the summary as JSON on standard output.
    #[arg(long)]
    json: bool,

    /// Do not print the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The story id (from `rasid stories`).
    #[arg(value_name = "ID")]
    id: i64,

    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Sentences in the summary.
    #[arg(long, value_name = "N", default_value_t = 5)]
    sentences: usize,

    /// Print the story as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Runs `rasid stories`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    match args.action {
        Some(Action::Build(b)) => {
            let (index, mut store) = open(&b.index, resources)?;
            let report = build(&index, &mut store, b.quiet || b.json)?;
            let counts = store.counts()?;
            if b.json {
                let json = serde_json::json!({ "build": report, "store": counts });
                println!("{json}");
            } else if !b.quiet {
                eprintln!(
                    "rasid: stories: {} added, {} removed ({:.1} s); {} articles, {} duplicate groups ({} copies), {} stories",
                    report.added,
                    report.removed,
                    report.seconds,
                    counts.articles,
                    counts.duplicate_groups,
                    counts.copies,
                    counts.stories
                );
            }
            Ok(Exit::Ok)
        }
        Some(Action::Show(s)) => {
            let (index, mut store) = open(&s.index, resources)?;
            build(&index, &mut store, true)?;
            let detail = match rasid::stories::story_detail(&index, &store, s.id, s.sentences) {
                Ok(detail) => detail,
                Err(err @ StoriesError::UnknownStory(_)) => {
                    eprintln!("rasid: error: {err}");
                    return Ok(Exit::Usage);
                }
                Err(err) => return Err(err.into()),
            };
            let mut out = std::io::stdout().lock();
            if s.json {
                serde_json::to_writer(&mut out, &detail)?;
                writeln!(out)?;
            } else {
                print_detail(&mut out, &detail)?;
            }
            Ok(Exit::Ok)
        }
        None => list(args.list, resources),
    }
}

fn open(dir: &Path, resources: Option<&Path>) -> anyhow::Result<(Index, Store)> {
    let engine = Engine::open(dir, super::pipeline(resources)?.build())?;
    let store = engine.stories()?;
    let index = engine.index().clone();
    Ok((index, store))
}

/// Brings the store up to date, with a progress bar on a terminal.
fn build(index: &Index, store: &mut Store, quiet: bool) -> anyhow::Result<rasid::stories::BuildReport> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {human_pos}/{human_len} articles ({per_sec}, {eta} left) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message("stories (interrupt at any time; the next run carries on)");
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let pending = rasid::stories::pending(index, store)?;
    if !pending.is_empty() && !quiet {
        bar.suspend(|| {
            eprintln!(
                "rasid: stories: {} new article{} to process",
                pending.new.len(),
                if pending.new.len() == 1 { "" } else { "s" }
            )
        });
    }
    let report = rasid::stories::update(index, store, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    Ok(report)
}

/// Start of a day (`YYYY[-MM[-DD]]`) in Unix seconds; with `end`, the start
/// of the day after the period.
fn day_bound(text: &str, end: bool) -> anyhow::Result<i64> {
    let range = rasid::search::query::parse_date_range(text, 0).map_err(|e| anyhow::anyhow!("{text:?}: {e}"))?;
    let date = if end { range.until } else { range.from };
    let date = date.with_context(|| format!("{text:?} is not a date"))?;
    let ts = jiff::tz::Offset::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))?;
    Ok(ts.as_second())
}

fn list(args: ListArgs, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let Some(dir) = args.index else {
        eprintln!("rasid: error: --index DIR is required (or a subcommand: build, show)");
        return Ok(Exit::Usage);
    };
    let query = ListQuery {
        from: args.from.as_deref().map(|d| day_bound(d, false)).transpose()?,
        until: args.to.as_deref().map(|d| day_bound(d, true)).transpose()?,
        limit: args.limit.max(1),
        recent: args.recent,
    };
    let (index, mut store) = open(&dir, resources)?;
    build(&index, &mut store, false)?;
    let stories = store.stories(&query)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stories)?;
        writeln!(out)?;
    } else {
        for story in &stories {
            print_info(&mut out, story)?;
        }
        let counts = store.counts()?;
        writeln!(
            out,
            "{} stories over {} articles ({} duplicate groups, {} copies); `rasid stories show ID --index {}` for one",
            counts.stories,
            counts.articles,
            counts.duplicate_groups,
            counts.copies,
            dir.display()
        )?;
    }
    Ok(Exit::Ok)
}

fn span(info: &StoryInfo) -> String {
    match (&info.first, &info.last) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "undated".to_owned(),
    }
}

fn print_info(out: &mut impl Write, s: &StoryInfo) -> std::io::Result<()> {
    writeln!(
        out,
        "#{}  {} article{} ({} report{}) · {}",
        s.id,
        s.articles,
        if s.articles == 1 { "" } else { "s" },
        s.reports,
        if s.reports == 1 { "" } else { "s" },
        span(s)
    )?;
    if let Some(before) = s.follows {
        writeln!(out, "    continues #{before}")?;
    }
    let mut label = s.label.terms.join(" · ");
    if !s.label.entities.is_empty() {
        label.push_str("  |  ");
        label.push_str(&s.label.entities.join(" · "));
    }
    writeln!(out, "    {label}")
}

fn day_of(seconds: Option<i64>) -> String {
    seconds
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(|| "undated   ".to_owned(), |t| t.strftime("%Y-%m-%d").to_string())
}

fn print_detail(out: &mut impl Write, d: &StoryDetail) -> std::io::Result<()> {
    print_info(out, &d.story)?;
    writeln!(out)?;
    writeln!(out, "Timeline (the dates its articles report):")?;
    // The most-reported dates, at most 40, in date order.
    let mut entries: Vec<_> = d.timeline.iter().collect();
    entries.sort_by(|a, b| b.reports.cmp(&a.reports).then(a.date.cmp(&b.date)));
    entries.truncate(40);
    entries.sort_by(|a, b| a.date.cmp(&b.date));
    for e in &entries {
        writeln!(
            out,
            "  {:<10}  {} report{}, {} published  «{}»",
            e.date,
            e.reports,
            if e.reports == 1 { "" } else { "s" },
            e.published,
            e.sentence
        )?;
    }
    if d.timeline.len() > entries.len() {
        writeln!(
            out,
            "  … {} more dates (--json for all)",
            d.timeline.len() - entries.len()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Summary:")?;
    for s in &d.summary {
        writeln!(out, "  • {} [{}]", s.text, s.article)?;
    }
    writeln!(out)?;
    writeln!(out, "Articles ({} reports, copies folded under each):", d.reports.len())?;
    for r in &d.reports {
        let a = &r.article;
        writeln!(
            out,
            "  {}  {:<16} {}  [{}]",
            day_of(a.published),
            a.source.as_deref().unwrap_or("-"),
            a.title,
            a.id
        )?;
        for c in &r.copies {
            writeln!(
                out,
                "      ↳ copy  {}  {:<16} [{}]",
                day_of(c.published),
                c.source.as_deref().unwrap_or("-"),
                c.id
            )?;
        }
    }
    Ok(())
}

/// Arguments of `rasid eval dedup`.
#[derive(Debug, clap::Args)]
pub struct DedupArgs {
    /// The articles (JSONL or any form `rasid index` reads; .gz and .zst too); repeatable.
    #[arg(long, value_name = "FILE", required = true, num_args = 1..)]
    corpus: Vec<PathBuf>,

    /// The seed of the perturbations.
    #[arg(long, value_name = "S", default_value_t = 42)]
    seed: u64,

    /// The share of articles that get perturbed copies.
    #[arg(long, value_name = "SHARE", default_value_t = 0.2)]
    share: f64,

    /// Use only the first N articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,

    /// Print the report as JSON (the last line is still `F1 <value>`).
    #[arg(long)]
    json: bool,
}

/// Arguments of `rasid eval copies`.
#[derive(Debug, clap::Args)]
pub struct CopiesArgs {
    /// The gold pairs (TSV: n, split, relation, id_a, id_b, …), e.g.
    /// `crates/rasid-stories/eval/copies/gold.tsv`.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,

    /// The pairs' articles (JSONL with an `id` per record; .gz too); by default
    /// `articles.jsonl.gz` beside the gold.
    #[arg(long, value_name = "FILE")]
    articles: Option<PathBuf>,

    /// Which pairs to score: `dev`, `heldout` (score it once, at the end) or `all`.
    #[arg(long, value_name = "SPLIT", default_value = "dev")]
    split: String,

    /// Print the report as JSON (the last line is still `copy precision <p> recall <r>`).
    #[arg(long)]
    json: bool,
}

/// Runs `rasid eval copies`.
pub fn eval_copies(args: CopiesArgs) -> anyhow::Result<Exit> {
    use rasid::stories::eval::copies;
    if !matches!(args.split.as_str(), "dev" | "heldout" | "all") {
        eprintln!(
            "rasid: error: --split must be dev, heldout or all, got {:?}",
            args.split
        );
        return Ok(Exit::Usage);
    }
    let gold = copies::read_gold(&args.gold)?;
    let path = args
        .articles
        .clone()
        .unwrap_or_else(|| args.gold.with_file_name("articles.jsonl.gz"));
    let options = InputArgs::default().read_options()?;
    let mut articles: Vec<Article> = Vec::new();
    for record in rasid::ingest::read_path(&path, &options) {
        articles.push(record?);
    }
    let predicted = copies::predict(&articles, &gold);
    let mut report = copies::score(&gold, &predicted, &args.split);
    // The same pairs as users see them: through a stories build's copy groups and links.
    let linked = copies::predict_links(&articles, &gold)?;
    report.links = Some(Box::new(copies::score(&gold, &linked, &args.split)));
    let (p, r) = report
        .of(rasid::stories::dedup::Relation::Copy)
        .map_or((0.0, 0.0), |s| (s.precision, s.recall));
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        println!("copy precision {p:.4} recall {r:.4}");
    } else {
        println!("{report}");
    }
    Ok(Exit::Ok)
}

/// Runs `rasid eval dedup`.
pub fn eval_dedup(args: DedupArgs) -> anyhow::Result<Exit> {
    if !(0.0..=1.0).contains(&args.share) {
        eprintln!("rasid: error: --share must be between 0 and 1, got {}", args.share);
        return Ok(Exit::Usage);
    }
    let options = InputArgs::default().read_options()?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut articles: Vec<Article> = Vec::new();
    let mut failed = 0u64;
    'files: for path in &args.corpus {
        for record in rasid::ingest::read_path(path, &options) {
            if articles.len() >= limit {
                break 'files;
            }
            match record {
                Ok(article) if !article.body.trim().is_empty() => articles.push(article),
                Ok(_) => {}
                Err(err) => {
                    failed += 1;
                    if failed <= 5 {
                        eprintln!("rasid: error: {err}");
                    }
                }
            }
        }
    }
    if articles.is_empty() {
        anyhow::bail!(
            "no articles in {}",
            args.corpus
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    eprintln!(
        "rasid: {} articles; folding the corpus' own duplicates, then making copies…",
        articles.len()
    );
    let report = rasid::stories::eval::run(
        articles,
        &DedupEvalOptions {
            seed: args.seed,
            share: args.share,
        },
    );
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        println!("F1 {:.4}", report.f1);
    } else {
        println!("{report}");
    }
    Ok(if failed > 0 { Exit::SomeFailed } else { Exit::Ok })
}
