//! The stalled setting (2-2-2-2, lr 0.01, 60000 iterations) under every optimizer (§6.1),
//! initialisation (§6.2) and activation, and with Batch Normalization (§6.3): which of
//! chapter 6's tools cure the stall?

use crate::experiment::{Options, Output, Progress, Report};
use crate::outcomes::{CONVERGED_LOSS, Outcome, rates_table, summarize};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts;
use dlfs_init::Init;
use dlfs_networks::{Activation, Extend, Precision};
use dlfs_optimizers::Kind;
use dlfs_train::run::{RunConfig, run_all};
use ndarray::Array2;

/// The stalled network's hidden layers.
pub const HIDDEN: [usize; 2] = [2, 2];
/// The article's learning rate, at which SGD stalls.
pub const LR: f64 = 0.01;
/// The article's number of iterations.
pub const ITERS: usize = 60_000;
/// The initialisations tried: the article's, the book's `std = 0.01`, Xavier and He.
pub const INITS: [Init; 4] = [Init::Article, Init::BOOK, Init::Xavier, Init::He];

/// The initialisations tried, each without Batch Norm, then the article's with Batch Norm after
/// each hidden Affine layer (normalising over the full batch, the four points).
pub const ROWS: [(Init, bool); 5] = [
    (Init::Article, false),
    (Init::BOOK, false),
    (Init::Xavier, false),
    (Init::He, false),
    (Init::Article, true),
];

/// Every setting: optimizer-major, then initialisation and Batch Norm ([`ROWS`]), activation,
/// seed.
pub fn configs(seeds: u32) -> Vec<RunConfig> {
    let mut out = Vec::new();
    for optimizer in Kind::ALL {
        for (init, batch_norm) in ROWS {
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
                        extend: Extend {
                            batch_norm,
                            ..Extend::NONE
                        },
                        precision: Precision::F64,
                    });
                }
            }
        }
    }
    out
}

/// Settings per seed: optimizers × ([`ROWS`]) × activations.
pub fn settings() -> u64 {
    (Kind::ALL.len() * ROWS.len() * Activation::ALL.len()) as u64
}

/// A row's label: `article · sigmoid`, `article · sigmoid · batch norm`.
fn row_label(init: Init, activation: Activation, batch_norm: bool) -> String {
    let norm = if batch_norm { " · batch norm" } else { "" };
    format!("{init} · {activation}{norm}")
}

/// Runs the experiment. Files: `runs.csv`
/// (`optimizer,init,activation,batch_norm,seed,converged_at,final_loss,stalled,other_plateau,diverged`),
/// `summary.csv`
/// (`optimizer,init,activation,batch_norm,runs,converged,stalled,other_plateau,diverged,convergence_rate,median_iters_to_converge`)
/// and `heatmap.svg`.
pub fn run(opts: &Options, out: &dyn Output, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = run_all("cures", &configs(seeds), progress, Outcome::of);
    let summary = summarize(&outcomes, |o| {
        let c = &o.config;
        (c.optimizer, c.init, c.activation, c.extend.batch_norm)
    });

    let mut runs = Table::new(&[
        "optimizer",
        "init",
        "activation",
        "batch_norm",
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
            o.config.extend.batch_norm.to_string(),
            o.config.seed.to_string(),
            o.converged_at.map(|i| i.to_string()).unwrap_or_default(),
            num(o.final_loss),
            o.stalled().to_string(),
            o.other().to_string(),
            o.diverged.to_string(),
        ]);
    }
    let mut sums = Table::new(&[
        "optimizer",
        "init",
        "activation",
        "batch_norm",
        "runs",
        "converged",
        "stalled",
        "other_plateau",
        "diverged",
        "convergence_rate",
        "median_iters_to_converge",
    ]);
    // The heat map and the table: a row per (initialisation, Batch Norm, activation), a column
    // per optimizer.
    let rows: Vec<(Init, bool, Activation)> = ROWS
        .iter()
        .flat_map(|&(i, bn)| Activation::ALL.map(|a| (i, bn, a)))
        .collect();
    let row_labels: Vec<String> = rows.iter().map(|&(i, bn, a)| row_label(i, a, bn)).collect();
    let col_labels: Vec<String> = Kind::ALL.iter().map(|k| k.book_name().into()).collect();
    let mut rates = Array2::from_elem((rows.len(), Kind::ALL.len()), f64::NAN);
    for ((optimizer, init, activation, batch_norm), s) in &summary {
        let rate = s.rate();
        sums.push(vec![
            optimizer.to_string(),
            init.to_string(),
            activation.to_string(),
            batch_norm.to_string(),
            s.runs.to_string(),
            s.converged.to_string(),
            s.stalled.to_string(),
            s.other.to_string(),
            s.diverged.to_string(),
            num(rate),
            s.median().map(num).unwrap_or_default(),
        ]);
        let r = rows
            .iter()
            .position(|r| *r == (*init, *batch_norm, *activation));
        let c = Kind::ALL.iter().position(|k| k == optimizer);
        if let (Some(r), Some(c)) = (r, c) {
            rates[[r, c]] = rate;
        }
    }
    out.publish("cures", &mut |dir| {
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
            "{} ({} optimizers × {} inits, one with Batch Norm, × {} activations × {seeds} seeds, \
             up to {ITERS} it.): {} converged, {} stalled, {} on another plateau, {} diverged",
            outcomes.len(),
            Kind::ALL.len(),
            ROWS.len(),
            Activation::ALL.len(),
            count(&Outcome::converged),
            count(&Outcome::stalled),
            count(&|o| o.other()),
            count(&|o| o.diverged)
        ),
    );
    report.table = Some(rates_table(&row_labels, &col_labels, &rates, 10));
    Ok(report)
}
