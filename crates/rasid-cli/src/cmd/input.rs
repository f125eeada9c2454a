//! The reading flags that every command taking articles shares.

use anyhow::bail;
use clap::builder::TypedValueParser as _;
use encoding_rs::Encoding;
use rasid::core::InputFormat;
use rasid::ingest::{FieldNames, ReadOptions};

/// `--format`, `--encoding` and `--field`, flattened into a command's arguments.
#[derive(Debug, Default, clap::Args)]
pub struct InputArgs {
    /// Input form; `auto` decides by extension, then by content.
    #[arg(long, value_name = "FORMAT", default_value = InputFormat::AUTO, value_parser = format_parser())]
    format: FormatArg,

    /// Character encoding of the input (e.g. `windows-1256`, `iso-8859-6`,
    /// `utf-16le`); detected when not given.
    #[arg(long, value_name = "LABEL", value_parser = encoding_parser)]
    encoding: Option<&'static Encoding>,

    /// JSONL field names, as FIELD=NAME (fields: id, title, published, body,
    /// source, url, category, author), e.g. `--field body=content`.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    fields: Vec<String>,
}

/// `--format`: an input form, or `auto` (`None`).
#[derive(Clone, Copy, Debug, Default)]
struct FormatArg(Option<InputFormat>);

/// Parses `--format` with [`InputFormat::parse_or_auto`]; the help and the error
/// list the names.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = FormatArg> {
    let names = std::iter::once(InputFormat::AUTO).chain(InputFormat::ALL.map(InputFormat::name));
    clap::builder::PossibleValuesParser::new(names).try_map(|name| InputFormat::parse_or_auto(&name).map(FormatArg))
}

/// Parses `--encoding` with [`rasid::ingest::encoding_by_name`].
fn encoding_parser(label: &str) -> Result<&'static Encoding, rasid::ingest::ErrorKind> {
    rasid::ingest::encoding_by_name(label)
}

impl InputArgs {
    /// Reader options from the flags; errors here are usage errors.
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        Ok(ReadOptions {
            format: self.format.0,
            encoding: self.encoding,
            fields: field_names(&self.fields)?,
            ..ReadOptions::default()
        })
    }
}

fn field_names(specs: &[String]) -> anyhow::Result<FieldNames> {
    let mut names = FieldNames::default();
    for spec in specs {
        let Some((field, name)) = spec.split_once('=') else {
            bail!("--field expects FIELD=NAME, got {spec:?}");
        };
        let slot = match field.trim() {
            "id" => &mut names.id,
            "title" => &mut names.title,
            "published" => &mut names.published,
            "body" => &mut names.body,
            "source" => &mut names.source,
            "url" => &mut names.url,
            "category" => &mut names.category,
            "author" => &mut names.author,
            other => {
                bail!("--field: unknown field {other:?} (id, title, published, body, source, url, category, author)")
            }
        };
        name.trim().clone_into(slot);
    }
    Ok(names)
}
