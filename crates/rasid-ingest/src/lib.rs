//! Readers for rasid (stub: being written).
#![deny(missing_docs)]
