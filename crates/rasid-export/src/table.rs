//! Tables as data: a [`TableDef`] names its columns (type, nullability,
//! meaning), [`Rows`] holds the rows of one partition, and the same rows
//! become an Arrow record batch (for Parquet) or JSON objects (for JSON Lines),
//! so both formats always carry the same columns.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int64Array, RecordBatch, StringArray,
    StructArray, TimestampSecondArray, UInt32Array, UInt64Array,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};

use crate::error::{ExportError, Result};

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// UTF-8 text with few distinct values, dictionary-encoded (`kind`, `source`, `part`).
    Label,
    /// Unsigned 32-bit integer.
    U32,
    /// Unsigned 64-bit integer.
    U64,
    /// Signed 64-bit integer.
    I64,
    /// 64-bit float.
    F64,
    /// True or false.
    Bool,
    /// A byte span: `struct<start: uint32, end: uint32>`.
    Span,
    /// A point in time, seconds since the Unix epoch, UTC (`timestamp[s, tz=UTC]`).
    Timestamp,
    /// A calendar day (`date32`).
    Date,
    /// A list of texts (`list<utf8>`).
    TextList,
}

impl ColumnType {
    /// The Arrow type.
    pub fn arrow(self) -> DataType {
        match self {
            ColumnType::Text => DataType::Utf8,
            ColumnType::Label => DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
            ColumnType::U32 => DataType::UInt32,
            ColumnType::U64 => DataType::UInt64,
            ColumnType::I64 => DataType::Int64,
            ColumnType::F64 => DataType::Float64,
            ColumnType::Bool => DataType::Boolean,
            ColumnType::Span => DataType::Struct(span_fields()),
            ColumnType::Timestamp => DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
            ColumnType::Date => DataType::Date32,
            ColumnType::TextList => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        }
    }

    /// How the schema document writes the type.
    pub fn doc_name(self) -> &'static str {
        match self {
            ColumnType::Text => "string",
            ColumnType::Label => "string (dictionary)",
            ColumnType::U32 => "uint32",
            ColumnType::U64 => "uint64",
            ColumnType::I64 => "int64",
            ColumnType::F64 => "float64",
            ColumnType::Bool => "bool",
            ColumnType::Span => "struct<start: uint32, end: uint32>",
            ColumnType::Timestamp => "timestamp[s, UTC]",
            ColumnType::Date => "date32",
            ColumnType::TextList => "list<string>",
        }
    }
}

fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::UInt32, false),
        Field::new("end", DataType::UInt32, false),
    ])
}

/// One column of a table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub ty: ColumnType,
    /// Whether it may be null.
    pub nullable: bool,
    /// What it means, for the schema document.
    pub doc: &'static str,
}

/// A required column.
pub const fn req(name: &'static str, ty: ColumnType, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: false,
        doc,
    }
}

/// A column that may be null.
pub const fn opt(name: &'static str, ty: ColumnType, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: true,
        doc,
    }
}

/// How a table's files are laid out under its directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partitioning {
    /// `TABLE/month=YYYY-MM/part-RUN.EXT`, by the month the row's article was
    /// published (`month=undated` for undated articles).
    ArticleMonth,
    /// `TABLE/month=YYYY-MM/part-RUN.EXT`, by the month of the story's first article.
    StoryMonth,
    /// `TABLE/month=YYYY-MM/part-RUN.EXT`, by the month of the event's day.
    EventMonth,
    /// `TABLE/part-RUN.EXT`.
    None,
}

/// A table: name, meaning, keys and columns.
#[derive(Clone, Copy, Debug)]
pub struct TableDef {
    /// Its name (its directory under the export).
    pub name: &'static str,
    /// What one row is, for the schema document.
    pub doc: &'static str,
    /// The columns that identify a row (with `export_run` for the latest version).
    pub key: &'static [&'static str],
    /// How its files are partitioned.
    pub partitioning: Partitioning,
    /// Its columns, in order.
    pub columns: &'static [Column],
}

impl TableDef {
    /// Its Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| Field::new(c.name, c.ty.arrow(), c.nullable))
            .collect();
        Arc::new(Schema::new(fields))
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Null.
    Null,
    /// Text or label.
    Text(String),
    /// Unsigned integer (U32, U64).
    U(u64),
    /// Signed integer (I64, Timestamp seconds, Date days).
    I(i64),
    /// Float.
    F(f64),
    /// Boolean.
    Bool(bool),
    /// A span.
    Span(u32, u32),
    /// A list of texts.
    List(Vec<String>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::U(u64::from(n))
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::U(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::U(n as u64)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::I(n)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::F(n)
    }
}

impl From<rasid_core::Span> for Value {
    fn from(s: rasid_core::Span) -> Value {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Value::Span(clamp(s.start), clamp(s.end))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// The rows of one table in one partition.
#[derive(Clone, Debug)]
pub struct Rows {
    /// The table.
    pub def: &'static TableDef,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    /// No rows yet.
    pub fn new(def: &'static TableDef) -> Rows {
        Rows { def, rows: Vec::new() }
    }

    /// Adds a row.
    ///
    /// # Errors
    /// [`ExportError::Row`] when it has not one value per column.
    pub fn push(&mut self, row: Vec<Value>) -> Result<()> {
        if row.len() != self.def.columns.len() {
            return Err(ExportError::Row {
                table: self.def.name,
                reason: format!("{} values for {} columns", row.len(), self.def.columns.len()),
            });
        }
        self.rows.push(row);
        Ok(())
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows as an Arrow record batch.
    ///
    /// # Errors
    /// [`ExportError::Row`] when a value does not fit its column's type.
    pub fn to_batch(&self) -> Result<RecordBatch> {
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.def.columns.len());
        for (i, column) in self.def.columns.iter().enumerate() {
            let cells = self.rows.iter().map(|row| row.get(i).unwrap_or(&Value::Null));
            arrays.push(self.array(column, cells)?);
        }
        Ok(RecordBatch::try_new(self.def.schema(), arrays)?)
    }

    fn mismatch(&self, column: &Column, value: &Value) -> ExportError {
        ExportError::Row {
            table: self.def.name,
            reason: format!("column {} ({:?}) cannot hold {value:?}", column.name, column.ty),
        }
    }

    fn array<'a>(&self, column: &Column, cells: impl Iterator<Item = &'a Value>) -> Result<ArrayRef> {
        let cells: Vec<&Value> = cells.collect();
        if !column.nullable {
            if let Some(v) = cells.iter().find(|v| matches!(v, Value::Null)) {
                return Err(self.mismatch(column, v));
            }
        }
        macro_rules! collect {
            ($pat:pat => $out:expr) => {{
                let mut out = Vec::with_capacity(cells.len());
                for v in &cells {
                    out.push(match v {
                        Value::Null => None,
                        $pat => Some($out),
                        other => return Err(self.mismatch(column, other)),
                    });
                }
                out
            }};
        }
        let array: ArrayRef = match column.ty {
            ColumnType::Text => Arc::new(StringArray::from(collect!(Value::Text(s) => s.as_str()))),
            ColumnType::Label => {
                let values = collect!(Value::Text(s) => s.as_str());
                Arc::new(values.into_iter().collect::<DictionaryArray<Int32Type>>())
            }
            ColumnType::U32 => {
                let values = collect!(Value::U(n) => u32::try_from(*n).unwrap_or(u32::MAX));
                Arc::new(UInt32Array::from(values))
            }
            ColumnType::U64 => Arc::new(UInt64Array::from(collect!(Value::U(n) => *n))),
            ColumnType::I64 => Arc::new(Int64Array::from(collect!(Value::I(n) => *n))),
            ColumnType::F64 => Arc::new(Float64Array::from(collect!(Value::F(n) => *n))),
            ColumnType::Bool => Arc::new(BooleanArray::from(collect!(Value::Bool(b) => *b))),
            ColumnType::Timestamp => {
                Arc::new(TimestampSecondArray::from(collect!(Value::I(n) => *n)).with_timezone("UTC"))
            }
            ColumnType::Date => {
                let values = collect!(Value::I(n) => i32::try_from(*n).unwrap_or(i32::MAX));
                Arc::new(Date32Array::from(values))
            }
            ColumnType::Span => {
                let values = collect!(Value::Span(s, e) => (*s, *e));
                let start = UInt32Array::from_iter_values(values.iter().map(|v| v.map_or(0, |v| v.0)));
                let end = UInt32Array::from_iter_values(values.iter().map(|v| v.map_or(0, |v| v.1)));
                let nulls = column
                    .nullable
                    .then(|| NullBuffer::from_iter(values.iter().map(Option::is_some)));
                Arc::new(StructArray::try_new(
                    span_fields(),
                    vec![Arc::new(start) as ArrayRef, Arc::new(end) as ArrayRef],
                    nulls,
                )?)
            }
            ColumnType::TextList => {
                let values = collect!(Value::List(items) => items);
                let mut builder = ListBuilder::new(StringBuilder::new());
                for v in values {
                    match v {
                        Some(items) => {
                            for item in items {
                                builder.values().append_value(item);
                            }
                            builder.append(true);
                        }
                        None => builder.append(false),
                    }
                }
                Arc::new(builder.finish())
            }
        };
        Ok(array)
    }

    /// The rows as JSON Lines: one object per row, keys in column order.
    ///
    /// # Errors
    /// [`ExportError::Row`] when a value does not fit its column's type.
    pub fn to_jsonl(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for row in &self.rows {
            out.push(b'{');
            for (i, (column, value)) in self.def.columns.iter().zip(row).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&json_bytes(&serde_json::Value::from(column.name)));
                out.push(b':');
                out.extend_from_slice(&json_bytes(&self.json_value(column, value)?));
            }
            out.extend_from_slice(b"}\n");
        }
        Ok(out)
    }

    fn json_value(&self, column: &Column, value: &Value) -> Result<serde_json::Value> {
        use serde_json::Value as J;
        Ok(match (column.ty, value) {
            (_, Value::Null) if column.nullable => J::Null,
            (ColumnType::Text | ColumnType::Label, Value::Text(s)) => J::from(s.as_str()),
            (ColumnType::U32 | ColumnType::U64, Value::U(n)) => J::from(*n),
            (ColumnType::I64, Value::I(n)) => J::from(*n),
            (ColumnType::F64, Value::F(n)) => serde_json::Number::from_f64(*n).map_or(J::Null, J::Number),
            (ColumnType::Bool, Value::Bool(b)) => J::from(*b),
            (ColumnType::Span, Value::Span(s, e)) => serde_json::json!({"start": s, "end": e}),
            (ColumnType::Timestamp, Value::I(n)) => match jiff::Timestamp::from_second(*n) {
                Ok(t) => J::from(t.to_string()),
                Err(_) => J::Null,
            },
            (ColumnType::Date, Value::I(days)) => J::from(date_of_days(*days).unwrap_or_default()),
            (ColumnType::TextList, Value::List(items)) => J::from(items.clone()),
            (_, other) => return Err(self.mismatch(column, other)),
        })
    }
}

fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` day.
pub fn days_of_date(day: &str) -> Option<i64> {
    let date: jiff::civil::Date = day.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    let span = epoch.until((jiff::Unit::Day, date)).ok()?;
    Some(i64::from(span.get_days()))
}

/// The `YYYY-MM-DD` day of days since 1970-01-01.
pub fn date_of_days(days: i64) -> Option<String> {
    let epoch = jiff::civil::date(1970, 1, 1);
    let date = epoch.checked_add(jiff::Span::new().try_days(days).ok()?).ok()?;
    Some(date.to_string())
}

/// The markdown description of these tables (the generated part of docs/EXPORT.md).
pub fn schema_markdown(tables: &[&TableDef]) -> String {
    let mut out = String::new();
    for t in tables {
        let layout = match t.partitioning {
            Partitioning::ArticleMonth => format!("`{}/month=YYYY-MM/part-RUN.EXT` (article's month)", t.name),
            Partitioning::StoryMonth => format!("`{}/month=YYYY-MM/part-RUN.EXT` (story's first month)", t.name),
            Partitioning::EventMonth => format!("`{}/month=YYYY-MM/part-RUN.EXT` (event's month)", t.name),
            Partitioning::None => format!("`{}/part-RUN.EXT`", t.name),
        };
        out.push_str(&format!(
            "### `{}`\n\n{}\n\nKey: {}. Files: {layout}.\n\n| column | type | null | meaning |\n|---|---|---|---|\n",
            t.name,
            t.doc,
            t.key.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ));
        for c in t.columns {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.ty.doc_name(),
                if c.nullable { "yes" } else { "no" },
                c.doc
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    static T: TableDef = TableDef {
        name: "t",
        doc: "test",
        key: &["id"],
        partitioning: Partitioning::None,
        columns: &[
            req("id", ColumnType::Text, "id"),
            opt("kind", ColumnType::Label, "kind"),
            opt("span", ColumnType::Span, "span"),
            req("at", ColumnType::Timestamp, "time"),
            opt("day", ColumnType::Date, "day"),
            req("words", ColumnType::TextList, "words"),
            opt("x", ColumnType::F64, "x"),
        ],
    };

    fn rows() -> Rows {
        let mut rows = Rows::new(&T);
        rows.push(vec![
            "a".into(),
            "PER".into(),
            Value::Span(1, 4),
            Value::I(1_513_853_820),
            Value::I(17_521),
            Value::List(vec!["x".into()]),
            Value::F(f64::NAN),
        ])
        .unwrap();
        rows.push(vec![
            "b".into(),
            Value::Null,
            Value::Null,
            Value::I(0),
            Value::Null,
            Value::List(vec![]),
            Value::F(2.5),
        ])
        .unwrap();
        rows
    }

    #[test]
    fn batch_and_json_carry_the_same_columns() {
        let rows = rows();
        let batch = rows.to_batch().unwrap();
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema().field(2).data_type(), &ColumnType::Span.arrow());
        assert_eq!(batch.column(2).null_count(), 1);
        let text = String::from_utf8(rows.to_jsonl().unwrap()).unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["span"], serde_json::json!({"start": 1, "end": 4}));
        assert_eq!(first["at"], "2017-12-21T10:57:00Z");
        assert_eq!(first["day"], "2017-12-21");
        assert_eq!(first["x"], serde_json::Value::Null);
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(r#"{"id":"b","kind":null,"span":null"#));
    }

    #[test]
    fn wrong_rows_are_errors_not_panics() {
        let mut rows = Rows::new(&T);
        assert!(rows.push(vec!["a".into()]).is_err());
        let mut bad = self::rows();
        bad.rows[0][0] = Value::Null;
        assert!(bad.to_batch().is_err(), "null in a required column");
        bad.rows[0][0] = Value::U(1);
        assert!(bad.to_jsonl().is_err(), "number in a text column");
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(days_of_date("2017-12-21"), Some(17_521));
        assert_eq!(date_of_days(17_521).as_deref(), Some("2017-12-21"));
        assert_eq!(days_of_date("not a day"), None);
    }

    #[test]
    fn markdown_lists_every_column() {
        let md = schema_markdown(&[&T]);
        for c in T.columns {
            assert!(md.contains(&format!("| `{}` |", c.name)), "{md}");
        }
    }
}
