//! The learning-rate sweep: which settings learn XOR, which stall, which diverge.

use crate::experiment::{Options, Output, Progress, Report};
use crate::outcomes::{Outcome, rates_table, summarize};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts;
use dlfs_init::Init;
use dlfs_networks::{Activation, Extend, Precision};
use dlfs_optimizers::Kind;
use dlfs_train::run::{RunConfig, architecture, run_all};
use ndarray::Array2;

/// The learning rates swept.
pub const LRS: [f64; 9] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];

/// The hidden layers of the architectures swept: 2-2-2, 2-3-2, 2-4-2, 2-2-2-2, 2-4-4-2.
pub const HIDDEN: [&[usize]; 5] = [&[2], &[3], &[4], &[2, 2], &[4, 4]];

/// Iterations per run.
pub const ITERS: usize = 60_000;

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
                    extend: Extend::NONE,
                    precision: Precision::F64,
                });
            }
        }
    }
    out
}

/// Runs all settings in parallel. The result is in the order of `configs`, whatever the number
/// of threads: each run is independent and single-threaded.
pub fn sweep(configs: &[RunConfig], progress: &dyn Progress) -> Vec<Outcome> {
    run_all("lr-sweep", configs, progress, Outcome::of)
}

/// Runs the experiment. Files: `runs.csv`
/// (`architecture,lr,seed,final_loss,converged,stalled,diverged,first_below_0.1`),
/// `summary.csv` (`architecture,lr,runs,converged,stalled,diverged,convergence_rate,median_iters_to_converge`)
/// and `heatmap.svg`.
pub fn run(opts: &Options, out: &dyn Output, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = sweep(&configs(seeds, ITERS), progress);
    let summary = summarize(&outcomes, |o| (o.config.architecture(), o.config.lr));

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
            o.config.architecture(),
            num(o.config.lr),
            o.config.seed.to_string(),
            num(o.final_loss),
            o.converged().to_string(),
            o.stalled().to_string(),
            o.diverged.to_string(),
            o.converged_at.map(|i| i.to_string()).unwrap_or_default(),
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
    for ((architecture, lr), s) in &summary {
        sums.push(vec![
            architecture.clone(),
            num(*lr),
            s.runs.to_string(),
            s.converged.to_string(),
            s.stalled.to_string(),
            s.diverged.to_string(),
            num(s.rate()),
            s.median().map(num).unwrap_or_default(),
        ]);
        if let (Some(r), Some(c)) = (
            archs.iter().position(|a| a == architecture),
            LRS.iter().position(|l| l == lr),
        ) {
            rates[[r, c]] = s.rate();
        }
    }
    let lr_labels: Vec<String> = LRS.iter().map(|&l| num(l)).collect();
    out.publish("lr-sweep", &mut |dir| {
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
            count(Outcome::converged),
            count(Outcome::stalled),
            count(|o| o.diverged)
        ),
    );
    report.table = Some(rates_table(&archs, &lr_labels, &rates, 7));
    Ok(report)
}
