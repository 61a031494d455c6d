//! Layers with a forward and a backward pass: chapter 5 of *Deep Learning from Scratch*.
//!
//! Backpropagation (§5.1–5.3) computes a network's gradient by sending the upstream gradient
//! `dout = ∂L/∂out` backwards through a chain of layers: each layer multiplies it by its own local
//! derivative and hands `dx = ∂L/∂x` to the layer before it. Every layer therefore has two methods,
//! `forward` and `backward`, and keeps from `forward` whatever `backward` will need.
//!
//! | layer | forward | backward | book |
//! |---|---|---|---|
//! | [`MulLayer`] | `z = x·y` | `dx = dout·y`, `dy = dout·x` | §5.4.1 |
//! | [`AddLayer`] | `z = x + y` | `dx = dy = dout` | §5.4.2 |
//! | [`Relu`] | `y = max(x, 0)` | `dx = dout` where `x > 0`, else 0 | §5.5.1 |
//! | [`Sigmoid`] | `y = 1/(1 + e⁻ˣ)` | `dx = dout·(1 − y)·y` | §5.5.2 |
//! | [`Affine`] | `Y = X·W + b` | `dX = dY·Wᵀ`, `dW = Xᵀ·dY`, `db = Σₙ dY` | §5.6.2 |
//! | [`SoftmaxWithLoss`] | `L = CEE(softmax(X), T)` | `dX = (Y − T)/N` | §5.6.3 |
//!
//! The batch layers implement [`Layer`] and work on `(batch, features)` matrices. They are also
//! the fast path: each keeps its output and gradient buffers between calls and writes into them
//! (matrix products with a [`Gemm`] that keeps its packing buffers, element-wise work in one
//! pass over the buffers' slices, or a fused [`ndarray::Zip`] loop for other layouts), so a
//! training loop allocates nothing once the first iteration has sized the buffers.

mod add;
mod affine;
mod gemm;
mod mul;
mod relu;
mod sigmoid;
mod softmax_with_loss;

pub use add::AddLayer;
pub use affine::Affine;
pub use dlfs_losses::Targets;
pub use gemm::{Gemm, SMALL_PRODUCT, matmul_into};
pub use mul::MulLayer;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
pub use softmax_with_loss::SoftmaxWithLoss;

use ndarray::{Array2, ArrayRef2, ArrayViewD, ArrayViewMutD, Zip};

/// A learnable parameter of a layer, lent to an optimiser or a gradient check together with its
/// gradient from the last [`Layer::backward`].
#[derive(Debug)]
pub struct Param<'a> {
    /// The book's name within the layer: `"W"` or `"b"`.
    pub name: &'static str,
    /// The parameter itself, writable (`W` is `(in, out)`, `b` is `(out,)`).
    pub value: ArrayViewMutD<'a, f64>,
    /// `∂L/∂value` from the last backward pass, same shape as `value`.
    pub grad: ArrayViewD<'a, f64>,
}

/// A layer of a feed-forward network that maps a batch `x` of shape `(batch, in)` to an output of
/// shape `(batch, out)` and can send gradients back (chapter 5).
///
/// `forward` caches what `backward` needs; `backward` must follow a `forward` with the same batch.
/// Both return views of buffers the layer owns and reuses, so calling them in a loop allocates
/// nothing after the first call (or after the batch size changes).
pub trait Layer {
    /// The layer's name as the book writes it: `"Affine"`, `"Sigmoid"`, `"Relu"`.
    fn name(&self) -> &'static str;

    /// The forward pass: computes and returns the layer's output for the batch `x`.
    ///
    /// # Panics
    /// If `x` has the wrong number of columns for the layer (the message names the layer and both
    /// shapes).
    fn forward(&mut self, x: &ArrayRef2<f64>) -> &ArrayRef2<f64>;

    /// The backward pass: given `dout = ∂L/∂out`, stores the parameter gradients (if any) and
    /// returns `dx = ∂L/∂x`, which has the shape of the last forward input.
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output (the message names the layer and both
    /// shapes).
    fn backward(&mut self, dout: &ArrayRef2<f64>) -> &ArrayRef2<f64>;

    /// The backward pass when nobody needs `dx` (the first layer of a network, whose input is the
    /// data): stores the parameter gradients only. Layers whose `dx` is costly ([`Affine`])
    /// skip computing it; the default runs [`backward`](Layer::backward) and drops `dx`.
    ///
    /// # Panics
    /// As [`backward`](Layer::backward).
    fn backward_params(&mut self, dout: &ArrayRef2<f64>) {
        self.backward(dout);
    }

    /// The output of the last forward pass (for example the hidden layer's activations that the
    /// article prints).
    fn output(&self) -> &ArrayRef2<f64>;

    /// Lends each learnable parameter with its gradient to `f`, in the book's order (`W`, then `b`).
    /// Layers without parameters do nothing.
    fn visit_params(&mut self, f: &mut dyn FnMut(Param<'_>)) {
        let _ = f;
    }
}

/// `out = a`, the copy a layer keeps of its input or targets: one slice copy when both are
/// row-major and contiguous (the layers' own buffers always are), else element by element.
pub(crate) fn copy_into(out: &mut ArrayRef2<f64>, a: &ArrayRef2<f64>) {
    match (out.as_slice_mut(), a.as_slice()) {
        (Some(o), Some(a)) => o.copy_from_slice(a),
        _ => out.assign(a),
    }
}

/// `out = f(a, b)` element by element. On plain slices when all three matrices are row-major
/// and contiguous (the layers' own buffers always are): for XOR-sized batches, `Zip`'s per-call
/// analysis of the layouts would cost more than the arithmetic. Other layouts go through `Zip`.
pub(crate) fn zip_into(
    out: &mut ArrayRef2<f64>,
    a: &ArrayRef2<f64>,
    b: &ArrayRef2<f64>,
    f: impl Fn(f64, f64) -> f64,
) {
    if let (Some(o), Some(a), Some(b)) = (out.as_slice_mut(), a.as_slice(), b.as_slice()) {
        for ((o, &a), &b) in o.iter_mut().zip(a).zip(b) {
            *o = f(a, b);
        }
    } else {
        Zip::from(out)
            .and(a)
            .and(b)
            .for_each(|o, &a, &b| *o = f(a, b));
    }
}

/// Makes `buf` a `(rows, cols)` matrix, allocating only when its shape changes.
pub(crate) fn fit(buf: &mut Array2<f64>, shape: (usize, usize)) {
    if buf.dim() != shape {
        *buf = Array2::zeros(shape);
    }
}
