//! How long the stall lasts (`escape-time`): its settings and its files.
mod common;
use common::*;
use dlfs_experiments::experiments::escape_time;
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("escape-time");
    // escape-time: 3 learning rates × 2 seeds, up to a million iterations.
    let runs = csv(&out.join("escape-time/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "lr",
            "seed",
            "escaped_at",
            "converged_at",
            "final_loss",
            "diverged"
        ]
    );
    assert_eq!(runs.len(), 1 + 3 * 2);
    for r in &runs[1..] {
        if !r[3].is_empty() {
            // Below 0.1 is below 0.5: the escape came first, or in the same iteration.
            let (escaped, converged): (usize, usize) =
                (r[2].parse().unwrap(), r[3].parse().unwrap());
            assert!(escaped <= converged && converged < 1_000_000, "{r:?}");
            assert!(r[4].parse::<f64>().unwrap() < 0.1, "{r:?}");
        }
    }
    // The summary recounts the runs per learning rate, with the quartiles of the convergence
    // iterations by the nearest rank (⌈q·n⌉-th smallest).
    let summary = csv(&out.join("escape-time/summary.csv"));
    assert_eq!(summary.len(), 1 + 3);
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..].iter().filter(|r| r[0] == row[0]).collect();
        let mut at: Vec<usize> = mine.iter().filter_map(|r| r[3].parse().ok()).collect();
        at.sort_unstable();
        let stalled = mine
            .iter()
            .filter(|r| r[3].is_empty() && r[5] == "false" && r[4].parse::<f64>().unwrap() > 0.6)
            .count();
        let rank = |q: f64| {
            let k = ((q * at.len() as f64).ceil() as usize).max(1);
            at.get(k - 1).map(ToString::to_string).unwrap_or_default()
        };
        let expected = [
            mine.len().to_string(),
            at.iter().filter(|&&i| i < 60_000).count().to_string(),
            at.len().to_string(),
            stalled.to_string(),
            mine.iter().filter(|r| r[5] == "true").count().to_string(),
            rank(0.25),
            rank(0.5),
            rank(0.75),
        ];
        assert_eq!(row[1..], expected, "{row:?}");
    }
    assert!(out.join("escape-time/escape.svg").exists());
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn escape_time_runs_the_stalled_network_at_three_rates_for_a_million_iterations() {
    let configs = escape_time::configs(3);
    assert_eq!(configs.len(), 9);
    for (k, c) in configs.iter().enumerate() {
        // Learning rate, then seed: 0.005, 0.01 (the article's), 0.02.
        assert_eq!(c.lr, [0.005, 0.01, 0.02][k / 3]);
        assert_eq!(c.seed, (k % 3) as u32);
        assert_eq!(c.sizes(), [2, 2, 2, 2]);
        assert_eq!(c.activation, Activation::Sigmoid);
        assert_eq!((c.iters, c.stop_below), (1_000_000, Some(0.1)));
        assert_eq!((c.optimizer, c.init), (Kind::Sgd, Init::Article));
    }
}
