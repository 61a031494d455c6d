//! The slice kernels against their definitions.
use dlfs_numpy::kernels::bytes_over_255;

#[test]
fn every_byte_over_255_is_the_ieee_quotient() {
    let bytes: Vec<u8> = (0..=255).collect();
    let mut out = vec![f64::NAN; 256];
    bytes_over_255(&bytes, &mut out);
    for (b, q) in bytes.iter().zip(&out) {
        // The definition: IEEE division, correctly rounded.
        let expected = f64::from(*b) / 255.0;
        assert_eq!(q.to_bits(), expected.to_bits(), "{b} / 255");
    }
    // The plain multiplication by 1/255 would not do: it is off by one ulp for some bytes.
    assert!(
        bytes
            .iter()
            .any(|&b| f64::from(b) * (1.0 / 255.0) != f64::from(b) / 255.0)
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
    let d = array![[1e16, 0.0], [1.0, -0.0], [1.0, -0.0]];
    let mut db = Array1::zeros(2);
    column_sums_into(&d, &mut db);
    assert_eq!(db[0], 1e16);
    assert_eq!(
        db[1].to_bits(),
        0.0f64.to_bits(),
        "0 + 0 + (−0) + (−0) is +0"
    );
    let mut db = Array1::zeros(2);
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
