//! Known-item retrieval evaluation (being written).
