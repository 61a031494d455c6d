//! What happens inside a run: how large the gradients are, layer by layer, and what the hidden
//! units compute, at a few moments of training. These are the figures that show why a network
//! stalls (§6.2.1–6.2.2: vanishing gradients, activations that are all alike).
//!
//! A [`Recorder`] watches a run ([`crate::run::train_with`]) and keeps, as data:
//!
//! * `‖∂L/∂Wₗ‖` (Frobenius norm) of every layer's weights at log-spaced iterations (all of the
//!   first 100, then two significant digits: 100, 110, …, 990, 1000, 1100, …);
//! * the parameters at iterations 0, 1 000, 10 000, 20 000 and 30 000 ([`SNAPSHOTS`]).
//!
//! [`Recorder::finish`] adds the last iteration to both. From the snapshots, [`histograms`] gives
//! the book's histograms of §6.2.2 (the distribution of each hidden layer's outputs over a grid
//! of 21 × 21 inputs covering [0, 1]²) and [`hidden_outputs`] each unit's output for the four
//! XOR inputs. `dlfs-experiments` writes them as CSV, `dlfs-figures` draws them.

use crate::run::{Run, RunConfig, Step};
use dlfs_init::Float;
use dlfs_networks::{Activation, MultiLayerNet};
use ndarray::{Array1, Array2};

/// The iterations (besides the last) at which the parameters are kept for the histograms.
pub const SNAPSHOTS: [usize; 5] = [0, 1_000, 10_000, 20_000, 30_000];

/// Points per side of the grid of inputs over [0, 1]² whose activations make the histograms.
pub const GRID: usize = 21;

/// Bins of each histogram.
pub const BINS: usize = 20;

/// The parameters of a network at one iteration.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The iteration (its forward pass gave `loss`).
    pub iteration: usize,
    /// The loss at that iteration.
    pub loss: f64,
    /// `(W, b)` of every Affine layer.
    pub params: Vec<(Array2<f64>, Array1<f64>)>,
}

/// Watches a run and keeps what the diagnostics need (see the [module documentation](self)).
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    /// `(iteration, loss, ‖∂L/∂Wₗ‖ for each layer)` at log-spaced iterations.
    pub grad_norms: Vec<(usize, f64, Vec<f64>)>,
    /// The parameters at the iterations of [`SNAPSHOTS`].
    pub snapshots: Vec<Snapshot>,
}

/// Trains `config` ([`crate::run::train`]) with a [`Recorder`] watching.
pub fn train_recorded(config: &RunConfig) -> (Run, Recorder) {
    let mut recorder = Recorder::new();
    let run = crate::run::train_with(config, |step| recorder.watch(step));
    (run, recorder)
}

/// Whether `i` is on the log-spaced grid: below 100, or a multiple of 10^(digits − 2).
pub fn on_log_grid(i: usize) -> bool {
    if i < 100 {
        return true;
    }
    let digits = i.ilog10();
    i.is_multiple_of(10usize.pow(digits - 1))
}

/// `‖∂L/∂Wₗ‖` of every layer of `net` (from its last backward pass).
pub fn weight_grad_norms<F: Float>(net: &MultiLayerNet<F>) -> Vec<f64> {
    let square = |g: &F| g.to_f64() * g.to_f64();
    net.affines()
        .iter()
        .map(|a| a.dw.iter().map(square).sum::<f64>().sqrt())
        .collect()
}

fn snapshot<F: Float>(iteration: usize, loss: f64, net: &MultiLayerNet<F>) -> Snapshot {
    Snapshot {
        iteration,
        loss,
        params: net
            .affines()
            .iter()
            .map(|a| (a.w.mapv(F::to_f64), a.b.mapv(F::to_f64)))
            .collect(),
    }
}

impl Recorder {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records what it needs of one step of training; pass it to
    /// [`train_with`](crate::run::train_with) as `|step| recorder.watch(step)`.
    pub fn watch<F: Float>(&mut self, step: Step<'_, F>) {
        if on_log_grid(step.iteration) {
            self.grad_norms
                .push((step.iteration, step.loss, weight_grad_norms(step.net)));
        }
        if SNAPSHOTS.contains(&step.iteration) {
            self.snapshots
                .push(snapshot(step.iteration, step.loss, step.net));
        }
    }

    /// What was recorded, completed with the last iteration of `run` (which this recorder
    /// watched): its gradient norms and its parameters, if they were not recorded already.
    pub fn finish(&self, run: &Run) -> Diagnostics {
        let mut grad_norms = self.grad_norms.clone();
        let mut snapshots = self.snapshots.clone();
        if let Some(last) = run.iterations.checked_sub(1) {
            // The network still holds the last iteration's gradients (its update came after).
            if grad_norms.last().is_none_or(|n| n.0 != last) {
                grad_norms.push((last, run.final_loss(), weight_grad_norms(&run.net)));
            }
            if snapshots.last().is_none_or(|s| s.iteration != last) {
                snapshots.push(snapshot(last, run.final_loss(), &run.net));
            }
        }
        Diagnostics {
            activation: run.net.activation(),
            grad_norms,
            snapshots,
        }
    }
}

/// What a [`Recorder`] saw of a whole run ([`Recorder::finish`]).
#[derive(Debug, Clone)]
pub struct Diagnostics {
    /// The hidden layers' activation.
    pub activation: Activation,
    /// `(iteration, loss, ‖∂L/∂Wₗ‖ for each layer)` at log-spaced iterations and the last.
    pub grad_norms: Vec<(usize, f64, Vec<f64>)>,
    /// The parameters at the iterations of [`SNAPSHOTS`] and at the last.
    pub snapshots: Vec<Snapshot>,
}

/// The book's histograms of §6.2.2 for a run's snapshots: each hidden layer's outputs over the
/// [`grid`] of inputs, counted in [`BINS`] bins.
#[derive(Debug, Clone, PartialEq)]
pub struct Histograms {
    /// The bins' range: the activation's, or for ReLU from 0 to the largest output.
    pub range: (f64, f64),
    /// `counts[s][k][b]`: snapshot `s`, hidden layer `k + 1`, bin `b`.
    pub counts: Vec<Vec<Vec<usize>>>,
}

/// The histograms of every hidden layer at every snapshot, over one range for all.
pub fn histograms(snapshots: &[Snapshot], activation: Activation) -> Histograms {
    let hidden: Vec<Vec<Array2<f64>>> = snapshots
        .iter()
        .map(|s| hidden_outputs(&s.params, activation, &grid()))
        .collect();
    let (lo, hi) = range(activation, &hidden);
    let counts = hidden
        .iter()
        .map(|layers| {
            layers
                .iter()
                .map(|h| histogram(h.iter().copied(), lo, hi))
                .collect()
        })
        .collect();
    Histograms {
        range: (lo, hi),
        counts,
    }
}

/// The inputs of the histograms: a `GRID × GRID` grid over [0, 1]², one per row.
pub fn grid() -> Array2<f64> {
    let step = 1.0 / (GRID - 1) as f64;
    Array2::from_shape_fn((GRID * GRID, 2), |(k, d)| {
        step * (if d == 0 { k % GRID } else { k / GRID }) as f64
    })
}

/// Every hidden layer's output for the inputs `x` with parameters `params`.
pub fn hidden_outputs(
    params: &[(Array2<f64>, Array1<f64>)],
    activation: Activation,
    x: &Array2<f64>,
) -> Vec<Array2<f64>> {
    let mut net = MultiLayerNet::from_params(params.to_vec(), activation);
    net.predict(x);
    (1..=net.hidden_layers())
        .map(|k| net.hidden_output(k).to_owned())
        .collect()
}

/// The histograms' range: the activation's range, or for ReLU from 0 to the largest output.
fn range(activation: Activation, hidden: &[Vec<Array2<f64>>]) -> (f64, f64) {
    match activation {
        Activation::Sigmoid => (0.0, 1.0),
        Activation::Tanh => (-1.0, 1.0),
        Activation::Relu => {
            let max = hidden
                .iter()
                .flatten()
                .flat_map(|h| h.iter().copied())
                .filter(|v| v.is_finite())
                .fold(0.0f64, f64::max);
            (0.0, if max > 0.0 { max } else { 1.0 })
        }
    }
}

/// Counts of `values` in [`BINS`] equal bins over `[lo, hi]` (the top edge in the last bin;
/// values outside, and NaN, are not counted).
pub fn histogram(values: impl Iterator<Item = f64>, lo: f64, hi: f64) -> Vec<usize> {
    let mut counts = vec![0; BINS];
    for v in values {
        if (lo..=hi).contains(&v) {
            let b = (((v - lo) / (hi - lo)) * BINS as f64) as usize;
            counts[b.min(BINS - 1)] += 1;
        }
    }
    counts
}
