//! What a command will need, checked against what the machine has before any work starts.
//!
//! The estimates are deliberately generous upper bounds of the peak memory, built from what
//! the code keeps: a value of a flag that would need more memory than the machine has
//! available is refused with a message that names the limit, instead of failing (or being
//! killed) halfway.

use dlfs_train::run::MAX_RECORDED;
use std::fmt;

/// Memory of the program itself, the charts and the small tables.
const BASE: u64 = 64 << 20;

/// Bytes kept per parameter of a trained network: the value and its gradient (16), and its
/// row of `params.csv`, built in memory before it is written (four formatted cells and the
/// text, under 300).
const PER_PARAM: u64 = 16 + 300;

/// Rows of the decision surface's grid, evaluated in one batch (61 × 61).
const GRID_ROWS: u64 = 61 * 61;

/// Bytes kept per run of the sweep: its settings, its outcome and its row of `runs.csv`.
const PER_SWEEP_RUN: u64 = 1024;

/// A limit of the machine that a flag's value would exceed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// The flag and its value as given, e.g. `--hidden 4611686018427387904`.
    pub what: String,
    /// The memory it would need (`None`: more than 2⁶⁴ bytes).
    pub needed: Option<u64>,
    /// The memory available.
    pub available: u64,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let needed = match self.needed {
            Some(n) => format!("about {}", gib(n)),
            None => "more than 2^64 bytes".to_string(),
        };
        write!(
            f,
            "{}: needs {needed} of memory, more than the {} this machine has available",
            self.what,
            gib(self.available)
        )
    }
}

impl std::error::Error for TooLarge {}

fn gib(bytes: u64) -> String {
    format!("{:.1} GiB", bytes as f64 / f64::from(1u32 << 30))
}

/// The memory available to a new process, in bytes: `MemAvailable` of `/proc/meminfo`, or
/// `u64::MAX` where that cannot be read (then only arithmetic overflow is refused).
pub fn available_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("MemAvailable:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(u64::MAX, |kib| kib.saturating_mul(1024))
}

/// Peak memory of `cargo xtask train` for a network of layer sizes `sizes` trained for
/// `iters` iterations: the parameters and gradients, the layers' buffers for the decision
/// surface's batch, the matrix product's packing buffers, the recorded losses and the tables.
/// `None` if it does not fit in 64 bits.
pub fn train_bytes(sizes: &[usize], iters: usize, extended: bool) -> Option<u64> {
    // Batch Norm keeps four more buffers per unit, Dropout three.
    let buffers = if extended { 11 } else { 4 };
    let mut total = BASE;
    for pair in sizes.windows(2) {
        let (n_in, n_out) = (pair[0] as u64, pair[1] as u64);
        let params = n_in.checked_mul(n_out)?.checked_add(n_out)?;
        total = total.checked_add(params.checked_mul(PER_PARAM)?)?;
        // Output, activation, softmax and the pictures' buffers for the grid's batch (four),
        // and the packed panels of W (800-long slices of k, 8-column panels). Measured by
        // xtask/tests/memory.rs: this bounds the peak of wide and deep networks from above.
        let per_unit = GRID_ROWS * 8 * buffers + 800 * 8;
        total = total.checked_add(n_out.checked_mul(per_unit)?)?;
    }
    let recorded = iters.min(MAX_RECORDED) as u64;
    total.checked_add(recorded.checked_mul(8 + 40)?)
}

/// Peak memory of an experiment that keeps `runs` runs' outcomes at once (the sweeps).
pub fn runs_bytes(runs: u64) -> Option<u64> {
    BASE.checked_add(runs.checked_mul(PER_SWEEP_RUN)?)
}

/// Refuses `needed` bytes for `what` (a flag and its value) when they exceed `available`.
///
/// # Errors
/// [`TooLarge`] when `needed` is `None` (overflow) or larger than `available`.
pub fn check(what: impl Into<String>, needed: Option<u64>, available: u64) -> Result<(), TooLarge> {
    match needed {
        Some(n) if n <= available => Ok(()),
        _ => Err(TooLarge {
            what: what.into(),
            needed,
            available,
        }),
    }
}

/// Peak memory of `cargo xtask mnist` with a hidden layer of `hidden` units and mini-batches of
/// `batch` images: the data set as bytes (70 000 × 784) and a copy while it is read, the
/// parameters with their gradients and up to two optimizer vectors, the batch, and for each of
/// rayon's threads the accuracy's copy of the network (values, gradients and packed weights) and
/// its chunk of rows. `None` if it does not fit in 64 bits.
pub fn mnist_bytes(hidden: usize, batch: usize, extended: bool) -> Option<u64> {
    // Batch Norm keeps four more buffers per unit and row, Dropout three.
    let buffers = if extended { 10 } else { 3 };
    let (hidden, batch) = (hidden as u64, batch as u64);
    let threads = rayon::current_num_threads() as u64;
    let data = 70_000u64 * 784 * 2;
    let params = hidden.checked_mul(784 + 1 + 10)?.checked_add(10)?;
    let per_row = hidden.checked_add(10)?.checked_mul(8 * buffers)?;
    let chunk =
        (dlfs_train::mnist::EVAL_CHUNK as u64).checked_mul(per_row.checked_add(784 * 8)?)?;
    let per_thread = params.checked_mul(8 * 3)?.checked_add(chunk)?;
    BASE.checked_add(data)?
        .checked_add(params.checked_mul(8 * 4 + 300)?)?
        // The batch, and the copy of its transpose that the product dW₁ = xᵀ·dY packs.
        .checked_add(batch.checked_mul(784 * 8 * 2)?)?
        .checked_add(per_thread.checked_mul(threads)?)?
        .checked_add(batch.checked_mul(per_row)?)
}

#[cfg(test)]
#[path = "limits/tests.rs"]
mod tests;
