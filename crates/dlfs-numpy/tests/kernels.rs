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
