use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// AdaGrad (§6.1.5): a learning rate per parameter that shrinks as its gradients add up.
///
/// `h ← h + (∂L/∂θ)²`, then `θ ← θ − η ∂L/∂θ / (√h + 10⁻⁷)`, with `h = 0` at the start.
/// A parameter that has moved a lot takes smaller steps; since `h` only grows, every step
/// shrinks for good (RMSprop forgets old gradients instead).
///
/// ```
/// use dlfs_optimizers::{AdaGrad, Optimizer, Param};
/// let (mut w, g) = ([1.0], [0.5]);
/// AdaGrad::new(0.1).update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
/// // h = 0.25, √h = 0.5: the first step is about η, whatever the gradient's size.
/// assert_eq!(w[0], 1.0 - 0.1 * 0.5 / (0.5 + 1e-7));
/// ```
#[derive(Debug, Clone)]
pub struct AdaGrad<F = f64> {
    /// The learning rate `η`.
    pub lr: f64,
    h: PerParam<F>,
}

impl AdaGrad {
    /// The optimizer for f64 parameters, as numpy's (see [`new_in`](AdaGrad::new_in) for
    /// another precision).
    pub fn new(lr: f64) -> Self {
        Self::new_in(lr)
    }
}

impl<F: Float> AdaGrad<F> {
    /// AdaGrad with learning rate `lr`.
    pub fn new_in(lr: f64) -> Self {
        Self {
            lr,
            h: PerParam::default(),
        }
    }
}

impl<F: Float> Optimizer<F> for AdaGrad<F> {
    /// The book's `h[key] += grads[key]*grads[key]; params[key] -= lr*grads[key] / (sqrt(h[key]) + 1e-7)`.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let first = self.h.begin();
        // The book's hyper-parameters, Python floats, meet the parameters' precision.
        let (lr, eps) = (F::from_f64(self.lr), F::from_f64(1e-7));
        for (i, p) in params.into_iter().enumerate() {
            let h = self.h.of("AdaGrad", first, i, &p);
            for ((theta, &g), h) in p.value.iter_mut().zip(p.grad).zip(h) {
                *h += g * g;
                *theta -= lr * g / (h.sqrt() + eps);
            }
        }
    }
}
