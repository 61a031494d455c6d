//! The optimizers' paths (`optimizer-paths`) and the book's bowl.
mod common;
use common::*;
use dlfs_experiments::experiments::optimizer_paths;
use dlfs_optimizers::Kind;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("optimizer-paths");
    // optimizer-paths: 6 paths of 30 steps from (−7, 2) on f = x²/20 + y².
    let paths = csv(&out.join("optimizer-paths/paths.csv"));
    assert_eq!(paths[0], ["optimizer", "lr", "step", "x", "y", "f"]);
    assert_eq!(paths.len(), 1 + 6 * 31);
    for r in &paths[1..] {
        let (x, y, f): (f64, f64, f64) = (
            r[3].parse().unwrap(),
            r[4].parse().unwrap(),
            r[5].parse().unwrap(),
        );
        assert_eq!(f, x * x / 20.0 + y * y, "{r:?}");
        if r[2] == "0" {
            assert_eq!((x, y), (-7.0, 2.0), "{r:?}");
        }
    }
    // SGD's first step: ∇f(−7, 2) = (−0.7, 4), so (−7 + 0.95·0.7, 2 − 0.95·4) = (−6.335, −1.8).
    let sgd1 = &paths[2];
    assert_eq!((&sgd1[0][..], &sgd1[2][..]), ("sgd", "1"));
    assert!((sgd1[3].parse::<f64>().unwrap() + 6.335).abs() < 1e-12);
    assert!((sgd1[4].parse::<f64>().unwrap() + 1.8).abs() < 1e-12);
    assert!(out.join("optimizer-paths/paths.svg").exists());
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_books_bowl_and_its_gradient() {
    use optimizer_paths::{START, STEPS, df, f, path};
    assert_eq!(f(-7.0, 2.0), 49.0 / 20.0 + 4.0);
    assert_eq!(f(0.0, 0.0), 0.0);
    assert_eq!(df(-7.0, 2.0), (-0.7, 4.0));
    assert_eq!(df(10.0, -1.5), (1.0, -3.0));
    assert_eq!((START, STEPS), ((-7.0, 2.0), 30));
    // SGD: (x, y) − η∇f, 30 times from (−7, 2).
    let sgd = path(Kind::Sgd, 0.95);
    assert_eq!(sgd.len(), 31);
    let (mut x, mut y) = (-7.0f64, 2.0f64);
    for (k, &p) in sgd.iter().enumerate() {
        assert_eq!(p, (x, y), "step {k}");
        let (gx, gy) = (x / 10.0, 2.0 * y);
        (x, y) = (x - 0.95 * gx, y - 0.95 * gy);
    }
    // Each optimizer of the book's figures approaches the minimum at (0, 0).
    for (kind, lr) in optimizer_paths::RATES {
        let p = path(kind, lr);
        let (x, y) = p[STEPS];
        assert!(f(x, y) < f(START.0, START.1) / 10.0, "{kind:?}: ({x}, {y})");
    }
}
