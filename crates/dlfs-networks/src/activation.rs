//! The hidden layers' activation function, chosen by name.

use dlfs_layers::{Layer, Relu, Sigmoid, Tanh};
use std::fmt;
use std::str::FromStr;

/// The activation function of the hidden layers (with the feature `clap`, a
/// `clap::ValueEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Activation {
    /// The sigmoid 1/(1 + e^-x), as in the article: [`Sigmoid`] layers.
    Sigmoid,
    /// The rectified linear unit max(0, x): [`Relu`] layers.
    Relu,
    /// The hyperbolic tangent: [`Tanh`] layers.
    Tanh,
}

impl Activation {
    /// A fresh layer of this kind (the layer a [`MultiLayerNet`](crate::MultiLayerNet) builds for each hidden layer).
    ///
    /// ```
    /// use dlfs_networks::Activation;
    /// use ndarray::array;
    /// let mut relu = Activation::Relu.layer();
    /// assert_eq!(relu.name(), "Relu");
    /// assert_eq!(relu.forward(&array![[-1.0, 2.0]]), array![[0.0, 2.0]]);
    /// ```
    pub fn layer(self) -> Box<dyn Layer + Send> {
        match self {
            Activation::Sigmoid => Box::new(Sigmoid::new()),
            Activation::Relu => Box::new(Relu::new()),
            Activation::Tanh => Box::new(Tanh::new()),
        }
    }

    /// Every activation: sigmoid, ReLU, tanh.
    pub const ALL: [Activation; 3] = [Activation::Sigmoid, Activation::Relu, Activation::Tanh];

    /// The lower-case name used on command lines and in files: `sigmoid`, `relu` or `tanh`.
    pub fn as_str(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Activation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "sigmoid" => Ok(Activation::Sigmoid),
            "relu" => Ok(Activation::Relu),
            "tanh" => Ok(Activation::Tanh),
            other => Err(format!(
                "unknown activation '{other}' (expected sigmoid, relu or tanh)"
            )),
        }
    }
}
