//! CoNLL files (`token<TAB>tag`, a blank line between sentences) and
//! conlleval-style chunking.

use std::path::Path;

pub use crate::model::chunks;
use crate::{NerError, Tag};

/// One sentence of a CoNLL file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Their tags.
    pub tags: Vec<Tag>,
}

/// Parses CoNLL text. A line is `token<TAB>tag` (or `token tag`, the last
/// space-separated field being the tag); blank lines end sentences.
///
/// # Errors
/// [`NerError::Conll`] naming the line of a malformed line or an unknown tag.
pub fn parse(text: &str) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (token, tag) = line
            .rsplit_once('\t')
            .or_else(|| line.rsplit_once(' '))
            .ok_or_else(|| NerError::Conll {
                line: n + 1,
                reason: "expected token<TAB>tag".into(),
            })?;
        let tag = Tag::parse(tag).ok_or_else(|| NerError::Conll {
            line: n + 1,
            reason: format!("unknown tag {tag:?}"),
        })?;
        cur.tokens.push(token.to_string());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CoNLL file.
///
/// # Errors
/// [`NerError::Io`] when it cannot be read, [`NerError::Conll`] when it is malformed.
pub fn read(path: &Path) -> Result<Vec<Sentence>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse(&text).map_err(|e| match e {
        NerError::Conll { line, reason } => NerError::Conll {
            line,
            reason: format!("{}: {reason}", path.display()),
        },
        e => e,
    })
}

/// The tags with every chunk made well-formed (`I-X` that starts a chunk → `B-X`).
pub fn repair(tags: &[Tag]) -> Vec<Tag> {
    let mut out = vec![Tag::O; tags.len()];
    for (s, e, k) in chunks(tags) {
        for (i, t) in out.iter_mut().enumerate().take(e).skip(s) {
            *t = if i == s { Tag::B(k) } else { Tag::I(k) };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::EntityKind;

    #[test]
    fn parses_and_reports_lines() {
        let s = parse("ا\tB-PERS\nب\tI-PERS\n\nج\tO\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags[1], Tag::I(EntityKind::Per));
        match parse("ا\tB-XX\n") {
            Err(NerError::Conll { line, .. }) => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn repairs_stray_inside_tags() {
        let t = repair(&[Tag::O, Tag::I(EntityKind::Loc), Tag::I(EntityKind::Loc)]);
        assert_eq!(t, vec![Tag::O, Tag::B(EntityKind::Loc), Tag::I(EntityKind::Loc)]);
    }
}
