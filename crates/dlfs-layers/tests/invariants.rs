//! Property tests of the layers' invariants, on small random shapes.
use dlfs_layers::*;
use ndarray::{Array1, Array2, Axis};
use proptest::prelude::*;

/// A `(rows, cols)` matrix of finite values in `range`.
fn matrix(
    rows: usize,
    cols: usize,
    range: std::ops::Range<f64>,
) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(range, rows * cols)
        .prop_map(move |v| Array2::from_shape_vec((rows, cols), v).unwrap())
}

/// A batch of small shape.
fn batch() -> impl Strategy<Value = Array2<f64>> {
    (1usize..6, 1usize..6).prop_flat_map(|(r, c)| matrix(r, c, -10.0..10.0))
}

/// `(x, W, b, dout)` for an Affine layer with `x: (n, i)`, `W: (i, o)`.
fn affine_case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, Array1<f64>, Array2<f64>)> {
    (1usize..6, 1usize..6, 1usize..6).prop_flat_map(|(n, i, o)| {
        (
            matrix(n, i, -5.0..5.0),
            matrix(i, o, -5.0..5.0),
            matrix(1, o, -5.0..5.0).prop_map(|b| b.row(0).to_owned()),
            matrix(n, o, -5.0..5.0),
        )
    })
}

/// Scores `(n, c)` with labels in `0..c`.
fn scores_and_labels() -> impl Strategy<Value = (Array2<f64>, Vec<usize>)> {
    (1usize..6, 2usize..6)
        .prop_flat_map(|(n, c)| (matrix(n, c, -20.0..20.0), prop::collection::vec(0..c, n)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn relu_backward_is_zero_exactly_where_the_input_was_not_positive(
        (x, dout) in (1usize..6, 1usize..6).prop_flat_map(|(r, c)| (matrix(r, c, -3.0..3.0), matrix(r, c, 0.5..2.0)))
    ) {
        let mut relu = Relu::new();
        relu.forward(&x);
        let dx = relu.backward(&dout).to_owned();
        for ((&x, &dx), &d) in x.iter().zip(&dx).zip(&dout) {
            prop_assert_eq!(dx == 0.0, x <= 0.0);
            if x > 0.0 { prop_assert_eq!(dx, d); }
        }
    }

    #[test]
    fn sigmoid_backward_is_dout_times_y_one_minus_y(x in batch()) {
        let mut s = Sigmoid::new();
        let y = s.forward(&x).to_owned();
        let dout = x.mapv(|v| v * 0.3 + 1.0);
        let dx = s.backward(&dout).to_owned();
        for ((&y, &dx), &d) in y.iter().zip(&dx).zip(&dout) {
            prop_assert!((0.0..=1.0).contains(&y));
            prop_assert!((dx - d * y * (1.0 - y)).abs() <= 1e-15 * d.abs().max(1.0));
        }
    }

    #[test]
    fn affine_backward_shapes_match_forward_and_db_is_the_column_sum((x, w, b, dout) in affine_case()) {
        let mut affine = Affine::new(w.clone(), b.clone());
        let y = affine.forward(&x).to_owned();
        prop_assert_eq!(y.dim(), (x.nrows(), w.ncols()));
        let dx = affine.backward(&dout).to_owned();
        prop_assert_eq!(dx.dim(), x.dim());
        prop_assert_eq!(affine.dw.dim(), w.dim());
        prop_assert_eq!(affine.db.dim(), b.dim());
        prop_assert_eq!(&affine.db, &dout.sum_axis(Axis(0)));
        // The products themselves, against ndarray's own dot.
        for (p, q) in y.iter().zip((x.dot(&w) + &b).iter()) { prop_assert!((p - q).abs() < 1e-12); }
        for (p, q) in dx.iter().zip(dout.dot(&w.t()).iter()) { prop_assert!((p - q).abs() < 1e-12); }
        for (p, q) in affine.dw.iter().zip(x.t().dot(&dout).iter()) { prop_assert!((p - q).abs() < 1e-12); }
    }

    #[test]
    fn softmax_with_loss_backward_is_the_chain_rule_through_the_softmax(
        (x, labels) in (1usize..6, 2usize..6).prop_flat_map(|(n, c)| {
            (matrix(n, c, -3.0..3.0), prop::collection::vec(0..c, n))
        })
    ) {
        // §5.6.3: dX = Jᵀ·∂E/∂y row by row, with the softmax's Jacobian Jₖⱼ = yₖ(δₖⱼ − yⱼ) and
        // the cross-entropy's gradient ∂E/∂y. The δ = 1e-7 inside the log scales the result by
        // y_c / (y_c + δ) (c the correct class) away from the layer's (y − t)/N, and that is all.
        let mut last = SoftmaxWithLoss::new();
        last.forward(&x, Targets::Labels(&labels));
        let y = last.output().to_owned();
        let dx = last.backward(1.0).to_owned();
        let de_dy = dlfs_losses::cross_entropy_error_grad(&y, Targets::Labels(&labels));
        for (i, ((y, g), dx)) in y.rows().into_iter().zip(de_dy.rows()).zip(dx.rows()).enumerate() {
            let c = y.len();
            let jacobian = Array2::from_shape_fn((c, c), |(k, j)| {
                y[k] * (if k == j { 1.0 } else { 0.0 } - y[j])
            });
            let chain = jacobian.t().dot(&g);
            let scale = y[labels[i]] / (y[labels[i]] + 1e-7);
            for (&chain, &dx) in chain.iter().zip(dx) {
                prop_assert!(
                    (chain - dx * scale).abs() <= 1e-11 * dx.abs() + 1e-300,
                    "row {}: chain rule {} against (y − t)/N · scale {}", i, chain, dx * scale
                );
            }
        }
    }

    #[test]
    fn softmax_with_loss_backward_rows_sum_to_zero_and_equal_y_minus_t_over_n((x, labels) in scores_and_labels()) {
        let mut last = SoftmaxWithLoss::new();
        let loss = last.forward(&x, Targets::Labels(&labels));
        // The floor is −ln(1 + δ), reached when y = 1 exactly for every row (scores 40 apart
        // round the softmax to 1): with 1 + δ rounded, as the loss computes it (ln_1p(δ) is a
        // hair smaller), and the batch mean allowed its last-bit rounding.
        let floor = -(1.0 + 1e-7f64).ln();
        prop_assert!(loss >= floor * (1.0 + 1e-12), "loss {} below the floor {}", loss, floor);
        let y = last.output().to_owned();
        let dx = last.backward(1.0).to_owned();
        let n = x.nrows() as f64;
        for (i, (row, yrow)) in dx.rows().into_iter().zip(y.rows()).enumerate() {
            prop_assert!(row.sum().abs() < 1e-15, "row {} sums to {}", i, row.sum());
            for (k, (&d, &y)) in row.iter().zip(yrow).enumerate() {
                let t = if k == labels[i] { 1.0 } else { 0.0 };
                prop_assert_eq!(d, (y - t) / n);
            }
        }
    }

    #[test]
    fn buffers_are_reused_across_batch_sizes(a in batch(), b in batch()) {
        // A layer fed batches of different shapes gives what a fresh layer gives.
        let mut reused = Sigmoid::new();
        reused.forward(&a);
        let y = reused.forward(&b).to_owned();
        prop_assert_eq!(y, Sigmoid::new().forward(&b).to_owned());
    }
}
