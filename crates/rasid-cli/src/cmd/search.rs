//! `rasid search`: query an index; results with highlighted snippets and facet counts,
//! filtered by the people, organisations and places articles name and the dates
//! they mention.

use rasid::Engine;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::path::PathBuf;

use rasid::core::ArticleId;
use rasid::search::facets::FacetCounts;
use rasid::search::query::ParseOptions;
use rasid::search::snippet::Snippet;
use rasid::search::{Filters, IndexError, SearchRequest, SearchResults, Sort};
use rasid::stories::search::Fold;
use rasid::stories::StoriesError;

use crate::report::Outcome as Exit;

/// Arguments of `rasid search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (any spelling), "phrases", AND/OR/NOT, +must, -must_not,
    /// field:value (title, body, entities, person, org, place, source, category,
    /// author, url, id), published:2017-12-01..2017-12-31, mentions:2017-05.
    /// Several arguments are joined by spaces. May be empty when a filter is given.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,

    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Results to show.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    limit: usize,

    /// Results to skip (for the next page).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,

    /// Order of results.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,

    /// Only articles published on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Only articles published on or before this day (the whole month or year for YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Articles like the one with this id.
    #[arg(long, value_name = "ID")]
    like: Option<String>,

    /// Only articles naming this entity, of any kind (any spelling; `لافروف`
    /// finds `سيرغى لافروف`). Repeat to require several.
    #[arg(long, value_name = "NAME")]
    entity: Vec<String>,

    /// Only articles naming this person. Repeatable.
    #[arg(long, value_name = "NAME")]
    person: Vec<String>,

    /// Only articles naming this organisation. Repeatable.
    #[arg(long, value_name = "NAME")]
    org: Vec<String>,

    /// Only articles naming this place, by name or GeoNames id. Repeatable.
    #[arg(long, value_name = "NAME|ID")]
    place: Vec<String>,

    /// Only articles that mention a day, month or year within this period:
    /// 2017, 2017-05, 2017-05-21, or a range 2017-05/2017-07. Repeatable.
    #[arg(long, value_name = "PERIOD")]
    mentions: Vec<String>,

    /// Every word is required (words next to each other mean AND, not OR).
    #[arg(long)]
    all: bool,

    /// Refuse a malformed query (unclosed quote or bracket, lone `-`, operator
    /// without operand, unknown field, bad date) with exit code 2, instead of
    /// reading what does not parse as text.
    #[arg(long)]
    strict_query: bool,

    /// Print the results as one JSON object (snippets with byte offsets).
    #[arg(long)]
    json: bool,

    /// Leave out snippets.
    #[arg(long)]
    no_snippets: bool,

    /// Also show the people, organisations and places the results name most
    /// (they are always in --json).
    #[arg(long, conflicts_with = "no_facets")]
    facets: bool,

    /// Leave out facet counts.
    #[arg(long)]
    no_facets: bool,

    /// Show every copy of an article (by default copies are folded under the best-ranked one).
    #[arg(long)]
    all_copies: bool,

    /// Only articles of this story (ids from `rasid stories`).
    #[arg(long, value_name = "ID")]
    story: Option<i64>,
}

/// Orders on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

/// Runs `rasid search`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.index, super::pipeline(resources)?.build())?;
    let index = engine.index();
    let mut request = SearchRequest::new(args.query.join(" "));
    request.limit = args.limit;
    request.offset = args.offset;
    request.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    };
    request.from = args.from.clone();
    request.to = args.to.clone();
    request.like = args.like.as_deref().map(|id| ArticleId::from_raw(id.trim()));
    request.filters = Filters {
        entities: args.entity.clone(),
        persons: args.person.clone(),
        orgs: args.org.clone(),
        places: args.place.clone(),
        mentions: args.mentions.clone(),
        ..Filters::default()
    };
    request.snippets = !args.no_snippets;
    request.facets = !args.no_facets;
    request.parse = ParseOptions {
        default_and: args.all,
        strict: args.strict_query,
    };
    let fold = Fold {
        collapse: !args.all_copies,
        story: args.story,
    };
    let results = match rasid::stories::search::search(index, &request, &fold) {
        Ok(results) => results,
        Err(
            err @ (StoriesError::Index(IndexError::Query(_) | IndexError::UnknownId(_))
            | StoriesError::UnknownStory(_)
            | StoriesError::NoStore(_)),
        ) => {
            eprintln!("rasid: error: {err}");
            return Ok(Exit::Usage);
        }
        Err(err) => return Err(err.into()),
    };
    if let Some(note) = &results.note {
        eprintln!("rasid: {note}");
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &results)?;
        writeln!(out)?;
    } else {
        let (open, close) = if std::io::stdout().is_terminal() {
            ("\x1b[1;33m", "\x1b[0m")
        } else {
            ("<b>", "</b>")
        };
        print_results(
            &mut out,
            &results.results,
            &results.copies,
            request.offset,
            args.facets,
            (open, close),
        )?;
    }
    out.flush()?;
    Ok(Exit::Ok)
}

fn render(snippet: Option<&Snippet>, fallback: &str, open: &str, close: &str) -> String {
    snippet
        .map_or_else(|| fallback.to_owned(), |s| s.render(open, close))
        .replace('\n', " ")
}

fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    copies: &BTreeMap<String, Vec<String>>,
    offset: usize,
    entity_facets: bool,
    (open, close): (&str, &str),
) -> std::io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(
            out,
            "{}. {}",
            offset + i + 1,
            render(hit.title_highlight.as_ref(), &hit.title, open, close)
        )?;
        let mut meta = Vec::new();
        if let Some(source) = &hit.source {
            meta.push(source.clone());
        }
        if let Some(published) = &hit.published {
            meta.push(published.chars().take(10).collect());
        }
        meta.push(hit.id.clone());
        if let Some(score) = hit.score {
            meta.push(format!("score {score:.2}"));
        }
        if let Some(folded) = copies.get(&hit.id) {
            meta.push(format!(
                "+{} cop{}",
                folded.len(),
                if folded.len() == 1 { "y" } else { "ies" }
            ));
        }
        writeln!(out, "   {}", meta.join(" · "))?;
        if let Some(snippet) = &hit.snippet {
            writeln!(out, "   {}", render(Some(snippet), "", open, close))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} result{} ({:.1} ms)",
        results.total,
        if results.total == 1 { "" } else { "s" },
        results.took_ms
    )?;
    if let Some(facets) = &results.facets {
        let line = |values: &[(String, u64)]| crate::report::facet_line(values, 8);
        if !facets.sources.is_empty() {
            writeln!(out, "sources: {}", line(&facets.sources))?;
        }
        if !facets.categories.is_empty() {
            writeln!(out, "categories: {}", line(&facets.categories))?;
        }
        if !facets.months.is_empty() {
            let months: Vec<(String, u64)> = facets.months.iter().rev().take(12).cloned().collect();
            writeln!(out, "months: {}", line(&months))?;
        }
        if entity_facets {
            print_entity_facets(out, facets, 10)?;
        }
    }
    Ok(())
}

/// `persons: …`, `organisations: …`, `places: …` lines, the first `limit` of each
/// (for `rasid search --facets` and `rasid stats`).
pub fn print_entity_facets(out: &mut impl Write, facets: &FacetCounts, limit: usize) -> std::io::Result<()> {
    for (name, values) in [
        ("persons", &facets.persons),
        ("organisations", &facets.orgs),
        ("places", &facets.places),
    ] {
        if !values.is_empty() {
            writeln!(out, "{name}: {}", crate::report::facet_line(values, limit))?;
        }
    }
    Ok(())
}
