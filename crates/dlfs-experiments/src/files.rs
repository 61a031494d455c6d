//! The files of one training run: what `cargo xtask train` and `mnist` publish, and what the
//! experiments keep of their runs. Each function turns what `dlfs-train` returned into CSV
//! files (the column layouts are in `data/README.md`) and asks `dlfs-figures` for the charts.

use crate::table::{Table, num, write_loss_csv, write_params};
use anyhow::Result;
use dlfs_datasets::xor;
use dlfs_figures::{charts, pictures};
use dlfs_networks::MultiLayerNet;
use dlfs_train::mnist::{Data, MnistRun, predictions};
use dlfs_train::recorder::{BINS, Diagnostics, GRID, hidden_outputs, histograms};
use dlfs_train::run::Run;
use ndarray::Array2;
use std::path::Path;

/// Writes an XOR run's files into `dir`:
///
/// * `loss.csv` — `iteration,loss` for every recorded iteration (all of them up to
///   [`MAX_RECORDED`](dlfs_train::run::MAX_RECORDED));
/// * `params.csv` — `param,row,col,value` (a bias is row 0);
/// * `predictions.csv` — `x1,x2,target,y0,y1` (softmax outputs for the four XOR inputs);
/// * `hidden_K.csv` for hidden layer K — `x1,x2,h1,…,hn`;
/// * `loss.svg` and `decision.svg` — the loss curve and the decision surface.
///
/// # Errors
/// If a file cannot be written.
pub fn write_run(dir: &Path, run: &mut Run) -> Result<()> {
    // Streamed: up to a million rows, which as a table in memory would take 130 MB.
    write_loss_csv(&dir.join("loss.csv"), run.loss_points())?;
    write_params(&dir.join("params.csv"), &mut run.net)?;

    let x = xor::inputs();
    let y = run.net.probabilities(&x);
    let mut predictions = Table::new(&["x1", "x2", "target", "y0", "y1"]);
    for (n, row) in y.rows().into_iter().enumerate() {
        predictions.push(vec![
            num(x[[n, 0]]),
            num(x[[n, 1]]),
            xor::LABELS[n].to_string(),
            num(row[0]),
            num(row[1]),
        ]);
    }
    predictions.write(&dir.join("predictions.csv"))?;

    // probabilities() ran the forward pass on the four inputs: the hidden caches hold them.
    for k in 1..=run.net.hidden_layers() {
        let h = run.net.hidden_output(k);
        let names: Vec<String> = (1..=h.ncols()).map(|j| format!("h{j}")).collect();
        let mut header = vec!["x1", "x2"];
        header.extend(names.iter().map(String::as_str));
        let mut table = Table::new(&header);
        for (n, row) in h.rows().into_iter().enumerate() {
            let mut cells = vec![num(x[[n, 0]]), num(x[[n, 1]])];
            cells.extend(row.iter().map(|v| num(*v)));
            table.push(cells);
        }
        table.write(&dir.join(format!("hidden_{k}.csv")))?;
    }

    let title = run.config.to_string();
    charts::loss_curves(
        &dir.join("loss.svg"),
        &format!("Training loss: {title}"),
        &[(&title, &run.losses, run.stride)],
        None,
    )?;
    charts::decision_surface(
        &dir.join("decision.svg"),
        &format!("P(class 1) (blue 0, white 0.5, red 1): {title}"),
        &mut run.net,
    )?;
    Ok(())
}

/// The widest hidden layer and the most hidden layers a network may have to be drawn neuron by
/// neuron (`network.svg`, `filmstrip.svg`): a picture of 5 000 units is 200 MB of SVG.
pub const MAX_PICTURED: (usize, usize) = (64, 16);

/// Whether a network of layer sizes `sizes` is drawn neuron by neuron ([`MAX_PICTURED`]).
///
/// ```
/// use dlfs_experiments::files::pictured;
/// assert!(pictured(&[2, 4, 2]) && pictured(&[2, 64, 2]) && !pictured(&[2, 65, 2]));
/// assert!(pictured(&[2; 18]) && !pictured(&[2; 19]));
/// ```
pub fn pictured(sizes: &[usize]) -> bool {
    let hidden = &sizes[1..sizes.len().saturating_sub(1).max(1)];
    hidden.len() <= MAX_PICTURED.1 && hidden.iter().all(|&n| n <= MAX_PICTURED.0)
}

/// Writes what a [`Recorder`](dlfs_train::recorder::Recorder) saw of `run` into `dir`:
///
/// * `grad_norms.csv` and `grad_norms.svg` — `‖∂L/∂Wₗ‖` of every layer at log-spaced
///   iterations and the last;
/// * `activations.csv` and `activations.svg` — the book's histograms of §6.2.2 at each
///   snapshot;
/// * `hidden_snapshots.csv` — each hidden unit's output for the four XOR inputs at each
///   snapshot;
/// * `network.svg` and `filmstrip.svg` — the trained network, and the same picture at each
///   snapshot, for a network of at most [`MAX_PICTURED`] hidden units and layers.
///
/// # Errors
/// If a file cannot be written.
pub fn write_diagnostics(dir: &Path, run: &Run, diagnostics: &Diagnostics) -> Result<()> {
    let Diagnostics {
        activation,
        grad_norms: norms,
        snapshots: snaps,
    } = diagnostics;
    let activation = *activation;
    let layers = run.net.affines().len();
    let mut header = vec!["iteration".to_string(), "loss".to_string()];
    header.extend((1..=layers).map(|l| format!("dW{l}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = Table::new(&header);
    for (i, loss, n) in norms {
        let mut row = vec![i.to_string(), num(*loss)];
        row.extend(n.iter().map(|v| num(*v)));
        table.push(row);
    }
    table.write(&dir.join("grad_norms.csv"))?;
    charts::grad_norms(
        &dir.join("grad_norms.svg"),
        &format!("Weight gradients per layer: {}", run.config),
        norms,
    )?;

    let hist = histograms(snaps, activation);
    let (lo, hi) = hist.range;
    let mut rows = Table::new(&[
        "iteration",
        "loss",
        "layer",
        "bin_start",
        "bin_end",
        "count",
    ]);
    for (s, per_layer) in snaps.iter().zip(&hist.counts) {
        for (k, c) in per_layer.iter().enumerate() {
            for (b, &n) in c.iter().enumerate() {
                let w = (hi - lo) / BINS as f64;
                rows.push(vec![
                    s.iteration.to_string(),
                    num(s.loss),
                    (k + 1).to_string(),
                    num(lo + w * b as f64),
                    num(lo + w * (b + 1) as f64),
                    n.to_string(),
                ]);
            }
        }
    }
    rows.write(&dir.join("activations.csv"))?;
    let titles: Vec<(usize, f64)> = snaps.iter().map(|s| (s.iteration, s.loss)).collect();
    charts::activation_histograms(
        &dir.join("activations.svg"),
        &format!(
            "Hidden activations over a {GRID}×{GRID} grid of inputs in [0, 1]²: {}",
            run.config
        ),
        &titles,
        &hist.counts,
        (lo, hi),
    )?;

    let mut four = Table::new(&[
        "iteration",
        "loss",
        "layer",
        "unit",
        "h_00",
        "h_01",
        "h_10",
        "h_11",
    ]);
    for s in snaps {
        for (k, h) in hidden_outputs(&s.params, activation, &xor::inputs())
            .iter()
            .enumerate()
        {
            for (u, col) in h.columns().into_iter().enumerate() {
                let mut row = vec![
                    s.iteration.to_string(),
                    num(s.loss),
                    (k + 1).to_string(),
                    (u + 1).to_string(),
                ];
                row.extend(col.iter().map(|v| num(*v)));
                four.push(row);
            }
        }
    }
    four.write(&dir.join("hidden_snapshots.csv"))?;

    let Some(last) = snaps.last() else {
        return Ok(()); // no iteration was trained: nothing to draw
    };
    if !pictured(&run.config.sizes()) {
        return Ok(()); // thousands of heat maps: hundreds of megabytes that show nothing
    }
    let mut net = MultiLayerNet::from_params(last.params.clone(), activation);
    pictures::network(
        &dir.join("network.svg"),
        &format!("The trained network: {}", run.config),
        &mut net,
    )?;
    pictures::filmstrip(
        &dir.join("filmstrip.svg"),
        &format!("The network during training: {}", run.config),
        activation,
        snaps,
    )
}

/// Writes the run's files into `dir`: `loss.csv` (`iteration,loss`), `accuracy.csv`
/// (`epoch,iteration,train_acc,test_acc`), `params.csv`, `loss.svg`, `accuracy.svg` (the
/// book's figure 4-12), `confusion.csv` (`true,predicted,count`) and `confusion.svg` (the
/// test set), and `misclassified.svg` (the first 24 test images classified wrong, with their
/// true and predicted classes). `names` are the classes' names.
///
/// # Errors
/// If a file cannot be written.
pub fn write_mnist_run<F: dlfs_init::Float>(
    dir: &Path,
    run: &mut MnistRun<F>,
    data: &Data,
    names: &[&str; 10],
) -> Result<()> {
    write_loss_csv(
        &dir.join("loss.csv"),
        run.losses.iter().copied().enumerate(),
    )?;
    let mut acc = Table::new(&["epoch", "iteration", "train_acc", "test_acc"]);
    for e in &run.epochs {
        acc.push(vec![
            e.epoch.to_string(),
            e.iteration.to_string(),
            num(e.train_acc),
            num(e.test_acc),
        ]);
    }
    acc.write(&dir.join("accuracy.csv"))?;
    write_params(&dir.join("params.csv"), &mut run.net)?;
    let title = run.config.to_string();
    let iterations: Vec<(f64, f64)> = run
        .losses
        .iter()
        .enumerate()
        .map(|(i, &l)| (i as f64, l))
        .collect();
    charts::lines(
        &dir.join("loss.svg"),
        &format!("Training loss per mini-batch: {title}"),
        "iteration",
        "loss",
        &[("loss", &iterations)],
    )?;
    let train: Vec<(f64, f64)> = run
        .epochs
        .iter()
        .map(|e| (e.epoch as f64, e.train_acc))
        .collect();
    let test: Vec<(f64, f64)> = run
        .epochs
        .iter()
        .map(|e| (e.epoch as f64, e.test_acc))
        .collect();
    charts::lines(
        &dir.join("accuracy.svg"),
        &format!("Accuracy per epoch (the book's figure 4-12): {title}"),
        "epochs",
        "accuracy",
        &[("train acc", &train), ("test acc", &test)],
    )?;

    let predicted = predictions(&run.net, &data.test);
    let mut counts = [[0usize; 10]; 10];
    for (&t, &p) in data.t_test.iter().zip(&predicted) {
        counts[t][p] += 1;
    }
    let mut confusion = Table::new(&["true", "predicted", "count"]);
    let mut rates = Array2::zeros((10, 10));
    for (t, row) in counts.iter().enumerate() {
        let total = row.iter().sum::<usize>().max(1) as f64;
        for (p, &n) in row.iter().enumerate() {
            confusion.push(vec![t.to_string(), p.to_string(), n.to_string()]);
            rates[[t, p]] = n as f64 / total;
        }
    }
    confusion.write(&dir.join("confusion.csv"))?;
    let labels: Vec<String> = names.iter().map(ToString::to_string).collect();
    charts::heatmap(
        &dir.join("confusion.svg"),
        "Confusion matrix on the test set: share of each true class predicted as each class",
        &labels,
        &labels,
        &rates,
        "predicted class",
        "true class",
    )?;
    let wrong: Vec<(usize, usize, usize)> = predicted
        .iter()
        .enumerate()
        .filter(|&(i, &p)| p != data.t_test[i])
        .take(24)
        .map(|(i, &p)| (i, data.t_test[i], p))
        .collect();
    pictures::misclassified(&dir.join("misclassified.svg"), &data.test, &wrong, names)
}

/// Writes the accuracies of runs that differ in one setting (the overfitting experiments of
/// §6.4: weight decay λ, Dropout's ratio) into `dir`:
///
/// * `accuracy.csv` — `{setting},epoch,train_acc,test_acc`, one row per run and epoch;
/// * `accuracy.svg` — the training and test accuracy of each run over the epochs.
///
/// `runs` holds each run's value of the setting and its epochs.
///
/// # Errors
/// If a file cannot be written.
pub fn write_overfit(
    dir: &Path,
    setting: &str,
    title: &str,
    runs: &[(String, Vec<dlfs_train::mnist::Epoch>)],
) -> Result<()> {
    let mut table = Table::new(&[setting, "epoch", "train_acc", "test_acc"]);
    let mut series = Vec::new();
    for (value, epochs) in runs {
        for (k, e) in epochs.iter().enumerate() {
            table.push(vec![
                value.clone(),
                k.to_string(),
                num(e.train_acc),
                num(e.test_acc),
            ]);
        }
        for (set, pick) in [("train", 0), ("test", 1)] {
            let points: Vec<(f64, f64)> = (epochs.iter().enumerate())
                .map(|(k, e)| (k as f64, [e.train_acc, e.test_acc][pick]))
                .collect();
            series.push((format!("{set}, {setting} {value}"), points));
        }
    }
    table.write(&dir.join("accuracy.csv"))?;
    let series: Vec<(&str, &[(f64, f64)])> = series
        .iter()
        .map(|(l, p)| (l.as_str(), p.as_slice()))
        .collect();
    charts::lines(
        &dir.join("accuracy.svg"),
        title,
        "epoch",
        "accuracy",
        &series,
    )
}

/// Writes the losses of networks trained side by side on the same mini-batches (the book's
/// comparisons, figures 6-9 and 6-15) into `dir`: `{name}.csv` (`iteration,{columns…}`, each
/// network's loss after each update) and `{name}.svg` (their 20-iteration moving averages,
/// named `labels` in the legend).
///
/// # Errors
/// If a file cannot be written.
pub fn write_side_by_side(
    dir: &Path,
    name: &str,
    title: &str,
    (columns, labels): (&[&str], &[&str]),
    losses: &[Vec<f64>],
) -> Result<()> {
    let header: Vec<&str> = std::iter::once("iteration")
        .chain(columns.iter().copied())
        .collect();
    let mut table = Table::new(&header);
    let iters = losses.iter().map(Vec::len).min().unwrap_or(0);
    for i in 0..iters {
        let mut row = vec![i.to_string()];
        row.extend(losses.iter().map(|l| num(l[i])));
        table.push(row);
    }
    table.write(&dir.join(format!("{name}.csv")))?;
    let smooth: Vec<Vec<(f64, f64)>> = (losses.iter())
        .map(|l| {
            let avg = moving_average(l, 20).into_iter().enumerate();
            avg.map(|(i, v)| (i as f64, v)).collect()
        })
        .collect();
    let series: Vec<(&str, &[(f64, f64)])> = (labels.iter().copied())
        .zip(smooth.iter().map(Vec::as_slice))
        .collect();
    let path = dir.join(format!("{name}.svg"));
    charts::lines(&path, title, "iteration", "loss", &series)
}

/// The moving average of the last `window` values (fewer at the start).
pub fn moving_average(values: &[f64], window: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(values.len());
    let mut sum = 0.0;
    for (i, &v) in values.iter().enumerate() {
        sum += v;
        if i >= window {
            sum -= values[i - window];
        }
        out.push(sum / (i + 1).min(window) as f64);
    }
    out
}
