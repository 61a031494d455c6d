//! `cargo xtask experiments`: runs the experiments and prints their summaries.

use crate::flags;
use crate::term::{TermProgress, note, say};
use anyhow::{Context, Result};
use dlfs_experiments::{EXPERIMENTS, Experiment, Options, Report, limits, output, page};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Runs the selected experiments; exit code 1 if a check of theirs failed.
pub fn run(f: flags::Experiments) -> Result<ExitCode> {
    let mut selected: Vec<&Experiment> = Vec::new();
    for e in EXPERIMENTS {
        if f.only.is_empty() || f.only.contains(&e.name) {
            selected.push(e);
        }
    }
    let seeds = f.seeds.unwrap_or(if f.quick {
        Options::QUICK_SEEDS
    } else {
        Options::DEFAULT_SEEDS
    });
    // Everything is checked before the first experiment starts.
    if selected.iter().any(|e| e.name == "lr-sweep") {
        limits::check(
            format!("--seeds {seeds}"),
            limits::sweep_bytes(seeds),
            limits::available_memory(),
        )?;
    }
    let out = f
        .out
        .unwrap_or_else(|| crate::workspace_root().join("data/results"));
    check_out(&out)?;
    for e in &selected {
        output::check_replaceable(&out.join(e.name), f.force)?;
    }
    page::check_index(&out, f.force)?;
    let opts = Options {
        out: out.clone(),
        seeds,
        force: f.force,
        quick: f.quick,
    };

    let progress = TermProgress::new();
    let started = Instant::now();
    let mut reports: Vec<(Report, f64)> = Vec::new();
    for e in selected {
        let t = Instant::now();
        note!("running {} …", e.name);
        let report = (e.run)(&opts, &progress).with_context(|| format!("experiment {}", e.name))?;
        reports.push((report, t.elapsed().as_secs_f64()));
    }
    let index = page::write_index(&out, f.force)?;
    say!(
        "\nSummary (results in {}, {:.1} s in all; the report page: {})",
        out.display(),
        started.elapsed().as_secs_f64(),
        index.display()
    );
    let mut all_ok = true;
    for (r, secs) in &reports {
        all_ok &= r.ok;
        let verdict = if r.ok { "ok" } else { "CHECK FAILED" };
        say!("\n{} [{verdict}] {secs:.2} s", r.name);
        let width = r
            .facts
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in &r.facts {
            say!("  {k:<width$}  {v}");
        }
        for line in r.table.iter().flat_map(|t| t.lines()) {
            say!("  {line}");
        }
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Checks `--out` before anything is written: an existing file, or a folder that cannot be
/// created or written to, is an error.
pub fn check_out(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("--out {} is a file, not a folder", dir.display());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("--out {}: cannot create the folder", dir.display()))?;
    let probe = dir.join(format!(".xtask-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .with_context(|| format!("--out {}: the folder is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}
