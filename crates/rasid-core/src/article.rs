use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// A stable article id: the first 16 hex digits of a BLAKE3 hash of the article's
/// source, url, title and body (each trimmed).
///
/// Reading the same article twice, from any file or format, gives the same id,
/// which is what makes re-ingesting idempotent.
///
/// ```
/// use rasid_core::ArticleId;
/// let a = ArticleId::from_content(Some("youm7"), None, "عنوان", "نص");
/// let b = ArticleId::from_content(Some("youm7"), None, " عنوان ", "نص\n");
/// assert_eq!(a, b);
/// assert_ne!(a, ArticleId::from_content(Some("ahram"), None, "عنوان", "نص"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// The id of an article with these fields.
    pub fn from_content(source: Option<&str>, url: Option<&str>, title: &str, body: &str) -> Self {
        let mut hasher = blake3::Hasher::new();
        for part in [source.unwrap_or(""), url.unwrap_or(""), title, body] {
            let part = part.trim();
            // Length-prefix every part so that ("ab", "c") and ("a", "bc") differ.
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        let hex = hasher.finalize().to_hex();
        ArticleId(hex.as_str().chars().take(16).collect())
    }

    /// Wraps an id that was produced earlier (read back from an index, say).
    pub fn from_raw(id: impl Into<String>) -> Self {
        ArticleId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The input forms rasid reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: headline line, optional dateline line, body paragraphs.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// An HTML article page.
    Html,
    /// An RSS 2.0 or Atom feed, one article per item.
    Rss,
    /// TREC-style `<DOC>` records.
    Trec,
}

impl InputFormat {
    /// Every input form, in the order their names are listed.
    pub const ALL: [InputFormat; 5] = [
        InputFormat::Text,
        InputFormat::Jsonl,
        InputFormat::Html,
        InputFormat::Rss,
        InputFormat::Trec,
    ];

    /// The name `auto` stands for no format: decide by file name, then by content.
    pub const AUTO: &'static str = "auto";

    /// The lowercase name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Html => "html",
            InputFormat::Rss => "rss",
            InputFormat::Trec => "trec",
        }
    }

    /// A format name, or `auto` for `None` (decide by name, then content): what
    /// `--format` and the server's `?format=` take.
    ///
    /// ```
    /// use rasid_core::InputFormat;
    /// assert_eq!(InputFormat::parse_or_auto("jsonl").unwrap(), Some(InputFormat::Jsonl));
    /// assert_eq!(InputFormat::parse_or_auto("auto").unwrap(), None);
    /// let error = InputFormat::parse_or_auto("csv").unwrap_err().to_string();
    /// assert!(error.contains("auto, text, jsonl, html, rss, trec"), "{error}");
    /// ```
    ///
    /// # Errors
    /// [`UnknownFormat`], listing the names (`auto` included).
    pub fn parse_or_auto(name: &str) -> Result<Option<InputFormat>, UnknownFormat> {
        if name.trim().eq_ignore_ascii_case(Self::AUTO) {
            return Ok(None);
        }
        name.parse()
            .map(Some)
            .map_err(|e: UnknownFormat| UnknownFormat { auto: true, ..e })
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for InputFormat {
    type Err = UnknownFormat;

    /// Parses `text`, `jsonl`, `html`, `rss` or `trec` (ASCII case ignored).
    ///
    /// ```
    /// use rasid_core::InputFormat;
    /// assert_eq!("RSS".parse::<InputFormat>().unwrap(), InputFormat::Rss);
    /// for format in InputFormat::ALL {
    ///     assert_eq!(format.to_string().parse::<InputFormat>().unwrap(), format);
    /// }
    /// assert_eq!(
    ///     "pdf".parse::<InputFormat>().unwrap_err().to_string(),
    ///     "unknown input format \"pdf\" (expected text, jsonl, html, rss, trec)"
    /// );
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let name = name.trim();
        InputFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownFormat {
                name: name.to_owned(),
                auto: false,
            })
    }
}

/// A name that is not an input format; the message lists the valid names.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format {name:?} (expected {}{})", if *.auto { "auto, " } else { "" }, format_names())]
pub struct UnknownFormat {
    name: String,
    /// Whether `auto` was also accepted (and so is listed).
    auto: bool,
}

/// `text, jsonl, html, rss, trec`.
fn format_names() -> String {
    InputFormat::ALL.map(InputFormat::name).join(", ")
}

/// Where an article was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Origin {
    /// The file it came from (`-` for standard input), as given.
    pub path: String,
    /// 1-based line of the record, for line-oriented formats (JSONL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based position of the record in a multi-record file (feed items, TREC docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The reader that produced it.
    pub format: Option<InputFormat>,
    /// The character encoding the bytes were decoded from (WHATWG name).
    pub encoding: Option<String>,
}

/// One news article as read from any input form.
///
/// Title and body are the text as the source gave it, not normalised: every span
/// in an analysis points into these strings. Paragraphs in `body` are separated
/// by `\n`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    /// Stable content id, see [`ArticleId`].
    pub id: ArticleId,
    /// The id the input itself gave the record (JSONL `id`, TREC `DOCNO`), if any.
    pub external_id: Option<String>,
    /// The outlet (`youm7`, `bbc-arabic`, a feed's title, a web site's host).
    pub source: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The headline (empty when the input has none).
    pub title: String,
    /// When it was published, from metadata or from the dateline.
    pub published: Option<Timestamp>,
    /// The dateline line exactly as written, for plain-text articles that have one.
    pub dateline: Option<String>,
    /// The outlet's section or category.
    pub category: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The article text; paragraphs separated by `\n`.
    pub body: String,
    /// Where it was read from.
    pub origin: Origin,
    /// Problems found while reading that did not stop it being read (a weekday
    /// that contradicts the dateline's date, replaced invalid bytes, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Article {
    /// Starts an article with a title and a body; the id is computed on `build`.
    pub fn builder(title: impl Into<String>, body: impl Into<String>) -> ArticleBuilder {
        ArticleBuilder {
            article: Article {
                id: ArticleId(String::new()),
                external_id: None,
                source: None,
                url: None,
                title: title.into(),
                published: None,
                dateline: None,
                category: None,
                author: None,
                body: body.into(),
                origin: Origin::default(),
                warnings: Vec::new(),
            },
        }
    }
}

/// Builds an [`Article`], computing its content id at the end.
#[derive(Debug)]
pub struct ArticleBuilder {
    article: Article,
}

macro_rules! setter {
    ($(#[$doc:meta] $name:ident: $ty:ty),* $(,)?) => {$(
        #[$doc]
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.article.$name = Some(value.into());
            self
        }
    )*};
}

impl ArticleBuilder {
    setter! {
        /// Sets the outlet.
        source: String,
        /// Sets the URL.
        url: String,
        /// Sets the id the input gave the record.
        external_id: String,
        /// Sets the dateline as written.
        dateline: String,
        /// Sets the category.
        category: String,
        /// Sets the byline.
        author: String,
        /// Sets the publication time.
        published: Timestamp,
    }

    /// Sets where the article was read from.
    pub fn origin(mut self, origin: Origin) -> Self {
        self.article.origin = origin;
        self
    }

    /// Adds a reading warning.
    pub fn warning(mut self, warning: impl Into<String>) -> Self {
        self.article.warnings.push(warning.into());
        self
    }

    /// Finishes the article and computes its id.
    pub fn build(mut self) -> Article {
        let a = &self.article;
        self.article.id = ArticleId::from_content(a.source.as_deref(), a.url.as_deref(), &a.title, &a.body);
        self.article
    }
}
