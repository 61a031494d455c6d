//! Three initialisations side by side (`weight-init-compare`).
mod common;
use common::*;

#[test]
fn its_quick_run_writes_complete_results_and_std_001_learns_nothing() {
    let (report, out) = quick("weight-init-compare");
    if !has_fashion() {
        assert_eq!(report.facts[0].0, "skipped");
        return;
    }
    let rows = csv(&out.join("weight-init-compare/loss.csv"));
    assert_eq!(rows[0], ["iteration", "std=0.01", "xavier", "he"]);
    // --quick: 100 iterations.
    assert_eq!(rows.len(), 101);
    // With std = 0.01 through five layers the scores are all but 0: the softmax is uniform
    // and the loss ln 10 from the first step to the last.
    for row in &rows[1..] {
        let loss: f64 = row[1].parse().unwrap();
        assert!((loss - 10f64.ln()).abs() < 1e-3, "{row:?}");
    }
    // He's and Xavier's losses fall below it.
    let last = &rows[100];
    assert!(last[2].parse::<f64>().unwrap() < 2.25 && last[3].parse::<f64>().unwrap() < 2.25);
    assert!(out.join("weight-init-compare/loss.svg").is_file());
    std::fs::remove_dir_all(&out).unwrap();
}
