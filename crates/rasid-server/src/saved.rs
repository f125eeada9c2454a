//! Saved searches: a small JSON file beside the index
//! ([`SAVED_FILE`]), read whole and replaced whole (written to a temporary
//! file, then renamed over it), one change at a time. Bounded: at most
//! [`MAX_SAVED`] searches, names of [`MAX_NAME_CHARS`] characters and queries
//! of [`MAX_QUERY_BYTES`] bytes.
//!
//! Each search remembers the catalogue's watermark when it was last opened
//! ([`rasid::search::Catalogue::last_item`]): the articles indexed since are
//! what is new for it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{Error, Result};

/// The file in the index directory that holds the saved searches.
pub const SAVED_FILE: &str = "saved-searches.json";
/// Most saved searches.
pub const MAX_SAVED: usize = 100;
/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest query string, in bytes.
pub const MAX_QUERY_BYTES: usize = 2_000;
/// Largest file read (a file grown past the bounds by hand is refused).
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A saved search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SavedSearch {
    /// Its id.
    pub id: u64,
    /// Its name, as given.
    pub name: String,
    /// The search, as a URL query string of `/api/search`'s filters
    /// (`q=…&source=…&from=…`).
    pub query: String,
    /// When it was saved (RFC 3339).
    pub created: String,
    /// When it was last opened (RFC 3339).
    pub opened: String,
    /// The catalogue's watermark when it was last opened.
    pub seen: i64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    next_id: u64,
    searches: Vec<SavedSearch>,
}

/// The saved searches of one index.
#[derive(Debug)]
pub struct SavedStore {
    path: PathBuf,
    /// One change at a time.
    lock: Mutex<()>,
}

impl SavedStore {
    /// The store of the index in `dir` (the file is made at the first save).
    pub fn new(dir: &Path) -> SavedStore {
        SavedStore {
            path: dir.join(SAVED_FILE),
            lock: Mutex::new(()),
        }
    }

    fn read(&self) -> Result<File> {
        let bad = |reason: String| Error::Internal(format!("{}: {reason}", self.path.display()));
        match std::fs::metadata(&self.path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                return Err(bad(format!("larger than {MAX_FILE_BYTES} bytes")));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
            Err(e) => return Err(bad(e.to_string())),
            Ok(_) => {}
        }
        let bytes = std::fs::read(&self.path).map_err(|e| bad(e.to_string()))?;
        serde_json::from_slice(&bytes).map_err(|e| bad(format!("not a saved-searches file: {e}")))
    }

    fn write(&self, file: &File) -> Result<()> {
        let bad = |e: std::io::Error| Error::Internal(format!("{}: {e}", self.path.display()));
        let tmp = self.path.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(file).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(&tmp, bytes).map_err(bad)?;
        std::fs::rename(&tmp, &self.path).map_err(bad)
    }

    fn locked(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every saved search, in the order they were saved.
    ///
    /// # Errors
    /// [`Error::Internal`] when the file cannot be read.
    pub fn list(&self) -> Result<Vec<SavedSearch>> {
        let _lock = self.locked();
        Ok(self.read()?.searches)
    }

    /// Saves a search, opened now (`seen` is the catalogue's watermark).
    ///
    /// # Errors
    /// [`Error::BadRequest`] for a blank or too long name or query, or when
    /// [`MAX_SAVED`] are saved; [`Error::Internal`] when the file cannot be
    /// read or written.
    pub fn add(&self, name: &str, query: &str, seen: i64) -> Result<SavedSearch> {
        let name = name.trim();
        let query = query.trim().trim_start_matches('?');
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::BadRequest(format!(
                "a saved search needs a name of 1 to {MAX_NAME_CHARS} characters"
            )));
        }
        if query.len() > MAX_QUERY_BYTES {
            return Err(Error::BadRequest(format!(
                "the query is {} bytes long; a saved search holds at most {MAX_QUERY_BYTES}",
                query.len()
            )));
        }
        let _lock = self.locked();
        let mut file = self.read()?;
        if file.searches.len() >= MAX_SAVED {
            return Err(Error::BadRequest(format!(
                "{MAX_SAVED} searches are saved, the most this server keeps: delete one first"
            )));
        }
        let now = jiff::Timestamp::now().to_string();
        let id = file.next_id.max(file.searches.iter().map(|s| s.id).max().unwrap_or(0)) + 1;
        let saved = SavedSearch {
            id,
            name: name.to_owned(),
            query: query.to_owned(),
            created: now.clone(),
            opened: now,
            seen,
        };
        file.next_id = id;
        file.searches.push(saved.clone());
        self.write(&file)?;
        Ok(saved)
    }

    /// Marks a search opened now, with the catalogue's watermark `seen`.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown id; file errors.
    pub fn open(&self, id: u64, seen: i64) -> Result<SavedSearch> {
        let _lock = self.locked();
        let mut file = self.read()?;
        let saved = file
            .searches
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("no saved search with id {id}")))?;
        saved.opened = jiff::Timestamp::now().to_string();
        saved.seen = seen;
        let saved = saved.clone();
        self.write(&file)?;
        Ok(saved)
    }

    /// Deletes a search.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown id; file errors.
    pub fn delete(&self, id: u64) -> Result<()> {
        let _lock = self.locked();
        let mut file = self.read()?;
        let before = file.searches.len();
        file.searches.retain(|s| s.id != id);
        if file.searches.len() == before {
            return Err(Error::NotFound(format!("no saved search with id {id}")));
        }
        self.write(&file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_opens_deletes_within_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let store = SavedStore::new(dir.path());
        assert!(store.list().unwrap().is_empty());
        let a = store.add(" محادثات ", "?q=استانا&source=youm7", 5).unwrap();
        assert_eq!(
            (a.id, a.name.as_str(), a.query.as_str(), a.seen),
            (1, "محادثات", "q=استانا&source=youm7", 5)
        );
        let b = store.add("b", "q=b", 5).unwrap();
        assert_eq!(b.id, 2);
        assert_eq!(store.open(1, 9).unwrap().seen, 9);
        store.delete(1).unwrap();
        assert!(matches!(store.delete(1), Err(Error::NotFound(_))));
        assert!(matches!(store.open(1, 1), Err(Error::NotFound(_))));
        // Ids are not reused.
        assert_eq!(store.add("c", "q=c", 0).unwrap().id, 3);
        // Another store over the same directory reads the same file.
        let names: Vec<String> = SavedStore::new(dir.path())
            .list()
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["b", "c"]);

        assert!(matches!(store.add(" ", "q=x", 0), Err(Error::BadRequest(_))));
        assert!(matches!(
            store.add(&"x".repeat(MAX_NAME_CHARS + 1), "q=x", 0),
            Err(Error::BadRequest(_))
        ));
        assert!(matches!(
            store.add("x", &"q".repeat(MAX_QUERY_BYTES + 1), 0),
            Err(Error::BadRequest(_))
        ));
        for i in store.list().unwrap().len()..MAX_SAVED {
            store.add(&format!("s{i}"), "q=s", 0).unwrap();
        }
        let full = store.add("one more", "q=s", 0).unwrap_err();
        assert!(full.to_string().contains("delete one"), "{full}");
    }
}
