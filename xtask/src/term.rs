//! The terminal: lines on stdout, which the work never depends on; notes on stderr; and
//! progress bars on a terminal.

use dlfs_train::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// The first failed write to stdout, if any: its kind and what the system said.
static STDOUT_FAILED: OnceLock<(std::io::ErrorKind, String)> = OnceLock::new();

/// Writes one line to stdout. The work never depends on it: once a write fails (stdout closed,
/// `cargo xtask mnist | head -1`, or full, `> /dev/full`), nothing more is printed and the
/// command carries on to complete its results; [`stdout_failure`] tells `main` what happened.
pub fn say_line(line: std::fmt::Arguments<'_>) {
    if STDOUT_FAILED.get().is_some() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        let _ = STDOUT_FAILED.set((e.kind(), e.to_string()));
    }
}

/// How writing to stdout failed, if it did, as one line for stderr: `None` when every line
/// was written, or when the reader closed the pipe (`| head -1`: a reader that wanted no more,
/// as for other command-line tools).
pub fn stdout_failure() -> Option<String> {
    STDOUT_FAILED
        .get()
        .filter(|(kind, _)| *kind != std::io::ErrorKind::BrokenPipe)
        .map(|(_, message)| format!("error: cannot write to stdout: {message}"))
}

/// `say!("…", args)`: [`say_line`] with `format!`'s syntax.
macro_rules! say {
    ($($arg:tt)*) => { $crate::term::say_line(format_args!($($arg)*)) };
}
pub(crate) use say;

/// Writes one line to stderr, ignoring a closed stderr.
pub fn note_line(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// `note!("…", args)`: [`note_line`] with `format!`'s syntax.
macro_rules! note {
    ($($arg:tt)*) => { $crate::term::note_line(format_args!($($arg)*)) };
}
pub(crate) use note;

/// A bar of `total` steps on stderr with `template`, or `None` when stderr is not a terminal.
pub fn bar(total: u64, template: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    Some(bar)
}

/// A [`Progress`] for the experiments: a bar on a terminal, plain lines (every 10%) otherwise.
pub struct TermProgress {
    bar: Mutex<Option<ProgressBar>>,
    done: AtomicU64,
    total: AtomicU64,
}

impl TermProgress {
    /// Nothing started yet.
    pub fn new() -> Self {
        Self {
            bar: Mutex::new(None),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }

    fn with_bar<T>(&self, f: impl FnOnce(&mut Option<ProgressBar>) -> T) -> T {
        // A poisoned lock only means another thread panicked while drawing: keep drawing.
        let mut guard = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

impl Progress for TermProgress {
    fn start(&self, what: &str, total: u64) {
        self.done.store(0, Ordering::SeqCst);
        self.total.store(total, Ordering::SeqCst);
        let bar = bar(
            total,
            "  {prefix} [{bar:40}] {pos}/{len} runs, {elapsed} (eta {eta})",
        );
        match &bar {
            Some(b) => b.set_prefix(what.to_string()),
            None => note!("  {what}: {total} runs"),
        }
        self.with_bar(|slot| *slot = bar);
    }

    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        let drawn = self.with_bar(|slot| slot.as_ref().map(|b| b.inc(1)).is_some());
        if !drawn {
            let total = self.total.load(Ordering::SeqCst).max(1);
            if done * 10 / total != (done - 1) * 10 / total {
                note!("  {done}/{total} runs ({}%)", done * 100 / total);
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.with_bar(Option::take) {
            bar.finish_and_clear();
        }
    }
}
