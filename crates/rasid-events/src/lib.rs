//! Events and quotes for rasid: who did what to whom, where and when, coded
//! natively in Arabic in CAMEO and PLOVER, and quotes with their speakers.
//!
//! The types are [`rasid_core::Event`] and [`rasid_core::Quote`]; the
//! pipeline (`rasid-pipeline`) runs this crate's coder after the entities and
//! times, and stores what it finds in `Extractions::events` and `quotes`.

#[cfg(feature = "eval")]
pub mod eval;
