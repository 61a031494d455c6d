//! The pictures a learner looks at, drawn as SVG files, and the report page that gathers them.
//!
//! | module | draws | the book |
//! |---|---|---|
//! | [`charts`] | loss curves, decision surfaces, heat maps, optimizer paths, gradient norms, activation histograms, any line chart | figures 4-11, 6-3 to 6-9, 6-10 to 6-14 |
//! | [`pictures`] | a network neuron by neuron, a filmstrip of training, computational graphs, misclassified images | figures 5-15 to 5-17 |
//! | [`page`] | `index.html`: one section per experiment, its tables and charts | — |
//!
//! This is the only crate that depends on plotters. Every function takes the data to draw
//! (a run's losses, a network, a table of rates) and the path of the file to write; none trains
//! or decides anything.

pub mod charts;
pub mod page;
pub mod pictures;

use anyhow::{Context, Result};
use std::path::Path;

/// Writes a drawn figure to `path`. The figures are written into a folder that is published
/// whole (`cargo xtask`), so a plain write is enough.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
