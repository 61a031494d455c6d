//! Does the stalled network ever escape its plateau, and after how many iterations?
//! 2-2-2-2 sigmoid with SGD, at lr 0.01 and around it, up to a million iterations per seed.

use crate::output::{Table, num};
use crate::run::{RunConfig, run_all, train_with};
use crate::{Options, Progress, Report, charts};
use anyhow::Result;
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;

/// The learning rates: the article's 0.01, and a factor of about two on either side.
pub const LRS: [f64; 3] = [0.005, 0.01, 0.02];
/// The most iterations a run gets (numpy would need about 40 s for one).
pub const MAX_ITERS: usize = 1_000_000;
/// The article's budget, marked on the chart.
pub const ARTICLE_ITERS: usize = 60_000;
/// A run has escaped once its loss is below this (the plateau sits at ln 2 ≈ 0.693).
pub const ESCAPED_LOSS: f64 = 0.5;
/// A run has converged, and stops, once its loss is below this (every input right).
pub const CONVERGED_LOSS: f64 = 0.1;
/// A run that neither converged nor diverged is still stalled if it ends above this loss (the
/// plateau sits at ln 2 ≈ 0.693).
pub const STALLED_LOSS: f64 = 0.6;

/// The outcome of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The learning rate.
    pub lr: f64,
    /// The seed.
    pub seed: u32,
    /// The first iteration with a loss below [`ESCAPED_LOSS`].
    pub escaped_at: Option<usize>,
    /// The first iteration with a loss below [`CONVERGED_LOSS`] (the run stops there).
    pub converged_at: Option<usize>,
    /// The loss where the run stopped.
    pub final_loss: f64,
    /// A loss or a parameter stopped being finite.
    pub diverged: bool,
}

impl Outcome {
    /// Neither converged nor diverged, and ended above [`STALLED_LOSS`]: still on the plateau.
    pub fn still_stalled(&self) -> bool {
        self.converged_at.is_none() && !self.diverged && self.final_loss > STALLED_LOSS
    }
}

/// What the runs of one learning rate came to: a row of `summary.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// How many runs.
    pub runs: usize,
    /// The iterations at which the runs that converged did so, in increasing order.
    pub converged_at: Vec<usize>,
    /// How many converged within the article's budget (iterations 0 to [`ARTICLE_ITERS`] − 1).
    pub by_article: usize,
    /// How many are [still stalled](Outcome::still_stalled).
    pub still_stalled: usize,
    /// How many diverged.
    pub diverged: usize,
}

/// Counts what `outcomes` came to.
pub fn summarize(outcomes: &[&Outcome]) -> Summary {
    let mut converged_at: Vec<usize> = outcomes.iter().filter_map(|o| o.converged_at).collect();
    converged_at.sort_unstable();
    Summary {
        runs: outcomes.len(),
        by_article: converged_at.iter().filter(|&&i| i < ARTICLE_ITERS).count(),
        converged_at,
        still_stalled: outcomes.iter().filter(|o| o.still_stalled()).count(),
        diverged: outcomes.iter().filter(|o| o.diverged).count(),
    }
}

/// Every setting: learning rate, then seed.
pub fn configs(seeds: u32) -> Vec<RunConfig> {
    LRS.iter()
        .flat_map(|&lr| {
            (0..seeds).map(move |seed| RunConfig {
                hidden: vec![2, 2],
                activation: Activation::Sigmoid,
                lr,
                iters: MAX_ITERS,
                seed,
                optimizer: Kind::Sgd,
                init: Init::Article,
                stop_below: Some(CONVERGED_LOSS),
            })
        })
        .collect()
}

/// Trains one setting until it converges or reaches [`MAX_ITERS`].
pub fn outcome(config: &RunConfig) -> Outcome {
    let mut escaped_at = None;
    let run = train_with(config, |step| {
        if escaped_at.is_none() && step.loss < ESCAPED_LOSS {
            escaped_at = Some(step.iteration);
        }
    });
    let diverged = run.diverged();
    Outcome {
        lr: config.lr,
        seed: config.seed,
        escaped_at,
        converged_at: run.stopped_below.then(|| run.iterations - 1),
        final_loss: if diverged { f64::NAN } else { run.final_loss() },
        diverged,
    }
}

/// The `q`-quantile (0 to 1) of sorted values, by the nearest rank.
pub fn quantile(sorted: &[usize], q: f64) -> Option<usize> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

/// Runs the experiment. Files: `runs.csv` (`lr,seed,escaped_at,converged_at,final_loss,diverged`),
/// `summary.csv`
/// (`lr,runs,converged_by_60000,converged_by_1000000,still_stalled,diverged,p25,median,p75`, the
/// quartiles of the convergence iteration over the runs that converged) and `escape.svg`, the
/// share of seeds converged by each iteration.
pub fn run(opts: &Options, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = run_all("escape-time", &configs(seeds), progress, outcome);
    let mut runs = Table::new(&[
        "lr",
        "seed",
        "escaped_at",
        "converged_at",
        "final_loss",
        "diverged",
    ]);
    let opt = |v: Option<usize>| v.map(|i| i.to_string()).unwrap_or_default();
    for o in &outcomes {
        runs.push(vec![
            num(o.lr),
            o.seed.to_string(),
            opt(o.escaped_at),
            opt(o.converged_at),
            num(o.final_loss),
            o.diverged.to_string(),
        ]);
    }
    let mut summary = Table::new(&[
        "lr",
        "runs",
        "converged_by_60000",
        "converged_by_1000000",
        "still_stalled",
        "diverged",
        "p25",
        "median",
        "p75",
    ]);
    let mut report = Report::new("escape-time");
    let mut curves: Vec<(String, Vec<usize>)> = Vec::new();
    for lr in LRS {
        let of_lr: Vec<&Outcome> = outcomes.iter().filter(|o| o.lr == lr).collect();
        let s = summarize(&of_lr);
        let q = |q| opt(quantile(&s.converged_at, q));
        summary.push(vec![
            num(lr),
            s.runs.to_string(),
            s.by_article.to_string(),
            s.converged_at.len().to_string(),
            s.still_stalled.to_string(),
            s.diverged.to_string(),
            q(0.25),
            q(0.5),
            q(0.75),
        ]);
        report.fact(
            format!("lr {lr}"),
            format!(
                "{} of {} seeds learn XOR within {ARTICLE_ITERS} it., {} within {MAX_ITERS}; \
                 median {} it., quartiles {}–{}; {} still at ln 2",
                s.by_article,
                s.runs,
                s.converged_at.len(),
                q(0.5),
                q(0.25),
                q(0.75),
                s.still_stalled
            ),
        );
        curves.push((format!("lr {lr}"), s.converged_at));
    }
    opts.publish("escape-time", |dir| {
        runs.write(&dir.join("runs.csv"))?;
        summary.write(&dir.join("summary.csv"))?;
        charts::share_converged(
            &dir.join("escape.svg"),
            &format!(
                "How long the stall lasts: 2-2-2-2 sigmoid, SGD, {seeds} seeds per learning rate"
            ),
            &curves,
            seeds as usize,
            MAX_ITERS,
            ARTICLE_ITERS,
        )
    })?;
    Ok(report)
}
