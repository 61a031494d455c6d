//! The article's stall: with two hidden layers of two sigmoid units and lr 0.01, the network
//! answers 0.5 for every input and the loss sits at ln 2; larger learning rates escape.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts;
use dlfs_init::Init;
use dlfs_networks::{Activation, Extend, Precision};
use dlfs_optimizers::Kind;
use dlfs_train::recorder::{Recorder, train_recorded};
use dlfs_train::run::{Run, RunConfig, train};
use std::f64::consts::LN_2;

/// The learning rates of the experiment: the article's, and two that escape the plateau.
pub const LRS: [f64; 3] = [0.01, 0.1, 1.0];

/// How close to ln 2 the loss must be to count as "on the plateau".
pub const PLATEAU_TOLERANCE: f64 = 0.01;

/// The stalled network's settings at learning rate `lr`: 2-2-2-2, sigmoid, plain SGD, the
/// article's initialisation, seed 42, 60000 steps.
pub fn config(lr: f64) -> RunConfig {
    RunConfig {
        hidden: vec![2, 2],
        activation: Activation::Sigmoid,
        lr,
        iters: 60_000,
        seed: 42,
        optimizer: Kind::Sgd,
        init: Init::Article,
        stop_below: None,
        extend: Extend::NONE,
        precision: Precision::F64,
    }
}

/// The longest stretch of iterations `(first, last)` whose loss is within
/// [`PLATEAU_TOLERANCE`] of ln 2, the loss of answering 0.5 for everything (the first of them
/// if several are as long); `None` if no loss is.
pub fn plateau(losses: &[f64]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, &l) in losses.iter().chain(std::iter::once(&f64::NAN)).enumerate() {
        match (start, (l - LN_2).abs() < PLATEAU_TOLERANCE) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if best.is_none_or(|(a, b)| i - 1 - s > b - a) {
                    best = Some((s, i - 1));
                }
                start = None;
            }
            _ => {}
        }
    }
    best
}

/// The largest distance of any softmax output from 0.5.
pub fn max_distance_from_half(run: &mut Run) -> f64 {
    run.net
        .probabilities(&dlfs_datasets::xor::inputs())
        .iter()
        .fold(0.0, |m, y| m.max((y - 0.5).abs()))
}

/// Runs the experiment. Files: one run folder per learning rate (`lr-0.01`, `lr-0.1`, `lr-1`),
/// `plateau.csv`, `loss.svg` (the three curves) and `success-vs-stalled.svg`.
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let (mut runs, recorders): (Vec<Run>, Vec<Recorder>) =
        LRS.iter().map(|&lr| train_recorded(&config(lr))).unzip();
    let success = train(&RunConfig::default());
    let mut report = Report::new("stalled");
    let mut table = Table::new(&[
        "lr",
        "final_loss",
        "max_abs_output_minus_half",
        "plateau_start",
        "plateau_end",
        "plateau_length",
        "first_below_0.1",
    ]);
    let opt = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_default();
    let dists: Vec<f64> = runs.iter_mut().map(max_distance_from_half).collect();
    for (run, &dist) in runs.iter().zip(&dists) {
        let p = plateau(&run.losses);
        table.push(vec![
            num(run.config.lr),
            num(run.final_loss()),
            num(dist),
            opt(p.map(|p| p.0)),
            opt(p.map(|p| p.1)),
            opt(p.map(|p| p.1 - p.0 + 1)),
            opt(run.first_below(0.1)),
        ]);
        let lr = run.config.lr;
        let flat = p.map_or("none".to_string(), |(a, b)| format!("{a}–{b}"));
        report.fact(
            format!("2-2-2-2 lr {lr}"),
            format!("final loss {:.5}, max |y − 0.5| {dist:.4}, loss within 0.01 of ln 2 over iterations {flat}", run.final_loss()),
        );
    }
    let within = dists[0] < 0.01;
    let escaped = runs[1..].iter().all(|r| r.final_loss() < 0.1);
    report.ok = within && escaped;
    report.fact(
        "stalled outputs within 0.5 ± 0.01 (lr 0.01)",
        if within { "yes" } else { "NO" },
    );
    report.fact(
        "lr 0.1 and 1 escape (final loss < 0.1)",
        if escaped { "yes" } else { "NO" },
    );

    out.publish("stalled", &mut |dir| {
        for (run, recorder) in runs.iter_mut().zip(&recorders) {
            let sub = dir.join(format!("lr-{}", num(run.config.lr)));
            std::fs::create_dir(&sub)?;
            files::write_run(&sub, run)?;
            files::write_diagnostics(&sub, run, &recorder.finish(run))?;
        }
        table.write(&dir.join("plateau.csv"))?;
        let labels: Vec<String> = runs
            .iter()
            .map(|r| format!("2-2-2-2, lr {}", r.config.lr))
            .collect();
        let series: Vec<(&str, &[f64], usize)> = labels
            .iter()
            .map(String::as_str)
            .zip(&runs)
            .map(|(label, r)| (label, &r.losses[..], r.stride))
            .collect();
        charts::loss_curves(
            &dir.join("loss.svg"),
            "The stall: 2-2-2-2 sigmoid, seed 42",
            &series,
            plateau(&runs[0].losses),
        )?;
        charts::loss_curves(
            &dir.join("success-vs-stalled.svg"),
            "Success (2-4-2) vs stall (2-2-2-2), both lr 0.01, seed 42",
            &[
                (
                    "2-4-2 (the article's success)",
                    &success.losses,
                    success.stride,
                ),
                (
                    "2-2-2-2 (the article's stall)",
                    &runs[0].losses,
                    runs[0].stride,
                ),
            ],
            None,
        )
    })?;
    Ok(report)
}
