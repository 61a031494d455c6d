//! The `--quick` experiments, run into a scratch folder: files, headers, row counts, and the
//! facts the article states (success reproduced, stall at 0.5 and ln 2, escapes at larger lr).
use dlfs_experiments::{EXPERIMENTS, Folder, Options, Silent};
use dlfs_figures::page;
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
fn every_experiment_is_found_by_its_name() {
    for e in EXPERIMENTS {
        assert_eq!(dlfs_experiments::find(e.name).map(|f| f.name), Some(e.name));
    }
    assert!(dlfs_experiments::find("no-such-experiment").is_none());
    assert!(dlfs_experiments::find("").is_none());
}

#[test]
fn quick_experiments_write_complete_results() {
    let out = scratch("quick");
    let opts = Options {
        seeds: Options::QUICK_SEEDS,
        quick: true,
    };
    let mut reports = Vec::new();
    for e in EXPERIMENTS {
        let report = (e.run)(&opts, &Folder(out.clone()), &Silent).unwrap();
        reports.push(report.clone());
        assert!(report.ok, "{}: {:?}", e.name, report.facts);
        if e.name == "xor-success" {
            // The summary's first fact: the article printed 46 values (W1 8, b1 4, W2 8, b2 2,
            // the four softmax pairs 8 and the four hidden rows 16), all reproduced.
            assert_eq!(
                report.facts.first(),
                Some(&(
                    "article reproduced to 8 decimals".to_string(),
                    "yes (46/46 printed values)".to_string()
                ))
            );
        }
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
    // How far the outputs must be from 0.5, given the mean loss L over the four inputs, with
    // p = 0.5 + δ the right class's output: −ln p ≥ ln 2 − 2δ (−ln is convex), so the mean δ,
    // and the largest |δ|, is at least (ln 2 − L)/2; and each −ln p ≤ 4L puts p above e^(−4L).
    for row in &plateau[1..] {
        let loss = field(row, 1);
        let least = f64::max(
            (std::f64::consts::LN_2 - loss) / 2.0,
            (-4.0 * loss).exp() - 0.5,
        );
        assert!(least > 0.0 && field(row, 2) >= least, "{row:?}");
        assert!(field(row, 2) <= 0.5, "{row:?}");
    }
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
    // The heat map shows each setting's rate once, in percent.
    let mut rates: Vec<String> = summary[1..]
        .iter()
        .map(|row| format!("{:.0}%", row[6].parse::<f64>().unwrap() * 100.0))
        .collect();
    rates.sort();
    assert_eq!(percent_labels(&out.join("lr-sweep/heatmap.svg")), rates);

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

    // Diagnostics of the success and of the stall.
    for (dir, hidden) in [
        ("xor-success", &[4][..]),
        ("stalled/lr-0.01", &[2, 2]),
        ("stalled/lr-1", &[2, 2]),
    ] {
        check_diagnostics(&out.join(dir), hidden, 60_000);
    }

    // cures: 6 optimizers × 4 initialisations × 3 activations × 2 seeds.
    let runs = csv(&out.join("cures/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "optimizer",
            "init",
            "activation",
            "seed",
            "converged_at",
            "final_loss",
            "stalled",
            "other_plateau",
            "diverged"
        ]
    );
    assert_eq!(runs.len(), 1 + 6 * 4 * 3 * 2);
    for r in &runs[1..] {
        // Exactly one outcome per run; a converged run stopped below 0.1 within 60000 it.
        let flags = [
            !r[4].is_empty(),
            r[6] == "true",
            r[7] == "true",
            r[8] == "true",
        ];
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1, "{r:?}");
        if !r[4].is_empty() {
            assert!(r[4].parse::<usize>().unwrap() < 60_000, "{r:?}");
            assert!(r[5].parse::<f64>().unwrap() < 0.1, "{r:?}");
        }
        if r[6] == "true" {
            assert!(r[5].parse::<f64>().unwrap() > 0.6, "{r:?}");
        }
    }
    let summary = csv(&out.join("cures/summary.csv"));
    assert_eq!(summary.len(), 1 + 6 * 4 * 3);
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..].iter().filter(|r| r[..3] == row[..3]).collect();
        let converged = mine.iter().filter(|r| !r[4].is_empty()).count();
        let count = |col: usize| mine.iter().filter(|r| r[col] == "true").count();
        assert_eq!(
            [&row[3], &row[4], &row[5], &row[6], &row[7]],
            [&mine.len(), &converged, &count(6), &count(7), &count(8)]
                .map(|n| n.to_string())
                .each_ref(),
            "{row:?}"
        );
    }
    // The convergence rate is converged / runs, and the heat map shows each setting's rate
    // once, in percent.
    let drawn = percent_labels(&out.join("cures/heatmap.svg"));
    let mut rates: Vec<String> = summary[1..]
        .iter()
        .map(|row| {
            let (runs, converged): (f64, f64) = (row[3].parse().unwrap(), row[4].parse().unwrap());
            assert_eq!(row[8].parse::<f64>().unwrap(), converged / runs, "{row:?}");
            format!("{:.0}%", converged / runs * 100.0)
        })
        .collect();
    rates.sort();
    assert_eq!(drawn, rates);

    // escape-time: 3 learning rates × 2 seeds, up to a million iterations.
    let runs = csv(&out.join("escape-time/runs.csv"));
    assert_eq!(
        runs[0],
        [
            "lr",
            "seed",
            "escaped_at",
            "converged_at",
            "final_loss",
            "diverged"
        ]
    );
    assert_eq!(runs.len(), 1 + 3 * 2);
    for r in &runs[1..] {
        if !r[3].is_empty() {
            // Below 0.1 is below 0.5: the escape came first, or in the same iteration.
            let (escaped, converged): (usize, usize) =
                (r[2].parse().unwrap(), r[3].parse().unwrap());
            assert!(escaped <= converged && converged < 1_000_000, "{r:?}");
            assert!(r[4].parse::<f64>().unwrap() < 0.1, "{r:?}");
        }
    }
    // The summary recounts the runs per learning rate, with the quartiles of the convergence
    // iterations by the nearest rank (⌈q·n⌉-th smallest).
    let summary = csv(&out.join("escape-time/summary.csv"));
    assert_eq!(summary.len(), 1 + 3);
    for row in &summary[1..] {
        let mine: Vec<&Vec<String>> = runs[1..].iter().filter(|r| r[0] == row[0]).collect();
        let mut at: Vec<usize> = mine.iter().filter_map(|r| r[3].parse().ok()).collect();
        at.sort_unstable();
        let stalled = mine
            .iter()
            .filter(|r| r[3].is_empty() && r[5] == "false" && r[4].parse::<f64>().unwrap() > 0.6)
            .count();
        let rank = |q: f64| {
            let k = ((q * at.len() as f64).ceil() as usize).max(1);
            at.get(k - 1).map(ToString::to_string).unwrap_or_default()
        };
        let expected = [
            mine.len().to_string(),
            at.iter().filter(|&&i| i < 60_000).count().to_string(),
            at.len().to_string(),
            stalled.to_string(),
            mine.iter().filter(|r| r[5] == "true").count().to_string(),
            rank(0.25),
            rank(0.5),
            rank(0.75),
        ];
        assert_eq!(row[1..], expected, "{row:?}");
    }
    assert!(out.join("escape-time/escape.svg").exists());

    // optimizer-paths: 6 paths of 30 steps from (−7, 2) on f = x²/20 + y².
    let paths = csv(&out.join("optimizer-paths/paths.csv"));
    assert_eq!(paths[0], ["optimizer", "lr", "step", "x", "y", "f"]);
    assert_eq!(paths.len(), 1 + 6 * 31);
    for r in &paths[1..] {
        let (x, y, f): (f64, f64, f64) = (
            r[3].parse().unwrap(),
            r[4].parse().unwrap(),
            r[5].parse().unwrap(),
        );
        assert_eq!(f, x * x / 20.0 + y * y, "{r:?}");
        if r[2] == "0" {
            assert_eq!((x, y), (-7.0, 2.0), "{r:?}");
        }
    }
    // SGD's first step: ∇f(−7, 2) = (−0.7, 4), so (−7 + 0.95·0.7, 2 − 0.95·4) = (−6.335, −1.8).
    let sgd1 = &paths[2];
    assert_eq!((&sgd1[0][..], &sgd1[2][..]), ("sgd", "1"));
    assert!((sgd1[3].parse::<f64>().unwrap() + 6.335).abs() < 1e-12);
    assert!((sgd1[4].parse::<f64>().unwrap() + 1.8).abs() < 1e-12);
    assert!(out.join("optimizer-paths/paths.svg").exists());

    // fashion-mnist, where its data is installed: with --quick, 300 iterations of training and
    // 100 of the optimizer comparison.
    let fashion = out.join("fashion-mnist");
    if fashion.exists() {
        let loss = csv(&fashion.join("loss.csv"));
        assert_eq!(loss[0], ["iteration", "loss"]);
        assert_eq!((loss.len(), &loss[300][0][..]), (301, "299"));
        let compared = csv(&fashion.join("optimizers.csv"));
        assert_eq!(
            compared[0],
            ["iteration", "sgd", "momentum", "adagrad", "adam"]
        );
        assert_eq!((compared.len(), &compared[100][0][..]), (101, "99"));
    }

    // The report page: every file it links to exists, every table is its CSV file.
    check_report_page(&out, &reports);

    // No temporary files or folders are left behind.
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

/// Text between HTML tags, unescaped.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Every value of attribute `attr` (`href`, `src`, `data-csv`) in `html`.
fn attributes(html: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

fn check_report_page(out: &Path, reports: &[dlfs_experiments::Report]) {
    let report = |name| reports.iter().find(|r| r.name == name);
    let sections: Vec<page::Section<'_>> = EXPERIMENTS
        .iter()
        .filter(|e| out.join(e.name).is_dir())
        .map(|e| e.section(report(e.name)))
        .collect();
    let html = page::render(out, &sections).unwrap();
    // The page's figures are this run's: every fact of every report, and the sweeps' tables.
    let text = unescape(&html);
    for r in reports {
        for (label, value) in &r.facts {
            assert!(
                text.contains(&format!("<b>{label}</b>: {value}</li>")),
                "{}: {label}",
                r.name
            );
        }
        if let Some(table) = &r.table {
            assert!(
                text.contains(&format!("<pre>{table}</pre>")),
                "{}'s table",
                r.name
            );
        }
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "the page works with scripts off");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    // Every link and image is a file beside the page.
    let links: Vec<String> = attributes(&html, "href")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .chain(attributes(&html, "src"))
        .collect();
    assert!(links.len() > 40, "{} links", links.len());
    for link in &links {
        assert!(
            out.join(link).is_file(),
            "the page links to {link}, which is missing"
        );
    }
    // Every CSV file of every experiment is linked.
    for e in EXPERIMENTS {
        let dir = out.join(e.name);
        if !dir.exists() {
            // Only Fashion-MNIST may be skipped, and only when its data is not installed.
            assert_eq!(e.name, "fashion-mnist", "{} wrote no folder", e.name);
            let data = dlfs_datasets::FASHION_DIR;
            assert!(!Path::new(data).is_dir(), "{data} exists but was not used");
            continue;
        }
        for csv in walk(&dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        {
            let rel = csv
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(links.contains(&rel), "{rel} is not linked");
        }
    }
    // Every table is its CSV file, cell for cell.
    let tables = attributes(&html, "data-csv");
    assert!(tables.len() >= 10, "{tables:?}");
    for name in &tables {
        let start = html.find(&format!("data-csv=\"{name}\"")).unwrap();
        let end = start + html[start..].find("</table>").unwrap();
        let rows: Vec<Vec<String>> = html[start..end]
            .split("<tr>")
            .skip(1)
            .map(|row| {
                row.split(['<', '>'])
                    .collect::<Vec<_>>()
                    .chunks(4)
                    .filter(|c| c.len() == 4 && (c[1] == "td" || c[1] == "th"))
                    .map(|c| unescape(c[2]))
                    .collect()
            })
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(out.join(name))
            .unwrap();
        let expected: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows, expected, "the table of {name}");
    }
}

/// The diagnostics of a run of `iters` iterations with hidden layers of sizes `hidden`.
fn check_diagnostics(dir: &Path, hidden: &[usize], iters: usize) {
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
fn percent_labels(svg: &Path) -> Vec<String> {
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
