//! The stall (`stalled`): lr 0.01 stays at 0.5 with the loss at ln 2, lr 0.1 and 1 escape; the
//! plateau's definition.
mod common;
use common::*;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("stalled");
    // stalled: lr 0.01 stays at 0.5 ± 0.01 with the loss near ln 2 (numpy: 0.69298 at the end);
    // lr 0.1 and 1 escape (numpy: 5.5e-4 and 3.9e-5).
    for lr in ["0.01", "0.1", "1"] {
        check_run_folder(&out.join(format!("stalled/lr-{lr}")), 60_000, &[2, 2]);
    }
    let plateau = csv(&out.join("stalled/plateau.csv"));
    assert_eq!(
        plateau[0],
        [
            "lr",
            "final_loss",
            "max_abs_output_minus_half",
            "plateau_start",
            "plateau_end",
            "plateau_length",
            "first_below_0.1"
        ]
    );
    let field = |row: &Vec<String>, i: usize| row[i].parse::<f64>().unwrap();
    assert!((field(&plateau[1], 1) - 0.69298).abs() < 5e-6);
    assert!(field(&plateau[1], 2) < 0.01);
    assert_eq!(
        plateau[1][4], "59999",
        "the stalled run is still on the plateau at the end"
    );
    assert!((field(&plateau[2], 1) - 5.5e-4).abs() < 0.05e-4);
    assert!((field(&plateau[3], 1) - 3.9e-5).abs() < 0.05e-5);
    // How far the outputs must be from 0.5, given the mean loss L over the four inputs, with
    // p = 0.5 + δ the right class's output: −ln p ≥ ln 2 − 2δ (−ln is convex), so the mean δ,
    // and the largest |δ|, is at least (ln 2 − L)/2; and each −ln p ≤ 4L puts p above e^(−4L).
    for row in &plateau[1..] {
        let loss = field(row, 1);
        let least = f64::max(
            (std::f64::consts::LN_2 - loss) / 2.0,
            (-4.0 * loss).exp() - 0.5,
        );
        assert!(least > 0.0 && field(row, 2) >= least, "{row:?}");
        assert!(field(row, 2) <= 0.5, "{row:?}");
    }
    for svg in ["loss.svg", "success-vs-stalled.svg"] {
        assert!(out.join("stalled").join(svg).exists());
    }
    // The diagnostics of the stall and of an escape.
    for dir in ["stalled/lr-0.01", "stalled/lr-1"] {
        check_diagnostics(&out.join(dir), &[2, 2], 60_000);
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_plateau_is_the_longest_stretch_within_001_of_ln_2() {
    use dlfs_experiments::experiments::stalled::plateau;
    use std::f64::consts::LN_2;
    let (on, off) = (LN_2, 1.0);
    // Within 0.01 on either side counts; 0.02 away does not.
    assert_eq!(plateau(&[off, on + 0.009, on - 0.009, off]), Some((1, 2)));
    assert_eq!(plateau(&[on + 0.02, on - 0.02]), None);
    assert_eq!(plateau(&[]), None);
    // A later, longer stretch wins; of two as long, the first; a stretch may end the run.
    assert_eq!(plateau(&[off, on, on, off, on, on, on, off]), Some((4, 6)));
    assert_eq!(plateau(&[on, on, off, on, on]), Some((0, 1)));
    assert_eq!(plateau(&[off, on, off, on, on]), Some((3, 4)));
    assert_eq!(plateau(&[on; 4]), Some((0, 3)));
}
