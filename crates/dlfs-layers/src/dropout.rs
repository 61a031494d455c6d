use dlfs_numpy::Float;
use dlfs_numpy::RandomState;
use dlfs_numpy::kernels::fit;
use ndarray::{Array2, ArrayRef2, Zip};

/// Dropout (§6.4.3, Srivastava, Hinton et al.): in training, each neuron is kept or dropped at
/// random, anew for every batch; in test, all are kept and scaled by the share that training
/// kept.
///
/// Forward in training: `mask = rand(N, D) > dropout_ratio` (one uniform draw per element,
/// row by row, from numpy's stream), `out = x · mask`. In test: `out = x · (1 − dropout_ratio)`.
/// Backward: `dx = dout · mask`, the gradient let through where the neuron was kept.
///
/// Shapes: `x`, `out`, `dout`, `dx` and the mask are `(N, D)`.
///
/// Dropout is not a [`Layer`](crate::Layer): its forward pass in training draws from numpy's
/// random stream, which the caller lends, so that the masks are drawn where the book's
/// `np.random.rand` draws them, between the mini-batches' `np.random.choice`.
///
/// ```
/// use dlfs_layers::Dropout;
/// use dlfs_numpy::RandomState;
/// use ndarray::array;
/// let mut drop = Dropout::new(0.6);
/// // np.random.seed(0); np.random.rand(1, 3) → 0.549, 0.715, 0.603: the first is dropped.
/// let mut rng = RandomState::new(0);
/// assert_eq!(drop.forward(&array![[1.0, 2.0, 3.0]], Some(&mut rng)), array![[0.0, 2.0, 3.0]]);
/// assert_eq!(drop.backward(&array![[1.0, 1.0, 1.0]]), array![[0.0, 1.0, 1.0]]);
/// assert_eq!(drop.forward(&array![[1.0, 2.0]], None), array![[0.4, 0.8]]); // test mode
/// ```
#[derive(Debug, Clone)]
pub struct Dropout<F = f64> {
    /// The share of neurons dropped in training, the book's `dropout_ratio`.
    pub dropout_ratio: f64,
    /// The last training batch's mask as numbers: 1 where the neuron was kept, 0 where dropped
    /// (numpy multiplies by the boolean mask as by these).
    mask: Array2<F>,
    out: Array2<F>,
    dx: Array2<F>,
}

impl Dropout {
    /// The layer in f64, as numpy computes (see [`new_in`](Dropout::new_in) for another
    /// precision).
    pub fn new(dropout_ratio: f64) -> Self {
        Self::new_in(dropout_ratio)
    }
}

impl<F: Float> Dropout<F> {
    /// A Dropout layer that drops `dropout_ratio` of the neurons in training.
    ///
    /// # Panics
    /// If `dropout_ratio` is not in `[0, 1)`.
    pub fn new_in(dropout_ratio: f64) -> Self {
        assert!(
            (0.0..1.0).contains(&dropout_ratio),
            "Dropout::new: dropout_ratio {dropout_ratio} is not in [0, 1)"
        );
        let empty = || Array2::zeros((0, 0));
        Self {
            dropout_ratio,
            mask: empty(),
            out: empty(),
            dx: empty(),
        }
    }

    /// The book's `forward(x, train_flg)`: in training (`train_flg=True`) the caller lends
    /// numpy's stream, `Some(rng)`, and a new mask is drawn from it; in test (`None`) the input
    /// is scaled by `1 − dropout_ratio` and nothing is drawn.
    pub fn forward(
        &mut self,
        x: &ArrayRef2<F>,
        train_flg: Option<&mut RandomState>,
    ) -> &ArrayRef2<F> {
        fit(&mut self.out, x.dim());
        if let Some(rng) = train_flg {
            // self.mask = np.random.rand(*x.shape) > self.dropout_ratio; return x * self.mask
            fit(&mut self.mask, x.dim());
            let ratio = self.dropout_ratio;
            self.mask.iter_mut().for_each(|m| {
                *m = if rng.random_sample() > ratio {
                    F::one()
                } else {
                    F::zero()
                }
            });
            Zip::from(&mut self.out)
                .and(x)
                .and(&self.mask)
                .for_each(|o, &x, &m| *o = x * m);
        } else {
            // return x * (1.0 - self.dropout_ratio)
            let keep = F::from_f64(1.0 - self.dropout_ratio);
            Zip::from(&mut self.out)
                .and(x)
                .for_each(|o, &x| *o = x * keep);
        }
        &self.out
    }

    /// `dx = dout · mask`.
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last training batch.
    pub fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        assert!(
            dout.dim() == self.mask.dim(),
            "Dropout::backward: dout shape {:?} does not match the last training batch's shape {:?}",
            dout.shape(),
            self.mask.shape()
        );
        fit(&mut self.dx, dout.dim());
        Zip::from(&mut self.dx)
            .and(dout)
            .and(&self.mask)
            .for_each(|d, &g, &m| *d = g * m);
        &self.dx
    }

    /// The output of the last forward pass.
    pub fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }
}
