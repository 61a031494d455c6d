//! The article's successful run, compared value by value with what the article printed.

use crate::experiment::{Options, Output, Progress, Report};
use crate::files;
use crate::table::{Table, num};
use anyhow::{Context, Result};
use dlfs_train::recorder::train_recorded;
use dlfs_train::run::{Run, RunConfig};

/// The article's printed values (`quantity,row,col,printed`), see `data/article/README.md`.
pub const ARTICLE: &str = include_str!("../../../../data/article/xor-success.csv");

/// One printed value of the article against ours.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// `W1`, `b1`, `W2`, `b2`, `y` or `hidden`.
    pub quantity: String,
    /// Row (0 for a bias).
    pub row: usize,
    /// Column.
    pub col: usize,
    /// The text the article printed.
    pub printed: String,
    /// Our value.
    pub ours: f64,
}

impl Comparison {
    /// Whether ours, rounded to 8 decimals, is what the article printed.
    pub fn matches(&self) -> bool {
        self.printed
            .parse::<f64>()
            .is_ok_and(|p| format!("{:.8}", self.ours) == format!("{p:.8}"))
    }
}

/// Compares every value the article printed with the trained article's network `run`.
pub fn compare_with_article(run: &mut Run) -> Result<Vec<Comparison>> {
    let y = run.net.probabilities(&dlfs_datasets::xor::inputs());
    let hidden = run.net.hidden_output(1).to_owned();
    let params = run.net.params();
    let mut out = Vec::new();
    for line in ARTICLE.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (quantity, row, col): (&str, usize, usize) = (f[0], f[1].parse()?, f[2].parse()?);
        let ours = match quantity {
            "y" => y[[row, col]],
            "hidden" => hidden[[row, col]],
            name => {
                let p = &params
                    .iter()
                    .find(|p| p.name == name)
                    .with_context(|| format!("no parameter {name}"))?
                    .value;
                if p.ndim() == 1 {
                    p[[col]]
                } else {
                    p[[row, col]]
                }
            }
        };
        out.push(Comparison {
            quantity: quantity.into(),
            row,
            col,
            printed: f[3].into(),
            ours,
        });
    }
    Ok(out)
}

/// Runs the experiment: the files of the run, plus `reproduction.csv`
/// (`quantity,row,col,article,ours,ours_8dp,match`).
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    // The article's run, with the diagnostics recorded along the way.
    let (mut run, recorder) = train_recorded(&RunConfig::default());
    let comparisons = compare_with_article(&mut run)?;
    let matched = comparisons.iter().filter(|c| c.matches()).count();
    out.publish("xor-success", &mut |dir| {
        files::write_run(dir, &mut run)?;
        files::write_diagnostics(dir, &run, &recorder.finish(&run))?;
        let mut table = Table::new(&[
            "quantity", "row", "col", "article", "ours", "ours_8dp", "match",
        ]);
        for c in &comparisons {
            table.push(vec![
                c.quantity.clone(),
                c.row.to_string(),
                c.col.to_string(),
                c.printed.clone(),
                num(c.ours),
                format!("{:.8}", c.ours),
                c.matches().to_string(),
            ]);
        }
        table.write(&dir.join("reproduction.csv"))
    })?;
    let mut report = Report::new("xor-success");
    report.ok = matched == comparisons.len();
    let verdict = if report.ok { "yes" } else { "NO" };
    report.fact(
        "article reproduced to 8 decimals",
        format!("{verdict} ({matched}/{} printed values)", comparisons.len()),
    );
    report.fact("final loss", format!("{:.6}", run.final_loss()));
    let y = run.net.probabilities(&dlfs_datasets::xor::inputs());
    let right: Vec<String> = dlfs_datasets::xor::LABELS
        .iter()
        .enumerate()
        .map(|(n, &k)| format!("{:.3}", y[[n, k]]))
        .collect();
    report.fact("P(right class) for 00, 01, 10, 11", right.join(", "));
    Ok(report)
}
