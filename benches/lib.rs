//! Shared set-up for the criterion benchmarks in this folder (`layers.rs`, `functions.rs`,
//! `training.rs`); see `BENCHMARKS.md` at the top of the workspace for how to run them and
//! what they measured.

use criterion::Criterion;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet};
use ndarray::{Array1, Array2};
use std::time::{Duration, Instant};

/// The criterion settings of every bench here: 0.5 s of warm-up and 1.5 s of measurement per
/// benchmark (criterion's defaults are 3 s and 5 s), so that the 61 benchmarks of `cargo bench`
/// take about three minutes on a 2-core machine (plus the first build). Longer runs would not
/// buy steadier figures here: on a shared VM the noise comes from the host. For a longer look at
/// one group, add e.g. `--measurement-time 10` after `--`.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
}

/// A benchmark size: a batch of `batch` rows through `sizes` (`[input, hidden…, output]`).
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// The label in benchmark ids.
    pub name: &'static str,
    /// Rows per batch.
    pub batch: usize,
    /// Layer sizes.
    pub sizes: &'static [usize],
}

/// The article's XOR network: 4 samples through 2 → 4 → 2.
pub const XOR: Size = Size {
    name: "xor_4x2-4-2",
    batch: 4,
    sizes: &[2, 4, 2],
};

/// An MNIST-like network: 100 samples through 784 → 50 → 10 (the book's `TwoLayerNet`).
pub const MNIST: Size = Size {
    name: "mnist_100x784-50-10",
    batch: 100,
    sizes: &[784, 50, 10],
};

/// The network the training benches train: `size`'s layers with sigmoid hidden layers, `init`
/// drawn from numpy's generator seeded with 42 (the article's seed).
pub fn sigmoid_net(size: Size, init: Init) -> MultiLayerNet {
    MultiLayerNet::new(
        size.sizes,
        Activation::Sigmoid,
        init,
        &mut RandomState::new(42),
    )
}

/// Uniform [0, 1) inputs `(batch, input)` and random labels, from numpy's generator.
pub fn data(size: Size, seed: u32) -> (Array2<f64>, Vec<usize>) {
    let mut rng = RandomState::new(seed);
    let x = rng.rand(size.batch, size.sizes[0]);
    let classes = *size.sizes.last().expect("sizes") as f64;
    let labels = (0..size.batch)
        .map(|_| (rng.random_sample() * classes) as usize)
        .collect();
    (x, labels)
}

/// A matrix of standard normals.
pub fn randn(rows: usize, cols: usize, seed: u32) -> Array2<f64> {
    RandomState::new(seed).randn(rows, cols)
}

/// A vector of standard normals.
pub fn randn_vec(n: usize, seed: u32) -> Array1<f64> {
    RandomState::new(seed).randn_vec(n)
}

/// Times `f` as the example programs do: 200 calls of warm-up, then 15 runs of 200 calls each;
/// returns µs per call of each run, sorted (the median is `[7]`, the best `[0]`).
pub fn timed_runs_us(mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..200 {
        f();
    }
    let mut runs: Vec<f64> = (0..15)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..200 {
                f();
            }
            start.elapsed().as_secs_f64() / 200.0 * 1e6
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs
}
