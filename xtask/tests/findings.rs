//! FINDINGS.md tells what the results say: its tables are the result files kept in
//! `data/findings/` (a default `cargo xtask experiments`), rendered as the experiments print
//! them, and every figure its prose quotes is read back from those files here.
use dlfs_experiments::outcomes::rates_table;
use ndarray::Array2;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn findings() -> String {
    std::fs::read_to_string(root().join("FINDINGS.md")).unwrap()
}

/// A CSV file of `data/findings/` as rows of cells, the header first.
fn csv(name: &str) -> Vec<Vec<String>> {
    let path = root().join("data/findings").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

/// The column `name` of a CSV file's rows.
fn col(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap()
}

/// The rows whose leading cells are `key`.
fn find<'a>(rows: &'a [Vec<String>], key: &[&str]) -> &'a Vec<String> {
    rows[1..]
        .iter()
        .find(|r| r.iter().zip(key).all(|(c, k)| c == k))
        .unwrap_or_else(|| panic!("no row {key:?}"))
}

fn num(cell: &str) -> f64 {
    cell.parse().unwrap()
}

/// FINDINGS.md says `text`.
fn says(text: &str) {
    let doc = findings().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(doc.contains(text), "FINDINGS.md does not say {text:?}");
}

/// The rates of a summary as a table: rows by `row_key` and columns by `col_key`, in order of
/// first appearance.
fn rates(
    rows: &[Vec<String>],
    row_key: impl Fn(&[String]) -> String,
    col_key: impl Fn(&[String]) -> String,
) -> (Vec<String>, Vec<String>, Array2<f64>) {
    let (mut row_labels, mut col_labels) = (Vec::<String>::new(), Vec::<String>::new());
    for r in &rows[1..] {
        for (labels, key) in [(&mut row_labels, row_key(r)), (&mut col_labels, col_key(r))] {
            if !labels.contains(&key) {
                labels.push(key);
            }
        }
    }
    let rate = col(rows, "convergence_rate");
    let mut table = Array2::from_elem((row_labels.len(), col_labels.len()), f64::NAN);
    for r in &rows[1..] {
        let i = row_labels.iter().position(|l| *l == row_key(r)).unwrap();
        let j = col_labels.iter().position(|l| *l == col_key(r)).unwrap();
        table[[i, j]] = num(&r[rate]);
    }
    (row_labels, col_labels, table)
}

#[test]
fn the_tables_are_the_summaries() {
    let doc = findings();
    let sweep = csv("lr-sweep/summary.csv");
    let (rows, cols, table) = rates(&sweep, |r| r[0].clone(), |r| r[1].clone());
    let text = rates_table(&rows, &cols, &table, 7);
    assert!(doc.contains(&text), "the sweep's table should be:\n{text}");

    let cures = csv("cures/summary.csv");
    let book_name = |k: &str| -> String {
        let kind: dlfs_optimizers::Kind = k.parse().unwrap();
        kind.book_name().into()
    };
    let (rows, cols, table) = rates(
        &cures,
        |r| format!("{} · {}", r[1], r[2]),
        |r| book_name(&r[0]),
    );
    let text = rates_table(&rows, &cols, &table, 10);
    assert!(doc.contains(&text), "the cures' table should be:\n{text}");
}

#[test]
fn the_sweep_and_the_escape_are_quoted_right() {
    let sweep = csv("lr-sweep/summary.csv");
    let rate = |arch, lr| num(&find(&sweep, &[arch, lr])[col(&sweep, "convergence_rate")]);
    says(&format!(
        "2-4-2 learns from {}% of seeds, 2-2-2-2 from none",
        rate("2-4-2", "0.01") * 100.0
    ));
    assert_eq!(rate("2-2-2-2", "0.01"), 0.0);
    says(&format!(
        "cures it for {}% of seeds",
        rate("2-2-2-2", "0.1") * 100.0
    ));

    let escape = csv("escape-time/summary.csv");
    let at = |lr| find(&escape, &[lr]);
    let cell = |lr, name| at(lr)[col(&escape, name)].clone();
    says(&format!(
        "at lr 0.01, {} of {} seeds do within a million iterations, none within the article's 60 000",
        cell("0.01", "converged_by_1000000"),
        cell("0.01", "runs")
    ));
    assert_eq!(cell("0.01", "converged_by_60000"), "0");
    says(&format!(
        "the median seed needs {} iterations",
        cell("0.01", "median")
    ));
    says(&format!(
        "(medians {}, {} and {} at lr 0.005, 0.01 and 0.02)",
        cell("0.005", "median"),
        cell("0.01", "median"),
        cell("0.02", "median")
    ));
}

#[test]
fn the_stall_is_quoted_right() {
    // Each hidden unit's spread over the four inputs at the last snapshot.
    let snaps = csv("stalled/lr-0.01/hidden_snapshots.csv");
    let last = snaps[1..].iter().map(|r| r[0].clone()).next_back().unwrap();
    let units: Vec<(String, f64, f64)> = snaps[1..]
        .iter()
        .filter(|r| r[0] == last)
        .map(|r| {
            let h: Vec<f64> = r[4..8].iter().map(|c| num(c)).collect();
            let lo = h.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = h.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (r[2].clone(), lo, hi)
        })
        .collect();
    let layer = |l: &'static str| units.iter().filter(move |u| u.0 == l);
    assert!(layer("2").all(|u| u.2 - u.1 < 0.07));
    let ranges: Vec<String> = layer("2")
        .map(|u| format!("{:.3}–{:.3}", u.1, u.2))
        .collect();
    says(&format!("({}, ", ranges.join(" and ")));
    let spreads: Vec<String> = layer("1").map(|u| format!("{:.2}", u.2 - u.1)).collect();
    says(&format!("layer 1's still vary by {}", spreads.join("–")));

    let plateau = csv("stalled/plateau.csv");
    let stall = find(&plateau, &["0.01"]);
    says(&format!(
        "from iteration {} to the end",
        stall[col(&plateau, "plateau_start")]
    ));
    assert_eq!(stall[col(&plateau, "plateau_end")], "59999");
    assert!(num(&stall[col(&plateau, "max_abs_output_minus_half")]) < 0.0012);
    says("every output within 0.0012 of 0.5");

    let norms = csv("stalled/lr-0.01/grad_norms.csv");
    let late: Vec<f64> = norms[1..]
        .iter()
        .filter(|r| num(&r[0]) >= 1000.0)
        .flat_map(|r| r[2..].iter().map(|c| num(c)))
        .collect();
    let lo = late.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = late.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!((1.0e-4..1.05e-4 + 0.05e-4).contains(&lo) && (1.25e-3..1.35e-3).contains(&hi));
    says("from iteration 1 000 on, is a gradient of 1.0·10⁻⁴ to 1.3·10⁻³ per layer");
}

#[test]
fn the_cures_and_the_images_are_quoted_right() {
    let cures = csv("cures/summary.csv");
    let rate = |k: &[&str]| num(&find(&cures, k)[col(&cures, "convergence_rate")]) * 100.0;
    says(&format!(
        "({}% with the article's initialisation, against SGD's {}%)",
        rate(&["momentum", "article", "sigmoid"]),
        rate(&["sgd", "article", "sigmoid"])
    ));
    assert_eq!(rate(&["nesterov", "article", "sigmoid"]), 92.0);
    let median = find(&cures, &["momentum", "article", "sigmoid"])
        [col(&cures, "median_iters_to_converge")]
    .clone();
    let escape = csv("escape-time/summary.csv");
    let sgd = find(&escape, &["0.01"])[col(&escape, "median")].clone();
    says(&format!(
        "Their median escape, {median} iterations, is a tenth of SGD's {sgd}"
    ));
    let ratio = num(&sgd) / num(&median);
    assert!((9.5..10.5).contains(&ratio), "{ratio}");
    let sum = |name| -> usize {
        let c = col(&cures, name);
        cures[1..]
            .iter()
            .map(|r| r[c].parse::<usize>().unwrap())
            .sum()
    };
    says(&format!(
        "{} of the {} runs",
        sum("other_plateau"),
        sum("runs")
    ));
    let relu = cures[1..]
        .iter()
        .filter(|r| r[2] == "relu")
        .map(|r| num(&r[col(&cures, "convergence_rate")]))
        .fold(0.0, f64::max);
    says(&format!(
        "learns XOR from at most {}% of seeds whatever the optimizer",
        relu * 100.0
    ));

    let acc = csv("fashion-mnist/accuracy.csv");
    assert_eq!(acc.len() - 1, 17, "17 accuracy lines");
    let last = acc.last().unwrap();
    says(&format!(
        "ends at a training accuracy of {:.4} and a test accuracy of {:.4}",
        num(&last[2]),
        num(&last[3])
    ));
}
