//! `rasid events`: the events of an index's articles, deduplicated across
//! articles (syndicated copies and follow-ups tell one event), with their
//! mention counts and the articles that mention them; as text, JSON, or
//! GDELT-style tab-separated event rows.

use std::io::Write;
use std::path::{Path, PathBuf};

use rasid::search::events::{EventFilter, EventList, EventRecord, EventsRequest};
use rasid::search::query::ParseOptions;
use rasid::search::{Filters, IndexError, SearchRequest};
use rasid::Engine;

use crate::report::Outcome as Exit;

/// Arguments of `rasid events`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A query selecting the articles, as `rasid search` takes it (may be empty).
    #[arg(value_name = "QUERY")]
    query: Vec<String>,

    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Only events with this CAMEO code or a code starting with it (`04`
    /// keeps every consultation, `046` keeps 046 and 0461). Repeatable (all must hold).
    #[arg(long, value_name = "CODE")]
    event: Vec<String>,

    /// Only events whose source (who acts) has this actor code (`SYRGOV`), or
    /// this country (`SYR`). Repeatable.
    #[arg(long, value_name = "CODE")]
    actor: Vec<String>,

    /// Only events whose target has this actor code, or this country. Repeatable.
    #[arg(long, value_name = "CODE")]
    target: Vec<String>,

    /// Only articles published on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Only articles published on or before this day (the whole month or year for YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Only articles of this outlet. Repeatable.
    #[arg(long, value_name = "OUTLET")]
    source: Vec<String>,

    /// Only articles naming this entity, person, organisation or place (as `rasid search --entity`).
    #[arg(long, value_name = "NAME")]
    entity: Vec<String>,

    /// Only articles of this story (ids from `rasid stories`).
    #[arg(long, value_name = "ID")]
    story: Option<i64>,

    /// Events to show (default: all).
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,

    /// Events to skip.
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,

    /// Every word of the query is required.
    #[arg(long)]
    all: bool,

    /// Print one JSON object: the counts and the events with their mentions.
    #[arg(long, conflicts_with = "tsv")]
    json: bool,

    /// Print GDELT-style event rows, tab-separated, with a header line.
    #[arg(long)]
    tsv: bool,
}

/// The columns of `--tsv`, GDELT 2.0's names for what rasid has, then rasid's own.
pub const TSV_COLUMNS: [&str; 28] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_FeatureID",
    "SOURCEURL",
    "Plover",
    "Modality",
    "FirstArticle",
    "FirstSentenceStart",
    "FirstSentenceEnd",
];

/// Runs `rasid events`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.index, super::pipeline(resources)?.build())?;
    let index = engine.index();
    let mut search = SearchRequest::new(args.query.join(" "));
    search.from = args.from.clone();
    search.to = args.to.clone();
    search.parse = ParseOptions {
        default_and: args.all,
        ..ParseOptions::default()
    };
    search.filters = Filters {
        sources: args.source.clone(),
        entities: args.entity.clone(),
        ..Filters::default()
    };
    if let Some(story) = args.story {
        let Some(store) = rasid::stories::Store::open_existing(index.path())? else {
            eprintln!(
                "rasid: error: --story {story}: no stories yet (run `rasid stories build --index {}`)",
                index.path().display()
            );
            return Ok(Exit::Usage);
        };
        if let Err(err) = store.story(story) {
            eprintln!("rasid: error: --story {story}: {err}");
            return Ok(Exit::Usage);
        }
        search.ids = Some(store.members(story)?.into_iter().map(|m| m.id).collect());
    }
    let mut request = EventsRequest::new(search);
    request.filter = EventFilter {
        codes: args.event.clone(),
        actors: args.actor.clone(),
        targets: args.target.clone(),
    };
    request.offset = args.offset;
    request.limit = args.limit;
    let list = match index.events(&request) {
        Ok(list) => list,
        Err(err @ IndexError::Query(_)) => {
            eprintln!("rasid: error: {err}");
            return Ok(Exit::Usage);
        }
        Err(err) => return Err(err.into()),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &list)?;
        writeln!(out)?;
    } else if args.tsv {
        write_tsv(&mut out, &list.events)?;
    } else {
        print_text(&mut out, &list)?;
    }
    out.flush()?;
    Ok(Exit::Ok)
}

/// A value for a TSV cell: tabs, line breaks and bidi controls become spaces.
fn cell(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The header and one row per event.
pub fn write_tsv(out: &mut impl Write, events: &[EventRecord]) -> std::io::Result<()> {
    writeln!(out, "{}", TSV_COLUMNS.join("\t"))?;
    for event in events {
        let day = event.day.as_deref().unwrap_or("");
        let digits: String = day.chars().filter(char::is_ascii_digit).collect();
        let actor = |a: Option<&rasid::search::events::EventActor>| -> [String; 3] {
            match a {
                Some(a) => [cell(&a.code), cell(&a.name), a.country.clone().unwrap_or_default()],
                None => Default::default(),
            }
        };
        let [a1, a1name, a1country] = actor(event.source.as_ref());
        let [a2, a2name, a2country] = actor(event.target.as_ref());
        let place = event.place.as_ref();
        let first = event.mentions.first();
        let row: [String; 28] = [
            event.id.to_string(),
            digits.clone(),
            digits.get(..6).unwrap_or("").to_owned(),
            digits.get(..4).unwrap_or("").to_owned(),
            a1,
            a1name,
            a1country,
            a2,
            a2name,
            a2country,
            u8::from(event.root_event).to_string(),
            cell(&event.code),
            cell(&event.base_code),
            cell(&event.root_code),
            event.quad_class.to_string(),
            format!("{:.1}", event.goldstein),
            event.num_mentions.to_string(),
            event.num_sources.to_string(),
            event.num_articles.to_string(),
            place.map(|p| cell(&p.name)).unwrap_or_default(),
            place.and_then(|p| p.country.clone()).unwrap_or_default(),
            place
                .and_then(|p| p.geonames_id)
                .map(|id| id.to_string())
                .unwrap_or_default(),
            event.source_url.as_deref().map(cell).unwrap_or_default(),
            event.plover.as_deref().map(cell).unwrap_or_default(),
            serde_json::to_value(event.modality)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            first.map(|m| cell(&m.article)).unwrap_or_default(),
            first.map(|m| m.sentence.start.to_string()).unwrap_or_default(),
            first.map(|m| m.sentence.end.to_string()).unwrap_or_default(),
        ];
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

fn print_text(out: &mut impl Write, list: &EventList) -> std::io::Result<()> {
    for event in &list.events {
        let code = |a: Option<&rasid::search::events::EventActor>| {
            a.map(|a| {
                if a.code.is_empty() {
                    format!("({})", a.name)
                } else {
                    format!("{} ({})", a.code, a.name)
                }
            })
            .unwrap_or_else(|| "-".to_owned())
        };
        let modality = match event.modality {
            rasid::core::Modality::Asserted => "",
            rasid::core::Modality::Negated => " [negated]",
            rasid::core::Modality::Threatened => " [threatened]",
            rasid::core::Modality::Intended => " [intended]",
        };
        writeln!(
            out,
            "{}  {} {} → {}{}",
            event.day.as_deref().unwrap_or("undated   "),
            event.code,
            cell(&code(event.source.as_ref())),
            cell(&code(event.target.as_ref())),
            modality
        )?;
        let mut articles: Vec<&str> = event.mentions.iter().map(|m| m.article.as_str()).collect();
        articles.dedup();
        articles.truncate(5);
        writeln!(
            out,
            "   id {} · {} mention{} · {} article{} · {} source{} · {}{}",
            event.id,
            event.num_mentions,
            if event.num_mentions == 1 { "" } else { "s" },
            event.num_articles,
            if event.num_articles == 1 { "" } else { "s" },
            event.num_sources,
            if event.num_sources == 1 { "" } else { "s" },
            articles.join(", "),
            if event.num_articles > articles.len() {
                ", …"
            } else {
                ""
            }
        )?;
    }
    writeln!(
        out,
        "{} event{}, {} mention{}, from {} article{}",
        list.total,
        if list.total == 1 { "" } else { "s" },
        list.mentions,
        if list.mentions == 1 { "" } else { "s" },
        list.articles_matched,
        if list.articles_matched == 1 { "" } else { "s" },
    )
}
