//! Stories for rasid: syndicated copies found and folded under their
//! original, articles grouped into stories, each story with a timeline of
//! the dates its articles report and an extractive summary.
//!
//! * [`boilerplate`]: the lines each outlet repeats (teasers, `اقرأ أيضا`,
//!   share lines, credits), learnt by counting paragraphs per outlet, taken
//!   out before clustering, timelines and summaries.
//! * [`dedup`]: exact (normalised-body hash) and near duplicates (MinHash
//!   with LSH over [`shingle`]s), grouped with a union-find; the canonical
//!   member of a group is the earliest published.
//! * [`cluster`]: incremental story clustering over a sliding time window,
//!   TF-IDF over words, entities, places and reported dates; a story spans
//!   at most two weeks, and a long affair goes on in episodes that follow
//!   each other.
//! * [`timeline`], [`summary`]: what `rasid stories show` prints (an
//!   article's own summary is the pipeline's: [`rasid_pipeline::summary`]).
//! * [`store`]: the SQLite file beside the index that makes all of it
//!   incremental and resumable; [`update`] brings it up to date with the index.
//! * [`search`]: duplicate folding and the story filter for `rasid search`.
//! * [`relate`]: finding each article's rewrites and related articles, which
//!   the store keeps as links ([`Store::relations`]); they never fold results.
//! * `eval` (feature `eval`): the perturbed-copies evaluation behind `rasid eval dedup`.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, WriterOptions};
//! use rasid_stories::{store_path, update, ListQuery, Store};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let wire = "أعلنت وزارة الداخلية اليوم القبض على شبكة لتهريب المخدرات فى منطقة جازان \
//!             وضبط كميات كبيرة من الحبوب المخدرة قبل توزيعها فى عدد من المدن.";
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! writer.add_batch(vec![
//!     Article::builder("ضبط شبكة تهريب", wire).source("alriyadh").build(),
//!     Article::builder("القبض على مهربين", wire).source("okaz").build(),
//! ]).unwrap();
//! writer.finish().unwrap();
//!
//! let mut store = Store::open(&store_path(dir.path())).unwrap();
//! let report = update(&index, &mut store, &mut |_, _| {}).unwrap();
//! assert_eq!(report.added, 2);
//! let stories = store.stories(&ListQuery { limit: 10, ..ListQuery::default() }).unwrap();
//! assert_eq!((stories.len(), stories[0].articles, stories[0].reports), (1, 2, 1));
//! // Nothing new: nothing to do.
//! assert_eq!(update(&index, &mut store, &mut |_, _| {}).unwrap().added, 0);
//! ```
#![deny(missing_docs)]

pub mod boilerplate;
mod build;
pub mod cluster;
pub mod dedup;
mod detail;
mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod minhash;
pub mod relate;
pub mod search;
pub mod shingle;
pub mod store;
pub mod summary;
pub mod timeline;

pub use build::{
    pending, update, update_in_batches, update_with, BuildReport, Pending, StoryBuilder, Timings, BATCH,
    BATCHES_PER_COMMIT, COPY_WINDOW_SECONDS, LINKS_PER_ARTICLE, MAX_TERMS_HELD, STORY_CANDIDATES,
};
pub use detail::{fold, story_detail, Report, StoryDetail};
pub use error::{Result, StoriesError};
pub use store::{
    store_path, ArticleRelations, Assignment, Label, Linked, ListQuery, Member, Store, StoreCounts, StoryFilter,
    StoryInfo, StoryPage, STORE_FILE,
};
