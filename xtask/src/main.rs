//! `cargo xtask`: the project's commands (matklad's cargo-xtask pattern; the alias lives in
//! `.cargo/config.toml` and builds this in release mode, so the numeric work runs optimised).
//!
//! ```text
//! cargo xtask experiments [--only NAME[,NAME…]] [--out DIR] [--seeds N] [--quick]
//! cargo xtask train [--hidden 4[,4…]] [--activation sigmoid|relu] [--lr 0.01] [--iters 60000] [--seed 42] [--out DIR]
//! cargo xtask help
//! ```

use anyhow::{Context, Result, bail};
use dlfs_experiments::output::write_run;
use dlfs_experiments::run::{RunConfig, train};
use dlfs_experiments::{EXPERIMENTS, Options, Progress, Report};
use dlfs_networks::Activation;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => {
            print!("{}", help());
            Ok(0)
        }
        Some("experiments") => experiments(&args[1..]),
        Some("train") => train_cmd(&args[1..]),
        Some(other) => Err(anyhow::anyhow!(
            "unknown command '{other}' (try `cargo xtask help`)"
        )),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}

fn help() -> String {
    let mut s = String::from(
        "cargo xtask <command>\n\n\
         Commands:\n  \
         experiments [--only NAME[,NAME…]] [--out DIR] [--seeds N] [--quick]\n      \
         Run every experiment (or the named ones); results go to DIR/<experiment>/\n      \
         (default DIR: data/results). --seeds: seeds per setting in lr-sweep (default 50);\n      \
         --quick: the reduced version for CI (2 seeds in the sweep).\n  \
         train [--hidden 4[,4…]] [--activation sigmoid|relu] [--lr 0.01] [--iters 60000] [--seed 42] [--out DIR]\n      \
         Train one XOR network with the article's initialisation and write its files\n      \
         (default DIR: data/results/train).\n  \
         help\n      Print this message.\n\nExperiments:\n",
    );
    for e in EXPERIMENTS {
        s += &format!("  {:<16} {}\n", e.name, e.about);
    }
    s
}

/// The workspace root (this crate lives in `xtask/`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Splits `--flag value` pairs and bare `--switch`es, rejecting anything else.
fn parse_flags(
    args: &[String],
    with_value: &[&str],
    switches: &[&str],
) -> Result<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if with_value.contains(&flag) {
            let v = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .with_context(|| format!("{flag} needs a value"))?
                    .clone(),
            };
            if out.iter().any(|(f, _)| f == flag) {
                bail!("{flag} given twice");
            }
            out.push((flag.to_string(), Some(v)));
        } else if switches.contains(&flag) && inline.is_none() {
            out.push((flag.to_string(), None));
        } else {
            bail!("unknown argument '{a}' (try `cargo xtask help`)");
        }
    }
    Ok(out)
}

fn value<'a>(flags: &'a [(String, Option<String>)], name: &str) -> Option<&'a str> {
    flags
        .iter()
        .find(|(f, _)| f == name)
        .and_then(|(_, v)| v.as_deref())
}

fn parse_positive<T: std::str::FromStr + PartialOrd + Default>(flag: &str, v: &str) -> Result<T> {
    match v.parse::<T>() {
        Ok(n) if n > T::default() => Ok(n),
        _ => bail!("{flag} must be a positive whole number, not '{v}'"),
    }
}

/// Checks `--out` before anything is written: an existing file, or a folder that cannot be
/// created or written to, is an error.
fn check_out(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("--out {} is a file, not a folder", dir.display());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("--out {}: cannot create the folder", dir.display()))?;
    let probe = dir.join(format!(".xtask-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .with_context(|| format!("--out {}: the folder is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

fn experiments(args: &[String]) -> Result<i32> {
    let flags = parse_flags(args, &["--only", "--out", "--seeds"], &["--quick"])?;
    let quick = flags.iter().any(|(f, _)| f == "--quick");
    let selected: Vec<&dlfs_experiments::Experiment> = match value(&flags, "--only") {
        None => EXPERIMENTS.iter().collect(),
        Some(list) => list
            .split(',')
            .map(|name| {
                dlfs_experiments::find(name.trim()).with_context(|| {
                    let known: Vec<&str> = EXPERIMENTS.iter().map(|e| e.name).collect();
                    format!("unknown experiment '{name}' (known: {})", known.join(", "))
                })
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .fold(Vec::new(), |mut unique, e| {
                if !unique
                    .iter()
                    .any(|u: &&dlfs_experiments::Experiment| u.name == e.name)
                {
                    unique.push(e);
                }
                unique
            }),
    };
    let seeds = match value(&flags, "--seeds") {
        Some(v) => parse_positive::<u32>("--seeds", v)?,
        None if quick => Options::QUICK_SEEDS,
        None => Options::DEFAULT_SEEDS,
    };
    let out =
        value(&flags, "--out").map_or_else(|| workspace_root().join("data/results"), PathBuf::from);
    check_out(&out)?;
    let opts = Options {
        out: out.clone(),
        seeds,
    };
    let progress = TermProgress::new();
    let started = Instant::now();
    let mut reports: Vec<(Report, f64)> = Vec::new();
    for e in selected {
        let t = Instant::now();
        eprintln!("running {} …", e.name);
        let report = (e.run)(&opts, &progress).with_context(|| format!("experiment {}", e.name))?;
        reports.push((report, t.elapsed().as_secs_f64()));
    }
    println!(
        "\nSummary (results in {}, {:.1} s in all)",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    let mut all_ok = true;
    for (r, secs) in &reports {
        all_ok &= r.ok;
        println!(
            "\n{} [{}] {:.2} s",
            r.name,
            if r.ok { "ok" } else { "CHECK FAILED" },
            secs
        );
        let width = r
            .facts
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in &r.facts {
            println!("  {k:<width$}  {v}");
        }
        if let Some(table) = &r.table {
            for line in table.lines() {
                println!("  {line}");
            }
        }
    }
    Ok(if all_ok { 0 } else { 1 })
}

fn train_cmd(args: &[String]) -> Result<i32> {
    let flags = parse_flags(
        args,
        &[
            "--hidden",
            "--activation",
            "--lr",
            "--iters",
            "--seed",
            "--out",
        ],
        &[],
    )?;
    let mut config = RunConfig::default();
    if let Some(h) = value(&flags, "--hidden") {
        config.hidden = h
            .split(',')
            .map(|s| parse_positive::<usize>("--hidden", s.trim()))
            .collect::<Result<_>>()?;
    }
    if let Some(a) = value(&flags, "--activation") {
        config.activation = a
            .parse::<Activation>()
            .map_err(|e| anyhow::anyhow!("--activation: {e}"))?;
    }
    if let Some(v) = value(&flags, "--lr") {
        config.lr = match v.parse::<f64>() {
            Ok(lr) if lr > 0.0 && lr.is_finite() => lr,
            _ => bail!("--lr must be a positive number, not '{v}'"),
        };
    }
    if let Some(v) = value(&flags, "--iters") {
        config.iters = parse_positive("--iters", v)?;
    }
    if let Some(v) = value(&flags, "--seed") {
        config.seed = v.parse().map_err(|_| {
            anyhow::anyhow!("--seed must be a whole number from 0 to 4294967295, not '{v}'")
        })?;
    }
    let out = value(&flags, "--out").map_or_else(
        || workspace_root().join("data/results/train"),
        PathBuf::from,
    );
    check_out(&out)?;
    let t = Instant::now();
    let mut run = train(&config);
    let secs = t.elapsed().as_secs_f64();
    // Remove hidden-layer files of an earlier, deeper run in the same folder.
    for k in run.net.hidden_layers() + 1.. {
        let stale = out.join(format!("hidden_{k}.csv"));
        if !stale.exists() {
            break;
        }
        std::fs::remove_file(&stale)
            .with_context(|| format!("cannot remove {}", stale.display()))?;
    }
    write_run(&out, &mut run)?;
    let y = run.net.probabilities(&dlfs_experiments::xor::inputs());
    println!(
        "{config}: {} iterations in {:.1} ms",
        run.losses.len(),
        secs * 1e3
    );
    println!(
        "final loss {}{}",
        run.final_loss(),
        if run.diverged() { " (diverged)" } else { "" }
    );
    for (n, row) in y.rows().into_iter().enumerate() {
        println!(
            "  {:?} → P(class 1) = {:.6}",
            dlfs_experiments::experiments::hidden_features::INPUTS[n],
            row[1]
        );
    }
    println!("files in {}", out.display());
    Ok(0)
}

/// A progress bar on a terminal, plain lines (every 10%) otherwise.
struct TermProgress {
    bar: Mutex<Option<ProgressBar>>,
    done: AtomicU64,
    total: AtomicU64,
    tty: bool,
}

impl TermProgress {
    fn new() -> Self {
        Self {
            bar: Mutex::new(None),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            tty: std::io::stderr().is_terminal(),
        }
    }
}

impl Progress for TermProgress {
    fn start(&self, what: &str, total: u64) {
        self.done.store(0, Ordering::SeqCst);
        self.total.store(total, Ordering::SeqCst);
        if self.tty {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "  {prefix} [{bar:40}] {pos}/{len} runs, {elapsed} (eta {eta})",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            bar.set_prefix(what.to_string());
            *self.bar.lock().expect("progress lock") = Some(bar);
        } else {
            eprintln!("  {what}: {total} runs");
        }
    }

    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(bar) = self.bar.lock().expect("progress lock").as_ref() {
            bar.inc(1);
        } else {
            let total = self.total.load(Ordering::SeqCst).max(1);
            if done * 10 / total != (done - 1) * 10 / total {
                eprintln!("  {done}/{total} runs ({}%)", done * 100 / total);
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}
