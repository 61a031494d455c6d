use crate::layer::Layer;
use dlfs_numpy::Float;
use dlfs_numpy::kernels::{fit, zip_into};
use ndarray::{Array2, ArrayRef2, Zip};

/// The hyperbolic tangent layer: `y = tanh(x)`, a sigmoid stretched to (−1, 1) and centred
/// on 0 (`tanh(x) = 2σ(2x) − 1`), the activation that Xavier's initialisation was made for
/// (§6.2.2).
///
/// Like the sigmoid's, its derivative needs only the output: `∂y/∂x = 1 − y²`, so the layer
/// keeps `y` and backward computes `dx = dout · (1 − y·y)`.
/// Shapes: `x`, `y`, `dout`, `dx` are all `(batch, n)`.
///
/// ```
/// use dlfs_layers::{Layer, Tanh};
/// use ndarray::array;
/// let mut t = Tanh::new();
/// assert_eq!(t.forward(&array![[0.0]]), array![[0.0]]);
/// assert_eq!(t.backward(&array![[2.0]]), array![[2.0]]);
/// ```
#[derive(Debug, Clone)]
pub struct Tanh<F = f64> {
    out: Array2<F>,
    dx: Array2<F>,
}

impl Tanh {
    /// The layer in f64, as numpy computes (see [`new_in`](Tanh::new_in) for another
    /// precision).
    pub fn new() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Tanh<F> {
    /// A tanh layer with empty buffers.
    pub fn new_in() -> Self {
        Self {
            out: Array2::zeros((0, 0)),
            dx: Array2::zeros((0, 0)),
        }
    }
}

impl<F: Float> Default for Tanh<F> {
    fn default() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Layer<F> for Tanh<F> {
    fn name(&self) -> &'static str {
        "Tanh"
    }

    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        fit(&mut self.out, x.dim());
        match (self.out.as_slice_mut(), x.as_slice()) {
            (Some(y), Some(x)) => y.iter_mut().zip(x).for_each(|(y, &x)| *y = x.tanh()),
            _ => Zip::from(&mut self.out)
                .and(x)
                .for_each(|y, &x| *y = x.tanh()),
        }
        &self.out
    }

    /// # Panics
    /// If `dout` does not have the shape of the last output.
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        assert!(
            dout.dim() == self.out.dim(),
            "Tanh::backward: dout shape {:?} does not match the output shape {:?}",
            dout.shape(),
            self.out.shape()
        );
        fit(&mut self.dx, dout.dim());
        // dout * (1.0 - y * y): dout times dlfs_activations::tanh_grad_from_output(y).
        zip_into(&mut self.dx, dout, &self.out, |d, y| d * (F::one() - y * y));
        &self.dx
    }

    fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }
}
