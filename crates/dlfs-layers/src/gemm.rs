//! Matrix products written into a caller's buffer.

use ndarray::{ArrayRef1, ArrayRef2, linalg::general_mat_mul};

/// Products with at most this many multiply-adds (`m·k·n`) use the direct loop of
/// [`matmul_into`]; larger ones go to ndarray's `general_mat_mul` (the `matrixmultiply` crate).
pub const SMALL_PRODUCT: usize = 8 * 8 * 8;

/// `c = a · b (+ bias)`, written into `c`: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ (+ biasⱼ)`, with shapes
/// `(m, k) · (k, n) → (m, n)` and `bias: (n,)` added to every row.
///
/// `a` and `b` may be transposed views (`x.t()`): nothing is copied.
///
/// Tiny products (`m·k·n ≤` [`SMALL_PRODUCT`], such as XOR's 4×2·2×4) use a direct loop that
/// allocates nothing. In it each `cᵢⱼ` is a chain of fused multiply-adds in `k` order starting
/// from zero, the way numpy's BLAS computes it here, and the bias is added to the finished sum,
/// as numpy's `np.dot(x, W) + b` does; so the XOR runs agree with numpy bit for bit. Larger
/// products use the cache-blocked SIMD kernels of `matrixmultiply` (whose summation order is
/// its own, and which allocate a packing buffer on each call).
///
/// # Panics
/// If the shapes do not chain (the message gives all of them).
///
/// ```
/// use ndarray::{array, Array2};
/// let mut c = Array2::zeros((2, 2));
/// let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], array![[5.0, 6.0], [7.0, 8.0]]);
/// dlfs_layers::matmul_into(&a, &b, None, &mut c);
/// assert_eq!(c, array![[19.0, 22.0], [43.0, 50.0]]);
/// dlfs_layers::matmul_into(&a, &b, Some(&array![0.5, -0.5]), &mut c);
/// assert_eq!(c, array![[19.5, 21.5], [43.5, 49.5]]);
/// ```
pub fn matmul_into(
    a: &ArrayRef2<f64>,
    b: &ArrayRef2<f64>,
    bias: Option<&ArrayRef1<f64>>,
    c: &mut ArrayRef2<f64>,
) {
    let ((m, k), (k2, n)) = (a.dim(), b.dim());
    assert!(
        k == k2 && c.dim() == (m, n) && bias.is_none_or(|b| b.len() == n),
        "matmul: shapes {:?} · {:?} (+ {:?}) do not chain into {:?}",
        a.shape(),
        b.shape(),
        bias.map(|b| b.shape()),
        c.shape()
    );
    if m * k * n <= SMALL_PRODUCT
        && let (Some((a_s, ars, acs)), Some((b_s, brs, bcs))) = (strided(a), strided(b))
        && let Some(c_s) = c.as_slice_mut()
    {
        // A direct loop over the buffers: for XOR-sized products the set-up of a blocked kernel
        // costs more than the arithmetic. Blocks of up to 2 rows × 4 columns of c are computed
        // together: their fma chains are independent, so the processor overlaps them instead
        // of waiting out each fma's latency in turn.
        let ab = Operands {
            a_s,
            ars,
            acs,
            b_s,
            brs,
            bcs,
            k,
        };
        let mut i = 0;
        while i < m {
            let rows = if i + 2 <= m { 2 } else { 1 };
            let mut j = 0;
            while j < n {
                let cols = match n - j {
                    4.. => 4,
                    2 | 3 => 2,
                    _ => 1,
                };
                match (rows, cols) {
                    (2, 4) => ab.block::<2, 4>(i, j, n, c_s),
                    (2, 2) => ab.block::<2, 2>(i, j, n, c_s),
                    (2, _) => ab.block::<2, 1>(i, j, n, c_s),
                    (_, 4) => ab.block::<1, 4>(i, j, n, c_s),
                    (_, 2) => ab.block::<1, 2>(i, j, n, c_s),
                    _ => ab.block::<1, 1>(i, j, n, c_s),
                }
                j += cols;
            }
            i += rows;
        }
        if let Some(bias) = bias
            && n > 0
        {
            for c_row in c_s.chunks_exact_mut(n) {
                c_row.iter_mut().zip(bias).for_each(|(c, &b)| *c += b);
            }
        }
    } else {
        general_mat_mul(1.0, a, b, 0.0, c);
        if let Some(bias) = bias {
            *c += bias;
        }
    }
}

/// The operands of a small product as slices with their strides, and the chain length `k`.
struct Operands<'a> {
    a_s: &'a [f64],
    ars: usize,
    acs: usize,
    b_s: &'a [f64],
    brs: usize,
    bcs: usize,
    k: usize,
}

impl Operands<'_> {
    /// The `MR × NR` block of `c` (rows of length `n`) at `(i, j)`: each entry the fma chain
    /// `Σₚ aᵢₚ bₚⱼ` in p order, the `MR·NR` chains advanced together in registers.
    #[inline(always)]
    fn block<const MR: usize, const NR: usize>(
        &self,
        i: usize,
        j: usize,
        n: usize,
        c_s: &mut [f64],
    ) {
        let mut acc = [[0.0; NR]; MR];
        for p in 0..self.k {
            let b_p = p * self.brs + j * self.bcs;
            let b: [f64; NR] = std::array::from_fn(|q| self.b_s[b_p + q * self.bcs]);
            for (r, acc_r) in acc.iter_mut().enumerate() {
                let a = self.a_s[(i + r) * self.ars + p * self.acs];
                for (acc, &b) in acc_r.iter_mut().zip(&b) {
                    *acc = a.mul_add(b, *acc);
                }
            }
        }
        for (r, acc_r) in acc.iter().enumerate() {
            let start = (i + r) * n + j;
            c_s[start..start + NR].copy_from_slice(acc_r);
        }
    }
}

/// The elements of `a` as one slice with its row and column strides, if `a` is a standard
/// (row-major) matrix or the transpose of one.
fn strided(a: &ArrayRef2<f64>) -> Option<(&[f64], usize, usize)> {
    if let Some(s) = a.as_slice() {
        Some((s, a.ncols(), 1))
    } else {
        let (rows, t) = (a.nrows(), a.t());
        t.to_slice().map(|s| (s, 1, rows))
    }
}
