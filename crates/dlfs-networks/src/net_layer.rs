//! The entries of a [`MultiLayerNet`](crate::MultiLayerNet)'s `layers`, the book's
//! `self.layers`, as one enum rather than `Box<dyn Layer>`: the training step calls each layer
//! directly and the compiler inlines it. Only for speed; read a `NetLayer` as the layer it holds.

use crate::activation::Activation;
use dlfs_init::{Float, RandomState};
use dlfs_layers::{Affine, BatchNormalization, Dropout, Layer, Relu, Sigmoid, Tanh};
use ndarray::ArrayRef2;

/// One entry of the book's `self.layers`.
#[derive(Debug, Clone)]
pub(crate) enum NetLayer<F: Float> {
    /// The first Affine layer, which reads the data: it keeps no copy of it
    /// ([`Affine::forward_without_input`]), and the network hands the data back for `dW`
    /// ([`NetLayer::backward_first`]), as numpy's `self.x = x` keeps a reference, not a copy.
    First(Affine<F>),
    Affine(Affine<F>),
    Sigmoid(Sigmoid<F>),
    Relu(Relu<F>),
    Tanh(Tanh<F>),
    /// Boxed: it is the largest layer, and the others should not pay for its size.
    BatchNorm(Box<BatchNormalization<F>>),
    Dropout(Dropout<F>),
}

impl<F: Float> NetLayer<F> {
    /// A fresh activation layer of this kind.
    pub(crate) fn activation(activation: Activation) -> Self {
        match activation {
            Activation::Sigmoid => NetLayer::Sigmoid(Sigmoid::new_in()),
            Activation::Relu => NetLayer::Relu(Relu::new_in()),
            Activation::Tanh => NetLayer::Tanh(Tanh::new_in()),
        }
    }

    /// The layer, if it is an Affine layer.
    pub(crate) fn as_affine(&self) -> Option<&Affine<F>> {
        match self {
            NetLayer::First(a) | NetLayer::Affine(a) => Some(a),
            _ => None,
        }
    }

    /// The layer, if it is an Affine layer, to be written.
    #[inline]
    pub(crate) fn as_affine_mut(&mut self) -> Option<&mut Affine<F>> {
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
    pub(crate) fn backward_first(&mut self, x: &ArrayRef2<F>, dout: &ArrayRef2<F>) {
        match self {
            NetLayer::First(a) => a.backward_params_with_input(x, dout),
            other => unreachable!("backward_first on {}", other.name()),
        }
    }

    /// Whether this is the hidden layers' activation (`Sigmoid`, `Relu` or `Tanh`).
    pub(crate) fn is_activation(&self) -> bool {
        matches!(
            self,
            NetLayer::Sigmoid(_) | NetLayer::Relu(_) | NetLayer::Tanh(_)
        )
    }

    /// The book's `predict` step for this layer: `layer.forward(x, train_flg)` for Dropout and
    /// BatchNorm, `layer.forward(x)` for the others. Dropout draws its mask from `rng` in
    /// training.
    ///
    /// # Panics
    /// If this is a Dropout layer in training and there is no `rng` (a programming error of
    /// this crate), or `x` does not fit the layer.
    #[inline(always)]
    pub(crate) fn forward(
        &mut self,
        x: &ArrayRef2<F>,
        train_flg: bool,
        rng: Option<&mut RandomState>,
    ) -> &ArrayRef2<F> {
        match self {
            NetLayer::First(a) => a.forward_without_input(x),
            NetLayer::Affine(a) => a.forward(x),
            NetLayer::Sigmoid(l) => l.forward(x),
            NetLayer::Relu(l) => l.forward(x),
            NetLayer::Tanh(l) => l.forward(x),
            NetLayer::BatchNorm(l) => l.forward(x, train_flg),
            NetLayer::Dropout(l) => {
                let rng =
                    train_flg.then(|| rng.expect("Dropout in training draws from a random stream"));
                l.forward(x, rng)
            }
        }
    }

    /// The layer's backward pass: `dx` from `dout`.
    #[inline]
    pub(crate) fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        match self {
            NetLayer::First(l) | NetLayer::Affine(l) => l.backward(dout),
            NetLayer::Sigmoid(l) => l.backward(dout),
            NetLayer::Relu(l) => l.backward(dout),
            NetLayer::Tanh(l) => l.backward(dout),
            NetLayer::BatchNorm(l) => l.backward(dout),
            NetLayer::Dropout(l) => l.backward(dout),
        }
    }

    /// The layer's name as the book writes it.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            NetLayer::First(l) | NetLayer::Affine(l) => l.name(),
            NetLayer::Sigmoid(l) => l.name(),
            NetLayer::Relu(l) => l.name(),
            NetLayer::Tanh(l) => l.name(),
            NetLayer::BatchNorm(l) => l.name(),
            NetLayer::Dropout(_) => "Dropout",
        }
    }

    /// The output of the last forward pass.
    pub(crate) fn output(&self) -> &ArrayRef2<F> {
        match self {
            NetLayer::First(l) | NetLayer::Affine(l) => l.output(),
            NetLayer::Sigmoid(l) => l.output(),
            NetLayer::Relu(l) => l.output(),
            NetLayer::Tanh(l) => l.output(),
            NetLayer::BatchNorm(l) => l.output(),
            NetLayer::Dropout(l) => l.output(),
        }
    }
}
