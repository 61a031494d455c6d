//! `cargo xtask experiments`: runs the experiments and prints their summaries.

use crate::flags;
use crate::limits;
use crate::publish::{self, Publisher};
use crate::term::{TermProgress, note, say};
use anyhow::{Context, Result};
use dlfs_experiments::{EXPERIMENTS, Experiment, Options, Report};
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
    let opts = Options {
        seeds,
        quick: f.quick,
    };
    // Everything is checked before the first experiment starts.
    let runs = selected
        .iter()
        .map(|e| (e.runs_kept)(&opts))
        .max()
        .unwrap_or(0);
    limits::check(
        format!("--seeds {seeds}"),
        limits::runs_bytes(runs),
        limits::available_memory(),
    )?;
    let out = f
        .out
        .unwrap_or_else(|| crate::workspace_root().join("data/results"));
    publish::check_writable(&out, "--out")?;
    for e in &selected {
        publish::check_replaceable(&out.join(e.name), f.force)?;
    }
    publish::check_index(&out, f.force)?;
    let output = Publisher {
        root: out.clone(),
        force: f.force,
    };

    let progress = TermProgress::new();
    let started = Instant::now();
    let mut reports: Vec<(Report, f64)> = Vec::new();
    for e in selected {
        let t = Instant::now();
        note!("running {} …", e.name);
        let report =
            (e.run)(&opts, &output, &progress).with_context(|| format!("experiment {}", e.name))?;
        reports.push((report, t.elapsed().as_secs_f64()));
    }
    let index = publish::write_index(&out, f.force)?;
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
