//! Batch Norm at 16 weight scales (`batch-norm`): the scales, the steps, the files.
mod common;
use common::*;
use dlfs_experiments::experiments::batch_norm::{batch_norm_test, weight_scales};

#[test]
fn the_scales_are_numpys_logspace() {
    // np.logspace(0, -4, num=16)
    let numpy = [
        1.0,
        0.5411695265464637,
        0.2928644564625237,
        0.15848931924611134,
        0.08576958985908942,
        0.046415888336127795,
        0.025118864315095794,
        0.013593563908785255,
        0.007356422544596414,
        0.003981071705534973,
        0.0021544346900318843,
        0.0011659144011798323,
        0.000630957344480193,
        0.0003414548873833601,
        0.00018478497974222906,
        0.0001,
    ];
    assert_eq!(weight_scales(), numpy);
}

#[test]
fn each_scale_is_evaluated_once_per_epoch_with_and_without_batch_norm() {
    let data = synthetic(1000, 0);
    let runs = batch_norm_test(&data, &[0.01, 1e-4], 2, 0, &dlfs_experiments::Silent);
    assert_eq!(runs.len(), 2);
    for r in &runs {
        assert_eq!((r.bn_train_acc.len(), r.train_acc.len()), (2, 2));
        assert!(
            r.bn_train_acc
                .iter()
                .chain(&r.train_acc)
                .all(|a| (0.0..=1.0).contains(a))
        );
    }
    // Weights of 1e-4 through six layers: without Batch Norm the scores are the last bias
    // (the rest is below 1e-20), the same for every image, so every image gets the same
    // class and the accuracy is that class's share of the images.
    let share = |c| data.t_train.iter().filter(|&&t| t == c).count() as f64 / 1000.0;
    for acc in &runs[1].train_acc {
        assert!((0..10).any(|c| share(c) == *acc), "{acc}");
    }
}

#[test]
fn its_quick_run_writes_complete_results() {
    let (report, out) = quick("batch-norm");
    if !has_fashion() {
        assert_eq!(report.facts[0].0, "skipped");
        return;
    }
    let rows = csv(&out.join("batch-norm/accuracy.csv"));
    assert_eq!(
        rows[0],
        ["weight_init_std", "epoch", "batch_norm", "normal"]
    );
    // --quick: 4 scales (every fifth), 3 epochs.
    assert_eq!(rows.len(), 1 + 4 * 3);
    assert_eq!(rows[1][0], "1");
    assert_eq!(rows[12][0], "0.0001");
    assert!(out.join("batch-norm/batch_norm.svg").is_file());
    std::fs::remove_dir_all(&out).unwrap();
}
