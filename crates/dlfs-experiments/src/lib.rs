//! The article's experiments, and `cargo xtask`'s library.

pub mod run;
pub mod xor;
