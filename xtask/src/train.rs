//! `cargo xtask train`: one XOR network, trained and written as one set of files.

use crate::flags;
use crate::term::{self, say};
use crate::{limits, publish};
use anyhow::{Result, anyhow};
use dlfs_datasets::xor;
use dlfs_experiments::files;
use dlfs_networks::{Extend, Precision};
use dlfs_train::recorder::Recorder;
use dlfs_train::run::{RunConfig, progress_interval, train_with, train_with_in};
use indicatif::ProgressBar;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// A progress bar appears once a run has taken this long (and only on a terminal).
const QUIET_FOR: Duration = Duration::from_millis(500);

/// Trains, writes the files, prints the outcome.
pub fn run(f: flags::Train) -> Result<ExitCode> {
    let hidden = f
        .hidden
        .iter()
        .map(|&h| {
            usize::try_from(h).map_err(|_| anyhow!("--hidden {h}: too large for this machine"))
        })
        .collect::<Result<Vec<_>>>()?;
    let iters = usize::try_from(f.iters)
        .map_err(|_| anyhow!("--iters {}: too large for this machine", f.iters))?;
    let article = RunConfig::default();
    let t = f.training;
    let config = RunConfig {
        hidden,
        activation: t.activation,
        lr: t.lr.unwrap_or(article.lr),
        iters,
        seed: t.seed.unwrap_or(article.seed),
        optimizer: t.optimizer,
        init: t.init.unwrap_or(article.init),
        stop_below: None,
        extend: t.extend(),
        precision: t.precision,
    };
    // Everything is checked before training starts.
    let hidden_flag = f
        .hidden
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    limits::check(
        format!("--hidden {hidden_flag} --iters {iters}"),
        limits::train_bytes(&config.sizes(), iters, config.extend != Extend::NONE),
        limits::available_memory(),
    )?;
    let force = f.output.force;
    let out = f
        .output
        .out
        .unwrap_or_else(|| publish::data_dir("results/train"));
    publish::check_target(&out, force)?;

    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    let mut recorder = Recorder::new();
    let mask = progress_interval(&config.sizes()) - 1;
    let mut watch = |iteration: usize| {
        let done = iteration + 1;
        if done & mask != 0 {
            return;
        }
        if bar.is_none() && started.elapsed() > QUIET_FOR {
            bar = term::bar(
                f.iters,
                "  training [{bar:40}] {pos}/{len} iterations, {elapsed} (eta {eta})",
            );
        }
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    // The files and pictures are drawn from the network in f64 (an f32 one widened exactly).
    let mut run = match config.precision {
        Precision::F64 => train_with(&config, |step| {
            let i = step.iteration;
            recorder.watch(step);
            watch(i);
        }),
        Precision::F32 => train_with_in::<f32>(&config, |step| {
            let i = step.iteration;
            recorder.watch(step);
            watch(i);
        })
        .widened(),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let diagnostics = recorder.finish(&run);
    publish::publish_dir(&out, force, |dir| {
        files::write_run(dir, &mut run)?;
        files::write_diagnostics(dir, &run, &diagnostics)
    })?;

    say!(
        "{config}: {} iterations in {:.1} ms",
        run.iterations,
        secs * 1e3
    );
    if run.diverged() {
        say!(
            "diverged after {} iterations: the loss stopped being a finite number \
             (try a smaller --lr)",
            run.iterations
        );
    } else if run.got_worse() {
        say!(
            "diverged: the loss rose from {} to {} (the steps overshoot; try a smaller --lr)",
            run.losses[0],
            run.final_loss()
        );
    } else {
        say!("final loss {}", run.final_loss());
    }
    let y = run.net.probabilities(&xor::inputs());
    for (name, row) in xor::NAMES.iter().zip(y.rows()) {
        say!("  {name} → P(class 1) = {:.6}", row[1]);
    }
    say!("files in {}", out.display());
    Ok(ExitCode::SUCCESS)
}
