//! What the hidden neurons compute (`hidden-features`), and the backprop check
//! (`gradient-check`): their files, a neuron's boolean role, distances.
mod common;
use common::*;
use dlfs_experiments::experiments::hidden_features;
use ndarray::{array, aview1};

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("hidden-features");
    let (_, gc) = quick("gradient-check");
    assert_eq!(csv(&out.join("hidden-features/hidden_1.csv")).len(), 5);
    let neurons = csv(&out.join("hidden-features/neurons.csv"));
    assert!(
        neurons[3][5].starts_with("AND"),
        "the article's neuron 3 is the AND detector: {:?}",
        neurons[3]
    );
    assert_eq!(csv(&out.join("hidden-features/distances.csv")).len(), 7);
    // gradient-check: a row per parameter (W1, b1, W2, b2), before and after training.
    let grad = csv(&gc.join("gradient-check/gradient_check.csv"));
    assert_eq!(grad.len(), 1 + 2 * 4);
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::remove_dir_all(&gc).unwrap();
}

#[test]
fn a_neurons_role_is_the_boolean_function_of_its_four_outputs() {
    let role = |h: [f64; 4]| hidden_features::boolean_role(aview1(&h));
    // Outputs for [0,0], [0,1], [1,0], [1,1]; on at 0.5 and above.
    assert_eq!(role([0.1, 0.2, 0.3, 0.9]), "AND (fires only for input 11)");
    assert_eq!(role([0.1, 0.5, 0.7, 0.9]), "OR");
    assert_eq!(role([0.9, 0.8, 0.6, 0.1]), "NAND");
    assert_eq!(role([0.9, 0.1, 0.2, 0.3]), "NOR");
    assert_eq!(role([0.1, 0.9, 0.8, 0.2]), "XOR");
    assert_eq!(role([0.9, 0.1, 0.2, 0.8]), "XNOR");
    assert_eq!(role([0.6, 0.7, 0.8, 0.9]), "always on");
    assert_eq!(role([0.1, 0.2, 0.3, 0.4999]), "always off");
    assert_eq!(role([0.1, 0.2, 0.8, 0.9]), "follows x1");
    assert_eq!(role([0.9, 0.8, 0.2, 0.1]), "follows x1");
    assert_eq!(role([0.1, 0.9, 0.2, 0.8]), "follows x2");
    assert_eq!(role([0.9, 0.1, 0.8, 0.2]), "follows x2");
    assert_eq!(role([0.9, 0.1, 0.1, 0.1]), "NOR");
    assert_eq!(role([0.9, 0.9, 0.1, 0.9]), "other");
    assert_eq!(role([0.1, 0.1, 0.9, 0.1]), "other");
}

#[test]
fn distances_between_hidden_vectors_are_euclidean() {
    let h = array![[0.0, 0.0, 0.0], [3.0, 4.0, 0.0], [1.0, 2.0, 2.0]];
    assert_eq!(hidden_features::distance(&h, 0, 1), 5.0);
    assert_eq!(hidden_features::distance(&h, 1, 0), 5.0);
    assert_eq!(hidden_features::distance(&h, 0, 2), 3.0);
    assert_eq!(hidden_features::distance(&h, 2, 2), 0.0);
    // (3−1)² + (4−2)² + (0−2)² = 12.
    assert_eq!(hidden_features::distance(&h, 1, 2), 12f64.sqrt());
}
