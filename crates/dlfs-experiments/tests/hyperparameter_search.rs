//! The random search (`hyperparameter-search`): its draws in the book's order, its files.
mod common;
use common::*;
use dlfs_experiments::experiments::hyperparameter_search::{search, split};
use dlfs_init::RandomState;

#[test]
fn the_split_and_the_rates_are_drawn_as_the_books_script_draws_them() {
    let data = synthetic(500, 0);
    // np.random.seed(0); np.random.permutation(500)[:6]: the first six held out.
    let mut rng = RandomState::new(0);
    let held_out = split(&data, &mut rng);
    assert_eq!((held_out.train.count, held_out.test.count), (400, 100));
    for (k, i) in [90, 254, 283, 445, 461, 15].into_iter().enumerate() {
        assert_eq!(held_out.test.image(k), data.train.image(i));
        assert_eq!(held_out.t_test[k], data.t_train[i]);
    }
    // numpy, after the permutation: for each trial, weight_decay = 10 ** uniform(-8, -4),
    // lr = 10 ** uniform(-6, -2), the six weight matrices' randn, then the Trainer's
    // int(1 · 400 / 100) = 4 batches of np.random.choice(400, 100).
    let trials = search(&data, 2, 1, 0, &dlfs_experiments::Silent);
    let rates: Vec<(f64, f64)> = trials.iter().map(|t| (t.lr, t.weight_decay)).collect();
    assert_eq!(
        rates,
        [
            (1.5081662054491436e-06, 6.909132715896656e-07),
            (8.580130119250735e-05, 6.613961694622979e-08)
        ]
    );
    for t in &trials {
        assert_eq!((t.val_acc.len(), t.train_acc.len()), (1, 1));
        assert!((0.0..=1.0).contains(&t.final_val_acc()));
    }
}

#[test]
fn its_quick_run_writes_complete_results() {
    let (report, out) = quick("hyperparameter-search");
    if !has_fashion() {
        assert_eq!(report.facts[0].0, "skipped");
        return;
    }
    let dir = out.join("hyperparameter-search");
    // --quick: 6 trials of 5 epochs.
    let trials = csv(&dir.join("trials.csv"));
    assert_eq!(
        trials[0],
        ["trial", "lr", "weight_decay", "val_acc", "train_acc"]
    );
    assert_eq!(trials.len(), 7);
    for t in &trials[1..] {
        let lr: f64 = t[1].parse().unwrap();
        let wd: f64 = t[2].parse().unwrap();
        assert!(
            (1e-6..1e-2).contains(&lr) && (1e-8..1e-4).contains(&wd),
            "{t:?}"
        );
    }
    let curves = csv(&dir.join("curves.csv"));
    assert_eq!(curves[0], ["trial", "epoch", "val_acc", "train_acc"]);
    assert_eq!(curves.len(), 1 + 6 * 5);
    // The last epoch of each trial's curve is its row of trials.csv.
    for t in &trials[1..] {
        let last = curves.iter().rfind(|c| c[0] == t[0]).unwrap();
        assert_eq!((&last[2], &last[3]), (&t[3], &t[4]));
    }
    for svg in ["best.svg", "search.svg"] {
        assert!(
            std::fs::read_to_string(dir.join(svg))
                .unwrap()
                .contains("<svg")
        );
    }
    std::fs::remove_dir_all(&out).unwrap();
}
