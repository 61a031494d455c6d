//! [`dlfs_numpy::ln`] against the C library's `log` (which `f64::ln` and numpy call): the
//! same bits everywhere, both of its paths, special values and subnormals included.
//!
//! As for `exp`, the inline `ln` follows glibc's variant for processors with FMA, so the
//! comparison is only made where FMA is present.
use dlfs_numpy::ln;
use proptest::prelude::*;

mod common;

fn same(x: f64) -> Result<(), TestCaseError> {
    common::same_as_c("ln", ln, f64::ln, x)
}

#[test]
fn special_values() {
    // From C's definition of log, not from either implementation.
    assert_eq!(ln(1.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(ln(0.0), f64::NEG_INFINITY);
    assert_eq!(ln(-0.0), f64::NEG_INFINITY);
    assert_eq!(ln(f64::INFINITY), f64::INFINITY);
    assert!(ln(-1.0).is_nan() && ln(f64::NEG_INFINITY).is_nan() && ln(f64::NAN).is_nan());
    assert_eq!(ln(2.0), std::f64::consts::LN_2);
    assert_eq!(ln(10.0), std::f64::consts::LN_10);
    assert!(
        (ln(5e-324) - (-744.4400719213812)).abs() < 1e-12,
        "the least subnormal"
    );
    assert!((ln(f64::MAX) - 709.782712893384).abs() < 1e-12);
}

#[test]
#[cfg_attr(
    not(fma_machine),
    ignore = "no FMA here: the C library runs another variant"
)]
fn not_a_number_as_the_c_library_makes_it() {
    // C computes log of a negative number as (x − x) / (x − x): 0/0, the processor's default
    // NaN, with its sign bit; a NaN argument keeps its payload.
    let payload = f64::from_bits(0x7ff8_0000_0000_1234);
    for x in [-1.0, -5e-324, f64::NEG_INFINITY, payload, -payload] {
        assert!(ln(x).is_nan());
        assert_eq!(ln(x).to_bits(), x.ln().to_bits(), "ln({x:e})");
    }
}

#[test]
#[cfg_attr(
    not(fma_machine),
    ignore = "no FMA here: the C library runs another variant"
)]
fn a_dense_sweep_of_what_the_losses_take() {
    // Probabilities plus 1e-7, as in the cross-entropy error: (0, 1] on a fine grid, and the
    // interval around 1 where the second path is used, at every ulp for a stretch on each edge.
    for i in 1..=2_000_000 {
        same(i as f64 / 2e6 + 1e-7).unwrap();
    }
    // The path near 1 covers [1 − 2⁻⁴, 1 + 0x1.09p−4): its edges, exactly, and 1.
    for edge in [1.0 - 1.0 / 16.0, f64::from_bits(0x3ff1_0900_0000_0000), 1.0] {
        for d in -3000i64..3000 {
            same(f64::from_bits(f64::to_bits(edge).wrapping_add_signed(d))).unwrap();
        }
    }
    for x in [
        1e-300,
        2.2e-308,
        1e-310,
        5e-324,
        1e300,
        f64::MAX,
        0.9375,
        1.0625,
    ] {
        same(x).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    #[cfg_attr(not(fma_machine), ignore = "no FMA here: the C library runs another variant")]
    fn any_bit_pattern(bits in any::<u64>()) {
        same(f64::from_bits(bits))?;
    }

    #[test]
    #[cfg_attr(not(fma_machine), ignore = "no FMA here: the C library runs another variant")]
    fn any_probability(p in 0.0..=1.0f64) {
        same(p + 1e-7)?;
        same(p)?;
    }
}
