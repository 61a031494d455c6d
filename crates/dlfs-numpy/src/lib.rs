//! What exists only to match numpy's bits or to be fast: a learner need not read this crate.
//!
//! The teaching crates (`dlfs-activations`, `dlfs-layers`, `dlfs-losses`, `dlfs-init`,
//! `dlfs-networks`) read like the book. Two promises they make need machinery that would bury the
//! book's ideas, so it lives here:
//!
//! * **numpy's bits.** The article's printed numbers are reproduced digit for digit, and the
//!   fixtures made with numpy agree to the last bit. That needs numpy's random stream
//!   ([`RandomState`], MT19937 and the legacy polar normals), the C library's `exp` and `ln`
//!   algorithms ([`exp`], [`ln`]), and matrix products summed in numpy's order (fused
//!   multiply-add chains in `k` order, [`Gemm`]).
//! * **Speed without allocation.** A 60000-iteration XOR run takes milliseconds and a training
//!   step allocates nothing: [`Gemm`] packs cache-sized panels into buffers it keeps, [`exp4`]
//!   computes four exponentials at once, and [`kernels`] loops over the layers' buffers as
//!   plain slices.
//!
//! What each of them computes is the plain mathematics: `Gemm` gives what [`reference::matmul`],
//! the obviously right triple loop, gives (it is tested against it), and `exp`/`ln` are tested
//! bit for bit against the C library's.

mod exp;
mod expf;
mod float;
mod gemm;
pub mod kernels;
mod ln;
mod random;
pub mod reference;

pub use exp::{exp, exp_in_place, exp4};
pub use expf::expf;
pub use float::Float;
pub use gemm::{Gemm, SMALL_PRODUCT, matmul_into};
pub use ln::ln;
pub use random::RandomState;
