//! The stall's cures (`cures`): its settings, its files, its table.
mod common;
use common::*;
use dlfs_experiments::experiments::cures;
use dlfs_experiments::outcomes::rates_table;
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;
use ndarray::array;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("cures");
    // cures: 6 optimizers × (4 initialisations, and the article's with Batch Norm) × 3
    // activations × 2 seeds.
    let runs = csv(&out.join("cures/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "optimizer",
            "init",
            "activation",
            "batch_norm",
            "seed",
            "converged_at",
            "final_loss",
            "stalled",
            "other_plateau",
            "diverged"
        ]
    );
    assert_eq!(runs.len(), 1 + 6 * 5 * 3 * 2);
    for r in &runs[1..] {
        // Exactly one outcome per run; a converged run stopped below 0.1 within 60000 it.
        let flags = [
            !r[5].is_empty(),
            r[7] == "true",
            r[8] == "true",
            r[9] == "true",
        ];
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1, "{r:?}");
        if !r[5].is_empty() {
            assert!(r[5].parse::<usize>().unwrap() < 60_000, "{r:?}");
            assert!(r[6].parse::<f64>().unwrap() < 0.1, "{r:?}");
        }
        if r[7] == "true" {
            assert!(r[6].parse::<f64>().unwrap() > 0.6, "{r:?}");
        }
        // Batch Norm only with the article's initialisation.
        assert!(r[3] == "false" || r[1] == "article", "{r:?}");
    }
    let summary = csv(&out.join("cures/summary.csv"));
    assert_eq!(summary.len(), 1 + 6 * 5 * 3);
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..].iter().filter(|r| r[..4] == row[..4]).collect();
        let converged = mine.iter().filter(|r| !r[5].is_empty()).count();
        let count = |col: usize| mine.iter().filter(|r| r[col] == "true").count();
        assert_eq!(
            [&row[4], &row[5], &row[6], &row[7], &row[8]],
            [&mine.len(), &converged, &count(7), &count(8), &count(9)]
                .map(|n| n.to_string())
                .each_ref(),
            "{row:?}"
        );
    }
    // The convergence rate is converged / runs, and the heat map shows each setting's rate
    // once, in percent.
    let drawn = percent_labels(&out.join("cures/heatmap.svg"));
    let mut rates: Vec<String> = summary[1..]
        .iter()
        .map(|row| {
            let (runs, converged): (f64, f64) = (row[4].parse().unwrap(), row[5].parse().unwrap());
            assert_eq!(row[9].parse::<f64>().unwrap(), converged / runs, "{row:?}");
            format!("{:.0}%", converged / runs * 100.0)
        })
        .collect();
    rates.sort();
    assert_eq!(drawn, rates);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_cures_cross_every_optimizer_initialisation_and_activation() {
    assert_eq!(cures::settings(), 6 * 5 * 3);
    let configs = cures::configs(2);
    assert_eq!(configs.len(), 180);
    for (k, c) in configs.iter().enumerate() {
        // Optimizer-major, then initialisation (the article's again, with Batch Norm),
        // activation, seed.
        assert_eq!(c.optimizer, Kind::ALL[k / 30], "{k}");
        let row = k / 6 % 5;
        assert_eq!(
            c.init,
            [cures::INITS.as_slice(), &[Init::Article]].concat()[row],
            "{k}"
        );
        assert_eq!(c.extend.batch_norm, row == 4, "{k}");
        assert_eq!((c.extend.dropout, c.extend.weight_decay), (None, 0.0));
        assert_eq!(c.activation, Activation::ALL[k / 2 % 3], "{k}");
        assert_eq!(c.seed, (k % 2) as u32);
        // The stalled network of the article: 2-2-2-2, lr 0.01, 60 000 iterations, stopping
        // below 0.1.
        assert_eq!(c.sizes(), [2, 2, 2, 2]);
        assert_eq!((c.lr, c.iters, c.stop_below), (0.01, 60_000, Some(0.1)));
    }
    assert_eq!(
        cures::INITS,
        [Init::Article, Init::BOOK, Init::Xavier, Init::He]
    );
}

#[test]
fn the_text_tables_line_up_whole_percents() {
    let rows = ["he · relu".to_string(), "article · sigmoid".to_string()];
    let cols = ["sgd".to_string(), "adam".to_string()];
    let text = rates_table(&rows, &cols, &array![[0.5, 1.0], [0.0, 0.25]], 10);
    // The longest row label has 17 characters: the first column is 19 wide.
    let expected = [
        "conv. %                   sgd      adam",
        "he · relu                  50       100",
        "article · sigmoid           0        25",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    // Row labels shorter than "conv. %": the first column is 9 wide; 0.994 rounds to 99.
    let text = rates_table(&["2-2".into()], &["0.1".into()], &array![[0.994]], 5);
    assert_eq!(text, "conv. %    0.1\n2-2         99");
}
