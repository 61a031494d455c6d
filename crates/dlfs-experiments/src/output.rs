//! Writing results: CSV files written whole or not at all, and folders swapped in complete.

use crate::run::Run;
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

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
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(&self.header)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        Ok(w.into_inner().map_err(|e| e.into_error())?)
    }

    /// Writes the table to `path` atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        write_atomic(path, &self.to_csv()?)
    }
}

/// A float as the shortest text that reads back as the same `f64` (Rust's `Display`), so CSV
/// values round-trip exactly. NaN and infinities are written `NaN`, `inf`, `-inf`.
pub fn num(v: f64) -> String {
    format!("{v}")
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it (a rename within a folder is atomic).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    let tmp = path.with_file_name(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| {
        let _ = fs::remove_file(&tmp);
        format!("cannot rename {} to {}", tmp.display(), path.display())
    })
}

/// Builds a folder's contents in a temporary sibling folder, then swaps it in for `target`,
/// so that `target` always holds one complete set of results: the old one until the new one is
/// complete, the new one after. A failed build leaves `target` as it was.
pub fn publish_dir<T>(target: &Path, build: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .with_context(|| format!("{} has no folder name", target.display()))?;
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let sibling = |what: &str| -> PathBuf {
        parent.join(format!(
            ".{}.{what}-{}",
            name.to_string_lossy(),
            std::process::id()
        ))
    };
    let (tmp, old) = (sibling("tmp"), sibling("old"));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let value = match build(&tmp) {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if target.exists() {
        if !target.is_dir() {
            let _ = fs::remove_dir_all(&tmp);
            bail!("{} exists and is not a folder", target.display());
        }
        fs::rename(target, &old)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
    }
    fs::rename(&tmp, target)
        .with_context(|| format!("cannot rename {} to {}", tmp.display(), target.display()))?;
    let _ = fs::remove_dir_all(&old);
    Ok(value)
}

/// Writes the files of one training run into `dir`:
///
/// * `loss.csv` — `iteration,loss`, every iteration;
/// * `params.csv` — `param,row,col,value` (a bias is row 0);
/// * `predictions.csv` — `x1,x2,target,y0,y1` (softmax outputs for the four XOR inputs);
/// * `hidden_K.csv` for hidden layer K — `x1,x2,h1,…,hn`;
/// * `loss.svg` and `decision.svg` — the loss curve and the decision surface.
pub fn write_run(dir: &Path, run: &mut Run) -> Result<()> {
    let mut loss = Table::new(&["iteration", "loss"]);
    for (i, l) in run.losses.iter().enumerate() {
        loss.push(vec![i.to_string(), num(*l)]);
    }
    loss.write(&dir.join("loss.csv"))?;

    let mut params = Table::new(&["param", "row", "col", "value"]);
    for p in run.net.params() {
        let cols = p.value.shape().last().copied().unwrap_or(1);
        for (i, v) in p.value.iter().enumerate() {
            let (r, c) = if p.value.ndim() == 1 {
                (0, i)
            } else {
                (i / cols, i % cols)
            };
            params.push(vec![p.name.clone(), r.to_string(), c.to_string(), num(*v)]);
        }
    }
    params.write(&dir.join("params.csv"))?;

    let x = crate::xor::inputs();
    let y = run.net.probabilities(&x);
    let mut predictions = Table::new(&["x1", "x2", "target", "y0", "y1"]);
    for (n, row) in y.rows().into_iter().enumerate() {
        predictions.push(vec![
            num(x[[n, 0]]),
            num(x[[n, 1]]),
            crate::xor::LABELS[n].to_string(),
            num(row[0]),
            num(row[1]),
        ]);
    }
    predictions.write(&dir.join("predictions.csv"))?;

    // probabilities() ran the forward pass on the four inputs: the hidden caches hold them.
    for k in 1..=run.net.hidden_layers() {
        let h = run.net.hidden_output(k);
        let names: Vec<String> = (1..=h.ncols()).map(|j| format!("h{j}")).collect();
        let mut header = vec!["x1", "x2"];
        header.extend(names.iter().map(String::as_str));
        let mut table = Table::new(&header);
        for (n, row) in h.rows().into_iter().enumerate() {
            let mut cells = vec![num(x[[n, 0]]), num(x[[n, 1]])];
            cells.extend(row.iter().map(|v| num(*v)));
            table.push(cells);
        }
        table.write(&dir.join(format!("hidden_{k}.csv")))?;
    }

    let title = run.config.to_string();
    crate::charts::loss_curves(
        &dir.join("loss.svg"),
        &format!("Training loss: {title}"),
        &[(&title, &run.losses)],
        None,
    )?;
    crate::charts::decision_surface(
        &dir.join("decision.svg"),
        &format!("P(class 1) (blue 0, white 0.5, red 1): {title}"),
        &mut run.net,
    )?;
    Ok(())
}
