//! The obviously right versions of the fast code, for reading and for tests.

use ndarray::{Array2, ArrayRef2};

/// The matrix product `C = A·B` (§3.3.2) as a triple loop: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ`, each sum taken
/// in `k` order with one rounding per multiply-add (`mul_add`), as [`Gemm`](crate::Gemm) and
/// numpy's BLAS take it. Shapes `(m, k) · (k, n) → (m, n)`.
///
/// This is what `np.dot` means; [`Gemm`](crate::Gemm) computes exactly the same bits, only
/// faster (its tests compare the two).
///
/// # Panics
/// If `a`'s columns are not `b`'s rows (the message gives both shapes).
///
/// ```
/// use ndarray::array;
/// let c = dlfs_numpy::reference::matmul(&array![[1.0, 2.0], [3.0, 4.0]], &array![[5.0], [6.0]]);
/// assert_eq!(c, array![[17.0], [39.0]]);
/// ```
pub fn matmul(a: &ArrayRef2<f64>, b: &ArrayRef2<f64>) -> Array2<f64> {
    assert_eq!(
        a.ncols(),
        b.nrows(),
        "matmul: shapes {:?} · {:?} do not chain",
        a.shape(),
        b.shape()
    );
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    for i in 0..a.nrows() {
        for j in 0..b.ncols() {
            let mut sum = 0.0;
            for k in 0..a.ncols() {
                sum = a[[i, k]].mul_add(b[[k, j]], sum);
            }
            c[[i, j]] = sum;
        }
    }
    c
}
