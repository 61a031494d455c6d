//! What the tests of `exp` and `ln` against the C library share.
use proptest::prelude::*;

/// `ours(x)` and the C library's `libc(x)` have the same bits (any NaN matches any NaN).
pub fn same_as_c(
    name: &str,
    ours: fn(f64) -> f64,
    libc: fn(f64) -> f64,
    x: f64,
) -> Result<(), TestCaseError> {
    let (ours, libc) = (ours(x), libc(x));
    prop_assert!(
        ours.to_bits() == libc.to_bits() || (ours.is_nan() && libc.is_nan()),
        "{name}({x:e}) = {ours:e}, C library {libc:e}"
    );
    Ok(())
}
