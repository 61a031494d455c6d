//! The `--quick` experiments, run into a scratch folder: files, headers, row counts, and the
//! facts the article states (success reproduced, stall at 0.5 and ln 2, escapes at larger lr).
use dlfs_experiments::{EXPERIMENTS, Options, Silent};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dlfs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The rows of a CSV file, header included, as cells.
fn csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

fn check_run_folder(dir: &Path, iters: usize, hidden: &[usize]) {
    let loss = csv(&dir.join("loss.csv"));
    assert_eq!(loss[0], ["iteration", "loss"]);
    assert_eq!(loss.len(), iters + 1);
    let params = csv(&dir.join("params.csv"));
    assert_eq!(params[0], ["param", "row", "col", "value"]);
    let sizes: Vec<usize> = [&[2][..], hidden, &[2]].concat();
    let n_params: usize = sizes.windows(2).map(|w| w[0] * w[1] + w[1]).sum();
    assert_eq!(params.len(), n_params + 1);
    let predictions = csv(&dir.join("predictions.csv"));
    assert_eq!(predictions[0], ["x1", "x2", "target", "y0", "y1"]);
    assert_eq!(predictions.len(), 5);
    for (k, &h) in hidden.iter().enumerate() {
        let table = csv(&dir.join(format!("hidden_{}.csv", k + 1)));
        assert_eq!(table[0].len(), 2 + h);
        assert_eq!(table.len(), 5);
    }
    for svg in ["loss.svg", "decision.svg"] {
        assert!(
            std::fs::read_to_string(dir.join(svg))
                .unwrap()
                .contains("<svg")
        );
    }
}

#[test]
fn quick_experiments_write_complete_results() {
    let out = scratch("quick");
    let opts = Options {
        out: out.clone(),
        seeds: Options::QUICK_SEEDS,
        force: false,
    };
    for e in EXPERIMENTS {
        let report = (e.run)(&opts, &Silent).unwrap();
        assert!(report.ok, "{}: {:?}", e.name, report.facts);
    }

    // xor-success: every printed value reproduced.
    check_run_folder(&out.join("xor-success"), 60_000, &[4]);
    let repro = csv(&out.join("xor-success/reproduction.csv"));
    assert_eq!(
        repro[0],
        [
            "quantity", "row", "col", "article", "ours", "ours_8dp", "match"
        ]
    );
    assert_eq!(repro.len(), 47);
    assert!(repro[1..].iter().all(|r| r[6] == "true"));
    // The loss file reads back as the same numbers: the article's last loss (seed_xor.py prints
    // `loss first/last: 0.7666662145758563 0.018648444453981575`).
    let loss = csv(&out.join("xor-success/loss.csv"));
    let last: f64 = loss.last().unwrap()[1].parse().unwrap();
    assert!((last - 0.018648444453981575).abs() < 1e-12, "{last}");

    // stalled: lr 0.01 stays at 0.5 ± 0.01 with the loss near ln 2 (numpy: 0.69298 at the end);
    // lr 0.1 and 1 escape (numpy: 5.5e-4 and 3.9e-5).
    for lr in ["0.01", "0.1", "1"] {
        check_run_folder(&out.join(format!("stalled/lr-{lr}")), 60_000, &[2, 2]);
    }
    let plateau = csv(&out.join("stalled/plateau.csv"));
    assert_eq!(
        plateau[0],
        [
            "lr",
            "final_loss",
            "max_abs_output_minus_half",
            "plateau_start",
            "plateau_end",
            "plateau_length",
            "first_below_0.1"
        ]
    );
    let field = |row: &Vec<String>, i: usize| row[i].parse::<f64>().unwrap();
    assert!((field(&plateau[1], 1) - 0.69298).abs() < 5e-6);
    assert!(field(&plateau[1], 2) < 0.01);
    assert_eq!(
        plateau[1][4], "59999",
        "the stalled run is still on the plateau at the end"
    );
    assert!((field(&plateau[2], 1) - 5.5e-4).abs() < 0.05e-4);
    assert!((field(&plateau[3], 1) - 3.9e-5).abs() < 0.05e-5);
    for svg in ["loss.svg", "success-vs-stalled.svg"] {
        assert!(out.join("stalled").join(svg).exists());
    }

    // lr-sweep: 5 architectures × 9 learning rates × 2 seeds.
    let runs = csv(&out.join("lr-sweep/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "architecture",
            "lr",
            "seed",
            "final_loss",
            "converged",
            "stalled",
            "diverged",
            "first_below_0.1"
        ]
    );
    assert_eq!(runs.len(), 1 + 5 * 9 * 2);
    let summary = csv(&out.join("lr-sweep/summary.csv"));
    assert_eq!(summary.len(), 1 + 5 * 9);
    // summary.csv is the aggregation of runs.csv: recount it from the runs.
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..]
            .iter()
            .filter(|r| r[0] == row[0] && r[1] == row[1])
            .collect();
        let count = |col: usize| mine.iter().filter(|r| r[col] == "true").count().to_string();
        assert_eq!(row[2], mine.len().to_string(), "{row:?}");
        assert_eq!(
            [&row[3], &row[4], &row[5]],
            [&count(4), &count(5), &count(6)],
            "{row:?}"
        );
        let rate: f64 = row[6].parse().unwrap();
        assert_eq!(rate, count(4).parse::<f64>().unwrap() / mine.len() as f64);
        // A converged run has a final loss below 0.1 and a first iteration below it.
        for r in &mine {
            if r[4] == "true" {
                assert!(
                    r[3].parse::<f64>().unwrap() < 0.1 && !r[7].is_empty(),
                    "{r:?}"
                );
            }
        }
    }
    assert!(out.join("lr-sweep/heatmap.svg").exists());

    // hidden-features and gradient-check.
    assert_eq!(csv(&out.join("hidden-features/hidden_1.csv")).len(), 5);
    let neurons = csv(&out.join("hidden-features/neurons.csv"));
    assert!(
        neurons[3][5].starts_with("AND"),
        "the article's neuron 3 is the AND detector: {:?}",
        neurons[3]
    );
    assert_eq!(csv(&out.join("hidden-features/distances.csv")).len(), 7);
    let grad = csv(&out.join("gradient-check/gradient_check.csv"));
    assert_eq!(grad.len(), 1 + 2 * 4);

    // No temporary files or folders are left behind: the only hidden files are the manifests.
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .filter(|p| p.file_name().unwrap() != dlfs_experiments::output::MANIFEST)
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn the_sweep_is_identical_whatever_the_number_of_threads() {
    use dlfs_experiments::experiments::lr_sweep::{configs, sweep};
    let cfgs: Vec<_> = configs(2, 3000).into_iter().step_by(3).collect();
    let run_with = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| sweep(&cfgs, &Silent))
    };
    let one = run_with(1);
    let four = run_with(4);
    assert_eq!(format!("{one:?}"), format!("{four:?}"));
}

#[test]
fn rerunning_overwrites_with_identical_files() {
    let out = scratch("rerun");
    let mut opts = Options {
        out: out.clone(),
        seeds: 1,
        force: false,
    };
    let e = dlfs_experiments::find("stalled").unwrap();
    (e.run)(&opts, &Silent).unwrap();
    let first = std::fs::read(out.join("stalled/plateau.csv")).unwrap();
    let loss = std::fs::read(out.join("stalled/lr-0.1/loss.csv")).unwrap();
    (e.run)(&opts, &Silent).unwrap();
    assert_eq!(
        std::fs::read(out.join("stalled/plateau.csv")).unwrap(),
        first
    );
    assert_eq!(
        std::fs::read(out.join("stalled/lr-0.1/loss.csv")).unwrap(),
        loss
    );
    // A file the user puts in the folder stops the next run from replacing it…
    std::fs::write(out.join("stalled/lr-0.1/mine.txt"), "mine").unwrap();
    let err = (e.run)(&opts, &Silent).unwrap_err();
    assert!(format!("{err:#}").contains("mine.txt was not written by cargo xtask"));
    assert_eq!(
        std::fs::read_to_string(out.join("stalled/lr-0.1/mine.txt")).unwrap(),
        "mine"
    );
    // …unless forced: then the folder is replaced whole.
    opts.force = true;
    (e.run)(&opts, &Silent).unwrap();
    assert!(!out.join("stalled/lr-0.1/mine.txt").exists());
    assert_eq!(
        std::fs::read(out.join("stalled/plateau.csv")).unwrap(),
        first
    );
    std::fs::remove_dir_all(&out).unwrap();
}
