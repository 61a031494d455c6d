//! The precision a network computes in, chosen by name.

use std::fmt;

/// The floating-point precision of a network's parameters and computations (with the
/// feature `clap`, a `clap::ValueEnum`): `f64` as numpy's default `float64`, or `f32` as
/// numpy's `float32`. The type behind it is [`dlfs_numpy::Float`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Precision {
    /// Double precision: numpy's `float64`, bit for bit.
    #[default]
    F64,
    /// Single precision: numpy's `float32`, twice the numbers per vector.
    F32,
}

impl Precision {
    /// `"f64"` or `"f32"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::F64 => "f64",
            Precision::F32 => "f32",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
