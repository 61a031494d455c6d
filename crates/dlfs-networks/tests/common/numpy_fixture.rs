//! Reading the numpy fixtures (JSON) and comparing against them: shared by the tests that check
//! training against `numpy/xor_ref.py` and the book's programs.
#![allow(dead_code)]
use serde_json::Value;

/// The value after `flag` in a fixture's `args`.
pub fn arg<'a>(args: &'a [&'a str], flag: &str) -> &'a str {
    args[args.iter().position(|a| *a == flag).unwrap() + 1]
}

/// Every number of a JSON value (nested arrays flattened, row by row).
pub fn flatten(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(items) => items.iter().flat_map(flatten).collect(),
        x => vec![x.as_f64().unwrap()],
    }
}

/// `ours` within 1e-12 of `numpy`: relative above 1, absolute below.
pub fn assert_close(what: &str, ours: f64, numpy: f64) {
    let tol = 1e-12 * numpy.abs().max(1.0);
    assert!(
        (ours - numpy).abs() <= tol,
        "{what}: ours {ours:e}, numpy {numpy:e}, diff {:e}",
        ours - numpy
    );
}
