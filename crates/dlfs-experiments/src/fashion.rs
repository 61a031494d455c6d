//! The images chapter 6's experiments train on: Fashion-MNIST, where Debian's
//! `dataset-fashion-mnist` has installed it, read once per process.

use crate::experiment::Report;
use anyhow::{Result, anyhow};
use dlfs_datasets::{FASHION_DIR, Mnist};
use dlfs_train::mnist::Data;
use std::path::Path;
use std::sync::OnceLock;

/// Fashion-MNIST, or `None` with a `skipped` fact in `report` when it is not installed.
///
/// # Errors
/// If the data is there but cannot be read.
pub fn load(report: &mut Report) -> Result<Option<&'static Data>> {
    static DATA: OnceLock<Result<Data, String>> = OnceLock::new();
    if !Path::new(FASHION_DIR).is_dir() {
        report.fact(
            "skipped",
            format!("no data in {FASHION_DIR} (apt-get install dataset-fashion-mnist)"),
        );
        return Ok(None);
    }
    let data = DATA.get_or_init(|| {
        Mnist::load(Path::new(FASHION_DIR))
            .map(Data::from)
            .map_err(|e| e.to_string())
    });
    data.as_ref().map(Some).map_err(|e| anyhow!("{e}"))
}
