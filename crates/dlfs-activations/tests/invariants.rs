//! Property tests: the invariants every activation must hold, whatever the input.
use dlfs_activations::*;
use ndarray::{Array1, Array2};
use proptest::prelude::*;

/// A finite value of moderate size.
fn value() -> impl Strategy<Value = f64> {
    -50.0..50.0f64
}

/// A small batch `(rows, cols)` of finite values, scaled up to ±2000 to exercise overflow.
fn batch() -> impl Strategy<Value = Array2<f64>> {
    (1usize..6, 1usize..8).prop_flat_map(|(r, c)| {
        prop::collection::vec(-2000.0..2000.0f64, r * c)
            .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn softmax_rows_are_the_books_formula_to_the_bit(a in batch()) {
        // §3.5.2 written out, one row at a time: subtract the max, exp, sum in order, divide.
        let y = softmax_rows(&a);
        for (row, y_row) in a.rows().into_iter().zip(y.rows()) {
            let max = row.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            let e: Vec<f64> = row.iter().map(|&v| dlfs_numpy::exp(v - max)).collect();
            let sum = e.iter().fold(0.0, |s, &v| s + v);
            for (&y, e) in y_row.iter().zip(e) {
                prop_assert_eq!(y.to_bits(), (e / sum).to_bits());
            }
        }
    }

    #[test]
    fn softmax_rows_are_distributions(a in batch()) {
        let y = softmax_rows(&a);
        for row in y.rows() {
            prop_assert!(row.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
            prop_assert!((row.sum() - 1.0).abs() < 1e-12, "row sums to {}", row.sum());
        }
    }

    #[test]
    fn softmax_ignores_a_constant_shift(a in batch(), c in -100.0..100.0f64) {
        let y = softmax_rows(&a);
        let y_shifted = softmax_rows(&(&a + c));
        for (p, q) in y.iter().zip(y_shifted.iter()) {
            // Shifting changes the rounding of aᵢ − max only in the last bits.
            prop_assert!((p - q).abs() < 1e-9, "{p} vs {q}");
        }
    }

    #[test]
    fn softmax_of_a_vector_equals_the_row_version(v in prop::collection::vec(value(), 1..10)) {
        let a = Array1::from(v);
        let y = softmax(&a);
        let row = softmax_rows(&a.clone().insert_axis(ndarray::Axis(0)));
        prop_assert_eq!(y, row.row(0).to_owned());
    }

    #[test]
    fn sigmoid_slice_equals_sigmoid_element_by_element(x in prop::collection::vec(-800.0..800.0f64, 0..11)) {
        // Four at a time and the rest one by one: every element the bits of `sigmoid`.
        let mut y = vec![f64::NAN; x.len()];
        sigmoid_slice(&x, &mut y);
        for (&y, &x) in y.iter().zip(&x) {
            prop_assert_eq!(y.to_bits(), sigmoid(x).to_bits(), "sigmoid({})", x);
        }
    }

    #[test]
    fn sigmoid_is_symmetric(x in value()) {
        prop_assert!((sigmoid(-x) - (1.0 - sigmoid(x))).abs() < 1e-15);
        prop_assert!((0.0..=1.0).contains(&sigmoid(x)));
    }

    #[test]
    fn derivatives_match_central_differences(x in value()) {
        let h = 1e-5;
        let central = |f: fn(f64) -> f64| (f(x + h) - f(x - h)) / (2.0 * h);
        prop_assert!((sigmoid_grad(x) - central(sigmoid)).abs() < 1e-8);
        prop_assert!((tanh_grad(x) - central(tanh)).abs() < 1e-8);
        prop_assert!((identity_grad(x) - central(identity)).abs() < 1e-8);
        if x.abs() > 2.0 * h {
            prop_assert_eq!(relu_grad(x), central(relu).round());
            prop_assert_eq!(step_grad(x), central(step));
        }
    }

    #[test]
    fn relu_and_step_agree_with_their_definitions(x in value()) {
        prop_assert_eq!(relu(x), x.max(0.0));
        prop_assert_eq!(step(x), if x > 0.0 { 1.0 } else { 0.0 });
        prop_assert_eq!(relu_grad(x), step(x));
    }
}

#[test]
fn softmax_matches_the_book_example() {
    // §3.5.1: softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691].
    let y = softmax::<f64>(&ndarray::array![0.3, 2.9, 4.0]);
    let book = [0.01821127, 0.24519181, 0.73659691];
    for (v, b) in y.iter().zip(book) {
        assert!((v - b).abs() < 5e-9, "{v} vs {b}");
    }
}

#[test]
fn softmax_of_huge_inputs_is_finite() {
    // §3.5.2: np.exp(1010) overflows; subtracting the maximum fixes it.
    let y = softmax::<f64>(&ndarray::array![1010.0, 1000.0, 990.0]);
    let book = [9.99954600e-01, 4.53978686e-05, 2.06106005e-09];
    for (v, b) in y.iter().zip(book) {
        assert!((v - b).abs() <= 1e-9 * b.max(1e-3), "{v} vs {b}");
    }
}

#[test]
fn sigmoid_matches_the_book_example() {
    // §3.2.4: sigmoid([-1.0, 1.0, 2.0]) = [0.26894142, 0.73105858, 0.88079708].
    let book = [0.26894142, 0.73105858, 0.88079708];
    for (x, b) in [-1.0, 1.0, 2.0].into_iter().zip(book) {
        assert!((sigmoid(x) - b).abs() < 5e-9);
    }
}

#[test]
fn softmax_of_strided_views_equals_softmax_of_copies() {
    let a = ndarray::array![[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]];
    // Columns of `a` are strided views; `a.t()` is a transposed (non-standard) matrix.
    let mut col = Array1::zeros(2);
    softmax_into(&a.column(1), &mut col);
    assert_eq!(col, softmax(&a.column(1).to_owned()));
    let mut y = Array2::zeros((3, 2));
    softmax_rows_into(&a.t(), &mut y);
    assert_eq!(y, softmax_rows(&a.t().to_owned()));
    let mut yt = Array2::<f64>::zeros((2, 3));
    softmax_rows_into(&a, &mut yt.view_mut());
    let mut y_f = Array2::<f64>::zeros((3, 2));
    softmax_rows_into(&a, &mut y_f.view_mut().reversed_axes());
    assert_eq!(y_f.t(), yt);
}

#[test]
fn relu_of_negative_zero_is_positive_zero_as_the_books_mask_makes_it() {
    // The book's Relu sets out[x <= 0] = 0: -0.0 <= 0, so -0.0 becomes +0.0.
    assert_eq!(relu(-0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(relu_grad(-0.0), 0.0);
}

#[test]
fn the_softmax_of_nothing_is_nothing() {
    let y = softmax(&Array1::<f64>::zeros(0));
    assert_eq!(y.len(), 0);
    let y = softmax_rows(&Array2::<f64>::zeros((3, 0)));
    assert_eq!(y.dim(), (3, 0));
}
