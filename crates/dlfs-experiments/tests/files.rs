//! The files of a run against what the run returned: every CSV value read back equals the
//! run's own number, and the charts show them.
use dlfs_experiments::files::write_mnist_run;
use dlfs_train::mnist::{MnistConfig, accuracy, predictions, train};

mod common;
use common::{csv, synthetic};

#[test]
fn a_runs_files_hold_its_losses_accuracies_and_confusion_matrix() {
    let data = synthetic(500, 100);
    let config = MnistConfig {
        iters: 12,
        seed: 3,
        ..MnistConfig::default()
    };
    let mut done = Vec::new();
    let mut run = train::<f64>(&config, &data, |_| {}, |i| done.push(i));
    // Progress counts the iterations done: 1 to 12.
    assert_eq!(done, (1..=12).collect::<Vec<_>>());
    let dir = std::env::temp_dir().join(format!("dlfs-mnist-write-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let names = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    write_mnist_run(&dir, &mut run, &data, &names).unwrap();

    let loss = csv(&dir.join("loss.csv"));
    assert_eq!(loss[0], ["iteration", "loss"]);
    assert_eq!(loss.len(), 13);
    for (i, row) in loss[1..].iter().enumerate() {
        assert_eq!(row[0], i.to_string());
        assert_eq!(row[1].parse::<f64>().unwrap(), run.losses[i]);
    }
    // An epoch is 500 / 100 = 5 iterations: accuracies at iterations 0, 5 and 10.
    let acc = csv(&dir.join("accuracy.csv"));
    assert_eq!(acc[0], ["epoch", "iteration", "train_acc", "test_acc"]);
    let iterations: Vec<&str> = acc[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(iterations, ["0", "5", "10"]);
    for (e, row) in acc[1..].iter().enumerate() {
        assert_eq!(row[0], e.to_string());
        assert_eq!(row[2].parse::<f64>().unwrap(), run.epochs[e].train_acc);
        assert_eq!(row[3].parse::<f64>().unwrap(), run.epochs[e].test_acc);
    }
    // The confusion matrix counts each test image once, by true and predicted class: its
    // diagonal is the test accuracy's numerator.
    let confusion = csv(&dir.join("confusion.csv"));
    assert_eq!(confusion[0], ["true", "predicted", "count"]);
    assert_eq!(confusion.len(), 101);
    let predicted = predictions(&run.net, &data.test);
    for row in &confusion[1..] {
        let (t, p, n): (usize, usize, usize) = (
            row[0].parse().unwrap(),
            row[1].parse().unwrap(),
            row[2].parse().unwrap(),
        );
        let expected = data
            .t_test
            .iter()
            .zip(&predicted)
            .filter(|&(&tt, &pp)| tt == t && pp == p)
            .count();
        assert_eq!(n, expected, "({t}, {p})");
    }
    let right: usize = confusion[1..]
        .iter()
        .filter(|r| r[0] == r[1])
        .map(|r| r[2].parse::<usize>().unwrap())
        .sum();
    let final_acc = accuracy(&run.net, &data.test, &data.t_test);
    assert_eq!(right as f64 / 100.0, final_acc);
    // Each true class's row of the heat map is its share of predictions: the cells' numbers
    // are counts over the row's total, in percent.
    let svg = std::fs::read_to_string(dir.join("confusion.svg")).unwrap();
    for (t, row) in confusion[1..].chunks(10).enumerate() {
        let total: usize = row.iter().map(|r| r[2].parse::<usize>().unwrap()).sum();
        for r in row {
            let n: usize = r[2].parse().unwrap();
            let pct = format!(">\n{:.0}%\n<", n as f64 * 100.0 / total.max(1) as f64);
            assert!(svg.contains(&pct), "class {t}: {pct:?}");
        }
    }
    // The misclassified images: the first 24 test images predicted wrong, each named with its
    // index and true class.
    let wrong: Vec<usize> = (0..100)
        .filter(|&i| predicted[i] != data.t_test[i])
        .take(24)
        .collect();
    assert!(!wrong.is_empty());
    let pictures = std::fs::read_to_string(dir.join("misclassified.svg")).unwrap();
    for &i in &wrong {
        assert!(
            pictures.contains(&format!("#{i}: {}<", names[data.t_test[i]])),
            "image {i}"
        );
    }
    assert_eq!(pictures.matches("<text").count(), 1 + 2 * wrong.len());
    for svg in ["loss.svg", "accuracy.svg"] {
        assert!(
            std::fs::read_to_string(dir.join(svg))
                .unwrap()
                .contains("<polyline")
        );
    }
    let params = csv(&dir.join("params.csv"));
    assert_eq!(params.len(), 1 + 784 * 50 + 50 + 50 * 10 + 10);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The bins written in activations.csv: `(bin_start, bin_end)` of the first layer's histogram
/// at the first iteration, and the count of each (iteration, layer) summed.
fn bins(dir: &std::path::Path) -> (Vec<(f64, f64)>, Vec<usize>) {
    let rows = csv(&dir.join("activations.csv"));
    assert_eq!(
        rows[0],
        [
            "iteration",
            "loss",
            "layer",
            "bin_start",
            "bin_end",
            "count"
        ]
    );
    let first: Vec<(f64, f64)> = rows[1..21]
        .iter()
        .map(|r| (r[3].parse().unwrap(), r[4].parse().unwrap()))
        .collect();
    let totals: Vec<usize> = rows[1..]
        .chunks(20)
        .map(|c| c.iter().map(|r| r[5].parse::<usize>().unwrap()).sum())
        .collect();
    (first, totals)
}

#[test]
fn the_histograms_bins_span_each_activations_range() {
    use dlfs_networks::Activation;
    use dlfs_train::recorder::train_recorded;
    use dlfs_train::run::RunConfig;
    for (activation, lo, hi) in [
        (Activation::Sigmoid, 0.0, 1.0),
        (Activation::Tanh, -1.0, 1.0),
    ] {
        let config = RunConfig {
            hidden: vec![3, 2],
            activation,
            iters: 3,
            ..RunConfig::default()
        };
        let (run, recorder) = train_recorded(&config);
        let dir = std::env::temp_dir().join(format!(
            "dlfs-files-bins-{}-{}",
            activation.as_str(),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dlfs_experiments::files::write_diagnostics(&dir, &run, &recorder.finish(&run)).unwrap();
        let (first, totals) = bins(&dir);
        // 20 equal bins over the activation's range, in order.
        let width = (hi - lo) / 20.0;
        for (b, &(start, end)) in first.iter().enumerate() {
            assert!(
                (start - (lo + width * b as f64)).abs() < 1e-12,
                "{activation:?} {b}"
            );
            assert!(
                (end - (lo + width * (b + 1) as f64)).abs() < 1e-12,
                "{activation:?} {b}"
            );
        }
        // Two snapshots (iteration 0 and the last), two hidden layers: 441 inputs × 3 units,
        // then × 2 units, every output inside the range.
        assert_eq!(
            totals,
            [441 * 3, 441 * 2, 441 * 3, 441 * 2],
            "{activation:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn moving_averages_cover_the_last_window_values() {
    use dlfs_experiments::files::moving_average;
    let avg = moving_average(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 3);
    // Fewer values at the start: 1, (1+2)/2, then windows of three.
    assert_eq!(avg, [1.0, 1.5, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(moving_average(&[4.0, 8.0], 1), [4.0, 8.0]);
    assert!(moving_average(&[], 20).is_empty());
}
