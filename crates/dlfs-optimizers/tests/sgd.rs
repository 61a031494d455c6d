//! SGD against its definition and against the mathematics of gradient descent.
use dlfs_optimizers::{Optimizer, Param, Sgd};
use proptest::prelude::*;

/// A parameter's values and gradients: 1 to 12 finite values each, of the same length.
fn value_and_grad() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..13).prop_flat_map(|n| {
        (
            prop::collection::vec(-1e3..1e3f64, n),
            prop::collection::vec(-1e3..1e3f64, n),
        )
    })
}

/// Lends `(values, grads)` pairs as parameters `W1`, `b1`, `W2`, … to `optimizer`.
fn step(optimizer: &mut impl Optimizer, params: &mut [(Vec<f64>, Vec<f64>)]) {
    let mut walk = params.iter_mut().enumerate().map(|(i, (v, g))| Param {
        name: if i % 2 == 0 { "W" } else { "b" },
        layer: i / 2 + 1,
        shape: (1, v.len()),
        value: v,
        grad: g,
    });
    optimizer.update(&mut walk);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_element_moves_by_minus_lr_times_its_gradient(
        params in prop::collection::vec(value_and_grad(), 1..5),
        lr in 1e-4..10.0f64,
    ) {
        let mut after = params.clone();
        step(&mut Sgd::new(lr), &mut after);
        for ((v0, g), (v1, _)) in params.iter().zip(&after) {
            for ((&v0, &g), &v1) in v0.iter().zip(g).zip(v1) {
                prop_assert_eq!(v1.to_bits(), (v0 - lr * g).to_bits());
            }
        }
    }

    #[test]
    fn on_a_bowl_each_step_shrinks_the_distance_to_the_minimum(
        theta in prop::collection::vec(-1e3..1e3f64, 1..10),
        lr in 0.01..1.99f64,
    ) {
        // f(θ) = ½‖θ‖² has gradient θ: one step gives (1 − lr)·θ, shorter for 0 < lr < 2.
        let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
        let mut p = vec![(theta.clone(), theta.clone())];
        step(&mut Sgd::new(lr), &mut p);
        let expected = (1.0 - lr).abs() * norm(&theta);
        prop_assert!((norm(&p[0].0) - expected).abs() <= 1e-12 * norm(&theta).max(1.0));
        prop_assert!(norm(&p[0].0) <= norm(&theta));
    }
}

#[test]
#[should_panic(expected = "Sgd::update: W1 has 2 values but 3 gradients")]
fn a_gradient_of_another_length_panics_naming_the_parameter() {
    step(
        &mut Sgd::new(0.1),
        &mut [(vec![1.0, 2.0], vec![1.0, 2.0, 3.0])],
    );
}

#[test]
fn the_default_is_the_books_learning_rate() {
    assert_eq!(Sgd::default(), Sgd::new(0.01));
}
