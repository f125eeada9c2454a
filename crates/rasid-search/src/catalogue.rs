//! The catalogue: a SQLite database beside the index that logs what was ingested,
//! from where, when, under which id, and with which outcome.
//!
//! Tables:
//! - `meta(key, value)`: the schema version and when the index was created.
//! - `ingests(run, started, finished, args, read, indexed, replaced, duplicate, skipped, failed, deleted)`:
//!   one row per `rasid index` run; `finished` stays NULL for a run that was killed.
//! - `items(run, article_id, path, line, record, outcome, error, time, opstamp)`: one
//!   row per article or input seen.
//!
//! The catalogue and the search index commit as one, as far as a reader can
//! tell: the writer prepares the index commit, writes the batch's rows tagged
//! with that commit's opstamp, then commits the index. A row whose opstamp is
//! above the index's last commit belongs to a commit that never happened (the
//! process was killed in between): readers ignore it and the next writer
//! deletes it ([`Catalogue::reconcile`]). Rows with no opstamp (a batch of
//! skipped inputs alone, which changes nothing in the index) are visible at once.
//!
//! ```
//! use rasid_search::catalogue::{Catalogue, Item, Outcome};
//! let dir = tempfile::tempdir().unwrap();
//! let mut catalogue = Catalogue::open(&dir.path().join("catalogue.sqlite")).unwrap();
//! let run = catalogue.start_run("rasid index news.jsonl").unwrap();
//! catalogue.record(run, &[Item::article("0123456789abcdef", Outcome::Indexed)], None).unwrap();
//! let stats = catalogue.stats().unwrap();
//! assert_eq!(stats.runs.len(), 1);
//! assert_eq!(stats.outcomes, vec![("indexed".to_string(), 1)]);
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::error::Result;

/// What happened to one article or input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Outcome {
    /// Added to the index.
    Indexed,
    /// Replaced an article with the same id.
    Replaced,
    /// Already in the index (or earlier in the same run); nothing added.
    Duplicate,
    /// Deleted from the index.
    Deleted,
    /// Left out on purpose (an empty or binary file, an unknown format).
    Skipped,
    /// Could not be read.
    Failed,
}

impl Outcome {
    /// The lowercase name stored in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Indexed => "indexed",
            Outcome::Replaced => "replaced",
            Outcome::Duplicate => "duplicate",
            Outcome::Deleted => "deleted",
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
        }
    }
}

/// One row of the `items` table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The article id, when the input became an article.
    pub article_id: Option<String>,
    /// The file it came from.
    pub path: Option<String>,
    /// 1-based line, for line-oriented inputs.
    pub line: Option<u64>,
    /// 1-based record, for multi-record inputs.
    pub record: Option<u64>,
    /// What happened (`indexed`, `duplicate`, …).
    pub outcome: String,
    /// The reason, for skipped and failed inputs; the reading warnings, for
    /// an article read with some.
    pub error: Option<String>,
}

impl Item {
    /// An item for an article with this outcome.
    pub fn article(id: &str, outcome: Outcome) -> Item {
        Item {
            article_id: Some(id.to_owned()),
            outcome: outcome.as_str().to_owned(),
            ..Item::default()
        }
    }
}

/// A change to the articles of the index, from [`Catalogue::changes`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The item's sequence number in the catalogue.
    pub seq: i64,
    /// The article.
    pub article_id: String,
    /// Deleted (otherwise added or replaced).
    pub deleted: bool,
}

/// One `rasid index` run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Run number.
    pub run: i64,
    /// When it started (RFC 3339, UTC).
    pub started: String,
    /// When it finished; `None` for a run that was interrupted.
    pub finished: Option<String>,
    /// The command line or a description of the inputs.
    pub args: String,
    /// Counts by outcome at the end of the run (zero while unfinished).
    pub counts: RunCounts,
}

/// What a run did, by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RunCounts {
    /// Articles and inputs seen.
    pub read: u64,
    /// Articles added.
    pub indexed: u64,
    /// Articles that replaced an earlier version.
    pub replaced: u64,
    /// Articles already in the index.
    pub duplicate: u64,
    /// Inputs left out on purpose.
    pub skipped: u64,
    /// Inputs that could not be read.
    pub failed: u64,
    /// Articles deleted.
    pub deleted: u64,
}

impl RunCounts {
    /// Counts one outcome.
    pub fn count(&mut self, outcome: Outcome) {
        self.read += u64::from(!matches!(outcome, Outcome::Deleted));
        let slot = match outcome {
            Outcome::Indexed => &mut self.indexed,
            Outcome::Replaced => &mut self.replaced,
            Outcome::Duplicate => &mut self.duplicate,
            Outcome::Deleted => &mut self.deleted,
            Outcome::Skipped => &mut self.skipped,
            Outcome::Failed => &mut self.failed,
        };
        *slot += 1;
    }
}

/// What the catalogue holds, for `rasid stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CatalogueStats {
    /// Every run, oldest first.
    pub runs: Vec<Run>,
    /// Items by outcome, most frequent first.
    pub outcomes: Vec<(String, u64)>,
    /// Distinct input files seen.
    pub files: u64,
    /// Distinct article ids seen.
    pub articles: u64,
    /// The most recent failures: path, line, record, error.
    pub recent_errors: Vec<Item>,
}

/// The SQLite catalogue of an index directory.
#[derive(Debug)]
pub struct Catalogue {
    conn: Connection,
    path: PathBuf,
    /// The SQL condition that keeps the rows of committed index commits only.
    visible: String,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingests (
    run INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    args TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    indexed INTEGER NOT NULL DEFAULT 0,
    replaced INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    run INTEGER NOT NULL,
    article_id TEXT,
    path TEXT,
    line INTEGER,
    record INTEGER,
    outcome TEXT NOT NULL,
    error TEXT,
    time TEXT NOT NULL,
    opstamp INTEGER
);
CREATE INDEX IF NOT EXISTS items_article ON items(article_id);
CREATE INDEX IF NOT EXISTS items_run ON items(run);
";

/// Now, as RFC 3339 UTC.
fn now() -> String {
    jiff::Timestamp::now().to_string()
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Catalogue {
    /// Opens (creating if needed) the catalogue at `path`.
    ///
    /// # Errors
    /// When SQLite cannot open or initialise the file.
    pub fn open(path: &Path) -> Result<Catalogue> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL: readers (`rasid stats`, `rasid search`) do not block a running `rasid index`.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        if !has_column(&conn, "items", "opstamp")? {
            // A catalogue from before rows carried their commit.
            conn.execute_batch("ALTER TABLE items ADD COLUMN opstamp INTEGER")?;
        }
        Ok(Catalogue {
            conn,
            path: path.to_owned(),
            visible: "1".to_owned(),
        })
    }

    /// Opens the catalogue at `path` for reading only: nothing is created,
    /// locked for writing or changed (the index may sit on read-only storage).
    /// Rows of index commits after `committed` (the opstamp of the index's last
    /// commit) are not seen. A missing file reads as an empty catalogue.
    ///
    /// # Errors
    /// When SQLite cannot open or read the file.
    pub fn open_read_only(path: &Path, committed: u64) -> Result<Catalogue> {
        let conn = if path.exists() {
            let conn = read_only_connection(path)?;
            conn.busy_timeout(Duration::from_secs(10))?;
            conn
        } else {
            let conn = Connection::open_in_memory()?;
            conn.execute_batch(SCHEMA)?;
            conn
        };
        let visible = if has_column(&conn, "items", "opstamp")? {
            format!("(opstamp IS NULL OR opstamp <= {})", to_i64(committed))
        } else {
            "1".to_owned()
        };
        Ok(Catalogue {
            conn,
            path: path.to_owned(),
            visible,
        })
    }

    /// Shows only the rows of index commits up to `committed` (the opstamp of
    /// the index's last commit) and rows that belong to no commit.
    #[must_use]
    pub fn committed_only(mut self, committed: u64) -> Catalogue {
        self.visible = format!("(opstamp IS NULL OR opstamp <= {})", to_i64(committed));
        self
    }

    /// Deletes the rows of index commits that never happened (opstamp above
    /// `committed`, the opstamp of the index's last commit): left by a writer
    /// killed between writing its rows and committing the index. Returns how
    /// many rows were deleted. Run by each writer before it writes.
    pub fn reconcile(&self, committed: u64) -> Result<usize> {
        Ok(self
            .conn
            .execute("DELETE FROM items WHERE opstamp > ?1", [to_i64(committed)])?)
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads a `meta` value.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
            .optional()?)
    }

    /// Sets a `meta` value.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Starts a run and returns its number.
    pub fn start_run(&self, args: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO ingests(started, args) VALUES (?1, ?2)",
            params![now(), args],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records items of a run, in one transaction, tagged with the opstamp of
    /// the index commit that holds them (`None`: they change nothing in the index).
    pub fn record(&mut self, run: i64, items: &[Item], opstamp: Option<u64>) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let time = now();
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO items(run, article_id, path, line, record, outcome, error, time, opstamp)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for item in items {
                insert.execute(params![
                    run,
                    item.article_id,
                    item.path,
                    item.line.map(to_i64),
                    item.record.map(to_i64),
                    item.outcome,
                    item.error,
                    time,
                    opstamp.map(to_i64)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks a run finished with its counts.
    pub fn finish_run(&self, run: i64, counts: &RunCounts) -> Result<()> {
        self.conn.execute(
            "UPDATE ingests SET finished = ?2, read = ?3, indexed = ?4, replaced = ?5, duplicate = ?6,
             skipped = ?7, failed = ?8, deleted = ?9 WHERE run = ?1",
            params![
                run,
                now(),
                to_i64(counts.read),
                to_i64(counts.indexed),
                to_i64(counts.replaced),
                to_i64(counts.duplicate),
                to_i64(counts.skipped),
                to_i64(counts.failed),
                to_i64(counts.deleted)
            ],
        )?;
        Ok(())
    }

    /// The sequence number (SQLite rowid) of the latest item recorded, 0 when
    /// there is none: a watermark for consumers that follow the index
    /// (`rasid export --since`).
    pub fn last_item(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            &format!("SELECT COALESCE(MAX(rowid), 0) FROM items WHERE {}", self.visible),
            [],
            |row| row.get(0),
        )?)
    }

    /// The article changes (indexed, replaced, deleted) recorded after item
    /// `after` and up to item `upto` (both sequence numbers from
    /// [`Catalogue::last_item`]), oldest first.
    pub fn changes(&self, after: i64, upto: i64) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT rowid, article_id, outcome FROM items
             WHERE rowid > ?1 AND rowid <= ?2 AND article_id IS NOT NULL
               AND outcome IN ('indexed', 'replaced', 'deleted') AND {}
             ORDER BY rowid",
            self.visible
        ))?;
        let rows = stmt.query_map(params![after, upto], |row| {
            let outcome: String = row.get(2)?;
            Ok(Change {
                seq: row.get(0)?,
                article_id: row.get(1)?,
                deleted: outcome == Outcome::Deleted.as_str(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every item recorded for an article id, oldest first.
    pub fn history(&self, article_id: &str) -> Result<Vec<Item>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT article_id, path, line, record, outcome, error FROM items WHERE article_id = ?1 AND {} ORDER BY rowid",
            self.visible
        ))?;
        let rows = stmt.query_map([article_id], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the catalogue holds.
    pub fn stats(&self) -> Result<CatalogueStats> {
        let mut stats = CatalogueStats::default();
        let mut stmt = self.conn.prepare(
            "SELECT run, started, finished, args, read, indexed, replaced, duplicate, skipped, failed, deleted
             FROM ingests ORDER BY run",
        )?;
        let runs = stmt.query_map([], |row| {
            let n = |i: usize| row.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0));
            Ok(Run {
                run: row.get(0)?,
                started: row.get(1)?,
                finished: row.get(2)?,
                args: row.get(3)?,
                counts: RunCounts {
                    read: n(4)?,
                    indexed: n(5)?,
                    replaced: n(6)?,
                    duplicate: n(7)?,
                    skipped: n(8)?,
                    failed: n(9)?,
                    deleted: n(10)?,
                },
            })
        })?;
        stats.runs = runs.collect::<rusqlite::Result<Vec<_>>>()?;
        let visible = &self.visible;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT outcome, COUNT(*) FROM items WHERE {visible} GROUP BY outcome ORDER BY 2 DESC, 1"
        ))?;
        let outcomes = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
        for outcome in outcomes {
            let (name, n) = outcome?;
            stats.outcomes.push((name, u64::try_from(n).unwrap_or(0)));
        }
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self.conn.query_row(sql, [], |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        stats.files = count(&format!(
            "SELECT COUNT(DISTINCT path) FROM items WHERE path IS NOT NULL AND {visible}"
        ))?;
        stats.articles = count(&format!(
            "SELECT COUNT(DISTINCT article_id) FROM items WHERE article_id IS NOT NULL AND {visible}"
        ))?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT article_id, path, line, record, outcome, error FROM items
             WHERE outcome IN ('failed', 'skipped') AND {visible} ORDER BY rowid DESC LIMIT 10"
        ))?;
        let errors = stmt.query_map([], item_from_row)?;
        stats.recent_errors = errors.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(stats)
    }
}

/// True when `table` has a column `column`.
fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |row| row.get::<_, String>(1))?;
    for name in names {
        if name? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A connection that reads the database at `path` without creating, locking
/// for writing or changing any file. While a writer is at work (its `-wal`
/// file exists) SQLite's shared-memory index is read as usual; otherwise the
/// database file is complete on its own and is opened as immutable, which
/// needs no `-shm` file (on read-only storage it could not be created).
fn read_only_connection(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let uri = |immutable: bool| {
        let escaped: String = path
            .to_string_lossy()
            .chars()
            .map(|c| match c {
                '%' => "%25".to_owned(),
                '?' => "%3f".to_owned(),
                '#' => "%23".to_owned(),
                c => c.to_string(),
            })
            .collect();
        format!("file:{escaped}?mode=ro{}", if immutable { "&immutable=1" } else { "" })
    };
    if Path::new(&wal).exists() {
        let conn = Connection::open_with_flags(uri(false), flags)?;
        // The first read opens the `-shm` file; on read-only storage that can
        // fail, and the database is then read as it is on disk.
        if conn.query_row("SELECT COUNT(*) FROM meta", [], |_| Ok(())).is_ok() {
            return Ok(conn);
        }
    }
    Ok(Connection::open_with_flags(uri(true), flags)?)
}

fn item_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    let n = |i: usize| {
        row.get::<_, Option<i64>>(i)
            .map(|v| v.and_then(|v| u64::try_from(v).ok()))
    };
    Ok(Item {
        article_id: row.get(0)?,
        path: row.get(1)?,
        line: n(2)?,
        record: n(3)?,
        outcome: row.get(4)?,
        error: row.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_items_and_stats() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Catalogue::open(&dir.path().join("c.sqlite")).unwrap();
        c.set_meta("schema_version", "1").unwrap();
        assert_eq!(c.meta("schema_version").unwrap().as_deref(), Some("1"));
        let run = c.start_run("test").unwrap();
        let failed = Item {
            path: Some("a.jsonl".into()),
            line: Some(3),
            outcome: Outcome::Failed.as_str().into(),
            error: Some("bad JSON".into()),
            ..Item::default()
        };
        c.record(
            run,
            &[
                Item::article("x", Outcome::Indexed),
                Item::article("x", Outcome::Duplicate),
                failed,
            ],
            None,
        )
        .unwrap();
        let mut counts = RunCounts::default();
        counts.count(Outcome::Indexed);
        counts.count(Outcome::Duplicate);
        counts.count(Outcome::Failed);
        c.finish_run(run, &counts).unwrap();
        let stats = c.stats().unwrap();
        assert_eq!(stats.runs.len(), 1);
        assert!(stats.runs[0].finished.is_some());
        assert_eq!(stats.runs[0].counts.read, 3);
        assert_eq!(stats.files, 1);
        assert_eq!(stats.articles, 1);
        assert_eq!(stats.recent_errors.len(), 1);
        assert_eq!(stats.recent_errors[0].line, Some(3));
        assert_eq!(c.history("x").unwrap().len(), 2);
        let last = c.last_item().unwrap();
        assert_eq!(last, 3);
        let changes = c.changes(0, last).unwrap();
        assert_eq!(changes.len(), 1, "duplicates and failures are not changes");
        assert_eq!((changes[0].article_id.as_str(), changes[0].deleted), ("x", false));
        c.record(run, &[Item::article("x", Outcome::Deleted)], None).unwrap();
        let changes = c.changes(last, c.last_item().unwrap()).unwrap();
        assert_eq!((changes.len(), changes[0].deleted), (1, true));
        assert!(c.changes(last, last).unwrap().is_empty());
        // Rows of a commit the index never made (opstamp 9 > 5) are not seen, then deleted.
        c.record(run, &[Item::article("y", Outcome::Indexed)], Some(9)).unwrap();
        let c = c.committed_only(5);
        assert!(c.history("y").unwrap().is_empty());
        assert_eq!(c.reconcile(5).unwrap(), 1);
        let mut c = c.committed_only(9);
        assert!(c.history("y").unwrap().is_empty());
        c.record(run, &[Item::article("y", Outcome::Indexed)], Some(6)).unwrap();
        assert_eq!(c.history("y").unwrap().len(), 1);
    }
}
