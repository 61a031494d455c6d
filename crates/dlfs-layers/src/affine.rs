use crate::{Layer, Param};
use dlfs_numpy::Gemm;
use dlfs_numpy::kernels::{column_sums_into, copy_into, fit};
use ndarray::{Array1, Array2, ArrayRef2};

/// The Affine (fully connected) layer (§5.6.1–5.6.2): `Y = X · W + b`.
///
/// Backward (§5.6.2, batch version):
/// `dX = dY · Wᵀ`, `dW = Xᵀ · dY`, `db = Σₙ dYₙ` (the column sum of `dY` over the batch).
///
/// Shapes: `X` is `(N, in)`, `W` is `(in, out)`, `b` is `(out,)`, `Y` and `dY` are `(N, out)`;
/// each gradient has the shape of what it differentiates.
///
/// The products are numpy's `np.dot`: read them as the triple loop of
/// [`dlfs_numpy::reference::matmul`]; they are computed by [`dlfs_numpy::Gemm`], which gives the
/// same bits faster, into buffers the layer keeps.
///
/// Through [`Layer`], the layer keeps a copy of `X` for `dW`; a caller that keeps `X` itself
/// can skip the copy with [`Affine::forward_without_input`] and pass `X` again to
/// [`Affine::backward_with_input`], as `MultiLayerNet` does. Output and gradient buffers are
/// reused from call to call. [`Layer::backward_params`] skips `dX`, which the first layer of a
/// network does not need.
///
/// ```
/// use dlfs_layers::{Affine, Layer};
/// use ndarray::array;
/// let mut affine = Affine::new(array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], array![0.5, 0.5, 0.5]);
/// let y = affine.forward(&array![[1.0, 1.0]]);
/// assert_eq!(y, array![[5.5, 7.5, 9.5]]);
/// let dx = affine.backward(&array![[1.0, 0.0, -1.0]]);
/// assert_eq!(dx, array![[-2.0, -2.0]]);
/// assert_eq!(affine.dw, array![[1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]);
/// assert_eq!(affine.db, array![1.0, 0.0, -1.0]);
/// ```
#[derive(Debug, Clone)]
pub struct Affine {
    /// The weights, the book's `W`: `(in, out)`.
    pub w: Array2<f64>,
    /// The biases, the book's `b`: `(out,)`.
    pub b: Array1<f64>,
    /// `∂L/∂W` from the last backward pass, the book's `dW`: `(in, out)`.
    pub dw: Array2<f64>,
    /// `∂L/∂b` from the last backward pass, the book's `db`: `(out,)`.
    pub db: Array1<f64>,
    x: Array2<f64>,
    out: Array2<f64>,
    dx: Array2<f64>,
    gemm: Gemm,
}

/// Why the parameters and gradients are plain slices: [`Affine::new`] stores them in standard
/// layout and nothing changes their layout afterwards.
const STANDARD: &str = "Affine keeps W, b, dW and db in standard layout";

impl Affine {
    /// An Affine layer with weights `w` `(in, out)` and biases `b` `(out,)`.
    ///
    /// # Panics
    /// If `b` does not have one entry per column of `w`.
    pub fn new(w: Array2<f64>, b: Array1<f64>) -> Self {
        assert!(
            w.ncols() == b.len(),
            "Affine::new: W shape {:?} does not match b shape {:?}",
            w.shape(),
            b.shape()
        );
        // Row-major, whatever layout `w` came in: `params` lends it as one slice.
        let w = w.as_standard_layout().into_owned();
        let (dw, db) = (Array2::zeros(w.dim()), Array1::zeros(b.len()));
        let empty = || Array2::zeros((0, 0));
        Self {
            w,
            b,
            dw,
            db,
            x: empty(),
            out: empty(),
            dx: empty(),
            gemm: Gemm::new(),
        }
    }

    /// `Y = X·W + b`, like [`Layer::forward`], but without keeping a copy of `X`: for a layer
    /// whose caller still holds the input when it asks for the gradients, with
    /// [`Affine::backward_with_input`] or [`Affine::backward_params_with_input`]: the first layer
    /// of a network (the batch), or a layer after an activation layer (which keeps its output).
    /// (numpy's `Affine` keeps a reference to `x` rather than a copy; this is the Rust
    /// counterpart, and spares copying the batch, 627 KB for 100 MNIST images.)
    /// [`Layer::backward`] must not follow this forward pass.
    ///
    /// # Panics
    /// If `x` does not have one column per row of `W`.
    pub fn forward_without_input(&mut self, x: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        self.check_input(x);
        fit(&mut self.x, (0, 0));
        fit(&mut self.out, (x.nrows(), self.w.ncols()));
        self.gemm
            .matmul_into(x, &self.w, Some(&self.b), &mut self.out);
        &self.out
    }

    /// `dW = Xᵀ·dY` and `db = Σₙ dYₙ`, like [`Layer::backward_params`], with `X` passed again
    /// (after [`Affine::forward_without_input`]).
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output, or `x` does not fit it.
    pub fn backward_params_with_input(&mut self, x: &ArrayRef2<f64>, dout: &ArrayRef2<f64>) {
        self.check_input(x);
        assert!(
            x.nrows() == dout.nrows(),
            "Affine::backward: input shape {:?} does not match dout shape {:?}",
            x.shape(),
            dout.shape()
        );
        param_grads(
            &mut self.gemm,
            &mut self.dw,
            &mut self.db,
            &self.out,
            x,
            dout,
        );
    }

    /// `dX = dY·Wᵀ`, `dW = Xᵀ·dY` and `db = Σₙ dYₙ`, like [`Layer::backward`], with `X` passed
    /// again (after [`Affine::forward_without_input`]).
    ///
    /// ```
    /// use dlfs_layers::{Affine, Layer};
    /// use ndarray::array;
    /// let (w, b) = (array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], array![0.5, 0.5, 0.5]);
    /// let (x, dy) = (array![[1.0, 1.0]], array![[1.0, 0.0, -1.0]]);
    /// let mut kept = Affine::new(w.clone(), b.clone());
    /// kept.forward(&x);
    /// let mut passed = Affine::new(w, b);
    /// passed.forward_without_input(&x);
    /// assert_eq!(passed.backward_with_input(&x, &dy), kept.backward(&dy));
    /// assert_eq!((&passed.dw, &passed.db), (&kept.dw, &kept.db));
    /// ```
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output, or `x` does not fit it.
    pub fn backward_with_input(
        &mut self,
        x: &ArrayRef2<f64>,
        dout: &ArrayRef2<f64>,
    ) -> &ArrayRef2<f64> {
        self.backward_params_with_input(x, dout);
        self.input_grad(dout)
    }

    /// `dX = dY·Wᵀ`, once `dout` has been checked against the last output.
    fn input_grad(&mut self, dout: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        fit(&mut self.dx, (dout.nrows(), self.w.nrows()));
        self.gemm.matmul_into(dout, &self.w.t(), None, &mut self.dx);
        &self.dx
    }

    /// `W` and `b` with their gradients `dW` and `db`, as [`Param`]s of layer number `layer`
    /// (`W1`, `b1` for layer 1): what an optimizer updates.
    ///
    /// ```
    /// use dlfs_layers::Affine;
    /// use ndarray::array;
    /// let mut affine = Affine::new(array![[1.0, 2.0], [3.0, 4.0]], array![0.5, -0.5]);
    /// let [w, b] = affine.params(1);
    /// assert_eq!((w.to_string(), w.shape, &w.value[..]), ("W1".into(), (2, 2), &[1.0, 2.0, 3.0, 4.0][..]));
    /// assert_eq!((b.to_string(), b.shape, &b.value[..]), ("b1".into(), (1, 2), &[0.5, -0.5][..]));
    /// ```
    ///
    /// # Panics
    /// If `w` or `b` was replaced by an array that is not in standard (row-major, contiguous)
    /// layout; [`Affine::new`] makes them so.
    #[inline]
    pub fn params(&mut self, layer: usize) -> [Param<'_>; 2] {
        let shape = self.w.dim();
        [
            Param {
                name: "W",
                layer,
                shape,
                value: self.w.as_slice_mut().expect(STANDARD),
                grad: self.dw.as_slice().expect(STANDARD),
            },
            Param {
                name: "b",
                layer,
                shape: (1, shape.1),
                value: self.b.as_slice_mut().expect(STANDARD),
                grad: self.db.as_slice().expect(STANDARD),
            },
        ]
    }

    fn check_input(&self, x: &ArrayRef2<f64>) {
        assert!(
            x.ncols() == self.w.nrows(),
            "Affine::forward: input shape {:?} does not match W shape {:?}",
            x.shape(),
            self.w.shape()
        );
    }
}

/// `dW = Xᵀ·dY` and `db = Σₙ dYₙ`, after checking `dout` against the last output.
fn param_grads(
    gemm: &mut Gemm,
    dw: &mut Array2<f64>,
    db: &mut Array1<f64>,
    out: &Array2<f64>,
    x: &ArrayRef2<f64>,
    dout: &ArrayRef2<f64>,
) {
    assert!(
        dout.dim() == out.dim(),
        "Affine::backward: dout shape {:?} does not match the output shape {:?}",
        dout.shape(),
        out.shape()
    );
    gemm.matmul_into(&x.t(), dout, None, dw);
    // numpy's np.sum(dout, axis=0): each column's entries added in row order, from 0.
    column_sums_into(dout, db);
}

impl Layer for Affine {
    fn name(&self) -> &'static str {
        "Affine"
    }

    /// # Panics
    /// If `x` does not have one column per row of `W`.
    fn forward(&mut self, x: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        self.check_input(x);
        fit(&mut self.x, x.dim());
        copy_into(&mut self.x, x);
        fit(&mut self.out, (x.nrows(), self.w.ncols()));
        self.gemm
            .matmul_into(&self.x, &self.w, Some(&self.b), &mut self.out);
        &self.out
    }

    /// # Panics
    /// If `dout` does not have the shape of the last output.
    fn backward(&mut self, dout: &ArrayRef2<f64>) -> &ArrayRef2<f64> {
        self.backward_params(dout);
        self.input_grad(dout)
    }

    fn backward_params(&mut self, dout: &ArrayRef2<f64>) {
        assert!(
            self.x.nrows() == self.out.nrows(),
            "Affine::backward: no input was kept (after forward_without_input, use \
             backward_with_input or backward_params_with_input)"
        );
        param_grads(
            &mut self.gemm,
            &mut self.dw,
            &mut self.db,
            &self.out,
            &self.x,
            dout,
        );
    }

    fn output(&self) -> &ArrayRef2<f64> {
        &self.out
    }

    fn visit_params(&mut self, f: &mut dyn FnMut(Param<'_>)) {
        let [w, b] = self.params(0);
        f(w);
        f(b);
    }
}
