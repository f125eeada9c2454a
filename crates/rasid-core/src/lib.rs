//! Plain shared types of rasid, the Arabic news intelligence engine.
//!
//! Every stage of the pipeline (ingest → analysis → extraction → index) speaks in
//! these types. They carry no behaviour beyond construction and (de)serialisation,
//! so that every crate above can depend on them without pulling anything heavy.
//!
//! ```
//! use rasid_core::{Article, Span};
//!
//! let article = Article::builder("بدء جولة محادثات", "بدأت جولة محادثات سلام جديدة.")
//!     .source("youm7")
//!     .build();
//! assert_eq!(article.id.as_str().len(), 16);
//! let span = Span::new(0, 8);
//! assert_eq!(span.slice(&article.body), Some("بدأت"));
//! ```
#![deny(missing_docs)]

mod analysis;
mod article;
mod entity;
mod event;
mod span;
mod time;
mod timestamp;

pub use analysis::{Analysis, AnalyzedArticle, Extractions, SummarySentence, TextAnalysis, Token, TokenKind};
pub use article::{Article, ArticleBuilder, ArticleId, InputFormat, Origin, UnknownFormat};
pub use compact_str::CompactString;
pub use entity::{ArticleEntities, Demonym, Entity, EntityKind, Group, GroupKind, Mention, PlaceLink, Role, TextPart};
pub use event::{
    Actor, DateSource, Event, EventDate, EventPlace, Modality, QuadClass, Quote, QuoteKind, Speaker, Trigger,
};
pub use span::Span;
pub use time::{NumberApprox, NumberExpr, NumberKind, TimeExpr, TimexMod, TimexType};
pub use timestamp::{Timestamp, TimestampError};
