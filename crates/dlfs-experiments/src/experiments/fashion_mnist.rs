//! The book's training on real images (§5.7.4) and its optimizer comparison (§6.1.7,
//! figure 6-9), on Fashion-MNIST when Debian's `dataset-fashion-mnist` has installed it.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use crate::table::{Table, num};
use anyhow::{Result, anyhow};
use dlfs_datasets::{FASHION_CLASSES, FASHION_DIR, Mnist};
use dlfs_figures::charts;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Kind, Optimizer};
use dlfs_train::mnist::{Data, MnistConfig, train};
use ndarray::Array2;
use rayon::prelude::*;
use std::path::Path;

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
    let nets: Vec<MultiLayerNet> = COMPARED
        .iter()
        .map(|_| MultiLayerNet::new(&COMPARISON_SIZES, Activation::Relu, Init::He, &mut rng))
        .collect();
    let train_size = data.train.count;
    let mut masks = vec![0; iters * COMPARISON_BATCH];
    for mask in masks.chunks_mut(COMPARISON_BATCH) {
        rng.choice(train_size, mask);
    }
    nets.into_par_iter()
        .zip(COMPARED.par_iter())
        .map(|(mut net, &(kind, lr))| {
            let mut opt = kind.build(lr);
            let mut x = Array2::zeros((COMPARISON_BATCH, data.train.size()));
            let mut t = vec![0; COMPARISON_BATCH];
            let mut losses = Vec::with_capacity(iters);
            for mask in masks.chunks(COMPARISON_BATCH) {
                data.gather(mask, &mut x, &mut t);
                net.gradient(&x, Targets::Labels(&t));
                opt.update(net.params_mut());
                losses.push(net.loss(&x, Targets::Labels(&t)));
            }
            losses
        })
        .collect()
}

/// The moving average of the last `window` values (fewer at the start).
pub fn moving_average(values: &[f64], window: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(values.len());
    let mut sum = 0.0;
    for (i, &v) in values.iter().enumerate() {
        sum += v;
        if i >= window {
            sum -= values[i - window];
        }
        out.push(sum / (i + 1).min(window) as f64);
    }
    out
}

/// Runs the experiment, or skips it with one line when the data is not installed. Files: those
/// of [`files::write_mnist_run`], and `optimizers.csv` (`iteration,sgd,momentum,adagrad,adam`:
/// each network's loss) with `optimizers.svg` (their 20-iteration moving averages, the book's
/// figure 6-9). With `--quick`: 300 iterations and 100 for the comparison.
pub fn run(opts: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("fashion-mnist");
    if !Path::new(FASHION_DIR).is_dir() {
        report.fact(
            "skipped",
            format!("no data in {FASHION_DIR} (apt-get install dataset-fashion-mnist)"),
        );
        return Ok(report);
    }
    let mnist = Mnist::load(Path::new(FASHION_DIR)).map_err(|e| anyhow!("{e}"))?;
    let data = Data::from(mnist);
    let config = MnistConfig {
        iters: if opts.quick { 300 } else { 10_000 },
        ..MnistConfig::default()
    };
    let compare_iters = if opts.quick { 100 } else { COMPARISON_ITERS };
    let mut run = train(&config, &data, |_| {}, |_| {});
    let losses = compare_optimizers(&data, compare_iters, 0);
    let mut table = Table::new(&["iteration", "sgd", "momentum", "adagrad", "adam"]);
    for i in 0..compare_iters {
        let mut row = vec![i.to_string()];
        row.extend(losses.iter().map(|l| num(l[i])));
        table.push(row);
    }
    let smooth: Vec<Vec<(f64, f64)>> = losses
        .iter()
        .map(|l| {
            moving_average(l, 20)
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i as f64, v))
                .collect()
        })
        .collect();
    out.publish("fashion-mnist", &mut |dir| {
        files::write_mnist_run(dir, &mut run, &data, &FASHION_CLASSES)?;
        table.write(&dir.join("optimizers.csv"))?;
        let series: Vec<(&str, &[(f64, f64)])> = COMPARED
            .iter()
            .map(|(k, _)| k.book_name())
            .zip(smooth.iter().map(Vec::as_slice))
            .collect();
        charts::lines(
            &dir.join("optimizers.svg"),
            "The book's figure 6-9 on Fashion-MNIST: 784-100-100-100-100-10 ReLU, batch 128 (20-iteration moving average)",
            "iteration",
            "loss",
            &series,
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
