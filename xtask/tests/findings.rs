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
        |r| {
            let norm = if r[3] == "true" { " · batch norm" } else { "" };
            format!("{} · {}{norm}", r[1], r[2])
        },
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
        rate(&["momentum", "article", "sigmoid", "false"]),
        rate(&["sgd", "article", "sigmoid", "false"])
    ));
    assert_eq!(rate(&["nesterov", "article", "sigmoid", "false"]), 92.0);
    let median = find(&cures, &["momentum", "article", "sigmoid", "false"])
        [col(&cures, "median_iters_to_converge")]
    .clone();
    let escape = csv("escape-time/summary.csv");
    let sgd = find(&escape, &["0.01"])[col(&escape, "median")].clone();
    says(&format!(
        "Their median escape, {median} iterations, is a tenth of SGD's {sgd}"
    ));
    let ratio = num(&sgd) / num(&median);
    assert!((9.5..10.5).contains(&ratio), "{ratio}");
    // Without Batch Norm: the 3600 runs of the four initialisations.
    let sum = |name| -> usize {
        let c = col(&cures, name);
        (cures[1..].iter())
            .filter(|r| r[3] == "false")
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
        .filter(|r| r[2] == "relu" && r[3] == "false")
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

#[test]
fn batch_norm_against_the_stall_is_quoted_right() {
    let cures = csv("cures/summary.csv");
    let bn: Vec<&Vec<String>> = cures[1..].iter().filter(|r| r[3] == "true").collect();
    assert_eq!(bn.len(), 18);
    let rate = |r: &Vec<String>| num(&r[col(&cures, "convergence_rate")]) * 100.0;
    let (saturating, relu): (Vec<&Vec<String>>, Vec<&Vec<String>>) =
        bn.iter().partition(|r| r[2] != "relu");
    assert!(saturating.iter().all(|r| rate(r) == 100.0));
    let relu_max = relu.iter().map(|r| rate(r)).fold(0.0, f64::max);
    says(&format!(
        "learns XOR from every seed with every optimizer, sigmoid or tanh; with ReLU from at most {relu_max}%"
    ));
    let others: usize = relu
        .iter()
        .map(|r| r[col(&cures, "other_plateau")].parse::<usize>().unwrap())
        .sum();
    says(&format!(
        "{others} of its 300 ReLU runs end on another plateau"
    ));
    let median = find(&cures, &["sgd", "article", "sigmoid", "true"])
        [col(&cures, "median_iters_to_converge")]
    .clone();
    says(&format!(
        "plain SGD learns XOR in a median {median} iterations"
    ));
}

#[test]
fn chapter_6_on_images_is_quoted_right() {
    let bn = csv("batch-norm/accuracy.csv");
    let last: Vec<&Vec<String>> = bn[1..].iter().filter(|r| r[1] == "19").collect();
    assert_eq!(last.len(), 16);
    let better = last
        .iter()
        .filter(|r| num(&r[2]) > num(&r[3]) + 0.1)
        .count();
    says(&format!(
        "at {better} of the 16 scales Batch Norm ends at least 0.1 above"
    ));
    let plain_learns: Vec<String> = (last.iter())
        .filter(|r| num(&r[3]) > 0.5)
        .map(|r| format!("{:.2}", num(&r[0])))
        .collect();
    says(&format!(
        "without it only at {}",
        plain_learns.join(" and ")
    ));
    let (lo, hi) = last
        .iter()
        .map(|r| num(&r[2]))
        .fold((1.0f64, 0.0f64), |(lo, hi), a| (lo.min(a), hi.max(a)));
    says(&format!("with it between {lo} and {hi}"));

    for (file, key) in [
        ("overfit-weight-decay/accuracy.csv", "0.1"),
        ("overfit-dropout/accuracy.csv", "0.2"),
    ] {
        let rows = csv(file);
        let final_of = |k: &str| rows[1..].iter().rfind(|r| r[0] == k).unwrap().clone();
        let (plain, cured) = (final_of("0"), final_of(key));
        let gap = |r: &[String]| num(&r[2]) - num(&r[3]);
        for r in [plain, cured] {
            says(&format!(
                "train {:.3}, test {:.3}: a gap of {:.3}",
                num(&r[2]),
                num(&r[3]),
                gap(&r)
            ));
        }
    }

    let trials = csv("hyperparameter-search/trials.csv");
    let mut sorted: Vec<&Vec<String>> = trials[1..].iter().collect();
    sorted.sort_by(|a, b| num(&b[3]).total_cmp(&num(&a[3])));
    let best = sorted[0];
    says(&format!(
        "The best trial reaches a validation accuracy of {} (lr {:.2e}, weight decay {:.2e})",
        best[3],
        num(&best[1]),
        num(&best[2])
    ));
    let lrs: Vec<f64> = sorted[..20].iter().map(|r| num(&r[1])).collect();
    let lo = lrs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = lrs.iter().copied().fold(0.0, f64::max);
    says(&format!(
        "the best 20 all have a learning rate between {lo:.1e} and {hi:.1e}"
    ));

    let loss = csv("weight-init-compare/loss.csv");
    let tail = |c: usize| {
        loss[loss.len() - 100..]
            .iter()
            .map(|r| num(&r[c]))
            .sum::<f64>()
            / 100.0
    };
    says(&format!(
        "over the last 100 iterations: {:.4} with std = 0.01 (ln 10 = 2.3026), {:.4} with Xavier, {:.4} with He",
        tail(1),
        tail(2),
        tail(3)
    ));
}
