//! A multi-layer perceptron assembled from the layers of `dlfs-layers` (§5.7 of *Deep Learning
//! from Scratch*), trained by backpropagation and plain gradient descent.
//!
//! ```text
//! x ─ Affine1 ─ Sigmoid1 ─ Affine2 ─ Sigmoid2 ─ … ─ AffineK+1 ─ SoftmaxWithLoss ─ L
//! ```
//!
//! The article's `OneLayerNet` is a [`MultiLayerNet`] with one hidden layer. The parameters are
//! named as the book names them: `W1`, `b1`, `W2`, `b2`, …
//!
//! * [`MultiLayerNet::gradient`] — backprop: one forward pass, then `backward` through the layers
//!   in reverse (§5.7.2).
//! * [`MultiLayerNet::numerical_gradient`] — central differences `(L(θ+h) − L(θ−h)) / 2h` with
//!   `h = 10⁻⁴` (§4.3–4.4), slow but obviously right.
//! * [`MultiLayerNet::gradient_check`] — the two side by side (§5.7.3).
//! * [`MultiLayerNet::params_mut`] — every parameter with its gradient, `W1`, `b1`, `W2`, …:
//!   the one walk over the parameters, which an optimizer of `dlfs-optimizers` updates
//!   (`optimizer.update(&mut net.params_mut())`, §6.1) and on which [`params`](MultiLayerNet::params),
//!   [`grads`](MultiLayerNet::grads) and the numerical gradient are built.

use dlfs_init::{Init, RandomState};
mod activation;
mod net_layer;

pub use activation::Activation;

use dlfs_layers::{Affine, Layer, Param, SoftmaxWithLoss};
pub use dlfs_losses::{Targets, argmax};
use ndarray::{Array1, Array2, ArrayD, ArrayRef2, IxDyn};
use net_layer::NetLayer;
use std::fmt;

/// The step of the central difference in [`MultiLayerNet::numerical_gradient`] (§4.3.1).
pub const H: f64 = 1e-4;

/// A parameter or gradient with the book's name (`W1`, `b1`, …), copied out of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedArray {
    /// `W1`, `b1`, `W2`, …
    pub name: String,
    /// `(in, out)` for a weight, `(out,)` for a bias.
    pub value: ArrayD<f64>,
}

/// One row of the gradient check (§5.7.3): backprop against the numerical gradient of one
/// parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct GradCheck {
    /// The parameter's name (`W1`, `b1`, …).
    pub name: String,
    /// Mean of `|backprop − numerical|` over the parameter's elements (the book's table).
    pub mean_abs_diff: f64,
    /// Largest `|backprop − numerical|`.
    pub max_abs_diff: f64,
    /// `‖backprop − numerical‖ / (‖backprop‖ + ‖numerical‖)` (Euclidean norms; 0 if both are 0).
    pub rel_error: f64,
}

/// A fully connected network for classification: input → (Affine → activation) × k → Affine →
/// SoftmaxWithLoss (§5.7.1, the book's `TwoLayerNet` and `MultiLayerNet`).
///
/// ```
/// use dlfs_init::{Init, RandomState};
/// use dlfs_networks::{Activation, MultiLayerNet, Targets};
/// use dlfs_optimizers::{Optimizer, Sgd};
/// use ndarray::array;
/// // XOR with the article's network and settings, shortened to 2000 iterations.
/// let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
/// let t = [0, 1, 1, 0];
/// let mut net = MultiLayerNet::new(&[2, 4, 2], Activation::Sigmoid, Init::Article, &mut RandomState::new(42));
/// let mut optimizer = Sgd::new(0.01);
/// let first = net.loss(&x, Targets::Labels(&t));
/// for _ in 0..2000 {
///     net.gradient(&x, Targets::Labels(&t));
///     optimizer.update(&mut net.params_mut());
/// }
/// assert!(net.loss(&x, Targets::Labels(&t)) < first);
/// ```
#[derive(Clone)]
pub struct MultiLayerNet {
    activation: Activation,
    /// The book's `self.layers`: `Affine1`, `Sigmoid1` (or `Relu1`, `Tanh1`), `Affine2`, …,
    /// `AffineK+1`.
    layers: Vec<NetLayer>,
    /// The book's `self.last_layer`.
    last_layer: SoftmaxWithLoss,
}

impl fmt::Debug for MultiLayerNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiLayerNet")
            .field("sizes", &self.sizes())
            .field("activation", &self.activation)
            .finish_non_exhaustive()
    }
}

impl MultiLayerNet {
    /// A network with layer sizes `[input, hidden…, output]`, its parameters drawn by `init` from
    /// `rng` layer by layer (W1, b1, W2, b2, …).
    ///
    /// # Panics
    /// If there are fewer than two sizes or a size is 0.
    pub fn new(sizes: &[usize], activation: Activation, init: Init, rng: &mut RandomState) -> Self {
        assert!(
            sizes.len() >= 2 && sizes.iter().all(|&s| s > 0),
            "MultiLayerNet::new: sizes {sizes:?} need an input and an output size, all positive"
        );
        Self::from_params(init.params(sizes, rng), activation)
    }

    /// A network with the given `(W, b)` per Affine layer, in order.
    ///
    /// # Panics
    /// If there are no layers, or the shapes do not chain (`Wᵢ` is `(nᵢ, nᵢ₊₁)`, `bᵢ` is `(nᵢ₊₁,)`).
    pub fn from_params(params: Vec<(Array2<f64>, Array1<f64>)>, activation: Activation) -> Self {
        assert!(!params.is_empty(), "MultiLayerNet::from_params: no layers");
        for (i, pair) in params.windows(2).enumerate() {
            assert!(
                pair[0].0.ncols() == pair[1].0.nrows(),
                "MultiLayerNet::from_params: W{} shape {:?} does not chain into W{} shape {:?}",
                i + 1,
                pair[0].0.shape(),
                i + 2,
                pair[1].0.shape()
            );
        }
        let last = params.len() - 1;
        let mut layers = Vec::with_capacity(2 * last + 1);
        for (i, (w, b)) in params.into_iter().enumerate() {
            let affine = Affine::new(w, b);
            layers.push(match i {
                0 => NetLayer::First(affine),
                _ => NetLayer::Affine(affine),
            });
            if i < last {
                layers.push(NetLayer::activation(activation));
            }
        }
        Self {
            activation,
            layers,
            last_layer: SoftmaxWithLoss::new(),
        }
    }

    /// The layer sizes `[input, hidden…, output]`.
    pub fn sizes(&self) -> Vec<usize> {
        let affines = self.affines();
        std::iter::once(affines[0].w.nrows())
            .chain(affines.iter().map(|a| a.w.ncols()))
            .collect()
    }

    /// The hidden layers' activation.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The number of hidden layers `k`.
    pub fn hidden_layers(&self) -> usize {
        self.layers.len() / 2
    }

    /// The Affine layers, `Affine1 … AffineK+1` (for reading `w`, `b`, `dw`, `db`).
    pub fn affines(&self) -> Vec<&Affine> {
        self.layers.iter().filter_map(NetLayer::as_affine).collect()
    }

    /// The scores (the last Affine's output, before the softmax) for a batch `x` `(N, input)`:
    /// the book's `predict`, every layer's forward pass in turn. Returns a view of the last
    /// layer's buffer.
    ///
    /// # Panics
    /// If `x` does not have `input` columns.
    pub fn predict<'a>(&'a mut self, x: &'a ArrayRef2<f64>) -> &'a ArrayRef2<f64> {
        let mut x = x;
        for layer in &mut self.layers {
            x = layer.forward(x);
        }
        x
    }

    /// The softmax probabilities for a batch `x`, shape `(N, output)`.
    pub fn probabilities(&mut self, x: &ArrayRef2<f64>) -> Array2<f64> {
        dlfs_activations::softmax_rows(self.predict(x))
    }

    /// The output of hidden layer `k` (1-based, the book's `Sigmoid1` is `k = 1`) from the last
    /// forward pass: `(N, nₖ)`.
    ///
    /// # Panics
    /// If `k` is 0 or larger than the number of hidden layers.
    pub fn hidden_output(&self, k: usize) -> &ArrayRef2<f64> {
        assert!(
            (1..=self.hidden_layers()).contains(&k),
            "MultiLayerNet::hidden_output: no hidden layer {k} (the network has {})",
            self.hidden_layers()
        );
        self.layers[2 * k - 1].output()
    }

    /// The loss `L = CEE(softmax(predict(x)), t)` (§4.2).
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn loss(&mut self, x: &ArrayRef2<f64>, t: Targets<'_>) -> f64 {
        // self.predict(x), written out so that the last layer can be borrowed beside the others.
        let mut y = x;
        for layer in &mut self.layers {
            y = layer.forward(y);
        }
        self.last_layer.forward(y, t)
    }

    /// The fraction of samples whose largest score is the target class.
    pub fn accuracy(&mut self, x: &ArrayRef2<f64>, t: Targets<'_>) -> f64 {
        let scores = self.predict(x);
        t.check_shape("MultiLayerNet::accuracy", scores.nrows(), scores.ncols());
        let right = scores
            .rows()
            .into_iter()
            .enumerate()
            .filter(|(n, row)| argmax(row.iter().copied()) == t.label(*n))
            .count();
        right as f64 / scores.nrows() as f64
    }

    /// Backpropagation (§5.7.2): a forward pass, then the gradient of the loss sent back through
    /// every layer. The gradients are left in the Affine layers (`dw`, `db`) for
    /// an optimizer ([`params_mut`](Self::params_mut)) or [`grads`](Self::grads); returns the loss of the forward
    /// pass. The gradient with respect to the input `x` is not computed.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn gradient(&mut self, x: &ArrayRef2<f64>, t: Targets<'_>) -> f64 {
        let loss = self.loss(x, t);
        let mut dout = self.last_layer.backward(1.0);
        let (first, rest) = self.layers.split_first_mut().expect("at least one layer");
        for layer in rest.iter_mut().rev() {
            dout = layer.backward(dout);
        }
        // The first layer: nobody needs ∂L/∂x, the data's gradient, so it computes dW and db
        // only; and it kept no copy of the data, which is handed back (see `NetLayer::First`).
        first.backward_first(x, dout);
        loss
    }

    /// The one walk over the parameters: `W1`, `b1`, `W2`, `b2`, … in that order, each lent
    /// with its gradient from the last [`gradient`](Self::gradient) — the book's
    /// `network.params` and `grads` side by side. An optimizer updates them
    /// (`optimizer.update(&mut net.params_mut())`); [`params`](Self::params),
    /// [`grads`](Self::grads) and [`numerical_gradient`](Self::numerical_gradient) read them.
    ///
    /// ```
    /// use dlfs_init::{Init, RandomState};
    /// use dlfs_networks::{Activation, MultiLayerNet};
    /// let mut net = MultiLayerNet::new(&[2, 3, 2], Activation::Sigmoid, Init::Article, &mut RandomState::new(1));
    /// let names: Vec<String> = net.params_mut().map(|p| format!("{p} {:?}", p.shape)).collect();
    /// assert_eq!(names, ["W1 (2, 3)", "b1 (1, 3)", "W2 (3, 2)", "b2 (1, 2)"]);
    /// ```
    pub fn params_mut(&mut self) -> ParamsMut<'_> {
        ParamsMut {
            layers: self.layers.iter_mut(),
            number: 0,
            bias: None,
        }
    }

    /// A copy of the parameters, named `W1`, `b1`, `W2`, `b2`, … (`W` is `(in, out)`, `b` is
    /// `(out,)`).
    pub fn params(&mut self) -> Vec<NamedArray> {
        self.named(|p| p.value)
    }

    /// A copy of the gradients of the last [`gradient`](Self::gradient), named like the parameters.
    pub fn grads(&mut self) -> Vec<NamedArray> {
        self.named(|p| p.grad)
    }

    fn named(&mut self, pick: impl for<'a> Fn(Param<'a>) -> &'a [f64]) -> Vec<NamedArray> {
        self.params_mut()
            .map(|p| {
                let name = p.to_string();
                let shape = match (p.name, p.shape) {
                    ("b", (_, n)) => IxDyn(&[n]),
                    (_, (m, n)) => IxDyn(&[m, n]),
                };
                let value = ArrayD::from_shape_vec(shape, pick(p).to_vec())
                    .expect("a parameter's shape holds its values");
                NamedArray { name, value }
            })
            .collect()
    }

    /// Whether every parameter is a finite number (no overflow to ±∞ or NaN).
    pub fn is_finite(&self) -> bool {
        self.affines()
            .iter()
            .all(|a| a.w.iter().chain(a.b.iter()).all(|v| v.is_finite()))
    }

    /// The numerical gradient of the loss (§4.4): for every parameter element θ,
    /// `∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h` with `h = 10⁻⁴`. Two forward passes per element: use it
    /// to check backprop, not to train. The parameters are left as they were.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn numerical_gradient(&mut self, x: &ArrayRef2<f64>, t: Targets<'_>) -> Vec<NamedArray> {
        // Element `e` of the `p`-th parameter of the walk, to be written.
        fn element(net: &mut MultiLayerNet, p: usize, e: usize) -> &mut f64 {
            let param = net
                .params_mut()
                .nth(p)
                .expect("p counts the walk's parameters");
            &mut param.value[e]
        }
        let mut grads = self.params();
        for (p, grad) in grads.iter_mut().enumerate() {
            for (e, g) in grad.value.iter_mut().enumerate() {
                let old = *element(self, p, e);
                *element(self, p, e) = old + H;
                let f1 = self.loss(x, t);
                *element(self, p, e) = old - H;
                let f2 = self.loss(x, t);
                *element(self, p, e) = old;
                *g = (f1 - f2) / (2.0 * H);
            }
        }
        grads
    }

    /// The gradient check of §5.7.3: backprop against the numerical gradient, one row per
    /// parameter.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn gradient_check(&mut self, x: &ArrayRef2<f64>, t: Targets<'_>) -> Vec<GradCheck> {
        let numerical = self.numerical_gradient(x, t);
        self.gradient(x, t);
        self.grads()
            .into_iter()
            .zip(numerical)
            .map(|(bp, num)| {
                let n = bp.value.len() as f64;
                let diff = &bp.value - &num.value;
                let norm = |a: &ArrayD<f64>| a.iter().map(|v| v * v).sum::<f64>().sqrt();
                let denom = norm(&bp.value) + norm(&num.value);
                GradCheck {
                    name: bp.name,
                    mean_abs_diff: diff.iter().map(|d| d.abs()).sum::<f64>() / n,
                    max_abs_diff: diff.iter().fold(0.0, |m, d| m.max(d.abs())),
                    rel_error: if denom == 0.0 {
                        0.0
                    } else {
                        norm(&diff) / denom
                    },
                }
            })
            .collect()
    }
}

/// The walk over a network's parameters, [`MultiLayerNet::params_mut`]: `W1`, `b1`, `W2`, …
#[derive(Debug)]
pub struct ParamsMut<'a> {
    layers: std::slice::IterMut<'a, NetLayer>,
    /// The number of the last Affine layer walked (`W1` is layer 1's).
    number: usize,
    /// The `b` of the layer whose `W` was the last item.
    bias: Option<Param<'a>>,
}

impl<'a> Iterator for ParamsMut<'a> {
    type Item = Param<'a>;

    #[inline]
    fn next(&mut self) -> Option<Param<'a>> {
        if let Some(b) = self.bias.take() {
            return Some(b);
        }
        let affine = self.layers.by_ref().find_map(NetLayer::as_affine_mut)?;
        self.number += 1;
        let [w, b] = affine.params(self.number);
        self.bias = Some(b);
        Some(w)
    }
}
