//! JSON Lines: one article object per line, streamed; and JSON arrays of such objects.
//!
//! Fields are looked up by [`FieldNames`]; other fields are skipped without being
//! built. `body` is required (a record without it is an error for that line
//! only); with the default field names a record may give its text as `text` or
//! `content` instead (SaudiNewsNet's raw files say `content`). `published` may be
//! ISO 8601, RFC 2822, an Arabic dateline, or a number of Unix seconds or
//! milliseconds; a value that reads as none of those is left out with a warning.
//!
//! An input whose first character is `[` is one JSON array of such objects, and
//! a small input (under 64 KiB) whose first line is not JSON by itself but whose
//! whole text is (a pretty-printed object) is read as one document; both are
//! read whole, with `origin.record` numbering the objects.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;

use rasid_core::{Article, ArticleBuilder, InputFormat};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::date;
use crate::decode::{self, Detected};
use crate::error::{ErrorKind, IngestError, Location};
use crate::lines::{Line, LineReader};
use crate::records::Ctx;
use crate::source;
use crate::text::add_warnings;
use crate::FieldNames;

/// The article fields a record is read into, in slot order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Id,
    Title,
    Published,
    Body,
    Source,
    Url,
    Category,
    Author,
    /// `text`, a body alias under the default field names.
    Text,
    /// `content`, a body alias under the default field names.
    Content,
}

const SLOTS: usize = 10;

/// Which JSON key fills which slot.
#[derive(Clone, Debug)]
pub(crate) struct Schema {
    keys: Vec<(String, Slot)>,
    body_name: String,
}

impl Schema {
    pub(crate) fn new(fields: &FieldNames) -> Self {
        let mut keys = vec![
            (fields.id.clone(), Slot::Id),
            (fields.title.clone(), Slot::Title),
            (fields.published.clone(), Slot::Published),
            (fields.body.clone(), Slot::Body),
            (fields.source.clone(), Slot::Source),
            (fields.url.clone(), Slot::Url),
            (fields.category.clone(), Slot::Category),
            (fields.author.clone(), Slot::Author),
        ];
        if *fields == FieldNames::default() {
            keys.push(("text".to_owned(), Slot::Text));
            keys.push(("content".to_owned(), Slot::Content));
        }
        Schema {
            keys,
            body_name: fields.body.clone(),
        }
    }

    fn slots_for<'s>(&'s self, key: &'s str) -> impl Iterator<Item = Slot> + 's {
        self.keys
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, slot)| *slot)
    }
}

/// The values found for each slot.
#[derive(Debug, Default)]
struct Record {
    values: [Option<Value>; SLOTS],
}

impl Record {
    fn set(&mut self, slot: Slot, value: Value) {
        if let Some(place) = self.values.get_mut(slot as usize) {
            *place = Some(value);
        }
    }

    fn take(&mut self, slot: Slot) -> Option<Value> {
        self.values.get_mut(slot as usize).and_then(Option::take)
    }

    fn fill_from(&mut self, schema: &Schema, map: serde_json::Map<String, Value>) {
        for (key, value) in map {
            let slots: Vec<Slot> = schema.slots_for(&key).collect();
            if let Some((last, rest)) = slots.split_last() {
                for slot in rest {
                    self.set(*slot, value.clone());
                }
                self.set(*last, value);
            }
        }
    }
}

/// Deserialises only the wanted fields of an object, skipping the rest unbuilt.
struct RecordSeed<'a>(&'a Schema);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let mut slots = self.0.slots_for(&key);
            match (slots.next(), slots.next()) {
                (None, _) => {
                    map.next_value::<IgnoredAny>()?;
                }
                (Some(slot), None) => record.set(slot, map.next_value()?),
                (Some(first), Some(second)) => {
                    let value: Value = map.next_value()?;
                    record.set(first, value.clone());
                    record.set(second, value.clone());
                    for slot in slots {
                        record.set(slot, value.clone());
                    }
                }
            }
        }
        Ok(record)
    }
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A scalar (or a list of scalars) as text; `None` for null, empty and objects.
fn as_text(value: Value) -> Option<String> {
    let text = match value {
        Value::String(s) => {
            let trimmed = s.trim();
            if trimmed.len() == s.len() {
                s
            } else {
                trimmed.to_owned()
            }
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.into_iter().filter_map(as_text).collect::<Vec<_>>().join(", "),
        Value::Null | Value::Object(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// serde_json's message without its " at line 1 column 5" suffix.
fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rsplit_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => message,
    }
}

/// Makes an article from a record's fields.
fn build(
    ctx: &Ctx,
    schema: &Schema,
    mut record: Record,
    location: Location,
    mut warnings: Vec<String>,
) -> Result<Article, IngestError> {
    let body = [Slot::Body, Slot::Text, Slot::Content]
        .into_iter()
        .find_map(|slot| record.take(slot).and_then(as_text));
    let Some(body) = body else {
        return Err(ctx.error(Some(location), ErrorKind::MissingField(schema.body_name.clone())));
    };
    let title = record.take(Slot::Title).and_then(as_text).unwrap_or_default();
    let mut builder = Article::builder(title, body);
    type Setter = fn(ArticleBuilder, String) -> ArticleBuilder;
    let setters: [(Slot, Setter); 5] = [
        (Slot::Id, |b, v| b.external_id(v)),
        (Slot::Source, |b, v| b.source(v)),
        (Slot::Url, |b, v| b.url(v)),
        (Slot::Category, |b, v| b.category(v)),
        (Slot::Author, |b, v| b.author(v)),
    ];
    for (slot, set) in setters {
        if let Some(text) = record.take(slot).and_then(as_text) {
            builder = set(builder, text);
        }
    }
    match record.take(Slot::Published) {
        Some(Value::Number(n)) => match n.as_f64().and_then(date::from_unix) {
            Some(timestamp) => builder = builder.published(timestamp),
            None => warnings.push(format!("published: {n} is not a time")),
        },
        Some(value) => {
            if let Some(text) = as_text(value) {
                match date::parse_published(&text) {
                    Some(published) => {
                        builder = builder.published(published.timestamp);
                        warnings.extend(published.warnings);
                    }
                    None => warnings.push(format!("published: cannot read {text:?} as a date; left out")),
                }
            }
        }
        None => {}
    }
    let (line, index) = match location {
        Location::Line(n) => (Some(n), None),
        Location::Record(n) => (None, Some(n)),
        Location::Byte(_) => (None, None),
    };
    Ok(ctx.finish(add_warnings(builder, warnings), line, index))
}

/// Reads one JSON line.
fn read_line(
    ctx: &Ctx,
    schema: &Schema,
    number: u64,
    text: &str,
    warning: Option<String>,
) -> Result<Article, IngestError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let record = RecordSeed(schema)
        .deserialize(&mut de)
        .and_then(|record| de.end().map(|()| record));
    match record {
        Ok(record) => build(
            ctx,
            schema,
            record,
            Location::Line(number),
            warning.into_iter().collect(),
        ),
        Err(err) => Err(ctx.error(
            Some(Location::Line(number)),
            ErrorKind::BadJson {
                column: err.column() as u64,
                message: json_message(&err),
            },
        )),
    }
}

/// Streams JSON Lines, one article or error per non-blank line.
pub(crate) struct JsonlStream {
    lines: LineReader,
    ctx: Ctx,
    schema: Schema,
    limit: usize,
    seen: bool,
    done: bool,
}

impl JsonlStream {
    pub(crate) fn new(
        reader: Box<dyn Read + Send>,
        path: String,
        detected: Detected,
        fields: FieldNames,
        limit: usize,
    ) -> Self {
        let mut reader = reader;
        // Skip the byte-order mark the detector found.
        let mut bom = [0u8; 4];
        let bom_len = detected.bom_len.min(bom.len());
        let skipped = bom
            .get_mut(..bom_len)
            .map(|b| reader.read_exact(b).is_ok())
            .unwrap_or(false);
        let bom_len = if skipped { bom_len } else { 0 };
        let schema = Schema::new(&fields);
        let ctx = Ctx {
            path,
            format: InputFormat::Jsonl,
            encoding: detected.encoding,
            decode_warning: None,
            fields,
        };
        JsonlStream {
            lines: LineReader::new(reader, detected.encoding, bom_len as u64, limit),
            ctx,
            schema,
            limit,
            seen: false,
            done: false,
        }
    }
}

impl Iterator for JsonlStream {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let Some(line) = self.lines.next_line() else {
                self.done = true;
                return (!self.seen).then(|| Err(self.ctx.error(None, ErrorKind::Empty)));
            };
            let item = match line {
                Err((offset, err)) => {
                    self.done = true;
                    Err(source::read_error(&self.ctx.path, offset, err))
                }
                Ok(Line::TooLong { number, len }) => Err(self.ctx.error(
                    Some(Location::Line(number)),
                    ErrorKind::TooLarge {
                        size: Some(len),
                        limit: self.limit as u64,
                    },
                )),
                Ok(Line::Text {
                    number,
                    mut text,
                    mut warning,
                }) => {
                    let nuls = decode::drop_nuls(&mut text);
                    if text.trim().is_empty() {
                        continue;
                    }
                    if nuls > 0 {
                        let note = decode::nul_warning(nuls, None);
                        warning = Some(warning.map_or(note.clone(), |w| format!("{w}; {note}")));
                    }
                    read_line(&self.ctx, &self.schema, number, &text, warning)
                }
            };
            self.seen = true;
            return Some(item);
        }
    }
}

/// True when a small JSON input is one document spread over several lines (a
/// pretty-printed object or array) rather than JSON Lines: its first line is not
/// JSON by itself, but the whole text is.
pub(crate) fn is_one_document(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    serde_json::from_str::<IgnoredAny>(first).is_err() && serde_json::from_str::<IgnoredAny>(text.trim()).is_ok()
}

/// Reads a whole JSON document: an array of article objects, or one object.
pub(crate) fn read_document(ctx: &Ctx, text: &str) -> Vec<Result<Article, IngestError>> {
    let schema = Schema::new(&ctx.fields);
    let items: Vec<Value> = match serde_json::from_str(text) {
        Ok(Value::Array(items)) => items,
        Ok(object @ Value::Object(_)) => vec![object],
        Ok(_) => {
            return vec![Err(ctx.error(
                None,
                ErrorKind::Malformed("JSON that is neither an object nor an array".into()),
            ))]
        }
        Err(err) => {
            let kind = ErrorKind::BadJson {
                column: err.column() as u64,
                message: json_message(&err),
            };
            return vec![Err(ctx.error(Some(Location::Line(err.line() as u64)), kind))];
        }
    };
    items
        .into_iter()
        .zip(1u64..)
        .map(|(item, index)| match item {
            Value::Object(map) => {
                let mut record = Record::default();
                record.fill_from(&schema, map);
                let warnings = ctx.decode_warning.iter().cloned().collect();
                build(
                    &Ctx {
                        decode_warning: None,
                        ..ctx.clone()
                    },
                    &schema,
                    record,
                    Location::Record(index),
                    warnings,
                )
            }
            _ => Err(ctx.error(
                Some(Location::Record(index)),
                ErrorKind::Malformed("not a JSON object".into()),
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;

    use super::*;

    fn ctx(fields: FieldNames) -> Ctx {
        Ctx {
            path: "a.jsonl".into(),
            format: InputFormat::Jsonl,
            encoding: UTF_8,
            decode_warning: None,
            fields,
        }
    }

    fn one(line: &str) -> Result<Article, IngestError> {
        let ctx = ctx(FieldNames::default());
        read_line(&ctx, &Schema::new(&ctx.fields), 7, line, None)
    }

    #[test]
    fn fields_are_read_and_extra_fields_ignored() {
        let article = one(
            r#"{"id":"antms:1","corpus":"x","source":"bbc-arabic","url":"http://u","title":" عنوان ","published":"Fri, 23 Feb 2018 10:37:34 GMT","category":"sport","body":"نص\nثان","author":null,"abstract":{"deep":[1,2]}}"#,
        );
        let Ok(a) = one_ok(article) else { return };
        assert_eq!(a.external_id.as_deref(), Some("antms:1"));
        assert_eq!(a.title, "عنوان");
        assert_eq!(a.body, "نص\nثان");
        assert_eq!(a.author, None);
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(a.origin.line, Some(7));
    }

    fn one_ok(result: Result<Article, IngestError>) -> Result<Article, ()> {
        assert!(result.is_ok(), "{result:?}");
        result.map_err(|_| ())
    }

    #[test]
    fn body_is_required() {
        let err = one(r#"{"title":"t","body":"  "}"#).map_err(|e| e.to_string());
        assert_eq!(err.err().as_deref(), Some(r#"a.jsonl:line 7: no "body" field"#));
    }

    #[test]
    fn body_aliases_under_default_names() {
        let Ok(a) = one_ok(one(r#"{"title":"t","content":"نص"}"#)) else {
            return;
        };
        assert_eq!(a.body, "نص");
    }

    #[test]
    fn custom_names_turn_aliases_off() {
        let fields = FieldNames {
            body: "content".into(),
            title: "headline".into(),
            ..FieldNames::default()
        };
        let ctx = ctx(fields);
        let schema = Schema::new(&ctx.fields);
        let a = read_line(&ctx, &schema, 1, r#"{"headline":"h","content":"c","title":"no"}"#, None);
        let Ok(a) = one_ok(a) else { return };
        assert_eq!((a.title.as_str(), a.body.as_str()), ("h", "c"));
        let err = read_line(&ctx, &schema, 2, r#"{"headline":"h","text":"c"}"#, None).err();
        assert!(matches!(err.map(|e| e.kind), Some(ErrorKind::MissingField(name)) if name == "content"));
    }

    #[test]
    fn bad_json_names_the_column() {
        let err = one(r#"{"title": "t", "body": }"#).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("a.jsonl:line 7: not valid JSON (column 24): expected value")
        );
        let err = one("[1,2]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("expected a JSON object"), "{err}");
        let err = one(r#"{"body":"x"} trailing"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("trailing characters"), "{err}");
    }

    #[test]
    fn odd_values() {
        let Ok(a) = one_ok(one(r#"{"id":42,"author":["a","b"],"published":1519382254,"body":"x"}"#)) else {
            return;
        };
        assert_eq!(a.external_id.as_deref(), Some("42"));
        assert_eq!(a.author.as_deref(), Some("a, b"));
        assert!(a.published.is_some());
        let Ok(a) = one_ok(one(r#"{"published":"soon","body":"x"}"#)) else {
            return;
        };
        assert_eq!(a.published, None);
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn escaped_keys_are_matched() {
        let Ok(a) = one_ok(one(r#"{"b\u006fdy":"x"}"#)) else {
            return;
        };
        assert_eq!(a.body, "x");
    }

    #[test]
    fn arrays() {
        let items = read_document(
            &ctx(FieldNames::default()),
            r#"[{"title":"a","body":"b"}, 3, {"title":"c"}]"#,
        );
        assert_eq!(items.len(), 3);
        assert_eq!(
            items
                .first()
                .and_then(|r| r.as_ref().ok())
                .and_then(|a| a.origin.record),
            Some(1)
        );
        assert!(items.get(1).is_some_and(|r| r.is_err()));
        let err = items.get(2).and_then(|r| r.as_ref().err()).map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(r#"a.jsonl:record 3: no "body" field"#));
    }

    #[test]
    fn pretty_printed_documents() {
        let pretty = "{\n  \"title\": \"t\",\n  \"body\": \"b\"\n}\n";
        assert!(is_one_document(pretty));
        assert!(!is_one_document("{\"body\": 1}\n{\"body\": 2}\n"));
        assert!(!is_one_document("{\"body\": 1}\n{broken\n"));
        let items = read_document(&ctx(FieldNames::default()), pretty);
        assert_eq!(
            items.first().and_then(|r| r.as_ref().ok()).map(|a| a.body.as_str()),
            Some("b")
        );
    }
}
