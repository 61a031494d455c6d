//! Matrix products written into a caller's buffer.

use ndarray::{ArrayRef1, ArrayRef2, linalg::general_mat_mul};

/// Products with at most this many multiply-adds (`m·k·n`) use the direct loop of
/// [`matmul_into`]; larger ones go to ndarray's `general_mat_mul` (the `matrixmultiply` crate).
pub const SMALL_PRODUCT: usize = 8 * 8 * 8;

/// `c = a · b (+ bias)`, written into `c`: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ (+ biasⱼ)`, with shapes
/// `(m, k) · (k, n) → (m, n)` and `bias: (n,)` added to every row.
///
/// `a` and `b` may be transposed views (`x.t()`): nothing is copied. Each `cᵢⱼ` is a chain of
/// fused multiply-adds in `k` order starting from zero, the way numpy's BLAS computes it, and the
/// bias is added to the finished sum, as numpy's `np.dot(x, W) + b` does; so results agree with
/// numpy bit for bit (for `k ≤ 256`, where the large-product path does not split the chain
/// either). Tiny products, such as XOR's 4×2·2×4, use a direct loop that allocates nothing;
/// larger ones use the cache-blocked SIMD kernels of `matrixmultiply` (which allocate their
/// packing buffer on each call).
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
        // costs more than the arithmetic. Each cᵢⱼ is accumulated in a register, so the only
        // dependency is the chain of fused multiply-adds itself.
        let ab = Operands {
            a_s,
            ars,
            acs,
            b_s,
            brs,
            bcs,
            k,
        };
        for i in 0..m {
            let c_row = &mut c_s[i * n..(i + 1) * n];
            // Four (then two, then one) entries at a time: their chains are independent, so the
            // processor overlaps them instead of waiting out each fma's latency in turn.
            let mut j = 0;
            while j + 4 <= n {
                ab.block::<4>(i, j, &mut c_row[j..j + 4]);
                j += 4;
            }
            while j + 2 <= n {
                ab.block::<2>(i, j, &mut c_row[j..j + 2]);
                j += 2;
            }
            if j < n {
                ab.block::<1>(i, j, &mut c_row[j..]);
            }
            if let Some(bias) = bias {
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
    /// `c[q] = cᵢ,ⱼ₊q` for `q < NR`, each the fma chain `Σₚ aᵢₚ bₚ,ⱼ₊q` in p order, held in
    /// registers.
    #[inline(always)]
    fn block<const NR: usize>(&self, i: usize, j: usize, c: &mut [f64]) {
        let mut acc = [0.0; NR];
        for p in 0..self.k {
            let a = self.a_s[i * self.ars + p * self.acs];
            let b = p * self.brs + j * self.bcs;
            for (q, acc) in acc.iter_mut().enumerate() {
                *acc = a.mul_add(self.b_s[b + q * self.bcs], *acc);
            }
        }
        c.copy_from_slice(&acc);
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
