//! [`dlfs_numpy::exp`] against the C library's `exp` (which `f64::exp` and numpy call):
//! the same bits everywhere, special values and the subnormal range included.
//!
//! The inline `exp` follows glibc's variant for processors with FMA, the one glibc picks on this
//! kind of machine; on a processor without FMA glibc runs another variant, so the comparison
//! is only made where FMA is present (elsewhere those tests are reported as ignored).
use dlfs_numpy::{exp, exp_in_place, exp4};
use proptest::prelude::*;

mod common;

fn same(x: f64) -> Result<(), TestCaseError> {
    common::same_as_c("exp", exp, f64::exp, x)
}

#[test]
fn special_values_and_edges() {
    // Values from C's definition of exp, not from either implementation.
    assert_eq!(exp(0.0), 1.0);
    assert_eq!(exp(-0.0), 1.0);
    assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp(f64::NEG_INFINITY).to_bits(), 0.0f64.to_bits());
    assert!(exp(f64::NAN).is_nan());
    assert_eq!(exp(709.8), f64::INFINITY, "past ln(f64::MAX) = 709.78…");
    assert!(exp(709.78).is_finite());
    assert_eq!(
        exp(-745.2).to_bits(),
        0.0f64.to_bits(),
        "below half the least subnormal"
    );
    assert_eq!(exp(-745.1), 5e-324, "the least subnormal");
    assert!(exp(-709.0) > 0.0 && exp(-709.0) < 1.0e-307);
    assert_eq!(exp(1e-20), 1.0);
}

#[test]
#[cfg_attr(
    not(fma_machine),
    ignore = "no FMA here: the C library runs another variant"
)]
fn special_values_and_edges_as_the_c_library_computes_them() {
    for x in [
        1.0,
        -1.0,
        0.5,
        2.0f64.ln(),
        512.0,
        -512.0,
        700.0,
        -700.0,
        -708.5,
        -740.0,
        -744.4,
        709.7,
        1e-17,
        -1e-17,
        5.5e-17,
        1e-300,
        5e-324,
        -1023.9,
        1023.9,
    ] {
        same(x).unwrap();
    }
}

#[test]
#[cfg_attr(
    not(fma_machine),
    ignore = "no FMA here: the C library runs another variant"
)]
fn a_dense_sweep_of_the_range_sigmoid_and_softmax_use() {
    // 2·10⁶ evenly spaced points in [−40, 40], and around every table entry's boundary.
    for i in 0..=2_000_000 {
        same(-40.0 + 80.0 * i as f64 / 2e6).unwrap();
    }
    let step = std::f64::consts::LN_2 / 128.0;
    for k in -5000..5000 {
        let x = k as f64 * step + step / 2.0;
        for d in [-1, 0, 1] {
            same(f64::from_bits(x.to_bits().wrapping_add_signed(d))).unwrap();
        }
    }
}

/// Four values of any magnitude: ordinary, tiny (where `exp` answers `1 + x` directly), zero,
/// or past the range where all four lanes can be computed together.
fn lane() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -30.0..30.0f64,
        1 => -1e-15..1e-15f64,
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => -800.0..800.0f64,
        1 => any::<u64>().prop_map(f64::from_bits),
    ]
}

#[test]
fn exp4_on_tiny_values_is_one_plus_x() {
    // exp(x) = 1 + x + x²/2 + …; below 2⁻⁵⁴ the rest is under half an ulp of 1 + x.
    let x = [1e-17, -1e-17, 5e-300, -0.0];
    assert_eq!(exp4(x), x.map(|x| 1.0 + x));
}

#[test]
fn exp4_with_every_lane_past_the_vector_path() {
    // All four lanes where the shared path would be wrong: overflow to ∞, underflow to 0, a
    // subnormal result, and NaN. Each must get what `exp` gives it on its own.
    let x = [1000.0, -1000.0, -740.0, f64::NAN];
    let four = exp4(x);
    assert_eq!(four[0], f64::INFINITY);
    assert_eq!(four[1].to_bits(), 0.0f64.to_bits());
    // e^−740 ≈ 4.2e−322, below the smallest normal 2.2e−308.
    assert!(four[2].is_subnormal() && (four[2] - 4.2e-322).abs() < 1e-323);
    assert_eq!(four[2].to_bits(), exp(-740.0).to_bits());
    assert!(four[3].is_nan());
    let x = [710.0, 709.0, -709.0, f64::NEG_INFINITY];
    let four = exp4(x);
    assert_eq!(four[0], f64::INFINITY);
    assert_eq!(four[1].to_bits(), exp(709.0).to_bits());
    assert!(four[1].is_finite() && four[1] > 8.2e307);
    assert_eq!(four[2].to_bits(), exp(-709.0).to_bits());
    assert_eq!(four[3].to_bits(), 0.0f64.to_bits());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn exp4_and_exp_in_place_equal_exp_lane_by_lane(x in prop::array::uniform4(lane()), extra in lane()) {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
        let four = exp4(x);
        prop_assert!((0..4).all(|l| same(four[l], exp(x[l]))), "{x:?}: {four:?}");
        let mut v = [x[0], x[1], x[2], x[3], extra];
        exp_in_place(&mut v);
        prop_assert!(v.iter().zip([x[0], x[1], x[2], x[3], extra]).all(|(&e, x)| same(e, exp(x))));
    }

    #[test]
    #[cfg_attr(not(fma_machine), ignore = "no FMA here: the C library runs another variant")]
    fn any_bit_pattern(bits in any::<u64>()) {
        same(f64::from_bits(bits))?;
    }

    #[test]
    #[cfg_attr(not(fma_machine), ignore = "no FMA here: the C library runs another variant")]
    fn any_value_in_the_finite_range(x in -760.0..720.0f64) {
        same(x)?;
    }
}
