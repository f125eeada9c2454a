//! The plain-text article layout: a headline line, an optional dateline line,
//! then the body.
//!
//! ```text
//! بدء جولة محادثات سلام جديدة حول سوريا فى استانا      ← headline
//! الخميس، 21 ديسمبر 2017 10:57 ص                       ← dateline (when parse_dateline accepts it)
//! بدأت جولة محادثات سلام جديدة ...                     ← body, one paragraph a line
//! ```
//!
//! Line endings are normalised first (CRLF and lone CR become LF), so the body
//! is the rest of the normalised text exactly, trimmed at both ends: spans into
//! it are spans into what the user sees.

use std::borrow::Cow;

use rasid_core::{Article, ArticleBuilder};

use crate::error::{ErrorKind, IngestError};
use crate::records::Ctx;

/// A first line longer than this is probably a paragraph, not a headline.
const LONG_HEADLINE_CHARS: usize = 300;

/// CRLF and lone CR to LF.
pub(crate) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The next non-blank line at or after byte `from`: its start, its end (before
/// the `\n`) and its trimmed text.
fn next_line(text: &str, mut from: usize) -> Option<(usize, usize, &str)> {
    while from < text.len() {
        let rest = text.get(from..)?;
        let end = rest.find('\n').map_or(text.len(), |i| from + i);
        let line = text.get(from..end)?;
        if !line.trim().is_empty() {
            return Some((from, end, line.trim()));
        }
        from = end + 1;
    }
    None
}

/// Reads one article in the plain-text layout.
pub(crate) fn read(ctx: &Ctx, text: &str) -> Result<Article, IngestError> {
    let text = normalize_newlines(text.trim_start_matches('\u{FEFF}'));
    let text = text.as_ref();
    let Some((_, title_end, title)) = next_line(text, 0) else {
        return Err(ctx.error(None, ErrorKind::Empty));
    };
    let mut warnings = Vec::new();
    let mut published = None;
    let mut dateline = None;
    let mut body_from = title_end + 1;
    if let Some((_, end, line)) = next_line(text, body_from) {
        if let Some(parsed) = rasid_calendar::parse_dateline(line) {
            published = Some(parsed.timestamp);
            dateline = Some(line.to_owned());
            warnings.extend(parsed.warnings);
            body_from = end + 1;
        }
    }
    let body = text.get(body_from.min(text.len())..).unwrap_or_default().trim();
    let (title, body) = if body.is_empty() {
        if dateline.is_some() {
            return Err(ctx.error(None, ErrorKind::NoText));
        }
        warnings.push("only one line: read as the body, with no title".to_owned());
        ("", title)
    } else {
        (title, body)
    };
    if title.chars().count() > LONG_HEADLINE_CHARS {
        warnings.push(format!(
            "the first line, read as the headline, is over {LONG_HEADLINE_CHARS} characters long; \
             is the title line missing?"
        ));
    }
    let mut builder = Article::builder(title, body);
    if let Some(published) = published {
        builder = builder.published(published);
    }
    if let Some(dateline) = dateline {
        builder = builder.dateline(dateline);
    }
    Ok(ctx.finish(add_warnings(builder, warnings), None, None))
}

/// Adds reader warnings to a builder.
pub(crate) fn add_warnings(builder: ArticleBuilder, warnings: Vec<String>) -> ArticleBuilder {
    warnings.into_iter().fold(builder, ArticleBuilder::warning)
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;
    use rasid_core::InputFormat;

    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            path: "a.txt".into(),
            format: InputFormat::Text,
            encoding: UTF_8,
            decode_warning: None,
            fields: Default::default(),
        }
    }

    const ASTANA: &str = include_str!("../tests/data/astana-2017-12-21.txt");

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn headline_then_body_without_a_dateline() {
        let article = read(&ctx(), "\n\n  عنوان  \r\nفقرة أولى\r\n\r\nفقرة ثانية\r\n").ok();
        let article = article.as_ref();
        assert_eq!(article.map(|a| a.title.as_str()), Some("عنوان"));
        assert_eq!(article.map(|a| a.body.as_str()), Some("فقرة أولى\n\nفقرة ثانية"));
        assert_eq!(article.and_then(|a| a.published), None);
    }

    #[test]
    fn a_single_line_is_a_body_without_title() {
        let article = read(&ctx(), "سطر واحد فقط\n").ok();
        assert_eq!(
            article.as_ref().map(|a| (a.title.as_str(), a.body.as_str())),
            Some(("", "سطر واحد فقط"))
        );
        assert_eq!(article.map(|a| a.warnings.len()), Some(1));
    }

    #[test]
    fn blank_text_is_empty() {
        assert!(matches!(
            read(&ctx(), " \n\t\n").map_err(|e| e.kind),
            Err(ErrorKind::Empty)
        ));
    }

    /// Relies on `rasid_calendar::parse_dateline` accepting the canonical dateline.
    #[test]
    fn dateline_canonical_article_has_dateline_and_12_paragraphs() {
        let article = read(&ctx(), ASTANA).ok();
        let article = article.as_ref();
        assert_eq!(
            article.map(|a| a.title.as_str()),
            Some("بدء جولة محادثات سلام جديدة حول سوريا فى استانا")
        );
        assert_eq!(
            article.and_then(|a| a.dateline.as_deref()),
            Some("الخميس، 21 ديسمبر 2017 10:57 ص")
        );
        assert_eq!(
            article.and_then(|a| a.published).map(|t| t.to_string()).as_deref(),
            Some("2017-12-21T10:57:00")
        );
        assert_eq!(article.map(|a| a.body.split('\n').count()), Some(12));
    }
}
