//! One XOR training run: the article's loop, for any architecture and settings.

use crate::xor;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use std::fmt;

/// The settings of one run. [`RunConfig::default`] is the article's.
#[derive(Debug, Clone, PartialEq)]
pub struct RunConfig {
    /// The hidden layers' sizes (`[4]` in the article; `[2, 2]` for the stall).
    pub hidden: Vec<usize>,
    /// The hidden layers' activation.
    pub activation: Activation,
    /// The learning rate η of `θ ← θ − η ∂L/∂θ`.
    pub lr: f64,
    /// Full-batch gradient steps.
    pub iters: usize,
    /// `np.random.seed(seed)` before the article's initialisation.
    pub seed: u32,
}

impl Default for RunConfig {
    /// The article's settings: hidden 4, sigmoid, lr 0.01, 60000 iterations, seed 42.
    fn default() -> Self {
        Self {
            hidden: vec![4],
            activation: Activation::Sigmoid,
            lr: 0.01,
            iters: 60_000,
            seed: 42,
        }
    }
}

impl RunConfig {
    /// The layer sizes `[2, hidden…, 2]`.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![2];
        s.extend(&self.hidden);
        s.push(2);
        s
    }

    /// The architecture written as the article does, e.g. `2-2-2-2`.
    pub fn architecture(&self) -> String {
        architecture(&self.sizes())
    }
}

/// `[2, 4, 2]` → `2-4-2`.
pub fn architecture(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

impl fmt::Display for RunConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} lr={} iters={} seed={}",
            self.architecture(),
            self.activation,
            self.lr,
            self.iters,
            self.seed
        )
    }
}

/// What a run produced: the trained network and its loss at every iteration.
pub struct Run {
    /// The settings.
    pub config: RunConfig,
    /// The network after training.
    pub net: MultiLayerNet,
    /// `losses[i]` is the loss of the forward pass of iteration `i` (before its update), as the
    /// article's `train_loss_list`. Shorter than `iters` if the run diverged.
    pub losses: Vec<f64>,
}

impl Run {
    /// Whether a loss or a parameter stopped being a finite number.
    pub fn diverged(&self) -> bool {
        self.losses.len() < self.config.iters || !self.net.is_finite()
    }

    /// The loss of the last iteration (NaN if there was none).
    pub fn final_loss(&self) -> f64 {
        self.losses.last().copied().unwrap_or(f64::NAN)
    }

    /// The first iteration whose loss is below `threshold`.
    pub fn first_below(&self, threshold: f64) -> Option<usize> {
        self.losses.iter().position(|&l| l < threshold)
    }
}

/// Trains the XOR network of `config` with the article's loop: `np.random.seed(seed)`, the
/// article's initialisation (`W = rand`, `b = randn`), then `iters` full-batch steps of
/// `gradient` and `θ ← θ − lr·grad`. Stops early if the loss stops being finite.
pub fn train(config: &RunConfig) -> Run {
    let x = xor::inputs();
    // The article passes one-hot targets; its cross_entropy_error turns them into class indices
    // and SoftmaxWithLoss's backward gives the same (y − t)/N for both forms, bit for bit. The
    // indices skip a per-step copy and argmax of the one-hot matrix.
    let t = Targets::Labels(&xor::LABELS);
    let mut net = MultiLayerNet::new(
        &config.sizes(),
        config.activation,
        Init::Article,
        &mut RandomState::new(config.seed),
    );
    let mut losses = Vec::with_capacity(config.iters);
    for _ in 0..config.iters {
        let loss = net.gradient(&x, t);
        if !loss.is_finite() {
            break;
        }
        losses.push(loss);
        net.sgd_step(config.lr);
    }
    // Leave the layers' caches holding the forward pass of the four inputs with the final
    // parameters, as the article's last `net.predict(x1)` does.
    net.predict(&x);
    Run {
        config: config.clone(),
        net,
        losses,
    }
}
