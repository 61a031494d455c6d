//! What every layer is: the [`Layer`] trait, and the [`Param`] a layer lends to whatever
//! updates it.

use dlfs_numpy::Float;
use ndarray::ArrayRef2;
use std::fmt;

/// A learnable parameter of a layer, lent together with its gradient from the last backward
/// pass to whatever updates it: an optimizer (§6.1), a gradient check, a writer of results.
///
/// The book keeps a network's parameters in a dictionary, `params['W1']`, and its gradients in
/// another, `grads['W1']`; a `Param` is one entry of both. Values and gradients are lent as flat
/// slices in row-major order (what every update rule of chapter 6 works on, element by
/// element); [`shape`](Param::shape) says how they are laid out.
#[derive(Debug)]
pub struct Param<'a, F = f64> {
    /// The book's name within the layer: `"W"` or `"b"`.
    pub name: &'static str,
    /// The number of the layer in its network, from 1 (`W1` is `W` of layer 1); 0 for a layer
    /// on its own.
    pub layer: usize,
    /// `(rows, columns)`: `(in, out)` for `W`; `(1, out)` for `b`, the row that is added to
    /// every row of the batch.
    pub shape: (usize, usize),
    /// The parameter itself, writable, row by row.
    pub value: &'a mut [F],
    /// `∂L/∂value` from the last backward pass, laid out as `value`.
    pub grad: &'a [F],
}

impl<F> fmt::Display for Param<'_, F> {
    /// The book's key: `W1`, `b1`, `W2`, … (`W` or `b` for a layer on its own).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.layer {
            0 => f.write_str(self.name),
            k => write!(f, "{}{k}", self.name),
        }
    }
}

/// A layer of a feed-forward network that maps a batch `x` of shape `(batch, in)` to an output of
/// shape `(batch, out)` and can send gradients back (chapter 5).
///
/// `forward` caches what `backward` needs; `backward` must follow a `forward` with the same batch.
/// Both return views of buffers the layer owns and reuses, so calling them in a loop allocates
/// nothing after the first call (or after the batch size changes).
pub trait Layer<F: Float = f64> {
    /// The layer's name as the book writes it: `"Affine"`, `"Sigmoid"`, `"Relu"`.
    fn name(&self) -> &'static str;

    /// The forward pass: computes and returns the layer's output for the batch `x`.
    ///
    /// # Panics
    /// If `x` has the wrong number of columns for the layer (the message names the layer and both
    /// shapes).
    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F>;

    /// The backward pass: given `dout = ∂L/∂out`, stores the parameter gradients (if any) and
    /// returns `dx = ∂L/∂x`, which has the shape of the last forward input.
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output (the message names the layer and both
    /// shapes).
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F>;

    /// The backward pass when nobody needs `dx` (the first layer of a network, whose input is the
    /// data): stores the parameter gradients only. Layers whose `dx` is costly ([`Affine`](crate::Affine))
    /// skip computing it; the default runs [`backward`](Layer::backward) and drops `dx`.
    ///
    /// # Panics
    /// As [`backward`](Layer::backward).
    fn backward_params(&mut self, dout: &ArrayRef2<F>) {
        self.backward(dout);
    }

    /// The output of the last forward pass (for example the hidden layer's activations that the
    /// article prints).
    fn output(&self) -> &ArrayRef2<F>;

    /// Lends each learnable parameter with its gradient to `f`, in the book's order (`W`, then `b`),
    /// with [`Param::layer`] 0. Layers without parameters do nothing.
    fn visit_params(&mut self, f: &mut dyn FnMut(Param<'_, F>)) {
        let _ = f;
    }
}
