//! Property tests and book examples for the losses.
use dlfs_losses::*;
use ndarray::{Array2, array};
use proptest::prelude::*;

/// A batch of softmax outputs `(rows, classes)` with matching labels.
fn outputs_and_labels() -> impl Strategy<Value = (Array2<f64>, Vec<usize>)> {
    (1usize..6, 2usize..6).prop_flat_map(|(r, c)| {
        (
            prop::collection::vec(-30.0..30.0f64, r * c).prop_map(move |v| {
                dlfs_activations::softmax_rows(&Array2::from_shape_vec((r, c), v).unwrap())
            }),
            prop::collection::vec(0..c, r),
        )
    })
}

fn one_hot(labels: &[usize], classes: usize) -> Array2<f64> {
    Array2::from_shape_fn((labels.len(), classes), |(n, k)| {
        f64::from(u8::from(labels[n] == k))
    })
}

/// Outputs `(rows, classes)` in [0.05, 1] (away from 0, where the log's curvature would swamp a
/// central difference), with labels and a target matrix of the same shape.
fn outputs_for_gradients() -> impl Strategy<Value = (Array2<f64>, Vec<usize>, Array2<f64>)> {
    (1usize..5, 2usize..5).prop_flat_map(|(r, c)| {
        let matrix = move |lo: f64| {
            prop::collection::vec(lo..1.0f64, r * c)
                .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
        };
        (matrix(0.05), prop::collection::vec(0..c, r), matrix(0.0))
    })
}

/// The central difference `(E(y + h·eₙₖ) − E(y − h·eₙₖ)) / 2h` for every element of `y`.
fn numerical_gradient(y: &Array2<f64>, loss: impl Fn(&Array2<f64>) -> f64) -> Array2<f64> {
    let h = 1e-6;
    Array2::from_shape_fn(y.dim(), |(n, k)| {
        let (mut plus, mut minus) = (y.clone(), y.clone());
        plus[[n, k]] += h;
        minus[[n, k]] -= h;
        (loss(&plus) - loss(&minus)) / (2.0 * h)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loss_gradients_match_central_differences((y, labels, t) in outputs_for_gradients()) {
        let ce = cross_entropy_error_grad(&y, Targets::Labels(&labels));
        let ce_num = numerical_gradient(&y, |y| cross_entropy_error(y, Targets::Labels(&labels)));
        let sse = sum_squared_error_grad(&y, &t);
        let sse_num = numerical_gradient(&y, |y| sum_squared_error(y, &t));
        for (a, b) in ce.iter().zip(&ce_num).chain(sse.iter().zip(&sse_num)) {
            // h = 1e-6: the truncation error is about h² times the third derivative (at most
            // 2/0.05³ for the log), the rounding error about 1e-16/h.
            prop_assert!((a - b).abs() <= 1e-7 * a.abs().max(1.0), "{a} vs {b}");
        }
    }

    #[test]
    fn one_hot_and_labels_give_the_same_gradient((y, labels, _) in outputs_for_gradients()) {
        let t = one_hot(&labels, y.ncols());
        prop_assert_eq!(
            cross_entropy_error_grad(&y, Targets::OneHot(t.view())),
            cross_entropy_error_grad(&y, Targets::Labels(&labels))
        );
    }

    #[test]
    fn losses_are_non_negative((y, labels) in outputs_and_labels()) {
        let t = one_hot(&labels, y.ncols());
        // With the δ inside the log the floor is −log(1 + δ) ≈ −1e-7, reached when y = 1 exactly.
        // (The batch mean of rows that all sit on the floor may round below it by an ulp.)
        let floor = -(1.0 + DELTA).ln();
        prop_assert!(cross_entropy_error(&y, Targets::Labels(&labels)) >= floor * (1.0 + 1e-12));
        prop_assert!(sum_squared_error(&y, &t) >= 0.0);
    }

    #[test]
    fn one_hot_and_labels_give_the_same_loss((y, labels) in outputs_and_labels()) {
        let t = one_hot(&labels, y.ncols());
        prop_assert_eq!(
            cross_entropy_error(&y, Targets::OneHot(t.view())),
            cross_entropy_error(&y, Targets::Labels(&labels))
        );
    }

    #[test]
    fn strided_views_give_the_same_loss_as_standard_arrays((y, labels) in outputs_and_labels()) {
        // The same matrices stored transposed (a view with strides), which the loss reads by
        // index rather than as rows: the same value, to the bit.
        let y_t = y.t().as_standard_layout().into_owned();
        let t = one_hot(&labels, y.ncols());
        let t_t = t.t().as_standard_layout().into_owned();
        let e = cross_entropy_error(&y, Targets::Labels(&labels));
        prop_assert_eq!(e.to_bits(), cross_entropy_error(&y_t.t(), Targets::Labels(&labels)).to_bits());
        prop_assert_eq!(e.to_bits(), cross_entropy_error(&y_t.t(), Targets::OneHot(t_t.t())).to_bits());
        prop_assert_eq!(e.to_bits(), cross_entropy_error(&y, Targets::OneHot(t_t.t())).to_bits());
    }

    #[test]
    fn cross_entropy_is_the_books_sum_formula((y, labels) in outputs_and_labels()) {
        // −Σ t·log(y + δ) / N, the one-hot formula of §4.2.4.
        let t = one_hot(&labels, y.ncols());
        let book = -(&t * &y.mapv(|v| (v + DELTA).ln())).sum() / y.nrows() as f64;
        let e = cross_entropy_error(&y, Targets::Labels(&labels));
        prop_assert!((e - book).abs() <= 1e-12 * book.abs().max(1.0));
    }
}

#[test]
fn book_examples() {
    // §4.2.1 and §4.2.2: the wrong guess ("7" gets 0.6) gives 0.5975 and 2.302584092994546.
    let t = array![[0., 0., 1., 0., 0., 0., 0., 0., 0., 0.]];
    let y: Array2<f64> = array![[0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]];
    assert!((sum_squared_error(&y, &t) - 0.5975).abs() < 1e-12);
    let e = cross_entropy_error(&y, Targets::OneHot(t.view()));
    assert!((e - 2.302584092994546).abs() < 1e-15);
}

#[test]
fn a_perfect_prediction_costs_almost_nothing() {
    let y: Array2<f64> = array![[1.0, 0.0], [0.0, 1.0]];
    let e = cross_entropy_error(&y, Targets::Labels(&[0, 1]));
    assert!(e.abs() < 1e-6);
    assert_eq!(sum_squared_error(&y, &y), 0.0);
}

#[test]
#[should_panic(expected = "cross_entropy_error: 3 labels do not match outputs of shape [2, 2]")]
fn wrong_number_of_labels_panics_with_both_shapes() {
    cross_entropy_error(&array![[0.5, 0.5], [0.5, 0.5]], Targets::Labels(&[0, 1, 1]));
}

#[test]
#[should_panic(expected = "label 5 is out of range")]
fn out_of_range_label_panics() {
    cross_entropy_error(&array![[0.5, 0.5]], Targets::Labels(&[5]));
}

#[test]
fn targets_count_their_samples() {
    let one_hot = ndarray::array![[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]];
    assert_eq!(Targets::OneHot(one_hot.view()).len(), 3);
    assert!(!Targets::OneHot(one_hot.view()).is_empty());
    assert_eq!(Targets::Labels(&[1, 0]).len(), 2);
    assert!(Targets::Labels(&[]).is_empty());
    assert!(!Targets::Labels(&[0]).is_empty());
}

#[test]
fn argmax_takes_the_first_of_equal_largest_values_as_numpy_does() {
    // np.argmax([1, 3, 3, 2]) == 1
    assert_eq!(argmax([1.0, 3.0, 3.0, 2.0]), 1);
    assert_eq!(argmax([0.5, 0.5]), 0);
    assert_eq!(argmax([f64::NAN, 2.0]), 1);
}

#[test]
fn an_empty_batch_has_no_mean_loss() {
    // -np.sum(np.log(y[np.arange(0), t] + 1e-7)) / 0 is nan: zero samples have no mean.
    let y = Array2::<f64>::zeros((0, 0));
    assert!(cross_entropy_error(&y, Targets::Labels(&[])).is_nan());
    assert!(cross_entropy_error(&y, Targets::OneHot(y.view())).is_nan());
}
