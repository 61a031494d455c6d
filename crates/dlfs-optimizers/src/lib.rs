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
//!     optimizer.update(&mut network.params_mut());
//! }
//! assert!(network.loss(&x, Targets::Labels(&t)) < first);
//! ```
//!
//! | optimizer | update | book |
//! |---|---|---|
//! | [`Sgd`] | `θ ← θ − η ∂L/∂θ` | §6.1.2 |
//!
//! An optimizer that remembers something per parameter (a velocity, a sum of squared
//! gradients) keeps it by the parameter's place in the walk, which is the same every step, and
//! allocates it on its first step only.

mod sgd;

pub use dlfs_layers::Param;
pub use sgd::Sgd;

/// An update rule for a network's parameters (§6.1): the book's `optimizer.update(params, grads)`.
pub trait Optimizer {
    /// One step: moves every parameter along its gradient from the last backward pass.
    ///
    /// `params` must give the same parameters, with the same shapes and in the same order, at
    /// every call (a network's `params_mut()` does): an optimizer with state keeps the state of
    /// the `i`-th parameter at index `i`.
    ///
    /// # Panics
    /// If a parameter's value and gradient differ in length, or (for an optimizer with state)
    /// the parameters are not those of the first call; the message names the parameter.
    fn update(&mut self, params: &mut dyn Iterator<Item = Param<'_>>);
}
