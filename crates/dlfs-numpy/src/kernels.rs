//! Element-wise loops over the layers' buffers, and the buffers' sizing.
//!
//! For XOR-sized batches, [`ndarray::Zip`]'s analysis of the layouts on every call would cost
//! more than the arithmetic, so the loops run on plain slices when every matrix is row-major and
//! contiguous (the layers' own buffers always are), and fall back to `Zip` otherwise.

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
pub fn copy_into(out: &mut ArrayRef2<f64>, a: &ArrayRef2<f64>) {
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
pub fn zip_into(
    out: &mut ArrayRef2<f64>,
    a: &ArrayRef2<f64>,
    b: &ArrayRef2<f64>,
    f: impl Fn(f64, f64) -> f64,
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
/// let mut buf = Array2::zeros((0, 0));
/// dlfs_numpy::kernels::fit(&mut buf, (4, 2));
/// assert_eq!(buf.dim(), (4, 2));
/// ```
pub fn fit(buf: &mut Array2<f64>, shape: (usize, usize)) {
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
pub fn column_sums_into(dout: &ArrayRef2<f64>, db: &mut Array1<f64>) {
    assert_eq!(
        dout.ncols(),
        db.len(),
        "column_sums_into: {:?} has not one column per entry of {:?}",
        dout.shape(),
        db.shape()
    );
    match (dout.as_slice(), db.as_slice_mut()) {
        (Some(d), Some(db)) => match db.len() {
            1 => column_sums::<1>(d, db),
            2 => column_sums::<2>(d, db),
            3 => column_sums::<3>(d, db),
            4 => column_sums::<4>(d, db),
            5..=8 => column_sums::<8>(d, db),
            _ => column_sums::<16>(d, db),
        },
        _ => {
            db.fill(0.0);
            dout.rows().into_iter().for_each(|row| *db += &row);
        }
    }
}

/// `db = Σₙ dₙ`: the column sums of the row-major rows in `d` (each as long as `db`), each column
/// added in row order from 0. Up to `W` columns are summed at a time in registers, rather than
/// through memory, where each row's additions would wait for the previous row's stores.
fn column_sums<const W: usize>(d: &[f64], db: &mut [f64]) {
    let n = db.len();
    if n == 0 {
        return;
    }
    for j in (0..n).step_by(W) {
        let w = W.min(n - j);
        let mut acc = [0.0; W];
        for row in d.chunks_exact(n) {
            for (acc, &v) in acc.iter_mut().zip(&row[j..j + w]) {
                *acc += v;
            }
        }
        db[j..j + w].copy_from_slice(&acc[..w]);
    }
}

/// `out[i] = bytes[i] / 255` (pixels scaled to [0, 1], the book's `normalize=True`), exactly the
/// quotient IEEE division gives, without dividing: `q = b·r` with `r` the f64 nearest 1/255,
/// then one correction `q + fma(−q, 255, b)·r`, whose remainder is exact. That this gives the
/// correctly rounded quotient for every one of the 256 bytes is checked, byte by byte, in
/// `tests/kernels.rs`. (A division costs about ten times a multiply-add on this machine; a
/// Fashion-MNIST run scales 10⁹ pixels.)
///
/// # Panics
/// If the lengths differ.
///
/// ```
/// let mut out = [0.0; 3];
/// dlfs_numpy::kernels::bytes_over_255(&[0, 51, 255], &mut out);
/// assert_eq!(out, [0.0, 0.2, 1.0]);
/// ```
pub fn bytes_over_255(bytes: &[u8], out: &mut [f64]) {
    assert_eq!(
        bytes.len(),
        out.len(),
        "bytes_over_255: {} bytes into {} values",
        bytes.len(),
        out.len()
    );
    const R: f64 = 1.0 / 255.0;
    for (q, &b) in out.iter_mut().zip(bytes) {
        let b = f64::from(b);
        let q0 = b * R;
        *q = (-q0).mul_add(255.0, b).mul_add(R, q0);
    }
}
