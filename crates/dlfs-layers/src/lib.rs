//! Layers with a forward and a backward pass: chapters 5 and 6 of *Deep Learning from Scratch*.
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
//! | [`Tanh`] | `y = tanh(x)` | `dx = dout·(1 − y²)` | §6.2.2 |
//! | [`Affine`] | `Y = X·W + b` | `dX = dY·Wᵀ`, `dW = Xᵀ·dY`, `db = Σₙ dY` | §5.6.2 |
//! | [`BatchNormalization`] | `out = γ·(x − μ)/√(σ² + 10⁻⁶) + β`, `μ`, `σ²` over the batch | the book's nine lines, [`BatchNormalization`] | §6.3 |
//! | [`Dropout`] | `out = x·mask`, `mask = rand > ratio`; test: `x·(1 − ratio)` | `dx = dout·mask` | §6.4.3 |
//! | [`SoftmaxWithLoss`] | `L = CEE(softmax(X), T)` | `dX = (Y − T)/N` | §5.6.3 |
//!
//! The batch layers implement [`Layer`] and work on `(batch, features)` matrices. They are also
//! the fast path: each keeps its output and gradient buffers between calls and writes into them,
//! so a training loop allocates nothing once the first iteration has sized the buffers. The
//! loops that make them fast — the matrix product [`dlfs_numpy::Gemm`] (which computes what
//! [`dlfs_numpy::reference::matmul`], the plain triple loop, computes) and the element-wise
//! kernels of [`dlfs_numpy::kernels`] — live in `dlfs-numpy`: read them as `np.dot` and as the
//! formulas in each layer's documentation.

mod add;
mod affine;
mod batch_norm;
mod dropout;
mod layer;
mod mul;
mod relu;
mod sigmoid;
mod softmax_with_loss;
mod tanh;

pub use add::AddLayer;
pub use affine::Affine;
pub use batch_norm::{BatchNormalization, EPSILON};
pub use dlfs_losses::Targets;
pub use dropout::Dropout;
pub use layer::{Layer, Param};
pub use mul::MulLayer;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
pub use softmax_with_loss::SoftmaxWithLoss;
pub use tanh::Tanh;
