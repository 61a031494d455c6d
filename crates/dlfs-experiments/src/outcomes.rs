//! What a run came to, and what many runs came to: the thresholds, the [`Outcome`] of one run,
//! and the [`Summary`] of a setting over its seeds, shared by the experiments that train many
//! runs (`lr-sweep`, `escape-time`, `cures`).

use dlfs_datasets::xor;
use dlfs_networks::argmax;
use dlfs_train::run::{RunConfig, train_with};
use ndarray::Array2;

/// A run has converged once its loss is below this and it classifies all four inputs right
/// (`−ln p < 0.4` for every input's right class when the mean is below 0.1).
pub const CONVERGED_LOSS: f64 = 0.1;

/// A run that ends above this loss, neither converged nor diverged, has stalled (ln 2 ≈ 0.693
/// is answering 0.5 for everything).
pub const STALLED_LOSS: f64 = 0.6;

/// A run has escaped the plateau once its loss is below this.
pub const ESCAPED_LOSS: f64 = 0.5;

/// The outcome of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The run's settings.
    pub config: RunConfig,
    /// The first iteration whose loss was below [`ESCAPED_LOSS`].
    pub escaped_at: Option<usize>,
    /// The first iteration whose loss was below [`CONVERGED_LOSS`] (where a run with
    /// [`RunConfig::stop_below`] at that loss stops).
    pub converged_at: Option<usize>,
    /// The loss of the last iteration; NaN if the run diverged.
    pub final_loss: f64,
    /// The trained network classifies all four inputs right.
    pub all_right: bool,
    /// A loss or a parameter stopped being finite.
    pub diverged: bool,
}

impl Outcome {
    /// Trains `config` and classifies the outcome.
    pub fn of(config: &RunConfig) -> Outcome {
        let mut crossings = Crossings::default();
        let mut run = train_with(config, |step| crossings.see(step.iteration, step.loss));
        let Crossings {
            escaped_at,
            converged_at,
        } = crossings;
        let diverged = run.diverged();
        // The answers of a pass as the loss saw them, in training mode: Batch Norm normalises
        // over the four points (its running statistics, which test mode uses, lag behind the
        // parameters in a run that stops early). Without Batch Norm the two modes agree.
        let x = xor::inputs();
        let scores = run.net.predict_with(&x, true);
        let right = (scores.rows().into_iter().zip(xor::LABELS))
            .filter(|(row, t)| argmax(row.iter().copied()) == *t)
            .count();
        Outcome {
            config: config.clone(),
            escaped_at,
            converged_at,
            final_loss: if diverged { f64::NAN } else { run.final_loss() },
            all_right: right == xor::LABELS.len(),
            diverged,
        }
    }

    /// Ended below [`CONVERGED_LOSS`] with all four inputs right.
    pub fn converged(&self) -> bool {
        !self.diverged && self.final_loss < CONVERGED_LOSS && self.all_right
    }

    /// Ended above [`STALLED_LOSS`] without diverging: still on the plateau.
    pub fn stalled(&self) -> bool {
        !self.diverged && self.final_loss > STALLED_LOSS
    }

    /// Neither converged, stalled nor diverged: stuck on another plateau (one or two inputs
    /// still wrong).
    pub fn other(&self) -> bool {
        !self.converged() && !self.stalled() && !self.diverged
    }
}

/// The first iterations whose loss was below [`ESCAPED_LOSS`] and below [`CONVERGED_LOSS`],
/// seen one loss at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Crossings {
    /// The first iteration with a loss below [`ESCAPED_LOSS`].
    pub escaped_at: Option<usize>,
    /// The first iteration with a loss below [`CONVERGED_LOSS`].
    pub converged_at: Option<usize>,
}

impl Crossings {
    /// Takes in the loss of `iteration` (strictly below a threshold crosses it).
    pub fn see(&mut self, iteration: usize, loss: f64) {
        if self.escaped_at.is_none() && loss < ESCAPED_LOSS {
            self.escaped_at = Some(iteration);
        }
        if self.converged_at.is_none() && loss < CONVERGED_LOSS {
            self.converged_at = Some(iteration);
        }
    }
}

/// What the runs of one setting (its seeds) came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Runs.
    pub runs: usize,
    /// Runs that [converged](Outcome::converged).
    pub converged: usize,
    /// Runs that [stalled](Outcome::stalled).
    pub stalled: usize,
    /// Runs on [another plateau](Outcome::other).
    pub other: usize,
    /// Runs that diverged.
    pub diverged: usize,
    /// The iterations at which the converged runs first went below [`CONVERGED_LOSS`], in
    /// increasing order.
    pub converged_at: Vec<usize>,
}

impl Summary {
    /// Counts what `outcomes` came to.
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Summary {
        let mut s = Summary {
            runs: 0,
            converged: 0,
            stalled: 0,
            other: 0,
            diverged: 0,
            converged_at: Vec::new(),
        };
        for o in outcomes {
            s.runs += 1;
            s.converged += usize::from(o.converged());
            s.stalled += usize::from(o.stalled());
            s.other += usize::from(o.other());
            s.diverged += usize::from(o.diverged);
            if o.converged() {
                s.converged_at.extend(o.converged_at);
            }
        }
        s.converged_at.sort_unstable();
        s
    }

    /// `converged / runs`.
    pub fn rate(&self) -> f64 {
        self.converged as f64 / self.runs as f64
    }

    /// The median iteration of convergence (the mean of the two middle ones for an even
    /// count), `None` if no run converged.
    pub fn median(&self) -> Option<f64> {
        median(&self.converged_at)
    }

    /// The `q`-quantile of the iteration of convergence, by the nearest rank.
    pub fn quantile(&self, q: f64) -> Option<usize> {
        quantile(&self.converged_at, q)
    }
}

/// The outcomes grouped by `key`, one [`Summary`] per run of equal keys, in order (the
/// experiments list their settings seed-minor, so each setting is one run of keys).
pub fn summarize<K: PartialEq>(
    outcomes: &[Outcome],
    key: impl Fn(&Outcome) -> K,
) -> Vec<(K, Summary)> {
    let mut groups: Vec<(K, Vec<&Outcome>)> = Vec::new();
    for o in outcomes {
        let k = key(o);
        match groups.last_mut() {
            Some((last, members)) if *last == k => members.push(o),
            _ => groups.push((k, vec![o])),
        }
    }
    groups
        .into_iter()
        .map(|(k, members)| (k, Summary::of(members)))
        .collect()
}

/// The median of sorted `values` (the mean of the two middle ones for an even count).
///
/// ```
/// use dlfs_experiments::outcomes::median;
/// assert_eq!((median(&[]), median(&[1, 5, 9]), median(&[1, 2, 4, 9])), (None, Some(5.0), Some(3.0)));
/// ```
pub fn median(sorted: &[usize]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// The `q`-quantile (0 to 1) of sorted values, by the nearest rank.
///
/// ```
/// use dlfs_experiments::outcomes::quantile;
/// assert_eq!((quantile(&[10, 20, 30, 40], 0.25), quantile(&[10, 20, 30, 40], 0.5)), (Some(10), Some(20)));
/// ```
pub fn quantile(sorted: &[usize], q: f64) -> Option<usize> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

/// The shares `rates` (rows × columns, 0 to 1) as a text table of whole percents, as the
/// experiments print them and FINDINGS.md quotes them: a header line (`conv. %` and the column
/// labels), then a line per row label. The first column is as wide as the longest row label
/// plus two spaces (at least `conv. %` and two), left-aligned; each other column is
/// `col_width` characters, right-aligned.
///
/// ```
/// use dlfs_experiments::outcomes::rates_table;
/// let rates = ndarray::array![[0.5, 1.0]];
/// let text = rates_table(&["2-2-2".into()], &["0.1".into(), "1".into()], &rates, 5);
/// assert_eq!(text, "conv. %    0.1    1\n2-2-2       50  100");
/// ```
///
/// # Panics
/// If `rates` has fewer rows or columns than there are labels.
pub fn rates_table(
    row_labels: &[String],
    col_labels: &[String],
    rates: &Array2<f64>,
    col_width: usize,
) -> String {
    let width = row_labels
        .iter()
        .map(|l| l.chars().count())
        .chain(std::iter::once("conv. %".len()))
        .max()
        .unwrap_or(0)
        + 2;
    let mut text = format!("{:<width$}", "conv. %");
    for l in col_labels {
        text += &format!("{l:>col_width$}");
    }
    for (r, label) in row_labels.iter().enumerate() {
        text += &format!("\n{label:<width$}");
        for c in 0..col_labels.len() {
            text += &format!("{:>col_width$.0}", rates[[r, c]] * 100.0);
        }
    }
    text
}
