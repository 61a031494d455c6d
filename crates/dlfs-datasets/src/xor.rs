//! The XOR problem, as the article sets it up: four inputs, two classes (§2.5, and the
//! article's `x1` and `t`).

use ndarray::{Array2, array};

/// The four inputs `[0,0]`, `[0,1]`, `[1,0]`, `[1,1]`, one per row (the article's `x1`).
pub fn inputs() -> Array2<f64> {
    array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
}

/// The one-hot targets (the article's `t`): class 1 ("true") where the inputs differ.
pub fn targets() -> Array2<f64> {
    array![[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
}

/// The class of each input: `x1 XOR x2`.
pub const LABELS: [usize; 4] = [0, 1, 1, 0];

/// The four inputs as the article writes them, in the order of [`inputs`].
pub const NAMES: [&str; 4] = ["[0,0]", "[0,1]", "[1,0]", "[1,1]"];
