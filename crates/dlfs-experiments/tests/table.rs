//! CSV text: a header, quoted cells, and floats that read back as the same `f64`.
use dlfs_experiments::table::{Table, num};
use proptest::prelude::*;

#[test]
fn tables_are_csv_with_a_header() {
    let mut t = Table::new(&["a", "b"]);
    t.push(vec!["1".into(), "x,y".into()]);
    assert_eq!(
        String::from_utf8(t.to_csv().unwrap()).unwrap(),
        "a,b\n1,\"x,y\"\n"
    );
    t.push(vec!["2".into(), "z".into()]);
    assert_eq!(
        t.rows(),
        [
            vec!["1".to_string(), "x,y".into()],
            vec!["2".into(), "z".into()]
        ]
    );
}

#[test]
fn huge_floats_are_written_in_scientific_notation() {
    assert_eq!(num(1e308), "1e308");
    assert_eq!(num(-1.5e16), "-1.5e16");
    assert_eq!(num(9999999999999998.0), "9999999999999998");
    assert_eq!(num(0.01), "0.01");
    assert_eq!(num(f64::NAN), "NaN");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_floats_read_back_as_the_same_f64(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        prop_assert_eq!(num(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
    }
}
