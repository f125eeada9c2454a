//! Planning and writing one export: which articles, stories and deletions it
//! holds, the files, and the record of exports in the output directory.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use rasid_search::{Index, Pipeline, StoredArticle};
use rasid_stories::{Assignment, ListQuery, Store, StoryInfo};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{ExportError, IoContext, Result};
use crate::table::{days_of_date, Rows, TableDef, Value};
use crate::tables::{event_row, ArticleCtx, Membership, ARTICLE_TABLES, DELETED, EVENTS, STORIES};

/// The file in the output directory that records every export into it (the
/// `--since` watermark).
pub const MANIFEST_FILE: &str = "_rasid_export.json";

/// The layout of the export this build writes (recorded in the manifest).
/// Version 2 added the `cameo` column of the entities table: `--since` into a
/// version 1 export is refused, as its partitions have the old schema.
pub const EXPORT_VERSION: u32 = 2;

/// The partition of undated articles.
pub const UNDATED: &str = "undated";

/// The file format of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Apache Parquet: zstd, dictionary-encoded labels, nested span structs.
    #[default]
    Parquet,
    /// JSON Lines: one object per row, the same columns.
    Jsonl,
}

impl Format {
    /// `parquet` or `jsonl`: the name and the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Jsonl => "jsonl",
        }
    }
}

impl FromStr for Format {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "parquet" => Ok(Format::Parquet),
            "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(ExportError::UnknownFormat(s.to_owned())),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The file format.
    pub format: Format,
    /// Only what changed since the previous export into the same directory.
    pub since: bool,
}

/// What kind of export a plan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything, into a new directory.
    Full,
    /// Everything, because `--since` found no previous export.
    FullNoPrevious,
    /// What changed since export `previous`.
    Since {
        /// The previous export's run number.
        previous: u32,
    },
}

/// One export recorded in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Its number: the `RUN` of `part-RUN` files and the `export_run` column.
    pub run: u32,
    /// `full` or `since`.
    pub mode: String,
    /// The catalogue's last item when it was taken (the watermark for articles).
    pub catalogue_item: i64,
    /// The stories store's last article sequence number (the watermark for stories).
    pub stories_seq: i64,
    /// Rows written, by table.
    pub rows: BTreeMap<String, u64>,
}

/// The record of exports in an output directory (`_rasid_export.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `rasid-export`.
    pub kind: String,
    /// [`EXPORT_VERSION`] of the writer.
    pub version: u32,
    /// The file format of every export in it.
    pub format: Format,
    /// Every export, oldest first.
    pub runs: Vec<RunRecord>,
}

impl Manifest {
    /// Reads the manifest of `out`, if it has one.
    ///
    /// # Errors
    /// [`ExportError::Manifest`] when it cannot be read or parsed.
    pub fn read(out: &Path) -> Result<Option<Manifest>> {
        let path = out.join(MANIFEST_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let bad = |reason: String| ExportError::Manifest {
            path: path.clone(),
            reason,
        };
        let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if manifest.kind != "rasid-export" || manifest.version != EXPORT_VERSION {
            return Err(bad(format!(
                "an export of kind {:?}, version {}; this rasid writes rasid-export version {EXPORT_VERSION}",
                manifest.kind, manifest.version
            )));
        }
        Ok(Some(manifest))
    }

    fn write(&self, out: &Path) -> Result<()> {
        let path = out.join(MANIFEST_FILE);
        let tmp = out.join(format!("{MANIFEST_FILE}.tmp"));
        let mut text = serde_json::to_string_pretty(self).map_err(|e| ExportError::Manifest {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        text.push('\n');
        std::fs::write(&tmp, text).at(&tmp)?;
        std::fs::rename(&tmp, &path).at(&path)
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Its run number.
    pub run: u32,
    /// Full or incremental.
    pub mode: String,
    /// Articles whose rows it wrote.
    pub articles: u64,
    /// Rows written, by table.
    pub rows: BTreeMap<String, u64>,
    /// Files written, relative to the output directory, sorted.
    pub files: Vec<String>,
    /// Bytes written.
    pub bytes: u64,
}

/// An article to write: which of its tables, in which partition.
#[derive(Clone, Debug)]
struct Work {
    id: String,
    published: Option<i64>,
    /// Write its article-level rows (articles, mentions, ...).
    article: bool,
    membership: Option<Membership>,
}

/// An export worked out, ready to write.
#[derive(Debug)]
pub struct Plan {
    index: Index,
    out: PathBuf,
    options: Options,
    mode: Mode,
    manifest: Manifest,
    record: RunRecord,
    /// Articles by partition, each sorted by publication time then id.
    months: BTreeMap<String, Vec<Work>>,
    stories: Vec<StoryInfo>,
    deleted: Vec<String>,
}

/// The `YYYY-MM` month (UTC) of a publication time, or [`UNDATED`].
pub fn month_of(published: Option<i64>) -> String {
    published
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(|| UNDATED.to_owned(), |t| t.strftime("%Y-%m").to_string())
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(ExportError::Io {
            path: dir.to_owned(),
            source: e,
        }),
    }
}

/// Group sizes and canonical members of the live articles the store knows.
fn memberships(assignments: &[Assignment], live: &HashMap<String, Option<i64>>) -> HashMap<String, Membership> {
    let mut groups: HashMap<i64, Vec<&Assignment>> = HashMap::new();
    for a in assignments.iter().filter(|a| live.contains_key(&a.id)) {
        groups.entry(a.group).or_default().push(a);
    }
    let mut out = HashMap::with_capacity(assignments.len());
    for members in groups.values() {
        let canonical = members
            .iter()
            .min_by_key(|a| (a.published.is_none(), a.published, a.seq))
            .map(|a| a.seq);
        let size = u32::try_from(members.len()).unwrap_or(u32::MAX);
        for a in members {
            out.insert(
                a.id.clone(),
                Membership {
                    story: a.story,
                    group: a.group,
                    group_size: size,
                    canonical: Some(a.seq) == canonical,
                },
            );
        }
    }
    out
}

/// Writes `rows` as one Parquet file (zstd) into `out`, and gives `out` back;
/// `path` names it in errors.
///
/// # Errors
/// [`ExportError::Parquet`] when the rows cannot be encoded or written.
pub fn write_parquet<W: std::io::Write + Send>(rows: &Rows, out: W, path: &Path) -> Result<W> {
    let batch = rows.to_batch()?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    let parquet = |source| ExportError::Parquet {
        path: path.to_owned(),
        source,
    };
    let mut writer = ArrowWriter::try_new(out, batch.schema(), Some(props)).map_err(parquet)?;
    writer.write(&batch).map_err(parquet)?;
    writer.into_inner().map_err(parquet)
}

/// The per-article table named `table` (`articles`, `mentions`, `entities`,
/// … as `rasid export` writes them; see [`crate::tables::ARTICLE_TABLES`])
/// for the articles with these ids, in their order: the export of a query's
/// results. Ids the index lacks are left out; the story tables' rows come from
/// the stories store beside the index, when there is one. `None` when there is
/// no per-article table of that name.
///
/// # Errors
/// Index and store errors.
pub fn article_rows(index: &Index, ids: &[String], table: &str) -> Result<Option<Rows>> {
    let Some((def, row)) = ARTICLE_TABLES.iter().find(|(def, _)| def.name == table) else {
        return Ok(None);
    };
    let mut stored: HashMap<String, StoredArticle> =
        index.get_many(ids)?.into_iter().map(|a| (a.id.clone(), a)).collect();
    let members = match Store::open_existing(index.path())? {
        Some(store) if matches!(def.name, "duplicate_groups" | "story_members") => {
            // Group sizes and canonical members count every live member of the
            // groups, not only the query's.
            let live: HashMap<String, Option<i64>> = index
                .live_articles()?
                .into_iter()
                .map(|a| (a.id, a.published))
                .collect();
            memberships(&store.assignments()?, &live)
        }
        _ => HashMap::new(),
    };
    let mut rows = Rows::new(def);
    for id in ids {
        let Some(article) = stored.remove(id) else { continue };
        let published = article
            .published
            .as_deref()
            .and_then(|p| rasid_core::Timestamp::from_str(p).ok())
            .map(|t| t.unix_seconds());
        let ctx = ArticleCtx {
            id,
            published,
            stored: Some(&article),
            membership: members.get(id).copied(),
            run: 0,
        };
        row(&ctx, &mut rows)?;
    }
    Ok(Some(rows))
}

/// Works out the export of the index in `index_dir` into `out`; the index is
/// opened with `pipeline` (the one it was built with: its analyzer settings
/// are checked).
///
/// # Errors
/// [`ExportError::AlreadyExported`] for a full export into a directory that
/// holds one, [`ExportError::NotEmpty`] for a directory with other files,
/// [`ExportError::FormatMismatch`] for `--since` in another format; index,
/// store and manifest errors.
pub fn plan(index_dir: &Path, pipeline: Pipeline, out: &Path, options: Options) -> Result<Plan> {
    let previous = Manifest::read(out)?;
    match &previous {
        Some(_) if !options.since => return Err(ExportError::AlreadyExported(out.to_owned())),
        Some(m) if m.format != options.format => {
            return Err(ExportError::FormatMismatch {
                path: out.to_owned(),
                previous: m.format.as_str(),
            })
        }
        None if !is_empty_dir(out)? => return Err(ExportError::NotEmpty(out.to_owned())),
        _ => {}
    }
    let last = previous.as_ref().and_then(|m| m.runs.last());
    let mode = match (options.since, last) {
        (true, Some(r)) => Mode::Since { previous: r.run },
        (true, None) => Mode::FullNoPrevious,
        (false, _) => Mode::Full,
    };
    let run = last.map_or(0, |r| r.run.saturating_add(1));

    let index = Index::open_read_only_with(index_dir, pipeline)?;
    // The watermark is read before the index: whatever the catalogue logs
    // later is in the next `--since` export.
    let catalogue_item = index.catalogue()?.last_item()?;
    let store = Store::open_existing(index_dir)?;
    let assignments = match &store {
        Some(s) => s.assignments()?,
        None => Vec::new(),
    };
    let stories_seq = assignments.iter().map(|a| a.seq).max().unwrap_or(0);
    let all_stories = match &store {
        Some(s) => s.stories(&ListQuery {
            limit: usize::MAX,
            ..ListQuery::default()
        })?,
        None => Vec::new(),
    };
    let live: HashMap<String, Option<i64>> = index
        .live_articles()?
        .into_iter()
        .map(|a| (a.id, a.published))
        .collect();
    let members = memberships(&assignments, &live);

    let (articles, member_ids, story_ids, deleted): (HashSet<&str>, HashSet<&str>, HashSet<i64>, Vec<String>) =
        match (mode, last) {
            (Mode::Since { .. }, Some(prev)) => {
                let changes = index.catalogue()?.changes(prev.catalogue_item, catalogue_item)?;
                let articles: HashSet<&str> = changes
                    .iter()
                    .filter_map(|c| live.get_key_value(c.article_id.as_str()))
                    .map(|(id, _)| id.as_str())
                    .collect();
                let deleted: BTreeSet<String> = changes
                    .iter()
                    .filter(|c| c.deleted && !live.contains_key(&c.article_id))
                    .map(|c| c.article_id.clone())
                    .collect();
                // Rows the store added since: a higher sequence number, or an
                // article indexed since (the store reuses the numbers of the
                // articles it forgets when the index deletes them).
                let new_rows: Vec<&Assignment> = assignments
                    .iter()
                    .filter(|a| a.seq > prev.stories_seq || articles.contains(a.id.as_str()))
                    .collect();
                let stories: HashSet<i64> = new_rows.iter().map(|a| a.story).collect();
                let groups: HashSet<i64> = new_rows.iter().map(|a| a.group).collect();
                let member_ids: HashSet<&str> = members
                    .iter()
                    .filter(|(id, m)| {
                        stories.contains(&m.story) || groups.contains(&m.group) || articles.contains(id.as_str())
                    })
                    .map(|(id, _)| id.as_str())
                    .collect();
                (articles, member_ids, stories, deleted.into_iter().collect())
            }
            _ => (
                live.keys().map(String::as_str).collect(),
                members.keys().map(String::as_str).collect(),
                all_stories.iter().map(|s| s.id).collect(),
                Vec::new(),
            ),
        };

    let mut months: BTreeMap<String, Vec<Work>> = BTreeMap::new();
    for id in articles.union(&member_ids) {
        let published = live.get(*id).copied().flatten();
        months.entry(month_of(published)).or_default().push(Work {
            id: (*id).to_owned(),
            published,
            article: articles.contains(id),
            membership: member_ids.contains(id).then(|| members.get(*id).copied()).flatten(),
        });
    }
    for works in months.values_mut() {
        works.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    }
    let mut stories: Vec<StoryInfo> = all_stories.into_iter().filter(|s| story_ids.contains(&s.id)).collect();
    stories.sort_by_key(|s| s.id);

    let manifest = previous.unwrap_or(Manifest {
        kind: "rasid-export".into(),
        version: EXPORT_VERSION,
        format: options.format,
        runs: Vec::new(),
    });
    let record = RunRecord {
        run,
        mode: match mode {
            Mode::Since { .. } => "since".into(),
            _ => "full".into(),
        },
        catalogue_item,
        stories_seq,
        rows: BTreeMap::new(),
    };
    Ok(Plan {
        index,
        out: out.to_owned(),
        options,
        mode,
        manifest,
        record,
        months,
        stories,
        deleted,
    })
}

/// The rows of one partition of every per-article table.
type Partition = Vec<Rows>;

impl Plan {
    /// The kind of export.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Its run number.
    pub fn run(&self) -> u32 {
        self.record.run
    }

    /// Articles it will go through (whose article or membership rows it writes).
    pub fn articles(&self) -> u64 {
        self.months.values().map(|w| w.len() as u64).sum()
    }

    /// Stories whose rows it writes.
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// Articles deleted since the previous export.
    pub fn deleted(&self) -> usize {
        self.deleted.len()
    }

    fn file(&self, def: &TableDef, month: Option<&str>) -> (PathBuf, String) {
        let name = format!("part-{}.{}", self.record.run, self.options.format.as_str());
        let rel = match month {
            Some(m) => format!("{}/month={m}/{name}", def.name),
            None => format!("{}/{name}", def.name),
        };
        (self.out.join(&rel), rel)
    }

    /// Writes one partition file of a table; nothing for no rows.
    fn write(&self, rows: &Rows, month: Option<&str>) -> Result<Option<(String, u64)>> {
        if rows.is_empty() {
            return Ok(None);
        }
        let (path, rel) = self.file(rows.def, month);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).at(dir)?;
        }
        let bytes = match self.options.format {
            Format::Jsonl => {
                let data = rows.to_jsonl()?;
                std::fs::write(&path, &data).at(&path)?;
                data.len() as u64
            }
            Format::Parquet => {
                let file = File::create(&path).at(&path)?;
                let file = write_parquet(rows, file, &path)?;
                file.sync_all().at(&path)?;
                file.metadata().at(&path)?.len()
            }
        };
        Ok(Some((rel, bytes)))
    }

    fn month_rows(&self, works: &[Work]) -> Result<Partition> {
        let ids: Vec<String> = works.iter().filter(|w| w.article).map(|w| w.id.clone()).collect();
        let stored: HashMap<String, StoredArticle> = self
            .index
            .get_many(&ids)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let mut tables: Partition = ARTICLE_TABLES.iter().map(|(def, _)| Rows::new(def)).collect();
        for w in works {
            let ctx = ArticleCtx {
                id: &w.id,
                published: w.published,
                stored: stored.get(&w.id).filter(|_| w.article),
                membership: w.membership,
                run: self.record.run,
            };
            for ((_, f), rows) in ARTICLE_TABLES.iter().zip(tables.iter_mut()) {
                f(&ctx, rows)?;
            }
        }
        Ok(tables)
    }

    fn story_rows(&self) -> Result<BTreeMap<String, Rows>> {
        let mut out: BTreeMap<String, Rows> = BTreeMap::new();
        for s in &self.stories {
            let first = s.first.as_deref().and_then(days_of_date);
            let month = s.first.as_deref().and_then(|d| d.get(..7)).unwrap_or(UNDATED);
            out.entry(month.to_owned())
                .or_insert_with(|| Rows::new(&STORIES))
                .push(vec![
                    s.id.into(),
                    s.articles.into(),
                    s.reports.into(),
                    first.into(),
                    s.last.as_deref().and_then(days_of_date).into(),
                    Value::List(s.label.terms.clone()),
                    Value::List(s.label.entities.clone()),
                    self.record.run.into(),
                ])?;
        }
        Ok(out)
    }

    /// The `events` rows, by the month of the event's day: every article's
    /// events, deduplicated (the table is written whole by every export that
    /// has articles to write or delete).
    fn event_rows(&self) -> Result<BTreeMap<String, Rows>> {
        let request = rasid_search::events::EventsRequest::new(rasid_search::SearchRequest::new(""));
        let list = self.index.events(&request)?;
        let mut out: BTreeMap<String, Rows> = BTreeMap::new();
        for event in &list.events {
            let month = event.day.as_deref().and_then(|d| d.get(..7)).unwrap_or(UNDATED);
            out.entry(month.to_owned())
                .or_insert_with(|| Rows::new(&EVENTS))
                .push(event_row(event, self.record.run))?;
        }
        Ok(out)
    }

    /// Writes the export and records it in the manifest; `progress` is
    /// called with the number of articles done since its last call.
    ///
    /// # Errors
    /// Index, I/O and Parquet errors. Files written before an error stay;
    /// the manifest does not record them, and the next export of the same
    /// run number replaces them.
    pub fn execute(mut self, progress: &(dyn Fn(u64) + Sync)) -> Result<Report> {
        std::fs::create_dir_all(&self.out).at(&self.out)?;
        let months: Vec<(&String, &Vec<Work>)> = self.months.iter().collect();
        let written: Vec<Vec<(String, u64, &'static str, u64)>> = months
            .par_iter()
            .map(|(month, works)| {
                let mut files = Vec::new();
                let tables = self.month_rows(works)?;
                for rows in &tables {
                    if let Some((rel, bytes)) = self.write(rows, Some(month))? {
                        files.push((rel, bytes, rows.def.name, rows.len() as u64));
                    }
                }
                progress(works.len() as u64);
                Ok(files)
            })
            .collect::<Result<_>>()?;
        let mut written: Vec<(String, u64, &'static str, u64)> = written.into_iter().flatten().collect();
        // Events are deduplicated across the whole index: the table is written
        // whole, and only when an article was added, changed or deleted.
        let articles_changed = self.months.values().flatten().any(|w| w.article) || !self.deleted.is_empty();
        let events = if articles_changed {
            self.event_rows()?
        } else {
            BTreeMap::new()
        };
        for (month, rows) in events {
            if let Some((rel, bytes)) = self.write(&rows, Some(&month))? {
                written.push((rel, bytes, EVENTS.name, rows.len() as u64));
            }
        }
        for (month, rows) in self.story_rows()? {
            if let Some((rel, bytes)) = self.write(&rows, Some(&month))? {
                written.push((rel, bytes, STORIES.name, rows.len() as u64));
            }
        }
        if !self.deleted.is_empty() {
            let mut rows = Rows::new(&DELETED);
            for id in &self.deleted {
                rows.push(vec![id.as_str().into(), self.record.run.into()])?;
            }
            if let Some((rel, bytes)) = self.write(&rows, None)? {
                written.push((rel, bytes, DELETED.name, rows.len() as u64));
            }
        }
        let mut rows: BTreeMap<String, u64> = ARTICLE_TABLES
            .iter()
            .map(|(def, _)| def.name)
            .chain([EVENTS.name, STORIES.name, DELETED.name])
            .map(|name| (name.to_owned(), 0))
            .collect();
        for (_, _, table, n) in &written {
            *rows.entry((*table).to_owned()).or_default() += n;
        }
        written.sort();
        self.record.rows = rows.clone();
        self.manifest.runs.push(self.record.clone());
        self.manifest.write(&self.out)?;
        let articles = self.months.values().flatten().filter(|w| w.article).count() as u64;
        Ok(Report {
            run: self.record.run,
            mode: self.record.mode.clone(),
            articles,
            rows,
            bytes: written.iter().map(|w| w.1).sum(),
            files: written.into_iter().map(|w| w.0).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(seq: i64, id: &str, published: Option<i64>, group: i64) -> Assignment {
        Assignment {
            seq,
            id: id.into(),
            published,
            group,
            story: 7,
        }
    }

    #[test]
    fn canonical_is_the_earliest_published_live_member() {
        let assignments = vec![
            a(1, "x", Some(200), 1),
            a(2, "y", Some(100), 1),
            a(3, "z", None, 1),
            a(4, "gone", Some(50), 1),
            a(5, "alone", None, 5),
        ];
        let live: HashMap<String, Option<i64>> = ["x", "y", "z", "alone"]
            .iter()
            .map(|id| ((*id).to_owned(), None))
            .collect();
        let m = memberships(&assignments, &live);
        assert_eq!(m.len(), 4, "deleted articles have no membership");
        assert!(m["y"].canonical && !m["x"].canonical && !m["z"].canonical);
        assert_eq!(m["x"].group_size, 3);
        assert_eq!((m["alone"].group_size, m["alone"].canonical), (1, true));
    }

    #[test]
    fn months_are_utc_and_undated_apart() {
        assert_eq!(month_of(Some(1_513_853_820)), "2017-12");
        // 2017-12-31T23:30:00Z
        assert_eq!(month_of(Some(1_514_763_000)), "2017-12");
        assert_eq!(month_of(None), UNDATED);
    }

    #[test]
    fn formats_parse() {
        assert_eq!("Parquet".parse::<Format>().unwrap(), Format::Parquet);
        assert_eq!("jsonl".parse::<Format>().unwrap(), Format::Jsonl);
        assert!(matches!("csv".parse::<Format>(), Err(ExportError::UnknownFormat(_))));
    }

    #[test]
    fn a_directory_with_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = plan(
            &dir.path().join("no-index"),
            Pipeline::default(),
            dir.path(),
            Options::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::NotEmpty(_)), "{err}");
        std::fs::write(dir.path().join(MANIFEST_FILE), "{").unwrap();
        let err = plan(
            &dir.path().join("no-index"),
            Pipeline::default(),
            dir.path(),
            Options::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::Manifest { .. }), "{err}");
    }
}
