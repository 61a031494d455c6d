//! The slice kernels against their definitions.
use dlfs_numpy::kernels::bytes_over_255;

#[test]
fn every_byte_over_255_is_the_float32_quotient() {
    let bytes: Vec<u8> = (0..=255).collect();
    let mut out = vec![f64::NAN; 256];
    bytes_over_255(&bytes, &mut out);
    for (b, q) in bytes.iter().zip(&out) {
        // The definition: numpy's float32 division, correctly rounded, widened to f64.
        let expected = f64::from(f32::from(*b) / 255.0);
        assert_eq!(q.to_bits(), expected.to_bits(), "{b} / 255");
        // Within 3e-8 of the f64 quotient, as the documentation says.
        assert!((q - f64::from(*b) / 255.0).abs() < 3e-8, "{b}");
    }
    // And not the f64 quotient: the two differ for most bytes.
    let differ = bytes
        .iter()
        .zip(&out)
        .filter(|&(&b, &q)| q != f64::from(b) / 255.0)
        .count();
    assert!(differ > 200, "{differ}");
    // numpy: (np.arange(256, dtype=np.uint8).astype(np.float32) / 255.0)[[1, 51, 254]]
    assert_eq!(
        [out[1], out[51], out[254]],
        [
            0.003921568859368563,
            0.20000000298023224,
            0.9960784316062927
        ]
    );
}

#[test]
#[should_panic(expected = "bytes_over_255: 2 bytes into 3 values")]
fn bytes_over_255_checks_lengths() {
    bytes_over_255(&[1, 2], &mut [0.0; 3]);
}

#[test]
fn column_sums_of_every_width_in_every_layout() {
    use dlfs_numpy::kernels::column_sums_into;
    use ndarray::{Array1, Array2};
    // Entry (i, j) = 2^i · (j + 1): column j sums to (2^rows − 1)(j + 1), exactly.
    for cols in 0..=20 {
        for rows in [0, 1, 3, 7] {
            let d =
                Array2::from_shape_fn((rows, cols), |(i, j)| f64::from(1 << i) * (j + 1) as f64);
            let expected =
                Array1::from_shape_fn(cols, |j| f64::from((1 << rows) - 1) * (j + 1) as f64);
            let mut db = Array1::from_elem(cols, f64::NAN);
            column_sums_into(&d, &mut db);
            assert_eq!(db, expected, "{rows}×{cols}");
            // The same matrix as a transposed view: not contiguous, the general loop.
            let d_t = d.t().as_standard_layout().into_owned();
            let mut db = Array1::from_elem(cols, f64::NAN);
            column_sums_into(&d_t.t(), &mut db);
            assert_eq!(db, expected, "transposed {rows}×{cols}");
        }
    }
}

#[test]
fn column_sums_add_in_row_order_from_zero() {
    use dlfs_numpy::kernels::column_sums_into;
    use ndarray::{Array1, array};
    // (1e16 + 1) + 1 = 1e16 in f64 (each +1 rounds away), unlike 1e16 + (1 + 1) = 1e16 + 2:
    // numpy's np.sum(axis=0) on three rows adds them in order.
    let d: ndarray::Array2<f64> = array![[1e16, 0.0], [1.0, -0.0], [1.0, -0.0]];
    let mut db = Array1::<f64>::zeros(2);
    column_sums_into(&d, &mut db);
    assert_eq!(db[0], 1e16);
    assert_eq!(
        db[1].to_bits(),
        0.0f64.to_bits(),
        "0 + 0 + (−0) + (−0) is +0"
    );
    let mut db = Array1::<f64>::zeros(2);
    column_sums_into(&d.t().as_standard_layout().t(), &mut db);
    assert_eq!((db[0], db[1].to_bits()), (1e16, 0.0f64.to_bits()));
}

#[test]
fn a_random_state_shows_what_it_holds() {
    let mut rs = dlfs_numpy::RandomState::new(0);
    assert_eq!(format!("{rs:?}"), "RandomState { cached_gauss: None, .. }");
    rs.standard_normal();
    assert!(format!("{rs:?}").starts_with("RandomState { cached_gauss: Some("));
}

#[test]
fn sums_of_squares_are_numpys_pairwise_sums() {
    use dlfs_numpy::kernels::sum_of_squares;
    // v[i] = (i + 1) / 7; each expected value is numpy's np.sum(v**2) for v = np.arange(1, n + 1) / 7
    // (numpy 2.4), which the plain running sum misses by some ulps for the long ones.
    let v: Vec<f64> = (1..=1000).map(|i| f64::from(i) / 7.0).collect();
    for (n, expected) in [
        (5, 1.1224489795918369),
        (100, 6905.102040816327),
        (129, 14773.571428571428),
        (1000, 6812928.571428572),
    ] {
        assert_eq!(sum_of_squares(&v[..n]), expected, "n = {n}");
    }
    assert_eq!(sum_of_squares::<f64>(&[]), 0.0);
}
