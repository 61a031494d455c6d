//! The overfitting experiments (`overfit-weight-decay`, `overfit-dropout`): the book's loop
//! and its Trainer draw the same batches, and their files.
mod common;
use common::*;
use dlfs_experiments::experiments::overfit_dropout::overfit_dropout;
use dlfs_experiments::experiments::overfit_weight_decay::overfit;

#[test]
fn the_books_loop_and_its_trainer_train_alike() {
    // overfit_weight_decay.py's own loop (601 steps for 201 epochs of 3) and the Trainer
    // (int(epochs · 3) steps) evaluate at the same iterations with the same batches: without
    // weight decay and Dropout they are the same run.
    let data = synthetic(300, 50);
    let looped = overfit(&data, 0.0, 4, 0);
    let trained = overfit_dropout(&data, None, 4, 0);
    assert_eq!(looped.len(), 4);
    for (a, b) in looped.iter().zip(&trained) {
        assert_eq!(
            (a.iteration, a.train_acc, a.test_acc),
            (b.iteration, b.train_acc, b.test_acc)
        );
    }
    assert_eq!(
        looped.iter().map(|e| e.iteration).collect::<Vec<_>>(),
        [0, 3, 6, 9]
    );
    // Weight decay and Dropout change the run.
    let decayed = overfit(&data, 0.1, 4, 0);
    let dropped = overfit_dropout(&data, Some(0.2), 4, 0);
    assert_ne!(decayed.last().unwrap().train_acc.to_bits(), 0);
    assert!(
        decayed
            .iter()
            .zip(&looped)
            .any(|(a, b)| a.train_acc != b.train_acc)
            || decayed
                .iter()
                .zip(&looped)
                .any(|(a, b)| a.test_acc != b.test_acc)
    );
    assert!(
        dropped
            .iter()
            .zip(&looped)
            .any(|(a, b)| a.train_acc != b.train_acc)
            || dropped
                .iter()
                .zip(&looped)
                .any(|(a, b)| a.test_acc != b.test_acc)
    );
}

#[test]
fn their_quick_runs_write_complete_results() {
    for (name, setting, values) in [
        ("overfit-weight-decay", "weight_decay", ["0", "0.1"]),
        ("overfit-dropout", "dropout", ["0", "0.2"]),
    ] {
        let (report, out) = quick(name);
        if !has_fashion() {
            assert_eq!(report.facts[0].0, "skipped");
            continue;
        }
        let rows = csv(&out.join(name).join("accuracy.csv"));
        assert_eq!(rows[0], [setting, "epoch", "train_acc", "test_acc"]);
        // --quick: 21 epochs each.
        assert_eq!(rows.len(), 1 + 2 * 21);
        for (k, row) in rows[1..].iter().enumerate() {
            assert_eq!(row[0], values[k / 21]);
            assert_eq!(row[1], (k % 21).to_string());
        }
        assert!(out.join(name).join("accuracy.svg").is_file());
        assert_eq!(report.facts.len(), 2);
        std::fs::remove_dir_all(&out).unwrap();
    }
}
