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
//! - `terms(id, key, display, df)`: the vocabulary.
//! - `lines(source, hash, articles)`: for each outlet (`''` for none), in how
//!   many of its stored articles each paragraph key occurs (see
//!   [`crate::boilerplate`]); counts only, no text. Articles forgotten keep
//!   their counts: what an outlet repeated stays learnt.
//!
//! Each batch of a build is written in one transaction, so a build killed at
//! any point leaves the store as it was after the last whole batch, and the
//! next build carries on from there.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::cluster::{Story, Term};
use crate::error::{Result, StoreContext, StoriesError};

/// The store's file name inside an index directory.
pub const STORE_FILE: &str = "stories.sqlite";

const FORMAT: &str = "rasid-stories";
/// The store layout this build writes and reads.
pub const STORE_VERSION: u32 = 2;

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
CREATE TABLE IF NOT EXISTS stories(
    id INTEGER PRIMARY KEY,
    first INTEGER,
    last INTEGER,
    size INTEGER NOT NULL,
    centroid BLOB NOT NULL,
    label TEXT NOT NULL,
    follows INTEGER
);
CREATE TABLE IF NOT EXISTS terms(id INTEGER PRIMARY KEY, key TEXT NOT NULL, display TEXT NOT NULL, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lines(
    source TEXT NOT NULL,
    hash INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY(source, hash)
) WITHOUT ROWID;
";

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
    pub id: String,
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
    pub regroup: Vec<(i64, i64)>,
    /// Each story changed, its label and the id of the story it follows.
    pub stories: Vec<(&'a Story, Label, Option<i64>)>,
    /// `(outlet, paragraph key)` once for each new article having it.
    pub lines: Vec<(String, u64)>,
    pub terms: Vec<(u32, &'a Term)>,
    pub docs: u64,
}

/// The stories store of one index.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The store path for an index directory.
pub fn store_path(index_dir: &Path) -> PathBuf {
    index_dir.join(STORE_FILE)
}

fn day(seconds: Option<i64>) -> Option<String> {
    let t = jiff::Timestamp::from_second(seconds?).ok()?;
    Some(t.strftime("%Y-%m-%d").to_string())
}

impl Store {
    /// Opens the store at `path`, creating it when missing.
    ///
    /// # Errors
    /// [`StoriesError::Store`] when SQLite cannot open it,
    /// [`StoriesError::BadStore`] for a file of another format or a newer version.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).at(path)?;
        conn.busy_timeout(Duration::from_secs(10)).at(path)?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))
            .at(path)?;
        conn.execute_batch("PRAGMA synchronous=NORMAL;").at(path)?;
        conn.execute_batch(SCHEMA).at(path)?;
        let store = Store {
            conn,
            path: path.to_owned(),
        };
        match store.meta("format")? {
            None => {
                store.set_meta("format", FORMAT)?;
                store.set_meta("version", &STORE_VERSION.to_string())?;
            }
            Some(format) if format != FORMAT => {
                return Err(store.bad(format!("format is {format:?}, not {FORMAT:?}")));
            }
            Some(_) => {
                let version: u32 = store.meta("version")?.and_then(|v| v.parse().ok()).unwrap_or(0);
                if version != STORE_VERSION {
                    return Err(store.bad(format!(
                        "version {version}; this rasid reads version {STORE_VERSION} (delete the file and run `rasid stories build` again)"
                    )));
                }
            }
        }
        Ok(store)
    }

    /// Opens the store of the index in `index_dir` if there is one.
    pub fn open_existing(index_dir: &Path) -> Result<Option<Store>> {
        let path = store_path(index_dir);
        if !path.exists() {
            return Ok(None);
        }
        Store::open(&path).map(Some)
    }

    /// The SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn bad(&self, reason: String) -> StoriesError {
        StoriesError::BadStore {
            path: self.path.clone(),
            reason,
        }
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
            .optional()
            .at(&self.path)
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .at(&self.path)?;
        Ok(())
    }

    /// The ids of every processed article.
    pub fn ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles").at(&self.path)?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0)).at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Forgets articles (deleted from the index); stories left empty go too.
    pub fn remove(&mut self, ids: &[String]) -> Result<usize> {
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        let mut removed = 0;
        {
            let mut delete = tx.prepare("DELETE FROM articles WHERE id = ?1").at(&path)?;
            for id in ids {
                removed += delete.execute([id]).at(&path)?;
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

    /// Every stored article, in processing order.
    pub(crate) fn rows(&self) -> Result<Vec<StoredRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, exact, signature, grp, story, id FROM articles ORDER BY seq")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(StoredRow {
                    seq: row.get(0)?,
                    exact: row.get::<_, Option<i64>>(1)?.map(|v| v as u64),
                    signature: row.get(2)?,
                    grp: row.get(3)?,
                    story: row.get(4)?,
                    id: row.get(5)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Every story, with its centroid.
    pub(crate) fn all_stories(&self) -> Result<Vec<Story>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, first, last, size, centroid FROM stories ORDER BY id")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |row| {
                let bytes: Vec<u8> = row.get(4)?;
                Ok(Story::restore(
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    Story::centroid_from_bytes(&bytes),
                ))
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The vocabulary (`terms[i]` has id `i`) and the number of articles counted.
    pub(crate) fn terms(&self) -> Result<(Vec<Term>, u64)> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, key, display, df FROM terms ORDER BY id")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    Term {
                        key: row.get(1)?,
                        display: row.get(2)?,
                        df: row.get(3)?,
                    },
                ))
            })
            .at(&self.path)?;
        let mut terms = Vec::new();
        for row in rows {
            let (id, term) = row.at(&self.path)?;
            if id != terms.len() as i64 {
                return Err(self.bad(format!("term ids are not dense at {id}")));
            }
            terms.push(term);
        }
        let docs = self.meta("docs")?.and_then(|d| d.parse().ok()).unwrap_or(0);
        Ok((terms, docs))
    }

    /// Every stored paragraph count: `(outlet, key, articles)`.
    pub(crate) fn lines(&self) -> Result<Vec<(String, u64, u32)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT source, hash, articles FROM lines ORDER BY source, hash")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64, row.get(2)?)))
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
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

    /// Writes one batch in one transaction.
    pub(crate) fn save(&mut self, batch: &Batch<'_>) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
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
            let mut regroup = tx
                .prepare_cached("UPDATE articles SET grp = ?2 WHERE seq = ?1")
                .at(&path)?;
            for (seq, grp) in &batch.regroup {
                regroup.execute(params![seq, grp]).at(&path)?;
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
            for (source, hash) in &batch.lines {
                line.execute(params![source, *hash as i64]).at(&path)?;
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
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('docs', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [batch.docs.to_string()],
            )
            .at(&path)?;
        }
        tx.commit().at(&path)
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

    #[test]
    fn foreign_and_future_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        Store::open(&path).unwrap();
        {
            let store = Store::open(&path).unwrap();
            store.set_meta("version", "99").unwrap();
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
