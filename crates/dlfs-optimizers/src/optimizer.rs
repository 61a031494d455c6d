//! What every optimizer is: the [`Optimizer`] trait, the book's `update(params, grads)`.

use dlfs_layers::Param;
use dlfs_numpy::Float;

/// An update rule for a network's parameters (§6.1): the book's `optimizer.update(params, grads)`.
///
/// `update` is generic over the walk it is given, so each optimizer's loop is compiled for the
/// network's own walk and inlined into the training loop; to choose an optimizer at run time,
/// [`Kind::build`](crate::Kind::build) gives an [`AnyOptimizer`](crate::AnyOptimizer).
pub trait Optimizer<F: Float = f64> {
    /// One step: moves every parameter along its gradient from the last backward pass.
    ///
    /// `params` must give the same parameters, with the same shapes and in the same order, at
    /// every call (a network's `params_mut()` does): an optimizer with state keeps the state of
    /// the `i`-th parameter at index `i`.
    ///
    /// # Panics
    /// If a parameter's value and gradient differ in length, or (for an optimizer with state)
    /// the parameters are not those of the first call; the message names the parameter.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>);
}
