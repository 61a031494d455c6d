//! The optimizers chosen at run time: by name ([`Kind`]) and as one type ([`AnyOptimizer`]).

use crate::optimizer::Optimizer;
use crate::{
    adagrad::AdaGrad, adam::Adam, momentum::Momentum, nesterov::Nesterov, rmsprop::RmsProp,
    sgd::Sgd,
};
use dlfs_layers::Param;
use dlfs_numpy::Float;
use std::fmt;
use std::str::FromStr;

/// One of the optimizers, chosen at run time ([`Kind::build`]): each step goes to the chosen
/// one's own `update`.
#[derive(Debug, Clone)]
pub enum AnyOptimizer<F = f64> {
    /// [`Sgd`].
    Sgd(Sgd),
    /// [`Momentum`].
    Momentum(Momentum<F>),
    /// [`Nesterov`].
    Nesterov(Nesterov<F>),
    /// [`AdaGrad`].
    AdaGrad(AdaGrad<F>),
    /// [`RmsProp`].
    RmsProp(RmsProp<F>),
    /// [`Adam`].
    Adam(Adam<F>),
}

impl<F: Float> Optimizer<F> for AnyOptimizer<F> {
    fn update<'a>(&mut self, params: impl IntoIterator<Item = Param<'a, F>>) {
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
        self.build_in(lr)
    }

    /// [`build`](Kind::build) for parameters of precision `F`.
    pub fn build_in<F: Float>(self, lr: f64) -> AnyOptimizer<F> {
        match self {
            Kind::Sgd => AnyOptimizer::Sgd(Sgd::new(lr)),
            Kind::Momentum => AnyOptimizer::Momentum(Momentum::new_in(lr)),
            Kind::Nesterov => AnyOptimizer::Nesterov(Nesterov::new_in(lr)),
            Kind::AdaGrad => AnyOptimizer::AdaGrad(AdaGrad::new_in(lr)),
            Kind::RmsProp => AnyOptimizer::RmsProp(RmsProp::new_in(lr)),
            Kind::Adam => AnyOptimizer::Adam(Adam::new_in(lr)),
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
