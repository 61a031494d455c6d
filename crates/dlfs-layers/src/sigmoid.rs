use crate::layer::Layer;
use dlfs_activations::sigmoid_slice;
use dlfs_numpy::Float;
use dlfs_numpy::kernels::{fit, zip_into};
use ndarray::{Array2, ArrayRef2, Zip};

/// The sigmoid layer (§5.5.2): `y = 1 / (1 + exp(−x))`.
///
/// Its derivative needs only the output: `∂y/∂x = y (1 − y)`, so the layer keeps `y` and
/// backward computes `dx = dout · (1 − y) · y`.
/// Shapes: `x`, `y`, `dout`, `dx` are all `(batch, n)`.
///
/// ```
/// use dlfs_layers::{Layer, Sigmoid};
/// use ndarray::array;
/// let mut s = Sigmoid::new();
/// assert_eq!(s.forward(&array![[0.0]]), array![[0.5]]);
/// assert_eq!(s.backward(&array![[1.0]]), array![[0.25]]);
/// ```
#[derive(Debug, Clone)]
pub struct Sigmoid<F = f64> {
    out: Array2<F>,
    dx: Array2<F>,
}

impl Sigmoid {
    /// The layer in f64, as numpy computes (see [`new_in`](Sigmoid::new_in) for another
    /// precision).
    pub fn new() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Sigmoid<F> {
    /// A sigmoid layer with empty buffers.
    pub fn new_in() -> Self {
        Self {
            out: Array2::zeros((0, 0)),
            dx: Array2::zeros((0, 0)),
        }
    }
}

impl<F: Float> Default for Sigmoid<F> {
    fn default() -> Self {
        Self::new_in()
    }
}

impl<F: Float> Layer<F> for Sigmoid<F> {
    fn name(&self) -> &'static str {
        "Sigmoid"
    }

    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        fit(&mut self.out, x.dim());
        match (self.out.as_slice_mut(), x.as_slice()) {
            (Some(y), Some(x)) => sigmoid_slice(x, y),
            _ => Zip::from(&mut self.out)
                .and(x)
                .for_each(|y, &x| *y = F::one() / (F::one() + (-x).exp())),
        }
        &self.out
    }

    /// # Panics
    /// If `dout` does not have the shape of the last output.
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        assert!(
            dout.dim() == self.out.dim(),
            "Sigmoid::backward: dout shape {:?} does not match the output shape {:?}",
            dout.shape(),
            self.out.shape()
        );
        fit(&mut self.dx, dout.dim());
        // dout * (1.0 - y) * y, in the book's order of operations (numpy rounds in this order),
        // i.e. dout times dlfs_activations::sigmoid_grad_from_output(y).
        zip_into(&mut self.dx, dout, &self.out, |d, y| d * (F::one() - y) * y);
        &self.dx
    }

    fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }
}
