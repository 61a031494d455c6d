//! The learning-rate sweep (`lr-sweep`): its settings, its files, its summary recounted from
//! its runs, and the same results whatever the number of threads.
mod common;
use common::*;
use dlfs_experiments::Silent;
use dlfs_experiments::experiments::lr_sweep;
use dlfs_networks::Activation;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("lr-sweep");
    // lr-sweep: 5 architectures × 9 learning rates × 2 seeds.
    let runs = csv(&out.join("lr-sweep/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "architecture",
            "lr",
            "seed",
            "final_loss",
            "converged",
            "stalled",
            "diverged",
            "first_below_0.1"
        ]
    );
    assert_eq!(runs.len(), 1 + 5 * 9 * 2);
    let summary = csv(&out.join("lr-sweep/summary.csv"));
    assert_eq!(summary.len(), 1 + 5 * 9);
    // summary.csv is the aggregation of runs.csv: recount it from the runs.
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..]
            .iter()
            .filter(|r| r[0] == row[0] && r[1] == row[1])
            .collect();
        let count = |col: usize| mine.iter().filter(|r| r[col] == "true").count().to_string();
        assert_eq!(row[2], mine.len().to_string(), "{row:?}");
        assert_eq!(
            [&row[3], &row[4], &row[5]],
            [&count(4), &count(5), &count(6)],
            "{row:?}"
        );
        let rate: f64 = row[6].parse().unwrap();
        assert_eq!(rate, count(4).parse::<f64>().unwrap() / mine.len() as f64);
        // A converged run has a final loss below 0.1 and a first iteration below it.
        for r in &mine {
            if r[4] == "true" {
                assert!(
                    r[3].parse::<f64>().unwrap() < 0.1 && !r[7].is_empty(),
                    "{r:?}"
                );
            }
        }
    }
    // The heat map shows each setting's rate once, in percent.
    let mut rates: Vec<String> = summary[1..]
        .iter()
        .map(|row| format!("{:.0}%", row[6].parse::<f64>().unwrap() * 100.0))
        .collect();
    rates.sort();
    assert_eq!(percent_labels(&out.join("lr-sweep/heatmap.svg")), rates);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_sweep_covers_five_architectures_and_nine_rates_per_seed() {
    assert_eq!(lr_sweep::settings(), 45);
    let configs = lr_sweep::configs(2, 500);
    assert_eq!(configs.len(), 90);
    let architectures = ["2-2-2", "2-3-2", "2-4-2", "2-2-2-2", "2-4-4-2"];
    let rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
    for (k, c) in configs.iter().enumerate() {
        // Architecture-major, then learning rate, then seed.
        assert_eq!(c.architecture(), architectures[k / 18], "{k}");
        assert_eq!(c.lr, rates[k / 2 % 9], "{k}");
        assert_eq!(c.seed, (k % 2) as u32);
        assert_eq!((c.iters, c.stop_below), (500, None));
        assert_eq!(c.activation, Activation::Sigmoid);
    }
}

#[test]
fn the_sweep_is_identical_whatever_the_number_of_threads() {
    use dlfs_experiments::experiments::lr_sweep::{configs, sweep};
    let cfgs: Vec<_> = configs(2, 3000).into_iter().step_by(3).collect();
    let run_with = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| sweep(&cfgs, &Silent))
    };
    let one = run_with(1);
    let four = run_with(4);
    assert_eq!(format!("{one:?}"), format!("{four:?}"));
}
