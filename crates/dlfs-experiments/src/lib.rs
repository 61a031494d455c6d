//! The article's experiments (filled in by the experiments issue).
