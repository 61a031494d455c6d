//! What the hidden layer of the successful network computes (the article's feature extraction).

use crate::experiment::{Options, Output, Progress, Report};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_datasets::xor::NAMES as INPUTS;
use dlfs_train::run::{RunConfig, train};
use ndarray::{Array2, ArrayView1};

/// The boolean function a neuron approximates when its output is read as on (≥ 0.5) or off
/// for the inputs `[0,0]`, `[0,1]`, `[1,0]`, `[1,1]`.
pub fn boolean_role(h: ArrayView1<'_, f64>) -> &'static str {
    let bits: Vec<bool> = h.iter().map(|&v| v >= 0.5).collect();
    match bits[..] {
        [false, false, false, true] => "AND (fires only for input 11)",
        [false, true, true, true] => "OR",
        [true, true, true, false] => "NAND",
        [true, false, false, false] => "NOR",
        [false, true, true, false] => "XOR",
        [true, false, false, true] => "XNOR",
        [true, true, true, true] => "always on",
        [false, false, false, false] => "always off",
        [false, false, true, true] | [true, true, false, false] => "follows x1",
        [false, true, false, true] | [true, false, true, false] => "follows x2",
        _ => "other",
    }
}

/// Euclidean distance between rows `a` and `b` of `h`.
pub fn distance(h: &Array2<f64>, a: usize, b: usize) -> f64 {
    h.row(a)
        .iter()
        .zip(h.row(b))
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// Runs the experiment. Files: `hidden_1.csv` (`input,h1,…,h4`, the article's 4×4 table),
/// `neurons.csv` (`neuron,h_00,h_01,h_10,h_11,role,w_to_class0,w_to_class1`) and `distances.csv`
/// (`a,b,distance` between the hidden vectors of two inputs).
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let mut run = train(&RunConfig::default());
    run.net.predict(&dlfs_datasets::xor::inputs());
    let h = run.net.hidden_output(1).to_owned();
    let w2 = run.net.affines()[1].w.clone();
    let mut report = Report::new("hidden-features");

    let mut hidden = Table::new(&["input", "h1", "h2", "h3", "h4"]);
    for (n, row) in h.rows().into_iter().enumerate() {
        let mut cells = vec![INPUTS[n].to_string()];
        cells.extend(row.iter().map(|v| num(*v)));
        hidden.push(cells);
    }
    let mut neurons = Table::new(&[
        "neuron",
        "h_00",
        "h_01",
        "h_10",
        "h_11",
        "role",
        "w_to_class0",
        "w_to_class1",
    ]);
    let mut and_neurons = Vec::new();
    for (j, col) in h.columns().into_iter().enumerate() {
        let role = boolean_role(col);
        if role.starts_with("AND") {
            let others = col.iter().take(3).fold(0.0f64, |m, &v| m.max(v));
            and_neurons.push(format!(
                "neuron {} ({:.3} for [1,1] vs ≤ {others:.3})",
                j + 1,
                col[3]
            ));
        }
        let mut cells = vec![(j + 1).to_string()];
        cells.extend(col.iter().map(|v| num(*v)));
        cells.extend([role.to_string(), num(w2[[j, 0]]), num(w2[[j, 1]])]);
        neurons.push(cells);
        report.fact(
            format!("neuron {}", j + 1),
            format!(
                "{role}; votes class {}",
                if w2[[j, 1]] > w2[[j, 0]] { 1 } else { 0 }
            ),
        );
    }
    let mut distances = Table::new(&["a", "b", "distance"]);
    let mut pairs = Vec::new();
    for (a, name_a) in INPUTS.iter().enumerate() {
        for (b, name_b) in INPUTS.iter().enumerate().skip(a + 1) {
            let d = distance(&h, a, b);
            distances.push(vec![name_a.to_string(), name_b.to_string(), num(d)]);
            pairs.push((d, a, b));
        }
    }
    let d_01_10 = distance(&h, 1, 2);
    let closest_other = pairs
        .iter()
        .filter(|&&(_, a, b)| (a, b) != (1, 2))
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min);
    report.ok = !and_neurons.is_empty() && d_01_10 < closest_other;
    report.fact(
        "AND detector",
        if and_neurons.is_empty() {
            "none".to_string()
        } else {
            and_neurons.join(", ")
        },
    );
    report.fact(
        "[0,1] and [1,0] mapped close",
        format!("distance {d_01_10:.3}; the closest other pair is {closest_other:.3} apart"),
    );
    out.publish("hidden-features", &mut |dir| {
        hidden.write(&dir.join("hidden_1.csv"))?;
        neurons.write(&dir.join("neurons.csv"))?;
        distances.write(&dir.join("distances.csv"))
    })?;
    Ok(report)
}
