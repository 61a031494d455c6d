//! The entries of a [`MultiLayerNet`](crate::MultiLayerNet)'s `layers`, the book's
//! `self.layers`, as one enum rather than `Box<dyn Layer>`: the training step calls each layer
//! directly and the compiler inlines it. Only for speed; read a `NetLayer` as the layer it holds.

use crate::activation::Activation;
use dlfs_layers::{Affine, Layer, Relu, Sigmoid, Tanh};
use ndarray::ArrayRef2;

/// One entry of the book's `self.layers`.
#[derive(Debug, Clone)]
pub(crate) enum NetLayer {
    /// The first Affine layer, which reads the data: it keeps no copy of it
    /// ([`Affine::forward_without_input`]), and the network hands the data back for `dW`
    /// ([`NetLayer::backward_first`]), as numpy's `self.x = x` keeps a reference, not a copy.
    First(Affine),
    Affine(Affine),
    Sigmoid(Sigmoid),
    Relu(Relu),
    Tanh(Tanh),
}

impl NetLayer {
    /// A fresh activation layer of this kind.
    pub(crate) fn activation(activation: Activation) -> Self {
        match activation {
            Activation::Sigmoid => NetLayer::Sigmoid(Sigmoid::new()),
            Activation::Relu => NetLayer::Relu(Relu::new()),
            Activation::Tanh => NetLayer::Tanh(Tanh::new()),
        }
    }

    /// The layer, if it is an Affine layer.
    pub(crate) fn as_affine(&self) -> Option<&Affine> {
        match self {
            NetLayer::First(a) | NetLayer::Affine(a) => Some(a),
            _ => None,
        }
    }

    /// The layer, if it is an Affine layer, to be written.
    #[inline]
    pub(crate) fn as_affine_mut(&mut self) -> Option<&mut Affine> {
        match self {
            NetLayer::First(a) | NetLayer::Affine(a) => Some(a),
            _ => None,
        }
    }

    /// The first layer's backward pass: `dW` and `db` from the data `x` handed back.
    ///
    /// # Panics
    /// If this is not the first layer (a programming error of this crate).
    #[inline]
    pub(crate) fn backward_first(&mut self, x: &ArrayRef2<f64>, dout: &ArrayRef2<f64>) {
        match self {
            NetLayer::First(a) => a.backward_params_with_input(x, dout),
            other => unreachable!("backward_first on {}", other.name()),
        }
    }
}

/// Calls the same method on whichever layer it is.
macro_rules! each {
    ($self:expr, $l:ident => $e:expr) => {
        match $self {
            NetLayer::First($l) | NetLayer::Affine($l) => $e,
            NetLayer::Sigmoid($l) => $e,
            NetLayer::Relu($l) => $e,
            NetLayer::Tanh($l) => $e,
        }
    };
}

impl Layer for NetLayer {
    fn name(&self) -> &'static str {
        each!(self, l => l.name())
    }

    #[inline]
    fn forward(&mut self, x: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        match self {
            NetLayer::First(a) => a.forward_without_input(x),
            other => each!(other, l => l.forward(x)),
        }
    }

    #[inline]
    fn backward(&mut self, dout: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        each!(self, l => l.backward(dout))
    }

    #[inline]
    fn backward_params(&mut self, dout: &ArrayRef2<f64>) {
        each!(self, l => l.backward_params(dout))
    }

    #[inline]
    fn output(&self) -> &ArrayRef2<f64> {
        each!(self, l => l.output())
    }
}
