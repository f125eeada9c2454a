//! The stories store: a SQLite file beside the index (`<index>/stories.sqlite`)
//! that keeps every processed article's fingerprint, duplicate group and
//! story, the stories' centroids and the vocabulary, so new articles join
//! existing groups and stories without the archive being processed again.
//!
//! Tables:
//! - `meta(key, value)`: `format` (`rasid-stories`), `version`, `docs`
//!   (articles counted in the vocabulary).
//! - `articles(seq, id, published, title, source, exact, signature, grp, story)`:
//!   one row per processed article; `grp` is the `seq` of the first member of
//!   its duplicate group, `story` the id of its story.
//! - `stories(id, first, last, size, centroid, label, follows)`: `follows` is
//!   the story a long affair's episode continues (see [`crate::cluster`]).
//! - `terms(id, key, display, df)`: the vocabulary, read by key and by id
//!   as a build needs it (it is not held whole: it grows with the archive).
//! - `links(seq, other, relation, shared)`: an article (`seq`) and an earlier
//!   one (`other`) that is a `rewrite` of the same source text or `related`
//!   (shared background), with the share of the text they share (the larger
//!   containment); at most [`crate::build::LINKS_PER_ARTICLE`] per article,
//!   kept for the first member of each duplicate group only (its copies share
//!   its links). Copies are not links: they are the `grp` column.
//!
//! - `lines(source, hash, articles)`: for each outlet (`''` for none), in how
//!   many of its stored articles each paragraph key occurs (see
//!   [`crate::boilerplate`]); counts only, no text. Articles forgotten keep
//!   their counts: what an outlet repeated stays learnt. A build reads the
//!   counts of each batch's paragraphs from here, never the whole table:
//!   at an archive of 1M articles it has millions of rows. The articles a
//!   build has learnt but not stored yet are counted in a temporary table of
//!   the build's connection (`pending_lines`, in a file, not in memory), moved
//!   to `lines` as each batch is stored.
//!
//! Version 1 stores (before links, boilerplate and episodes) are migrated
//! when opened: the tables and the `follows` column are added, the next build
//! fills the links of the articles already there from their stored
//! fingerprints; their paragraphs are not counted (delete the store and build
//! again to learn boilerplate from them too).
//!
//! A build holds only the articles and stories within its time window in
//! memory and reads the others back as the window moves: by publication time
//! (`articles_published`), by story span (`stories_last`) and by seq.
//!
//! A build writes its batches in transactions of several batches
//! ([`crate::BATCHES_PER_COMMIT`]), so a build killed at any point leaves the
//! store as it was after the last whole transaction, and the next build
//! carries on from there. Fewer commits write less: each batch's upserts land
//! all over the vocabulary and the paragraph counts, so a commit rewrites
//! about the same pages however few articles it holds.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::cluster::{Story, Term};
use crate::dedup::Relation;
use crate::error::{Result, StoreContext, StoriesError};

/// The store's file name inside an index directory.
pub const STORE_FILE: &str = "stories.sqlite";

const FORMAT: &str = "rasid-stories";
/// The store layout this build writes and reads.
pub const STORE_VERSION: u32 = 3;

/// How long a connection waits for another's write lock before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of the store a reader maps into memory.
const READER_MMAP_BYTES: u64 = 1 << 30;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    published INTEGER,
    title TEXT NOT NULL,
    source TEXT,
    exact INTEGER,
    signature BLOB,
    grp INTEGER NOT NULL,
    story INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_grp ON articles(grp);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS stories(
    id INTEGER PRIMARY KEY,
    first INTEGER,
    last INTEGER,
    size INTEGER NOT NULL,
    centroid BLOB NOT NULL,
    label TEXT NOT NULL,
    follows INTEGER
);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last);
CREATE TABLE IF NOT EXISTS terms(id INTEGER PRIMARY KEY, key TEXT NOT NULL, display TEXT NOT NULL, df INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS terms_key ON terms(key);
CREATE TABLE IF NOT EXISTS links(
    seq INTEGER NOT NULL,
    other INTEGER NOT NULL,
    relation TEXT NOT NULL,
    shared REAL NOT NULL,
    PRIMARY KEY(seq, other)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_other ON links(other);
CREATE TABLE IF NOT EXISTS lines(
    source TEXT NOT NULL,
    hash INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY(source, hash)
) WITHOUT ROWID;
";

/// The temporary table of paragraph counts learnt but not stored yet (see the
/// module's documentation). Temporary tables live in a file: the counts of an
/// update of 500,000 articles are millions of rows, which memory is not for.
const PENDING_LINES: &str = "
PRAGMA temp_store=FILE;
PRAGMA temp.cache_size=-8192;
CREATE TEMP TABLE IF NOT EXISTS pending_lines(
    source TEXT NOT NULL,
    hash INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY(source, hash)
) WITHOUT ROWID;
";

/// The `meta` key set while the links of the articles already stored are
/// still to be found (a store migrated from version 1).
const LINKS_PENDING: &str = "links_pending";

/// What a story is about: its strongest words and names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Key words, as first written.
    pub terms: Vec<String>,
    /// People, places, organisations.
    pub entities: Vec<String>,
}

/// A story as listed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoryInfo {
    /// Its id.
    pub id: i64,
    /// Articles in it, copies included.
    pub articles: u64,
    /// Distinct reports: duplicate groups in it.
    pub reports: u64,
    /// Day of its first article (`YYYY-MM-DD`), when dated.
    pub first: Option<String>,
    /// Day of its last article.
    pub last: Option<String>,
    /// What it is about.
    pub label: Label,
    /// The story it continues: the episode before it of a long affair.
    pub follows: Option<i64>,
}

/// An article of a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// Its duplicate group.
    pub group: i64,
}

/// An article linked to another one: a copy, a rewrite or a related article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Linked {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// For rewrites and related articles: the share of the text the two
    /// share (the larger of each body's share in the other, 0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<f32>,
}

/// What an article is linked to: its story, its copies (which fold under one
/// another in search results), the rewrites of the same source text and the
/// articles sharing some background with it (links only, never folded).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ArticleRelations {
    /// Its story.
    pub story: Option<StoryInfo>,
    /// The other members of its duplicate group, earliest first.
    pub copies: Vec<Linked>,
    /// Rewrites of the same source text, most text shared first.
    pub rewrites: Vec<Linked>,
    /// Articles sharing some of its text (background, a follow-up), most text
    /// shared first. A hint: boilerplate lines can make a link too.
    pub related: Vec<Linked>,
}

/// A link found by a build: article `seq` and an earlier one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NewLink {
    pub seq: i64,
    pub other: i64,
    pub relation: Relation,
    pub shared: f32,
}

/// Where one processed article stands: its duplicate group and story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assignment {
    /// Its sequence number in the store (processing order).
    pub seq: i64,
    /// Article id.
    pub id: String,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// Its duplicate group (the `seq` of the group's first processed member).
    pub group: i64,
    /// Its story.
    pub story: i64,
}

/// Which stories to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Stories with an article on or after this time (Unix seconds).
    pub from: Option<i64>,
    /// Stories with an article before this time.
    pub until: Option<i64>,
    /// Most stories to return.
    pub limit: usize,
    /// Order by latest article first instead of by size.
    pub recent: bool,
}

/// Which stories to browse, a page at a time ([`Store::browse`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoryFilter {
    /// Stories with an article on or after this time (Unix seconds).
    pub from: Option<i64>,
    /// Stories with an article before this time.
    pub until: Option<i64>,
    /// Stories with an article from this source.
    pub source: Option<String>,
    /// Stories of at least this many articles (copies included).
    pub min_articles: Option<u64>,
    /// Stories of at most this many articles.
    pub max_articles: Option<u64>,
    /// Only these stories (those of a text search, say); `None`: no such filter.
    pub among: Option<Vec<i64>>,
    /// Stories to skip (for paging).
    pub offset: usize,
    /// Most stories to return.
    pub limit: usize,
    /// Order by latest article first instead of by size.
    pub recent: bool,
}

/// A page of stories and how many the filter selects in all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StoryPage {
    /// Stories the filter selects, on every page.
    pub total: u64,
    /// This page's.
    pub stories: Vec<StoryInfo>,
}

/// Totals of a store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreCounts {
    /// Articles processed.
    pub articles: u64,
    /// Duplicate groups with two or more members.
    pub duplicate_groups: u64,
    /// Articles that are copies (members of a group other than its first).
    pub copies: u64,
    /// Stories.
    pub stories: u64,
}

/// A stored article, as the build reloads it.
pub(crate) struct StoredRow {
    pub published: Option<i64>,
    pub exact: Option<u64>,
    pub signature: Option<Vec<u8>>,
    pub seq: i64,
    pub grp: i64,
    pub story: i64,
}

/// A new article row.
pub(crate) struct NewRow {
    pub seq: i64,
    pub id: String,
    pub published: Option<i64>,
    pub title: String,
    pub source: Option<String>,
    pub exact: Option<u64>,
    pub signature: Option<Vec<u8>>,
    pub grp: i64,
    pub story: i64,
}

/// Everything one batch changes.
pub(crate) struct Batch<'a> {
    pub rows: Vec<NewRow>,
    /// Each story changed, its label and the id of the story it follows.
    pub stories: Vec<(&'a Story, Label, Option<i64>)>,
    /// `(outlet, paragraph key)` once for each new article having it.
    pub lines: Vec<(String, u64)>,
    pub terms: Vec<(u32, &'a Term)>,
    pub docs: u64,
    pub links: Vec<NewLink>,
}

/// The stories store of one index.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A transaction spanning several batches is open (see
    /// [`Store::begin_commit`]): writes are part of it.
    spanning: bool,
}

/// One write: its own transaction, or part of the transaction a build keeps
/// open over several batches (no savepoint: a build that fails rolls back
/// the whole of it, and a savepoint would copy every page it changes).
enum Write<'a> {
    Own(rusqlite::Transaction<'a>),
    Within(&'a Connection),
}

impl std::ops::Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Write::Own(tx) => tx,
            Write::Within(conn) => conn,
        }
    }
}

impl Write<'_> {
    /// Commits its own transaction; a write within the open one is committed
    /// with it.
    fn commit(self) -> rusqlite::Result<()> {
        match self {
            Write::Own(tx) => tx.commit(),
            Write::Within(_) => Ok(()),
        }
    }
}

/// Connections given back by [`Store::with_reader`], for the next reader,
/// with the file each was opened on.
static READERS: std::sync::Mutex<Vec<(Store, FileId)>> = std::sync::Mutex::new(Vec::new());

/// Most connections kept (each holds a page cache of up to 2 MB).
const KEPT_READERS: usize = 16;

/// Which file a path names now: a store removed and made again is another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    fn of(path: &Path) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, meta.len());
        Some(FileId { device, inode })
    }
}

/// The store path for an index directory.
pub fn store_path(index_dir: &Path) -> PathBuf {
    index_dir.join(STORE_FILE)
}

fn day(seconds: Option<i64>) -> Option<String> {
    let t = jiff::Timestamp::from_second(seconds?).ok()?;
    Some(t.strftime("%Y-%m-%d").to_string())
}

fn bad(path: &Path, reason: String) -> StoriesError {
    StoriesError::BadStore {
        path: path.to_owned(),
        reason,
    }
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn story_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Story> {
    let bytes: Vec<u8> = row.get(4)?;
    Ok(Story::restore(
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        Story::centroid_from_bytes(&bytes),
    ))
}

impl Store {
    /// Opens the store at `path` to build it, creating it when missing.
    ///
    /// Making the tables and migrating an old version is one immediate
    /// transaction, so a reader or a second build that opens the file at the
    /// same moment waits for it instead of meeting a half-made store.
    ///
    /// # Errors
    /// [`StoriesError::Store`] when SQLite cannot open it,
    /// [`StoriesError::BadStore`] for a file of another format or a newer version.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).at(path)?;
        conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))
            .at(path)?;
        conn.execute_batch("PRAGMA synchronous=NORMAL;").at(path)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            spanning: false,
        };
        let tx = store.write()?;
        tx.execute_batch(SCHEMA).at(path)?;
        match Store::stamp(&tx).at(path)? {
            (None, _) => {
                set_meta(&tx, "format", FORMAT).at(path)?;
                set_meta(&tx, "version", &STORE_VERSION.to_string()).at(path)?;
            }
            (Some(format), _) if format != FORMAT => {
                return Err(bad(path, format!("format is {format:?}, not {FORMAT:?}")));
            }
            (Some(_), 1) => {
                // Version 3 added the links and lines tables (made above)
                // and the stories' `follows` column: the articles already
                // stored get their links at the next build.
                tx.execute_batch("ALTER TABLE stories ADD COLUMN follows INTEGER;")
                    .at(path)?;
                set_meta(&tx, LINKS_PENDING, "1").at(path)?;
                set_meta(&tx, "version", &STORE_VERSION.to_string()).at(path)?;
            }
            (Some(_), version) if version != STORE_VERSION => {
                return Err(bad(
                    path,
                    format!(
                        "version {version}; this rasid reads version {STORE_VERSION} (delete the file and run `rasid stories build` again)"
                    ),
                ));
            }
            (Some(_), _) => {}
        }
        tx.commit().at(path)?;
        store.conn.execute_batch(PENDING_LINES).at(path)?;
        Ok(store)
    }

    /// Opens the store of the index in `index_dir` to read it, if there is
    /// one: `None` when no build has made it yet (or the first is still
    /// making its tables). Readers never write, so searches that open the
    /// store while a build writes it neither wait for the build nor stop it;
    /// only a version 1 store is opened to be migrated, once.
    ///
    /// # Errors
    /// [`StoriesError::Store`] when SQLite cannot read it,
    /// [`StoriesError::BadStore`] for a file of another format or version.
    pub fn open_existing(index_dir: &Path) -> Result<Option<Store>> {
        let path = store_path(index_dir);
        if !path.exists() {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).at(&path)?;
        conn.busy_timeout(BUSY_TIMEOUT).at(&path)?;
        // A reader is opened for one search: its pages are read through the
        // OS's page cache (memory-mapped) instead of copied into a cold cache
        // of its own.
        conn.execute_batch(&format!("PRAGMA mmap_size={READER_MMAP_BYTES};"))
            .at(&path)?;
        let made: bool = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
                [],
                |row| row.get(0),
            )
            .at(&path)?;
        if !made {
            return Ok(None);
        }
        match Store::stamp(&conn).at(&path)? {
            (None, _) => Ok(None),
            (Some(format), _) if format != FORMAT => Err(bad(&path, format!("format is {format:?}, not {FORMAT:?}"))),
            (Some(_), STORE_VERSION) => Ok(Some(Store {
                conn,
                path,
                spanning: false,
            })),
            (Some(_), _) => {
                drop(conn);
                Store::open(&path).map(Some)
            }
        }
    }

    /// Runs `read` with a read-only connection to the store of the index in
    /// `index_dir` (`None` when there is no store yet), as
    /// [`Store::open_existing`] opens one, taken from the connections earlier
    /// readers of the same file gave back, and given back after: opening
    /// one (its schema read, its pages mapped) cost a tenth of a search
    /// (issue 19). A kept connection sees every commit made since (each read
    /// is a transaction of its own); one whose file was replaced is dropped.
    ///
    /// # Errors
    /// As [`Store::open_existing`], and those of `read`.
    pub fn with_reader<T, E: From<StoriesError>>(
        index_dir: &Path,
        read: impl FnOnce(Option<&Store>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let path = store_path(index_dir);
        let Some(file) = FileId::of(&path) else {
            return read(None);
        };
        let kept = {
            let mut kept = READERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            kept.retain(|(store, id)| store.path != path || *id == file);
            kept.iter()
                .position(|(store, _)| store.path == path)
                .map(|at| kept.swap_remove(at).0)
        };
        let store = match kept {
            Some(store) => Some(store),
            None => Store::open_existing(index_dir)?,
        };
        let out = read(store.as_ref());
        if let Some(store) = store {
            let mut kept = READERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if kept.len() < KEPT_READERS {
                kept.push((store, file));
            }
        }
        out
    }

    /// Begins a write transaction that holds the write lock from its start
    /// (waiting up to [`BUSY_TIMEOUT`] for it), so that it never has to
    /// upgrade a read to a write while another connection writes; within a
    /// transaction begun by [`Store::begin_commit`], part of it.
    fn write(&mut self) -> Result<Write<'_>> {
        if self.spanning {
            return Ok(Write::Within(&self.conn));
        }
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map(Write::Own)
            .at(&self.path)
    }

    /// Begins one transaction for the writes that follow, until
    /// [`Store::end_commit`]: a build writes several batches in one commit
    /// (see the module's documentation).
    pub(crate) fn begin_commit(&mut self) -> Result<()> {
        if !self.spanning {
            self.conn.execute_batch("BEGIN IMMEDIATE").at(&self.path)?;
            self.spanning = true;
        }
        Ok(())
    }

    /// Commits the transaction of [`Store::begin_commit`] (`commit`), or
    /// rolls it back with every batch written in it (a batch that failed
    /// half-written included). Nothing when none is open.
    pub(crate) fn end_commit(&mut self, commit: bool) -> Result<()> {
        if !std::mem::take(&mut self.spanning) {
            return Ok(());
        }
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        self.conn.execute_batch(sql).at(&self.path)
    }

    /// The store's `format` and `version` (0 when missing or unreadable).
    fn stamp(conn: &Connection) -> rusqlite::Result<(Option<String>, u32)> {
        let get = |key: &str| -> rusqlite::Result<Option<String>> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
                .optional()
        };
        let version = get("version")?.and_then(|v| v.parse().ok()).unwrap_or(0);
        Ok((get("format")?, version))
    }

    /// The SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
            .optional()
            .at(&self.path)
    }

    /// The ids of every processed article.
    pub fn ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles").at(&self.path)?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0)).at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Calls `f` with the id of every processed article, in id (byte) order,
    /// reading them as a stream.
    pub(crate) fn each_id(&self, f: &mut dyn FnMut(&str)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY id")
            .at(&self.path)?;
        let mut rows = stmt.query([]).at(&self.path)?;
        while let Some(row) = rows.next().at(&self.path)? {
            let id = row
                .get_ref(0)
                .and_then(|v| v.as_str().map_err(Into::into))
                .at(&self.path)?;
            f(id);
        }
        Ok(())
    }

    /// Forgets articles (deleted from the index); stories left empty go too.
    /// A group whose first member goes is then known by its next one.
    pub fn remove(&mut self, ids: &[String]) -> Result<usize> {
        let path = self.path.clone();
        let tx = self.write()?;
        let mut removed = 0;
        {
            let mut seq_of = tx.prepare("SELECT seq FROM articles WHERE id = ?1").at(&path)?;
            let mut gone = Vec::new();
            for id in ids {
                if let Some(seq) = seq_of
                    .query_row([id], |row| row.get::<_, i64>(0))
                    .optional()
                    .at(&path)?
                {
                    gone.push(seq);
                }
            }
            let mut unlink = tx
                .prepare(
                    "DELETE FROM links WHERE seq IN (SELECT seq FROM articles WHERE id = ?1)
                     OR other IN (SELECT seq FROM articles WHERE id = ?1)",
                )
                .at(&path)?;
            let mut delete = tx.prepare("DELETE FROM articles WHERE id = ?1").at(&path)?;
            for id in ids {
                unlink.execute([id]).at(&path)?;
                removed += delete.execute([id]).at(&path)?;
            }
            let mut next = tx.prepare("SELECT MIN(seq) FROM articles WHERE grp = ?1").at(&path)?;
            let mut relabel = tx.prepare("UPDATE articles SET grp = ?2 WHERE grp = ?1").at(&path)?;
            for seq in gone {
                if let Some(first) = next.query_row([seq], |row| row.get::<_, Option<i64>>(0)).at(&path)? {
                    relabel.execute(params![seq, first]).at(&path)?;
                }
            }
        }
        tx.execute_batch(
            "UPDATE stories SET size = (SELECT COUNT(*) FROM articles WHERE story = stories.id);
             DELETE FROM stories WHERE size = 0;",
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        Ok(removed)
    }

    /// The stored articles published after `after` (none: from the first)
    /// up to `until` (none: to the last), or with no date when `undated`, in
    /// processing order.
    pub(crate) fn rows(&self, after: Option<i64>, until: Option<i64>, undated: bool) -> Result<Vec<StoredRow>> {
        let sql = if undated {
            "SELECT seq, exact, signature, grp, story, published FROM articles WHERE published IS NULL ORDER BY seq"
        } else {
            "SELECT seq, exact, signature, grp, story, published FROM articles
             WHERE published > ?1 AND published <= ?2 ORDER BY seq"
        };
        let mut stmt = self.conn.prepare_cached(sql).at(&self.path)?;
        let read = |row: &rusqlite::Row<'_>| {
            Ok(StoredRow {
                seq: row.get(0)?,
                exact: row.get::<_, Option<i64>>(1)?.map(|v| v as u64),
                signature: row.get(2)?,
                grp: row.get(3)?,
                story: row.get(4)?,
                published: row.get(5)?,
            })
        };
        let rows = if undated {
            stmt.query_map([], read)
        } else {
            stmt.query_map(params![after.unwrap_or(i64::MIN), until.unwrap_or(i64::MAX)], read)
        }
        .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The earliest publication time stored after `after`.
    pub(crate) fn next_published(&self, after: i64) -> Result<Option<i64>> {
        self.conn
            .prepare_cached("SELECT MIN(published) FROM articles WHERE published > ?1")
            .at(&self.path)?
            .query_row([after], |row| row.get(0))
            .at(&self.path)
    }

    /// The story and the signature of the stored article `seq`.
    pub(crate) fn story_and_signature(&self, seq: i64) -> Result<Option<(i64, Option<Vec<u8>>)>> {
        self.conn
            .prepare_cached("SELECT story, signature FROM articles WHERE seq = ?1")
            .at(&self.path)?
            .query_row([seq], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()
            .at(&self.path)
    }

    /// Which of these ids the store holds.
    pub(crate) fn known(&self, ids: &[&str]) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
            .at(&self.path)?;
        let mut out = HashSet::new();
        for id in ids {
            if stmt.exists([id]).at(&self.path)? {
                out.insert((*id).to_owned());
            }
        }
        Ok(out)
    }

    /// The latest publication time stored, the highest story id and the
    /// next article seq.
    pub(crate) fn extent(&self) -> Result<(Option<i64>, i64, i64)> {
        self.conn
            .query_row(
                "SELECT (SELECT MAX(published) FROM articles), (SELECT COALESCE(MAX(id), 0) FROM stories),
                        (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .at(&self.path)
    }

    /// The stories with no date and those whose last article is at or after
    /// `last_from` and first at or before `first_until`, with their centroids.
    pub(crate) fn stories_within(&self, last_from: i64, first_until: i64) -> Result<Vec<Story>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, first, last, size, centroid FROM stories
                 WHERE last IS NULL OR (last >= ?1 AND first <= ?2) ORDER BY id",
            )
            .at(&self.path)?;
        let rows = stmt.query_map([last_from, first_until], story_row).at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The story of this id, with its centroid.
    pub(crate) fn story_state(&self, id: i64) -> Result<Option<Story>> {
        self.conn
            .prepare_cached("SELECT id, first, last, size, centroid FROM stories WHERE id = ?1")
            .at(&self.path)?
            .query_row([id], story_row)
            .optional()
            .at(&self.path)
    }

    /// The id the next new term of the vocabulary gets, and the number of
    /// articles counted.
    pub(crate) fn term_extent(&self) -> Result<(u32, u64)> {
        let next: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id) + 1, 0) FROM terms", [], |row| row.get(0))
            .at(&self.path)?;
        let next = u32::try_from(next).map_err(|_| bad(&self.path, format!("term id {next} out of range")))?;
        let docs = self.meta("docs")?.and_then(|d| d.parse().ok()).unwrap_or(0);
        Ok((next, docs))
    }

    /// The terms of the vocabulary with these keys (those it has), with their ids.
    pub(crate) fn terms_by_key<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Result<Vec<(u32, Term)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, display, df FROM terms WHERE key = ?1")
            .at(&self.path)?;
        let mut out = Vec::new();
        for key in keys {
            let found = stmt
                .query_row([key], |row| {
                    Ok((
                        row.get::<_, u32>(0)?,
                        Term {
                            key: key.to_owned(),
                            display: row.get(1)?,
                            df: row.get(2)?,
                        },
                    ))
                })
                .optional()
                .at(&self.path)?;
            out.extend(found);
        }
        Ok(out)
    }

    /// The terms of the vocabulary with these ids (those it has).
    pub(crate) fn terms_by_id(&self, ids: impl IntoIterator<Item = u32>) -> Result<Vec<(u32, Term)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, display, df FROM terms WHERE id = ?1")
            .at(&self.path)?;
        let mut out = Vec::new();
        for id in ids {
            let found = stmt
                .query_row([id], |row| {
                    Ok(Term {
                        key: row.get(0)?,
                        display: row.get(1)?,
                        df: row.get(2)?,
                    })
                })
                .optional()
                .at(&self.path)?;
            out.extend(found.map(|term| (id, term)));
        }
        Ok(out)
    }

    /// Counts one more article, learnt but not stored yet, for each
    /// `(outlet, paragraph key)` (`''` for no outlet).
    ///
    /// # Errors
    /// When SQLite cannot write its temporary file.
    pub(crate) fn learn_lines(&self, keys: &[(String, u64)]) -> Result<()> {
        // Only the temporary table is written: the store itself stays unlocked
        // (unless a build's transaction is open, which this joins).
        let tx = if self.spanning {
            None
        } else {
            Some(self.conn.unchecked_transaction().at(&self.path)?)
        };
        {
            let mut add = self
                .conn
                .prepare_cached(
                    "INSERT INTO pending_lines(source, hash, articles) VALUES (?1, ?2, 1)
                     ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1",
                )
                .at(&self.path)?;
            for (source, key) in keys {
                add.execute(params![source, *key as i64]).at(&self.path)?;
            }
        }
        tx.map_or(Ok(()), |tx| tx.commit().at(&self.path))
    }

    /// Forgets the counts learnt and not stored (a build starts with the
    /// stored counts only).
    ///
    /// # Errors
    /// When SQLite cannot write its temporary file.
    pub(crate) fn forget_pending_lines(&self) -> Result<()> {
        self.conn.execute("DELETE FROM pending_lines", []).at(&self.path)?;
        Ok(())
    }

    /// In how many stored articles of `source` each of these paragraph keys occurs.
    pub fn line_counts(&self, source: Option<&str>, keys: &[u64]) -> Result<HashMap<u64, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT articles FROM lines WHERE source = ?1 AND hash = ?2")
            .at(&self.path)?;
        let mut out = HashMap::with_capacity(keys.len());
        for &key in keys {
            let n: Option<u32> = stmt
                .query_row(params![source.unwrap_or_default(), key as i64], |row| row.get(0))
                .optional()
                .at(&self.path)?;
            if let Some(n) = n {
                out.insert(key, n);
            }
        }
        Ok(out)
    }

    /// In how many articles of `source` (`''` for none), stored or learnt by
    /// this connection's build, each of these paragraph keys occurs (keys in
    /// none are left out).
    ///
    /// # Errors
    /// When the store cannot be read.
    pub(crate) fn learnt_line_counts(
        &self,
        source: &str,
        keys: impl IntoIterator<Item = u64>,
    ) -> Result<HashMap<u64, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT coalesce((SELECT articles FROM lines WHERE source = ?1 AND hash = ?2), 0)
                      + coalesce((SELECT articles FROM pending_lines WHERE source = ?1 AND hash = ?2), 0)",
            )
            .at(&self.path)?;
        let mut out = HashMap::new();
        for key in keys {
            let n: u32 = stmt
                .query_row(params![source, key as i64], |row| row.get(0))
                .at(&self.path)?;
            if n > 0 {
                out.insert(key, n);
            }
        }
        Ok(out)
    }

    /// Writes one batch in one transaction, or within the one open (see
    /// [`Store::begin_commit`]).
    pub(crate) fn save(&mut self, batch: &Batch<'_>) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write()?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles(seq, id, published, title, source, exact, signature, grp, story)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .at(&path)?;
            for r in &batch.rows {
                insert
                    .execute(params![
                        r.seq,
                        r.id,
                        r.published,
                        r.title,
                        r.source,
                        r.exact.map(|v| v as i64),
                        r.signature,
                        r.grp,
                        r.story
                    ])
                    .at(&path)?;
            }
            let mut story = tx
                .prepare_cached(
                    "INSERT INTO stories(id, first, last, size, centroid, label, follows) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(id) DO UPDATE SET first = excluded.first, last = excluded.last,
                     size = excluded.size, centroid = excluded.centroid, label = excluded.label",
                )
                .at(&path)?;
            for (s, label, follows) in &batch.stories {
                let label = serde_json::to_string(label).unwrap_or_default();
                story
                    .execute(params![
                        s.id,
                        s.first,
                        s.last,
                        s.size,
                        s.centroid_bytes(),
                        label,
                        follows
                    ])
                    .at(&path)?;
            }
            let mut line = tx
                .prepare_cached(
                    "INSERT INTO lines(source, hash, articles) VALUES (?1, ?2, 1)
                     ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1",
                )
                .at(&path)?;
            let mut stored = tx
                .prepare_cached("UPDATE pending_lines SET articles = articles - 1 WHERE source = ?1 AND hash = ?2")
                .at(&path)?;
            for (source, hash) in &batch.lines {
                line.execute(params![source, *hash as i64]).at(&path)?;
                stored.execute(params![source, *hash as i64]).at(&path)?;
            }
            let mut term = tx
                .prepare_cached(
                    "INSERT INTO terms(id, key, display, df) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(id) DO UPDATE SET df = excluded.df",
                )
                .at(&path)?;
            for (id, t) in &batch.terms {
                term.execute(params![id, t.key, t.display, t.df]).at(&path)?;
            }
            set_meta(&tx, "docs", &batch.docs.to_string()).at(&path)?;
            insert_links(&tx, &batch.links).at(&path)?;
        }
        tx.commit().at(&path)
    }

    /// True while the articles stored before links were kept (a store made
    /// by version 1) have not had theirs found yet.
    pub fn links_pending(&self) -> Result<bool> {
        Ok(self.meta(LINKS_PENDING)?.is_some())
    }

    /// Writes the links found for the articles already stored, and marks
    /// them found, in one transaction.
    pub(crate) fn save_backfill(&mut self, links: &[NewLink]) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write()?;
        insert_links(&tx, links).at(&path)?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [LINKS_PENDING])
            .at(&path)?;
        tx.commit().at(&path)
    }

    /// What article `id` is linked to: its story, its copies and, at most
    /// `most` of each, its rewrites and related articles. `None` when the
    /// stories build has not seen the article.
    ///
    /// A copy's rewrites and related articles are those of its whole group,
    /// and a linked group shows once, by the member that shares the most.
    pub fn relations(&self, id: &str, most: usize) -> Result<Option<ArticleRelations>> {
        let found: Option<(i64, i64, i64)> = self
            .conn
            .query_row("SELECT seq, grp, story FROM articles WHERE id = ?1", [id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()
            .at(&self.path)?;
        let Some((seq, grp, story)) = found else {
            return Ok(None);
        };
        let limit = i64::try_from(most).unwrap_or(i64::MAX);
        let mut out = ArticleRelations {
            story: match self.story(story) {
                Ok(info) => Some(info),
                Err(StoriesError::UnknownStory(_)) => None,
                Err(e) => return Err(e),
            },
            ..ArticleRelations::default()
        };
        // The group, its first members first (the links are theirs).
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, id, title, source, published FROM articles WHERE grp = ?1
                 ORDER BY seq LIMIT ?2",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map(params![grp, MAX_GROUP_READ], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    Linked {
                        id: row.get(1)?,
                        title: row.get(2)?,
                        source: row.get(3)?,
                        published: row.get(4)?,
                        shared: None,
                    },
                ))
            })
            .at(&self.path)?;
        let group: Vec<(i64, Linked)> = rows.collect::<rusqlite::Result<_>>().at(&self.path)?;
        let members: HashSet<i64> = group.iter().map(|(s, _)| *s).collect();
        let mut copies: Vec<Linked> = group.into_iter().filter(|(s, _)| *s != seq).map(|(_, l)| l).collect();
        copies.sort_by_key(|c| (c.published.is_none(), c.published));
        copies.truncate(most);
        out.copies = copies;
        // Each linked article with its best link from any member.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT other, relation, shared FROM links WHERE seq = ?1
                 UNION ALL SELECT seq, relation, shared FROM links WHERE other = ?1
                 ORDER BY 3 DESC, 1 LIMIT ?2",
            )
            .at(&self.path)?;
        let mut best: HashMap<i64, (String, f64)> = HashMap::new();
        for member in &members {
            let rows = stmt
                .query_map(params![member, limit.saturating_mul(4)], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, f64>(2)?))
                })
                .at(&self.path)?;
            for row in rows {
                let (other, relation, shared) = row.at(&self.path)?;
                if members.contains(&other) {
                    continue;
                }
                let slot = best.entry(other).or_insert((relation.clone(), shared));
                if shared > slot.1 {
                    *slot = (relation, shared);
                }
            }
        }
        let mut linked: Vec<(i64, String, f64)> = best.into_iter().map(|(o, (r, s))| (o, r, s)).collect();
        linked.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut stmt = self
            .conn
            .prepare("SELECT id, title, source, published, grp FROM articles WHERE seq = ?1")
            .at(&self.path)?;
        let mut groups_seen: HashSet<i64> = HashSet::new();
        for (other, relation, shared) in linked {
            let row = stmt
                .query_row([other], |row| {
                    Ok((
                        Linked {
                            id: row.get(0)?,
                            title: row.get(1)?,
                            source: row.get(2)?,
                            published: row.get(3)?,
                            shared: Some((shared * 1000.0).round() as f32 / 1000.0),
                        },
                        row.get::<_, i64>(4)?,
                    ))
                })
                .optional()
                .at(&self.path)?;
            let Some((link, other_group)) = row else { continue };
            if other_group == grp || !groups_seen.insert(other_group) {
                continue;
            }
            let list = match Relation::parse(&relation) {
                Some(Relation::Rewrite) => &mut out.rewrites,
                Some(Relation::Related) => &mut out.related,
                _ => continue,
            };
            if list.len() < most {
                list.push(link);
            }
        }
        Ok(Some(out))
    }

    /// Totals.
    pub fn counts(&self) -> Result<StoreCounts> {
        self.conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM articles),
                        (SELECT COUNT(*) FROM (SELECT grp FROM articles GROUP BY grp HAVING COUNT(*) > 1)),
                        (SELECT COUNT(*) - COUNT(DISTINCT grp) FROM articles),
                        (SELECT COUNT(*) FROM stories)",
                [],
                |row| {
                    Ok(StoreCounts {
                        articles: row.get(0)?,
                        duplicate_groups: row.get(1)?,
                        copies: row.get(2)?,
                        stories: row.get(3)?,
                    })
                },
            )
            .at(&self.path)
    }

    /// Stories, biggest (in distinct reports) or latest first.
    pub fn stories(&self, q: &ListQuery) -> Result<Vec<StoryInfo>> {
        let order = if q.recent {
            "s.last IS NULL, s.last DESC, reports DESC"
        } else {
            "reports DESC, articles DESC, s.last IS NULL, s.last DESC"
        };
        let sql = format!(
            "SELECT s.id, COUNT(a.seq) AS articles, COUNT(DISTINCT a.grp) AS reports, s.first, s.last, s.label, s.follows
             FROM stories s JOIN articles a ON a.story = s.id
             WHERE (?1 IS NULL OR s.last >= ?1) AND (?2 IS NULL OR s.first < ?2)
             GROUP BY s.id ORDER BY {order}, s.id LIMIT ?3"
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![q.from, q.until, limit], story_info)
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// A page of the stories a filter selects, biggest (or latest) first, with
    /// their number in all.
    pub fn browse(&self, f: &StoryFilter) -> Result<StoryPage> {
        let order = if f.recent {
            "s.last IS NULL, s.last DESC, reports DESC"
        } else {
            "reports DESC, articles DESC, s.last IS NULL, s.last DESC"
        };
        let selected =
            "SELECT s.id, COUNT(a.seq) AS articles, COUNT(DISTINCT a.grp) AS reports, s.first, s.last, s.label, s.follows
             FROM stories s JOIN articles a ON a.story = s.id
             WHERE (?1 IS NULL OR s.last >= ?1) AND (?2 IS NULL OR s.first < ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM articles b WHERE b.story = s.id AND b.source = ?3))
               AND (?4 IS NULL OR s.id IN (SELECT value FROM json_each(?4)))
             GROUP BY s.id
             HAVING (?5 IS NULL OR COUNT(a.seq) >= ?5) AND (?6 IS NULL OR COUNT(a.seq) <= ?6)";
        let among = f
            .among
            .as_ref()
            .map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned()));
        let size = |n: Option<u64>| n.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
        let (min, max) = (size(f.min_articles), size(f.max_articles));
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT COUNT(*) FROM ({selected})"),
                params![f.from, f.until, f.source, among, min, max],
                |row| row.get(0),
            )
            .at(&self.path)?;
        let sql = format!("{selected} ORDER BY {order}, s.id LIMIT ?7 OFFSET ?8");
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let limit = i64::try_from(f.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(f.offset).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(
                params![f.from, f.until, f.source, among, min, max, limit, offset],
                story_info,
            )
            .at(&self.path)?;
        Ok(StoryPage {
            total: u64::try_from(total).unwrap_or(0),
            stories: rows.collect::<rusqlite::Result<_>>().at(&self.path)?,
        })
    }

    /// One story.
    ///
    /// # Errors
    /// [`StoriesError::UnknownStory`] when there is none with this id.
    pub fn story(&self, id: i64) -> Result<StoryInfo> {
        self.conn
            .query_row(
                "SELECT s.id, COUNT(a.seq), COUNT(DISTINCT a.grp), s.first, s.last, s.label, s.follows
                 FROM stories s JOIN articles a ON a.story = s.id WHERE s.id = ?1 GROUP BY s.id",
                [id],
                story_info,
            )
            .optional()
            .at(&self.path)?
            .ok_or(StoriesError::UnknownStory(id))
    }

    /// A story's articles, earliest first (undated last).
    pub fn members(&self, story: i64) -> Result<Vec<Member>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, title, source, published, grp FROM articles WHERE story = ?1
                 ORDER BY published IS NULL, published, seq",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([story], |row| {
                Ok(Member {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    source: row.get(2)?,
                    published: row.get(3)?,
                    group: row.get(4)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Every processed article with its group and story, in processing order.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, id, published, grp, story FROM articles ORDER BY seq")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(Assignment {
                    seq: row.get(0)?,
                    id: row.get(1)?,
                    published: row.get(2)?,
                    group: row.get(3)?,
                    story: row.get(4)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The duplicate group and story of each of these ids the store knows.
    pub fn groups_of(&self, ids: &[String]) -> Result<HashMap<String, (i64, i64)>> {
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!("SELECT id, grp, story FROM articles WHERE id IN ({marks})");
            let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
            let rows = stmt
                .query_map(params_from_iter(chunk.iter()), |row| {
                    Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
                })
                .at(&self.path)?;
            for row in rows {
                let (id, value) = row.at(&self.path)?;
                out.insert(id, value);
            }
        }
        Ok(out)
    }

    /// A story's strongest terms: (key, display, weight), strongest first.
    pub fn story_terms(&self, story: i64, n: usize) -> Result<Vec<(String, String, f32)>> {
        let bytes: Vec<u8> = self
            .conn
            .query_row("SELECT centroid FROM stories WHERE id = ?1", [story], |row| row.get(0))
            .optional()
            .at(&self.path)?
            .ok_or(StoriesError::UnknownStory(story))?;
        let mut weights: Vec<(u32, f32)> = Story::centroid_from_bytes(&bytes).into_iter().collect();
        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weights.truncate(n);
        let mut stmt = self
            .conn
            .prepare("SELECT key, display FROM terms WHERE id = ?1")
            .at(&self.path)?;
        let mut out = Vec::with_capacity(weights.len());
        for (id, weight) in weights {
            let term: Option<(String, String)> = stmt
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
                .at(&self.path)?;
            if let Some((key, display)) = term {
                out.push((key, display, weight));
            }
        }
        Ok(out)
    }
}

/// Most members of a duplicate group read for an article's relations.
const MAX_GROUP_READ: i64 = 200;

fn insert_links(tx: &Connection, links: &[NewLink]) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO links(seq, other, relation, shared) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(seq, other) DO UPDATE SET relation = excluded.relation, shared = excluded.shared",
    )?;
    for link in links {
        insert.execute(params![
            link.seq,
            link.other,
            link.relation.name(),
            f64::from(link.shared)
        ])?;
    }
    Ok(())
}

fn story_info(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoryInfo> {
    let label: String = row.get(5)?;
    Ok(StoryInfo {
        id: row.get(0)?,
        articles: row.get(1)?,
        reports: row.get(2)?,
        first: day(row.get(3)?),
        last: day(row.get(4)?),
        label: serde_json::from_str(&label).unwrap_or_default(),
        follows: row.get(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept reader sees what was written after it was given back, and one
    /// whose file was made again is not reused.
    #[test]
    fn kept_readers_see_new_commits_and_a_store_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(dir.path());
        let ids = || {
            let ids = Store::with_reader(dir.path(), |store| store.unwrap().ids()).unwrap();
            let mut ids: Vec<String> = ids.into_iter().collect();
            ids.sort();
            ids
        };
        assert!(Store::with_reader(dir.path(), |store| Ok::<_, StoriesError>(store.is_none())).unwrap());
        let insert = |id: &str| {
            Store::open(&path)
                .unwrap()
                .conn
                .execute(
                    "INSERT INTO articles(seq, id, published, title, grp, story) VALUES (?1, ?2, NULL, 'T', 1, 1)",
                    (id.len(), id),
                )
                .unwrap();
        };
        insert("a");
        assert_eq!(ids(), ["a"]);
        insert("bb");
        assert_eq!(ids(), ["a", "bb"]);
        for file in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{file}", path.display()));
        }
        insert("ccc");
        assert_eq!(ids(), ["ccc"]);
    }

    #[test]
    fn paragraph_counts_learnt_move_to_the_store_without_changing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let counts = |store: &Store, source: &str| store.learnt_line_counts(source, [1, 2, 3]).unwrap();
        store
            .learn_lines(&[("x".into(), 1), ("x".into(), 2), ("x".into(), 1), ("".into(), 1)])
            .unwrap();
        assert_eq!(counts(&store, "x"), HashMap::from([(1, 2), (2, 1)]));
        assert_eq!(counts(&store, ""), HashMap::from([(1, 1)]));
        // One of the two articles with key 1 is stored: the sum holds.
        let batch = Batch {
            rows: Vec::new(),
            stories: Vec::new(),
            lines: vec![("x".into(), 1)],
            terms: Vec::new(),
            docs: 0,
            links: Vec::new(),
        };
        store.save(&batch).unwrap();
        assert_eq!(counts(&store, "x"), HashMap::from([(1, 2), (2, 1)]));
        // A new build forgets what was learnt and not stored, not what was stored.
        store.forget_pending_lines().unwrap();
        assert_eq!(counts(&store, "x"), HashMap::from([(1, 1)]));
        let again = Store::open(&dir.path().join("s.sqlite")).unwrap();
        assert_eq!(counts(&again, "x"), HashMap::from([(1, 1)]));
        assert!(counts(&again, "").is_empty());
    }

    #[test]
    fn foreign_and_future_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        Store::open(&path).unwrap();
        {
            let store = Store::open(&path).unwrap();
            set_meta(&store.conn, "version", "99").unwrap();
        }
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("version 99"), "{err}");
        std::fs::write(dir.path().join("junk.sqlite"), b"not a database at all, just text").unwrap();
        let err = Store::open(&dir.path().join("junk.sqlite")).unwrap_err();
        assert!(err.to_string().contains("junk.sqlite"), "{err}");
    }

    #[test]
    fn assignments_list_every_processed_article() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        assert!(store.assignments().unwrap().is_empty());
        store
            .conn
            .execute_batch(
                "INSERT INTO articles(seq, id, published, title, grp, story) VALUES
                 (2, 'b', NULL, 'B', 1, 9), (1, 'a', 100, 'A', 1, 9);",
            )
            .unwrap();
        let all = store.assignments().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].id.as_str(), all[0].published, all[0].group, all[0].story),
            ("a", Some(100), 1, 9)
        );
        assert_eq!((all[1].seq, all[1].published), (2, None));
    }

    #[test]
    fn browse_filters_pages_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        // Story 1: three articles (two reports), youm7 and ahram, days 100..300;
        // story 2: one article, ahram, day 1000; story 3: two undated, sana.
        store
            .conn
            .execute_batch(
                "INSERT INTO stories(id, first, last, size, centroid, label) VALUES
                 (1, 100, 300, 3, x'', '{\"terms\":[\"a\"],\"entities\":[]}'),
                 (2, 1000, 1000, 1, x'', '{}'),
                 (3, NULL, NULL, 2, x'', '{}');
                 INSERT INTO articles(seq, id, published, title, source, grp, story) VALUES
                 (1, 'a', 100, 'A', 'youm7', 1, 1), (2, 'b', 200, 'B', 'ahram', 1, 1),
                 (3, 'c', 300, 'C', 'ahram', 3, 1), (4, 'd', 1000, 'D', 'ahram', 4, 2),
                 (5, 'e', NULL, 'E', 'sana', 5, 3), (6, 'f', NULL, 'F', 'sana', 6, 3);",
            )
            .unwrap();
        let ids = |f: StoryFilter| -> (u64, Vec<i64>) {
            let page = store.browse(&StoryFilter { limit: 10, ..f }).unwrap();
            (page.total, page.stories.iter().map(|s| s.id).collect())
        };
        assert_eq!(ids(StoryFilter::default()), (3, vec![1, 3, 2]));
        assert_eq!(
            ids(StoryFilter {
                recent: true,
                ..StoryFilter::default()
            }),
            (3, vec![2, 1, 3])
        );
        let second = store
            .browse(&StoryFilter {
                limit: 1,
                offset: 1,
                ..StoryFilter::default()
            })
            .unwrap();
        assert_eq!((second.total, second.stories[0].id), (3, 3));
        assert_eq!(
            ids(StoryFilter {
                source: Some("ahram".into()),
                ..StoryFilter::default()
            }),
            (2, vec![1, 2])
        );
        assert_eq!(
            ids(StoryFilter {
                from: Some(500),
                ..StoryFilter::default()
            }),
            (1, vec![2])
        );
        assert_eq!(
            ids(StoryFilter {
                until: Some(150),
                ..StoryFilter::default()
            }),
            (1, vec![1])
        );
        assert_eq!(
            ids(StoryFilter {
                min_articles: Some(2),
                ..StoryFilter::default()
            }),
            (2, vec![1, 3])
        );
        assert_eq!(
            ids(StoryFilter {
                max_articles: Some(2),
                ..StoryFilter::default()
            }),
            (2, vec![3, 2])
        );
        assert_eq!(
            ids(StoryFilter {
                among: Some(vec![2, 3]),
                ..StoryFilter::default()
            }),
            (2, vec![3, 2])
        );
        assert_eq!(
            ids(StoryFilter {
                among: Some(vec![]),
                ..StoryFilter::default()
            }),
            (0, vec![])
        );
    }

    #[test]
    fn unknown_story_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        assert!(matches!(store.story(7), Err(StoriesError::UnknownStory(7))));
        assert!(store
            .stories(&ListQuery {
                limit: 10,
                ..ListQuery::default()
            })
            .unwrap()
            .is_empty());
        assert_eq!(store.counts().unwrap(), StoreCounts::default());
    }
}
