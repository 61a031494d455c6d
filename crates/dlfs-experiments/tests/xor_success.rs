//! The article's run (`xor-success`): every printed value reproduced, its files, and the
//! comparison to 8 decimals.
mod common;
use common::*;

#[test]
fn its_quick_run_writes_complete_results() {
    let (report, out) = quick("xor-success");
    // The summary's first fact: the article printed 46 values (W1 8, b1 4, W2 8, b2 2, the
    // four softmax pairs 8 and the four hidden rows 16), all reproduced.
    assert_eq!(
        report.facts.first(),
        Some(&(
            "article reproduced to 8 decimals".to_string(),
            "yes (46/46 printed values)".to_string()
        ))
    );
    // xor-success: every printed value reproduced.
    check_run_folder(&out.join("xor-success"), 60_000, &[4]);
    let repro = csv(&out.join("xor-success/reproduction.csv"));
    assert_eq!(
        repro[0],
        [
            "quantity", "row", "col", "article", "ours", "ours_8dp", "match"
        ]
    );
    assert_eq!(repro.len(), 47);
    assert!(repro[1..].iter().all(|r| r[6] == "true"));
    // The loss file reads back as the same numbers: the article's last loss (seed_xor.py prints
    // `loss first/last: 0.7666662145758563 0.018648444453981575`).
    let loss = csv(&out.join("xor-success/loss.csv"));
    let last: f64 = loss.last().unwrap()[1].parse().unwrap();
    assert!((last - 0.018648444453981575).abs() < 1e-12, "{last}");
    // The diagnostics of the success.
    check_diagnostics(&out.join("xor-success"), &[4], 60_000);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_value_matches_the_article_when_equal_to_8_decimals() {
    use dlfs_experiments::experiments::xor_success::Comparison;
    let with = |printed: &str, ours: f64| Comparison {
        quantity: "W1".into(),
        row: 0,
        col: 0,
        printed: printed.into(),
        ours,
    };
    assert!(with("0.49939392", 0.499_393_921_7).matches());
    assert!(with("-1.5", -1.500_000_001).matches());
    assert!(
        !with("0.49939392", 0.499_393_93).matches(),
        "off in the 8th decimal"
    );
    assert!(!with("0.5", -0.5).matches(), "the sign");
    assert!(!with("n/a", 0.0).matches(), "not a number");
}
