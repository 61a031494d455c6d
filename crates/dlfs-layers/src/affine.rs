use crate::layer::{Layer, Param};
use dlfs_numpy::Float;
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
/// As in the book, [`forward`](Layer::forward) keeps `X` (`self.x = x`) for `dW`. The products
/// are numpy's `np.dot`: read them as the triple loop of [`dlfs_numpy::reference::matmul`];
/// they are computed by [`dlfs_numpy::Gemm`], which gives the same bits faster, into buffers the
/// layer keeps from call to call. [`Layer::backward_params`] skips `dX`, which the first layer of
/// a network does not need.
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
pub struct Affine<F = f64> {
    /// The weights, the book's `W`: `(in, out)`.
    pub w: Array2<F>,
    /// The biases, the book's `b`: `(out,)`.
    pub b: Array1<F>,
    /// `∂L/∂W` from the last backward pass, the book's `dW`: `(in, out)`.
    pub dw: Array2<F>,
    /// `∂L/∂b` from the last backward pass, the book's `db`: `(out,)`.
    pub db: Array1<F>,
    /// The last forward pass's input, the book's `self.x` (empty after
    /// [`forward_without_input`](Affine::forward_without_input)).
    x: Array2<F>,
    out: Array2<F>,
    dx: Array2<F>,
    gemm: Gemm<F>,
}

/// Why the parameters and gradients are plain slices: [`Affine::new`] stores them in standard
/// layout and nothing changes their layout afterwards.
const STANDARD: &str = "Affine keeps W, b, dW and db in standard layout";

impl<F: Float> Affine<F> {
    /// An Affine layer with weights `w` `(in, out)` and biases `b` `(out,)`.
    ///
    /// # Panics
    /// If `b` does not have one entry per column of `w`.
    pub fn new(w: Array2<F>, b: Array1<F>) -> Self {
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
    pub fn params(&mut self, layer: usize) -> [Param<'_, F>; 2] {
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

    fn check_input(&self, x: &ArrayRef2<F>) {
        assert!(
            x.ncols() == self.w.nrows(),
            "Affine::forward: input shape {:?} does not match W shape {:?}",
            x.shape(),
            self.w.shape()
        );
    }

    fn check_dout(&self, dout: &ArrayRef2<F>) {
        assert!(
            dout.dim() == self.out.dim(),
            "Affine::backward: dout shape {:?} does not match the output shape {:?}",
            dout.shape(),
            self.out.shape()
        );
    }
}

impl<F: Float> Layer<F> for Affine<F> {
    fn name(&self) -> &'static str {
        "Affine"
    }

    /// `self.x = x`, then `out = np.dot(x, W) + b`.
    ///
    /// # Panics
    /// If `x` does not have one column per row of `W`.
    fn forward(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        self.check_input(x);
        // numpy keeps a reference to x; here a copy into a buffer the layer keeps.
        fit(&mut self.x, x.dim());
        copy_into(&mut self.x, x);
        fit(&mut self.out, (x.nrows(), self.w.ncols()));
        self.gemm
            .matmul_into(&self.x, &self.w, Some(&self.b), &mut self.out);
        &self.out
    }

    /// `dx = np.dot(dout, W.T)`, `dW = np.dot(self.x.T, dout)`, `db = np.sum(dout, axis=0)`.
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output, or the last forward pass was
    /// [`forward_without_input`](Affine::forward_without_input).
    fn backward(&mut self, dout: &ArrayRef2<F>) -> &ArrayRef2<F> {
        self.backward_params(dout);
        fit(&mut self.dx, (dout.nrows(), self.w.nrows()));
        self.gemm.matmul_into(dout, &self.w.t(), None, &mut self.dx);
        &self.dx
    }

    /// `dW` and `db`: [`backward`](Layer::backward) without `dx`.
    fn backward_params(&mut self, dout: &ArrayRef2<F>) {
        self.check_dout(dout);
        assert!(
            self.x.nrows() == dout.nrows(),
            "Affine::backward: no input was kept (after forward_without_input, use \
             backward_params_with_input)"
        );
        self.gemm.matmul_into(&self.x.t(), dout, None, &mut self.dw);
        // numpy's np.sum(dout, axis=0): each column's entries added in row order, from 0.
        column_sums_into(dout, &mut self.db);
    }

    fn output(&self) -> &ArrayRef2<F> {
        &self.out
    }

    fn visit_params(&mut self, f: &mut dyn FnMut(Param<'_, F>)) {
        let [w, b] = self.params(0);
        f(w);
        f(b);
    }
}

/// # Without a kept input: the first layer of a network
///
/// Only for speed. A network's first layer reads the batch, which the network still holds when
/// it asks for the gradients; numpy's `self.x = x` keeps a reference to it, and these two keep
/// nothing: the batch is handed back for `dW` instead of copied (627 KB a step for 100 MNIST
/// images). The results are those of [`Layer::forward`] and [`Layer::backward_params`].
impl<F: Float> Affine<F> {
    /// `out = np.dot(x, W) + b`, without keeping `x`.
    ///
    /// # Panics
    /// If `x` does not have one column per row of `W`.
    pub fn forward_without_input(&mut self, x: &ArrayRef2<F>) -> &ArrayRef2<F> {
        self.check_input(x);
        fit(&mut self.x, (0, 0));
        fit(&mut self.out, (x.nrows(), self.w.ncols()));
        self.gemm
            .matmul_into(x, &self.w, Some(&self.b), &mut self.out);
        &self.out
    }

    /// `dW = np.dot(x.T, dout)` and `db = np.sum(dout, axis=0)`, with `x` the input of the last
    /// [`forward_without_input`](Affine::forward_without_input), handed back.
    ///
    /// # Panics
    /// If `dout` does not have the shape of the last output, or `x` does not fit it.
    pub fn backward_params_with_input(&mut self, x: &ArrayRef2<F>, dout: &ArrayRef2<F>) {
        self.check_dout(dout);
        assert!(
            x.nrows() == dout.nrows(),
            "Affine::backward: input shape {:?} does not match dout shape {:?}",
            x.shape(),
            dout.shape()
        );
        self.gemm.matmul_into(&x.t(), dout, None, &mut self.dw);
        column_sums_into(dout, &mut self.db);
    }
}
