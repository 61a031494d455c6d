//! Loss functions (§4.2 of *Deep Learning from Scratch*): how far the network's output `y` is
//! from the target `t`.
//!
//! * [`sum_squared_error`] — `E = ½ Σₖ (yₖ − tₖ)²` (§4.2.1); its gradient
//!   [`sum_squared_error_grad`], `∂E/∂y = y − t`.
//! * [`cross_entropy_error`] — `E = −(1/N) Σₙ log(yₙ,tₙ + 10⁻⁷)`, the batch mean (§4.2.2–4.2.4),
//!   with targets given either as one-hot rows or as class indices ([`Targets`]); its gradient
//!   [`cross_entropy_error_grad`], `−1 / (N (yₙ,tₙ + 10⁻⁷))` at each sample's correct class.
//!
//! Each gradient is the derivative of the loss with respect to the network's output `y`: where
//! backpropagation starts (§5.1). After a softmax, the chain rule through the softmax turns the
//! cross-entropy's gradient into the much simpler `(y − t) / N` of `SoftmaxWithLoss` (§5.6.3).
//!
//! The sum of squares is ≥ 0. The cross-entropy is ≥ 0 up to the `1e-7` that keeps `log(0)`
//! finite: a prediction of exactly 1 for the right class costs `−log(1 + 10⁻⁷) ≈ −10⁻⁷`, the
//! smallest value it can take.

use dlfs_numpy::Float;
use ndarray::{Array2, ArrayRef2, ArrayView2, Zip};

/// The targets of a batch, in either of the two forms the book accepts (§4.2.4).
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a> {
    /// One row per sample, `1` at the correct class and `0` elsewhere. Shape `(batch, classes)`.
    OneHot(ArrayView2<'a, f64>),
    /// The index of the correct class of each sample. Length `batch`.
    Labels(&'a [usize]),
}

impl Targets<'_> {
    /// Number of samples.
    pub fn len(&self) -> usize {
        match self {
            Targets::OneHot(t) => t.nrows(),
            Targets::Labels(l) => l.len(),
        }
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The correct class of sample `n`: the label, or the position of the largest entry of the
    /// one-hot row (numpy's `argmax`: the first maximum).
    ///
    /// # Panics
    /// If `n` is out of range.
    pub fn label(&self, n: usize) -> usize {
        match self {
            Targets::OneHot(t) => argmax(t.row(n).iter().copied()),
            Targets::Labels(l) => l[n],
        }
    }

    /// Checks that these targets fit network outputs of shape `(batch, classes)`, naming `who`
    /// in the panic message.
    ///
    /// # Panics
    /// If a one-hot matrix has another shape, the number of labels differs from `batch`, or a
    /// label is not below `classes`.
    pub fn check_shape(&self, who: &str, batch: usize, classes: usize) {
        match self {
            Targets::OneHot(t) => assert!(
                t.dim() == (batch, classes),
                "{who}: one-hot targets of shape {:?} do not match outputs of shape {:?}",
                t.shape(),
                [batch, classes]
            ),
            Targets::Labels(l) => {
                assert!(
                    l.len() == batch,
                    "{who}: {} labels do not match outputs of shape {:?}",
                    l.len(),
                    [batch, classes]
                );
                if let Some(bad) = l.iter().find(|&&k| k >= classes) {
                    panic!(
                        "{who}: label {bad} is out of range for outputs of shape {:?}",
                        [batch, classes]
                    );
                }
            }
        }
    }
}

/// Position of the first largest value (numpy's `argmax`); NaN is never chosen over a number.
pub fn argmax<F: Float>(values: impl IntoIterator<Item = F>) -> usize {
    let mut best = (0, F::from_f64(f64::NEG_INFINITY));
    for (i, v) in values.into_iter().enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// The constant added inside the logarithm of [`cross_entropy_error`] so that `log(0)` never
/// occurs (§4.2.2: `delta = 1e-7`).
pub const DELTA: f64 = 1e-7;

/// Cross-entropy error of a batch (§4.2.4): `E = −(1/N) Σₙ log(yₙ,tₙ + 10⁻⁷)`, where `tₙ` is the
/// correct class of sample `n`.
///
/// With one-hot targets this is the book's `−Σ t log(y + δ) / N`; like the article (and the
/// book's label version) it looks up the correct class of each row and sums the `N` logarithms
/// in order, which is what numpy computes, bit for bit. Shapes: `y` is `(N, classes)`.
///
/// # Panics
/// If the targets do not fit `y` (see [`Targets::check_shape`]).
///
/// ```
/// use dlfs_losses::{cross_entropy_error, Targets};
/// use ndarray::array;
/// // §4.2.2: the correct class "2" gets 0.6 → E = −log(0.6 + 1e-7) ≈ 0.510825457
/// let y = array![[0.1f64, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]];
/// let e = cross_entropy_error(&y, Targets::Labels(&[2]));
/// assert!((e - 0.510825457).abs() < 1e-9);
/// ```
pub fn cross_entropy_error<F: Float>(y: &ArrayRef2<F>, t: Targets<'_>) -> F {
    let (batch, classes) = y.dim();
    t.check_shape("cross_entropy_error", batch, classes);
    let term = |y: F| (y + F::from_f64(DELTA)).ln();
    let mut sum = F::zero();
    // On plain rows when the matrices are contiguous (the common case), else by index.
    let one_hot = match t {
        Targets::OneHot(one_hot) => one_hot.to_slice(),
        Targets::Labels(_) => None,
    };
    match (y.as_slice(), t, one_hot) {
        (Some(y), Targets::Labels(labels), _) if classes > 0 => {
            for (y_row, &label) in y.chunks_exact(classes).zip(labels) {
                sum += term(y_row[label]);
            }
        }
        (Some(y), _, Some(one_hot)) if classes > 0 => {
            for (y_row, t_row) in y.chunks_exact(classes).zip(one_hot.chunks_exact(classes)) {
                sum += term(y_row[argmax(t_row.iter().copied())]);
            }
        }
        _ => {
            for n in 0..batch {
                sum += term(y[[n, t.label(n)]]);
            }
        }
    }
    -sum / F::from_usize(batch)
}

/// Gradient of [`cross_entropy_error`] with respect to `y`: `∂E/∂yₙₖ = −1 / (N (yₙₖ + 10⁻⁷))`
/// where `k` is the correct class of sample `n`, and 0 elsewhere. (With one-hot targets this is
/// the book's `−t / (N (y + δ))`.) Shapes: `y` and the result are `(N, classes)`.
///
/// # Panics
/// If the targets do not fit `y` (see [`Targets::check_shape`]).
///
/// ```
/// use dlfs_losses::{cross_entropy_error_grad, Targets};
/// use ndarray::array;
/// // Only the correct class has a gradient: −1/(0.6 + 1e-7) for a batch of one.
/// let g = cross_entropy_error_grad(&array![[0.1, 0.3, 0.6]], Targets::Labels(&[2]));
/// assert_eq!(g, array![[0.0, 0.0, -1.0 / (0.6 + 1e-7)]]);
/// ```
pub fn cross_entropy_error_grad<F: Float>(y: &ArrayRef2<F>, t: Targets<'_>) -> Array2<F> {
    let (batch, classes) = y.dim();
    t.check_shape("cross_entropy_error_grad", batch, classes);
    let mut grad = Array2::zeros((batch, classes));
    for n in 0..batch {
        let k = t.label(n);
        grad[[n, k]] = -F::one() / (F::from_usize(batch) * (y[[n, k]] + F::from_f64(DELTA)));
    }
    grad
}

/// Sum of squared errors (§4.2.1): `E = ½ Σ (y − t)²`, summed over every element (no batch mean,
/// as in the book).
///
/// # Panics
/// If `y` and `t` have different shapes.
///
/// ```
/// use dlfs_losses::sum_squared_error;
/// use ndarray::array;
/// // §4.2.1: the correct class "2" gets 0.6 → E ≈ 0.0975
/// let t = array![[0f64, 0., 1., 0., 0., 0., 0., 0., 0., 0.]];
/// let y = array![[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]];
/// assert!((sum_squared_error(&y, &t) - 0.0975).abs() < 1e-12);
/// ```
pub fn sum_squared_error<F: Float>(y: &ArrayRef2<F>, t: &ArrayRef2<F>) -> F {
    assert!(
        y.dim() == t.dim(),
        "sum_squared_error: output shape {:?} does not match target shape {:?}",
        y.shape(),
        t.shape()
    );
    let mut sum = F::zero();
    Zip::from(y)
        .and(t)
        .for_each(|&a, &b| sum += (a - b) * (a - b));
    F::from_f64(0.5) * sum
}

/// Gradient of [`sum_squared_error`] with respect to `y`: `∂E/∂y = y − t`, element by element
/// (the ½ cancels the square's 2). Shapes: `y`, `t` and the result have one shape.
///
/// # Panics
/// If `y` and `t` have different shapes.
///
/// ```
/// use dlfs_losses::sum_squared_error_grad;
/// use ndarray::array;
/// let g = sum_squared_error_grad(&array![[0.1, 0.6, 0.3]], &array![[0.0, 1.0, 0.0]]);
/// assert_eq!(g, array![[0.1, 0.6 - 1.0, 0.3]]);
/// ```
pub fn sum_squared_error_grad<F: Float>(y: &ArrayRef2<F>, t: &ArrayRef2<F>) -> Array2<F> {
    assert!(
        y.dim() == t.dim(),
        "sum_squared_error_grad: output shape {:?} does not match target shape {:?}",
        y.shape(),
        t.shape()
    );
    y - t
}
