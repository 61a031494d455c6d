//! The book's training on real images (§5.7.4) and its optimizer comparison (§6.1.7,
//! figure 6-9), on Fashion-MNIST when Debian's `dataset-fashion-mnist` has installed it.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use anyhow::Result;
use dlfs_datasets::FASHION_CLASSES;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_optimizers::Kind;
use dlfs_train::mnist::{Data, MnistConfig, side_by_side, train};

/// The comparison's network: 784 → 100 → 100 → 100 → 100 → 10, ReLU, He's initialisation.
pub const COMPARISON_SIZES: [usize; 6] = [784, 100, 100, 100, 100, 10];
/// The comparison's mini-batch.
pub const COMPARISON_BATCH: usize = 128;
/// The comparison's iterations.
pub const COMPARISON_ITERS: usize = 2000;
/// The optimizers compared, with the book's learning rates (its defaults: 0.01, and Adam's
/// 0.001).
pub const COMPARED: [(Kind, f64); 4] = [
    (Kind::Sgd, 0.01),
    (Kind::Momentum, 0.01),
    (Kind::AdaGrad, 0.01),
    (Kind::Adam, 0.001),
];

/// The book's `optimizer_compare_mnist.py`: one network per optimizer (drawn in this order from
/// one generator seeded with `seed`), all trained on the same mini-batches; the loss of each
/// iteration's batch after the update. Returns `losses[optimizer][iteration]`.
pub fn compare_optimizers(data: &Data, iters: usize, seed: u32) -> Vec<Vec<f64>> {
    let mut rng = RandomState::new(seed);
    let runs = COMPARED
        .iter()
        .map(|&(kind, lr)| {
            let net = MultiLayerNet::new(&COMPARISON_SIZES, Activation::Relu, Init::He, &mut rng);
            (net, kind, lr)
        })
        .collect();
    let mut masks = vec![0; iters * COMPARISON_BATCH];
    // One np.random.choice(train_size, batch) per iteration, drawn in a row.
    rng.choice(data.train.count, &mut masks);
    side_by_side(runs, data, &masks, COMPARISON_BATCH)
}

/// Runs the experiment, or skips it with one line when the data is not installed. Files: those
/// of [`files::write_mnist_run`], and `optimizers.csv` (`iteration,sgd,momentum,adagrad,adam`:
/// each network's loss) with `optimizers.svg` (their 20-iteration moving averages, the book's
/// figure 6-9). With `--quick`: 300 iterations and 100 for the comparison.
pub fn run(opts: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("fashion-mnist");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let config = MnistConfig {
        iters: if opts.quick { 300 } else { 10_000 },
        ..MnistConfig::default()
    };
    let compare_iters = if opts.quick { 100 } else { COMPARISON_ITERS };
    let mut run = train::<f64>(&config, data, |_| {}, |_| {});
    let losses = compare_optimizers(data, compare_iters, 0);
    out.publish("fashion-mnist", &mut |dir| {
        files::write_mnist_run(dir, &mut run, data, &FASHION_CLASSES)?;
        let labels: Vec<&str> = COMPARED.iter().map(|(k, _)| k.book_name()).collect();
        files::write_side_by_side(
            dir,
            "optimizers",
            "The book's figure 6-9 on Fashion-MNIST: 784-100-100-100-100-10 ReLU, batch 128 (20-iteration moving average)",
            (&["sgd", "momentum", "adagrad", "adam"], &labels),
            &losses,
        )
    })?;
    if let Some(e) = run.epochs.last() {
        report.fact(
            format!("{} iterations, 784-50-10 sigmoid, SGD lr 0.1", config.iters),
            format!(
                "train acc {:.4}, test acc {:.4} (epoch {})",
                e.train_acc, e.test_acc, e.epoch
            ),
        );
    }
    for ((kind, lr), l) in COMPARED.iter().zip(&losses) {
        let tail = &l[l.len().saturating_sub(100)..];
        report.fact(
            format!("{} (lr {lr}), loss over the last 100 it.", kind.book_name()),
            format!("{:.4}", tail.iter().sum::<f64>() / tail.len().max(1) as f64),
        );
    }
    Ok(report)
}
