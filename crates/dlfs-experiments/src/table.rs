//! CSV files: a table built in memory, a loss curve streamed, a network's parameters, and the
//! one way floats are written.

use anyhow::{Context, Result};
use dlfs_networks::MultiLayerNet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// A CSV table built in memory: a header and rows of already formatted cells.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(ToString::to_string).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    ///
    /// # Panics
    /// If the row does not have one cell per column (a programming error).
    pub fn push(&mut self, row: Vec<String>) {
        assert_eq!(
            row.len(),
            self.header.len(),
            "Table::push: row {row:?} does not match header {:?}",
            self.header
        );
        self.rows.push(row);
    }

    /// The rows pushed so far.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// The CSV text: header, then rows, `\n`-terminated.
    ///
    /// # Errors
    /// Never in practice (the CSV writer writes into memory).
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut w = csv_writer(Vec::new());
        w.write_record(&self.header)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        Ok(w.into_inner().map_err(|e| e.into_error())?)
    }

    /// Writes the table to `path`.
    ///
    /// # Errors
    /// If the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<()> {
        write_file(path, &self.to_csv()?)
    }
}

pub use dlfs_train::num;

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// Streams `iteration,loss` rows to `path`: a loss curve of any length (a million rows would
/// take 130 MB as a table in memory) without holding its text.
///
/// # Errors
/// If the file cannot be written.
pub fn write_loss_csv(path: &Path, points: impl Iterator<Item = (usize, f64)>) -> Result<()> {
    let written = (|| -> Result<()> {
        let mut csv = csv_writer(BufWriter::new(File::create(path)?));
        csv.write_record(["iteration", "loss"])?;
        for (i, l) in points {
            csv.write_record([i.to_string(), num(l)])?;
        }
        csv.into_inner()
            .map_err(|e| e.into_error())?
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()?;
        Ok(())
    })();
    written.with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `param,row,col,value` for every parameter of `net` to `path` (a bias is row 0), each
/// value as the shortest text of its own precision.
///
/// # Errors
/// If the file cannot be written.
pub fn write_params<F: dlfs_init::Float>(path: &Path, net: &mut MultiLayerNet<F>) -> Result<()> {
    let mut params = Table::new(&["param", "row", "col", "value"]);
    for p in net.params_mut() {
        let name = p.to_string();
        let cols = p.shape.1;
        for (i, v) in p.value.iter().enumerate() {
            params.push(vec![
                name.clone(),
                (i / cols).to_string(),
                (i % cols).to_string(),
                num(*v),
            ]);
        }
    }
    params.write(path)
}

/// Writes `bytes` (a picture drawn as text) to `path`.
///
/// # Errors
/// If the file cannot be written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
