//! The stalled setting (2-2-2-2, lr 0.01, 60000 iterations) under every optimizer (§6.1),
//! initialisation (§6.2) and activation: which of chapter 6's tools cure the stall?

use crate::output::{Table, num};
use crate::run::{RunConfig, run_all, train};
use crate::{Options, Progress, Report, charts};
use anyhow::Result;
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;
use ndarray::Array2;

/// The stalled network's hidden layers.
pub const HIDDEN: [usize; 2] = [2, 2];
/// The article's learning rate, at which SGD stalls.
pub const LR: f64 = 0.01;
/// The article's number of iterations.
pub const ITERS: usize = 60_000;
/// A run has converged once its loss is below this: then `−ln p < 0.4` for every input's
/// right class, so all four are classified right. The run stops there.
pub const CONVERGED_LOSS: f64 = 0.1;
/// A run that ends above this has stalled (ln 2 ≈ 0.693 is answering 0.5 everywhere).
pub const STALLED_LOSS: f64 = 0.6;
/// The initialisations tried: the article's, the book's `std = 0.01`, Xavier and He.
pub const INITS: [Init; 4] = [Init::Article, Init::BOOK, Init::Xavier, Init::He];

/// The outcome of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The run's settings.
    pub config: RunConfig,
    /// The first iteration whose loss was below [`CONVERGED_LOSS`], if any.
    pub converged_at: Option<usize>,
    /// The loss where the run stopped (at convergence, or after [`ITERS`]).
    pub final_loss: f64,
    /// Not converged, and the final loss above [`STALLED_LOSS`].
    pub stalled: bool,
    /// A loss or a parameter stopped being finite.
    pub diverged: bool,
}

impl Outcome {
    /// Not converged, not stalled, not diverged: stuck on another plateau (one or two inputs
    /// still wrong).
    pub fn other(&self) -> bool {
        self.converged_at.is_none() && !self.stalled && !self.diverged
    }
}

/// Every setting: optimizer-major, then initialisation, activation, seed.
pub fn configs(seeds: u32) -> Vec<RunConfig> {
    let mut out = Vec::new();
    for optimizer in Kind::ALL {
        for init in INITS {
            for activation in Activation::ALL {
                for seed in 0..seeds {
                    out.push(RunConfig {
                        hidden: HIDDEN.to_vec(),
                        activation,
                        lr: LR,
                        iters: ITERS,
                        seed,
                        optimizer,
                        init,
                        stop_below: Some(CONVERGED_LOSS),
                    });
                }
            }
        }
    }
    out
}

/// Trains one setting until it converges or runs out of iterations.
pub fn outcome(config: &RunConfig) -> Outcome {
    let run = train(config);
    let diverged = run.diverged();
    Outcome {
        config: config.clone(),
        converged_at: run.stopped_below.then(|| run.iterations - 1),
        final_loss: if diverged { f64::NAN } else { run.final_loss() },
        stalled: !run.stopped_below && !diverged && run.final_loss() > STALLED_LOSS,
        diverged,
    }
}

/// Settings per seed: optimizers × initialisations × activations.
pub fn settings() -> u64 {
    (Kind::ALL.len() * INITS.len() * Activation::ALL.len()) as u64
}

/// The counts of one setting (optimizer, initialisation, activation) over its seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The optimizer.
    pub optimizer: Kind,
    /// The initialisation.
    pub init: Init,
    /// The activation.
    pub activation: Activation,
    /// Runs (seeds).
    pub runs: usize,
    /// Runs that converged.
    pub converged: usize,
    /// Runs that stalled at ln 2.
    pub stalled: usize,
    /// Runs that ended on another plateau.
    pub other: usize,
    /// Runs that diverged.
    pub diverged: usize,
    /// The median iteration of convergence over the converged runs.
    pub median_iters: Option<f64>,
}

/// Counts the outcomes per setting, in the order of [`configs`].
pub fn summarize(outcomes: &[Outcome]) -> Vec<Summary> {
    let mut out: Vec<Summary> = Vec::new();
    let mut iters: Vec<Vec<usize>> = Vec::new();
    for o in outcomes {
        let c = &o.config;
        let same = |s: &Summary| {
            s.optimizer == c.optimizer && s.init == c.init && s.activation == c.activation
        };
        if !out.last().is_some_and(same) {
            out.push(Summary {
                optimizer: c.optimizer,
                init: c.init,
                activation: c.activation,
                runs: 0,
                converged: 0,
                stalled: 0,
                other: 0,
                diverged: 0,
                median_iters: None,
            });
            iters.push(Vec::new());
        }
        let s = out.last_mut().expect("pushed above");
        s.runs += 1;
        s.converged += usize::from(o.converged_at.is_some());
        s.stalled += usize::from(o.stalled);
        s.other += usize::from(o.other());
        s.diverged += usize::from(o.diverged);
        iters
            .last_mut()
            .expect("pushed above")
            .extend(o.converged_at);
    }
    for (s, it) in out.iter_mut().zip(&mut iters) {
        s.median_iters = super::lr_sweep::median(it);
    }
    out
}

/// Runs the experiment. Files: `runs.csv`
/// (`optimizer,init,activation,seed,converged_at,final_loss,stalled,other_plateau,diverged`),
/// `summary.csv`
/// (`optimizer,init,activation,runs,converged,stalled,other_plateau,diverged,convergence_rate,median_iters_to_converge`)
/// and `heatmap.svg`.
pub fn run(opts: &Options, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = run_all("cures", &configs(seeds), progress, outcome);
    let summary = summarize(&outcomes);

    let mut runs = Table::new(&[
        "optimizer",
        "init",
        "activation",
        "seed",
        "converged_at",
        "final_loss",
        "stalled",
        "other_plateau",
        "diverged",
    ]);
    for o in &outcomes {
        runs.push(vec![
            o.config.optimizer.to_string(),
            o.config.init.to_string(),
            o.config.activation.to_string(),
            o.config.seed.to_string(),
            o.converged_at.map(|i| i.to_string()).unwrap_or_default(),
            num(o.final_loss),
            o.stalled.to_string(),
            o.other().to_string(),
            o.diverged.to_string(),
        ]);
    }
    let mut sums = Table::new(&[
        "optimizer",
        "init",
        "activation",
        "runs",
        "converged",
        "stalled",
        "other_plateau",
        "diverged",
        "convergence_rate",
        "median_iters_to_converge",
    ]);
    // The heat map and the table: a row per (initialisation, activation), a column per optimizer.
    let rows: Vec<(Init, Activation)> = INITS
        .iter()
        .flat_map(|&i| Activation::ALL.map(|a| (i, a)))
        .collect();
    let row_labels: Vec<String> = rows.iter().map(|(i, a)| format!("{i} · {a}")).collect();
    let col_labels: Vec<String> = Kind::ALL.iter().map(|k| k.book_name().into()).collect();
    let mut rates = Array2::from_elem((rows.len(), Kind::ALL.len()), f64::NAN);
    for s in &summary {
        let rate = s.converged as f64 / s.runs as f64;
        sums.push(vec![
            s.optimizer.to_string(),
            s.init.to_string(),
            s.activation.to_string(),
            s.runs.to_string(),
            s.converged.to_string(),
            s.stalled.to_string(),
            s.other.to_string(),
            s.diverged.to_string(),
            num(rate),
            s.median_iters.map(num).unwrap_or_default(),
        ]);
        let r = rows
            .iter()
            .position(|&(i, a)| i == s.init && a == s.activation);
        let c = Kind::ALL.iter().position(|&k| k == s.optimizer);
        if let (Some(r), Some(c)) = (r, c) {
            rates[[r, c]] = rate;
        }
    }
    opts.publish("cures", |dir| {
        runs.write(&dir.join("runs.csv"))?;
        sums.write(&dir.join("summary.csv"))?;
        charts::heatmap(
            &dir.join("heatmap.svg"),
            &format!("The stall's cures: 2-2-2-2, lr {LR}, {ITERS} it., {seeds} seeds — share that learn XOR"),
            &row_labels,
            &col_labels,
            &rates,
            "optimizer",
            "initialisation · activation",
        )
    })?;

    let mut report = Report::new("cures");
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    report.fact(
        "runs",
        format!(
            "{} ({} optimizers × {} inits × {} activations × {seeds} seeds, up to {ITERS} it.): \
             {} converged, {} stalled, {} on another plateau, {} diverged",
            outcomes.len(),
            Kind::ALL.len(),
            INITS.len(),
            Activation::ALL.len(),
            count(&|o| o.converged_at.is_some()),
            count(&|o| o.stalled),
            count(&|o| o.other()),
            count(&|o| o.diverged)
        ),
    );
    report.table = Some(rates_table(&row_labels, &col_labels, &rates));
    Ok(report)
}

/// The shares `rates` (rows × columns, 0 to 1) as a text table of whole percents: a header line
/// (`conv. %` and the column labels), then a line per row label. The first column is as wide as
/// the longest row label plus two spaces, left-aligned; each other column is 10 characters,
/// right-aligned.
pub fn rates_table(row_labels: &[String], col_labels: &[String], rates: &Array2<f64>) -> String {
    let width = row_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut text = format!("{:<width$}", "conv. %");
    for l in col_labels {
        text += &format!("{l:>10}");
    }
    for (r, label) in row_labels.iter().enumerate() {
        text += &format!("\n{label:<width$}");
        for c in 0..col_labels.len() {
            text += &format!("{:>10.0}", rates[[r, c]] * 100.0);
        }
    }
    text
}
