//! `cargo xtask experiments`: runs the experiments and prints their summaries.

use crate::flags;
use crate::limits;
use crate::publish::{self, Publisher};
use crate::term::{TermProgress, note, say};
use anyhow::{Context, Result};
use dlfs_experiments::{EXPERIMENTS, Experiment, Options, Report};
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
    let out = f.out.unwrap_or_else(|| publish::data_dir("results"));
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
    let done: Vec<Report> = reports.iter().map(|(r, _)| r.clone()).collect();
    let index = publish::write_index(&out, f.force, &done)?;
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
    if opts.seeds == Options::DEFAULT_SEEDS && !opts.quick {
        let findings = publish::data_dir("findings");
        let ran: Vec<&str> = reports.iter().map(|(r, _)| r.name).collect();
        say!("\n{}", findings_verdict(&findings, &out, &ran)?);
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// After a run with the default settings: whether the result files that FINDINGS.md quotes
/// (kept in `findings`, one folder per experiment) are still what the experiments in `ran`
/// wrote into `out`. One line, naming the files that differ.
///
/// # Errors
/// If a file cannot be read.
pub fn findings_verdict(findings: &Path, out: &Path, ran: &[&str]) -> Result<String> {
    let mut kept = Vec::new();
    publish::list_files(findings, Path::new(""), &mut kept)?;
    kept.sort();
    let mut differ = Vec::new();
    let mut compared = 0;
    for rel in &kept {
        let experiment = rel.components().next().map(|c| c.as_os_str());
        if !ran
            .iter()
            .any(|e| experiment == Some(std::ffi::OsStr::new(e)))
        {
            continue;
        }
        compared += 1;
        let ours = std::fs::read(out.join(rel)).ok();
        if ours.as_deref() != Some(&std::fs::read(findings.join(rel))?[..]) {
            differ.push(rel.display().to_string());
        }
    }
    Ok(if differ.is_empty() {
        format!(
            "FINDINGS.md: this run's results equal the {compared} files it quotes ({})",
            findings.display()
        )
    } else {
        format!(
            "FINDINGS.md quotes results this run did not reproduce: {} (copy this run's files \
             into {} and update FINDINGS.md; xtask/tests/findings.rs checks the figures)",
            differ.join(", "),
            findings.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_findings_verdict_names_the_files_that_differ() {
        let dir = std::env::temp_dir().join(format!("xtask-findings-{}", std::process::id()));
        let (kept, out) = (dir.join("kept"), dir.join("out"));
        for d in [&kept, &out] {
            std::fs::create_dir_all(d.join("a/sub")).unwrap();
            std::fs::create_dir_all(d.join("b")).unwrap();
        }
        std::fs::write(kept.join("a/sub/x.csv"), "1\n").unwrap();
        std::fs::write(kept.join("b/y.csv"), "2\n").unwrap();
        std::fs::write(out.join("a/sub/x.csv"), "1\n").unwrap();
        std::fs::write(out.join("b/y.csv"), "3\n").unwrap();
        let all = findings_verdict(&kept, &out, &["a", "b"]).unwrap();
        assert!(
            all.starts_with("FINDINGS.md quotes results this run did not reproduce: b/y.csv ("),
            "{all}"
        );
        // Only the experiments that ran are compared.
        let a = findings_verdict(&kept, &out, &["a"]).unwrap();
        assert!(
            a.starts_with("FINDINGS.md: this run's results equal the 1 files"),
            "{a}"
        );
        // A file the run did not write differs too.
        std::fs::remove_file(out.join("a/sub/x.csv")).unwrap();
        let gone = findings_verdict(&kept, &out, &["a"]).unwrap();
        assert!(gone.contains("did not reproduce: a/sub/x.csv"), "{gone}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
