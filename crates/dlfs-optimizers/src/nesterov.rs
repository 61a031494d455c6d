use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// Nesterov's accelerated gradient (§6.1.6's `Nesterov`): momentum that looks ahead.
///
/// Momentum steps by `v ← αv − η∂L/∂θ`; Nesterov's method takes the gradient where that step
/// is about to land. Written with the gradient at `θ` only (Bengio et al., 2012):
/// `θ ← θ + α²v − (1 + α)η ∂L/∂θ`, then `v ← αv − η ∂L/∂θ`, with `α = 0.9`.
///
/// The velocity in the update of `θ` is the old one, as in `numpy/xor_ref.py`
/// (which the tests compare against) and in the method's derivation. One listing of the book's
/// `common/optimizer.py` updates `v` first and then `θ` with the new `v`, which takes an extra
/// `α²(αv − η∂L/∂θ) − α²v` per step.
///
/// ```
/// use dlfs_optimizers::{Nesterov, Optimizer, Param};
/// let (mut w, g) = ([1.0], [0.5]);
/// Nesterov::new(0.1).update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
/// // v starts at 0: the first step is (1 + α)·η·g.
/// assert_eq!(w[0], 1.0 + 0.9 * 0.9 * 0.0 - (1.0 + 0.9) * 0.1 * 0.5);
/// ```
#[derive(Debug, Clone)]
pub struct Nesterov<F = f64> {
    /// The learning rate `η`.
    pub lr: f64,
    /// The momentum `α` (the book's default: 0.9).
    pub momentum: f64,
    v: PerParam<F>,
}

impl Nesterov {
    /// The optimizer for f64 parameters, as numpy's (see [`new_in`](Nesterov::new_in) for
    /// another precision).
    pub fn new(lr: f64) -> Self {
        Self::new_in(lr)
    }
}

impl<F: Float> Nesterov<F> {
    /// Nesterov with learning rate `lr` and the book's momentum 0.9.
    pub fn new_in(lr: f64) -> Self {
        Self {
            lr,
            momentum: 0.9,
            v: PerParam::default(),
        }
    }
}

impl<F: Float> Optimizer<F> for Nesterov<F> {
    /// `params += α·α·v; params -= (1 + α)·lr·grads; v *= α; v -= lr·grads`, in numpy's order.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let first = self.v.begin();
        let (a2, step) = (
            F::from_f64(self.momentum * self.momentum),
            F::from_f64((1.0 + self.momentum) * self.lr),
        );
        let (lr, momentum) = (F::from_f64(self.lr), F::from_f64(self.momentum));
        for (i, p) in params.into_iter().enumerate() {
            let v = self.v.of("Nesterov", first, i, &p);
            for ((theta, &g), v) in p.value.iter_mut().zip(p.grad).zip(v) {
                *theta += a2 * *v;
                *theta -= step * g;
                *v *= momentum;
                *v -= lr * g;
            }
        }
    }
}
