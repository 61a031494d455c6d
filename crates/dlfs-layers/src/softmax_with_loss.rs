use dlfs_activations::softmax_rows_into;
use dlfs_losses::{Targets, cross_entropy_error};
use dlfs_numpy::Float;
use dlfs_numpy::kernels::{fit, zip_into};
use ndarray::{Array2, ArrayRef2, Zip};

/// The targets a [`SoftmaxWithLoss`] keeps for its backward pass: a copy, in buffers that are
/// reused (one for each form, so alternating forms does not reallocate either).
#[derive(Debug, Clone, Default)]
struct TargetBuf<F> {
    one_hot: Option<Array2<F>>,
    labels: Vec<usize>,
    /// Which buffer holds the last forward pass's targets.
    is_one_hot: bool,
}

/// The output layer of a classifier (§5.6.3): softmax followed by the cross-entropy error.
///
/// Forward: `Y = softmax(X)` row by row, `L = −(1/N) Σₙ log(Yₙ,tₙ + 10⁻⁷)`.
/// Backward: `dX = dout · (Y − T) / N` — the softmax Jacobian and the log's derivative cancel
/// into this simple difference, which is why the book pairs the two (§5.6.3). With class-index
/// targets, `T` is the one-hot matrix they stand for.
///
/// Shapes: `X`, `Y`, `T`, `dX` are `(N, classes)`; index targets have length `N`.
///
/// ```
/// use dlfs_layers::{SoftmaxWithLoss, Targets};
/// use ndarray::array;
/// let mut last = SoftmaxWithLoss::new();
/// let loss = last.forward(&array![[0.0, 0.0], [0.0, 0.0]], Targets::Labels(&[0, 1]));
/// assert!((loss - std::f64::consts::LN_2).abs() < 1e-6);
/// assert_eq!(last.backward(1.0), array![[-0.25, 0.25], [0.25, -0.25]]);
/// ```
#[derive(Debug, Clone)]
pub struct SoftmaxWithLoss<F = f64> {
    y: Array2<F>,
    t: TargetBuf<F>,
    dx: Array2<F>,
    loss: F,
}

impl SoftmaxWithLoss {
    /// The layer in f64, as numpy computes (see [`new_in`](SoftmaxWithLoss::new_in) for another
    /// precision).
    pub fn new() -> Self {
        Self::new_in()
    }
}

impl<F: Float> SoftmaxWithLoss<F> {
    /// A softmax-with-loss layer with empty buffers.
    pub fn new_in() -> Self {
        Self {
            y: Array2::zeros((0, 0)),
            t: TargetBuf::default(),
            dx: Array2::zeros((0, 0)),
            loss: F::from_f64(f64::NAN),
        }
    }

    /// Computes `Y = softmax(X)` and returns the cross-entropy loss against `t`.
    ///
    /// # Panics
    /// If `t` does not fit `x` (a one-hot matrix of another shape, another number of labels, or a
    /// label out of range); the message gives both shapes.
    pub fn forward(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> F {
        t.check_shape("SoftmaxWithLoss::forward", x.nrows(), x.ncols());
        fit(&mut self.y, x.dim());
        softmax_rows_into(x, &mut self.y);
        match t {
            Targets::OneHot(t) => {
                let buf = self.t.one_hot.get_or_insert_with(|| Array2::zeros(t.dim()));
                fit(buf, t.dim());
                Zip::from(&mut *buf)
                    .and(&t)
                    .for_each(|b, &t| *b = F::from_f64(t));
                self.t.is_one_hot = true;
            }
            Targets::Labels(l) => {
                self.t.labels.clear();
                self.t.labels.extend_from_slice(l);
                self.t.is_one_hot = false;
            }
        }
        self.loss = cross_entropy_error(&self.y, t);
        self.loss
    }

    /// Returns `dX = dout · (Y − T) / N` for the last forward pass (`dout` is 1 at the end of the
    /// network).
    pub fn backward(&mut self, dout: F) -> &ArrayRef2<F> {
        let n = F::from_usize(self.y.nrows());
        fit(&mut self.dx, self.y.dim());
        match (&self.t.one_hot, self.t.is_one_hot) {
            (Some(t), true) => {
                zip_into(&mut self.dx, &self.y, t, |y, t| (y - t) / n * dout);
            }
            _ => {
                let labels = &self.t.labels[..];
                Zip::from(self.dx.rows_mut())
                    .and(self.y.rows())
                    .and(labels)
                    .for_each(|mut dx, y, &label| {
                        Zip::indexed(&mut dx).and(&y).for_each(|k, dx, &y| {
                            let t = if k == label { F::one() } else { F::zero() };
                            *dx = (y - t) / n * dout;
                        });
                    });
            }
        }
        &self.dx
    }

    /// The softmax output `Y` of the last forward pass.
    pub fn output(&self) -> &ArrayRef2<F> {
        &self.y
    }

    /// The loss computed by the last forward pass (NaN before the first).
    pub fn loss(&self) -> F {
        self.loss
    }
}

impl<F: Float> Default for SoftmaxWithLoss<F> {
    fn default() -> Self {
        Self::new_in()
    }
}
