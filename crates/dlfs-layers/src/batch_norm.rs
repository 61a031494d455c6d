use crate::layer::{Layer, Param};
use dlfs_numpy::Float;
use dlfs_numpy::kernels::{column_sums_into, fit};
use ndarray::{Array1, Array2, ArrayRef2, Zip};

/// The small number added to the variance before its square root, as the book writes it:
/// `10e-7`, that is 10⁻⁶.
pub const EPSILON: f64 = 10e-7;

/// Batch Normalization (§6.3, Ioffe and Szegedy 2015): each feature normalised over the batch
/// to mean 0 and variance 1, then scaled by `γ` and shifted by `β`, both learned.
///
/// Forward in training (`train_flg = true`), for each column `j` over the `N` rows of the batch:
///
/// ```text
/// μ = (1/N) Σₙ xₙ        xc = x − μ        σ² = (1/N) Σₙ xcₙ²        std = √(σ² + 10⁻⁶)
/// xn = xc / std          out = γ · xn + β
/// running_mean ← 0.9 · running_mean + 0.1 · μ      running_var ← 0.9 · running_var + 0.1 · σ²
/// ```
///
/// In test mode (`train_flg = false`) the running mean and variance stand in for the batch's:
/// `out = γ · (x − running_mean) / √(running_var + 10⁻⁶) + β`, so a prediction does not depend
/// on the other images of its batch.
///
/// Backward, the book's lines (the chain rule through the graph of figure 6-17):
///
/// ```text
/// dβ = Σₙ dout        dγ = Σₙ xn · dout       dxn = γ · dout        dxc = dxn / std
/// dstd = −Σₙ (dxn · xc) / (std · std)        dvar = 0.5 · dstd / std
/// dxc += (2/N) · xc · dvar        dμ = Σₙ dxc        dx = dxc − dμ / N
/// ```
///
/// Shapes: `x`, `out`, `dout`, `dx` are `(N, D)`; `γ`, `β`, the running statistics and the
/// gradients `dγ`, `dβ` are `(D,)`. Every sum over the batch adds the rows in order, as numpy's
/// `sum(axis=0)` does, so the values are numpy's to the bit.
///
/// ```
/// use dlfs_layers::{BatchNormalization, Layer};
/// use ndarray::array;
/// let mut bn = BatchNormalization::new(1);
/// let out = bn.forward(&array![[1.0], [3.0]], true).to_owned();
/// // μ = 2, σ² = 1: out = ±1/√(1 + 10⁻⁶)
/// assert!((out[[0, 0]] + 1.0).abs() < 1e-6 && (out[[1, 0]] - 1.0).abs() < 1e-6);
/// // 0.9·0 + (1 − 0.9)·2 as numpy computes it: 1 − 0.9 is 0.09999999999999998 in f64.
/// assert_eq!(bn.running_mean, array![0.19999999999999996]);
/// let dx = bn.backward(&array![[1.0], [1.0]]).to_owned();
/// assert!(dx.iter().all(|d| d.abs() < 1e-12)); // a shift of every row changes nothing
/// assert_eq!(bn.dbeta, array![2.0]);
/// ```
#[derive(Debug, Clone)]
pub struct BatchNormalization<F = f64> {
    /// The scale `γ`, the book's `gamma`: `(D,)`, ones at first.
    pub gamma: Array1<F>,
    /// The shift `β`, the book's `beta`: `(D,)`, zeros at first.
    pub beta: Array1<F>,
    /// The weight of the old value in the running statistics (the book's 0.9).
    pub momentum: f64,
    /// The running mean, used in test mode: `(D,)`, zeros at first.
    pub running_mean: Array1<F>,
    /// The running variance, used in test mode: `(D,)`, zeros at first.
    pub running_var: Array1<F>,
    /// `∂L/∂γ` from the last backward pass.
    pub dgamma: Array1<F>,
    /// `∂L/∂β` from the last backward pass.
    pub dbeta: Array1<F>,
    /// The last training batch's centred input `xc = x − μ`: `(N, D)`.
    xc: Array2<F>,
    /// Its normalised input `xn = xc / std`: `(N, D)`.
    xn: Array2<F>,
    /// Its `std = √(σ² + 10⁻⁶)`: `(D,)`.
    std: Array1<F>,
    /// The batch's mean and variance, and `dstd`, `dvar`, `dμ` in backward: `(D,)` each.
    mu: Array1<F>,
    var: Array1<F>,
    out: Array2<F>,
    dx: Array2<F>,
}

/// Why `γ`, `β` and their gradients are plain slices: they are made contiguous and nothing
/// replaces them.
const STANDARD: &str = "BatchNormalization keeps gamma, beta and their gradients contiguous";

impl BatchNormalization {
    /// The layer in f64, as numpy computes (see [`new_in`](BatchNormalization::new_in) for another
    /// precision).
    pub fn new(d: usize) -> Self {
        Self::new_in(d)
    }
}

impl<F: Float> BatchNormalization<F> {
    /// A layer for `d` features with the book's start: `γ = 1`, `β = 0`, momentum 0.9, running
    /// mean and variance 0.
    pub fn new_in(d: usize) -> Self {
        let zeros = || Array1::zeros(d);
        let empty = || Array2::zeros((0, 0));
        Self {
            gamma: Array1::ones(d),
            beta: zeros(),
            momentum: 0.9,
            running_mean: zeros(),
            running_var: zeros(),
            dgamma: zeros(),
            dbeta: zeros(),
            xc: empty(),
            xn: empty(),
            std: zeros(),
            mu: zeros(),
            var: zeros(),
            out: empty(),
            dx: empty(),
        }
    }

    /// `γ` and `β` with their gradients, as [`Param`]s of layer number `layer` (`gamma1`, `beta1`
    /// for the first hidden layer, as the book names them).
    ///
    /// ```
    /// use dlfs_layers::BatchNormalization;
    /// let mut bn = BatchNormalization::new(3);
    /// let [g, b] = bn.params(2);
    /// assert_eq!((g.to_string(), g.shape, b.to_string()), ("gamma2".into(), (1, 3), "beta2".into()));
    /// ```
    pub fn params(&mut self, layer: usize) -> [Param<'_, F>; 2] {
        let shape = (1, self.gamma.len());
        [
            Param {
                name: "gamma",
                layer,
                shape,
                value: self.gamma.as_slice_mut().expect(STANDARD),
                grad: self.dgamma.as_slice().expect(STANDARD),
            },
            Param {
                name: "beta",
                layer,
                shape,
                value: self.beta.as_slice_mut().expect(STANDARD),
                grad: self.dbeta.as_slice().expect(STANDARD),
            },
        ]
    }

    /// The forward pass, in training (`train_flg`: the batch's statistics, which update the
    /// running ones) or test mode (the running statistics), as in the book's
    /// `forward(x, train_flg)`.
    ///
    /// # Panics
    /// If `x` does not have one column per feature, or (in training) has no row.
    pub fn forward(&mut self, x: &ArrayRef2<F>, train_flg: bool) -> &ArrayRef2<F> {
        assert!(
            x.ncols() == self.gamma.len() && (x.nrows() > 0 || !train_flg),
            "BatchNormalization::forward: input shape {:?} for {} features (training needs a row)",
            x.shape(),
            self.gamma.len()
        );
        fit(&mut self.out, x.dim());
        if train_flg {
            let n = F::from_usize(x.nrows());
            fit(&mut self.xc, x.dim());
            fit(&mut self.xn, x.dim());
            // mu = x.mean(axis=0)
            column_sums_into(x, &mut self.mu);
            self.mu.mapv_inplace(|s| s / n);
            // xc = x - mu
            for (mut xc, x) in self.xc.rows_mut().into_iter().zip(x.rows()) {
                Zip::from(&mut xc)
                    .and(&x)
                    .and(&self.mu)
                    .for_each(|c, &x, &m| *c = x - m);
            }
            // var = np.mean(xc**2, axis=0)
            self.var.fill(F::zero());
            for xc in self.xc.rows() {
                Zip::from(&mut self.var)
                    .and(&xc)
                    .for_each(|v, &c| *v += c * c);
            }
            self.var.mapv_inplace(|s| s / n);
            // std = np.sqrt(var + 10e-7); xn = xc / std
            Zip::from(&mut self.std)
                .and(&self.var)
                .for_each(|s, &v| *s = (v + F::from_f64(EPSILON)).sqrt());
            for (mut xn, xc) in self.xn.rows_mut().into_iter().zip(self.xc.rows()) {
                Zip::from(&mut xn)
                    .and(&xc)
                    .and(&self.std)
                    .for_each(|n, &c, &s| *n = c / s);
            }
            // momentum · running + (1 − momentum) · batch, numpy's scalars rounded to F.
            let (m, rest) = (F::from_f64(self.momentum), F::from_f64(1.0 - self.momentum));
            Zip::from(&mut self.running_mean)
                .and(&self.mu)
                .for_each(|r, &mu| *r = m * *r + rest * mu);
            Zip::from(&mut self.running_var)
                .and(&self.var)
                .for_each(|r, &var| *r = m * *r + rest * var);
            // out = gamma * xn + beta
            for (mut out, xn) in self.out.rows_mut().into_iter().zip(self.xn.rows()) {
                Zip::from(&mut out)
                    .and(&xn)
                    .and(&self.gamma)
                    .and(&self.beta)
                    .for_each(|o, &xn, &g, &b| *o = g * xn + b);
            }
        } else {
            // xn = (x - running_mean) / np.sqrt(running_var + 10e-7); out = gamma * xn + beta
            for (mut out, x) in self.out.rows_mut().into_iter().zip(x.rows()) {
                Zip::from(&mut out)
                    .and(&x)
                    .and(&self.running_mean)
                    .and(&self.running_var)
                    .for_each(|o, &x, &rm, &rv| *o = (x - rm) / (rv + F::from_f64(EPSILON)).sqrt());
                Zip::from(&mut out)
                    .and(&self.gamma)
                    .and(&self.beta)
                    .for_each(|o, &g, &b| *o = g * *o + b);
            }
        }
        &self.out
    }
}

impl<F: Float> Layer<F> for BatchNormalization<F> {
    fn name(&self) -> &'static str {
        "BatchNorm"
    }

    /// The forward pass in training mode, the book's default (`train_flg=True`).
    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        BatchNormalization::forward(self, x, true)
    }

    /// The book's `__backward`, line by line (see the type's documentation).
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last training batch.
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        assert!(
            dout.dim() == self.xc.dim(),
            "BatchNormalization::backward: dout shape {:?} does not match the last training \
             batch's shape {:?}",
            dout.shape(),
            self.xc.shape()
        );
        let n = F::from_usize(dout.nrows());
        fit(&mut self.dx, dout.dim());
        // dbeta = dout.sum(axis=0); dgamma = np.sum(self.xn * dout, axis=0)
        column_sums_into(dout, &mut self.dbeta);
        self.dgamma.fill(F::zero());
        for (xn, dout) in self.xn.rows().into_iter().zip(dout.rows()) {
            Zip::from(&mut self.dgamma)
                .and(&xn)
                .and(&dout)
                .for_each(|g, &xn, &d| *g += xn * d);
        }
        // dxn = gamma * dout; dxc = dxn / std (kept in dx);
        // dstd = -np.sum((dxn * xc) / (std * std), axis=0)
        let dstd = &mut self.mu;
        dstd.fill(F::zero());
        for ((mut dxc, dout), xc) in self
            .dx
            .rows_mut()
            .into_iter()
            .zip(dout.rows())
            .zip(self.xc.rows())
        {
            Zip::from(&mut dxc)
                .and(dstd.view_mut())
                .and(&dout)
                .and(&xc)
                .and(&self.gamma)
                .and(&self.std)
                .for_each(|dxc, ds, &d, &c, &g, &s| {
                    let dxn = g * d;
                    *dxc = dxn / s;
                    *ds += (dxn * c) / (s * s);
                });
        }
        // dvar = 0.5 * dstd / std, with dstd negated here
        let dvar = &mut self.var;
        Zip::from(dvar.view_mut())
            .and(&*dstd)
            .and(&self.std)
            .for_each(|dv, &ds, &s| *dv = F::from_f64(0.5) * -ds / s);
        // dxc += (2.0 / batch_size) * xc * dvar
        let two_over_n = F::from_f64(2.0) / n;
        for (mut dxc, xc) in self.dx.rows_mut().into_iter().zip(self.xc.rows()) {
            Zip::from(&mut dxc)
                .and(&xc)
                .and(&*dvar)
                .for_each(|d, &c, &v| *d += two_over_n * c * v);
        }
        // dmu = np.sum(dxc, axis=0); dx = dxc - dmu / batch_size
        let dmu = &mut self.mu;
        column_sums_into(&self.dx, dmu);
        for mut dx in self.dx.rows_mut() {
            Zip::from(&mut dx).and(&*dmu).for_each(|d, &m| *d -= m / n);
        }
        &self.dx
    }

    fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }

    fn visit_params(&mut self, f: &mut dyn FnMut(Param<'_, F>)) {
        let [g, b] = self.params(0);
        f(g);
        f(b);
    }
}
