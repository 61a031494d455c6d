//! Backprop against the numerical gradient (§5.7.3) on random networks: several depths, both
//! activations, one-hot and index targets.
//!
//! Two effects separate the two gradients, and the tests keep both small on purpose:
//! * the central difference's truncation error, `h²/6 · ∂³L/∂θ³` with `h = 1e-4`;
//! * the `+1e-7` inside the log (§4.2.2): `(y − t)/N`, what `SoftmaxWithLoss` sends back, is the
//!   exact gradient of the loss *without* it, while the numerical gradient differentiates the loss
//!   *with* it. Sample `n`'s term is off by a factor `yₙ,ₜ / (yₙ,ₜ + 1e-7)`, a relative `1e-7/yₙ,ₜ`.
//!   [`the_remaining_difference_is_the_delta_in_the_log`] shows it. Summed over a batch the
//!   per-sample gradients can cancel while these errors do not, so the random tests bound the δ's
//!   share from the per-sample gradients and check the networks where it is below 1e-6 (so it adds at most 5e-7 to the relative
//!   error `‖a − b‖ / (‖a‖ + ‖b‖)`).
use dlfs_init::{Init, RandomState};
use dlfs_layers::Layer;
use dlfs_networks::{Activation, MultiLayerNet, NamedArray, Targets};
use ndarray::{Array1, Array2, array};
use proptest::prelude::*;

/// Layer sizes `[input, hidden…, output]`: 1 to 3 hidden layers of 1 to 5 units.
fn sizes() -> impl Strategy<Value = Vec<usize>> {
    (1usize..5, prop::collection::vec(1usize..6, 1..4), 2usize..5).prop_map(|(i, h, o)| {
        let mut s = vec![i];
        s.extend(h);
        s.push(o);
        s
    })
}

/// A batch of 5 inputs in [−1, 1) for the network with `sizes`, with labels.
fn data(sizes: &[usize], rng: &mut RandomState) -> (Array2<f64>, Vec<usize>) {
    let x = rng.rand(5, sizes[0]).mapv(|v| 2.0 * v - 1.0);
    let classes = *sizes.last().unwrap() as f64;
    let labels = (0..5)
        .map(|_| (rng.random_sample() * classes) as usize)
        .collect();
    (x, labels)
}

fn one_hot(labels: &[usize], classes: usize) -> Array2<f64> {
    Array2::from_shape_fn((labels.len(), classes), |(n, k)| {
        f64::from(u8::from(labels[n] == k))
    })
}

/// `‖a − b‖ / (‖a‖ + ‖b‖)` over every parameter of the network at once.
fn network_rel_error(a: &[NamedArray], b: &[NamedArray]) -> f64 {
    let (mut d, mut na, mut nb) = (0.0, 0.0, 0.0);
    for (p, q) in a.iter().zip(b) {
        for (x, y) in p.value.iter().zip(&q.value) {
            d += (x - y) * (x - y);
            na += x * x;
            nb += y * y;
        }
    }
    d.sqrt() / (na.sqrt() + nb.sqrt())
}

fn norm(grads: &[NamedArray]) -> f64 {
    grads
        .iter()
        .flat_map(|g| g.value.iter())
        .map(|v| v * v)
        .sum::<f64>()
        .sqrt()
}

/// How much of `‖backprop − exact‖` the `+1e-7` in the log can explain, relative to the batch
/// gradient: `(1/N) Σₙ δ/(yₙ,ₜ + δ) ‖gₙ‖ / ‖g‖`, where `gₙ` is sample `n`'s own gradient.
fn delta_share(net: &mut MultiLayerNet, x: &Array2<f64>, labels: &[usize]) -> f64 {
    let y = net.probabilities(x);
    let n = x.nrows();
    let mut bound = 0.0;
    for i in 0..n {
        net.gradient(
            &x.slice(ndarray::s![i..=i, ..]),
            Targets::Labels(&labels[i..=i]),
        );
        bound += 1e-7 / (y[[i, labels[i]]] + 1e-7) * norm(&net.grads());
    }
    net.gradient(x, Targets::Labels(labels));
    bound / n as f64 / norm(&net.grads())
}

/// The network-wide relative error of backprop against the numerical gradient, with one-hot or
/// label targets.
fn backprop_vs_numerical(
    net: &mut MultiLayerNet,
    x: &Array2<f64>,
    labels: &[usize],
    one_hot_targets: bool,
) -> f64 {
    let t_matrix = one_hot(labels, net.sizes()[net.sizes().len() - 1]);
    let t = if one_hot_targets {
        Targets::OneHot(t_matrix.view())
    } else {
        Targets::Labels(labels)
    };
    let numerical = net.numerical_gradient(x, t);
    net.gradient(x, t);
    network_rel_error(&net.grads(), &numerical)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn sigmoid_backprop_equals_the_numerical_gradient(sizes in sizes(), seed in 0u32..10_000, one_hot_targets in any::<bool>()) {
        let mut rng = RandomState::new(seed);
        let (x, labels) = data(&sizes, &mut rng);
        let mut net = MultiLayerNet::new(&sizes, Activation::Sigmoid, Init::Xavier, &mut rng);
        prop_assume!(delta_share(&mut net, &x, &labels) < 1e-6);
        let rel = backprop_vs_numerical(&mut net, &x, &labels, one_hot_targets);
        prop_assert!(rel < 1e-6, "{:?}: relative error {:e}", sizes, rel);
        let t = Targets::Labels(&labels);
        for row in net.gradient_check(&x, t) {
            prop_assert!(row.max_abs_diff < 1e-6, "{:?} {:?}", sizes, row);
        }
    }

    #[test]
    fn relu_backprop_equals_the_numerical_gradient(sizes in sizes(), seed in 0u32..10_000, one_hot_targets in any::<bool>()) {
        let mut rng = RandomState::new(seed);
        let (x, labels) = data(&sizes, &mut rng);
        let mut net = MultiLayerNet::new(&sizes, Activation::Relu, Init::He, &mut rng);
        prop_assume!(delta_share(&mut net, &x, &labels) < 1e-6);
        // Central differences are only valid away from ReLU's kink: skip the network with a
        // hidden pre-activation within 1e-2 of zero, where θ ± h could cross it.
        net.predict(&x);
        let hidden = net.hidden_layers();
        prop_assume!(net.affines()[..hidden].iter().all(|a| a.output().iter().all(|v| v.abs() > 1e-2)));
        let rel = backprop_vs_numerical(&mut net, &x, &labels, one_hot_targets);
        prop_assert!(rel < 1e-6, "{:?}: relative error {:e}", sizes, rel);
    }
}

#[test]
fn the_articles_network_passes_the_check() {
    let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let mut net = MultiLayerNet::new(
        &[2, 4, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(42),
    );
    let rows = net.gradient_check(&x, Targets::Labels(&[0, 1, 1, 0]));
    let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["W1", "b1", "W2", "b2"]);
    for row in rows {
        // Per parameter, too: gradients of order 0.1, differences of order 1e-7 (mostly the δ).
        assert!(row.max_abs_diff < 1e-6 && row.rel_error < 1e-6, "{row:?}");
    }
}

#[test]
fn the_remaining_difference_is_the_delta_in_the_log() {
    // A network with no hidden layer: scores s = x·W + b. With the +1e-7, the exact gradient of
    // L = −(1/N) Σₙ log(yₙ,ₜ + δ) with respect to b is −(1/N) Σₙ yₙ,ₜ/(yₙ,ₜ + δ) · (tₙ − yₙ).
    // The numerical gradient matches that to 1e-10, while backprop's (y − t)/N is off by more.
    let x = array![[0.5, -1.0], [2.0, 0.3], [-0.7, 0.9]];
    let labels = [0, 2, 1];
    let w = array![[4.0, -3.0, 1.0], [-2.0, 5.0, 0.5]];
    let b = Array1::from(vec![0.1, -0.2, 0.3]);
    let mut net = MultiLayerNet::from_params(vec![(w, b)], Activation::Sigmoid);
    let t = Targets::Labels(&labels);
    let y = net.probabilities(&x);
    let n = x.nrows() as f64;
    let mut exact = Array1::<f64>::zeros(3);
    for (i, &label) in labels.iter().enumerate() {
        let factor = y[[i, label]] / (y[[i, label]] + 1e-7);
        for k in 0..3 {
            let t_ik = if k == label { 1.0 } else { 0.0 };
            exact[k] -= factor * (t_ik - y[[i, k]]) / n;
        }
    }
    let numerical = net.numerical_gradient(&x, t);
    net.gradient(&x, t);
    let backprop = net.grads();
    let (num_b, bp_b) = (&numerical[1].value, &backprop[1].value);
    for k in 0..3 {
        assert!(
            (num_b[[k]] - exact[k]).abs() < 1e-10,
            "numerical {} vs exact {}",
            num_b[[k]],
            exact[k]
        );
    }
    let off = (0..3)
        .map(|k| (bp_b[[k]] - exact[k]).abs())
        .fold(0.0, f64::max);
    assert!(
        off > 1e-8,
        "backprop differs from the δ-loss gradient by {off:e}"
    );
}

#[test]
fn a_wrong_gradient_would_be_caught() {
    // The check is not vacuous: one network's backprop against another's numerical gradient.
    let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let t = Targets::Labels(&[0, 1, 1, 0]);
    let mut a = MultiLayerNet::new(
        &[2, 3, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(1),
    );
    let mut b = MultiLayerNet::new(
        &[2, 3, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(2),
    );
    a.gradient(&x, t);
    assert!(network_rel_error(&a.grads(), &b.numerical_gradient(&x, t)) > 1e-3);
}

/// The book's `ch06/batch_norm_gradient_check.py`, on a network small enough for a test: Batch
/// Norm's backward pass (the nine lines of §6.3.2) against the numerical gradient of the
/// training-mode loss, for `W`, `b`, `gamma` and `beta`, with weight decay too.
#[test]
fn batch_norm_and_weight_decay_gradients_match_the_numerical_ones() {
    for (seed, activation, lambda) in [
        (1, Activation::Relu, 0.0),
        (2, Activation::Sigmoid, 0.1),
        (3, Activation::Tanh, 0.01),
    ] {
        let mut rng = RandomState::new(seed);
        let sizes = [4, 5, 3, 3];
        let mut net = MultiLayerNet::new(&sizes, activation, Init::Xavier, &mut rng)
            .with_batch_norm()
            .with_weight_decay(lambda);
        // γ and β away from 1 and 0, so that their gradients flow through every path.
        for p in net.params_mut() {
            if p.name == "gamma" || p.name == "beta" {
                p.value
                    .iter_mut()
                    .for_each(|v| *v += rng.random_sample() - 0.5);
            }
        }
        let (x, t) = data(&sizes, &mut rng);
        let rows = net.gradient_check(&x, Targets::Labels(&t));
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"
            ]
        );
        for r in &rows {
            // b1 and b2 have gradient 0 (Batch Norm removes the mean): absolute, not relative.
            // 1e-5, not 1e-6: after Batch Norm many ReLU inputs sit near the kink, which the
            // central difference's h = 1e-4 can straddle (an error found wrong gives O(1)).
            assert!(
                r.rel_error < 1e-5 || r.max_abs_diff < 1e-9,
                "seed {seed}: {} rel {:e}, max |diff| {:e}",
                r.name,
                r.rel_error,
                r.max_abs_diff
            );
        }
    }
}
