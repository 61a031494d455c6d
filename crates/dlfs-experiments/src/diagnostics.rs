//! What happens inside a run: how large the gradients are, layer by layer, and what the hidden
//! units compute, at a few moments of training. These are the figures that show why a network
//! stalls (§6.2.1–6.2.2: vanishing gradients, activations that are all alike).
//!
//! A [`Recorder`] watches a run ([`crate::run::train_with`]) and writes:
//!
//! * `grad_norms.csv` and `grad_norms.svg` — `‖∂L/∂Wₗ‖` (Frobenius norm) of every layer's
//!   weights at log-spaced iterations (all of the first 100, then two significant digits:
//!   100, 110, …, 990, 1000, 1100, …), and at the last iteration;
//! * `activations.csv` and `activations.svg` — the book's histograms of §6.2.2: the distribution
//!   of each hidden layer's outputs over a grid of 21 × 21 inputs covering [0, 1]², at
//!   iterations 0, 1 000, 10 000, 20 000 and 30 000 and at the end;
//! * `network.svg` and `filmstrip.svg` — the trained network's picture
//!   ([`crate::pictures::network`]), and the same picture at those moments;
//! * `hidden_snapshots.csv` — each hidden unit's output for the four XOR inputs at the same
//!   moments: units that are copies of each other, saturated at 0 or 1, or equal for every
//!   input show up at a glance.

use crate::output::{Table, num};
use crate::run::{Run, Step};
use crate::{charts, xor};
use anyhow::Result;
use dlfs_networks::{Activation, MultiLayerNet};
use ndarray::{Array1, Array2};
use std::path::Path;

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
pub fn train_recorded(config: &crate::run::RunConfig) -> (Run, Recorder) {
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
pub fn weight_grad_norms(net: &MultiLayerNet) -> Vec<f64> {
    net.affines()
        .iter()
        .map(|a| a.dw.iter().map(|g| g * g).sum::<f64>().sqrt())
        .collect()
}

fn snapshot(iteration: usize, loss: f64, net: &MultiLayerNet) -> Snapshot {
    Snapshot {
        iteration,
        loss,
        params: net
            .affines()
            .iter()
            .map(|a| (a.w.clone(), a.b.clone()))
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
    pub fn watch(&mut self, step: Step<'_>) {
        if on_log_grid(step.iteration) {
            self.grad_norms
                .push((step.iteration, step.loss, weight_grad_norms(step.net)));
        }
        if SNAPSHOTS.contains(&step.iteration) {
            self.snapshots
                .push(snapshot(step.iteration, step.loss, step.net));
        }
    }

    /// Writes the diagnostics of `run` (which this recorder watched) into `dir`, adding its last
    /// iteration.
    ///
    /// # Errors
    /// If a file cannot be written.
    pub fn write(&self, dir: &Path, run: &Run) -> Result<()> {
        let layers = run.net.affines().len();
        let mut norms = self.grad_norms.clone();
        let mut snaps = self.snapshots.clone();
        if let Some(last) = run.iterations.checked_sub(1) {
            // The network still holds the last iteration's gradients (its update came after).
            if norms.last().is_none_or(|n| n.0 != last) {
                norms.push((last, run.final_loss(), weight_grad_norms(&run.net)));
            }
            if snaps.last().is_none_or(|s| s.iteration != last) {
                snaps.push(snapshot(last, run.final_loss(), &run.net));
            }
        }

        let mut header = vec!["iteration".to_string(), "loss".to_string()];
        header.extend((1..=layers).map(|l| format!("dW{l}")));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = Table::new(&header);
        for (i, loss, n) in &norms {
            let mut row = vec![i.to_string(), num(*loss)];
            row.extend(n.iter().map(|v| num(*v)));
            table.push(row);
        }
        table.write(&dir.join("grad_norms.csv"))?;
        charts::grad_norms(
            &dir.join("grad_norms.svg"),
            &format!("Weight gradients per layer: {}", run.config),
            &norms,
        )?;

        let activation = run.net.activation();
        let hidden: Vec<Vec<Array2<f64>>> = snaps
            .iter()
            .map(|s| hidden_outputs(&s.params, activation, &grid()))
            .collect();
        let (lo, hi) = range(activation, &hidden);
        let mut histograms = Table::new(&[
            "iteration",
            "loss",
            "layer",
            "bin_start",
            "bin_end",
            "count",
        ]);
        let mut counts: Vec<Vec<Vec<usize>>> = Vec::new();
        for (s, layers_out) in snaps.iter().zip(&hidden) {
            let mut per_layer = Vec::new();
            for (k, h) in layers_out.iter().enumerate() {
                let c = histogram(h.iter().copied(), lo, hi);
                for (b, &n) in c.iter().enumerate() {
                    let w = (hi - lo) / BINS as f64;
                    histograms.push(vec![
                        s.iteration.to_string(),
                        num(s.loss),
                        (k + 1).to_string(),
                        num(lo + w * b as f64),
                        num(lo + w * (b + 1) as f64),
                        n.to_string(),
                    ]);
                }
                per_layer.push(c);
            }
            counts.push(per_layer);
        }
        histograms.write(&dir.join("activations.csv"))?;
        let titles: Vec<(usize, f64)> = snaps.iter().map(|s| (s.iteration, s.loss)).collect();
        charts::activation_histograms(
            &dir.join("activations.svg"),
            &format!(
                "Hidden activations over a {GRID}×{GRID} grid of inputs in [0, 1]²: {}",
                run.config
            ),
            &titles,
            &counts,
            (lo, hi),
        )?;

        let mut four = Table::new(&[
            "iteration",
            "loss",
            "layer",
            "unit",
            "h_00",
            "h_01",
            "h_10",
            "h_11",
        ]);
        for s in &snaps {
            for (k, h) in hidden_outputs(&s.params, activation, &xor::inputs())
                .iter()
                .enumerate()
            {
                for (u, col) in h.columns().into_iter().enumerate() {
                    let mut row = vec![
                        s.iteration.to_string(),
                        num(s.loss),
                        (k + 1).to_string(),
                        (u + 1).to_string(),
                    ];
                    row.extend(col.iter().map(|v| num(*v)));
                    four.push(row);
                }
            }
        }
        four.write(&dir.join("hidden_snapshots.csv"))?;

        let Some(last) = snaps.last() else {
            return Ok(()); // no iteration was trained: nothing to draw
        };
        let mut net = MultiLayerNet::from_params(last.params.clone(), activation);
        crate::pictures::network(
            &dir.join("network.svg"),
            &format!("The trained network: {}", run.config),
            &mut net,
        )?;
        crate::pictures::filmstrip(
            &dir.join("filmstrip.svg"),
            &format!("The network during training: {}", run.config),
            activation,
            &snaps,
        )
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
