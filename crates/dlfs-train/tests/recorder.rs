//! The diagnostics of short runs against their definitions: the 21 × 21 grid over [0, 1]²,
//! the Frobenius norms of the weight gradients, the histograms' bins over each activation's
//! range, and the log-spaced grid of iterations.
use dlfs_layers::Targets;
use dlfs_networks::Activation;
use dlfs_train::recorder::{
    GRID, Histograms, grid, histogram, histograms, on_log_grid, train_recorded, weight_grad_norms,
};
use dlfs_train::run::RunConfig;

#[test]
fn the_grid_covers_the_unit_square_in_steps_of_a_twentieth() {
    let g = grid();
    assert_eq!(g.dim(), (441, 2));
    assert_eq!(GRID, 21);
    // Row k is (column k mod 21, row k div 21) × 0.05: x₁ runs fastest.
    for k in 0..441 {
        let (c, r) = ((k % 21) as f64, (k / 21) as f64);
        assert!((g[[k, 0]] - c / 20.0).abs() < 1e-15, "{k}");
        assert!((g[[k, 1]] - r / 20.0).abs() < 1e-15, "{k}");
    }
    assert_eq!((g[[440, 0]], g[[440, 1]]), (1.0, 1.0));
}

#[test]
fn gradient_norms_are_the_frobenius_norms_of_each_layers_weight_gradient() {
    let mut net = dlfs_networks::MultiLayerNet::new(
        &[2, 3, 2, 2],
        Activation::Sigmoid,
        dlfs_init::Init::Article,
        &mut dlfs_init::RandomState::new(42),
    );
    net.gradient(
        &dlfs_datasets::xor::inputs(),
        Targets::OneHot(dlfs_datasets::xor::targets().view()),
    );
    let norms = weight_grad_norms(&net);
    assert_eq!(norms.len(), 3);
    for (a, n) in net.affines().iter().zip(&norms) {
        let squares: f64 = a.dw.iter().map(|g| g.powi(2)).sum();
        assert!(squares > 0.0);
        assert!((n - squares.sqrt()).abs() <= 1e-15 * n, "{n}");
    }
}

#[test]
fn the_log_grid_keeps_two_significant_digits() {
    let kept: Vec<usize> = (0..2500).filter(|&i| on_log_grid(i)).collect();
    let expected: Vec<usize> = (0..100)
        .chain((100..1000).step_by(10))
        .chain((1000..2500).step_by(100))
        .collect();
    assert_eq!(kept, expected);
    assert!(on_log_grid(1_000_000) && on_log_grid(990_000) && !on_log_grid(990_001));
}

#[test]
fn histograms_count_values_in_twenty_equal_bins() {
    // Bins of 0.1 over [−1, 1]: the top edge in the last bin, outside values and NaN left out.
    let values = [
        -1.0,
        -0.95,
        -0.05,
        0.0,
        0.05,
        0.95,
        1.0,
        1.5,
        -1.01,
        f64::NAN,
    ];
    let c = histogram(values.into_iter(), -1.0, 1.0);
    let mut expected = vec![0; 20];
    expected[0] = 2; // −1 and −0.95
    expected[9] = 1; // −0.05
    expected[10] = 2; // 0 and 0.05
    expected[19] = 2; // 0.95 and 1
    assert_eq!(c, expected);
}

/// Each (snapshot, layer) histogram's total count, in order.
fn totals(h: &Histograms) -> Vec<usize> {
    h.counts
        .iter()
        .flatten()
        .map(|c| {
            assert_eq!(c.len(), 20);
            c.iter().sum()
        })
        .collect()
}

#[test]
fn the_histograms_bins_span_each_activations_range() {
    for (activation, lo, hi) in [
        (Activation::Sigmoid, 0.0, 1.0),
        (Activation::Tanh, -1.0, 1.0),
    ] {
        let config = RunConfig {
            hidden: vec![3, 2],
            activation,
            iters: 3,
            ..RunConfig::default()
        };
        let (run, recorder) = train_recorded(&config);
        let d = recorder.finish(&run);
        let h = histograms(&d.snapshots, activation);
        assert_eq!(h.range, (lo, hi), "{activation:?}");
        // Two snapshots (iteration 0 and the last), two hidden layers: 441 inputs × 3 units,
        // then × 2 units, every output inside the range.
        assert_eq!(
            totals(&h),
            [441 * 3, 441 * 2, 441 * 3, 441 * 2],
            "{activation:?}"
        );
    }
}

#[test]
fn finishing_adds_the_last_iteration_once() {
    let config = RunConfig {
        hidden: vec![3],
        iters: 3,
        ..RunConfig::default()
    };
    let (run, recorder) = train_recorded(&config);
    let d = recorder.finish(&run);
    let iterations: Vec<usize> = d.snapshots.iter().map(|s| s.iteration).collect();
    assert_eq!(iterations, [0, 2]);
    let norms: Vec<usize> = d.grad_norms.iter().map(|n| n.0).collect();
    assert_eq!(norms, [0, 1, 2]);
    assert_eq!(d.snapshots[1].loss, run.final_loss());
    // A run of one iteration: its only iteration is already recorded.
    let (run, recorder) = train_recorded(&RunConfig { iters: 1, ..config });
    let d = recorder.finish(&run);
    assert_eq!((d.snapshots.len(), d.grad_norms.len()), (1, 1));
}

#[test]
fn relu_histograms_span_zero_to_the_largest_output() {
    // Live units: the bins end at the largest hidden output over the grid at the snapshots.
    let config = RunConfig {
        hidden: vec![3],
        activation: Activation::Relu,
        iters: 3,
        ..RunConfig::default()
    };
    let (run, recorder) = train_recorded(&config);
    let h = histograms(&recorder.finish(&run).snapshots, Activation::Relu);
    let last_params: Vec<_> = run
        .net
        .affines()
        .iter()
        .map(|a| (a.w.clone(), a.b.clone()))
        .collect();
    let largest = recorder
        .snapshots
        .iter()
        .map(|s| s.params.clone())
        .chain([last_params])
        .flat_map(|p| dlfs_train::recorder::hidden_outputs(&p, Activation::Relu, &grid()))
        .flat_map(|h| h.into_iter())
        .fold(0.0f64, f64::max);
    assert!(largest > 0.0);
    assert_eq!(h.range, (0.0, largest));

    // Dead units (all weights and biases 0, so every output is 0 and stays 0): over [0, 1].
    let dead = RunConfig {
        init: dlfs_init::Init::Book { std: 0.0 },
        ..config
    };
    let (run, recorder) = train_recorded(&dead);
    let h = histograms(&recorder.finish(&run).snapshots, Activation::Relu);
    assert_eq!(h.range, (0.0, 1.0));
    assert_eq!(totals(&h), [441 * 3, 441 * 3]);
}
