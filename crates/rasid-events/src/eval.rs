//! Scoring events and quotes against gold (`rasid eval events`).
