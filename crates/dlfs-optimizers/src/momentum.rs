use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// Momentum (§6.1.4): a velocity that remembers past gradients, the book's `Momentum`.
///
/// `v ← αv − η ∂L/∂θ`, then `θ ← θ + v`, with `v = 0` at the start and the momentum `α = 0.9`.
/// Like a ball rolling downhill, it gathers speed along a direction the gradients keep
/// pointing to and damps the zigzag across a valley, where they alternate.
///
/// ```
/// use dlfs_optimizers::{Momentum, Optimizer, Param};
/// let (mut w, g) = ([1.0], [0.5]);
/// let mut opt = Momentum::new(0.1);
/// for _ in 0..2 {
///     opt.update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
/// }
/// // v₁ = −0.05, v₂ = 0.9·v₁ − 0.05 = −0.095: w = 1 − 0.05 − 0.095.
/// assert_eq!(w[0], 1.0 + -0.05 + (0.9 * -0.05 - 0.1 * 0.5));
/// ```
#[derive(Debug, Clone)]
pub struct Momentum<F = f64> {
    /// The learning rate `η`.
    pub lr: f64,
    /// The momentum `α` (the book's default: 0.9).
    pub momentum: f64,
    v: PerParam<F>,
}

impl Momentum {
    /// The optimizer for f64 parameters, as numpy's (see [`new_in`](Momentum::new_in) for
    /// another precision).
    pub fn new(lr: f64) -> Self {
        Self::new_in(lr)
    }
}

impl<F: Float> Momentum<F> {
    /// Momentum with learning rate `lr` and the book's momentum 0.9.
    pub fn new_in(lr: f64) -> Self {
        Self {
            lr,
            momentum: 0.9,
            v: PerParam::default(),
        }
    }
}

impl<F: Float> Optimizer<F> for Momentum<F> {
    /// The book's `v[key] = momentum*v[key] - lr*grads[key]; params[key] += v[key]`.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let first = self.v.begin();
        // The book's hyper-parameters, Python floats, meet the parameters' precision.
        let (lr, momentum) = (F::from_f64(self.lr), F::from_f64(self.momentum));
        for (i, p) in params.into_iter().enumerate() {
            let v = self.v.of("Momentum", first, i, &p);
            for ((theta, &g), v) in p.value.iter_mut().zip(p.grad).zip(v) {
                *v = momentum * *v - lr * g;
                *theta += *v;
            }
        }
    }
}
