use crate::layer::Layer;
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
pub struct Relu {
    /// `true` where the last input was `≤ 0`.
    mask: Array2<bool>,
    out: Array2<f64>,
    dx: Array2<f64>,
}

impl Relu {
    /// A ReLU layer with empty buffers.
    pub fn new() -> Self {
        Self {
            mask: Array2::from_elem((0, 0), false),
            out: Array2::zeros((0, 0)),
            dx: Array2::zeros((0, 0)),
        }
    }
}

impl Default for Relu {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Relu {
    fn name(&self) -> &'static str {
        "Relu"
    }

    fn forward(&mut self, x: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        fit(&mut self.out, x.dim());
        if self.mask.dim() != x.dim() {
            self.mask = Array2::from_elem(x.dim(), false);
        }
        Zip::from(&mut self.out)
            .and(&mut self.mask)
            .and(x)
            .for_each(|y, m, &x| {
                *m = x <= 0.0;
                *y = if *m { 0.0 } else { x };
            });
        &self.out
    }

    /// # Panics
    /// If `dout` does not have the shape of the last input.
    fn backward(&mut self, dout: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
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
            .for_each(|dx, &m, &d| *dx = if m { 0.0 } else { d });
        &self.dx
    }

    fn output(&self) -> &ArrayRef2<f64> {
        &self.out
    }
}
