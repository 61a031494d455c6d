//! Optimizers: how a network's parameters move along their gradients (§6.1 of *Deep Learning
//! from Scratch*).
//!
//! Backpropagation (chapter 5) gives the gradient `∂L/∂θ` of every parameter `θ`; an optimizer
//! decides what to do with it. The book writes each one as a class with one method,
//! `update(params, grads)`, called once per training step:
//!
//! ```python
//! optimizer = SGD(lr=0.01)
//! for i in range(iters_num):
//!     grads = network.gradient(x_batch, t_batch)
//!     optimizer.update(network.params, grads)
//! ```
//!
//! Here an [`Optimizer`] receives the parameters as a walk over [`Param`]s — name, value and
//! gradient of `W1`, `b1`, `W2`, … in that order, every step — which is what a network's
//! `params_mut()` gives:
//!
//! ```
//! use dlfs_init::{Init, RandomState};
//! use dlfs_networks::{Activation, MultiLayerNet, Targets};
//! use dlfs_optimizers::{Optimizer, Sgd};
//! use ndarray::array;
//! let (x, t) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 0]);
//! let mut network = MultiLayerNet::new(&[2, 4, 2], Activation::Sigmoid, Init::Article, &mut RandomState::new(42));
//! let mut optimizer = Sgd::new(0.01);
//! let first = network.gradient(&x, Targets::Labels(&t));
//! for _ in 0..1000 {
//!     network.gradient(&x, Targets::Labels(&t));
//!     optimizer.update(network.params_mut());
//! }
//! assert!(network.loss(&x, Targets::Labels(&t)) < first);
//! ```
//!
//! | optimizer | update (`g = ∂L/∂θ`) | book |
//! |---|---|---|
//! | [`Sgd`] | `θ ← θ − ηg` | §6.1.2 |
//! | [`Momentum`] | `v ← αv − ηg`, `θ ← θ + v` | §6.1.4 |
//! | [`Nesterov`] | `θ ← θ + α²v − (1 + α)ηg`, `v ← αv − ηg` | §6.1.6 |
//! | [`AdaGrad`] | `h ← h + g²`, `θ ← θ − ηg / (√h + 10⁻⁷)` | §6.1.5 |
//! | [`RmsProp`] | `h ← ρh + (1 − ρ)g²`, `θ ← θ − ηg / (√h + 10⁻⁷)` | §6.1.5 |
//! | [`Adam`] | `m ← m + (1 − β₁)(g − m)`, `v ← v + (1 − β₂)(g² − v)`, `θ ← θ − ηₜ m / (√v + 10⁻⁷)` | §6.1.6 |
//!
//! With the book's hyper-parameters: `α = 0.9`, `ρ = 0.99`, `β₁ = 0.9`, `β₂ = 0.999`, and
//! `ηₜ = η √(1 − β₂ᵗ) / (1 − β₁ᵗ)`. Each computes what the book's numpy code computes, in the
//! same order of operations, so that training agrees with numpy to the last bit.
//!
//! An optimizer that remembers something per parameter (a velocity, a sum of squared
//! gradients) keeps it by the parameter's place in the walk, which is the same every step, and
//! allocates it on its first step only.

mod adagrad;
mod adam;
mod kind;
mod momentum;
mod nesterov;
mod optimizer;
mod rmsprop;
mod sgd;
mod state;

pub use adagrad::AdaGrad;
pub use adam::Adam;
pub use dlfs_layers::Param;
pub use kind::{AnyOptimizer, Kind};
pub use momentum::Momentum;
pub use nesterov::Nesterov;
pub use optimizer::Optimizer;
pub use rmsprop::RmsProp;
pub use sgd::Sgd;
