//! The book's `ch06/overfit_weight_decay.py` (§6.4.1–6.4.2, figures 6-20 and 6-21): a
//! seven-layer network trained on only 300 images learns them by heart; weight decay
//! `λ = 0.1` narrows the gap between training and test accuracy.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use anyhow::Result;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use dlfs_train::mnist::{Data, Epoch, accuracy};
use ndarray::Array2;
use rayon::prelude::*;

/// `MultiLayerNet(784, [100] * 6, 10)`: ReLU, He's initialisation (the book's defaults).
pub const SIZES: [usize; 8] = [784, 100, 100, 100, 100, 100, 100, 10];
/// `x_train[:300]`.
pub const TRAIN_IMAGES: usize = 300;
/// `max_epochs`.
pub const MAX_EPOCHS: usize = 201;
/// `batch_size`.
pub const BATCH: usize = 100;
/// The weight decays compared: the book's script with `weight_decay_lambda = 0` and `0.1`.
pub const LAMBDAS: [f64; 2] = [0.0, 0.1];

/// The book's loop: SGD lr 0.01; the training and test accuracy whenever
/// `i % iter_per_epoch == 0`, until `max_epochs` of them. `np.random.seed(seed)` first.
pub fn overfit(data: &Data, lambda: f64, max_epochs: usize, seed: u32) -> Vec<Epoch> {
    let mut rng = RandomState::new(seed);
    let mut network =
        MultiLayerNet::new(&SIZES, Activation::Relu, Init::He, &mut rng).with_weight_decay(lambda);
    let mut optimizer = Sgd::new(0.01);
    let train_size = data.train.count;
    let iter_per_epoch = (train_size as f64 / BATCH as f64).max(1.0);
    let (mut batch_mask, mut t_batch) = ([0; BATCH], [0; BATCH]);
    let mut x_batch = Array2::zeros((BATCH, data.train.size()));
    let mut epochs = Vec::new();
    for i in 0.. {
        rng.choice(train_size, &mut batch_mask);
        data.gather(&batch_mask, &mut x_batch, &mut t_batch);
        network.gradient(&x_batch, Targets::Labels(&t_batch));
        optimizer.update(network.params_mut());
        if i as f64 % iter_per_epoch == 0.0 {
            epochs.push(Epoch {
                epoch: epochs.len(),
                iteration: i,
                train_acc: accuracy(&network, &data.train, &data.t_train),
                test_acc: accuracy(&network, &data.test, &data.t_test),
            });
            if epochs.len() >= max_epochs {
                break;
            }
        }
    }
    epochs
}

/// Runs the experiment (skipped without Fashion-MNIST): both λ from seed 0, side by side.
/// Files: those of [`files::write_overfit`], the setting `weight_decay`. With `--quick`: 21
/// epochs.
pub fn run(opts: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("overfit-weight-decay");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let data = data.first(TRAIN_IMAGES);
    let max_epochs = if opts.quick { 21 } else { MAX_EPOCHS };
    let runs: Vec<(String, Vec<Epoch>)> = LAMBDAS
        .par_iter()
        .map(|&lambda| (lambda.to_string(), overfit(&data, lambda, max_epochs, 0)))
        .collect();
    out.publish("overfit-weight-decay", &mut |dir| {
        files::write_overfit(
            dir,
            "weight_decay",
            "The book's figures 6-20 and 6-21 on Fashion-MNIST: 300 training images, 784-100×6-10 ReLU, SGD 0.01",
            &runs,
        )
    })?;
    overfit_facts(&mut report, "λ", &runs);
    Ok(report)
}

/// The last epoch's training and test accuracy of each run, and the gap between them.
pub(crate) fn overfit_facts(report: &mut Report, setting: &str, runs: &[(String, Vec<Epoch>)]) {
    for (value, epochs) in runs {
        if let Some(e) = epochs.last() {
            report.fact(
                format!("{setting} = {value}: after {} epochs", epochs.len()),
                format!(
                    "train {:.3}, test {:.3}, gap {:.3}",
                    e.train_acc,
                    e.test_acc,
                    e.train_acc - e.test_acc
                ),
            );
        }
    }
}
