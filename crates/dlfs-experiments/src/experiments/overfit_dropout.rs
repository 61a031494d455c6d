//! The book's `ch06/overfit_dropout.py` (§6.4.3, figures 6-22 and 6-23): the overfitting
//! network of `overfit-weight-decay`, trained by the book's `Trainer` for 301 epochs without
//! and with Dropout (ratio 0.2).

use crate::experiment::{Options, Output, Progress, Report};
use crate::experiments::overfit_weight_decay::{SIZES, TRAIN_IMAGES, overfit_facts};
use crate::files;
use anyhow::Result;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_train::mnist::{Data, Epoch};
use dlfs_train::trainer::Trainer;
use rayon::prelude::*;

/// `epochs` of the book's `Trainer`.
pub const EPOCHS: usize = 301;
/// `dropout_ratio`, and `None` for the script with `use_dropout = False`.
pub const DROPOUTS: [Option<f64>; 2] = [None, Some(0.2)];

/// The book's script: `MultiLayerNetExtend` with or without Dropout (ReLU, He), trained by
/// `Trainer(epochs, mini_batch_size=100, optimizer='sgd', lr=0.01)`, evaluating on the whole
/// training and test sets each epoch. `np.random.seed(seed)` first.
pub fn overfit_dropout(data: &Data, dropout: Option<f64>, epochs: usize, seed: u32) -> Vec<Epoch> {
    let mut rng = RandomState::new(seed);
    let mut network = MultiLayerNet::new(&SIZES, Activation::Relu, Init::He, &mut rng);
    if let Some(ratio) = dropout {
        network = network.with_dropout(ratio);
    }
    let trainer = Trainer {
        epochs,
        ..Trainer::default()
    };
    trainer.train(network, data, &mut rng, |_| {}).epochs
}

/// Runs the experiment (skipped without Fashion-MNIST): both settings from seed 0, side by
/// side. Files: those of [`files::write_overfit`], the setting `dropout` (0: none). With
/// `--quick`: 21 epochs.
pub fn run(opts: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("overfit-dropout");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let data = data.first(TRAIN_IMAGES);
    let epochs = if opts.quick { 21 } else { EPOCHS };
    let runs: Vec<(String, Vec<Epoch>)> = DROPOUTS
        .par_iter()
        .map(|&d| {
            let label = d.unwrap_or(0.0).to_string();
            (label, overfit_dropout(&data, d, epochs, 0))
        })
        .collect();
    out.publish("overfit-dropout", &mut |dir| {
        files::write_overfit(
            dir,
            "dropout",
            "The book's figures 6-22 and 6-23 on Fashion-MNIST: 300 training images, 784-100×6-10 ReLU, SGD 0.01",
            &runs,
        )
    })?;
    overfit_facts(&mut report, "dropout", &runs);
    Ok(report)
}
