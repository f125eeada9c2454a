//! HTML article pages: metadata from the markup, the main text without the page around it.
//!
//! - **title**: `og:title` / `twitter:title`, else the first `<h1>` (one inside
//!   `<article>` first), else `<title>`; a ` - Site` / ` | Site` part naming the
//!   site is cut off.
//! - **published**: `article:published_time` and similar meta tags, JSON-LD
//!   `datePublished`, `<time datetime>` (marked `pubdate` or
//!   `itemprop=datePublished` first), then visible text in elements whose class or
//!   id speaks of a date, through the Arabic dateline parser.
//! - **source**: `og:site_name`, else the host of the canonical URL; **url**:
//!   `<link rel=canonical>`, else `og:url`; **author** and **category** from meta
//!   tags and JSON-LD.
//! - **body**: navigation, headers, footers, asides, forms, figures, scripts and
//!   blocks whose class or id says share, related, comments, sidebar, ads,
//!   newsletter… are removed (never an ancestor of the article itself, nor a
//!   block holding most of the page's running text), and so are short date and
//!   byline elements; then the
//!   text of `itemprop=articleBody`, else of the `<article>` with the most text,
//!   else of the element holding the most paragraph text (readability-style
//!   scoring, discounted by link density), one paragraph a line.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use rasid_core::Article;
use scraper::{Html, Node};
use serde_json::Value;

use crate::date;
use crate::error::{ErrorKind, IngestError};
use crate::markup::{self, collapse, inline_text};
use crate::records::Ctx;
use crate::text::add_warnings;

/// Reads one HTML article page.
pub(crate) fn read(ctx: &Ctx, text: &str) -> Result<Article, IngestError> {
    if markup::too_deep(text) {
        let reason = format!("elements nested more than {} deep", markup::MAX_HTML_DEPTH);
        return Err(ctx.error(None, ErrorKind::Malformed(reason)));
    }
    let mut doc = Html::parse_document(text);
    let meta = Meta::collect(&doc);
    remove_boilerplate(&mut doc);
    let root = main_root(&doc);
    let mut paragraphs = markup::paragraphs(root);

    let site = meta.first(&["og:site_name", "application-name"]);
    let url = meta.url();
    let title = meta.title(site.as_deref()).unwrap_or_default();
    // The headline is often repeated at the top of the text; drop the copy unless it is
    // all the page has (a video or photo item), where the description stands in for a body.
    while paragraphs.len() > 1 && paragraphs.first().is_some_and(|p| !title.is_empty() && *p == title) {
        paragraphs.remove(0);
    }
    if paragraphs.len() == 1 && paragraphs.first() == Some(&title) {
        if let Some(description) = meta.first(&["og:description", "description", "twitter:description"]) {
            paragraphs = vec![description];
        }
    }
    let body = paragraphs.join("\n");
    if body.trim().is_empty() {
        return Err(ctx.error(None, ErrorKind::NoText));
    }

    let mut warnings = Vec::new();
    let mut builder = Article::builder(title, body);
    if let Some(published) = meta.published() {
        builder = builder.published(published.timestamp);
        warnings.extend(published.warnings);
    }
    if let Some(source) = site.or_else(|| url.as_deref().and_then(host)) {
        builder = builder.source(source);
    }
    if let Some(url) = url {
        builder = builder.url(url);
    }
    if let Some(author) = meta.author() {
        builder = builder.author(author);
    }
    if let Some(category) = meta.category() {
        builder = builder.category(category);
    }
    Ok(ctx.finish(add_warnings(builder, warnings), None, None))
}

/// The host of an absolute URL, without `www.`.
pub(crate) fn host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// What the markup says about the article, gathered before boilerplate is removed.
#[derive(Debug, Default)]
struct Meta {
    /// `<meta>` tags: (lower-cased property, name or itemprop; content), in document order.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    title_tag: Option<String>,
    /// `<h1>` texts, and whether each is inside an `<article>`.
    h1s: Vec<(String, bool)>,
    json_ld: Vec<Value>,
    /// `<time datetime>` values, marked ones (pubdate, itemprop=datePublished) first.
    times: Vec<String>,
    /// Texts of elements whose class or id mentions a date.
    date_texts: Vec<String>,
    /// `itemprop=author` texts.
    authors: Vec<String>,
}

const MAX_DATE_TEXTS: usize = 20;

impl Meta {
    fn collect(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        let mut marked_times = Vec::new();
        for node in doc.tree.root().descendants() {
            let Node::Element(element) = node.value() else { continue };
            let attr = |name: &str| element.attr(name).map(str::trim).filter(|v| !v.is_empty());
            match element.name() {
                "meta" => {
                    let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
                    if let (Some(key), Some(content)) = (key, attr("content")) {
                        meta.metas.push((key.to_ascii_lowercase(), collapse(content)));
                    }
                }
                "link" => {
                    let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && meta.canonical.is_none() {
                        meta.canonical = attr("href").map(str::to_owned);
                    }
                }
                "title" if meta.title_tag.is_none() => {
                    meta.title_tag = Some(collapse(&node_text(node))).filter(|t| !t.is_empty());
                }
                "h1" => {
                    let text = inline_text(node);
                    if !text.is_empty() {
                        let in_article = node.ancestors().any(|a| element_name(a) == Some("article"));
                        meta.h1s.push((text, in_article));
                    }
                }
                "script" if attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                    if let Ok(value) = serde_json::from_str::<Value>(node_text(node).trim()) {
                        meta.json_ld.push(value);
                    }
                }
                "time" => {
                    if let Some(datetime) = attr("datetime") {
                        let marked = element.attr("pubdate").is_some()
                            || attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                        if marked {
                            marked_times.push(datetime.to_owned());
                        } else {
                            meta.times.push(datetime.to_owned());
                        }
                    }
                }
                _ => {}
            }
            if element.name() != "meta" {
                if let Some(prop) = attr("itemprop") {
                    if prop.eq_ignore_ascii_case("datePublished") {
                        if let Some(value) = attr("content").or_else(|| attr("datetime")) {
                            marked_times.push(value.to_owned());
                        } else {
                            meta.date_texts.insert(0, inline_text(node));
                        }
                    } else if prop.eq_ignore_ascii_case("author") {
                        let text = inline_text(node);
                        if !text.is_empty() && text.chars().count() < 100 {
                            meta.authors.push(text);
                        }
                    }
                }
                if meta.date_texts.len() < MAX_DATE_TEXTS && mentions_date(element) {
                    let text = inline_text(node);
                    if !text.is_empty() && text.chars().count() < 120 {
                        meta.date_texts.push(text);
                    }
                }
            }
        }
        marked_times.append(&mut meta.times);
        meta.times = marked_times;
        meta
    }

    /// The first non-empty meta value under any of `keys`, in `keys` order.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|key| self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    fn url(&self) -> Option<String> {
        let candidates = [self.canonical.clone(), self.first(&["og:url"])];
        let absolute = candidates
            .iter()
            .flatten()
            .find(|u| u.starts_with("http://") || u.starts_with("https://"));
        absolute.or(candidates.iter().flatten().next()).cloned()
    }

    fn title(&self, site: Option<&str>) -> Option<String> {
        if let Some(title) = self.first(&["og:title", "twitter:title"]) {
            return Some(strip_site(&title, site, false));
        }
        let h1 = self
            .h1s
            .iter()
            .find(|(_, in_article)| *in_article)
            .or(self.h1s.first())
            .map(|(t, _)| t.clone());
        if let Some(h1) = h1 {
            return Some(h1);
        }
        self.title_tag.as_deref().map(|t| strip_site(t, site, true))
    }

    fn published(&self) -> Option<date::Published> {
        const KEYS: [&str; 14] = [
            "article:published_time",
            "og:article:published_time",
            "og:published_time",
            "published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
        ];
        let metas = KEYS
            .iter()
            .filter_map(|key| self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        let json_ld = json_ld_strings(&self.json_ld, &["datePublished", "dateCreated"]);
        metas
            .chain(json_ld)
            .chain(self.times.iter().cloned())
            .chain(self.date_texts.iter().cloned())
            .find_map(|candidate| date::parse_published(&candidate))
    }

    fn author(&self) -> Option<String> {
        let meta = ["author", "article:author", "dc.creator", "sailthru.author"]
            .iter()
            .filter_map(|key| self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
            .find(|v| !v.starts_with("http"));
        meta.or_else(|| json_ld_names(&self.json_ld, "author"))
            .or_else(|| self.authors.first().cloned())
    }

    fn category(&self) -> Option<String> {
        self.first(&["article:section"])
            .or_else(|| json_ld_strings(&self.json_ld, &["articleSection"]).next())
    }
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Raw text of a node (for `<title>` and `<script>`, whose content is text).
fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// True when an element's class or id speaks of a date.
fn mentions_date(element: &scraper::node::Element) -> bool {
    let words = [
        element.attr("class").unwrap_or_default(),
        element.id().unwrap_or_default(),
    ]
    .join(" ");
    let words = words.to_ascii_lowercase();
    ["date", "time", "publish", "posted"].iter().any(|w| words.contains(w))
}

/// Cuts a site name off a title: `Headline - Site`, `Headline | Site`, `Site | Headline`.
///
/// The part is cut when it names the site; without a site name (and only when
/// `guess` is set, for `<title>`), a short last part after a long headline is taken
/// to be the site.
fn strip_site(title: &str, site: Option<&str>, guess: bool) -> String {
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " « ", " » "];
    let title = collapse(title);
    let site = site.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    let names_site = |part: &str| {
        let part = part.trim().to_lowercase();
        site.as_deref()
            .is_some_and(|site| part == site || part.contains(site) || site.contains(&part))
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if names_site(tail) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if names_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    if guess && site.is_none() {
        for sep in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                let short_tail = tail.split_whitespace().count() <= 3;
                if short_tail && head.chars().count() >= 2 * tail.chars().count() {
                    return head.trim().to_owned();
                }
            }
        }
    }
    title
}

/// Walks JSON-LD values (iteratively) for the first string under any of `keys`.
fn json_ld_strings<'a>(values: &'a [Value], keys: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    let mut found = Vec::new();
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for key in keys {
                    match map.get(*key) {
                        Some(Value::String(s)) => found.push(s.clone()),
                        Some(Value::Array(items)) => {
                            found.extend(items.iter().filter_map(|i| i.as_str().map(str::to_owned)));
                        }
                        _ => {}
                    }
                }
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
        if found.len() > 8 {
            break;
        }
    }
    found.into_iter()
}

/// The first JSON-LD `key` that is a name: a string, or an object (or list of
/// objects) with a `name`.
fn json_ld_names(values: &[Value], key: &str) -> Option<String> {
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                let names: Vec<String> = match map.get(key) {
                    Some(Value::String(s)) => vec![s.clone()],
                    Some(Value::Object(o)) => o
                        .get("name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .into_iter()
                        .collect(),
                    Some(Value::Array(items)) => items
                        .iter()
                        .filter_map(|i| i.as_str().or_else(|| i.get("name").and_then(Value::as_str)))
                        .map(str::to_owned)
                        .collect(),
                    _ => Vec::new(),
                };
                let names: Vec<String> = names.iter().map(|n| collapse(n)).filter(|n| !n.is_empty()).collect();
                if !names.is_empty() {
                    return Some(names.join(", "));
                }
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// Class and id words that mark page furniture.
const BOILERPLATE_WORDS: [&str; 38] = [
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "sidebar",
    "widget",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "header",
    "masthead",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "subscribe",
    "cookie",
    "popup",
    "modal",
    "tags",
    "popular",
    "trending",
    "recommended",
    "mostread",
    "outbrain",
    "taboola",
    "disqus",
    "print",
];

/// Class and id words that mark metadata shown with the article (date, byline),
/// left out of the body when the element's text is short.
const METADATA_WORDS: [&str; 8] = [
    "date",
    "dateline",
    "byline",
    "timestamp",
    "pubdate",
    "published",
    "author",
    "meta",
];

/// Class and id words that mark the article itself, which are never removed.
const CONTENT_WORDS: [&str; 9] = [
    "article", "body", "content", "main", "story", "post", "entry", "text", "news",
];

fn words(element: &scraper::node::Element) -> Vec<String> {
    let mut out = Vec::new();
    for value in [element.attr("class"), element.id()].into_iter().flatten() {
        for word in value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            out.push(word.to_ascii_lowercase());
        }
    }
    out
}

/// How an element is page furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Furniture {
    /// By tag, role or visibility: always removed (unless it holds the article).
    Sure,
    /// By class or id words: removed unless it also holds most of the page's text.
    Likely,
    /// Date or byline by class or id words: removed when its text is short.
    Metadata,
}

/// Whether an element is page furniture, by its tag, role, visibility, class or id.
fn furniture(element: &scraper::node::Element) -> Option<Furniture> {
    let by_tag = matches!(
        element.name(),
        "nav" | "header" | "footer" | "aside" | "form" | "figure" | "figcaption" | "menu" | "dialog"
    ) || markup::is_hidden_tag(element.name());
    let role = element.attr("role").unwrap_or_default().to_ascii_lowercase();
    let by_role = matches!(
        role.as_str(),
        "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu" | "menubar" | "dialog"
    );
    let style = element
        .attr("style")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .replace(' ', "");
    let hidden = element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || style.contains("display:none")
        || style.contains("visibility:hidden");
    if by_tag || by_role || hidden {
        return Some(Furniture::Sure);
    }
    let words = words(element);
    if words.iter().any(|w| METADATA_WORDS.contains(&w.as_str())) {
        return Some(Furniture::Metadata);
    }
    let likely = words.iter().any(|w| {
        BOILERPLATE_WORDS.contains(&w.as_str())
            || [
                "share",
                "social",
                "related",
                "comment",
                "sidebar",
                "advert",
                "newsletter",
                "breadcrumb",
            ]
            .iter()
            .any(|p| w.starts_with(p))
    });
    (likely && !words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str()))).then_some(Furniture::Likely)
}

/// How much running text an element holds: text runs of 20 characters or more,
/// outside links.
fn text_weight(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t.trim().chars().count())))
        .filter(|(n, len)| *len >= 20 && !n.ancestors().any(|a| element_name(a) == Some("a")))
        .map(|(_, len)| len)
        .sum()
}

/// Elements that hold the article for sure: `itemprop=articleBody` and `<article>`.
fn is_article_marker(element: &scraper::node::Element) -> bool {
    element.name() == "article"
        || element
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
}

/// Detaches page furniture from the tree, sparing the article and its ancestors.
fn remove_boilerplate(doc: &mut Html) {
    let mut protected: HashSet<NodeId> = HashSet::new();
    for node in doc.tree.root().descendants() {
        if node.value().as_element().is_some_and(is_article_marker) {
            protected.insert(node.id());
            protected.extend(node.ancestors().map(|a| a.id()));
        }
    }
    let page_weight = text_weight(doc.tree.root());
    let doomed: Vec<NodeId> = doc
        .tree
        .root()
        .descendants()
        .filter(|node| !protected.contains(&node.id()))
        .filter(|node| match node.value().as_element().and_then(furniture) {
            Some(Furniture::Sure) => true,
            Some(Furniture::Likely) => text_weight(*node) * 2 <= page_weight,
            Some(Furniture::Metadata) => inline_text(*node).chars().count() <= 120,
            None => false,
        })
        .map(|node| node.id())
        .collect();
    for id in doomed {
        if let Some(mut node) = doc.tree.get_mut(id) {
            node.detach();
        }
    }
}

/// Inline elements, looked through when finding the block a text belongs to.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "strong"
            | "i"
            | "em"
            | "u"
            | "span"
            | "font"
            | "small"
            | "big"
            | "sup"
            | "sub"
            | "mark"
            | "abbr"
            | "cite"
            | "q"
            | "code"
            | "time"
            | "s"
            | "ins"
            | "del"
            | "bdi"
            | "bdo"
            | "label"
    )
}

/// Blocks whose container (not themselves) is credited with their text.
fn is_paragraph_like(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre" | "blockquote" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "dd" | "td"
    )
}

/// The element that holds the article text.
fn main_root(doc: &Html) -> NodeRef<'_, Node> {
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| element_name(*n) == Some("body"))
        .unwrap_or_else(|| doc.tree.root());
    let article_body: Vec<_> = body
        .descendants()
        .filter(|n| {
            n.value().as_element().is_some_and(|e| {
                e.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
            })
        })
        .collect();
    if let Some((_, node)) = best_of(article_body) {
        return node;
    }
    let articles: Vec<_> = body
        .descendants()
        .filter(|n| element_name(*n) == Some("article"))
        .collect();
    if let Some((_, node)) = best_of(articles) {
        return node;
    }
    densest(body).unwrap_or(body)
}

/// The candidate with the most text, if any has text.
fn best_of(candidates: Vec<NodeRef<'_, Node>>) -> Option<(usize, NodeRef<'_, Node>)> {
    candidates
        .into_iter()
        .map(|n| (inline_text(n).chars().count(), n))
        .filter(|(len, _)| *len > 0)
        .max_by_key(|(len, _)| *len)
}

/// Readability-style choice: the element credited with the most paragraph text,
/// discounted by the share of that text inside links.
fn densest(body: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for node in body.descendants() {
        let Some(text) = node.value().as_text() else { continue };
        let len = text.trim().chars().count();
        if len < 20 {
            continue;
        }
        let Some(block) = node
            .ancestors()
            .find(|a| element_name(*a).is_some_and(|n| !is_inline(n)))
        else {
            continue;
        };
        let container = if element_name(block).is_some_and(is_paragraph_like) {
            block.parent()
        } else {
            Some(block)
        };
        let Some(container) = container else { continue };
        let len = len as f64;
        *scores.entry(container.id()).or_default() += len;
        if let Some(parent) = container.parent() {
            *scores.entry(parent.id()).or_default() += len / 2.0;
        }
    }
    let tree = body.tree();
    scores
        .into_iter()
        .filter_map(|(id, score)| tree.get(id).map(|node| (score * (1.0 - link_density(node)), node)))
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, node)| node)
}

/// The share of an element's text that is inside links.
fn link_density(node: NodeRef<'_, Node>) -> f64 {
    let (mut all, mut linked) = (0usize, 0usize);
    for text_node in node.descendants() {
        let Some(text) = text_node.value().as_text() else {
            continue;
        };
        let len = text.trim().chars().count();
        all += len;
        if text_node
            .ancestors()
            .take_while(|a| a.id() != node.id())
            .any(|a| element_name(a) == Some("a"))
        {
            linked += len;
        }
    }
    if all == 0 {
        0.0
    } else {
        linked as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;
    use rasid_core::InputFormat;

    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            path: "page.html".into(),
            format: InputFormat::Html,
            encoding: UTF_8,
            decode_warning: None,
            fields: Default::default(),
        }
    }

    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>بدء جولة محادثات سلام جديدة حول سوريا - اليوم السابع</title>
<meta property="og:site_name" content="اليوم السابع">
<meta property="og:title" content="بدء جولة محادثات سلام جديدة حول سوريا فى استانا - اليوم السابع">
<meta property="article:published_time" content="2017-12-21T10:57:00+02:00">
<meta name="author" content="أ ف ب">
<link rel="canonical" href="https://www.youm7.com/story/2017/12/21/3563563">
<script>var x = "<p>not text</p>";</script>
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav></header>
<div class="page has-sidebar">
<div class="share-buttons"><a href="#">شارك على فيسبوك</a></div>
<div class="article-content">
<h1>بدء جولة محادثات سلام جديدة حول سوريا فى استانا</h1>
<p>بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس فى استانا.</p>
<p>وهذه المحادثات التى تتولى رعايتها روسيا وايران &amp; تركيا، ستجرى فى جلسة مغلقة.</p>
<figure><img src="x.jpg"><figcaption>صورة أرشيفية</figcaption></figure>
<p>وقال متحدث   باسم وزارة خارجية كازاخستان<br>إن الوفود وصلت.</p>
</div>
<aside class="related"><h3>أخبار ذات صلة</h3><ul><li><a href="/1">خبر آخر طويل بما يكفي ليبدو فقرة من الفقرات</a></li></ul></aside>
<div id="comments"><p>تعليق من قارئ يقول كلاما كثيرا عن المقال وعن غيره</p></div>
</div>
<footer><p>جميع الحقوق محفوظة لليوم السابع ٢٠١٧ وما بعدها من السنوات</p></footer>
</body></html>"##;

    #[test]
    fn page_with_boilerplate() {
        let article = read(&ctx(), PAGE);
        assert!(article.is_ok(), "{article:?}");
        let Ok(a) = article else { return };
        assert_eq!(a.title, "بدء جولة محادثات سلام جديدة حول سوريا فى استانا");
        assert_eq!(
            a.body,
            "بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس فى استانا.\n\
             وهذه المحادثات التى تتولى رعايتها روسيا وايران & تركيا، ستجرى فى جلسة مغلقة.\n\
             وقال متحدث باسم وزارة خارجية كازاخستان\n\
             إن الوفود وصلت."
        );
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2017-12-21T10:57:00+02:00")
        );
        assert_eq!(a.source.as_deref(), Some("اليوم السابع"));
        assert_eq!(a.url.as_deref(), Some("https://www.youm7.com/story/2017/12/21/3563563"));
        assert_eq!(a.author.as_deref(), Some("أ ف ب"));
    }

    #[test]
    fn json_ld_and_title_tag() {
        let page = r#"<html><head><title>عنوان الخبر | موقع</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2018-02-23T10:37:34Z","author":{"@type":"Person","name":"مراسل"},"articleSection":"سياسة"}]}</script>
</head><body><div><div><p>فقرة أولى طويلة بما يكفي لتكون نص المقال الرئيسي.</p><p>فقرة ثانية طويلة بما يكفي أيضا لتحسب.</p></div>
<div class="links"><a href="/a">رابط طويل جدا جدا جدا جدا جدا جدا</a></div></div>
<link rel="canonical" href="http://example.com/a/b"></body></html>"#;
        let a = read(&ctx(), page).unwrap();
        assert_eq!(a.title, "عنوان الخبر");
        assert_eq!(
            a.body,
            "فقرة أولى طويلة بما يكفي لتكون نص المقال الرئيسي.\nفقرة ثانية طويلة بما يكفي أيضا لتحسب."
        );
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(a.author.as_deref(), Some("مراسل"));
        assert_eq!(a.category.as_deref(), Some("سياسة"));
        assert_eq!(a.source.as_deref(), Some("example.com"));
    }

    #[test]
    fn time_elements_and_article_tag() {
        let page = r#"<body><article><h1>عنوان</h1><time datetime="2017-12-21T10:57">الخميس</time><p>النص.</p></article>
<article class="teaser"><p>x</p></article></body>"#;
        let a = read(&ctx(), page).unwrap();
        assert_eq!(a.title, "عنوان");
        assert_eq!(a.body, "الخميس\nالنص.");
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2017-12-21T10:57:00")
        );
    }

    #[test]
    fn no_text_is_an_error() {
        let err = read(
            &ctx(),
            "<html><head><title>t</title></head><body><nav>x</nav></body></html>",
        )
        .err();
        assert!(matches!(err.map(|e| e.kind), Some(ErrorKind::NoText)));
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(strip_site("عنوان - اليوم السابع", Some("اليوم السابع"), false), "عنوان");
        assert_eq!(
            strip_site("BBC News عربي | عنوان طويل", Some("BBC News عربي"), false),
            "عنوان طويل"
        );
        assert_eq!(
            strip_site("سوريا - تركيا: محادثات", None, false),
            "سوريا - تركيا: محادثات"
        );
        assert_eq!(
            strip_site("محادثات سلام جديدة حول سوريا | الموقع", None, true),
            "محادثات سلام جديدة حول سوريا"
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(host("https://www.youm7.com/story/1").as_deref(), Some("youm7.com"));
        assert_eq!(
            host("http://user@news.example.org:8080?x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host("/relative"), None);
    }

    #[test]
    fn page_that_is_only_its_headline_keeps_a_body() {
        let page = r#"<html><head><meta property="og:title" content="فيديو: عاصفة في القاهرة">
<meta property="og:description" content="لقطات من العاصفة التي ضربت القاهرة أمس."></head>
<body><article><h1>فيديو: عاصفة في القاهرة</h1></article></body></html>"#;
        let article = read(&ctx(), page).unwrap();
        assert_eq!(article.title, "فيديو: عاصفة في القاهرة");
        assert_eq!(article.body, "لقطات من العاصفة التي ضربت القاهرة أمس.");

        let bare = r#"<html><body><article><h1>فيديو: عاصفة في القاهرة</h1></article></body></html>"#;
        let article = read(&ctx(), bare).unwrap();
        assert_eq!(article.body, "فيديو: عاصفة في القاهرة");
    }
}
