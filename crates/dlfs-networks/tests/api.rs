//! The network's smaller promises, each against values worked out by hand or by definition.
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use ndarray::{Array1, array};

fn xor() -> ndarray::Array2<f64> {
    array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
}

#[test]
fn activations_are_named_as_on_the_command_line() {
    for (a, name) in Activation::ALL.iter().zip(["sigmoid", "relu", "tanh"]) {
        assert_eq!(a.as_str(), name);
        assert_eq!(a.to_string(), name);
        assert_eq!(name.parse::<Activation>(), Ok(*a));
    }
    assert!("softsign".parse::<Activation>().is_err());
}

#[test]
fn accuracy_counts_the_rows_whose_largest_score_is_the_target() {
    // W = I, b = 0, ReLU: the scores are the inputs themselves. argmax takes the first of equal
    // values, so the rows [0,0], [0,1], [1,0], [1,1] are classed 0, 1, 0, 0: against the XOR
    // labels 0, 1, 1, 0 three of four are right.
    let eye = array![[1.0, 0.0], [0.0, 1.0]];
    let mut net = MultiLayerNet::from_params(
        vec![(eye.clone(), Array1::zeros(2)), (eye, Array1::zeros(2))],
        Activation::Relu,
    );
    assert_eq!(net.accuracy(&xor(), Targets::Labels(&[0, 1, 1, 0])), 0.75);
    assert_eq!(net.accuracy(&xor(), Targets::Labels(&[0, 1, 0, 0])), 1.0);
    assert_eq!(net.accuracy(&xor(), Targets::Labels(&[1, 0, 1, 1])), 0.0);
    assert!(format!("{net:?}").contains("sizes: [2, 2, 2]"), "{net:?}");
}

#[test]
fn a_network_with_a_non_finite_parameter_is_not_finite() {
    let w = array![[1.0, 0.0], [0.0, 1.0]];
    let net = MultiLayerNet::from_params(vec![(w.clone(), Array1::zeros(2))], Activation::Sigmoid);
    assert!(net.is_finite());
    let net = MultiLayerNet::from_params(vec![(w, array![0.0, f64::NAN])], Activation::Sigmoid);
    assert!(!net.is_finite());
}

#[test]
fn the_gradient_check_rows_follow_their_definitions() {
    let (x, t) = (xor(), [0usize, 1, 1, 0]);
    let mut net = MultiLayerNet::new(
        &[2, 3, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(5),
    );
    let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
    let rows = net.gradient_check(&x, Targets::Labels(&t));
    let backprop = net.grads();
    for ((row, bp), num) in rows.iter().zip(&backprop).zip(&numerical) {
        let diffs: Vec<f64> = bp
            .value
            .iter()
            .zip(&num.value)
            .map(|(a, b)| (a - b).abs())
            .collect();
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let max = diffs.iter().fold(0.0f64, |m, &d| m.max(d));
        let norm = |v: &mut dyn Iterator<Item = f64>| v.map(|x| x * x).sum::<f64>().sqrt();
        let rel = norm(&mut diffs.iter().copied())
            / (norm(&mut bp.value.iter().copied()) + norm(&mut num.value.iter().copied()));
        assert_eq!(row.name, bp.name);
        assert!(
            (row.mean_abs_diff - mean).abs() <= 1e-15 * mean.max(1e-300),
            "{}",
            row.name
        );
        assert_eq!(row.max_abs_diff, max, "{}", row.name);
        assert!(
            (row.rel_error - rel).abs() <= 1e-12 * rel,
            "{}: {} vs {rel}",
            row.name,
            row.rel_error
        );
        // Means lie between the largest over n and the largest.
        assert!(row.mean_abs_diff <= row.max_abs_diff && row.mean_abs_diff >= row.max_abs_diff / n);
        assert!(
            row.rel_error > 0.0,
            "the 1e-7 of the loss leaves a difference"
        );
    }
}

#[test]
fn the_extensions_are_reported_and_applied_once() {
    let net = || {
        MultiLayerNet::new(
            &[2, 3, 3, 2],
            Activation::Relu,
            Init::He,
            &mut RandomState::new(3),
        )
    };
    let plain = net();
    assert!(!plain.has_batch_norm() && !plain.has_dropout());
    assert_eq!(plain.weight_decay_lambda(), 0.0);
    let extended = net().extended(dlfs_networks::Extend {
        batch_norm: true,
        dropout: Some(0.3),
        weight_decay: 0.2,
    });
    assert!(extended.has_batch_norm() && extended.has_dropout());
    assert_eq!(extended.weight_decay_lambda(), 0.2);
    // The layers: Affine, BatchNorm, Relu, Dropout twice, then the last Affine.
    assert_eq!(
        format!("{extended:?}").matches("Dropout").count(),
        2,
        "{extended:?}"
    );
    assert_eq!(extended.hidden_layers(), 2);
    let dropped = std::panic::catch_unwind(|| net().with_dropout(0.1).with_dropout(0.1));
    assert!(dropped.is_err(), "Dropout added twice");
    let normed = std::panic::catch_unwind(|| net().with_batch_norm().with_batch_norm());
    assert!(normed.is_err(), "Batch Norm added twice");
}
