//! numpy's own draws, stored in `data/fixtures/numpy_rng.json` by `numpy/numpy_rng.py`
//! (shared by the tests of `RandomState` here and of the initialisations in `dlfs-init`).
use serde_json::Value;

/// The whole fixture.
pub fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/numpy_rng.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("read numpy_rng.json")).unwrap()
}

/// A JSON array of numbers.
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}
