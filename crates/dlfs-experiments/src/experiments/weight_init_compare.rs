//! The book's `ch06/weight_init_compare.py` (§6.2.4, figure 6-15): the same five-layer ReLU
//! network from three initialisations — `std = 0.01`, Xavier and He — trained side by side on
//! the same mini-batches of Fashion-MNIST.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use anyhow::Result;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_optimizers::Kind;
use dlfs_train::mnist::{Data, side_by_side};

/// `MultiLayerNet(784, [100, 100, 100, 100], 10)`, ReLU.
pub const SIZES: [usize; 6] = [784, 100, 100, 100, 100, 10];
/// `batch_size`.
pub const BATCH: usize = 128;
/// `max_iterations`.
pub const MAX_ITERATIONS: usize = 2000;
/// `weight_init_types`, in the book's order, with its names.
pub const INITS: [(&str, Init); 3] = [
    ("std=0.01", Init::Book { std: 0.01 }),
    ("Xavier", Init::Xavier),
    ("He", Init::He),
];

/// The book's script: the three networks drawn in order from one generator seeded with
/// `seed`, then `iters` mini-batches; SGD with lr 0.01. Returns `losses[init][iteration]`.
pub fn weight_init_compare(data: &Data, iters: usize, seed: u32) -> Vec<Vec<f64>> {
    let mut rng = RandomState::new(seed);
    let networks = INITS
        .iter()
        .map(|&(_, init)| {
            let net = MultiLayerNet::new(&SIZES, Activation::Relu, init, &mut rng);
            (net, Kind::Sgd, 0.01)
        })
        .collect();
    let mut masks = vec![0; iters * BATCH];
    // One np.random.choice(train_size, batch_size) per iteration, drawn in a row.
    rng.choice(data.train.count, &mut masks);
    side_by_side(networks, data, &masks, BATCH)
}

/// Runs the experiment (skipped without Fashion-MNIST). Files: `loss.csv`
/// (`iteration,std=0.01,xavier,he`: each network's loss after each update) and `loss.svg`
/// (their 20-iteration moving averages). With `--quick`: 100 iterations.
pub fn run(opts: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("weight-init-compare");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let iters = if opts.quick { 100 } else { MAX_ITERATIONS };
    let losses = weight_init_compare(data, iters, 0);
    out.publish("weight-init-compare", &mut |dir| {
        let labels: Vec<&str> = INITS.iter().map(|(name, _)| *name).collect();
        files::write_side_by_side(
            dir,
            "loss",
            "The book's figure 6-15 on Fashion-MNIST: 784-100-100-100-100-10 ReLU, SGD 0.01, batch 128 (20-iteration moving average)",
            (&["std=0.01", "xavier", "he"], &labels),
            &losses,
        )
    })?;
    for ((name, _), l) in INITS.iter().zip(&losses) {
        let tail = &l[l.len().saturating_sub(100)..];
        report.fact(
            format!("{name}: loss over the last 100 it."),
            format!("{:.4}", tail.iter().sum::<f64>() / tail.len().max(1) as f64),
        );
    }
    Ok(report)
}
