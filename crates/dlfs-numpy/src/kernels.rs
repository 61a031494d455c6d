//! Element-wise loops over the layers' buffers, and the buffers' sizing.
//!
//! For XOR-sized batches, [`ndarray::Zip`]'s analysis of the layouts on every call would cost
//! more than the arithmetic, so the loops run on plain slices when every matrix is row-major and
//! contiguous (the layers' own buffers always are), and fall back to `Zip` otherwise.

use crate::Float;
use ndarray::{Array1, Array2, ArrayRef2, Zip};

/// `out = a`, the copy a layer keeps of its input or targets: one slice copy when both are
/// row-major and contiguous, else element by element.
///
/// # Panics
/// If the shapes differ.
///
/// ```
/// use ndarray::{array, Array2};
/// let mut out = Array2::zeros((2, 2));
/// dlfs_numpy::kernels::copy_into(&mut out, &array![[1.0, 2.0], [3.0, 4.0]].t());
/// assert_eq!(out, array![[1.0, 3.0], [2.0, 4.0]]);
/// ```
pub fn copy_into<F: Float>(out: &mut ArrayRef2<F>, a: &ArrayRef2<F>) {
    assert_eq!(
        out.dim(),
        a.dim(),
        "copy_into: shapes {:?} and {:?} differ",
        out.shape(),
        a.shape()
    );
    match (out.as_slice_mut(), a.as_slice()) {
        (Some(o), Some(a)) => o.copy_from_slice(a),
        _ => out.assign(a),
    }
}

/// `out = f(a, b)` element by element, on plain slices when all three matrices are row-major
/// and contiguous, through `Zip` otherwise.
///
/// # Panics
/// If the shapes differ.
///
/// ```
/// use ndarray::{array, Array2};
/// let mut out = Array2::zeros((1, 3));
/// dlfs_numpy::kernels::zip_into(&mut out, &array![[1.0, 2.0, 3.0]], &array![[4.0, 5.0, 6.0]], |a, b| a * b);
/// assert_eq!(out, array![[4.0, 10.0, 18.0]]);
/// ```
pub fn zip_into<F: Float>(
    out: &mut ArrayRef2<F>,
    a: &ArrayRef2<F>,
    b: &ArrayRef2<F>,
    f: impl Fn(F, F) -> F,
) {
    if let (Some(o), Some(a), Some(b)) = (out.as_slice_mut(), a.as_slice(), b.as_slice()) {
        assert!(
            o.len() == a.len() && a.len() == b.len(),
            "zip_into: lengths {}, {} and {} differ",
            o.len(),
            a.len(),
            b.len()
        );
        for ((o, &a), &b) in o.iter_mut().zip(a).zip(b) {
            *o = f(a, b);
        }
    } else {
        Zip::from(out)
            .and(a)
            .and(b)
            .for_each(|o, &a, &b| *o = f(a, b));
    }
}

/// Makes `buf` a `(rows, cols)` matrix, allocating only when its shape changes (so a training
/// loop with a fixed batch size allocates only in its first step).
///
/// ```
/// use ndarray::Array2;
/// let mut buf = Array2::<f64>::zeros((0, 0));
/// dlfs_numpy::kernels::fit(&mut buf, (4, 2));
/// assert_eq!(buf.dim(), (4, 2));
/// ```
pub fn fit<F: Float>(buf: &mut Array2<F>, shape: (usize, usize)) {
    if buf.dim() != shape {
        *buf = Array2::zeros(shape);
    }
}

/// `db = Σₙ doutₙ`, numpy's `np.sum(dout, axis=0)`: each column's entries added in row order, from 0.
/// Rows of up to 16 columns are summed in registers (see `column_sums`).
///
/// # Panics
/// If `db` does not have one entry per column of `d`.
///
/// ```
/// use ndarray::{array, Array1};
/// let mut db = Array1::zeros(2);
/// dlfs_numpy::kernels::column_sums_into(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], &mut db);
/// assert_eq!(db, array![9.0, 12.0]);
/// ```
pub fn column_sums_into<F: Float>(dout: &ArrayRef2<F>, db: &mut Array1<F>) {
    assert_eq!(
        dout.ncols(),
        db.len(),
        "column_sums_into: {:?} has not one column per entry of {:?}",
        dout.shape(),
        db.shape()
    );
    match (dout.as_slice(), db.as_slice_mut()) {
        (Some(d), Some(db)) => match db.len() {
            1 => column_sums::<_, 1>(d, db),
            2 => column_sums::<_, 2>(d, db),
            3 => column_sums::<_, 3>(d, db),
            4 => column_sums::<_, 4>(d, db),
            5..=8 => column_sums::<_, 8>(d, db),
            _ => column_sums::<_, 16>(d, db),
        },
        _ => {
            db.fill(F::zero());
            dout.rows().into_iter().for_each(|row| *db += &row);
        }
    }
}

/// `db = Σₙ dₙ`: the column sums of the row-major rows in `d` (each as long as `db`), each column
/// added in row order from 0. Up to `W` columns are summed at a time in registers, rather than
/// through memory, where each row's additions would wait for the previous row's stores.
fn column_sums<F: Float, const W: usize>(d: &[F], db: &mut [F]) {
    let n = db.len();
    if n == 0 {
        return;
    }
    for j in (0..n).step_by(W) {
        let w = W.min(n - j);
        let mut acc = [F::zero(); W];
        for row in d.chunks_exact(n) {
            for (acc, &v) in acc.iter_mut().zip(&row[j..j + w]) {
                *acc += v;
            }
        }
        db[j..j + w].copy_from_slice(&acc[..w]);
    }
}

/// `out[i] = float32(bytes[i]) / 255` widened to f64: pixels scaled to [0, 1] as the book's
/// `load_mnist(normalize=True)` scales them, `x.astype(np.float32)` then `x /= 255.0`, a
/// division in single precision (numpy keeps the array's float32 for the in-place division).
/// The networks then compute in f64, as numpy does when it multiplies these float32 images by
/// float64 weights. A value differs from the f64 quotient `byte / 255.0` by up to 3·10⁻⁸.
///
/// The division is IEEE division in `f32`, which the compiler vectorises.
///
/// # Panics
/// If the lengths differ.
///
/// ```
/// let mut out = [0.0; 3];
/// dlfs_numpy::kernels::bytes_over_255(&[0, 51, 255], &mut out);
/// // np.float32(51) / np.float32(255) is 0.2 in float32, 0.20000000298023224 in float64.
/// assert_eq!(out, [0.0, 0.20000000298023224, 1.0]);
/// ```
pub fn bytes_over_255<F: Float>(bytes: &[u8], out: &mut [F]) {
    assert_eq!(
        bytes.len(),
        out.len(),
        "bytes_over_255: {} bytes into {} values",
        bytes.len(),
        out.len()
    );
    for (q, &b) in out.iter_mut().zip(bytes) {
        *q = F::from_f32(f32::from(b) / 255.0);
    }
}

/// `np.sum(v**2)` for a contiguous array, in numpy's order: its pairwise summation, so the
/// sum has numpy's bits (the weight decay's `ΣW²`, §6.4.1).
///
/// numpy adds runs of up to 128 values with eight running sums (`r[j] += v[i + j]`, combined as
/// `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the rest one by one), fewer than
/// eight values one by one, and longer runs as the sum of their two halves (the first half a
/// multiple of eight long).
///
/// ```
/// use dlfs_numpy::kernels::sum_of_squares;
/// assert_eq!(sum_of_squares(&[1.0, 2.0, 3.0]), 14.0);
/// ```
pub fn sum_of_squares<F: Float>(v: &[F]) -> F {
    F::zero() + pairwise(v, |x| x * x)
}

/// numpy's `pairwise_sum` of `f(v[i])` (`numpy/_core/src/umath/loops_utils.h.src`).
fn pairwise<F: Float>(v: &[F], f: impl Fn(F) -> F + Copy) -> F {
    const BLOCK: usize = 128;
    let n = v.len();
    if n < 8 {
        v.iter().fold(F::zero(), |s, &x| s + f(x))
    } else if n <= BLOCK {
        let mut r = [F::zero(); 8];
        for (r, &x) in r.iter_mut().zip(v) {
            *r = f(x);
        }
        let whole = n - n % 8;
        for chunk in v[8..whole].chunks_exact(8) {
            for (r, &x) in r.iter_mut().zip(chunk) {
                *r += f(x);
            }
        }
        let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        v[whole..].iter().fold(res, |s, &x| s + f(x))
    } else {
        let half = n / 2;
        let half = half - half % 8;
        pairwise(&v[..half], f) + pairwise(&v[half..], f)
    }
}
