//! The one precision parameter of the teaching crates: [`Float`], implemented by `f64` (the
//! default everywhere, numpy's float64) and `f32` (numpy's float32).

use ndarray::{LinalgScalar, ScalarOperand};
use std::fmt::{Debug, Display, LowerExp};
use std::iter::Sum;
use std::ops::{AddAssign, DivAssign, MulAssign, Neg, SubAssign};

/// A floating-point number the networks compute in: `f64` (the default, as numpy) or `f32`.
///
/// A layer written for `F: Float` reads like one written for `f64`: the arithmetic operators,
/// and the functions the book calls from numpy (`exp`, `log`, `sqrt`, `tanh`, …) under numpy's
/// names. In `f64` they are this crate's bit-exact ones ([`exp`](crate::exp), [`ln`](crate::ln)),
/// so every f64 result stays numpy's to the bit; in `f32`, `exp` is this crate's vectorisable
/// [`expf`](crate::expf) (within 2 ulp) and the others the C library's single-precision
/// functions (`logf`: within 1 ulp in glibc), as numpy's float32 loops compute them to about
/// the same accuracy with their own SIMD code.
pub trait Float:
    LinalgScalar
    + ScalarOperand
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Neg<Output = Self>
    + PartialOrd
    + Default
    + Debug
    + Display
    + LowerExp
    + Sum
    + Send
    + Sync
{
    /// `"f64"` or `"f32"`, numpy's `float64` or `float32`.
    const NAME: &'static str;
    /// The nearest value to `x` (rounding to nearest, as numpy's `astype`).
    fn from_f64(x: f64) -> Self;
    /// The value widened to `f64` (exact).
    fn to_f64(self) -> f64;
    /// The `f32` value `x` (exact in both precisions).
    fn from_f32(x: f32) -> Self;
    /// The nearest value to the whole number `n`.
    fn from_usize(n: usize) -> Self {
        Self::from_f64(n as f64)
    }
    /// `eˣ`.
    fn exp(self) -> Self;
    /// The natural logarithm, numpy's `np.log`.
    fn ln(self) -> Self;
    /// `√x`.
    fn sqrt(self) -> Self;
    /// `tanh x`.
    fn tanh(self) -> Self;
    /// `xⁿ` for a real `n`.
    fn powf(self, n: Self) -> Self;
    /// `self · a + b` rounded once (a fused multiply-add).
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// The larger of the two (the other one if either is NaN).
    fn max(self, other: Self) -> Self;
    /// `|x|`.
    fn abs(self) -> Self;
    /// Neither infinite nor NaN.
    fn is_finite(self) -> bool;
    /// `v[i] = exp(v[i])` for every element, several at a time where the type allows.
    fn exp_in_place(v: &mut [Self]);
    /// Four exponentials at once.
    fn exp4(x: [Self; 4]) -> [Self; 4];
}

/// The methods both precisions take from the standard library as they are.
macro_rules! from_std {
    ($t:ty) => {
        #[inline(always)]
        fn sqrt(self) -> Self {
            <$t>::sqrt(self)
        }
        #[inline(always)]
        fn tanh(self) -> Self {
            <$t>::tanh(self)
        }
        #[inline(always)]
        fn powf(self, n: Self) -> Self {
            <$t>::powf(self, n)
        }
        #[inline(always)]
        fn mul_add(self, a: Self, b: Self) -> Self {
            <$t>::mul_add(self, a, b)
        }
        #[inline(always)]
        fn max(self, other: Self) -> Self {
            <$t>::max(self, other)
        }
        #[inline(always)]
        fn abs(self) -> Self {
            <$t>::abs(self)
        }
        #[inline(always)]
        fn is_finite(self) -> bool {
            <$t>::is_finite(self)
        }
    };
}

impl Float for f64 {
    const NAME: &'static str = "f64";
    from_std!(f64);
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        f64::from(x)
    }
    #[inline(always)]
    fn exp(self) -> Self {
        crate::exp(self)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        crate::ln(self)
    }
    #[inline(always)]
    fn exp_in_place(v: &mut [Self]) {
        crate::exp_in_place(v);
    }
    #[inline(always)]
    fn exp4(x: [Self; 4]) -> [Self; 4] {
        crate::exp4(x)
    }
}

impl Float for f32 {
    const NAME: &'static str = "f32";
    from_std!(f32);
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        x
    }
    #[inline(always)]
    fn exp(self) -> Self {
        crate::expf(self)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        f32::ln(self)
    }
    #[inline(always)]
    fn exp_in_place(v: &mut [Self]) {
        v.iter_mut().for_each(|x| *x = crate::expf(*x));
    }
    #[inline(always)]
    fn exp4(x: [Self; 4]) -> [Self; 4] {
        x.map(crate::expf)
    }
}
