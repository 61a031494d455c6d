//! The book's `ch06/batch_norm_test.py` (§6.3.2, figures 6-18 and 6-19): a five-layer ReLU
//! network trained on 1 000 images with and without Batch Normalization, for 16 scales of the
//! initial weights from 1 down to 0.0001.

use crate::experiment::{Options, Output, Progress, Report};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts::{self, Panel};
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use dlfs_train::mnist::{Data, accuracy};
use ndarray::Array2;
use rayon::prelude::*;

/// `MultiLayerNetExtend(784, [100, 100, 100, 100, 100], 10)`, ReLU.
pub const SIZES: [usize; 7] = [784, 100, 100, 100, 100, 100, 10];
/// `x_train[:1000]`.
pub const TRAIN_IMAGES: usize = 1000;
/// `max_epochs`.
pub const MAX_EPOCHS: usize = 20;
/// `batch_size`.
pub const BATCH: usize = 100;
/// `learning_rate` of the SGD both networks share.
pub const LR: f64 = 0.01;

/// `np.logspace(0, -4, num=16)`: `10^(−4k/15)` for `k = 0..16`.
pub fn weight_scales() -> Vec<f64> {
    (0..16)
        .map(|k| 10f64.powf(f64::from(k) * (-4.0 / 15.0)))
        .collect()
}

/// One scale's `__train(weight_init_std)`: the training accuracy once per epoch, with and
/// without Batch Norm.
#[derive(Debug, Clone)]
pub struct ScaleRun {
    /// `weight_init_std`.
    pub scale: f64,
    /// `bn_train_acc_list`.
    pub bn_train_acc: Vec<f64>,
    /// `train_acc_list`.
    pub train_acc: Vec<f64>,
}

/// What one scale draws before it trains, in the book's order: the network with Batch Norm,
/// the one without (kept as the stream's state before them, and drawn again when the scale
/// trains, so that only the networks in training are in memory), then every mini-batch.
struct Drawn {
    scale: f64,
    networks_from: RandomState,
    batch_masks: Vec<usize>,
}

/// `bn_network`, then `network`, drawn from `rng` as `__train` draws them.
fn networks(scale: f64, rng: &mut RandomState) -> (MultiLayerNet, MultiLayerNet) {
    let init = Init::Book { std: scale };
    let bn_network = MultiLayerNet::new(&SIZES, Activation::Relu, init, rng).with_batch_norm();
    let network = MultiLayerNet::new(&SIZES, Activation::Relu, init, rng);
    (bn_network, network)
}

/// The steps of `__train`'s loop: it evaluates when `i % iter_per_epoch == 0` and stops after
/// the `max_epochs`-th evaluation.
fn steps(train_size: usize, max_epochs: usize) -> usize {
    let iter_per_epoch = (train_size as f64 / BATCH as f64).max(1.0);
    (0..)
        .filter(|&i| i as f64 % iter_per_epoch == 0.0)
        .nth(max_epochs - 1)
        .map_or(0, |last| last + 1)
}

fn draw(scale: f64, train_size: usize, max_epochs: usize, rng: &mut RandomState) -> Drawn {
    let networks_from = rng.clone();
    networks(scale, rng);
    let mut batch_masks = vec![0; steps(train_size, max_epochs) * BATCH];
    // One np.random.choice(train_size, BATCH) per step, drawn in a row.
    rng.choice(train_size, &mut batch_masks);
    Drawn {
        scale,
        networks_from,
        batch_masks,
    }
}

/// `__train`'s loop on what was drawn.
fn train(d: Drawn, data: &Data) -> ScaleRun {
    let Drawn {
        scale,
        mut networks_from,
        batch_masks,
    } = d;
    let (mut bn_network, mut network) = networks(scale, &mut networks_from);
    let iter_per_epoch = (data.train.count as f64 / BATCH as f64).max(1.0);
    let mut optimizer = Sgd::new(LR);
    let (mut x_batch, mut t_batch) = (Array2::zeros((BATCH, data.train.size())), [0; BATCH]);
    let (mut train_acc, mut bn_train_acc) = (Vec::new(), Vec::new());
    for (i, batch_mask) in batch_masks.chunks(BATCH).enumerate() {
        data.gather(batch_mask, &mut x_batch, &mut t_batch);
        for net in [&mut bn_network, &mut network] {
            net.gradient(&x_batch, Targets::Labels(&t_batch));
            optimizer.update(net.params_mut());
        }
        if i as f64 % iter_per_epoch == 0.0 {
            train_acc.push(accuracy(&network, &data.train, &data.t_train));
            bn_train_acc.push(accuracy(&bn_network, &data.train, &data.t_train));
        }
    }
    ScaleRun {
        scale,
        bn_train_acc,
        train_acc,
    }
}

/// The book's script on `data`'s first `train_images` images: the 16 scales drawn one after
/// the other from one generator seeded with `seed` (the book does not reseed between them),
/// then trained side by side.
pub fn batch_norm_test(
    data: &Data,
    scales: &[f64],
    max_epochs: usize,
    seed: u32,
    progress: &dyn Progress,
) -> Vec<ScaleRun> {
    let data = data.first(TRAIN_IMAGES);
    let mut rng = RandomState::new(seed);
    let drawn: Vec<Drawn> = scales
        .iter()
        .map(|&w| draw(w, data.train.count, max_epochs, &mut rng))
        .collect();
    progress.start("batch-norm", drawn.len() as u64);
    let runs = drawn
        .into_par_iter()
        .map(|d| {
            let run = train(d, &data);
            progress.advance();
            run
        })
        .collect();
    progress.finish();
    runs
}

/// Runs the experiment (skipped without Fashion-MNIST). Files: `accuracy.csv`
/// (`weight_init_std,epoch,batch_norm,normal`: the training accuracy of both networks per
/// epoch) and `batch_norm.svg` (one small chart per scale, the book's figure 6-19). With
/// `--quick`: 4 of the 16 scales, 3 epochs.
pub fn run(opts: &Options, out: &dyn Output, progress: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("batch-norm");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let (scales, max_epochs) = if opts.quick {
        (weight_scales().into_iter().step_by(5).collect(), 3)
    } else {
        (weight_scales(), MAX_EPOCHS)
    };
    let runs = batch_norm_test(data, &scales, max_epochs, 0, progress);

    let mut table = Table::new(&["weight_init_std", "epoch", "batch_norm", "normal"]);
    for r in &runs {
        for (epoch, (bn, plain)) in r.bn_train_acc.iter().zip(&r.train_acc).enumerate() {
            table.push(vec![num(r.scale), epoch.to_string(), num(*bn), num(*plain)]);
        }
    }
    let panels: Vec<Panel> = runs
        .iter()
        .map(|r| {
            let points = |acc: &[f64]| {
                acc.iter()
                    .enumerate()
                    .map(|(e, &a)| (e as f64, a))
                    .collect()
            };
            (
                format!("W: {:.3e}", r.scale),
                vec![points(&r.bn_train_acc), points(&r.train_acc)],
            )
        })
        .collect();
    out.publish("batch-norm", &mut |dir| {
        table.write(&dir.join("accuracy.csv"))?;
        charts::small_multiples(
            &dir.join("batch_norm.svg"),
            "The book's figure 6-19 on Fashion-MNIST: training accuracy per epoch, by the initial weights' scale",
            4,
            &["Batch Normalization", "without"],
            &panels,
        )
    })?;

    let last = |acc: &[f64]| acc.last().copied().unwrap_or(f64::NAN);
    let better = runs
        .iter()
        .filter(|r| last(&r.bn_train_acc) > last(&r.train_acc) + 0.1)
        .count();
    report.fact(
        format!(
            "scales where Batch Norm ends ≥ 0.1 above (of {})",
            runs.len()
        ),
        better.to_string(),
    );
    for r in &runs {
        report.fact(
            format!("W {:.3e}: final training accuracy", r.scale),
            format!(
                "{:.3} with Batch Norm, {:.3} without",
                last(&r.bn_train_acc),
                last(&r.train_acc)
            ),
        );
    }
    Ok(report)
}
