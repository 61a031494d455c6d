//! The precision parameter's conversions, in both precisions.
use dlfs_numpy::{Float, expf};

fn conversions<F: Float>() {
    assert_eq!(F::from_usize(3).to_f64(), 3.0);
    assert_eq!(F::from_f32(0.1).to_f64(), f64::from(0.1f32));
    assert_eq!(F::from_f64(2.5).to_f64(), 2.5);
    assert_eq!(F::from_f64(-4.0).abs().to_f64(), 4.0);
    assert_eq!(F::from_f64(9.0).sqrt().to_f64(), 3.0);
    assert_eq!(F::from_f64(1.0).max(F::from_f64(2.0)).to_f64(), 2.0);
    assert!(!F::from_f64(f64::INFINITY).is_finite());
}

#[test]
fn both_precisions_convert_exactly() {
    conversions::<f64>();
    conversions::<f32>();
    assert_eq!((f64::NAME, f32::NAME), ("f64", "f32"));
    // f32's from_f64 rounds to nearest: 0.1 becomes the f32 nearest it.
    assert_eq!(f32::from_f64(0.1), 0.1f32);
}

#[test]
fn expf_is_finite_and_normal_at_the_ends_of_its_range() {
    // The largest input whose result is finite, and the smallest whose result is not flushed
    // to 0 (e^−87.33655 ≈ 1.1755e−38, the smallest normal f32).
    let (max, min) = (88.722_83f32, -87.336_55f32);
    assert!(expf(max).is_finite() && expf(max) > 3.4e38);
    assert!(expf(min) > 0.0 && expf(min) < 1.2e-38, "{}", expf(min));
}
