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
mod momentum;
mod nesterov;
mod rmsprop;
mod sgd;
mod state;

pub use adagrad::AdaGrad;
pub use adam::Adam;
pub use dlfs_layers::Param;
pub use momentum::Momentum;
pub use nesterov::Nesterov;
pub use rmsprop::RmsProp;
pub use sgd::Sgd;
use std::fmt;
use std::str::FromStr;

/// An update rule for a network's parameters (§6.1): the book's `optimizer.update(params, grads)`.
///
/// `update` is generic over the walk it is given, so each optimizer's loop is compiled for the
/// network's own walk and inlined into the training loop; to choose an optimizer at run time,
/// [`Kind::build`] gives an [`AnyOptimizer`].
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
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a>>);
}

/// One of the optimizers, chosen at run time ([`Kind::build`]): each step goes to the chosen
/// one's own `update`.
#[derive(Debug, Clone)]
pub enum AnyOptimizer {
    /// [`Sgd`].
    Sgd(Sgd),
    /// [`Momentum`].
    Momentum(Momentum),
    /// [`Nesterov`].
    Nesterov(Nesterov),
    /// [`AdaGrad`].
    AdaGrad(AdaGrad),
    /// [`RmsProp`].
    RmsProp(RmsProp),
    /// [`Adam`].
    Adam(Adam),
}

impl Optimizer for AnyOptimizer {
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a>>) {
        match self {
            AnyOptimizer::Sgd(o) => o.update(params),
            AnyOptimizer::Momentum(o) => o.update(params),
            AnyOptimizer::Nesterov(o) => o.update(params),
            AnyOptimizer::AdaGrad(o) => o.update(params),
            AnyOptimizer::RmsProp(o) => o.update(params),
            AnyOptimizer::Adam(o) => o.update(params),
        }
    }
}

/// The optimizers by name, for choosing one at run time (`--optimizer adam`; with the feature
/// `clap`, a `clap::ValueEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Kind {
    /// Stochastic gradient descent, [`Sgd`] (§6.1.2).
    #[default]
    Sgd,
    /// SGD with momentum 0.9, [`Momentum`] (§6.1.4).
    Momentum,
    /// Nesterov's momentum, [`Nesterov`] (§6.1.6).
    Nesterov,
    /// Steps divided by the root of the summed squared gradients, [`AdaGrad`] (§6.1.5).
    #[cfg_attr(feature = "clap", value(name = "adagrad"))]
    AdaGrad,
    /// AdaGrad with a moving average (decay 0.99), [`RmsProp`] (§6.1.5).
    #[cfg_attr(feature = "clap", value(name = "rmsprop"))]
    RmsProp,
    /// Momentum and RMSprop with bias correction, [`Adam`] (§6.1.6).
    Adam,
}

impl Kind {
    /// Every optimizer, in the order of the book.
    pub const ALL: [Kind; 6] = [
        Kind::Sgd,
        Kind::Momentum,
        Kind::Nesterov,
        Kind::AdaGrad,
        Kind::RmsProp,
        Kind::Adam,
    ];

    /// The lower-case name used on command lines and in files: `sgd`, `momentum`, `nesterov`,
    /// `adagrad`, `rmsprop`, `adam`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sgd => "sgd",
            Kind::Momentum => "momentum",
            Kind::Nesterov => "nesterov",
            Kind::AdaGrad => "adagrad",
            Kind::RmsProp => "rmsprop",
            Kind::Adam => "adam",
        }
    }

    /// The book's name of the optimizer's class: `SGD`, `Momentum`, `Nesterov`, `AdaGrad`,
    /// `RMSprop`, `Adam`.
    pub fn book_name(self) -> &'static str {
        match self {
            Kind::Sgd => "SGD",
            Kind::Momentum => "Momentum",
            Kind::Nesterov => "Nesterov",
            Kind::AdaGrad => "AdaGrad",
            Kind::RmsProp => "RMSprop",
            Kind::Adam => "Adam",
        }
    }

    /// A fresh optimizer of this kind with learning rate `lr` and the book's other
    /// hyper-parameters.
    ///
    /// ```
    /// use dlfs_optimizers::{Kind, Optimizer, Param};
    /// let (mut w, g) = ([1.0], [0.5]);
    /// let mut opt = Kind::Sgd.build(0.1);
    /// opt.update([Param { name: "W", layer: 1, shape: (1, 1), value: &mut w, grad: &g }]);
    /// assert_eq!(w[0], 1.0 - 0.1 * 0.5);
    /// ```
    pub fn build(self, lr: f64) -> AnyOptimizer {
        match self {
            Kind::Sgd => AnyOptimizer::Sgd(Sgd::new(lr)),
            Kind::Momentum => AnyOptimizer::Momentum(Momentum::new(lr)),
            Kind::Nesterov => AnyOptimizer::Nesterov(Nesterov::new(lr)),
            Kind::AdaGrad => AnyOptimizer::AdaGrad(AdaGrad::new(lr)),
            Kind::RmsProp => AnyOptimizer::RmsProp(RmsProp::new(lr)),
            Kind::Adam => AnyOptimizer::Adam(Adam::new(lr)),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown optimizer '{s}' (expected one of: {})",
                    Kind::ALL.map(Kind::as_str).join(", ")
                )
            })
    }
}
