use crate::layer::Layer;
use dlfs_numpy::Float;
use dlfs_numpy::kernels::fit;
use ndarray::{Array2, ArrayRef2, Zip};

/// The ReLU layer (§5.5.1): `y = x` where `x > 0`, else `0`.
///
/// Backward lets the gradient through where the input was positive and stops it elsewhere:
/// `dx = dout` where `x > 0`, `dx = 0` where `x ≤ 0` (the book's `mask = (x <= 0)`).
/// Shapes: `x`, `y`, `dout`, `dx` are all `(batch, n)`.
///
/// ```
/// use dlfs_layers::{Layer, Relu};
/// use ndarray::array;
/// let mut relu = Relu::new();
/// assert_eq!(relu.forward(&array![[1.0, -0.5], [-2.0, 3.0]]), array![[1.0, 0.0], [0.0, 3.0]]);
/// assert_eq!(relu.backward(&array![[5.0, 6.0], [7.0, 8.0]]), array![[5.0, 0.0], [0.0, 8.0]]);
/// ```
#[derive(Debug, Clone)]
pub struct Relu<F = f64> {
    /// `true` where the last input was `≤ 0`.
    mask: Array2<bool>,
    out: Array2<F>,
    dx: Array2<F>,
}

impl Relu {
    /// The layer in f64, as numpy computes (see [`new_in`](Relu::new_in) for another
    /// precision).
    pub fn new() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Relu<F> {
    /// A ReLU layer with empty buffers.
    pub fn new_in() -> Self {
        Self {
            mask: Array2::from_elem((0, 0), false),
            out: Array2::zeros((0, 0)),
            dx: Array2::zeros((0, 0)),
        }
    }
}

impl<F: Float> Default for Relu<F> {
    fn default() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Layer<F> for Relu<F> {
    fn name(&self) -> &'static str {
        "Relu"
    }

    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        fit(&mut self.out, x.dim());
        if self.mask.dim() != x.dim() {
            self.mask = Array2::from_elem(x.dim(), false);
        }
        Zip::from(&mut self.out)
            .and(&mut self.mask)
            .and(x)
            .for_each(|y, m, &x| {
                *m = x <= F::zero();
                *y = if *m { F::zero() } else { x };
            });
        &self.out
    }

    /// # Panics
    /// If `dout` does not have the shape of the last input.
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        assert!(
            dout.dim() == self.mask.dim(),
            "Relu::backward: dout shape {:?} does not match the forward input shape {:?}",
            dout.shape(),
            self.mask.shape()
        );
        fit(&mut self.dx, dout.dim());
        Zip::from(&mut self.dx)
            .and(&self.mask)
            .and(dout)
            .for_each(|dx, &m, &d| *dx = if m { F::zero() } else { d });
        &self.dx
    }

    fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }
}
