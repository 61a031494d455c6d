//! `cargo xtask mnist`: the book's §5.7.4 training on MNIST-format images.

use crate::flags;
use crate::term::{self, say};
use crate::{limits, publish};
use anyhow::{Context, Result, anyhow};
use dlfs_datasets::{DIGITS, FASHION_CLASSES, FASHION_DIR, Mnist};
use dlfs_experiments::files;
use dlfs_init::Float;
use dlfs_networks::{Extend, Precision};
use dlfs_train::mnist::{Data, MnistConfig, train};
use indicatif::ProgressBar;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The class names for the data in `dir`: Fashion-MNIST's if its path says so, else digits.
pub fn names(dir: &Path) -> &'static [&'static str; 10] {
    if dir.to_string_lossy().to_lowercase().contains("fashion") {
        &FASHION_CLASSES
    } else {
        &DIGITS
    }
}

/// Trains, prints the accuracies as the book does, writes the files.
pub fn run(f: flags::MnistFlags) -> Result<ExitCode> {
    let dir = match f.data {
        Some(d) => d,
        None if Path::new(FASHION_DIR).is_dir() => PathBuf::from(FASHION_DIR),
        None => anyhow::bail!(
            "no data: apt-get install dataset-fashion-mnist (Fashion-MNIST in {FASHION_DIR}), \
             or pass --data DIR with MNIST's four files"
        ),
    };
    let book = MnistConfig::default();
    let t = f.training;
    let config = MnistConfig {
        hidden: usize::try_from(f.hidden)?,
        activation: t.activation,
        init: t.init.unwrap_or(book.init),
        optimizer: t.optimizer,
        lr: t.lr.unwrap_or(book.lr),
        iters: usize::try_from(f.iters)?,
        batch: usize::try_from(f.batch)?,
        seed: t.seed.unwrap_or(book.seed),
        extend: t.extend(),
        precision: t.precision,
    };
    limits::check(
        format!("--hidden {} --batch {}", f.hidden, f.batch),
        limits::mnist_bytes(config.hidden, config.batch, config.extend != Extend::NONE),
        limits::available_memory(),
    )?;
    let force = f.output.force;
    let out = f
        .output
        .out
        .unwrap_or_else(|| publish::data_dir("results/mnist"));
    publish::check_target(&out, force)?;
    let started = Instant::now();
    let mnist = Mnist::load(&dir).map_err(|e| anyhow!("{e}"))?;
    if mnist.train_images.size() != 784 {
        anyhow::bail!(
            "{}: images of {}×{} pixels, not MNIST's 28×28",
            dir.display(),
            mnist.train_images.rows,
            mnist.train_images.cols
        );
    }
    if mnist.train_images.count == 0 || mnist.test_images.count == 0 {
        anyhow::bail!(
            "{}: {} training and {} test images; the book's training needs at least one of each",
            dir.display(),
            mnist.train_images.count,
            mnist.test_images.count
        );
    }
    let data = Data::from(mnist);
    let loaded = started.elapsed().as_secs_f64();
    say!(
        "{}: {} training and {} test images, loaded in {loaded:.2} s",
        dir.display(),
        data.train.count,
        data.test.count
    );
    match config.precision {
        Precision::F64 => {
            train_and_publish::<f64>(&config, &data, f.iters, &out, force, &dir, started)
        }
        Precision::F32 => {
            train_and_publish::<f32>(&config, &data, f.iters, &out, force, &dir, started)
        }
    }
}

/// Trains in precision `F`, showing the book's lines and a progress bar, then publishes the
/// run's files into `out`.
fn train_and_publish<F: Float>(
    config: &MnistConfig,
    data: &Data,
    iters: u64,
    out: &Path,
    force: bool,
    dir: &Path,
    started: Instant,
) -> Result<ExitCode> {
    let bar: Option<ProgressBar> = term::bar(
        iters,
        "  training [{bar:40}] {pos}/{len} iterations, {elapsed} (eta {eta})",
    );
    let mut run = train::<F>(
        config,
        data,
        |e| {
            let line = format!("train acc, test acc | {}, {}", e.train_acc, e.test_acc);
            match &bar {
                Some(b) => b.println(line),
                None => term::say_line(format_args!("{line}")),
            }
        },
        |done| {
            if let Some(b) = &bar
                && done % 50 == 0
            {
                b.set_position(done as u64);
            }
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    publish::publish_dir(out, force, |d| {
        files::write_mnist_run(d, &mut run, data, names(dir))
    })
    .context("writing the results")?;
    let last = run.epochs.last().copied();
    say!(
        "{config}: {} iterations in {secs:.1} s (data loading and accuracies included)",
        run.losses.len()
    );
    if let Some(e) = last {
        say!(
            "final: train acc {}, test acc {} (epoch {}, iteration {})",
            e.train_acc,
            e.test_acc,
            e.epoch,
            e.iteration
        );
    }
    say!("files in {}", out.display());
    Ok(ExitCode::SUCCESS)
}
