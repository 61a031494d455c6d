//! Matrix products written into a caller's buffer.
//!
//! Every entry of a product is computed the same way, whatever the size of the product:
//! `cᵢⱼ` is the chain of fused multiply-adds `fma(aᵢₖ₋₁, bₖ₋₁ⱼ, … fma(aᵢ₀, b₀ⱼ, 0))` in `k`
//! order, and the bias (if any) is added to the finished sum. That is how numpy's BLAS computes
//! the XOR network's tiny products on this kind of machine, so the XOR runs agree with numpy bit
//! for bit; and since the order never depends on how the work is split up, the fast blocked path
//! for large products gives exactly the bits of the direct loop for small ones.

use crate::Float;
use ndarray::{Array2, ArrayRef1, ArrayRef2};

/// Products with at most this many multiply-adds (`m·k·n`) and at most 8 columns use a direct
/// loop over the operands; the others are packed into cache-sized panels first (see [`Gemm`]).
pub const SMALL_PRODUCT: usize = 8 * 8 * 8;

/// Rows of `c` computed together by the packed kernel.
const MR: usize = 6;
/// Columns of `c` computed together by the packed kernel, `NR`: one 64-byte vector, 8 f64 or
/// 16 f32 (chosen in [`Gemm::packed`]).
const VECTOR_BYTES: usize = 64;
/// Length of the slice of `k` packed at once (longer `k` is cut into equal slices). 800 takes
/// the `k = 784` of an MNIST-like first layer in one slice, so that each register block of `c`
/// is stored once, not loaded and stored again for every slice: with `n = 50`, reloading `c`
/// cost more than streaming the panels from L2 instead of L1. Measured here, alternating in
/// one process, `X·W₁` (100×784·784×50) took 6–9% less time than with slices of 256 (whose
/// panels of `a` and `b`, 12 and 16 KiB, share a 32 KiB L1), and no shape tried took longer.
const KC: usize = 800;
/// Rows of `a` packed at once (a multiple of [`MR`]): 72 rows, at most 450 KiB with `KC`.
const MC: usize = 12 * MR;
/// Packed panels start on a cache line (64 bytes).
const LINE: usize = 64;

/// The packing buffers of the blocked matrix product, kept between calls so that a training loop
/// allocates nothing once they have grown to the largest product (each layer owns one).
///
/// A large product `c = a · b` is computed block by block, as in BLIS and OpenBLAS: a `KC`-long
/// slice of `b` is copied into panels of `NR` = 8 columns, laid out in the order the kernel reads
/// them, so the kernel streams through memory that is contiguous and cached. The kernel takes
/// `MR` = 6 rows of `a` at a time: a row-major `a` where it is (each step of `k` broadcasts one
/// value of each row, which needs no neighbours), a transposed `a` packed into 6-row panels
/// first. It keeps an `MR × NR` block of `c` in vector registers (six 8-wide vectors with
/// AVX-512, twelve 4-wide with AVX2) and adds `MR·NR` multiply-adds per step of `k`, enough
/// independent chains to keep the FMA units busy.
///
/// ```
/// use dlfs_numpy::Gemm;
/// use ndarray::Array2;
/// let a = Array2::from_shape_fn((20, 30), |(i, k)| (i + k) as f64);
/// let b = Array2::from_shape_fn((30, 10), |(k, j)| (k * j) as f64);
/// let mut c = Array2::zeros((20, 10));
/// let mut gemm = Gemm::new();
/// gemm.matmul_into(&a, &b, None, &mut c);
/// assert_eq!(c, a.dot(&b)); // small integers: exact in any order
/// ```
#[derive(Debug, Clone)]
pub struct Gemm<F = f64> {
    a_pack: Vec<F>,
    b_pack: Vec<F>,
}

impl<F: Float> Default for Gemm<F> {
    fn default() -> Self {
        Self {
            a_pack: Vec::new(),
            b_pack: Vec::new(),
        }
    }
}

impl<F: Float> Gemm<F> {
    /// Empty buffers; they grow on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// `c = a · b (+ bias)`, written into `c`: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ (+ biasⱼ)`, with shapes
    /// `(m, k) · (k, n) → (m, n)` and `bias: (n,)` added to every row.
    ///
    /// `a` and `b` may be transposed views (`x.t()`): nothing is copied beyond the packing.
    /// (Other layouts, such as views with a step, are first copied into a standard array.)
    ///
    /// # Panics
    /// If the shapes do not chain (the message gives all of them).
    pub fn matmul_into(
        &mut self,
        a: &ArrayRef2<F>,
        b: &ArrayRef2<F>,
        bias: Option<&ArrayRef1<F>>,
        c: &mut ArrayRef2<F>,
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
        // numpy's `np.dot(x, W) + b`: the bias is added to the finished sum.
        let bias_s = match bias {
            None => Some(None),
            Some(b) => b.as_slice().map(Some),
        };
        if let (Some(a), Some(b), Some(bias)) = (Strided::of(a), Strided::of(b), bias_s)
            && let Some(c) = c.as_slice_mut()
        {
            return self.product(&a, &b, (m, k, n), c, bias);
        }
        self.matmul_other_layouts(a, b, bias, c);
    }

    /// [`matmul_into`](Self::matmul_into) for operands that are neither row-major nor the
    /// transpose of a row-major matrix (views with a step, say), or a `c` or `bias` with gaps:
    /// they are copied into standard arrays first, and the result copied back.
    #[cold]
    #[inline(never)]
    fn matmul_other_layouts(
        &mut self,
        a: &ArrayRef2<F>,
        b: &ArrayRef2<F>,
        bias: Option<&ArrayRef1<F>>,
        c: &mut ArrayRef2<F>,
    ) {
        let (a, b) = (a.as_standard_layout(), b.as_standard_layout());
        let bias = bias.map(|b| b.as_standard_layout());
        let mut c_own = Array2::zeros(c.dim());
        let c_s = c_own.as_slice_mut().expect("a new array is contiguous");
        self.product(
            &Strided::of(&a).expect("a standard layout is strided"),
            &Strided::of(&b).expect("a standard layout is strided"),
            (a.nrows(), a.ncols(), b.ncols()),
            c_s,
            bias.as_ref()
                .map(|b| b.as_slice().expect("a standard layout is contiguous")),
        );
        c.assign(&c_own);
    }

    /// `c = a · b (+ bias)` into the row-major slice `c`, directly or packed by size.
    #[inline(always)]
    fn product(
        &mut self,
        a: &Strided<'_, F>,
        b: &Strided<'_, F>,
        (m, k, n): (usize, usize, usize),
        c: &mut [F],
        bias: Option<&[F]>,
    ) {
        if n == 0 {
            return;
        }
        if n <= 8 && m * k * n <= SMALL_PRODUCT {
            return self.tiny(a, b, (k, n), c, bias);
        }
        self.packed(a, b, (m, k, n), c);
        if let Some(bias) = bias {
            for c_row in c.chunks_exact_mut(n) {
                c_row.iter_mut().zip(bias).for_each(|(c, &b)| *c += b);
            }
        }
    }

    /// The direct product of tiny operands (`1 ≤ n ≤ 8`, `m·k·n ≤` [`SMALL_PRODUCT`]): with `k`
    /// and `n` up to 4 (every product of the XOR network), by a loop whose sizes are known at
    /// compile time ([`fixed`]); otherwise by rows of `n` known at compile time ([`direct`]).
    /// The entries are the same fma chains either way.
    #[inline(always)]
    fn tiny(
        &mut self,
        a: &Strided<'_, F>,
        b: &Strided<'_, F>,
        (k, n): (usize, usize),
        c: &mut [F],
        bias: Option<&[F]>,
    ) {
        // Each (k, n) up to (4, 4) has its own `fixed::<K, N>`.
        let done = match k {
            1 => fixed_n::<_, 1>(a, b, n, c, bias),
            2 => fixed_n::<_, 2>(a, b, n, c, bias),
            3 => fixed_n::<_, 3>(a, b, n, c, bias),
            4 => fixed_n::<_, 4>(a, b, n, c, bias),
            _ => false,
        };
        if done {
            return;
        }
        let b_rows = if b.cs == 1 {
            &b.s[..k * n]
        } else {
            // A transposed b (its rows are columns of memory, `b.rs == 1`): copy it into row
            // order first.
            if self.b_pack.len() < k * n {
                self.b_pack.resize(k * n, F::zero());
            }
            for (p, row) in self.b_pack.chunks_exact_mut(n).take(k).enumerate() {
                for (j, v) in row.iter_mut().enumerate() {
                    *v = b.s[p + j * b.cs];
                }
            }
            &self.b_pack[..k * n]
        };
        // Rows of c as arrays of a fixed width, where the width is small, so that each row's
        // entries stay in registers.
        match n {
            1 => direct::<_, 1>(a, b_rows, c, bias),
            2 => direct::<_, 2>(a, b_rows, c, bias),
            3 => direct::<_, 3>(a, b_rows, c, bias),
            4 => direct::<_, 4>(a, b_rows, c, bias),
            5 => direct::<_, 5>(a, b_rows, c, bias),
            6 => direct::<_, 6>(a, b_rows, c, bias),
            7 => direct::<_, 7>(a, b_rows, c, bias),
            8 => direct::<_, 8>(a, b_rows, c, bias),
            _ => unreachable!("wider products are packed"),
        }
    }

    /// The blocked product: for each `KC`-long slice of `k`, pack that slice of `b`, then for
    /// each `MC`-row block of `a` pack it and run the kernel over every pair of panels.
    fn packed(
        &mut self,
        a: &Strided<'_, F>,
        b: &Strided<'_, F>,
        dims: (usize, usize, usize),
        c: &mut [F],
    ) {
        // NR columns per register block: one 64-byte vector of F.
        if VECTOR_BYTES / size_of::<F>() == 16 {
            self.packed_with::<16>(a, b, dims, c);
        } else {
            self.packed_with::<8>(a, b, dims, c);
        }
    }

    /// [`packed`](Self::packed) with register blocks of `MR × NR`.
    #[inline(never)]
    fn packed_with<const NR: usize>(
        &mut self,
        a: &Strided<'_, F>,
        b: &Strided<'_, F>,
        (m, k, n): (usize, usize, usize),
        c: &mut [F],
    ) {
        if k == 0 {
            c.fill(F::zero());
            return;
        }
        let n_panels = n.div_ceil(NR);
        // Blocks of (nearly) equal size, none of them a short remainder.
        let kc_step = k.div_ceil(k.div_ceil(KC));
        let m_panels = m.div_ceil(MR);
        let mc_step = MR * m_panels.div_ceil(m_panels.div_ceil(MC / MR));
        // A row-major `a` is read where it is: the kernel takes its `MR` rows as they are in
        // memory (a broadcast load does not need them side by side). Only a transposed `a`,
        // whose rows are strided, is packed.
        let a_in_place = a.cs == 1;
        let b_pack = aligned(&mut self.b_pack, n_panels * NR * kc_step);
        let a_pack = aligned(
            &mut self.a_pack,
            if a_in_place { 0 } else { mc_step * kc_step },
        );
        for pc in (0..k).step_by(kc_step) {
            let kc = kc_step.min(k - pc);
            pack_b::<F, NR>(b, pc, kc, n, b_pack);
            for ic in (0..m).step_by(mc_step) {
                let mc = mc_step.min(m - ic);
                if !a_in_place {
                    // `a` is the transpose of a row-major matrix (`Strided::of`): `a.rs == 1`.
                    pack_a(a.s, a.cs, ic, mc, pc, kc, a_pack);
                }
                for (jp, b_panel) in b_pack.chunks_exact(NR * kc).take(n_panels).enumerate() {
                    let (j, cols) = (jp * NR, NR.min(n - jp * NR));
                    for ip in 0..mc.div_ceil(MR) {
                        let i = ic + ip * MR;
                        let at = Block {
                            i,
                            j,
                            rows: MR.min(ic + mc - i),
                            cols,
                            n,
                        };
                        // Continue each entry's fma chain where the previous slice of k left it
                        // (or start it from 0), run the kernel, store the block.
                        let mut acc = [[F::zero(); NR]; MR];
                        if pc > 0 {
                            at.load(&mut acc, c);
                        }
                        let a_panel = if a_in_place {
                            // The rows past the end of `a` repeat its last row; they are computed
                            // and not stored.
                            Panel::Rows(std::array::from_fn(|r| {
                                let row = i + r.min(at.rows - 1);
                                &a.s[row * a.rs + pc..][..kc]
                            }))
                        } else {
                            Panel::Packed(&a_pack[ip * MR * kc..][..MR * kc])
                        };
                        // The last panel's padding columns are skipped where whole vectors of
                        // them can be.
                        match cols {
                            9.. => a_panel.kernel::<NR, NR>(b_panel, &mut acc),
                            5..=8 => a_panel.kernel::<8, NR>(b_panel, &mut acc),
                            3 | 4 => a_panel.kernel::<4, NR>(b_panel, &mut acc),
                            _ => a_panel.kernel::<2, NR>(b_panel, &mut acc),
                        }
                        at.store(&acc, c);
                    }
                }
            }
        }
    }
}

/// `c = a · b (+ bias)`, written into `c`: `cᵢⱼ = Σₖ aᵢₖ bₖⱼ (+ biasⱼ)`, with shapes
/// `(m, k) · (k, n) → (m, n)` and `bias: (n,)` added to every row.
///
/// `a` and `b` may be transposed views (`x.t()`): nothing is copied.
///
/// Each `cᵢⱼ` is the chain of fused multiply-adds `Σₖ aᵢₖ bₖⱼ` in `k` order starting from zero,
/// the way numpy's BLAS computes XOR-sized products here, and the bias is added to the finished
/// sum, as numpy's `np.dot(x, W) + b` does; so the XOR runs agree with numpy bit for bit. Tiny
/// products (`m·k·n ≤` [`SMALL_PRODUCT`], `n ≤ 8`) use a direct loop that allocates nothing (a
/// transposed `b` aside); larger ones
/// are packed into a fresh [`Gemm`]'s buffers (layers keep their own [`Gemm`] instead, so that
/// they allocate nothing after the first call).
///
/// # Panics
/// If the shapes do not chain (the message gives all of them).
///
/// ```
/// use ndarray::{array, Array2};
/// let mut c = Array2::zeros((2, 2));
/// let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], array![[5.0, 6.0], [7.0, 8.0]]);
/// dlfs_numpy::matmul_into(&a, &b, None, &mut c);
/// assert_eq!(c, array![[19.0, 22.0], [43.0, 50.0]]);
/// dlfs_numpy::matmul_into(&a, &b, Some(&array![0.5, -0.5]), &mut c);
/// assert_eq!(c, array![[19.5, 21.5], [43.5, 49.5]]);
/// ```
pub fn matmul_into<F: Float>(
    a: &ArrayRef2<F>,
    b: &ArrayRef2<F>,
    bias: Option<&ArrayRef1<F>>,
    c: &mut ArrayRef2<F>,
) {
    Gemm::new().matmul_into(a, b, bias, c);
}

/// Where an `MR × NR` register block sits in `c` (rows of length `n`): from `(i, j)`, the
/// first `rows × cols` of it inside `c`.
#[derive(Clone, Copy)]
struct Block {
    i: usize,
    j: usize,
    rows: usize,
    cols: usize,
    n: usize,
}

impl Block {
    /// The block's entries of `c` into `acc`.
    #[inline(always)]
    fn load<F: Float, const NR: usize>(&self, acc: &mut [[F; NR]; MR], c: &[F]) {
        for (r, acc_r) in acc.iter_mut().enumerate().take(self.rows) {
            let start = (self.i + r) * self.n + self.j;
            copy_prefix::<F, NR>(acc_r, &c[start..start + self.cols]);
        }
    }

    /// `acc` into the block's entries of `c`.
    #[inline(always)]
    fn store<F: Float, const NR: usize>(&self, acc: &[[F; NR]; MR], c: &mut [F]) {
        for (r, acc_r) in acc.iter().enumerate().take(self.rows) {
            let start = (self.i + r) * self.n + self.j;
            copy_prefix::<F, NR>(&mut c[start..start + self.cols], acc_r);
        }
    }
}

/// `dst = src[..dst.len()]` or `dst[..src.len()] = src`, whichever is shorter (at most `NR`
/// values): a whole vector when both are `NR` long, else a loop of fixed length. (A loop of
/// variable length would be compiled into a call to `memcpy`, thousands of times per product.)
#[inline(always)]
fn copy_prefix<F: Float, const NR: usize>(dst: &mut [F], src: &[F]) {
    if let (Ok(dst), Ok(src)) = (
        <&mut [F; NR]>::try_from(&mut *dst),
        <&[F; NR]>::try_from(src),
    ) {
        *dst = *src;
        return;
    }
    let len = dst.len().min(src.len()).min(NR);
    for q in 0..NR {
        if q < len {
            dst[q] = src[q];
        }
    }
}

/// The first `len` elements of `buf` that start on a cache line, growing `buf` if needed.
fn aligned<F: Float>(buf: &mut Vec<F>, len: usize) -> &mut [F] {
    let align = LINE / size_of::<F>();
    if buf.len() < len + align {
        buf.resize(len + align, F::zero());
    }
    let misalign = (buf.as_ptr() as usize / size_of::<F>()) % align;
    let start = (align - misalign) % align;
    &mut buf[start..start + len]
}

/// `MR` rows of `a` for the kernel: packed (`MR` values per `p`) or `MR` rows read in place.
enum Panel<'a, F> {
    Packed(&'a [F]),
    Rows([&'a [F]; MR]),
}

impl<F: Float> Panel<'_, F> {
    /// The `MR × NR` block of `c` in `acc`, advanced by one panel pair: for each `p`,
    /// `acc_rq = fma(a_rp, b_pq, acc_rq)`. `b_panel` holds `NR` values per `p`, of which the
    /// first `W` columns are computed.
    #[inline(always)]
    fn kernel<const W: usize, const NR: usize>(&self, b_panel: &[F], acc: &mut [[F; NR]; MR]) {
        match self {
            Panel::Packed(a_panel) => kernel::<_, W, NR>(a_panel, b_panel, acc),
            Panel::Rows(a_rows) => kernel_rows::<_, W, NR>(a_rows, b_panel, acc),
        }
    }
}

/// The `MR × NR` block of `c` in `acc`, advanced by one panel pair: for each `p`,
/// `acc_rq = fma(a_pr, b_pq, acc_rq)`. `a_panel` holds `MR` values per `p`, `b_panel` `NR`,
/// of which the first `W` columns are computed.
#[inline(never)]
fn kernel<F: Float, const W: usize, const NR: usize>(
    a_panel: &[F],
    b_panel: &[F],
    acc: &mut [[F; NR]; MR],
) {
    let mut c: [[F; W]; MR] = std::array::from_fn(|r| std::array::from_fn(|q| acc[r][q]));
    for (a, b) in a_panel.chunks_exact(MR).zip(b_panel.chunks_exact(NR)) {
        let a: &[F; MR] = a.try_into().expect("MR values");
        let b: &[F; W] = b[..W].try_into().expect("W values");
        for (c_r, &a_r) in c.iter_mut().zip(a) {
            for (c_rq, &b_q) in c_r.iter_mut().zip(b) {
                *c_rq = a_r.mul_add(b_q, *c_rq);
            }
        }
    }
    for (acc_r, c_r) in acc.iter_mut().zip(&c) {
        acc_r[..W].copy_from_slice(c_r);
    }
}

/// [`kernel`] with the `MR` rows of `a` read in place, each `kc` long.
#[inline(never)]
fn kernel_rows<F: Float, const W: usize, const NR: usize>(
    a_rows: &[&[F]; MR],
    b_panel: &[F],
    acc: &mut [[F; NR]; MR],
) {
    let kc = a_rows[0].len();
    let a_rows: [&[F]; MR] = std::array::from_fn(|r| &a_rows[r][..kc]);
    let mut c: [[F; W]; MR] = std::array::from_fn(|r| std::array::from_fn(|q| acc[r][q]));
    for (p, b) in b_panel.chunks_exact(NR).take(kc).enumerate() {
        let b: &[F; W] = b[..W].try_into().expect("W values");
        for (c_r, a_r) in c.iter_mut().zip(&a_rows) {
            let a_rp = a_r[p];
            for (c_rq, &b_q) in c_r.iter_mut().zip(b) {
                *c_rq = a_rp.mul_add(b_q, *c_rq);
            }
        }
    }
    for (acc_r, c_r) in acc.iter_mut().zip(&c) {
        acc_r[..W].copy_from_slice(c_r);
    }
}

/// Copies `b[pc..pc+kc, ..]` into panels of `NR` columns, each stored `p`-major (`NR` values
/// per `p`); the last panel is padded with zeros.
fn pack_b<F: Float, const NR: usize>(
    b: &Strided<'_, F>,
    pc: usize,
    kc: usize,
    n: usize,
    out: &mut [F],
) {
    for (jp, panel) in out
        .chunks_exact_mut(NR * kc)
        .take(n.div_ceil(NR))
        .enumerate()
    {
        let j = jp * NR;
        let cols = NR.min(n - j);
        for (p, dst) in panel.chunks_exact_mut(NR).enumerate() {
            let row = (pc + p) * b.rs + j * b.cs;
            let dst: &mut [F; NR] = dst.try_into().expect("NR values");
            if b.cs == 1 && cols == NR {
                *dst = b.s[row..row + NR].try_into().expect("NR values");
            } else {
                *dst = std::array::from_fn(|q| {
                    if q < cols {
                        b.s[row + q * b.cs]
                    } else {
                        F::zero()
                    }
                });
            }
        }
    }
}

/// Copies `a[ic..ic+mc, pc..pc+kc]` of a transposed `a` into panels of `MR` rows, each stored
/// `p`-major (`MR` values per `p`); the last panel is padded with zeros. `a_t` is `a`'s memory,
/// the row-major `aᵀ` with rows `ld` long: `a[i, p] = a_t[p·ld + i]`, so the values of one `p`
/// are side by side. It is walked in memory order, `p` by `p`, each `p`'s values dealt out to
/// the panels, which the hardware prefetcher follows. (A row-major `a` is not packed: the
/// kernel reads its rows in place.)
fn pack_a<F: Float>(
    a_t: &[F],
    ld: usize,
    ic: usize,
    mc: usize,
    pc: usize,
    kc: usize,
    out: &mut [F],
) {
    for p in 0..kc {
        let (full, rest) = a_t[ic + (pc + p) * ld..][..mc].as_chunks::<MR>();
        let mut panels = out.chunks_exact_mut(MR * kc);
        for (src, panel) in full.iter().zip(panels.by_ref()) {
            let dst: &mut [F; MR] = (&mut panel[p * MR..(p + 1) * MR])
                .try_into()
                .expect("MR values");
            *dst = *src;
        }
        if !rest.is_empty() {
            let panel = panels.next().expect("a panel for the last rows");
            let dst: &mut [F; MR] = (&mut panel[p * MR..(p + 1) * MR])
                .try_into()
                .expect("MR values");
            *dst = std::array::from_fn(|r| rest.get(r).copied().unwrap_or(F::zero()));
        }
    }
}

/// The direct product for tiny operands, rows of width `N`: row `i` of `c` is built as
/// `Σₚ aᵢₚ · (row p of b)`, one row of `b` at a time, with fused multiply-adds, so each entry is
/// its own fma chain in `p` order; then the bias is added. For XOR-sized products this costs
/// less than packing.
#[inline(always)]
fn direct<F: Float, const N: usize>(
    a: &Strided<'_, F>,
    b_rows: &[F],
    c: &mut [F],
    bias: Option<&[F]>,
) {
    let bias: Option<&[F; N]> = bias.map(|b| b.try_into().expect("one bias per column"));
    let (b_rows, _) = b_rows.as_chunks::<N>();
    let (c_rows, _) = c.as_chunks_mut::<N>();
    for (i, c_row) in c_rows.iter_mut().enumerate() {
        let mut acc = [F::zero(); N];
        for (p, b_row) in b_rows.iter().enumerate() {
            let a_ip = a.s[i * a.rs + p * a.cs];
            for (acc, &b) in acc.iter_mut().zip(b_row) {
                *acc = a_ip.mul_add(b, *acc);
            }
        }
        if let Some(bias) = bias {
            acc.iter_mut().zip(bias).for_each(|(c, &b)| *c += b);
        }
        *c_row = acc;
    }
}

/// [`fixed`] for `k = K` and `n` up to 4; `false`, with nothing written, for a wider product.
#[inline(always)]
fn fixed_n<F: Float, const K: usize>(
    a: &Strided<'_, F>,
    b: &Strided<'_, F>,
    n: usize,
    c: &mut [F],
    bias: Option<&[F]>,
) -> bool {
    match n {
        1 => fixed::<_, K, 1>(a, b, c, bias),
        2 => fixed::<_, K, 2>(a, b, c, bias),
        3 => fixed::<_, K, 3>(a, b, c, bias),
        4 => fixed::<_, K, 4>(a, b, c, bias),
        _ => return false,
    }
    true
}

/// The direct product with `k = K` and `n = N` known at compile time, row by row: row `i` of
/// `c` is `Σₚ aᵢₚ · (row p of b)` with fused multiply-adds in `p` order, then the bias. The loops
/// unroll completely and no index is checked inside them: a product of the XOR network costs a
/// few dozen instructions rather than a few hundred.
#[inline(always)]
fn fixed<F: Float, const K: usize, const N: usize>(
    a: &Strided<'_, F>,
    b: &Strided<'_, F>,
    c: &mut [F],
    bias: Option<&[F]>,
) {
    // b as K rows of N, read in place or, for a transposed b, transposed in registers.
    if b.cs == 1 {
        let rows: &[[F; N]; K] = b.s.as_chunks::<N>().0[..K].try_into().expect("K rows");
        fixed_rows(a, rows, c, bias);
    } else {
        let cols: &[[F; K]; N] = b.s.as_chunks::<K>().0[..N].try_into().expect("N columns");
        let rows: [[F; N]; K] = std::array::from_fn(|p| std::array::from_fn(|j| cols[j][p]));
        fixed_rows(a, &rows, c, bias);
    }
}

/// [`fixed`] with `b` as `K` rows of `N`.
#[inline(always)]
fn fixed_rows<F: Float, const K: usize, const N: usize>(
    a: &Strided<'_, F>,
    b: &[[F; N]; K],
    c: &mut [F],
    bias: Option<&[F]>,
) {
    let bias: Option<&[F; N]> = bias.map(|b| b.try_into().expect("one bias per column"));
    let (c_rows, _) = c.as_chunks_mut::<N>();
    let row = |a_row: [F; K]| -> [F; N] {
        let mut acc = [F::zero(); N];
        for p in 0..K {
            for j in 0..N {
                acc[j] = a_row[p].mul_add(b[p][j], acc[j]);
            }
        }
        match bias {
            Some(bias) => std::array::from_fn(|j| acc[j] + bias[j]),
            None => acc,
        }
    };
    if a.rs == 1 {
        // A transposed a: column p of a is a row of memory.
        for (i, c_row) in c_rows.iter_mut().enumerate() {
            *c_row = row(std::array::from_fn(|p| a.s[p * a.cs + i]));
        }
    } else {
        for (c_row, a_row) in c_rows.iter_mut().zip(a.s.as_chunks::<K>().0) {
            *c_row = row(*a_row);
        }
    }
}

/// A matrix as one slice with its row and column strides: element `(i, j)` is
/// `s[i·rs + j·cs]`.
struct Strided<'a, F> {
    s: &'a [F],
    rs: usize,
    cs: usize,
}

impl<'a, F: Float> Strided<'a, F> {
    /// `a` as a slice with strides, if it is a standard (row-major) matrix or the transpose of
    /// one.
    fn of(a: &'a ArrayRef2<F>) -> Option<Self> {
        if let Some(s) = a.as_slice() {
            Some(Self {
                s,
                rs: a.ncols(),
                cs: 1,
            })
        } else {
            let (rows, t) = (a.nrows(), a.t());
            t.to_slice().map(|s| Self { s, rs: 1, cs: rows })
        }
    }
}
