//! The reading flags that every command taking articles shares.

use anyhow::{bail, Context};
use rasid_core::InputFormat;
use rasid_ingest::{FieldNames, ReadOptions};

/// `--format`, `--encoding` and `--field`, flattened into a command's arguments.
#[derive(Debug, Default, clap::Args)]
pub struct InputArgs {
    /// Input form; `auto` decides by extension, then by content.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,

    /// Character encoding of the input (e.g. `windows-1256`, `iso-8859-6`,
    /// `utf-16le`); detected when not given.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,

    /// JSONL field names, as FIELD=NAME (fields: id, title, published, body,
    /// source, url, category, author), e.g. `--field body=content`.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    fields: Vec<String>,
}

/// Input forms on the command line.
#[derive(Clone, Copy, Debug, Default, clap::ValueEnum)]
pub enum Format {
    /// By extension, then by content.
    #[default]
    Auto,
    /// Plain text: headline, optional dateline, body.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// An HTML article page.
    Html,
    /// An RSS or Atom feed.
    Rss,
    /// TREC `<DOC>` records.
    Trec,
}

impl Format {
    fn input_format(self) -> Option<InputFormat> {
        match self {
            Format::Auto => None,
            Format::Text => Some(InputFormat::Text),
            Format::Jsonl => Some(InputFormat::Jsonl),
            Format::Html => Some(InputFormat::Html),
            Format::Rss => Some(InputFormat::Rss),
            Format::Trec => Some(InputFormat::Trec),
        }
    }
}

impl InputArgs {
    /// Reader options from the flags; errors here are usage errors.
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        let mut options = ReadOptions {
            format: self.format.input_format(),
            ..ReadOptions::default()
        };
        if let Some(label) = &self.encoding {
            let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes()).with_context(|| {
                format!("unknown encoding {label:?} (try utf-8, windows-1256, iso-8859-6, utf-16le)")
            })?;
            options.encoding = Some(encoding);
        }
        options.fields = field_names(&self.fields)?;
        Ok(options)
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
