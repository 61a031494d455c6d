//! What every experiment is made of: its [`Options`], the [`Output`] it publishes through, the
//! [`Report`] it returns, and its entry in the list ([`Experiment`]).

use anyhow::Result;
pub use dlfs_train::Progress;
use std::path::{Path, PathBuf};

/// Settings shared by all experiments.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seeds per setting in the experiments that run many seeds (`lr-sweep`, `escape-time`,
    /// `cures`: seeds `0..seeds`); `--quick` is [`Options::QUICK_SEEDS`], the article's runs stay
    /// whole either way.
    pub seeds: u32,
    /// The reduced version for CI and the tests (`--quick`): fewer seeds, and shorter runs
    /// where an experiment has long ones of its own (`fashion-mnist`).
    pub quick: bool,
}

impl Options {
    /// The default number of seeds.
    pub const DEFAULT_SEEDS: u32 = 50;
    /// The number of seeds with `--quick`.
    pub const QUICK_SEEDS: u32 = 2;
}

/// Where an experiment's files go. An experiment computes first, then hands its writing to
/// [`Output::publish`]; the command line's implementation builds the folder aside and swaps it
/// in whole, never over files it did not write.
pub trait Output {
    /// Runs `write` on a folder for experiment `name`'s files and makes them its results.
    ///
    /// # Errors
    /// If `write` fails, or the files cannot be published.
    fn publish(&self, name: &str, write: &mut dyn FnMut(&Path) -> Result<()>) -> Result<()>;
}

/// An [`Output`] that writes each experiment straight into `root/name` (created if needed):
/// for tests and examples, which write into folders of their own.
#[derive(Debug, Clone)]
pub struct Folder(pub PathBuf);

impl Output for Folder {
    fn publish(&self, name: &str, write: &mut dyn FnMut(&Path) -> Result<()>) -> Result<()> {
        let dir = self.0.join(name);
        std::fs::create_dir_all(&dir)?;
        write(&dir)
    }
}

/// What an experiment reports on the terminal: facts as `(label, value)` lines, and whether its
/// checks passed.
#[derive(Debug, Clone)]
pub struct Report {
    /// The experiment's name.
    pub name: &'static str,
    /// Whether every check of the experiment passed (for example: the article reproduced).
    pub ok: bool,
    /// `(label, value)` lines for the summary.
    pub facts: Vec<(String, String)>,
    /// A table to print after the facts (the sweep's convergence table), if any.
    pub table: Option<String>,
}

impl Report {
    pub(crate) fn new(name: &'static str) -> Self {
        Self {
            name,
            ok: true,
            facts: Vec::new(),
            table: None,
        }
    }

    pub(crate) fn fact(&mut self, label: impl Into<String>, value: impl Into<String>) {
        self.facts.push((label.into(), value.into()));
    }
}

/// An experiment: its name, a one-line description, and how to run it.
pub struct Experiment {
    /// The name used with `--only`.
    pub name: &'static str,
    /// One line for `--help`.
    pub about: &'static str,
    /// Runs the experiment and publishes its files through the [`Output`].
    pub run: fn(&Options, &dyn Output, &dyn Progress) -> Result<Report>,
    /// The runs it keeps in memory at once with these options (each holds its settings and
    /// outcome, under a kilobyte), for the command line's memory check before any work.
    pub runs_kept: fn(&Options) -> u64,
    /// A short paragraph for the report page: what the experiment shows.
    pub summary: &'static str,
    /// Its CSV files that the report page shows as tables (paths inside its folder).
    pub tables: &'static [&'static str],
    /// Its charts that the report page shows (paths inside its folder).
    pub charts: &'static [&'static str],
}

impl Experiment {
    /// Its section of the report page, with what `report` (this run's, if it ran) found: its
    /// results are in the folder of its name.
    pub fn section<'a>(&self, report: Option<&'a Report>) -> dlfs_figures::page::Section<'a> {
        dlfs_figures::page::Section {
            name: self.name,
            summary: self.summary,
            tables: self.tables,
            charts: self.charts,
            facts: report.map_or(&[], |r| &r.facts),
            table: report.and_then(|r| r.table.as_deref()),
        }
    }
}
