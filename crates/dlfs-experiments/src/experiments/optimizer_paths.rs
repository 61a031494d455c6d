//! The book's figures 6-3, 6-5, 6-6 and 6-8: each optimizer's path on
//! `f(x, y) = x²/20 + y²` from (−7, 2), 30 steps (`ch06/optimizer_compare_naive.py`).

use crate::experiment::{Options, Output, Progress, Report};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts;
use dlfs_optimizers::{Kind, Optimizer, Param};

/// Where every path starts, the book's `init_pos`.
pub const START: (f64, f64) = (-7.0, 2.0);

/// Steps per path, the book's 30.
pub const STEPS: usize = 30;

/// The learning rate of each optimizer: the book's for SGD (0.95), Momentum (0.1), AdaGrad
/// (1.5) and Adam (0.3); Nesterov takes Momentum's 0.1 (the two differ only in where they take
/// the gradient), and RMSprop 0.15, where its first steps — `η/√(1 − ρ) ≈ 10η` long while its
/// average of squared gradients is young — stay on the figure's scale.
pub const RATES: [(Kind, f64); 6] = [
    (Kind::Sgd, 0.95),
    (Kind::Momentum, 0.1),
    (Kind::Nesterov, 0.1),
    (Kind::AdaGrad, 1.5),
    (Kind::RmsProp, 0.15),
    (Kind::Adam, 0.3),
];

/// `f(x, y) = x²/20 + y²`, an elongated bowl: 20 times flatter along `x` than along `y`.
pub fn f(x: f64, y: f64) -> f64 {
    x * x / 20.0 + y * y
}

/// `∇f = (x/10, 2y)`, the book's `df`.
pub fn df(x: f64, y: f64) -> (f64, f64) {
    (x / 10.0, 2.0 * y)
}

/// The path of `kind` with learning rate `lr`: the start and the point after each of the
/// [`STEPS`] steps. `x` and `y` are the book's `params['x']` and `params['y']`: two parameters
/// of one value each.
pub fn path(kind: Kind, lr: f64) -> Vec<(f64, f64)> {
    let mut opt = kind.build(lr);
    let (mut x, mut y) = ([START.0], [START.1]);
    let mut points = vec![START];
    for _ in 0..STEPS {
        let (gx, gy) = df(x[0], y[0]);
        let params = [
            Param {
                name: "x",
                layer: 0,
                shape: (1, 1),
                value: &mut x,
                grad: &[gx],
            },
            Param {
                name: "y",
                layer: 0,
                shape: (1, 1),
                value: &mut y,
                grad: &[gy],
            },
        ];
        opt.update(params);
        points.push((x[0], y[0]));
    }
    points
}

/// Runs the experiment. Files: `paths.csv` (`optimizer,lr,step,x,y,f`) and `paths.svg`.
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let paths: Vec<charts::OptimizerPath> =
        RATES.iter().map(|&(k, lr)| (k, lr, path(k, lr))).collect();
    let mut table = Table::new(&["optimizer", "lr", "step", "x", "y", "f"]);
    for (kind, lr, points) in &paths {
        for (step, &(x, y)) in points.iter().enumerate() {
            table.push(vec![
                kind.to_string(),
                num(*lr),
                step.to_string(),
                num(x),
                num(y),
                num(f(x, y)),
            ]);
        }
    }
    out.publish("optimizer-paths", &mut |dir| {
        table.write(&dir.join("paths.csv"))?;
        charts::optimizer_paths(&dir.join("paths.svg"), &paths)
    })?;
    let mut report = Report::new("optimizer-paths");
    for (kind, lr, points) in &paths {
        let &(x, y) = points.last().expect("a path has its start");
        report.fact(
            format!("{kind} (lr {})", num(*lr)),
            format!("after {STEPS} steps ({x:.3}, {y:.3}), f = {:.2e}", f(x, y)),
        );
    }
    Ok(report)
}
