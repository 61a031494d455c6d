//! Benchmarks live in the bench targets of this package; see `BENCHMARKS.md`.
