use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// RMSprop (§6.1.5): AdaGrad with a memory that fades, the book's `RMSprop`.
///
/// `h ← ρh + (1 − ρ)(∂L/∂θ)²`, then `θ ← θ − η ∂L/∂θ / (√h + 10⁻⁷)`, with the decay `ρ = 0.99`:
/// `h` is a moving average of the squared gradients, so the steps shrink where gradients are
/// large now, not where they were large long ago.
///
/// ```
/// use dlfs_optimizers::{Optimizer, Param, RmsProp};
/// let (mut w, g) = ([1.0], [0.5]);
/// RmsProp::new(0.1).update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
/// let h: f64 = (1.0 - 0.99) * 0.5 * 0.5;
/// assert_eq!(w[0], 1.0 - 0.1 * 0.5 / (h.sqrt() + 1e-7));
/// ```
#[derive(Debug, Clone)]
pub struct RmsProp<F = f64> {
    /// The learning rate `η`.
    pub lr: f64,
    /// The decay `ρ` of the moving average (the book's default: 0.99).
    pub decay_rate: f64,
    h: PerParam<F>,
}

impl RmsProp {
    /// The optimizer for f64 parameters, as numpy's (see [`new_in`](RmsProp::new_in) for
    /// another precision).
    pub fn new(lr: f64) -> Self {
        Self::new_in(lr)
    }
}

impl<F: Float> RmsProp<F> {
    /// RMSprop with learning rate `lr` and the book's decay 0.99.
    pub fn new_in(lr: f64) -> Self {
        Self {
            lr,
            decay_rate: 0.99,
            h: PerParam::default(),
        }
    }
}

impl<F: Float> Optimizer<F> for RmsProp<F> {
    /// The book's `h *= decay; h += (1 - decay)*g*g; params -= lr*g / (sqrt(h) + 1e-7)`.
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let first = self.h.begin();
        let rest = F::from_f64(1.0 - self.decay_rate);
        let (lr, decay_rate, eps) = (
            F::from_f64(self.lr),
            F::from_f64(self.decay_rate),
            F::from_f64(1e-7),
        );
        for (i, p) in params.into_iter().enumerate() {
            let h = self.h.of("RmsProp", first, i, &p);
            for ((theta, &g), h) in p.value.iter_mut().zip(p.grad).zip(h) {
                *h *= decay_rate;
                *h += rest * g * g;
                *theta -= lr * g / (h.sqrt() + eps);
            }
        }
    }
}
