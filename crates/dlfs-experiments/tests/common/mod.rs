//! What the experiments' tests share: running one experiment's `--quick` version into a
//! scratch folder, and reading its files back.
#![allow(dead_code)] // each test file uses some of these

use dlfs_experiments::{Folder, Options, Report, Silent};
use std::path::{Path, PathBuf};

/// Runs experiment `name` with `--quick` into a fresh scratch folder: its report, and the
/// folder that holds its folder.
pub fn quick(name: &str) -> (Report, PathBuf) {
    let out = scratch(name);
    let opts = Options {
        seeds: Options::QUICK_SEEDS,
        quick: true,
    };
    let e = dlfs_experiments::find(name).unwrap();
    let report = (e.run)(&opts, &Folder(out.clone()), &Silent).unwrap();
    assert!(report.ok, "{name}: {:?}", report.facts);
    (report, out)
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dlfs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The rows of a CSV file, header included, as cells.
pub fn csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

pub fn check_run_folder(dir: &Path, iters: usize, hidden: &[usize]) {
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

/// The diagnostics of a run of `iters` iterations with hidden layers of sizes `hidden`.
pub fn check_diagnostics(dir: &Path, hidden: &[usize], iters: usize) {
    let layers = hidden.len() + 1;
    let norms = csv(&dir.join("grad_norms.csv"));
    let mut header = vec!["iteration".to_string(), "loss".to_string()];
    header.extend((1..=layers).map(|l| format!("dW{l}")));
    assert_eq!(norms[0], header);
    // Log-spaced: 0–99, then 100, 110, …, 990, 1000, 1100, …, 59000, and the last iteration.
    let expected: Vec<usize> = (0..iters)
        .filter(|&i| {
            i < 100 || (i < 1000 && i % 10 == 0) || (i < 10_000 && i % 100 == 0) || i % 1000 == 0
        })
        .chain([iters - 1])
        .collect();
    let got: Vec<usize> = norms[1..].iter().map(|r| r[0].parse().unwrap()).collect();
    assert_eq!(got, expected);
    // The loss column is loss.csv's loss at those iterations.
    let loss = csv(&dir.join("loss.csv"));
    for r in &norms[1..] {
        let i: usize = r[0].parse().unwrap();
        assert_eq!(r[1], loss[i + 1][1], "iteration {i}");
        assert!(r[2..].iter().all(|v| v.parse::<f64>().unwrap() >= 0.0));
    }
    // Histograms: 441 grid inputs × the layer's units, at iterations 0, 1000, 10000 and the end.
    let hist = csv(&dir.join("activations.csv"));
    assert_eq!(
        hist[0],
        [
            "iteration",
            "loss",
            "layer",
            "bin_start",
            "bin_end",
            "count"
        ]
    );
    for it in ["0", "1000", "10000", &(iters - 1).to_string()] {
        for layer in 1..layers {
            let total: usize = hist[1..]
                .iter()
                .filter(|r| r[0] == it && r[2] == layer.to_string())
                .map(|r| r[5].parse::<usize>().unwrap())
                .sum();
            assert_eq!(
                total,
                21 * 21 * hidden[layer - 1],
                "iteration {it}, layer {layer}"
            );
        }
    }
    // The four inputs' hidden outputs at the end are those of hidden_K.csv.
    let snaps = csv(&dir.join("hidden_snapshots.csv"));
    for layer in 1..layers {
        let last = csv(&dir.join(format!("hidden_{layer}.csv")));
        for (u, r) in snaps[1..]
            .iter()
            .filter(|r| r[0] == (iters - 1).to_string() && r[2] == layer.to_string())
            .enumerate()
        {
            let column: Vec<&String> = last[1..].iter().map(|row| &row[2 + u]).collect();
            assert_eq!(
                r[4..].iter().collect::<Vec<_>>(),
                column,
                "layer {layer} unit {}",
                u + 1
            );
        }
    }
    for svg in ["grad_norms.svg", "activations.svg"] {
        assert!(dir.join(svg).exists());
    }
}

/// The texts of a heat map's cells (those ending in `%`), sorted.
pub fn percent_labels(svg: &Path) -> Vec<String> {
    let mut labels: Vec<String> = std::fs::read_to_string(svg)
        .unwrap()
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            let text = t.split_once('>')?.1.split('<').next()?.trim();
            text.ends_with('%').then(|| text.to_string())
        })
        .collect();
    labels.sort();
    labels
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
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

// Synthetic MNIST-shaped data for the chapter 6 experiments' functions, where Fashion-MNIST
// may not be installed: `synthetic(n, m)`, as `numpy/train_neuralnet.py --synthetic` draws it.
#[path = "../../../dlfs-train/tests/common/synthetic.rs"]
mod synthetic_data;
#[allow(unused_imports)] // not every test file uses it
pub use synthetic_data::synthetic;

/// Whether Fashion-MNIST is installed (the chapter 6 experiments skip without it).
pub fn has_fashion() -> bool {
    Path::new(dlfs_datasets::FASHION_DIR).is_dir()
}
