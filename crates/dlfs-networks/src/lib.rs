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
//! * [`MultiLayerNet::with_batch_norm`], [`with_dropout`](MultiLayerNet::with_dropout),
//!   [`with_weight_decay`](MultiLayerNet::with_weight_decay) — chapter 6's tools, as the book's
//!   `MultiLayerNetExtend` adds them: a `BatchNorm` layer after every hidden Affine (§6.3), a
//!   `Dropout` layer after every activation (§6.4.3), and `½·λ·ΣW²` added to the loss, `λ·W`
//!   to every `dW` (§6.4.2).
//! * [`MultiLayerNet::params_mut`] — every parameter with its gradient, `W1`, `b1`, `W2`, …:
//!   the one walk over the parameters, which an optimizer of `dlfs-optimizers` updates
//!   (`optimizer.update(&mut net.params_mut())`, §6.1) and on which [`params`](MultiLayerNet::params),
//!   [`grads`](MultiLayerNet::grads) and the numerical gradient are built.

use dlfs_init::{Float, Init, RandomState};
mod activation;
mod extend;
mod net_layer;
mod precision;

pub use activation::Activation;
pub use extend::Extend;
pub use precision::Precision;

use dlfs_layers::{Affine, BatchNormalization, Dropout, Param, SoftmaxWithLoss};
pub use dlfs_losses::{Targets, argmax};
use dlfs_numpy::kernels::sum_of_squares;
use ndarray::{Array1, Array2, ArrayD, ArrayRef2, IxDyn, Zip};
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
pub struct MultiLayerNet<F: Float = f64> {
    activation: Activation,
    /// The book's `self.layers`: `Affine1`, `Sigmoid1` (or `Relu1`, `Tanh1`), `Affine2`, …,
    /// `AffineK+1`.
    layers: Vec<NetLayer<F>>,
    /// The book's `self.last_layer`.
    last_layer: SoftmaxWithLoss<F>,
    /// The book's `weight_decay_lambda`, λ (0: no weight decay).
    weight_decay_lambda: f64,
}

impl<F: Float> fmt::Debug for MultiLayerNet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiLayerNet")
            .field("sizes", &self.sizes())
            .field("activation", &self.activation)
            .field("weight_decay_lambda", &self.weight_decay_lambda)
            .field(
                "layers",
                &self.layers.iter().map(NetLayer::name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl MultiLayerNet {
    /// A network in f64, as numpy's (see [`new_in`](MultiLayerNet::new_in)): layer sizes
    /// `[input, hidden…, output]`, its parameters drawn by `init` from `rng` layer by layer (W1,
    /// b1, W2, b2, …).
    ///
    /// # Panics
    /// If there are fewer than two sizes or a size is 0.
    pub fn new(sizes: &[usize], activation: Activation, init: Init, rng: &mut RandomState) -> Self {
        Self::new_in(sizes, activation, init, rng)
    }
}

impl<F: Float> MultiLayerNet<F> {
    /// A network with layer sizes `[input, hidden…, output]`, its parameters drawn by `init` from
    /// `rng` layer by layer (W1, b1, W2, b2, …).
    ///
    /// # Panics
    /// If there are fewer than two sizes or a size is 0.
    pub fn new_in(
        sizes: &[usize],
        activation: Activation,
        init: Init,
        rng: &mut RandomState,
    ) -> Self {
        assert!(
            sizes.len() >= 2 && sizes.iter().all(|&s| s > 0),
            "MultiLayerNet::new: sizes {sizes:?} need an input and an output size, all positive"
        );
        Self::from_params(init.params_in(sizes, rng), activation)
    }

    /// A network with the given `(W, b)` per Affine layer, in order.
    ///
    /// # Panics
    /// If there are no layers, or the shapes do not chain (`Wᵢ` is `(nᵢ, nᵢ₊₁)`, `bᵢ` is `(nᵢ₊₁,)`).
    pub fn from_params(params: Vec<(Array2<F>, Array1<F>)>, activation: Activation) -> Self {
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
            last_layer: SoftmaxWithLoss::new_in(),
            weight_decay_lambda: 0.0,
        }
    }

    /// The network with a `BatchNorm` layer after every hidden Affine layer, before its
    /// activation (§6.3, the book's `use_batchnorm=True`): `γ = 1`, `β = 0`, named `gamma1`,
    /// `beta1`, … after the Affine layer they follow, and walked by
    /// [`params_mut`](Self::params_mut) after its `W` and `b`.
    ///
    /// ```
    /// use dlfs_init::{Init, RandomState};
    /// use dlfs_networks::{Activation, MultiLayerNet};
    /// let mut net = MultiLayerNet::new(&[2, 3, 2], Activation::Relu, Init::He, &mut RandomState::new(1))
    ///     .with_batch_norm();
    /// let names: Vec<String> = net.params_mut().map(|p| p.to_string()).collect();
    /// assert_eq!(names, ["W1", "b1", "gamma1", "beta1", "W2", "b2"]);
    /// ```
    ///
    /// # Panics
    /// If the network already has Batch Normalization.
    pub fn with_batch_norm(mut self) -> Self {
        assert!(
            !self.has_batch_norm(),
            "MultiLayerNet::with_batch_norm: the network already has Batch Normalization"
        );
        let last = self.layers.len() - 1;
        let mut layers = Vec::with_capacity(self.layers.len() * 2);
        for (i, layer) in self.layers.into_iter().enumerate() {
            let width = layer.as_affine().filter(|_| i < last).map(|a| a.w.ncols());
            layers.push(layer);
            if let Some(width) = width {
                layers.push(NetLayer::BatchNorm(Box::new(BatchNormalization::new_in(
                    width,
                ))));
            }
        }
        self.layers = layers;
        self
    }

    /// The network with a `Dropout` layer after every hidden activation, dropping
    /// `dropout_ratio` of its neurons in training (§6.4.3, the book's `use_dropout=True,
    /// dropout_ration=…`). Train it with [`gradient_with`](Self::gradient_with), which lends
    /// the layers the random stream their masks are drawn from.
    ///
    /// # Panics
    /// If `dropout_ratio` is not in `[0, 1)`, or the network already has Dropout.
    pub fn with_dropout(mut self, dropout_ratio: f64) -> Self {
        assert!(
            !self.has_dropout(),
            "MultiLayerNet::with_dropout: the network already has Dropout"
        );
        let mut layers = Vec::with_capacity(self.layers.len() * 2);
        for layer in self.layers {
            let activation = layer.is_activation();
            layers.push(layer);
            if activation {
                layers.push(NetLayer::Dropout(Dropout::new_in(dropout_ratio)));
            }
        }
        self.layers = layers;
        self
    }

    /// The network with weight decay λ (§6.4.2, the book's `weight_decay_lambda`): the loss
    /// gains `½·λ·Σ‖W‖²` over every weight matrix, and every `dW` gains `λ·W`.
    ///
    /// # Panics
    /// If `lambda` is negative or not finite.
    pub fn with_weight_decay(mut self, lambda: f64) -> Self {
        assert!(
            lambda.is_finite() && lambda >= 0.0,
            "MultiLayerNet::with_weight_decay: lambda {lambda} is not a finite number ≥ 0"
        );
        self.weight_decay_lambda = lambda;
        self
    }

    /// The network with chapter 6's additions that `extend` turns on: Batch Norm, Dropout,
    /// weight decay (see [`with_batch_norm`](Self::with_batch_norm),
    /// [`with_dropout`](Self::with_dropout), [`with_weight_decay`](Self::with_weight_decay)).
    ///
    /// # Panics
    /// As those three.
    pub fn extended(mut self, extend: Extend) -> Self {
        if extend.batch_norm {
            self = self.with_batch_norm();
        }
        if let Some(ratio) = extend.dropout {
            self = self.with_dropout(ratio);
        }
        self.with_weight_decay(extend.weight_decay)
    }

    /// The same network in f64: every parameter (and Batch Norm's running statistics) widened
    /// exactly, the layers' buffers fresh. An f64 network's copy is itself.
    pub fn widened(&self) -> MultiLayerNet<f64> {
        let wide = |a: &ndarray::ArrayRef1<F>| a.mapv(F::to_f64);
        let layers = (self.layers.iter())
            .map(|l| match l {
                NetLayer::First(a) | NetLayer::Affine(a) => {
                    let affine = Affine::new(a.w.mapv(F::to_f64), wide(&a.b));
                    match l {
                        NetLayer::First(_) => NetLayer::First(affine),
                        _ => NetLayer::Affine(affine),
                    }
                }
                NetLayer::Sigmoid(_) => NetLayer::activation(Activation::Sigmoid),
                NetLayer::Relu(_) => NetLayer::activation(Activation::Relu),
                NetLayer::Tanh(_) => NetLayer::activation(Activation::Tanh),
                NetLayer::BatchNorm(bn) => {
                    let mut wide_bn = BatchNormalization::new_in(bn.gamma.len());
                    wide_bn.gamma = wide(&bn.gamma);
                    wide_bn.beta = wide(&bn.beta);
                    wide_bn.momentum = bn.momentum;
                    wide_bn.running_mean = wide(&bn.running_mean);
                    wide_bn.running_var = wide(&bn.running_var);
                    NetLayer::BatchNorm(Box::new(wide_bn))
                }
                NetLayer::Dropout(d) => NetLayer::Dropout(Dropout::new_in(d.dropout_ratio)),
            })
            .collect();
        MultiLayerNet {
            activation: self.activation,
            layers,
            last_layer: SoftmaxWithLoss::new_in(),
            weight_decay_lambda: self.weight_decay_lambda,
        }
    }

    /// Whether the network has Batch Normalization layers.
    pub fn has_batch_norm(&self) -> bool {
        self.layers
            .iter()
            .any(|l| matches!(l, NetLayer::BatchNorm(_)))
    }

    /// Whether the network has Dropout layers (train it with [`gradient_with`](Self::gradient_with)).
    pub fn has_dropout(&self) -> bool {
        self.layers
            .iter()
            .any(|l| matches!(l, NetLayer::Dropout(_)))
    }

    /// The weight decay λ (0 without).
    pub fn weight_decay_lambda(&self) -> f64 {
        self.weight_decay_lambda
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
        self.layers.iter().filter(|l| l.is_activation()).count()
    }

    /// The Affine layers, `Affine1 … AffineK+1` (for reading `w`, `b`, `dw`, `db`).
    pub fn affines(&self) -> Vec<&Affine<F>> {
        self.layers.iter().filter_map(NetLayer::as_affine).collect()
    }

    /// The scores (the last Affine's output, before the softmax) for a batch `x` `(N, input)`:
    /// the book's `predict(x, train_flg=False)`, every layer's forward pass in turn, Batch Norm
    /// and Dropout in test mode. Returns a view of the last layer's buffer.
    ///
    /// # Panics
    /// If `x` does not have `input` columns.
    pub fn predict<'a>(&'a mut self, x: &'a ArrayRef2<F>) -> &'a ArrayRef2<F> {
        self.predict_with(x, false)
    }

    /// The book's `predict(x, train_flg)`: with `train_flg`, Batch Norm normalises over this
    /// batch (updating its running statistics) as in training; without, as [`predict`](Self::predict).
    ///
    /// # Panics
    /// If `x` does not have `input` columns, or `train_flg` is set and the network has Dropout
    /// (whose masks need a random stream: see [`gradient_with`](Self::gradient_with)).
    pub fn predict_with<'a>(
        &'a mut self,
        x: &'a ArrayRef2<F>,
        train_flg: bool,
    ) -> &'a ArrayRef2<F> {
        let mut x = x;
        for layer in &mut self.layers {
            x = layer.forward(x, train_flg, None);
        }
        x
    }

    /// The softmax probabilities for a batch `x`, shape `(N, output)`.
    pub fn probabilities(&mut self, x: &ArrayRef2<F>) -> Array2<F> {
        dlfs_activations::softmax_rows(self.predict(x))
    }

    /// The output of hidden layer `k` (1-based, the book's `Sigmoid1` is `k = 1`) from the last
    /// forward pass: `(N, nₖ)`.
    ///
    /// # Panics
    /// If `k` is 0 or larger than the number of hidden layers.
    pub fn hidden_output(&self, k: usize) -> &ArrayRef2<F> {
        assert!(
            (1..=self.hidden_layers()).contains(&k),
            "MultiLayerNet::hidden_output: no hidden layer {k} (the network has {})",
            self.hidden_layers()
        );
        self.layers
            .iter()
            .filter(|l| l.is_activation())
            .nth(k - 1)
            .expect("k counts the hidden layers")
            .output()
    }

    /// The loss `L = CEE(softmax(predict(x)), t)` (§4.2), plus the weight decay
    /// `½·λ·Σ‖W‖²` (§6.4.2): the book's `loss(x, t, train_flg=False)`.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn loss(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> f64 {
        self.loss_in(x, t, false, None).to_f64()
    }

    /// The book's `loss(x, t, train_flg)`; Dropout in training draws its masks from `rng`.
    fn loss_in(
        &mut self,
        x: &ArrayRef2<F>,
        t: Targets<'_>,
        train_flg: bool,
        mut rng: Option<&mut RandomState>,
    ) -> F {
        // y = self.predict(x, train_flg), written out so that the last layer can be borrowed
        // beside the others.
        let mut y = x;
        for layer in &mut self.layers {
            y = layer.forward(y, train_flg, rng.as_deref_mut());
        }
        self.last_layer.forward(y, t) + self.weight_decay()
    }

    /// `Σ ½·λ·np.sum(W**2)` over the Affine layers, in numpy's order (0 without weight decay).
    fn weight_decay(&self) -> F {
        let lambda = self.weight_decay_lambda;
        if lambda == 0.0 {
            return F::zero();
        }
        // 0.5 * weight_decay_lambda is a Python float, np.sum(W**2) one of W's precision.
        let half_lambda = F::from_f64(0.5 * lambda);
        self.layers
            .iter()
            .filter_map(NetLayer::as_affine)
            .fold(F::zero(), |decay, a| {
                let w = a.w.as_slice().expect("Affine keeps W contiguous");
                decay + half_lambda * sum_of_squares(w)
            })
    }

    /// The fraction of samples whose largest score is the target class.
    pub fn accuracy(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> f64 {
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

    /// Backpropagation (§5.7.2): a forward pass in training mode, then the gradient of the loss
    /// sent back through every layer. The gradients are left in the layers (`dw`, `db`, and
    /// with weight decay `dW + λ·W`) for an optimizer ([`params_mut`](Self::params_mut)) or
    /// [`grads`](Self::grads); returns the loss of the forward pass. The gradient with respect
    /// to the input `x` is not computed.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network, or the network has Dropout, whose masks need a
    /// random stream: use [`gradient_with`](Self::gradient_with).
    pub fn gradient(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> f64 {
        self.gradient_in(x, t, None)
    }

    /// [`gradient`](Self::gradient), with the Dropout layers' masks drawn from `rng`, as the
    /// book's `Dropout` draws them from numpy's global stream (between the mini-batches'
    /// `np.random.choice`, when the training loop draws those from the same `rng`).
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn gradient_with(
        &mut self,
        x: &ArrayRef2<F>,
        t: Targets<'_>,
        rng: &mut RandomState,
    ) -> f64 {
        self.gradient_in(x, t, Some(rng))
    }

    fn gradient_in(
        &mut self,
        x: &ArrayRef2<F>,
        t: Targets<'_>,
        rng: Option<&mut RandomState>,
    ) -> f64 {
        let loss = self.loss_in(x, t, true, rng);
        let mut dout = self.last_layer.backward(F::one());
        let (first, rest) = self.layers.split_first_mut().expect("at least one layer");
        for layer in rest.iter_mut().rev() {
            dout = layer.backward(dout);
        }
        // The first layer: nobody needs ∂L/∂x, the data's gradient, so it computes dW and db
        // only; and it kept no copy of the data, which is handed back (see `NetLayer::First`).
        first.backward_first(x, dout);
        // grads['W' + str(idx)] = dW + self.weight_decay_lambda * W
        if self.weight_decay_lambda != 0.0 {
            let lambda = F::from_f64(self.weight_decay_lambda);
            for a in self.layers.iter_mut().filter_map(NetLayer::as_affine_mut) {
                Zip::from(&mut a.dw)
                    .and(&a.w)
                    .for_each(|dw, &w| *dw += lambda * w);
            }
        }
        loss.to_f64()
    }

    /// The one walk over the parameters: `W1`, `b1`, `W2`, `b2`, … in that order (with Batch
    /// Norm `W1`, `b1`, `gamma1`, `beta1`, `W2`, …), each lent
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
    pub fn params_mut(&mut self) -> ParamsMut<'_, F> {
        ParamsMut {
            layers: self.layers.iter_mut(),
            number: 0,
            pending: None,
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

    fn named(&mut self, pick: impl for<'a> Fn(Param<'a, F>) -> &'a [F]) -> Vec<NamedArray> {
        self.params_mut()
            .map(|p| {
                let name = p.to_string();
                let shape = match (p.name, p.shape) {
                    ("W", (m, n)) => IxDyn(&[m, n]),
                    (_, (_, n)) => IxDyn(&[n]),
                };
                let values = pick(p).iter().map(|v| v.to_f64()).collect();
                let value = ArrayD::from_shape_vec(shape, values)
                    .expect("a parameter's shape holds its values");
                NamedArray { name, value }
            })
            .collect()
    }

    /// Whether every parameter is a finite number (no overflow to ±∞ or NaN).
    pub fn is_finite(&self) -> bool {
        let finite = |v: &F| v.is_finite();
        self.layers.iter().all(|l| match l {
            NetLayer::First(a) | NetLayer::Affine(a) => a.w.iter().chain(&a.b).all(finite),
            NetLayer::BatchNorm(bn) => bn.gamma.iter().chain(&bn.beta).all(finite),
            _ => true,
        })
    }

    /// The numerical gradient of the loss (§4.4): for every parameter element θ,
    /// `∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h` with `h = 10⁻⁴`. Two forward passes per element: use it
    /// to check backprop, not to train. The loss is the book's `loss(x, t, train_flg=True)`.
    /// The parameters are left as they were (Batch Norm's running statistics are not).
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network, or it has Dropout (whose masks would change from
    /// one loss to the next).
    pub fn numerical_gradient(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> Vec<NamedArray> {
        // Element `e` of the `p`-th parameter of the walk, to be written.
        fn element<F: Float>(net: &mut MultiLayerNet<F>, p: usize, e: usize) -> &mut F {
            let param = net
                .params_mut()
                .nth(p)
                .expect("p counts the walk's parameters");
            &mut param.value[e]
        }
        let mut grads = self.params();
        for (p, grad) in grads.iter_mut().enumerate() {
            for (e, g) in grad.value.iter_mut().enumerate() {
                let (old, h) = (*element(self, p, e), F::from_f64(H));
                *element(self, p, e) = old + h;
                let f1 = self.loss_in(x, t, true, None);
                *element(self, p, e) = old - h;
                let f2 = self.loss_in(x, t, true, None);
                *element(self, p, e) = old;
                *g = ((f1 - f2) / (F::from_f64(2.0) * h)).to_f64();
            }
        }
        grads
    }

    /// The gradient check of §5.7.3: backprop against the numerical gradient, one row per
    /// parameter.
    ///
    /// # Panics
    /// If `x` or `t` do not fit the network.
    pub fn gradient_check(&mut self, x: &ArrayRef2<F>, t: Targets<'_>) -> Vec<GradCheck> {
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
pub struct ParamsMut<'a, F: Float = f64> {
    layers: std::slice::IterMut<'a, NetLayer<F>>,
    /// The number of the last Affine layer walked (`W1` is layer 1's; `gamma1` follows it).
    number: usize,
    /// The second parameter of the layer whose first was the last item (`b`, `beta`).
    pending: Option<Param<'a, F>>,
}

impl<'a, F: Float> Iterator for ParamsMut<'a, F> {
    type Item = Param<'a, F>;

    #[inline(always)]
    fn next(&mut self) -> Option<Param<'a, F>> {
        if let Some(p) = self.pending.take() {
            return Some(p);
        }
        loop {
            let [first, second] = match self.layers.next()? {
                NetLayer::First(a) | NetLayer::Affine(a) => {
                    self.number += 1;
                    a.params(self.number)
                }
                NetLayer::BatchNorm(bn) => bn.params(self.number),
                _ => continue,
            };
            self.pending = Some(second);
            return Some(first);
        }
    }
}
