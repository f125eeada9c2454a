//! The index directory: a tantivy index, the SQLite catalogue and a small metadata
//! file that names the schema version.
//!
//! ```text
//! DIR/rasid-index.json   {"format": "rasid-index", "schema_version": 1, ...}
//! DIR/catalogue.sqlite   what was ingested, from where, when, with which outcome
//! DIR/tantivy/           the search index
//! ```

use std::path::{Path, PathBuf};

use rasid_core::ArticleId;
use std::sync::{Arc, Mutex};

use rasid_pipeline::Pipeline;
use rasid_text::{Analyzer, AnalyzerSettings};
use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, ReloadPolicy, Term};

use crate::catalogue::{Catalogue, CatalogueStats};
use crate::error::{IndexError, Result};
use crate::facets::{self, FacetCounts};
use crate::schema::{Fields, SCHEMA_VERSION};
use crate::tokenizer::{self, ANALYZER_NAME};

/// The metadata file that marks a directory as a rasid index.
pub const META_FILE: &str = "rasid-index.json";
/// The SQLite catalogue in the index directory.
pub const CATALOGUE_FILE: &str = "catalogue.sqlite";
/// The folder of the tantivy index inside the index directory.
pub const TANTIVY_DIR: &str = "tantivy";

const FORMAT: &str = "rasid-index";

/// The content of [`META_FILE`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// Always `rasid-index`.
    pub format: String,
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// The analyzer the text fields were indexed with.
    pub analyzer: String,
    /// When the index was created (RFC 3339, UTC).
    pub created: String,
    /// The settings of the analyzer the index was built with (configuration
    /// and lexicon fingerprint); opening it with others is an error. Absent in
    /// indexes of schema version 2 and older.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyzer_settings: Option<AnalyzerSettings>,
}

/// A rasid search index in a directory.
///
/// ```
/// use rasid_core::Article;
/// use rasid_search::{Index, WriterOptions};
///
/// let dir = tempfile::tempdir().unwrap();
/// let index = Index::create_or_open(dir.path()).unwrap();
/// let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
/// let article = Article::builder("محادثات السلام", "بدأت جولة محادثات جديدة").source("youm7").build();
/// writer.add_batch(vec![article.clone()]).unwrap();
/// writer.finish().unwrap();
/// assert_eq!(index.num_docs().unwrap(), 1);
/// assert!(index.contains(&article.id).unwrap());
/// ```
#[derive(Clone)]
pub struct Index {
    dir: PathBuf,
    index: tantivy::Index,
    fields: Fields,
    pipeline: Arc<Pipeline>,
    reader: IndexReader,
    /// The metadata file the reader last reloaded at (see [`Index::tantivy_searcher`]).
    reloaded_at: Arc<Mutex<Option<MetaStamp>>>,
    read_only: bool,
}

/// What tells one commit's metadata file from another's: tantivy replaces
/// the file whole at each commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MetaStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    inode: u64,
}

impl MetaStamp {
    fn of(path: &Path) -> Option<MetaStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(MetaStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        })
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish_non_exhaustive()
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_owned(),
        source,
    }
}

impl Index {
    /// Opens the index in `dir`, creating the directory and an empty index when
    /// there is none. A directory that holds other files but no index is refused.
    ///
    /// # Errors
    /// [`IndexError::NotAnIndex`], [`IndexError::FutureVersion`], I/O and engine errors.
    pub fn create_or_open(dir: &Path) -> Result<Index> {
        Self::create_or_open_with(dir, Pipeline::default())
    }

    /// [`Index::create_or_open`] with a given pipeline: its analyzer reads
    /// documents and queries, and the [`crate::Writer`] runs it on every article.
    pub fn create_or_open_with(dir: &Path, pipeline: Pipeline) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let meta_path = dir.join(META_FILE);
        if !meta_path.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(io_err(dir))?;
            if entries.next().is_some() {
                return Err(IndexError::NotAnIndex {
                    path: dir.to_owned(),
                    marker: META_FILE,
                });
            }
            let meta = IndexMeta {
                format: FORMAT.to_owned(),
                schema_version: SCHEMA_VERSION,
                analyzer: ANALYZER_NAME.to_owned(),
                created: jiff::Timestamp::now().to_string(),
                analyzer_settings: Some(pipeline.analyzer().settings()),
            };
            write_meta(&meta_path, &meta)?;
        }
        Self::open_with(dir, pipeline)
    }

    /// Opens an existing index.
    ///
    /// # Errors
    /// [`IndexError::Missing`] when `dir` does not exist, [`IndexError::NotAnIndex`]
    /// when it holds no index, [`IndexError::FutureVersion`] for an index from a
    /// newer rasid.
    pub fn open(dir: &Path) -> Result<Index> {
        Self::open_with(dir, Pipeline::default())
    }

    /// [`Index::open`] with a given pipeline (see [`Index::create_or_open_with`]).
    pub fn open_with(dir: &Path, pipeline: Pipeline) -> Result<Index> {
        Self::open_mode(dir, pipeline, false)
    }

    /// Opens an existing index for reading only, as `rasid stats`, `search`,
    /// `export` and `serve --read-only` do: no file is created, changed or
    /// locked (neither the writer's lock nor tantivy's meta lock), so an index
    /// on read-only storage, or another user's, can be searched. A writer at
    /// work on the index meanwhile is not disturbed; [`Index::writer`] on a
    /// read-only index is [`IndexError::ReadOnly`].
    ///
    /// # Errors
    /// As [`Index::open`].
    pub fn open_read_only_with(dir: &Path, pipeline: Pipeline) -> Result<Index> {
        Self::open_mode(dir, pipeline, true)
    }

    fn open_mode(dir: &Path, pipeline: Pipeline, read_only: bool) -> Result<Index> {
        if !dir.is_dir() {
            return Err(IndexError::Missing { path: dir.to_owned() });
        }
        let meta = read_meta(dir)?;
        if meta.schema_version > SCHEMA_VERSION {
            return Err(IndexError::FutureVersion {
                path: dir.to_owned(),
                found: meta.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if meta.schema_version < SCHEMA_VERSION {
            return Err(IndexError::OldVersion {
                path: dir.to_owned(),
                found: meta.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        let differences = meta
            .analyzer_settings
            .as_ref()
            .map(|built| built.differences(&pipeline.analyzer().settings()))
            .unwrap_or_default();
        if !differences.is_empty() {
            return Err(IndexError::AnalyzerMismatch {
                path: dir.to_owned(),
                differences,
            });
        }
        let tantivy_dir = dir.join(TANTIVY_DIR);
        let (schema, _) = Fields::build();
        let index = if read_only {
            let directory = MmapDirectory::open(&tantivy_dir).map_err(|e| match e {
                tantivy::directory::error::OpenDirectoryError::DoesNotExist(_) => IndexError::NotAnIndex {
                    path: dir.to_owned(),
                    marker: TANTIVY_DIR,
                },
                e => IndexError::Engine(tantivy::TantivyError::from(e)),
            })?;
            tantivy::Index::open(ReadOnlyDirectory(directory))?
        } else {
            std::fs::create_dir_all(&tantivy_dir).map_err(io_err(&tantivy_dir))?;
            let directory =
                MmapDirectory::open(&tantivy_dir).map_err(|e| IndexError::Engine(tantivy::TantivyError::from(e)))?;
            // Creates the tantivy index on first use; a crash between writing the
            // metadata file and this leaves a directory that this completes.
            tantivy::Index::open_or_create(directory, schema)?
        };
        let fields = Fields::from_schema(&index.schema())?;
        tokenizer::register(index.tokenizers(), pipeline.analyzer().clone());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        // Build the analyzer's tables now, not inside the first search.
        pipeline.analyzer().warm_up();
        Ok(Index {
            dir: dir.to_owned(),
            index,
            fields,
            pipeline: Arc::new(pipeline),
            reader,
            reloaded_at: Arc::new(Mutex::new(None)),
            read_only,
        })
    }

    /// True when the index was opened with [`Index::open_read_only_with`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The index directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The analyzer documents and queries go through.
    pub fn analyzer(&self) -> &Analyzer {
        self.pipeline.analyzer()
    }

    /// The pipeline the writer runs on every article added.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The tantivy index underneath.
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    /// A searcher over the latest commit, this process's or another's.
    ///
    /// The reader is reloaded only when the index's metadata file changed
    /// since it last was: a reload opens every segment anew and drops the
    /// document store's caches, which cost a tenth of a search (issue 19).
    ///
    /// # Errors
    /// When the index files cannot be read.
    pub fn tantivy_searcher(&self) -> Result<tantivy::Searcher> {
        let now = MetaStamp::of(&self.dir.join(TANTIVY_DIR).join("meta.json"));
        let mut reloaded_at = self
            .reloaded_at
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if now.is_none() || *reloaded_at != now {
            self.reader.reload()?;
            *reloaded_at = now;
        }
        Ok(self.reader.searcher())
    }

    /// Opens the catalogue (for reading only when the index is), showing the
    /// rows of the index's committed batches only.
    pub fn catalogue(&self) -> Result<Catalogue> {
        let path = self.dir.join(CATALOGUE_FILE);
        let committed = self.index.load_metas()?.opstamp;
        if self.read_only {
            Catalogue::open_read_only(&path, committed)
        } else {
            Ok(Catalogue::open(&path)?.committed_only(committed))
        }
    }

    /// Number of articles in the latest commit.
    pub fn num_docs(&self) -> Result<u64> {
        Ok(self.tantivy_searcher()?.num_docs())
    }

    /// True when the latest commit holds an article with this id.
    pub fn contains(&self, id: &ArticleId) -> Result<bool> {
        Ok(count_id(&self.tantivy_searcher()?, &self.fields, id.as_str())? > 0)
    }

    /// Sizes and counts, with what the catalogue holds.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.tantivy_searcher()?;
        let bytes = dir_size(&self.dir.join(TANTIVY_DIR));
        Ok(IndexStats {
            path: self.dir.clone(),
            schema_version: SCHEMA_VERSION,
            documents: searcher.num_docs(),
            segments: searcher.segment_readers().len(),
            index_bytes: bytes,
            facets: facets::counts(&searcher, &searcher.search(&AllQuery, &facets::collector("facets"))?)?,
            catalogue: self.catalogue()?.stats()?,
        })
    }
}

/// The tantivy directory of a read-only index: reads go to the files, locks
/// are not taken (taking one creates or opens a lock file for writing) and
/// every write is refused.
#[derive(Clone, Debug)]
struct ReadOnlyDirectory(MmapDirectory);

/// A lock that holds nothing.
struct NoLock;

fn refused(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!("{}: the index is open for reading only", path.display()),
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> std::result::Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> std::result::Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(refused(path)),
            filepath: path.to_owned(),
        })
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(refused(path), path.to_owned()))
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(refused(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(NoLock)))
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

/// What `rasid stats` reports.
#[derive(Clone, Debug, Serialize)]
pub struct IndexStats {
    /// The index directory.
    pub path: PathBuf,
    /// Its schema version.
    pub schema_version: u32,
    /// Articles searchable now.
    pub documents: u64,
    /// Index segments.
    pub segments: usize,
    /// Size of the search index on disk, in bytes.
    pub index_bytes: u64,
    /// Articles per source, category and month.
    pub facets: FacetCounts,
    /// The catalogue.
    pub catalogue: CatalogueStats,
}

/// Live documents with this id.
pub(crate) fn count_id(searcher: &tantivy::Searcher, fields: &Fields, id: &str) -> Result<usize> {
    let query = TermQuery::new(Term::from_field_text(fields.id, id), IndexRecordOption::Basic);
    Ok(searcher.search(&query, &Count)?)
}

fn write_meta(path: &Path, meta: &IndexMeta) -> Result<()> {
    let json = serde_json::to_string_pretty(meta).map_err(|e| IndexError::BadMeta {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    // Write then rename, so a crash never leaves half a metadata file.
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json + "\n").map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))?;
    Ok(())
}

fn read_meta(dir: &Path) -> Result<IndexMeta> {
    let path = dir.join(META_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(IndexError::NotAnIndex {
                path: dir.to_owned(),
                marker: META_FILE,
            });
        }
        Err(source) => return Err(IndexError::Io { path, source }),
    };
    let meta: IndexMeta = serde_json::from_str(&text).map_err(|e| IndexError::BadMeta {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    if meta.format != FORMAT {
        return Err(IndexError::BadMeta {
            path,
            reason: format!("format is {:?}, not {FORMAT:?}", meta.format),
        });
    }
    Ok(meta)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader reloads only when the metadata file changed, and then sees
    /// every commit: of another handle (another process), and its own.
    #[test]
    fn searches_see_each_new_commit_of_any_writer() {
        let dir = tempfile::tempdir().unwrap();
        let reader = Index::create_or_open(dir.path()).unwrap();
        let writer_side = Index::open(dir.path()).unwrap();
        assert_eq!(reader.num_docs().unwrap(), 0);
        for n in 1..=3u64 {
            let mut writer = writer_side.writer(crate::WriterOptions::small(), "test").unwrap();
            let article = rasid_core::Article::builder(format!("خبر {n}"), format!("نص الخبر رقم {n}")).build();
            writer.add_batch(vec![article]).unwrap();
            writer.finish().unwrap();
            assert_eq!(reader.num_docs().unwrap(), n);
            assert_eq!(writer_side.num_docs().unwrap(), n);
        }
        // Nothing changed: the searcher is the same generation.
        let before = reader.tantivy_searcher().unwrap().generation().generation_id();
        assert_eq!(reader.tantivy_searcher().unwrap().generation().generation_id(), before);
    }

    #[test]
    fn missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = Index::open(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(err, IndexError::Missing { .. }), "{err}");
        assert!(err.to_string().contains("does not exist"));
    }

    #[test]
    fn foreign_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let err = Index::create_or_open(dir.path()).unwrap_err();
        assert!(matches!(err, IndexError::NotAnIndex { .. }), "{err}");
        let err = Index::open(dir.path()).unwrap_err();
        assert!(matches!(err, IndexError::NotAnIndex { .. }), "{err}");
    }

    #[test]
    fn future_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        Index::create_or_open(dir.path()).unwrap();
        let path = dir.path().join(META_FILE);
        let mut meta: IndexMeta = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        meta.schema_version = SCHEMA_VERSION + 1;
        write_meta(&path, &meta).unwrap();
        let err = Index::open(dir.path()).unwrap_err();
        assert!(matches!(err, IndexError::FutureVersion { .. }), "{err}");
        assert!(err.to_string().contains("newer than this rasid supports"), "{err}");
    }

    #[test]
    fn reopens() {
        let dir = tempfile::tempdir().unwrap();
        Index::create_or_open(dir.path()).unwrap();
        let index = Index::open(dir.path()).unwrap();
        assert_eq!(index.num_docs().unwrap(), 0);
        Index::create_or_open(dir.path()).unwrap();
    }
}
