use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;

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
pub struct AdaGrad {
    /// The learning rate `η`.
    pub lr: f64,
    h: PerParam,
}

impl AdaGrad {
    /// AdaGrad with learning rate `lr`.
    pub fn new(lr: f64) -> Self {
        Self {
            lr,
            h: PerParam::default(),
        }
    }
}

impl Optimizer for AdaGrad {
    /// The book's `h[key] += grads[key]*grads[key]; params[key] -= lr*grads[key] / (sqrt(h[key]) + 1e-7)`.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a>>) {
        let first = self.h.begin();
        for (i, p) in params.into_iter().enumerate() {
            let h = self.h.of("AdaGrad", first, i, &p);
            for ((theta, &g), h) in p.value.iter_mut().zip(p.grad).zip(h) {
                *h += g * g;
                *theta -= self.lr * g / (h.sqrt() + 1e-7);
            }
        }
    }
}
