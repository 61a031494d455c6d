use crate::optimizer::Optimizer;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// Stochastic gradient descent (§6.1.2): `θ ← θ − η ∂L/∂θ`, the book's `SGD`.
///
/// The step is the learning rate `η` (`lr`) times the gradient, against its direction: down the
/// slope of the loss. SGD keeps no state. Its weakness (§6.1.3): on a loss that is steep in one
/// direction and flat in another, it zigzags across the steep one and crawls along the flat
/// one; the optimizers after it in chapter 6 remember past gradients to do better.
///
/// ```
/// use dlfs_optimizers::{Optimizer, Param, Sgd};
/// let (mut w, dw) = ([1.0, 2.0], [0.5, -1.0]);
/// let p = Param { name: "W", layer: 1, shape: (1, 2), value: &mut w, grad: &dw };
/// Sgd::new(0.1).update([p]);
/// assert_eq!(w, [1.0 - 0.1 * 0.5, 2.0 + 0.1 * 1.0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sgd {
    /// The learning rate `η`.
    pub lr: f64,
}

impl Sgd {
    /// SGD with learning rate `lr` (the book's default is 0.01).
    pub fn new(lr: f64) -> Self {
        Self { lr }
    }
}

impl Default for Sgd {
    /// The book's `SGD(lr=0.01)`.
    fn default() -> Self {
        Self::new(0.01)
    }
}

impl<F: Float> Optimizer<F> for Sgd {
    /// `θ ← θ − lr · ∂L/∂θ` for every element of every parameter: the book's
    /// `params[key] -= self.lr * grads[key]`.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let lr = F::from_f64(self.lr);
        for p in params {
            crate::state::check_lengths("Sgd", &p);
            for (v, &g) in p.value.iter_mut().zip(p.grad) {
                *v -= lr * g;
            }
        }
    }
}
