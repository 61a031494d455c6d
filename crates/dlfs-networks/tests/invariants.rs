//! Property tests of the network as a whole.
use dlfs_init::{Init, RandomState};
use dlfs_losses::cross_entropy_error;
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use proptest::prelude::*;

/// `(sizes, activation, seed)` for a small random network.
fn network() -> impl Strategy<Value = (Vec<usize>, Activation, u32)> {
    (
        (1usize..5, prop::collection::vec(1usize..6, 0..3), 2usize..5).prop_map(|(i, h, o)| {
            let mut s = vec![i];
            s.extend(h);
            s.push(o);
            s
        }),
        prop_oneof![Just(Activation::Sigmoid), Just(Activation::Relu)],
        any::<u32>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn outputs_are_distributions_and_the_loss_is_their_cross_entropy((sizes, act, seed) in network()) {
        let mut rng = RandomState::new(seed);
        let x = rng.randn(6, sizes[0]);
        let labels: Vec<usize> = (0..6).map(|i| i % sizes[sizes.len() - 1]).collect();
        let mut net = MultiLayerNet::new(&sizes, act, Init::Xavier, &mut rng);
        prop_assert_eq!(net.sizes(), sizes.clone());
        let y = net.probabilities(&x);
        prop_assert_eq!(y.dim(), (6, sizes[sizes.len() - 1]));
        for row in y.rows() {
            prop_assert!((row.sum() - 1.0).abs() < 1e-12);
        }
        let loss = net.loss(&x, Targets::Labels(&labels));
        prop_assert_eq!(loss, cross_entropy_error(&y, Targets::Labels(&labels)));
        let acc = net.accuracy(&x, Targets::Labels(&labels));
        prop_assert!((0.0..=1.0).contains(&acc));
    }

    #[test]
    fn sgd_moves_each_parameter_by_minus_lr_times_its_gradient((sizes, act, seed) in network(), lr in 1e-3..1.0f64) {
        let mut rng = RandomState::new(seed);
        let x = rng.randn(4, sizes[0]);
        let labels: Vec<usize> = (0..4).map(|i| i % sizes[sizes.len() - 1]).collect();
        let mut net = MultiLayerNet::new(&sizes, act, Init::Xavier, &mut rng);
        let before = net.params();
        net.gradient(&x, Targets::Labels(&labels));
        let grads = net.grads();
        Sgd::new(lr).update(net.params_mut());
        for ((b, g), a) in before.iter().zip(&grads).zip(net.params()) {
            prop_assert_eq!(&a.name, &b.name);
            prop_assert_eq!(&a.value, &(&b.value - &(lr * &g.value)));
        }
    }

    #[test]
    fn a_small_step_downhill_lowers_the_loss((sizes, _act, seed) in network()) {
        let mut rng = RandomState::new(seed);
        let x = rng.randn(4, sizes[0]);
        let labels: Vec<usize> = (0..4).map(|i| i % sizes[sizes.len() - 1]).collect();
        let mut net = MultiLayerNet::new(&sizes, Activation::Sigmoid, Init::Xavier, &mut rng);
        let loss = net.gradient(&x, Targets::Labels(&labels));
        let g2: f64 = net.grads().iter().flat_map(|g| g.value.iter()).map(|v| v * v).sum();
        prop_assume!(g2 > 1e-6);
        Sgd::new(1e-3).update(net.params_mut());
        prop_assert!(net.loss(&x, Targets::Labels(&labels)) < loss);
    }
}

#[test]
#[should_panic(expected = "Affine::forward: input shape [4, 3] does not match W shape [2, 4]")]
fn a_batch_of_the_wrong_width_names_the_layer_and_both_shapes() {
    let mut net = MultiLayerNet::new(
        &[2, 4, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(42),
    );
    net.predict(&ndarray::Array2::zeros((4, 3)));
}
