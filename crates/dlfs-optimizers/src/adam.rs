use crate::optimizer::Optimizer;
use crate::state::PerParam;
use dlfs_layers::Param;
use dlfs_numpy::Float;

/// Adam (§6.1.6): momentum and RMSprop together, with their bias corrected, the book's `Adam`.
///
/// At step `t` (from 1): `m ← m + (1 − β₁)(∂L/∂θ − m)`, `v ← v + (1 − β₂)((∂L/∂θ)² − v)`
/// (moving averages of the gradient and of its square, updated in place as the book does),
/// then `θ ← θ − ηₜ m / (√v + 10⁻⁷)` with the step `ηₜ = η √(1 − β₂ᵗ) / (1 − β₁ᵗ)`, which
/// corrects the averages' start at 0. The book's defaults: `β₁ = 0.9`, `β₂ = 0.999`.
///
/// ```
/// use dlfs_optimizers::{Adam, Optimizer, Param};
/// let (mut w, g) = ([1.0], [0.5]);
/// Adam::new(0.1).update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
/// // After one step m = 0.1·g, v = 0.001·g², and ηₜ undoes both factors: a step of about η.
/// assert!((w[0] - (1.0 - 0.1)).abs() < 1e-6);
/// ```
#[derive(Debug, Clone)]
pub struct Adam<F = f64> {
    /// The learning rate `η` (the book's default is 0.001).
    pub lr: f64,
    /// The decay `β₁` of the gradient's average (0.9).
    pub beta1: f64,
    /// The decay `β₂` of the squared gradient's average (0.999).
    pub beta2: f64,
    /// Steps taken, the book's `iter`.
    iter: i32,
    m: PerParam<F>,
    v: PerParam<F>,
}

impl Adam {
    /// The optimizer for f64 parameters, as numpy's (see [`new_in`](Adam::new_in) for
    /// another precision).
    pub fn new(lr: f64) -> Self {
        Self::new_in(lr)
    }
}

impl<F: Float> Adam<F> {
    /// Adam with learning rate `lr` and the book's `β₁ = 0.9`, `β₂ = 0.999`.
    pub fn new_in(lr: f64) -> Self {
        Self {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            iter: 0,
            m: PerParam::default(),
            v: PerParam::default(),
        }
    }
}

impl<F: Float> Optimizer<F> for Adam<F> {
    /// The book's update, operation for operation (numpy's order, so the bits agree).
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
        let first = self.m.begin();
        self.v.begin();
        self.iter = self.iter.saturating_add(1);
        let t = f64::from(self.iter);
        // lr * np.sqrt(1.0 - beta2**iter) / (1.0 - beta1**iter): Python's ** is the C pow.
        let lr_t = self.lr * (1.0 - self.beta2.powf(t)).sqrt() / (1.0 - self.beta1.powf(t));
        let (r1, r2) = (F::from_f64(1.0 - self.beta1), F::from_f64(1.0 - self.beta2));
        let (lr_t, eps) = (F::from_f64(lr_t), F::from_f64(1e-7));
        for (i, p) in params.into_iter().enumerate() {
            let m = self.m.of("Adam", first, i, &p);
            let v = self.v.of("Adam", first, i, &p);
            for (((theta, &g), m), v) in p.value.iter_mut().zip(p.grad).zip(m).zip(v) {
                *m += r1 * (g - *m);
                *v += r2 * (g * g - *v);
                *theta -= lr_t * *m / (v.sqrt() + eps);
            }
        }
    }
}
