//! The exported tables: their columns (the schema document is generated from
//! these definitions) and how each is filled from one article.
//!
//! Adding a table is: a `static` [`TableDef`], a row
//! function `fn(&ArticleCtx, &mut Rows) -> Result<()>`, and one line in
//! [`ARTICLE_TABLES`].

use rasid_core::{EntityKind, TextPart};
use rasid_search::StoredArticle;

use crate::error::Result;
use crate::table::{opt, req, Column, ColumnType as T, Partitioning, Rows, TableDef, Value};

/// What extraction stored for an article. The one place that names the type
/// (with [`extraction_of`], which reads it from a stored article).
pub type Extraction = rasid_core::Extractions;

/// The stored extraction of an article, when it was indexed with one.
pub fn extraction_of(article: &StoredArticle) -> Option<&Extraction> {
    article.extraction.as_ref()
}

/// The canonical id of an entity across articles, the one `rasid search`
/// facets count by: [`rasid_search::extraction::entity_key`] (the extractor's
/// [`key`](rasid_core::Entity::key), `geonames:ID` for a linked place, the
/// kind and a spelling skeleton that merges variants otherwise; for
/// extractions stored before keys existed, `geonames:ID` or the kind and the
/// facet label, `PER:سيرغي لافروف`; never `geonames:0`).
pub fn entity_key(entity: &rasid_core::Entity) -> String {
    rasid_search::extraction::entity_key(entity)
}

/// Where an article stands in the stories store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership {
    /// Its story.
    pub story: i64,
    /// Its duplicate group.
    pub group: i64,
    /// Live articles in its group.
    pub group_size: u32,
    /// The group's canonical article (earliest published, then first processed).
    pub canonical: bool,
}

/// One article, as the row functions see it.
#[derive(Clone, Copy, Debug)]
pub struct ArticleCtx<'a> {
    /// Its id.
    pub id: &'a str,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// The stored article, when this export writes its article-level rows.
    pub stored: Option<&'a StoredArticle>,
    /// Its group and story, when this export writes its membership rows.
    pub membership: Option<Membership>,
    /// The export run.
    pub run: u32,
}

const EXPORT_RUN: Column = req(
    "export_run",
    T::U32,
    "The export that wrote the row (0 for the first into this directory). After `--since` exports a key may appear in several runs: the highest run holds the current row.",
);
const ARTICLE_ID: Column = req(
    "article_id",
    T::Text,
    "Article id (16 hex digits); joins `articles.article_id`.",
);
const PART: Column = req("part", T::Label, "Which text `span` points into: `title` or `body`.");
const SPAN: Column = req(
    "span",
    T::Span,
    "Byte offsets (UTF-8, end exclusive) in that text of the article.",
);

fn part(p: TextPart) -> Value {
    Value::from(match p {
        TextPart::Title => "title",
        TextPart::Body => "body",
    })
}

fn kind(k: EntityKind) -> Value {
    Value::from(k.as_str())
}

fn label<T: serde::Serialize>(value: &T) -> Value {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Value::Text(s),
        _ => Value::Null,
    }
}

/// `articles`: one row per article.
pub static ARTICLES: TableDef = TableDef {
    name: "articles",
    doc: "One row per article of the index.",
    key: &["article_id"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        req("article_id", T::Text, "Article id: 16 hex digits, the id `rasid search` shows."),
        opt("source", T::Label, "The outlet."),
        opt("category", T::Label, "The section."),
        opt("url", T::Text, "The article's URL."),
        opt("published", T::Timestamp, "Publication time (UTC); null when undated."),
        opt("published_text", T::Text, "Publication time as the input wrote it."),
        req("title", T::Text, "Headline."),
        req("body", T::Text, "Body text (spans of `part = body` point into it)."),
        req("extracted", T::Bool, "Whether the article was indexed with extraction (entities, times, numbers); when false, it has no rows in those tables."),
        req("mentions", T::U32, "Rows of `mentions` for the article."),
        req("entities", T::U32, "Rows of `entities` for the article."),
        req("times", T::U32, "Rows of `times` for the article."),
        req("numbers", T::U32, "Rows of `numbers` for the article."),
        req("summary", T::U32, "Rows of `summaries` for the article (0 when it was indexed without a summary)."),
        EXPORT_RUN,
    ],
};

fn articles(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(a) = ctx.stored else { return Ok(()) };
    let x = extraction_of(a);
    let count = |n: Option<usize>| Value::from(n.unwrap_or(0));
    rows.push(vec![
        a.id.as_str().into(),
        a.source.as_deref().into(),
        a.category.as_deref().into(),
        a.url.as_deref().into(),
        ctx.published.into(),
        a.published.as_deref().into(),
        a.title.as_str().into(),
        a.body.as_str().into(),
        x.is_some().into(),
        count(x.map(|x| x.entities.mentions.len())),
        count(x.map(|x| x.entities.entities.len())),
        count(x.map(|x| x.times.len())),
        count(x.map(|x| x.numbers.len())),
        count(x.and_then(|x| x.summary.as_ref()).map(Vec::len)),
        ctx.run.into(),
    ])
}

/// `mentions`: one row per entity mention.
pub static MENTIONS: TableDef = TableDef {
    name: "mentions",
    doc: "One row per mention of a named entity in an article (title first, then body, in text order).",
    key: &["article_id", "mention_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req(
            "mention_index",
            T::U32,
            "Position of the mention in the article (0-based).",
        ),
        req(
            "entity_index",
            T::U32,
            "The entity it refers to: joins `entities` on (`article_id`, `entity_index`).",
        ),
        req("kind", T::Label, "`PER`, `LOC`, `ORG` or `MISC`."),
        PART,
        SPAN,
        req(
            "text",
            T::Text,
            "The mention as written (proclitics left out: `روسيا` in `وروسيا`).",
        ),
        EXPORT_RUN,
    ],
};

fn mentions(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, m) in x.entities.mentions.iter().enumerate() {
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            m.entity.into(),
            kind(m.kind),
            part(m.part),
            m.span.into(),
            m.text.as_str().into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `entities`: one row per entity of an article.
pub static ENTITIES: TableDef = TableDef {
    name: "entities",
    doc: "One row per entity of an article: its mentions merged, with its canonical id, role and place link.",
    key: &["article_id", "entity_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req("entity_index", T::U32, "Position of the entity in the article (0-based, order of first mention)."),
        req("entity_key", T::Text, "Canonical id across articles: the extractor's key, `geonames:ID` for a place linked to GeoNames (`place:NAME` for a hand-added place), otherwise `KIND:skeleton`, a spelling skeleton that merges variants (`PER:سرجي لفرف` for سيرغي/سيرجي لافروف); extractions stored before keys: `KIND:label` with the folded name `rasid search` facets by."),
        req("kind", T::Label, "`PER`, `LOC`, `ORG` or `MISC`."),
        req("canonical", T::Text, "The fullest Arabic form among its mentions."),
        opt("name_en", T::Text, "English name, when a gazetteer gives one."),
        opt("cameo", T::Label, "CAMEO actor code, where one applies (`RUS`, `RUSGOV` for a Russian minister or for Moscow standing for the state, `UNO`): the code the event coder gives the entity, from the actor dictionary (resolved against the article's date), the role or the country; none for a city, which is a place, not an actor."),
        req("mentions", T::U32, "How many mentions it has in the article."),
        opt("geonames_id", T::U32, "GeoNames id of a linked place (details in `places`)."),
        opt("role_title", T::Label, "The role the text gives a person, as a stable English label (`foreign minister`, `envoy`)."),
        opt("role_text", T::Text, "The role as written."),
        opt("role_part", T::Label, "Which text `role_span` points into."),
        opt("role_span", T::Span, "Where the role is."),
        opt("role_country", T::Label, "ISO 3166-1 alpha-2 country of the role (`RU` for `الروسى`)."),
        opt("role_organization", T::Text, "Organisation of the role, when named."),
        EXPORT_RUN,
    ],
};

fn entities(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, e) in x.entities.entities.iter().enumerate() {
        let role = e.role.as_ref();
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            entity_key(e).into(),
            kind(e.kind),
            e.canonical.as_str().into(),
            e.name_en.as_deref().into(),
            e.cameo.as_deref().into(),
            e.mentions.len().into(),
            e.place.as_ref().map(|p| p.geonames_id).into(),
            role.map(|r| r.title.as_str()).into(),
            role.map(|r| r.text.as_str()).into(),
            role.map_or(Value::Null, |r| part(r.part)),
            role.map(|r| r.span).into(),
            role.and_then(|r| r.country.as_deref()).into(),
            role.and_then(|r| r.organization.as_deref()).into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `places`: one row per entity linked to GeoNames.
pub static PLACES: TableDef = TableDef {
    name: "places",
    doc: "One row per entity of an article linked to a GeoNames place.",
    key: &["article_id", "entity_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req(
            "entity_index",
            T::U32,
            "The entity: joins `entities` on (`article_id`, `entity_index`).",
        ),
        req("geonames_id", T::U32, "GeoNames id."),
        req("name_en", T::Text, "GeoNames English name."),
        req(
            "country",
            T::Label,
            "ISO 3166-1 alpha-2 country code (`XK` for Kosovo).",
        ),
        req(
            "feature",
            T::Label,
            "GeoNames feature code: `PCLI` country, `PPLC` capital, `ADM1`, `PPL`, ...",
        ),
        opt("lat", T::F64, "Latitude, WGS84 degrees."),
        opt("lon", T::F64, "Longitude, WGS84 degrees."),
        opt("population", T::U64, "GeoNames population."),
        req(
            "canonical",
            T::Text,
            "The Arabic name as the article writes it (fullest form).",
        ),
        req("mentions", T::U32, "How many mentions the place has in the article."),
        EXPORT_RUN,
    ],
};

fn places(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, e) in x.entities.entities.iter().enumerate() {
        let Some(p) = &e.place else { continue };
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            p.geonames_id.into(),
            p.name_en.as_str().into(),
            p.country.as_str().into(),
            p.feature.as_str().into(),
            p.lat.into(),
            p.lon.into(),
            p.population.into(),
            e.canonical.as_str().into(),
            e.mentions.len().into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `times`: one row per time expression.
pub static TIMES: TableDef = TableDef {
    name: "times",
    doc: "One row per time expression (TIMEX3) found in an article, resolved against its publication time.",
    key: &["article_id", "time_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req(
            "time_index",
            T::U32,
            "Position of the expression in the article's list (0-based).",
        ),
        PART,
        SPAN,
        req("text", T::Text, "The expression as written."),
        req("type", T::Label, "`DATE`, `TIME`, `DURATION` or `SET`."),
        req(
            "value",
            T::Text,
            "TIMEX3 value: `2017-12-21`, `2017-12`, `P2D`, `XXXX-12-21` (unresolved parts are `X`), ...",
        ),
        opt(
            "mod",
            T::Label,
            "TIMEX3 mod: `START`, `MID`, `END`, `APPROX`, `MORE_THAN`, ...",
        ),
        req(
            "anchored",
            T::Bool,
            "Whether the value was computed from the publication time (`أمس`, `الخميس`).",
        ),
        EXPORT_RUN,
    ],
};

fn times(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, t) in x.times.iter().enumerate() {
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            part(t.part),
            t.span.into(),
            t.text.as_str().into(),
            t.kind.as_str().into(),
            t.value.as_str().into(),
            t.modifier.map(|m| m.as_str()).into(),
            t.anchored.into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `numbers`: one row per number.
pub static NUMBERS: TableDef = TableDef {
    name: "numbers",
    doc: "One row per number (in digits or words) found in an article.",
    key: &["article_id", "number_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req(
            "number_index",
            T::U32,
            "Position of the number in the article's list (0-based).",
        ),
        PART,
        SPAN,
        req(
            "text",
            T::Text,
            "The number as written, with its multiplier, currency or percent sign.",
        ),
        opt(
            "value",
            T::F64,
            "Its value (`3000` for `ثلاثة آلاف`); null if not finite.",
        ),
        req("kind", T::Label, "`cardinal`, `ordinal`, `percent` or `money`."),
        opt(
            "currency",
            T::Label,
            "For money: ISO 4217 code when known (`USD`), otherwise the currency word.",
        ),
        opt(
            "approx",
            T::Label,
            "`about`, `more_than`, `less_than`, `at_least`, `at_most`.",
        ),
        opt(
            "counts",
            T::Text,
            "What the number counts, when a noun follows it (`شخص` for `20 شخصا`).",
        ),
        EXPORT_RUN,
    ],
};

fn numbers(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, n) in x.numbers.iter().enumerate() {
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            part(n.part),
            n.span.into(),
            n.text.as_str().into(),
            n.value.into(),
            label(&n.kind),
            n.currency.as_deref().into(),
            n.approx.as_ref().map_or(Value::Null, label),
            n.counts.as_deref().into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `summaries`: one row per sentence of an article's extractive summary.
pub static SUMMARIES: TableDef = TableDef {
    name: "summaries",
    doc: "One row per sentence of an article's extractive summary (its most representative body sentences, in text order).",
    key: &["article_id", "sentence_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req("sentence_index", T::U32, "Position of the sentence in the summary (0-based)."),
        req("span", T::Span, "Byte offsets (UTF-8, end exclusive) of the sentence in the body."),
        req("text", T::Text, "The sentence."),
        EXPORT_RUN,
    ],
};

fn summaries(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(sentences) = ctx.stored.and_then(extraction_of).and_then(|x| x.summary.as_ref()) else {
        return Ok(());
    };
    for (i, s) in sentences.iter().enumerate() {
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            s.span.into(),
            s.text.as_str().into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `duplicate_groups`: one row per article in a group of two or more.
pub static DUPLICATE_GROUPS: TableDef = TableDef {
    name: "duplicate_groups",
    doc: "One row per article that belongs to a duplicate group of two or more live articles (exact or near copies, from `rasid stories build`). Articles without copies have no row.",
    key: &["article_id"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        req("group_id", T::I64, "The group (an id of the stories store; stable while the group does not merge with another)."),
        ARTICLE_ID,
        req("canonical", T::Bool, "Whether the article is the group's canonical member: the earliest published."),
        req("group_size", T::U32, "Live articles in the group."),
        EXPORT_RUN,
    ],
};

fn duplicate_groups(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(m) = ctx.membership.filter(|m| m.group_size > 1) else {
        return Ok(());
    };
    rows.push(vec![
        m.group.into(),
        ctx.id.into(),
        m.canonical.into(),
        m.group_size.into(),
        ctx.run.into(),
    ])
}

/// `story_members`: one row per article in a story.
pub static STORY_MEMBERS: TableDef = TableDef {
    name: "story_members",
    doc: "One row per article that `rasid stories build` placed in a story.",
    key: &["article_id"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        req("story_id", T::I64, "The story: joins `stories.story_id`."),
        ARTICLE_ID,
        req(
            "group_id",
            T::I64,
            "The article's duplicate group (singletons included: a group of one).",
        ),
        req(
            "canonical",
            T::Bool,
            "Whether the article is its group's canonical member (a distinct report of the story).",
        ),
        EXPORT_RUN,
    ],
};

fn story_members(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(m) = ctx.membership else { return Ok(()) };
    rows.push(vec![
        m.story.into(),
        ctx.id.into(),
        m.group.into(),
        m.canonical.into(),
        ctx.run.into(),
    ])
}

/// `stories`: one row per story.
pub static STORIES: TableDef = TableDef {
    name: "stories",
    doc: "One row per story of the stories store (`rasid stories build`).",
    key: &["story_id"],
    partitioning: Partitioning::StoryMonth,
    columns: &[
        req("story_id", T::I64, "Story id, as `rasid stories show ID` takes it."),
        req("articles", T::U64, "Articles in the story, copies included."),
        req("reports", T::U64, "Distinct reports: duplicate groups in the story."),
        opt("first_day", T::Date, "Day (UTC) of its first dated article."),
        opt("last_day", T::Date, "Day (UTC) of its last dated article."),
        req("label_terms", T::TextList, "Its strongest words, as first written."),
        req(
            "label_entities",
            T::TextList,
            "Its strongest people, places and organisations.",
        ),
        EXPORT_RUN,
    ],
};

/// `event_mentions`: one row per event an article reports.
pub static EVENT_MENTIONS: TableDef = TableDef {
    name: "event_mentions",
    doc: "One row per event an article reports (GDELT's mentions table): who did what to whom in one sentence, coded in CAMEO and PLOVER. Copies and follow-ups that tell the same event share its `event_id`.",
    key: &["article_id", "event_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req("event_index", T::U32, "Position of the event in the article's list (0-based)."),
        req("event_id", T::U64, "The deduplicated event: joins `events.event_id`. A hash of source code, event code, target code, day, place and modality (the rule is in the README)."),
        PART,
        req("sentence", T::Span, "The sentence that reports it, in bytes of that text."),
        opt("source_code", T::Label, "CAMEO actor code of the source (who acts): `SYRGOV`, `RUSGOV`, `---CVL`, `UNO`; empty when uncoded, null when the sentence names none."),
        opt("source_text", T::Text, "The source as written."),
        opt("source_span", T::Span, "Where the source is."),
        req("action_text", T::Text, "The words that carry the event (`اتهم`, `محادثات`)."),
        req("action_span", T::Span, "Where they are."),
        opt("target_code", T::Label, "CAMEO actor code of the target; empty when uncoded, null when none."),
        opt("target_text", T::Text, "The target as written."),
        opt("target_span", T::Span, "Where the target is."),
        req("event_code", T::Label, "CAMEO event code, 3 or 4 digits (`046`, `0871`), or a 2-digit root."),
        req("event_root", T::Label, "Its root: the first two digits."),
        opt("plover", T::Label, "PLOVER category (`CONSULT`, `ASSAULT`)."),
        opt("plover_mode", T::Label, "PLOVER mode, where the category has one."),
        req("quad_class", T::U32, "GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
        req("goldstein", T::F64, "Goldstein score of the code, -10 to +10."),
        opt("place_text", T::Text, "Where it happened, as written."),
        opt("place_geonames_id", T::U32, "GeoNames id of the place, when linked."),
        opt("place_country", T::Label, "ISO 3166-1 alpha-2 country of the place."),
        opt("date", T::Text, "When it happened: a TIMEX3 value (`2017-12-21`, `2017-12`)."),
        opt("date_source", T::Label, "`text` (a time expression of the sentence) or `dateline` (the publication date)."),
        req("modality", T::Label, "`asserted`, `negated`, `threatened` or `intended`."),
        req("reported", T::Bool, "Whether the text reports it as someone else's claim."),
        opt("quote_index", T::U32, "The quote this statement event is: joins `quotes` on (`article_id`, `quote_index`)."),
        req("confidence", T::F64, "The coder's confidence, 0 to 1."),
        EXPORT_RUN,
    ],
};

fn event_mentions(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(a) = ctx.stored else { return Ok(()) };
    let Some(x) = extraction_of(a) else {
        return Ok(());
    };
    for (i, e) in x.events.iter().enumerate() {
        let (source, target) = (e.source.as_ref(), e.target.as_ref());
        let place = e.place.as_ref();
        let date = e.date.as_ref();
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            rasid_search::events::event_id(e, a.published.as_deref()).into(),
            part(e.part),
            e.sentence.into(),
            source.map(|s| s.code.as_str()).into(),
            source.map(|s| s.text.as_str()).into(),
            source.map(|s| s.span).into(),
            e.action.text.as_str().into(),
            e.action.span.into(),
            target.map(|t| t.code.as_str()).into(),
            target.map(|t| t.text.as_str()).into(),
            target.map(|t| t.span).into(),
            e.code.as_str().into(),
            e.root().into(),
            e.plover.as_deref().into(),
            e.plover_mode.as_deref().into(),
            u32::from(e.quad_class.number()).into(),
            f64::from(e.goldstein).into(),
            place.map(|p| p.text.as_str()).into(),
            place.and_then(|p| p.geonames_id).into(),
            place.and_then(|p| p.country.as_deref()).into(),
            date.map(|d| d.value.as_str()).into(),
            date.map_or(Value::Null, |d| label(&d.source)),
            label(&e.modality),
            e.reported.into(),
            e.quote.into(),
            f64::from(e.confidence).into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `quotes`: one row per quote of an article.
pub static QUOTES: TableDef = TableDef {
    name: "quotes",
    doc: "One row per quote of an article: what was said, how (direct, indirect, mixed) and by whom.",
    key: &["article_id", "quote_index"],
    partitioning: Partitioning::ArticleMonth,
    columns: &[
        ARTICLE_ID,
        req(
            "quote_index",
            T::U32,
            "Position of the quote in the article's list (0-based).",
        ),
        PART,
        req(
            "kind",
            T::Label,
            "`direct` (in «» or \"\"), `indirect` (`قال إن …`) or `mixed`.",
        ),
        req("cue_text", T::Text, "The speech verb or noun (`قال`, `أكد`, `مشيرا`)."),
        req("cue_span", T::Span, "Where it is."),
        req(
            "content_span",
            T::Span,
            "What was said (inside the quotation marks for a direct quote).",
        ),
        req("text", T::Text, "The content as written."),
        opt(
            "speaker_text",
            T::Text,
            "Who said it, as written: a name or a description (`متحدث باسم وزارة الخارجية`).",
        ),
        opt(
            "speaker_span",
            T::Span,
            "Where the speaker is named (or the subject the cue refers back to).",
        ),
        opt(
            "speaker_entity_index",
            T::U32,
            "The speaker's entity: joins `entities` on (`article_id`, `entity_index`).",
        ),
        opt(
            "speaker_organization_index",
            T::U32,
            "For a description, the organisation it speaks for (an `entity_index`).",
        ),
        opt("speaker_code", T::Label, "The speaker's CAMEO actor code."),
        EXPORT_RUN,
    ],
};

fn quotes(ctx: &ArticleCtx<'_>, rows: &mut Rows) -> Result<()> {
    let Some(x) = ctx.stored.and_then(extraction_of) else {
        return Ok(());
    };
    for (i, q) in x.quotes.iter().enumerate() {
        let speaker = q.speaker.as_ref();
        rows.push(vec![
            ctx.id.into(),
            i.into(),
            part(q.part),
            label(&q.kind),
            q.cue.text.as_str().into(),
            q.cue.span.into(),
            q.content.into(),
            q.text.as_str().into(),
            speaker.map(|s| s.text.as_str()).into(),
            speaker.map(|s| s.span).into(),
            speaker.and_then(|s| s.entity).into(),
            speaker.and_then(|s| s.organization).into(),
            speaker.and_then(|s| s.code.as_deref()).into(),
            ctx.run.into(),
        ])?;
    }
    Ok(())
}

/// `events`: one row per deduplicated event of the whole index.
pub static EVENTS: TableDef = TableDef {
    name: "events",
    doc: "One row per event of the whole index, however many articles tell it (GDELT's events table): the mentions of `event_mentions` with the same `event_id`. Partitioned by the month of the event's day. It depends on every article, so every export (`--since` ones too) that adds, changes or deletes an article writes it whole: read only the files of the latest `export_run` that has them.",
    key: &["event_id"],
    partitioning: Partitioning::EventMonth,
    columns: &[
        req("event_id", T::U64, "The event (GDELT's GlobalEventID): a hash of its key, the same in every export and in `rasid events`."),
        opt("day", T::Date, "The event's day: its own date when the text gives a whole day, else the publication day of the article that tells it."),
        opt("source_code", T::Label, "CAMEO actor code of the source (GDELT Actor1Code); empty when uncoded."),
        opt("source_name", T::Text, "The source as most mentions write it."),
        opt("source_country", T::Label, "Country part of the source code (`SYR`)."),
        opt("target_code", T::Label, "CAMEO actor code of the target (Actor2Code)."),
        opt("target_name", T::Text, "The target as most mentions write it."),
        opt("target_country", T::Label, "Country part of the target code."),
        req("event_code", T::Label, "CAMEO event code."),
        req("event_base_code", T::Label, "Its first three digits."),
        req("event_root_code", T::Label, "Its root, two digits."),
        opt("plover", T::Label, "PLOVER category."),
        req("quad_class", T::U32, "GDELT quad class, 1 to 4."),
        req("goldstein", T::F64, "Goldstein score, -10 to +10."),
        req("modality", T::Label, "`asserted`, `negated`, `threatened` or `intended`."),
        opt("place_name", T::Text, "Where, as written."),
        opt("place_geonames_id", T::U32, "GeoNames id of the place."),
        opt("place_country", T::Label, "ISO alpha-2 country of the place."),
        req("is_root_event", T::Bool, "Whether a mention is in a headline or a body's first sentence."),
        req("num_mentions", T::U32, "Mentions in all (rows of `event_mentions`)."),
        req("num_sources", T::U32, "Distinct outlets that tell it."),
        req("num_articles", T::U32, "Distinct articles that tell it."),
        req("first_article_id", T::Text, "The first article (by publication, then id) that tells it."),
        opt("source_url", T::Text, "That article's URL."),
        EXPORT_RUN,
    ],
};

/// The row of a deduplicated event.
pub fn event_row(e: &rasid_search::events::EventRecord, run: u32) -> Vec<Value> {
    let (source, target, place) = (e.source.as_ref(), e.target.as_ref(), e.place.as_ref());
    vec![
        e.id.into(),
        e.day.as_deref().and_then(crate::table::days_of_date).into(),
        source.map(|a| a.code.as_str()).into(),
        source.map(|a| a.name.as_str()).into(),
        source.and_then(|a| a.country.as_deref()).into(),
        target.map(|a| a.code.as_str()).into(),
        target.map(|a| a.name.as_str()).into(),
        target.and_then(|a| a.country.as_deref()).into(),
        e.code.as_str().into(),
        e.base_code.as_str().into(),
        e.root_code.as_str().into(),
        e.plover.as_deref().into(),
        u32::from(e.quad_class).into(),
        f64::from(e.goldstein).into(),
        label(&e.modality),
        place.map(|p| p.name.as_str()).into(),
        place.and_then(|p| p.geonames_id).into(),
        place.and_then(|p| p.country.as_deref()).into(),
        e.root_event.into(),
        e.num_mentions.into(),
        e.num_sources.into(),
        e.num_articles.into(),
        e.mentions.first().map_or("", |m| m.article.as_str()).into(),
        e.source_url.as_deref().into(),
        run.into(),
    ]
}

/// `deleted`: articles deleted from the index since the previous export.
pub static DELETED: TableDef = TableDef {
    name: "deleted",
    doc: "Written by `--since` exports only: one row per article deleted from the index since the previous export. Drop its rows (of every table) whose `export_run` is lower.",
    key: &["article_id"],
    partitioning: Partitioning::None,
    columns: &[ARTICLE_ID, EXPORT_RUN],
};

/// A row function of a per-article table.
pub type RowFn = fn(&ArticleCtx<'_>, &mut Rows) -> Result<()>;

/// The per-article tables, in the order they are written.
pub static ARTICLE_TABLES: &[(&TableDef, RowFn)] = &[
    (&ARTICLES, articles),
    (&MENTIONS, mentions),
    (&ENTITIES, entities),
    (&PLACES, places),
    (&TIMES, times),
    (&NUMBERS, numbers),
    (&SUMMARIES, summaries),
    (&EVENT_MENTIONS, event_mentions),
    (&QUOTES, quotes),
    (&DUPLICATE_GROUPS, duplicate_groups),
    (&STORY_MEMBERS, story_members),
];

/// Every table, in the order of the schema document.
pub fn all_tables() -> Vec<&'static TableDef> {
    let mut out: Vec<&'static TableDef> = ARTICLE_TABLES.iter().map(|(t, _)| *t).collect();
    out.push(&EVENTS);
    out.push(&STORIES);
    out.push(&DELETED);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::{ArticleEntities, Entity, Mention, PlaceLink, Span};

    /// The row context of `a`, undated, in export run `run`.
    fn ctx_of(a: &StoredArticle, membership: Option<Membership>, run: u32) -> ArticleCtx<'_> {
        ArticleCtx {
            id: &a.id,
            published: None,
            stored: Some(a),
            membership,
            run,
        }
    }

    fn stored() -> StoredArticle {
        let place = PlaceLink {
            geonames_id: 1_526_273,
            name_en: "Astana".into(),
            country: "KZ".into(),
            lat: Some(51.18),
            lon: Some(71.45),
            feature: "PPLC".into(),
            population: None,
        };
        let entities = ArticleEntities {
            mentions: vec![Mention {
                part: TextPart::Body,
                span: Span::new(3, 13),
                text: "استانا".into(),
                kind: EntityKind::Loc,
                entity: 0,
            }],
            entities: vec![
                Entity {
                    id: 0,
                    kind: EntityKind::Loc,
                    canonical: "استانا".into(),
                    key: String::new(),
                    name_en: None,
                    mentions: vec![0],
                    role: None,
                    place: Some(place),
                    cameo: Some("KAZGOV".into()),
                },
                Entity {
                    id: 1,
                    kind: EntityKind::Per,
                    canonical: "سيرغى  لافروف".into(),
                    key: String::new(),
                    name_en: None,
                    mentions: vec![],
                    role: None,
                    place: None,
                    cameo: None,
                },
            ],
            ..ArticleEntities::default()
        };
        StoredArticle {
            id: "0123456789abcdef".into(),
            title: "t".into(),
            body: "فى استانا".into(),
            source: Some("youm7".into()),
            category: None,
            url: None,
            published: None,
            extraction: Some(Extraction {
                entities,
                events: vec![event()],
                quotes: vec![quote()],
                ..Extraction::default()
            }),
        }
    }

    fn event() -> rasid_core::Event {
        rasid_core::Event {
            part: TextPart::Body,
            sentence: Span::new(0, 16),
            source: Some(rasid_core::Actor::coded(Span::new(0, 2), "روسيا", "RUS")),
            action: rasid_core::Trigger {
                span: Span::new(3, 8),
                text: "اتهمت".into(),
            },
            target: None,
            code: "112".into(),
            plover: Some("ACCUSE".into()),
            plover_mode: None,
            quad_class: rasid_core::QuadClass::VerbalConflict,
            goldstein: -2.0,
            place: None,
            date: None,
            modality: rasid_core::Modality::Asserted,
            reported: false,
            quote: Some(0),
            confidence: 0.7,
        }
    }

    fn quote() -> rasid_core::Quote {
        rasid_core::Quote {
            part: TextPart::Body,
            cue: rasid_core::Trigger {
                span: Span::new(0, 6),
                text: "قال".into(),
            },
            content: Span::new(8, 16),
            text: "استانا".into(),
            kind: rasid_core::QuoteKind::Direct,
            speaker: Some(rasid_core::Speaker {
                span: Span::new(0, 2),
                text: "لافروف".into(),
                entity: Some(1),
                organization: None,
                code: Some("RUSGOV".into()),
            }),
        }
    }

    #[test]
    fn event_mentions_carry_the_deduplicated_id() {
        let a = stored();
        let ctx = ctx_of(&a, None, 2);
        let mut rows = Rows::new(&EVENT_MENTIONS);
        event_mentions(&ctx, &mut rows).unwrap();
        let id = rasid_search::events::event_id(&event(), None);
        assert_eq!(rows.rows[0][2], Value::U(id));
        assert_eq!(rows.rows[0][13], Value::from("112"));
        assert_eq!(rows.rows[0][14], Value::from("11"));
        assert_eq!(rows.rows[0][10], Value::Null, "no target");
        let mut rows = Rows::new(&QUOTES);
        quotes(&ctx, &mut rows).unwrap();
        assert_eq!(rows.rows[0][3], Value::from("direct"));
        assert_eq!(rows.rows[0][10], Value::U(1));
    }

    #[test]
    fn every_row_function_fills_its_columns() {
        let a = stored();
        let membership = Membership {
            story: 3,
            group: 1,
            group_size: 2,
            canonical: true,
        };
        let ctx = ctx_of(&a, Some(membership), 0);
        let mut counts = Vec::new();
        for (def, f) in ARTICLE_TABLES {
            let mut rows = Rows::new(def);
            f(&ctx, &mut rows).unwrap();
            rows.to_batch().unwrap();
            counts.push((def.name, rows.len()));
        }
        assert_eq!(
            counts,
            vec![
                ("articles", 1),
                ("mentions", 1),
                ("entities", 2),
                ("places", 1),
                ("times", 0),
                ("numbers", 0),
                ("summaries", 0),
                ("event_mentions", 1),
                ("quotes", 1),
                ("duplicate_groups", 1),
                ("story_members", 1)
            ]
        );
    }

    #[test]
    fn entities_carry_their_cameo_code_where_there_is_one() {
        let a = stored();
        let ctx = ctx_of(&a, None, 0);
        let mut rows = Rows::new(&ENTITIES);
        entities(&ctx, &mut rows).unwrap();
        let at = ENTITIES.columns.iter().position(|c| c.name == "cameo").unwrap();
        assert_eq!(rows.rows[0][at], Value::from("KAZGOV"));
        assert_eq!(rows.rows[1][at], Value::Null);
    }

    #[test]
    fn entity_keys_use_geonames_or_the_facet_label() {
        let a = stored();
        let x = extraction_of(&a).unwrap();
        assert_eq!(entity_key(&x.entities.entities[0]), "geonames:1526273");
        assert_eq!(entity_key(&x.entities.entities[1]), "PER:سيرغي لافروف");
    }
}
