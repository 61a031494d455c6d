//! `expf` against the exact exponential (the f64 `exp` rounded, itself within half an f64 ulp).
use dlfs_numpy::expf;

/// The distance in f32 ulps between `a` and the exact value `exact` (an f64).
fn ulps(a: f32, exact: f64) -> f64 {
    let e = exact as f32;
    let ulp = f64::from(f32::from_bits(e.to_bits() + 1)) - f64::from(e);
    (f64::from(a) - exact).abs() / ulp
}

#[test]
fn expf_is_within_two_ulp_over_its_whole_range() {
    let mut worst: f64 = 0.0;
    // Every 97th f32 between −87.3 and 88.7: about 23 million values.
    let (lo, hi) = ((-87.3f32).to_bits(), 88.7f32.to_bits());
    let negatives = (0..=lo)
        .rev()
        .step_by(97)
        .map(|b| -f32::from_bits(b & 0x7fff_ffff));
    let positives = (0..=hi).step_by(97).map(f32::from_bits);
    for x in negatives.chain(positives) {
        let exact = f64::from(x).exp();
        if exact < f64::from(f32::MIN_POSITIVE) {
            continue; // subnormal results are flushed to 0, as documented
        }
        worst = worst.max(ulps(expf(x), exact));
    }
    assert!(worst <= 2.0, "worst error {worst} ulp");
}

#[test]
fn expf_handles_the_edges() {
    assert_eq!(expf(0.0), 1.0);
    assert_eq!(expf(89.0), f32::INFINITY);
    assert_eq!(expf(f32::INFINITY), f32::INFINITY);
    assert_eq!(expf(-88.0), 0.0);
    assert_eq!(expf(f32::NEG_INFINITY), 0.0);
    assert!(expf(f32::NAN).is_nan());
    // The largest finite result and the smallest normal one are reached.
    assert!(expf(88.72).is_finite() && expf(88.72) > 3.0e38);
    assert!(expf(-87.33) >= f32::MIN_POSITIVE);
}
