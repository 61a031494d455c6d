//! Training loops that return data: the runs every experiment and command is made of.
//!
//! | module | the book's script | what it returns |
//! |---|---|---|
//! | [`run`] | the article's program (§5.7, full batch on XOR) | [`run::Run`]: the trained network, its losses, whether it stopped, diverged or got worse |
//! | [`mnist`] | `ch05/train_neuralnet.py` (§5.7.4, mini-batches of images) | [`mnist::MnistRun`]: the network, the loss of every batch, the accuracies of every epoch |
//! | [`trainer`] | the book's `Trainer` (`common/trainer.py`, §6.4 on) | [`trainer::Trained`]: the network, the loss of every batch, the accuracies of every epoch, the final test accuracy |
//! | [`recorder`] | the histograms of §6.2.2, and the gradients' sizes | [`recorder::Diagnostics`]: gradient norms and snapshots of the parameters |
//!
//! Nothing here writes a file or draws: `dlfs-experiments` turns what a run returns into CSV
//! files, `dlfs-figures` into pictures, and `cargo xtask` publishes them.
//!
//! ```
//! use dlfs_train::run::{RunConfig, train};
//! // The article's run, shortened: 2-4-2 sigmoid, seed 42, lr 0.01.
//! let run = train(&RunConfig { iters: 500, ..RunConfig::default() });
//! assert_eq!(run.losses.len(), 500);
//! assert!(run.final_loss() < run.losses[0]);
//! ```

pub mod mnist;
pub mod recorder;
pub mod run;
pub mod trainer;

/// Receives progress from long work (a sweep of runs): `start(total)`, then `advance()` once
/// per finished run, from any thread.
pub trait Progress: Sync {
    /// Work of `total` steps begins, described by `what`.
    fn start(&self, what: &str, total: u64);
    /// One step is done.
    fn advance(&self);
    /// All steps are done.
    fn finish(&self);
}

/// A [`Progress`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &str, _: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// A float as the shortest text that reads back as the same `f64` (or `f32`), so written values
/// round-trip exactly: Rust's `Display` (`0.01`, `-3`), or scientific notation (`1.5e300`) from
/// 10¹⁶ up, where `Display` would write hundreds of digits. NaN and infinities are written
/// `NaN`, `inf`, `-inf`. The settings' names and every CSV file write floats this way.
///
/// ```
/// use dlfs_train::num;
/// assert_eq!((num(0.01), num(-3.0), num(1.5e300)), ("0.01".into(), "-3".into(), "1.5e300".into()));
/// ```
pub fn num<F: dlfs_init::Float>(v: F) -> String {
    if v.is_finite() && v.abs() >= F::from_f64(1e16) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
