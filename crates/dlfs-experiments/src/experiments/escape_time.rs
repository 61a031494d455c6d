//! Does the stalled network ever escape its plateau, and after how many iterations?
//! 2-2-2-2 sigmoid with SGD, at lr 0.01 and around it, up to a million iterations per seed.

use crate::experiment::{Options, Output, Progress, Report};
use crate::outcomes::{CONVERGED_LOSS, Outcome, Summary};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts;
use dlfs_init::Init;
use dlfs_networks::{Activation, Extend, Precision};
use dlfs_optimizers::Kind;
use dlfs_train::run::{RunConfig, run_all};

/// The learning rates: the article's 0.01, and a factor of about two on either side.
pub const LRS: [f64; 3] = [0.005, 0.01, 0.02];
/// The most iterations a run gets (numpy would need about 40 s for one).
pub const MAX_ITERS: usize = 1_000_000;
/// The article's budget, marked on the chart.
pub const ARTICLE_ITERS: usize = 60_000;
/// How many runs of `s` converged within `iters` iterations (iterations 0 to `iters − 1`).
pub fn by(s: &Summary, iters: usize) -> usize {
    s.converged_at.iter().filter(|&&i| i < iters).count()
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
                extend: Extend::NONE,
                precision: Precision::F64,
            })
        })
        .collect()
}

/// Runs the experiment. Files: `runs.csv` (`lr,seed,escaped_at,converged_at,final_loss,diverged`),
/// `summary.csv`
/// (`lr,runs,converged_by_60000,converged_by_1000000,still_stalled,diverged,p25,median,p75`, the
/// quartiles of the convergence iteration over the runs that converged) and `escape.svg`, the
/// share of seeds converged by each iteration.
pub fn run(opts: &Options, out: &dyn Output, progress: &dyn Progress) -> Result<Report> {
    let seeds = opts.seeds;
    let outcomes = run_all("escape-time", &configs(seeds), progress, Outcome::of);
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
            num(o.config.lr),
            o.config.seed.to_string(),
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
        let s = Summary::of(outcomes.iter().filter(|o| o.config.lr == lr));
        let q = |q| opt(s.quantile(q));
        let by_article = by(&s, ARTICLE_ITERS);
        summary.push(vec![
            num(lr),
            s.runs.to_string(),
            by_article.to_string(),
            s.converged_at.len().to_string(),
            s.stalled.to_string(),
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
                by_article,
                s.runs,
                s.converged_at.len(),
                q(0.5),
                q(0.25),
                q(0.75),
                s.stalled
            ),
        );
        curves.push((format!("lr {lr}"), s.converged_at));
    }
    out.publish("escape-time", &mut |dir| {
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
