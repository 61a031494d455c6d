//! The learning-rate sweep: which settings learn XOR, which stall, which diverge.

use crate::output::{Table, num};
use crate::run::{RunConfig, architecture, run_all, train};
use crate::{Options, Progress, Report, charts};
use anyhow::Result;
use dlfs_init::Init;
use dlfs_networks::{Activation, Targets};
use dlfs_optimizers::Kind;
use ndarray::Array2;

/// The learning rates swept.
pub const LRS: [f64; 9] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];

/// The hidden layers of the architectures swept: 2-2-2, 2-3-2, 2-4-2, 2-2-2-2, 2-4-4-2.
pub const HIDDEN: [&[usize]; 5] = [&[2], &[3], &[4], &[2, 2], &[4, 4]];

/// Iterations per run.
pub const ITERS: usize = 60_000;

/// A run converged if its final loss is below this and it classifies all four inputs right.
pub const CONVERGED_LOSS: f64 = 0.1;

/// A run stalled if its final loss is above this (ln 2 ≈ 0.693 is answering 0.5 everywhere).
pub const STALLED_LOSS: f64 = 0.6;

/// The outcome of one run of the sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The architecture, e.g. `2-4-2`.
    pub architecture: String,
    /// The learning rate.
    pub lr: f64,
    /// The seed.
    pub seed: u32,
    /// The loss of the last iteration (not finite if the run diverged).
    pub final_loss: f64,
    /// Final loss below [`CONVERGED_LOSS`] and all four inputs classified right.
    pub converged: bool,
    /// Final loss above [`STALLED_LOSS`].
    pub stalled: bool,
    /// A loss or a parameter stopped being finite.
    pub diverged: bool,
    /// The first iteration whose loss is below [`CONVERGED_LOSS`].
    pub first_below: Option<usize>,
}

/// Trains one setting and classifies the outcome.
pub fn outcome(config: &RunConfig) -> Outcome {
    let mut run = train(config);
    let diverged = run.diverged();
    let final_loss = if diverged { f64::NAN } else { run.final_loss() };
    let accuracy = run
        .net
        .accuracy(&crate::xor::inputs(), Targets::Labels(&crate::xor::LABELS));
    Outcome {
        architecture: config.architecture(),
        lr: config.lr,
        seed: config.seed,
        final_loss,
        converged: !diverged && final_loss < CONVERGED_LOSS && accuracy == 1.0,
        stalled: !diverged && final_loss > STALLED_LOSS,
        diverged,
        first_below: run.first_below(CONVERGED_LOSS),
    }
}

/// Settings per seed: architectures × learning rates.
pub fn settings() -> u64 {
    (HIDDEN.len() * LRS.len()) as u64
}

/// Every setting of the sweep, architecture-major, then learning rate, then seed.
pub fn configs(seeds: u32, iters: usize) -> Vec<RunConfig> {
    let mut out = Vec::new();
    for hidden in HIDDEN {
        for lr in LRS {
            for seed in 0..seeds {
                out.push(RunConfig {
                    hidden: hidden.to_vec(),
                    activation: Activation::Sigmoid,
                    lr,
                    iters,
                    seed,
                    optimizer: Kind::Sgd,
                    init: Init::Article,
                    stop_below: None,
                });
            }
        }
    }
    out
}

/// Runs all settings in parallel. The result is in the order of `configs`, whatever the number
/// of threads: each run is independent and single-threaded.
pub fn sweep(configs: &[RunConfig], progress: &dyn Progress) -> Vec<Outcome> {
    run_all("lr-sweep", configs, progress, outcome)
}

/// The median of `values` (the mean of the two middle ones for an even count).
pub fn median(values: &mut [usize]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

/// One row of `summary.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The architecture.
    pub architecture: String,
    /// The learning rate.
    pub lr: f64,
    /// Runs (seeds).
    pub runs: usize,
    /// Runs that converged.
    pub converged: usize,
    /// Runs that stalled.
    pub stalled: usize,
    /// Runs that diverged.
    pub diverged: usize,
    /// The median first iteration below [`CONVERGED_LOSS`] over the converged runs.
    pub median_iters: Option<f64>,
}

impl Summary {
    /// `converged / runs`.
    pub fn rate(&self) -> f64 {
        self.converged as f64 / self.runs as f64
    }
}

/// Aggregates outcomes per (architecture, learning rate), in sweep order.
pub fn summarize(outcomes: &[Outcome]) -> Vec<Summary> {
    let mut out: Vec<Summary> = Vec::new();
    let mut iters: Vec<Vec<usize>> = Vec::new();
    for o in outcomes {
        if out
            .last()
            .is_none_or(|s| s.architecture != o.architecture || s.lr != o.lr)
        {
            out.push(Summary {
                architecture: o.architecture.clone(),
                lr: o.lr,
                runs: 0,
                converged: 0,
                stalled: 0,
                diverged: 0,
                median_iters: None,
            });
            iters.push(Vec::new());
        }
        let s = out.last_mut().expect("pushed above");
        s.runs += 1;
        s.converged += usize::from(o.converged);
        s.stalled += usize::from(o.stalled);
        s.diverged += usize::from(o.diverged);
        if o.converged {
            iters
                .last_mut()
                .expect("pushed above")
                .extend(o.first_below);
        }
    }
    for (s, it) in out.iter_mut().zip(&mut iters) {
        s.median_iters = median(it);
    }
    out
}

/// Runs the experiment. Files: `runs.csv`
/// (`architecture,lr,seed,final_loss,converged,stalled,diverged,first_below_0.1`),
/// `summary.csv` (`architecture,lr,runs,converged,stalled,diverged,convergence_rate,median_iters_to_converge`)
/// and `heatmap.svg`.
pub fn run(opts: &Options, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = sweep(&configs(seeds, ITERS), progress);
    let summary = summarize(&outcomes);

    let mut runs = Table::new(&[
        "architecture",
        "lr",
        "seed",
        "final_loss",
        "converged",
        "stalled",
        "diverged",
        "first_below_0.1",
    ]);
    for o in &outcomes {
        runs.push(vec![
            o.architecture.clone(),
            num(o.lr),
            o.seed.to_string(),
            num(o.final_loss),
            o.converged.to_string(),
            o.stalled.to_string(),
            o.diverged.to_string(),
            o.first_below.map(|i| i.to_string()).unwrap_or_default(),
        ]);
    }
    let mut sums = Table::new(&[
        "architecture",
        "lr",
        "runs",
        "converged",
        "stalled",
        "diverged",
        "convergence_rate",
        "median_iters_to_converge",
    ]);
    let archs: Vec<String> = HIDDEN
        .iter()
        .map(|h| architecture(&[&[2], *h, &[2]].concat()))
        .collect();
    let mut rates = Array2::from_elem((archs.len(), LRS.len()), f64::NAN);
    for s in &summary {
        sums.push(vec![
            s.architecture.clone(),
            num(s.lr),
            s.runs.to_string(),
            s.converged.to_string(),
            s.stalled.to_string(),
            s.diverged.to_string(),
            num(s.rate()),
            s.median_iters.map(num).unwrap_or_default(),
        ]);
        if let (Some(r), Some(c)) = (
            archs.iter().position(|a| *a == s.architecture),
            LRS.iter().position(|&l| l == s.lr),
        ) {
            rates[[r, c]] = s.rate();
        }
    }
    let lr_labels: Vec<String> = LRS.iter().map(|&l| num(l)).collect();
    opts.publish("lr-sweep", |dir| {
        runs.write(&dir.join("runs.csv"))?;
        sums.write(&dir.join("summary.csv"))?;
        charts::heatmap(
            &dir.join("heatmap.svg"),
            &format!("XOR convergence rate ({seeds} seeds, {ITERS} iterations, sigmoid)"),
            &archs,
            &lr_labels,
            &rates,
            "learning rate",
            "architecture",
        )
    })?;

    let mut report = Report::new("lr-sweep");
    let total = outcomes.len();
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    report.fact(
        "runs",
        format!(
            "{total} ({} archs × {} lrs × {seeds} seeds × {ITERS} it.): {} converged, {} stalled, {} diverged",
            archs.len(),
            LRS.len(),
            count(|o| o.converged),
            count(|o| o.stalled),
            count(|o| o.diverged)
        ),
    );
    let mut text = format!("{:<10}", "conv. %");
    for l in &lr_labels {
        text += &format!("{l:>7}");
    }
    for (r, a) in archs.iter().enumerate() {
        text += &format!("\n{a:<10}");
        for c in 0..LRS.len() {
            text += &format!("{:>7.0}", rates[[r, c]] * 100.0);
        }
    }
    report.table = Some(text);
    Ok(report)
}
