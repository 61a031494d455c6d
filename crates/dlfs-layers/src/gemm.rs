//! Matrix products written into a caller's buffer.

use ndarray::{ArrayRef2, Zip, linalg::general_mat_mul};

/// Products with at most this many multiply-adds (`m·k·n`) use the direct loop of
/// [`matmul_into`]; larger ones go to ndarray's `general_mat_mul` (the `matrixmultiply` crate).
pub const SMALL_PRODUCT: usize = 8 * 8 * 8;

/// `c = a · b`, written into `c`: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ`, with shapes `(m, k) · (k, n) → (m, n)`.
///
/// `a` and `b` may be transposed views (`x.t()`): nothing is copied. Each `cᵢⱼ` is a chain of
/// fused multiply-adds in `k` order starting from zero, the way numpy's BLAS computes it, so
/// results agree with numpy bit for bit (for `k ≤ 256`, where the large-product path does not
/// split the chain either). Tiny products, such as XOR's 4×2·2×4, use a direct loop that
/// allocates nothing; larger ones use the cache-blocked SIMD kernels of `matrixmultiply`
/// (which allocate their packing buffer on each call).
///
/// # Panics
/// If the shapes do not chain (the message gives all three).
///
/// ```
/// use ndarray::{array, Array2};
/// let mut c = Array2::zeros((2, 2));
/// dlfs_layers::matmul_into(&array![[1.0, 2.0], [3.0, 4.0]], &array![[5.0, 6.0], [7.0, 8.0]], &mut c);
/// assert_eq!(c, array![[19.0, 22.0], [43.0, 50.0]]);
/// ```
pub fn matmul_into(a: &ArrayRef2<f64>, b: &ArrayRef2<f64>, c: &mut ArrayRef2<f64>) {
    let ((m, k), (k2, n)) = (a.dim(), b.dim());
    assert!(
        k == k2 && c.dim() == (m, n),
        "matmul: shapes {:?} · {:?} do not chain into {:?}",
        a.shape(),
        b.shape(),
        c.shape()
    );
    if m * k * n <= SMALL_PRODUCT {
        Zip::from(c.rows_mut())
            .and(a.rows())
            .for_each(|c_row, a_row| {
                Zip::from(c_row).and(b.columns()).for_each(|c_ij, b_col| {
                    *c_ij = Zip::from(&a_row)
                        .and(&b_col)
                        .fold(0.0, |acc, &a_ik, &b_kj| a_ik.mul_add(b_kj, acc));
                });
            });
    } else {
        general_mat_mul(1.0, a, b, 0.0, c);
    }
}
