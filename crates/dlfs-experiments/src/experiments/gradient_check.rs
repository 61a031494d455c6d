//! Backprop against the numerical gradient for the article's network (§5.7.3).

use crate::experiment::{Options, Output, Progress, Report};
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{GradCheck, MultiLayerNet, Targets};
use dlfs_train::run::{RunConfig, train};

/// Runs the experiment on the article's network as initialised (seed 42) and after training.
/// File: `gradient_check.csv` (`stage,param,mean_abs_diff,max_abs_diff,rel_error`).
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let (x, t) = (dlfs_datasets::xor::inputs(), dlfs_datasets::xor::targets());
    let config = RunConfig::default();
    let mut initial = MultiLayerNet::new(
        &config.sizes(),
        config.activation,
        Init::Article,
        &mut RandomState::new(config.seed),
    );
    let mut trained = train(&config).net;
    let stages: [(&str, Vec<GradCheck>); 2] = [
        (
            "initial",
            initial.gradient_check(&x, Targets::OneHot(t.view())),
        ),
        (
            "trained",
            trained.gradient_check(&x, Targets::OneHot(t.view())),
        ),
    ];
    let mut table = Table::new(&[
        "stage",
        "param",
        "mean_abs_diff",
        "max_abs_diff",
        "rel_error",
    ]);
    let mut report = Report::new("gradient-check");
    for (stage, rows) in &stages {
        let mut line = Vec::new();
        for r in rows {
            table.push(vec![
                stage.to_string(),
                r.name.clone(),
                num(r.mean_abs_diff),
                num(r.max_abs_diff),
                num(r.rel_error),
            ]);
            line.push(format!("{} {:.1e}", r.name, r.mean_abs_diff));
        }
        report.fact(
            format!("mean |backprop − numerical|, {stage}"),
            line.join(", "),
        );
    }
    let worst = stages
        .iter()
        .flat_map(|(_, r)| r.iter())
        .fold(0.0f64, |m, r| m.max(r.rel_error));
    report.ok = worst < 1e-6;
    report.fact("largest relative error", format!("{worst:.1e}"));
    out.publish("gradient-check", &mut |dir| {
        table.write(&dir.join("gradient_check.csv"))
    })?;
    Ok(report)
}
