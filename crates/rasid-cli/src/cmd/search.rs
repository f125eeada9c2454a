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
    /// author, url, id, event, actor, target, dyad), published:2017-12-01..2017-12-31, mentions:2017-05.
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

    /// Only articles published on or after this day (YYYY, YYYY-MM or YYYY-MM-DD; the article's own day, in its UTC offset).
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

    /// Only articles reporting an event with this CAMEO code, or a code
    /// starting with it (`04`: any consultation). Repeatable.
    #[arg(long, value_name = "CODE")]
    event: Vec<String>,

    /// Only articles with an event whose source (who acts) has this actor code
    /// (`SYRGOV`) or country (`SYR`). Repeatable.
    #[arg(long, value_name = "CODE")]
    actor: Vec<String>,

    /// Only articles with an event whose target has this actor code or country. Repeatable.
    #[arg(long, value_name = "CODE")]
    target: Vec<String>,

    /// Only articles without a publication date.
    #[arg(long)]
    undated: bool,

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

    /// Matches in colour: `auto` on a terminal (not when NO_COLOR is set or
    /// TERM=dumb), `always`, or `never`. Without colour the text is plain.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// When to colour the output, as ripgrep's `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is `dumb`.
    Auto,
    /// Always, also into a pipe or a file.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// True when the output is coloured.
    fn on(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
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
    let engine = Engine::open_read_only(&args.index, super::pipeline(resources)?.build())?;
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
        events: args.event.clone(),
        actors: args.actor.clone(),
        targets: args.target.clone(),
        undated: args.undated,
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
        let style = if args.color.on() { Style::COLOR } else { Style::PLAIN };
        print_results(
            &mut out,
            &results.results,
            results.folded_total.unwrap_or(results.results.total),
            &results.copies,
            request.offset,
            args.facets,
            style,
        )?;
    }
    out.flush()?;
    Ok(Exit::Ok)
}

/// How results are written: plain text, or for a terminal with matches in
/// colour and each field a bidi isolate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Written before a match (empty for none).
    open: &'static str,
    /// Written after a match.
    close: &'static str,
    /// Wrap each field in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the
    /// terminal's `<bdi>`: a right-to-left title cannot reorder the id or date
    /// beside it.
    isolate: bool,
}

impl Style {
    /// Plain text, for pipes and files: the text, nothing else.
    pub const PLAIN: Style = Style {
        open: "",
        close: "",
        isolate: false,
    };
    /// A terminal: matches in bold yellow, fields isolated.
    pub const COLOR: Style = Style {
        open: "\x1b[1;33m",
        close: "\x1b[0m",
        isolate: true,
    };

    /// One field, safe to print: see [`terminal_text`]; isolated when the style says so.
    fn field(self, text: &str) -> String {
        if self.isolate {
            format!("\u{2068}{}\u{2069}", terminal_text(text))
        } else {
            terminal_text(text)
        }
    }

    /// A snippet (or `fallback` without one) on one line, matches marked.
    fn snippet(self, snippet: Option<&Snippet>, fallback: &str) -> String {
        let Some(snippet) = snippet else {
            return self.field(fallback);
        };
        let mut out = String::with_capacity(snippet.text.len() + 16);
        if snippet.cut_before {
            out.push('…');
        }
        let mut at = 0;
        for span in &snippet.highlights {
            let (Some(before), Some(word)) = (snippet.text.get(at..span.start), span.slice(&snippet.text)) else {
                continue;
            };
            out.push_str(&terminal_text(before));
            out.push_str(self.open);
            out.push_str(&terminal_text(word));
            out.push_str(self.close);
            at = span.end;
        }
        out.push_str(&terminal_text(snippet.text.get(at..).unwrap_or("")));
        if snippet.cut_after {
            out.push('…');
        }
        if self.isolate {
            format!("\u{2068}{out}\u{2069}")
        } else {
            out
        }
    }
}

/// Text from an article made safe for a terminal: the bidi controls that
/// reorder what follows them (U+202A–U+202E, U+2066–U+2069: `\u{202E}gnp.exe`
/// shows as `exe.png`) and every other control character (escape sequences
/// could recolour, move or retitle the terminal) taken out; line breaks and
/// tabs become spaces.
pub fn terminal_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    total: usize,
    copies: &BTreeMap<String, Vec<String>>,
    offset: usize,
    entity_facets: bool,
    style: Style,
) -> std::io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(
            out,
            "{}. {}",
            offset + i + 1,
            style.snippet(hit.title_highlight.as_ref(), &hit.title)
        )?;
        let mut meta = Vec::new();
        if let Some(source) = &hit.source {
            meta.push(style.field(source));
        }
        if let Some(published) = &hit.published {
            meta.push(style.field(&published.chars().take(10).collect::<String>()));
        }
        meta.push(style.field(&hit.id));
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
            writeln!(out, "   {}", style.snippet(Some(snippet), ""))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{total} result{} ({:.1} ms)",
        if total == 1 { "" } else { "s" },
        results.took_ms
    )?;
    if let Some(facets) = &results.facets {
        let line = |values: &[(String, u64)]| {
            let values: Vec<(String, u64)> = values.iter().map(|(v, n)| (style.field(v), *n)).collect();
            crate::report::facet_line(&values, 8)
        };
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
            print_entity_facets_styled(out, facets, 10, style)?;
        }
        for (name, values) in [
            ("event roots", &facets.event_roots),
            ("actors", &facets.actors),
            ("targets", &facets.targets),
        ] {
            if !values.is_empty() {
                writeln!(out, "{name}: {}", line(values))?;
            }
        }
    }
    Ok(())
}

/// `persons: …`, `organisations: …`, `places: …` lines, the first `limit` of each
/// (for `rasid search --facets` and `rasid stats`).
pub fn print_entity_facets(out: &mut impl Write, facets: &FacetCounts, limit: usize) -> std::io::Result<()> {
    print_entity_facets_styled(out, facets, limit, Style::PLAIN)
}

fn print_entity_facets_styled(
    out: &mut impl Write,
    facets: &FacetCounts,
    limit: usize,
    style: Style,
) -> std::io::Result<()> {
    for (name, values) in [
        ("persons", &facets.persons),
        ("organisations", &facets.orgs),
        ("places", &facets.places),
    ] {
        if !values.is_empty() {
            // Counted by identity (all spellings of one entity together), shown by name.
            let values: Vec<(String, u64)> = values
                .iter()
                .take(limit)
                .map(|v| (style.field(&v.name), v.count))
                .collect();
            writeln!(out, "{name}: {}", crate::report::facet_line(&values, limit))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid::core::Span;

    #[test]
    fn regression_terminal_text_has_no_controls() {
        assert_eq!(terminal_text("\u{202E}gnp.exe\u{202C}"), "gnp.exe");
        assert_eq!(terminal_text("a\u{2067}b\u{2069}\nc\x1b]0;owned\x07d"), "ab c]0;ownedd");
        // Direction marks set no direction for what follows: they stay.
        assert_eq!(terminal_text("\u{200F}أ"), "\u{200F}أ");
    }

    #[test]
    fn regression_snippets_are_plain_or_coloured_never_html() {
        let snippet = Snippet {
            text: "وصل \u{202E}لافروف الى موسكو".into(),
            start: 0,
            highlights: vec![Span::new(10, 22)],
            cut_before: true,
            cut_after: false,
        };
        assert_eq!(&snippet.text[10..22], "لافروف");
        let plain = Style::PLAIN.snippet(Some(&snippet), "");
        assert_eq!(plain, "…وصل لافروف الى موسكو");
        let colour = Style::COLOR.snippet(Some(&snippet), "");
        assert_eq!(colour, "\u{2068}…وصل \x1b[1;33mلافروف\x1b[0m الى موسكو\u{2069}");
        assert!(!plain.contains("<b>") && !colour.contains("<b>"));
        assert_eq!(Style::PLAIN.field("\u{202E}abc"), "abc");
        assert_eq!(Style::COLOR.field("abc"), "\u{2068}abc\u{2069}");
    }
}
