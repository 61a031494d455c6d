//! The matrix product against its definition: every entry the fma chain `Σₖ aᵢₖ bₖⱼ` in `k`
//! order from zero, bit for bit, whatever the size, the operands' layouts or the blocking.
use dlfs_numpy::{Gemm, SMALL_PRODUCT, matmul_into};
use ndarray::{Array1, Array2, ArrayRef2, s};
use proptest::prelude::*;

/// The definition, one entry at a time: the reference triple loop.
use dlfs_numpy::reference::matmul as fma_chain;

fn same_bits(x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> bool {
    x.shape() == y.shape() && x.iter().zip(y).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// A `(rows, cols)` matrix of finite values of mixed magnitudes.
fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(-1e3..1e3f64, rows * cols)
        .prop_map(move |v| Array2::from_shape_vec((rows, cols), v).unwrap())
}

/// `(m, k, n)` from tiny to past every block size: `k` past the 800-long slices of `k` (into
/// two and three slices), `m` past the 72-row blocks, `n` past several 8-column panels, with
/// ragged edges.
fn dims() -> impl Strategy<Value = (usize, usize, usize)> {
    prop_oneof![
        (1usize..9, 1usize..9, 1usize..9),
        (1usize..90, 1usize..40, 1usize..30),
        (1usize..20, 200usize..2000, 1usize..20),
    ]
}

/// Operands for `(m, k, n)`, and which of them to pass transposed.
fn case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, bool, bool)> {
    dims().prop_flat_map(|(m, k, n)| (matrix(m, k), matrix(k, n), any::<bool>(), any::<bool>()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_entry_is_the_fma_chain_in_k_order(
        (a, b, ta, tb) in case(),
        bias_seed in prop::option::of(-1.0..1.0f64),
    ) {
        // Pass a and b as they are or as the transpose of a standard array: same matrix.
        let (a_t, b_t) = (a.t().as_standard_layout().into_owned(), b.t().as_standard_layout().into_owned());
        let a_op = if ta { a_t.t() } else { a.view() };
        let b_op = if tb { b_t.t() } else { b.view() };
        // With a bias, it is added to the finished chain.
        let bias = bias_seed.map(|s| Array1::from_shape_fn(b.ncols(), |j| s * (j + 1) as f64));
        let mut expected = fma_chain(&a, &b);
        if let Some(bias) = &bias {
            expected += bias;
        }
        let mut c = Array2::from_elem((a.nrows(), b.ncols()), f64::NAN);
        Gemm::new().matmul_into(&a_op, &b_op, bias.as_deref(), &mut c);
        prop_assert!(same_bits(&c, &expected), "{:?}·{:?} ta {ta} tb {tb}", a.shape(), b.shape());
    }

    #[test]
    fn a_reused_gemm_and_odd_layouts_give_the_same_bits((a, b, _, _) in case(), bias_seed in -1.0..1.0f64) {
        let (m, n) = (a.nrows(), b.ncols());
        let bias = Array1::from_shape_fn(n, |j| bias_seed * j as f64);
        let mut expected = fma_chain(&a, &b);
        expected += &bias;
        // A Gemm that has already done a bigger product, a strided `a` and a strided output.
        let mut gemm = Gemm::new();
        let big = Array2::from_elem((80, 300), 1.5);
        gemm.matmul_into(&big, &big.t(), None, &mut Array2::zeros((80, 80)));
        let mut wide_a = Array2::zeros((m, 2 * a.ncols()));
        wide_a.slice_mut(s![.., ..;2]).assign(&a);
        let mut wide_c = Array2::from_elem((m, 2 * n), f64::NAN);
        // The bias, too, as a view with a step.
        let mut wide_bias = Array1::from_elem(2 * n, f64::NAN);
        wide_bias.slice_mut(s![..;2]).assign(&bias);
        gemm.matmul_into(
            &wide_a.slice(s![.., ..;2]),
            &b,
            Some(&wide_bias.slice(s![..;2])),
            &mut wide_c.slice_mut(s![.., ..;2]),
        );
        prop_assert!(same_bits(&wide_c.slice(s![.., ..;2]), &expected));
        prop_assert!(wide_c.slice(s![.., 1..;2]).iter().all(|v| v.is_nan()), "only c's own entries are written");
    }
}

#[test]
fn every_tiny_shape_and_layout_is_the_fma_chain() {
    // Every (k, n) up to 8 × 8 with one and five rows, each operand as it is or transposed: the
    // tiny products' fixed-size arms (k, n ≤ 4), their arms by width (n ≤ 8), and the copy of a
    // transposed b; then widths past 8 whose products are still tiny (the packed path).
    let mut gemm = Gemm::new();
    for (m, k, n) in (1..=8).flat_map(|k| (1..=8).flat_map(move |n| [(1, k, n), (5, k, n)])) {
        let a = Array2::from_shape_fn((m, k), |(i, p)| 1.0 / (1.0 + i as f64 + 3.0 * p as f64));
        let b = Array2::from_shape_fn((k, n), |(p, j)| (p as f64 - 2.0 * j as f64).sin());
        let (a_t, b_t) = (
            a.t().as_standard_layout().into_owned(),
            b.t().as_standard_layout().into_owned(),
        );
        let expected = fma_chain(&a, &b);
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a_op = if ta { a_t.t() } else { a.view() };
            let b_op = if tb { b_t.t() } else { b.view() };
            let mut c = Array2::from_elem((m, n), f64::NAN);
            // A fresh Gemm, and one whose buffers have held other products.
            Gemm::new().matmul_into(&a_op, &b_op, None, &mut c);
            assert!(same_bits(&c, &expected), "({m}, {k}, {n}) ta {ta} tb {tb}");
            gemm.matmul_into(&a_op, &b_op, None, &mut c);
            assert!(
                same_bits(&c, &expected),
                "reused: ({m}, {k}, {n}) ta {ta} tb {tb}"
            );
        }
    }
    for n in [9, 16, 30] {
        let a = Array2::from_shape_fn((2, 3), |(i, p)| (i * 3 + p) as f64 - 2.5);
        let b = Array2::from_shape_fn((3, n), |(p, j)| 1.0 / (1.0 + (p + j) as f64));
        let mut c = Array2::zeros((2, n));
        matmul_into(&a, &b, None, &mut c);
        assert!(same_bits(&c, &fma_chain(&a, &b)), "n = {n}");
    }
}

#[test]
fn small_and_packed_paths_meet_at_small_product() {
    // 8·8·8 = SMALL_PRODUCT takes the direct loop, 8·8·9 the packed one: the same definition.
    assert_eq!(8 * 8 * 8, SMALL_PRODUCT);
    for n in [8, 9] {
        let a = Array2::from_shape_fn((8, 8), |(i, p)| 1.0 / (1.0 + i as f64 + 3.0 * p as f64));
        let b = Array2::from_shape_fn((8, n), |(p, j)| (p as f64 - j as f64).sin());
        let mut c = Array2::zeros((8, n));
        matmul_into(&a, &b, None, &mut c);
        assert!(same_bits(&c, &fma_chain(&a, &b)), "n = {n}");
    }
}

#[test]
fn non_finite_values_propagate_as_in_the_definition() {
    // Padding lanes multiply zeros by whatever is there; none of it may leak into c.
    let mut a = Array2::from_elem((7, 300), 1.0);
    let mut b = Array2::from_elem((300, 9), 2.0);
    a[[6, 5]] = f64::INFINITY;
    b[[7, 8]] = f64::NAN;
    let mut c = Array2::zeros((7, 9));
    matmul_into(&a, &b, None, &mut c);
    assert!(same_bits(&c, &fma_chain(&a, &b)));
    assert_eq!(c[[0, 0]], 600.0);
    assert!(c[[6, 0]].is_infinite() && c[[0, 8]].is_nan() && c[[6, 8]].is_nan());
}

#[test]
#[should_panic(expected = "matmul: shapes [2, 3] · [2, 3] (+ None) do not chain into [2, 3]")]
fn matmul_shape_panic() {
    matmul_into::<f64>(
        &Array2::zeros((2, 3)),
        &Array2::zeros((2, 3)),
        None,
        &mut Array2::zeros((2, 3)),
    );
}

#[test]
fn matmul_small_and_large_paths_agree_with_ndarray_dot() {
    // Both sides of SMALL_PRODUCT, transposed operands included.
    for &(m, k, n) in &[(4, 2, 4), (2, 4, 4), (8, 8, 8), (9, 8, 8), (30, 20, 10)] {
        let a = Array2::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
        let b = Array2::from_shape_fn((n, k), |(i, j)| ((i * 5 + j) % 7) as f64 * 0.5);
        let mut c = Array2::zeros((m, n));
        matmul_into(&a, &b.t(), None, &mut c);
        // Small integers and halves: every product and sum is exact, whatever the order.
        assert_eq!(c, a.dot(&b.t()), "{m}x{k}x{n}");
    }
}

#[test]
fn matmul_handles_empty_shapes() {
    let mut c = Array2::zeros((3, 0));
    matmul_into::<f64>(
        &Array2::zeros((3, 2)),
        &Array2::zeros((2, 0)),
        Some(&ndarray::Array1::zeros(0)),
        &mut c,
    );
    let mut c = Array2::from_elem((2, 2), 7.0);
    matmul_into(
        &Array2::zeros((2, 0)),
        &Array2::zeros((0, 2)),
        Some(&ndarray::array![1.0, 2.0]),
        &mut c,
    );
    assert_eq!(
        c,
        ndarray::array![[1.0, 2.0], [1.0, 2.0]],
        "an empty sum is 0, plus the bias"
    );
}
