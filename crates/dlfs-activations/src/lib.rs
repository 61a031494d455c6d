//! Activation functions and their derivatives, side by side.
//!
//! Chapter 3 of *Deep Learning from Scratch* (ゼロから作るDeep Learning) introduces the step
//! function (§3.2.2), the sigmoid (§3.2.4), ReLU (§3.2.7), the identity and softmax output
//! functions (§3.5). Chapter 5 needs their derivatives for backpropagation (§5.5). This crate
//! keeps each function `f` next to its derivative `f_grad`, on scalars, so that the layers in
//! `dlfs-layers` can apply them element by element inside their own fused loops.
//!
//! The softmax works on a vector or row by row on a batch, subtracting the maximum first
//! (§3.5.2), so that inputs such as ±1000 give no overflow and no NaN.
//!
//! Every function computes exactly what the numpy code of the book computes, in the same order
//! of operations, so that results agree with numpy to the last bit. The exponential is
//! `dlfs_numpy::exp`, the C library's algorithm (which numpy calls) computed inline: the same
//! bits as `f64::exp`, faster. How it does that is not part of the book; read it as `eˣ`.

use dlfs_numpy::{Float, exp};
use ndarray::{ArrayRef1, ArrayRef2};

/// The identity function, the output activation for regression (§3.5): `h(x) = x`.
///
/// ```
/// assert_eq!(dlfs_activations::identity(-2.5), -2.5);
/// ```
#[inline]
pub fn identity(x: f64) -> f64 {
    x
}

/// Derivative of [`identity`]: `h'(x) = 1`.
///
/// ```
/// assert_eq!(dlfs_activations::identity_grad(7.0), 1.0);
/// ```
#[inline]
pub fn identity_grad(_x: f64) -> f64 {
    1.0
}

/// The step function of the perceptron (§3.2.2): `h(x) = 1` if `x > 0`, else `0`.
///
/// ```
/// use dlfs_activations::step;
/// assert_eq!((step(-1.0), step(0.0), step(0.5)), (0.0, 0.0, 1.0));
/// ```
#[inline]
pub fn step(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// Derivative of [`step`]: `h'(x) = 0` wherever it exists (everywhere but `x = 0`, where the
/// step jumps). This zero gradient is why networks are not trained with the step function
/// (§4.2.5): gradient descent gets no signal through it. At `x = 0` this returns 0 as well.
///
/// ```
/// assert_eq!(dlfs_activations::step_grad(3.0), 0.0);
/// ```
#[inline]
pub fn step_grad(_x: f64) -> f64 {
    0.0
}

/// The sigmoid (§3.2.4): `σ(x) = 1 / (1 + exp(−x))`, a smooth step from 0 to 1.
///
/// Computed as the book's numpy code does (`1 / (1 + np.exp(-x))`), so it matches numpy bit for
/// bit. For `x` below about −709, `exp(−x)` overflows to infinity and the result is exactly 0,
/// which is still the right limit.
///
/// ```
/// use dlfs_activations::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert!(sigmoid(40.0) > 0.999_999);
/// ```
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + exp(-x))
}

/// [`sigmoid`] of every element of `x`, written into `y`: the same bits, four at a time
/// (see [`dlfs_numpy::exp4`]).
///
/// # Panics
/// If `x` and `y` have different lengths.
///
/// ```
/// use dlfs_activations::{sigmoid, sigmoid_slice};
/// let x = [-3.0, -1.0, 0.0, 0.5, 2.0, 40.0];
/// let mut y = [0.0; 6];
/// sigmoid_slice(&x, &mut y);
/// assert_eq!(y, x.map(sigmoid));
/// ```
pub fn sigmoid_slice<F: Float>(x: &[F], y: &mut [F]) {
    assert_eq!(x.len(), y.len(), "sigmoid_slice: lengths differ");
    let one = F::one();
    let (x4, x_rest) = x.as_chunks::<4>();
    let (y4, y_rest) = y.as_chunks_mut::<4>();
    for (y, x) in y4.iter_mut().zip(x4) {
        let e = F::exp4(x.map(|x| -x));
        *y = e.map(|e| one / (one + e));
    }
    for (y, &x) in y_rest.iter_mut().zip(x_rest) {
        *y = one / (one + (-x).exp());
    }
}

/// Derivative of [`sigmoid`] (§5.5.2): `σ'(x) = σ(x) (1 − σ(x))`.
///
/// Backpropagation never recomputes `σ(x)`: the Sigmoid layer keeps its output `y` and uses
/// [`sigmoid_grad_from_output`], `y (1 − y)`.
///
/// ```
/// assert_eq!(dlfs_activations::sigmoid_grad(0.0), 0.25);
/// ```
#[inline]
pub fn sigmoid_grad(x: f64) -> f64 {
    sigmoid_grad_from_output(sigmoid(x))
}

/// The sigmoid's derivative written with its output `y = σ(x)` (§5.5.2): `∂y/∂x = y (1 − y)`.
///
/// Evaluated as `(1 − y) · y`, the order of the book's `dout * (1.0 - self.out) * self.out`.
///
/// ```
/// assert_eq!(dlfs_activations::sigmoid_grad_from_output(0.5), 0.25);
/// ```
#[inline]
pub fn sigmoid_grad_from_output(y: f64) -> f64 {
    (1.0 - y) * y
}

/// The rectified linear unit (§3.2.7): `h(x) = x` if `x > 0`, else `0`.
///
/// ```
/// use dlfs_activations::relu;
/// assert_eq!((relu(-3.0), relu(0.0), relu(2.0)), (0.0, 0.0, 2.0));
/// ```
#[inline]
pub fn relu(x: f64) -> f64 {
    if x > 0.0 { x } else { 0.0 }
}

/// Derivative of [`relu`] (§5.5.1): `h'(x) = 1` if `x > 0`, else `0`.
///
/// At the kink `x = 0` the derivative does not exist; like the book's `Relu` layer (whose mask is
/// `x <= 0`) this returns 0 there.
///
/// ```
/// use dlfs_activations::relu_grad;
/// assert_eq!((relu_grad(-1.0), relu_grad(0.0), relu_grad(1e-9)), (0.0, 0.0, 1.0));
/// ```
#[inline]
pub fn relu_grad(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// The hyperbolic tangent: `tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`, a sigmoid stretched to (−1, 1):
/// `tanh(x) = 2σ(2x) − 1`. The C library's `tanh` (`f64::tanh`), which numpy's `np.tanh` equals
/// on machines without AVX-512.
///
/// ```
/// assert_eq!(dlfs_activations::tanh(0.0), 0.0);
/// ```
#[inline]
pub fn tanh(x: f64) -> f64 {
    x.tanh()
}

/// Derivative of [`tanh`]: `tanh'(x) = 1 − tanh²(x)`.
///
/// ```
/// assert_eq!(dlfs_activations::tanh_grad(0.0), 1.0);
/// ```
#[inline]
pub fn tanh_grad(x: f64) -> f64 {
    tanh_grad_from_output(tanh(x))
}

/// The tanh's derivative written with its output `y = tanh(x)`: `∂y/∂x = 1 − y²`, which is
/// what the Tanh layer uses (it keeps `y`). Evaluated as `1 − y·y`.
///
/// ```
/// assert_eq!(dlfs_activations::tanh_grad_from_output(0.5), 0.75);
/// ```
#[inline]
pub fn tanh_grad_from_output(y: f64) -> f64 {
    1.0 - y * y
}

/// Softmax of one vector (§3.5.1–3.5.2): `yₖ = exp(aₖ − max a) / Σᵢ exp(aᵢ − max a)`.
///
/// Subtracting the maximum changes nothing mathematically (numerator and denominator are both
/// multiplied by `exp(−max a)`) but keeps `exp` from overflowing. The outputs lie in [0, 1] and
/// sum to 1. The Jacobian is `∂yₖ/∂aⱼ = yₖ (δₖⱼ − yⱼ)`; combined with the cross-entropy loss it
/// gives the simple gradient `y − t` (§5.6.3, see `SoftmaxWithLoss` in `dlfs-layers`).
///
/// # Panics
/// If `out` does not have the length of `a`.
///
/// ```
/// use ndarray::{array, Array1};
/// let a = array![1010.0, 1000.0, 990.0];
/// let mut y = Array1::<f64>::zeros(3);
/// dlfs_activations::softmax_into(&a, &mut y);
/// assert!((y.sum() - 1.0).abs() < 1e-15);
/// assert!(y[0] > 0.9999 && y.iter().all(|v| v.is_finite()));
/// ```
pub fn softmax_into<F: Float>(a: &ArrayRef1<F>, out: &mut ArrayRef1<F>) {
    assert_eq!(
        a.len(),
        out.len(),
        "softmax: input length {} does not match output length {}",
        a.len(),
        out.len()
    );
    match (a.as_slice(), out.as_slice_mut()) {
        (Some(x), Some(y)) => softmax_slice(x, y, x.len()),
        _ => {
            // A strided view (a column, a row of a transposed matrix): work on copies.
            let x = a.to_vec();
            let mut y = vec![F::zero(); x.len()];
            softmax_slice(&x, &mut y, x.len());
            out.assign(&ndarray::ArrayView1::from(&y[..]));
        }
    }
}

/// The softmax of §3.5.2 on rows of `classes` values stored one after another: subtract each
/// row's maximum, exponentiate (all rows in one pass, four values at a time), sum each row in
/// order, divide (not multiply by 1/sum), as numpy does.
fn softmax_slice<F: Float>(x: &[F], y: &mut [F], classes: usize) {
    // Rows of a few classes as fixed-size arrays, whose loops the compiler unrolls.
    match classes {
        0 => {}
        2 => softmax_rows_of::<_, 2>(x, y),
        3 => softmax_rows_of::<_, 3>(x, y),
        4 => softmax_rows_of::<_, 4>(x, y),
        _ => {
            for (x, y) in x.chunks_exact(classes).zip(y.chunks_exact_mut(classes)) {
                let max = x
                    .iter()
                    .fold(F::from_f64(f64::NEG_INFINITY), |m, &v| m.max(v));
                for (y, &x) in y.iter_mut().zip(x) {
                    *y = x - max;
                }
            }
            F::exp_in_place(y);
            for y in y.chunks_exact_mut(classes) {
                let sum = y.iter().fold(F::zero(), |s, &e| s + e);
                for y in y.iter_mut() {
                    *y /= sum;
                }
            }
        }
    }
}

/// [`softmax_slice`] for rows of `C` classes.
fn softmax_rows_of<F: Float, const C: usize>(x: &[F], y: &mut [F]) {
    let (x_rows, _) = x.as_chunks::<C>();
    let (y_rows, _) = y.as_chunks_mut::<C>();
    for (x, y) in x_rows.iter().zip(y_rows.iter_mut()) {
        let max = x
            .iter()
            .fold(F::from_f64(f64::NEG_INFINITY), |m, &v| m.max(v));
        *y = x.map(|x| x - max);
    }
    F::exp_in_place(y);
    let (y_rows, _) = y.as_chunks_mut::<C>();
    for y in y_rows {
        let sum = y.iter().fold(F::zero(), |s, &e| s + e);
        *y = y.map(|e| e / sum);
    }
}

/// Softmax of one vector, allocating the result. See [`softmax_into`] for the formula.
///
/// ```
/// use ndarray::array;
/// let y = dlfs_activations::softmax::<f64>(&array![0.3, 2.9, 4.0]);
/// assert!((y.sum() - 1.0).abs() < 1e-15);
/// ```
pub fn softmax<F: Float>(a: &ArrayRef1<F>) -> ndarray::Array1<F> {
    let mut out = ndarray::Array1::zeros(a.len());
    softmax_into(a, &mut out);
    out
}

/// Row-wise softmax of a batch (§3.5, one sample per row), written into `out`:
/// `yᵢₖ = exp(aᵢₖ − maxₖ aᵢ) / Σⱼ exp(aᵢⱼ − maxₖ aᵢ)`.
///
/// Shapes: `a` and `out` are `(batch, classes)`. Each row is an independent [`softmax_into`].
///
/// # Panics
/// If `out` does not have the shape of `a`.
///
/// ```
/// use ndarray::{array, Array2};
/// let a = array![[0.0, 0.0], [1000.0, -1000.0]];
/// let mut y = Array2::zeros((2, 2));
/// dlfs_activations::softmax_rows_into(&a, &mut y);
/// assert_eq!(y, array![[0.5, 0.5], [1.0, 0.0]]);
/// ```
pub fn softmax_rows_into<F: Float>(a: &ArrayRef2<F>, out: &mut ArrayRef2<F>) {
    assert_eq!(
        a.dim(),
        out.dim(),
        "softmax_rows: input shape {:?} does not match output shape {:?}",
        a.shape(),
        out.shape()
    );
    let classes = a.ncols();
    match (a.as_slice(), out.as_slice_mut()) {
        (Some(x), Some(y)) if classes > 0 => {
            softmax_slice(x, y, classes);
        }
        _ => {
            for (x, mut y) in a.rows().into_iter().zip(out.rows_mut()) {
                softmax_into(&x, &mut y);
            }
        }
    }
}

/// Row-wise softmax of a batch, allocating the result. See [`softmax_rows_into`].
///
/// ```
/// use ndarray::array;
/// let y = dlfs_activations::softmax_rows(&array![[1.0, 1.0, 1.0, 1.0]]);
/// assert_eq!(y, array![[0.25, 0.25, 0.25, 0.25]]);
/// ```
pub fn softmax_rows<F: Float>(a: &ArrayRef2<F>) -> ndarray::Array2<F> {
    let mut out = ndarray::Array2::zeros(a.dim());
    softmax_rows_into(a, &mut out);
    out
}
