//! The book's worked examples of chapter 5, and the layers' panics on shape mismatches.
use dlfs_layers::*;
use ndarray::{Array2, array};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn buy_apple() {
    // §5.4.1 (buy_apple.py): price 220, dapple 2.2, dapple_num 110, dtax 200.
    let (apple, apple_num, tax) = (100.0, 2.0, 1.1);
    let (mut mul_apple_layer, mut mul_tax_layer) = (MulLayer::new(), MulLayer::new());
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let price = mul_tax_layer.forward(apple_price, tax);
    let (dapple_price, dtax) = mul_tax_layer.backward(1.0);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
    assert!(close(price, 220.0), "{price}");
    assert!(close(dapple, 2.2) && close(dapple_num, 110.0) && close(dtax, 200.0));
}

#[test]
fn buy_apple_orange() {
    // §5.4.2 (buy_apple_orange.py): price 715, dapple_num 110, dapple 2.2, dorange 3.3,
    // dorange_num 165, dtax 650.
    let (apple, apple_num, orange, orange_num, tax) = (100.0, 2.0, 150.0, 3.0, 1.1);
    let mut mul_apple_layer = MulLayer::new();
    let mut mul_orange_layer = MulLayer::new();
    let mut add_apple_orange_layer = AddLayer::new();
    let mut mul_tax_layer = MulLayer::new();
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let orange_price = mul_orange_layer.forward(orange, orange_num);
    let all_price = add_apple_orange_layer.forward(apple_price, orange_price);
    let price = mul_tax_layer.forward(all_price, tax);
    let (dall_price, dtax) = mul_tax_layer.backward(1.0);
    let (dapple_price, dorange_price) = add_apple_orange_layer.backward(dall_price);
    let (dorange, dorange_num) = mul_orange_layer.backward(dorange_price);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
    assert!(close(price, 715.0));
    assert!(close(dapple_num, 110.0) && close(dapple, 2.2) && close(dorange, 3.3));
    assert!(close(dorange_num, 165.0) && close(dtax, 650.0));
}

#[test]
fn relu_mask_example() {
    // §5.5.1: x = [[1.0, -0.5], [-2.0, 3.0]] → mask [[False, True], [True, False]].
    let mut relu = Relu::new();
    let x = array![[1.0, -0.5], [-2.0, 3.0]];
    assert_eq!(relu.forward(&x), array![[1.0, 0.0], [0.0, 3.0]]);
    assert_eq!(relu.output(), array![[1.0, 0.0], [0.0, 3.0]]);
    assert_eq!(
        relu.backward(&Array2::ones((2, 2))),
        array![[1.0, 0.0], [0.0, 1.0]]
    );
}

#[test]
fn affine_bias_gradient_example() {
    // §5.6.2: dY = [[1, 2, 3], [4, 5, 6]] → dB = [5, 7, 9].
    let mut affine = Affine::new(Array2::zeros((2, 3)), array![0.0, 0.0, 0.0]);
    affine.forward(&Array2::ones((2, 2)));
    affine.backward(&array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    assert_eq!(affine.db, array![5.0, 7.0, 9.0]);
}

#[test]
fn a_certain_prediction_costs_exactly_the_floor() {
    // Scores 39 apart: the softmax rounds to exactly 1 for the right class, and the loss is
    // −ln(1 + 1e-7), the floor the δ of §4.2.2 sets (found by proptest in CI).
    let mut last = SoftmaxWithLoss::new();
    let loss = last.forward(
        &array![[19.006159867253423, -19.939048855741582]],
        Targets::Labels(&[0]),
    );
    assert_eq!(last.output()[[0, 0]], 1.0);
    assert_eq!(loss, -(1.0 + 1e-7f64).ln());
    assert!(
        loss < -(1e-7f64).ln_1p(),
        "1 + 1e-7 rounds up, so the floor is a hair lower"
    );
}

#[test]
fn affine_without_a_kept_input_gives_the_same_gradients() {
    // A network's first layer: X is not copied in forward, but handed back for dW.
    let w = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
    let x = array![[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]];
    let dout = array![[1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [3.0, 0.0, -2.0]];
    let mut kept = Affine::new(w.clone(), array![1.0, 2.0, 3.0]);
    let mut handed_back = kept.clone();
    let y = kept.forward(&x).to_owned();
    assert_eq!(handed_back.forward_without_input(&x), y);
    kept.backward_params(&dout);
    handed_back.backward_params_with_input(&x, &dout);
    assert_eq!((&kept.dw, &kept.db), (&handed_back.dw, &handed_back.db));
    assert_eq!(kept.dw, x.t().dot(&dout));
}

#[test]
fn affine_keeps_its_input_not_the_callers() {
    // The book's `self.x = x`: dW = Xᵀ·dY of the forward pass's X, whatever happens to the
    // caller's array afterwards.
    let w = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
    let mut x = array![[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]];
    let dout = array![[1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [3.0, 0.0, -2.0]];
    let mut affine = Affine::new(w, array![1.0, 2.0, 3.0]);
    affine.forward(&x);
    let expected = x.t().dot(&dout);
    x.fill(7.0);
    affine.backward(&dout);
    assert_eq!(affine.dw, expected);
}

#[test]
#[should_panic(expected = "Affine::backward: no input was kept")]
fn affine_backward_after_forward_without_input_panics() {
    let mut affine = Affine::new(Array2::zeros((2, 3)), array![0.0, 0.0, 0.0]);
    affine.forward(&Array2::ones((4, 2)));
    affine.forward_without_input(&Array2::ones((4, 2)));
    affine.backward(&Array2::ones((4, 3)));
}

#[test]
#[should_panic(expected = "Affine::backward: input shape [3, 2] does not match dout shape [4, 3]")]
fn affine_handed_back_input_of_another_batch_panics() {
    let mut affine = Affine::new(Array2::zeros((2, 3)), array![0.0, 0.0, 0.0]);
    affine.forward_without_input(&Array2::ones((4, 2)));
    affine.backward_params_with_input(&Array2::ones((3, 2)), &Array2::ones((4, 3)));
}

#[test]
#[should_panic(
    expected = "Affine::backward: dout shape [4, 2] does not match the output shape [4, 3]"
)]
fn affine_handed_back_input_with_a_dout_of_another_shape_panics() {
    let mut affine = Affine::new(Array2::zeros((2, 3)), array![0.0, 0.0, 0.0]);
    affine.forward_without_input(&Array2::ones((4, 2)));
    affine.backward_params_with_input(&Array2::ones((4, 2)), &Array2::ones((4, 2)));
}

#[test]
fn affine_backward_params_skips_only_dx() {
    let w = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
    let x = array![[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]];
    let dout = array![[1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [3.0, 0.0, -2.0]];
    let mut full = Affine::new(w.clone(), array![1.0, 2.0, 3.0]);
    let mut params_only = full.clone();
    full.forward(&x);
    full.backward(&dout);
    params_only.forward(&x);
    params_only.backward_params(&dout);
    assert_eq!(full.dw, params_only.dw);
    assert_eq!(full.db, params_only.db);
    assert_eq!(full.dw, x.t().dot(&dout));
}

#[test]
fn softmax_with_loss_on_index_and_one_hot_targets() {
    let x = array![[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]];
    let labels = [2, 0];
    let one_hot = array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]];
    let (mut a, mut b) = (SoftmaxWithLoss::new(), SoftmaxWithLoss::new());
    let la = a.forward(&x, Targets::Labels(&labels));
    let lb = b.forward(&x, Targets::OneHot(one_hot.view()));
    assert_eq!(la, lb);
    // Mean of −log(y + 1e-7) for y = 0.73659691 (§3.5.1's softmax of the first row, to 8
    // decimals) and y = 1/3.
    let expect = -((0.736_596_91f64 + 1e-7).ln() + (1.0f64 / 3.0 + 1e-7).ln()) / 2.0;
    assert!((la - expect).abs() < 1e-8, "{la} vs {expect}");
    assert_eq!(a.backward(1.0), b.backward(1.0));
}

#[test]
#[should_panic(expected = "Affine::forward: input shape [4, 3] does not match W shape [2, 4]")]
fn affine_forward_shape_panic() {
    Affine::<f64>::new(
        Array2::zeros((2, 4)),
        Array2::zeros((1, 4)).row(0).to_owned(),
    )
    .forward(&Array2::zeros((4, 3)));
}

#[test]
#[should_panic(
    expected = "Affine::backward: dout shape [4, 3] does not match the output shape [4, 4]"
)]
fn affine_backward_shape_panic() {
    let mut affine = Affine::<f64>::new(Array2::zeros((2, 4)), ndarray::Array1::zeros(4));
    affine.forward(&Array2::zeros((4, 2)));
    affine.backward(&Array2::zeros((4, 3)));
}

#[test]
#[should_panic(
    expected = "Sigmoid::backward: dout shape [1, 2] does not match the output shape [2, 2]"
)]
fn sigmoid_backward_shape_panic() {
    let mut s = Sigmoid::new();
    s.forward(&Array2::zeros((2, 2)));
    s.backward(&Array2::zeros((1, 2)));
}

#[test]
#[should_panic(
    expected = "Relu::backward: dout shape [3, 2] does not match the forward input shape [2, 2]"
)]
fn relu_backward_shape_panic() {
    let mut r = Relu::new();
    r.forward(&Array2::zeros((2, 2)));
    r.backward(&Array2::zeros((3, 2)));
}

#[test]
#[should_panic(
    expected = "SoftmaxWithLoss::forward: one-hot targets of shape [2, 3] do not match outputs of shape [2, 2]"
)]
fn softmax_with_loss_target_shape_panic() {
    SoftmaxWithLoss::new().forward(
        &Array2::zeros((2, 2)),
        Targets::OneHot(Array2::zeros((2, 3)).view()),
    );
}

#[test]
fn an_optimiser_reaches_parameters_and_gradients_through_the_trait() {
    // Plain SGD written against `dyn Layer` only: W ← W − lr·dW, b ← b − lr·db.
    let (w0, b0) = (array![[1.0, 2.0], [3.0, 4.0]], array![0.5, -0.5]);
    let mut layers: Vec<Box<dyn Layer>> = vec![
        Box::new(Affine::new(w0.clone(), b0.clone())),
        Box::new(Sigmoid::new()),
    ];
    let x = array![[1.0, -1.0]];
    let h = layers[0].forward(&x).to_owned();
    let y = layers[1].forward(&h).to_owned();
    let dx = layers[1].backward(&Array2::ones(y.dim())).to_owned();
    layers[0].backward(&dx);
    let mut seen = Vec::new();
    for layer in &mut layers {
        layer.visit_params(&mut |p| {
            seen.push((p.to_string(), p.shape));
            for (v, g) in p.value.iter_mut().zip(p.grad) {
                *v -= 0.1 * g;
            }
        });
    }
    assert_eq!(seen, [("W".to_string(), (2, 2)), ("b".to_string(), (1, 2))]);
    // dW = xᵀ·dx with x = [1, −1]: row 0 of dW is dx, row 1 is −dx; db = dx.
    let mut moved = Vec::new();
    layers[0].visit_params(&mut |p| moved.push(p.value.to_vec()));
    let expect_w = [
        w0[[0, 0]] - 0.1 * dx[[0, 0]],
        w0[[0, 1]] - 0.1 * dx[[0, 1]],
        w0[[1, 0]] + 0.1 * dx[[0, 0]],
        w0[[1, 1]] + 0.1 * dx[[0, 1]],
    ];
    let expect_b = [b0[0] - 0.1 * dx[[0, 0]], b0[1] - 0.1 * dx[[0, 1]]];
    assert_eq!(moved, [expect_w.to_vec(), expect_b.to_vec()]);
}

#[test]
fn layers_carry_the_books_names() {
    let affine = Affine::new(array![[1.0]], array![0.0]);
    assert_eq!(affine.name(), "Affine");
    assert_eq!(Relu::new().name(), "Relu");
    assert_eq!(Sigmoid::new().name(), "Sigmoid");
    assert_eq!(Tanh::new().name(), "Tanh");
}

#[test]
fn softmax_with_loss_scales_its_gradient_by_dout_and_keeps_its_loss() {
    // Scores [0, 0]: y = [0.5, 0.5]; with target 1, dX = dout · (y − t) / N = dout · [0.5, −0.5].
    // The loss is −ln(0.5 + 1e-7).
    for targets in ["labels", "one-hot"] {
        let mut layer = SoftmaxWithLoss::new();
        let one_hot = array![[0.0, 1.0]];
        let t = if targets == "labels" {
            Targets::Labels(&[1])
        } else {
            Targets::OneHot(one_hot.view())
        };
        let loss = layer.forward(&array![[0.0, 0.0]], t);
        assert!((loss - -(0.5f64 + 1e-7).ln()).abs() < 1e-15, "{targets}");
        assert_eq!(layer.loss(), loss, "{targets}");
        assert_eq!(layer.backward(2.0), array![[1.0, -1.0]], "{targets}");
        assert_eq!(layer.backward(0.5), array![[0.25, -0.25]], "{targets}");
    }
}

#[test]
fn tanh_sends_back_dout_times_one_minus_its_output_squared() {
    let x = array![[0.5, -1.5]];
    let mut layer = Tanh::new();
    let y = layer.forward(&x).to_owned();
    assert_eq!(y, x.mapv(f64::tanh));
    let dx = layer.backward(&array![[2.0, -3.0]]).to_owned();
    let expected = array![[
        2.0 * (1.0 - 0.5f64.tanh().powi(2)),
        -3.0 * (1.0 - (-1.5f64).tanh().powi(2))
    ]];
    for (a, b) in dx.iter().zip(&expected) {
        assert!((a - b).abs() < 1e-15, "{dx} vs {expected}");
    }
}
