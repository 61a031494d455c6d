//! One XOR training run: the article's loop (full batch, the four points), for any
//! architecture and settings. It returns the trained network and its losses; writing them is
//! someone else's job.

use dlfs_datasets::xor;
use dlfs_init::Float;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, Extend, MultiLayerNet, Precision, Targets};
use dlfs_optimizers::{AdaGrad, Adam, Kind, Momentum, Nesterov, Optimizer, RmsProp, Sgd};
use std::fmt;

/// The most losses a run keeps: a longer run keeps every `stride`-th (see [`Run::stride`]), so
/// that its memory does not grow with the number of iterations.
pub const MAX_RECORDED: usize = 1_000_000;

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
    /// `np.random.seed(seed)` before the initialisation.
    pub seed: u32,
    /// The update rule (§6.1); the article's is SGD.
    pub optimizer: Kind,
    /// How the parameters are drawn (§6.2); the article's is `W = rand`, `b = randn`.
    pub init: Init,
    /// Stop at the first iteration whose loss is below this (`None`: run all `iters`), for
    /// experiments that only record when a run gets there.
    pub stop_below: Option<f64>,
    /// Chapter 6's Batch Norm, Dropout and weight decay (none in the article).
    pub extend: Extend,
    /// The precision the network computes in (the article's numpy: f64). Read by
    /// [`train_with_in`]'s callers, which choose the type.
    pub precision: Precision,
}

impl Default for RunConfig {
    /// The article's settings: hidden 4, sigmoid, lr 0.01, 60000 iterations, seed 42, SGD, the
    /// article's initialisation.
    fn default() -> Self {
        Self {
            hidden: vec![4],
            activation: Activation::Sigmoid,
            lr: 0.01,
            iters: 60_000,
            seed: 42,
            optimizer: Kind::Sgd,
            init: Init::Article,
            stop_below: None,
            extend: Extend::NONE,
            precision: Precision::F64,
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

    /// Iterations between two recorded losses: 1 up to [`MAX_RECORDED`] iterations, then the
    /// smallest step that keeps at most that many.
    pub fn stride(&self) -> usize {
        self.iters.div_ceil(MAX_RECORDED).max(1)
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
    /// `2-4-2 sigmoid lr=0.01 iters=60000 seed=42`, then the optimizer, the initialisation and
    /// chapter 6's additions where they are not the article's (`optimizer=adam init=he
    /// batch-norm`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} lr={} iters={} seed={}",
            self.architecture(),
            self.activation,
            crate::num(self.lr),
            self.iters,
            self.seed
        )?;
        if self.optimizer != Kind::Sgd {
            write!(f, " optimizer={}", self.optimizer)?;
        }
        if self.init != Init::Article {
            write!(f, " init={}", self.init)?;
        }
        if self.extend != Extend::NONE {
            write!(f, " {}", self.extend)?;
        }
        if self.precision != Precision::F64 {
            write!(f, " precision={}", self.precision)?;
        }
        Ok(())
    }
}

/// What a run produced: the trained network and its loss curve.
pub struct Run<F: Float = f64> {
    /// The settings.
    pub config: RunConfig,
    /// The network after training.
    pub net: MultiLayerNet<F>,
    /// `losses[k]` is the loss of the forward pass of iteration `k · stride` (before its
    /// update), as the article's `train_loss_list`: every iteration when `stride` is 1, which
    /// it is up to [`MAX_RECORDED`] iterations. Stops where a loss stopped being finite.
    pub losses: Vec<f64>,
    /// Iterations between two entries of `losses` ([`RunConfig::stride`]).
    pub stride: usize,
    /// Iterations done with a finite loss: `config.iters` unless the run diverged.
    pub iterations: usize,
    /// The loss of the last of those iterations (NaN if there was none).
    pub final_loss: f64,
    /// Whether the run stopped because its loss fell below [`RunConfig::stop_below`].
    pub stopped_below: bool,
}

impl<F: Float> Run<F> {
    /// The same run with its network in f64 ([`MultiLayerNet::widened`]).
    pub fn widened(&self) -> Run {
        Run {
            config: self.config.clone(),
            net: self.net.widened(),
            losses: self.losses.clone(),
            stride: self.stride,
            iterations: self.iterations,
            final_loss: self.final_loss,
            stopped_below: self.stopped_below,
        }
    }

    /// Whether a loss or a parameter stopped being a finite number.
    pub fn diverged(&self) -> bool {
        (self.iterations < self.config.iters && !self.stopped_below) || !self.net.is_finite()
    }

    /// The loss of the last iteration (NaN if there was none).
    pub fn final_loss(&self) -> f64 {
        self.final_loss
    }

    /// Whether training made the loss worse: it ended above where it started. With a learning
    /// rate far too large, the first steps overshoot into a region where every unit saturates
    /// and the gradients vanish, so the loss can stay finite but high for good — divergence
    /// all the same, which [`diverged`](Self::diverged) (non-finite numbers) does not see.
    pub fn got_worse(&self) -> bool {
        self.losses
            .first()
            .is_some_and(|&first| self.final_loss > first)
    }

    /// The first recorded iteration whose loss is below `threshold` (exact when every
    /// iteration is recorded, `stride` 1).
    pub fn first_below(&self, threshold: f64) -> Option<usize> {
        self.losses
            .iter()
            .position(|&l| l < threshold)
            .map(|k| k * self.stride)
    }

    /// The recorded losses with their iterations, ending with the last iteration even when it
    /// falls between two recorded ones.
    pub fn loss_points(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        let recorded = self
            .losses
            .iter()
            .enumerate()
            .map(|(k, &l)| (k * self.stride, l));
        let last = self
            .iterations
            .checked_sub(1)
            .filter(|&i| i % self.stride != 0);
        recorded.chain(last.map(|i| (i, self.final_loss)))
    }
}

/// Trains the XOR network of `config` with the article's loop: `np.random.seed(seed)`, the
/// initialisation, then `iters` full-batch steps of `gradient` and the optimizer's update (the
/// article's: SGD, `θ ← θ − lr·grad`). Stops early if the loss stops being finite, or falls below
/// [`RunConfig::stop_below`].
pub fn train(config: &RunConfig) -> Run {
    train_with(config, |_| {})
}

/// What a watcher of [`train_with`] sees at each iteration: the network after the backward
/// pass (its gradients set, its parameters not yet updated) and the loss of the forward pass.
#[derive(Debug)]
pub struct Step<'a, F: Float = f64> {
    /// The iteration, from 0.
    pub iteration: usize,
    /// The loss of this iteration's forward pass.
    pub loss: f64,
    /// The network, its gradients from this iteration's backward pass.
    pub net: &'a MultiLayerNet<F>,
}

/// Iterations between two calls of the progress callback of [`train_with_progress`] for a
/// network of layer sizes `sizes`: a power of two, about 2²² parameter updates' worth of work
/// (a few milliseconds), at most 2¹⁶ iterations.
pub fn progress_interval(sizes: &[usize]) -> usize {
    let params: usize = sizes
        .windows(2)
        .map(|w| w[0].saturating_mul(w[1]).saturating_add(w[1]))
        .fold(0, usize::saturating_add);
    ((1 << 22) / params.max(1))
        .clamp(1, 1 << 16)
        .next_power_of_two()
        .min(1 << 16)
}

/// [`train`], calling `progress(iterations done)` every [`progress_interval`] iterations.
pub fn train_with_progress(config: &RunConfig, progress: &mut dyn FnMut(usize)) -> Run {
    let mask = progress_interval(&config.sizes()) - 1;
    train_with(config, |step| {
        let done = step.iteration + 1;
        if done & mask == 0 {
            progress(done);
        }
    })
}

/// [`train`], showing every iteration to `watch` (see [`Step`]).
pub fn train_with(config: &RunConfig, watch: impl FnMut(Step<'_>)) -> Run {
    train_with_in(config, watch)
}

/// [`train_with`] in precision `F` (`config.precision` names it).
///
/// # Panics
/// If `F` is not `config.precision`.
pub fn train_with_in<F: Float>(config: &RunConfig, watch: impl FnMut(Step<'_, F>)) -> Run<F> {
    assert_eq!(
        F::NAME,
        config.precision.as_str(),
        "run::train_with_in: trained in {} for a run in {}",
        F::NAME,
        config.precision
    );
    // One training loop per optimizer, so that each update is inlined into its loop.
    let lr = config.lr;
    match config.optimizer {
        Kind::Sgd => train_loop(config, Sgd::new(lr), watch),
        Kind::Momentum => train_loop(config, Momentum::new_in(lr), watch),
        Kind::Nesterov => train_loop(config, Nesterov::new_in(lr), watch),
        Kind::AdaGrad => train_loop(config, AdaGrad::new_in(lr), watch),
        Kind::RmsProp => train_loop(config, RmsProp::new_in(lr), watch),
        Kind::Adam => train_loop(config, Adam::new_in(lr), watch),
    }
}

fn train_loop<F: Float, O: Optimizer<F>>(
    config: &RunConfig,
    mut optimizer: O,
    mut watch: impl FnMut(Step<'_, F>),
) -> Run<F> {
    let x = xor::inputs().mapv(F::from_f64);
    // The article passes one-hot targets; its cross_entropy_error turns them into class indices
    // and SoftmaxWithLoss's backward gives the same (y − t)/N for both forms, bit for bit. The
    // indices skip a per-step copy and argmax of the one-hot matrix.
    let t = Targets::Labels(&xor::LABELS);
    // np.random.seed(seed): the initialisation, then Dropout's masks, if any, draw from it.
    let mut rng = RandomState::new(config.seed);
    let mut net =
        MultiLayerNet::<F>::new_in(&config.sizes(), config.activation, config.init, &mut rng)
            .extended(config.extend);
    let stride = config.stride();
    let stop_below = config.stop_below.unwrap_or(f64::NEG_INFINITY);
    let mut losses = Vec::with_capacity(config.iters.div_ceil(stride));
    let (mut iterations, mut final_loss, mut stopped_below) = (0, f64::NAN, false);
    // Counts down to the next recorded iteration (a division per step would cost more).
    let mut until_recorded = 0;
    for i in 0..config.iters {
        let loss = net.gradient_with(&x, t, &mut rng);
        if !loss.is_finite() {
            break;
        }
        if until_recorded == 0 {
            losses.push(loss);
            until_recorded = stride;
        }
        until_recorded -= 1;
        (iterations, final_loss) = (i + 1, loss);
        watch(Step {
            iteration: i,
            loss,
            net: &net,
        });
        if loss < stop_below {
            stopped_below = true;
            break;
        }
        optimizer.update(net.params_mut());
    }
    // Leave the layers' caches holding the forward pass of the four inputs with the final
    // parameters, as the article's last `net.predict(x1)` does.
    net.predict(&x);
    Run {
        config: config.clone(),
        net,
        losses,
        stride,
        iterations,
        final_loss,
        stopped_below,
    }
}

/// Runs `each` on every config in parallel (rayon), telling `progress` about each finished run
/// under the name `what`. The results are in the order of `configs`, whatever the number of
/// threads: each run is independent and single-threaded.
pub fn run_all<T: Send>(
    what: &str,
    configs: &[RunConfig],
    progress: &dyn crate::Progress,
    each: impl Fn(&RunConfig) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    progress.start(what, configs.len() as u64);
    let out = configs
        .par_iter()
        .map(|c| {
            let t = each(c);
            progress.advance();
            t
        })
        .collect();
    progress.finish();
    out
}
