//! The experiments' settings as their documentation states them, and their small functions
//! against hand-worked values: a neuron's boolean role, distances, moving averages, the stall's plateau, and the book's bowl
//! f(x, y) = x²/20 + y².
use dlfs_experiments::experiments::{
    computational_graphs, cures, escape_time, fashion_mnist, hidden_features, lr_sweep,
    optimizer_paths,
};
use dlfs_experiments::outcomes::rates_table;
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;
use ndarray::{array, aview1};

#[test]
fn escape_time_runs_the_stalled_network_at_three_rates_for_a_million_iterations() {
    let configs = escape_time::configs(3);
    assert_eq!(configs.len(), 9);
    for (k, c) in configs.iter().enumerate() {
        // Learning rate, then seed: 0.005, 0.01 (the article's), 0.02.
        assert_eq!(c.lr, [0.005, 0.01, 0.02][k / 3]);
        assert_eq!(c.seed, (k % 3) as u32);
        assert_eq!(c.sizes(), [2, 2, 2, 2]);
        assert_eq!(c.activation, Activation::Sigmoid);
        assert_eq!((c.iters, c.stop_below), (1_000_000, Some(0.1)));
        assert_eq!((c.optimizer, c.init), (Kind::Sgd, Init::Article));
    }
}

#[test]
fn the_sweep_covers_five_architectures_and_nine_rates_per_seed() {
    assert_eq!(lr_sweep::settings(), 45);
    let configs = lr_sweep::configs(2, 500);
    assert_eq!(configs.len(), 90);
    let architectures = ["2-2-2", "2-3-2", "2-4-2", "2-2-2-2", "2-4-4-2"];
    let rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
    for (k, c) in configs.iter().enumerate() {
        // Architecture-major, then learning rate, then seed.
        assert_eq!(c.architecture(), architectures[k / 18], "{k}");
        assert_eq!(c.lr, rates[k / 2 % 9], "{k}");
        assert_eq!(c.seed, (k % 2) as u32);
        assert_eq!((c.iters, c.stop_below), (500, None));
        assert_eq!(c.activation, Activation::Sigmoid);
    }
}

#[test]
fn the_cures_cross_every_optimizer_initialisation_and_activation() {
    assert_eq!(cures::settings(), 6 * 4 * 3);
    let configs = cures::configs(2);
    assert_eq!(configs.len(), 144);
    for (k, c) in configs.iter().enumerate() {
        // Optimizer-major, then initialisation, activation, seed.
        assert_eq!(c.optimizer, Kind::ALL[k / 24], "{k}");
        assert_eq!(c.init, cures::INITS[k / 6 % 4], "{k}");
        assert_eq!(c.activation, Activation::ALL[k / 2 % 3], "{k}");
        assert_eq!(c.seed, (k % 2) as u32);
        // The stalled network of the article: 2-2-2-2, lr 0.01, 60 000 iterations, stopping
        // below 0.1.
        assert_eq!(c.sizes(), [2, 2, 2, 2]);
        assert_eq!((c.lr, c.iters, c.stop_below), (0.01, 60_000, Some(0.1)));
    }
    assert_eq!(
        cures::INITS,
        [Init::Article, Init::BOOK, Init::Xavier, Init::He]
    );
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

#[test]
fn moving_averages_cover_the_last_window_values() {
    let avg = fashion_mnist::moving_average(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 3);
    // Fewer values at the start: 1, (1+2)/2, then windows of three.
    assert_eq!(avg, [1.0, 1.5, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(fashion_mnist::moving_average(&[4.0, 8.0], 1), [4.0, 8.0]);
    assert!(fashion_mnist::moving_average(&[], 20).is_empty());
}

#[test]
fn the_books_bowl_and_its_gradient() {
    use optimizer_paths::{START, STEPS, df, f, path};
    assert_eq!(f(-7.0, 2.0), 49.0 / 20.0 + 4.0);
    assert_eq!(f(0.0, 0.0), 0.0);
    assert_eq!(df(-7.0, 2.0), (-0.7, 4.0));
    assert_eq!(df(10.0, -1.5), (1.0, -3.0));
    assert_eq!((START, STEPS), ((-7.0, 2.0), 30));
    // SGD: (x, y) − η∇f, 30 times from (−7, 2).
    let sgd = path(Kind::Sgd, 0.95);
    assert_eq!(sgd.len(), 31);
    let (mut x, mut y) = (-7.0f64, 2.0f64);
    for (k, &p) in sgd.iter().enumerate() {
        assert_eq!(p, (x, y), "step {k}");
        let (gx, gy) = (x / 10.0, 2.0 * y);
        (x, y) = (x - 0.95 * gx, y - 0.95 * gy);
    }
    // Each optimizer of the book's figures approaches the minimum at (0, 0).
    for (kind, lr) in optimizer_paths::RATES {
        let p = path(kind, lr);
        let (x, y) = p[STEPS];
        assert!(f(x, y) < f(START.0, START.1) / 10.0, "{kind:?}: ({x}, {y})");
    }
}

#[test]
fn the_apple_graph_agrees_with_the_book_only_if_every_number_does() {
    use computational_graphs::agrees_with_book;
    // Figure 5-17 of the book: 715, and 2.2, 110, 3.3, 165, 650.
    let book = ["2.2", "110", "3.3", "165", "650"];
    assert!(agrees_with_book("715", &book));
    assert!(!agrees_with_book("714", &book), "a wrong price");
    assert!(
        !agrees_with_book("715", &["2.2", "110", "3.3", "165", "651"]),
        "a wrong gradient"
    );
    assert!(!agrees_with_book("715", &book[..4]), "a missing gradient");
}

#[test]
fn the_text_tables_line_up_whole_percents() {
    let rows = ["he · relu".to_string(), "article · sigmoid".to_string()];
    let cols = ["sgd".to_string(), "adam".to_string()];
    let text = rates_table(&rows, &cols, &array![[0.5, 1.0], [0.0, 0.25]], 10);
    // The longest row label has 17 characters: the first column is 19 wide.
    let expected = [
        "conv. %                   sgd      adam",
        "he · relu                  50       100",
        "article · sigmoid           0        25",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    // Row labels shorter than "conv. %": the first column is 9 wide; 0.994 rounds to 99.
    let text = rates_table(&["2-2".into()], &["0.1".into()], &array![[0.994]], 5);
    assert_eq!(text, "conv. %    0.1\n2-2         99");
}

#[test]
fn the_plateau_is_the_longest_stretch_within_001_of_ln_2() {
    use dlfs_experiments::experiments::stalled::plateau;
    use std::f64::consts::LN_2;
    let (on, off) = (LN_2, 1.0);
    // Within 0.01 on either side counts; 0.02 away does not.
    assert_eq!(plateau(&[off, on + 0.009, on - 0.009, off]), Some((1, 2)));
    assert_eq!(plateau(&[on + 0.02, on - 0.02]), None);
    assert_eq!(plateau(&[]), None);
    // A later, longer stretch wins; of two as long, the first; a stretch may end the run.
    assert_eq!(plateau(&[off, on, on, off, on, on, on, off]), Some((4, 6)));
    assert_eq!(plateau(&[on, on, off, on, on]), Some((0, 1)));
    assert_eq!(plateau(&[off, on, off, on, on]), Some((3, 4)));
    assert_eq!(plateau(&[on; 4]), Some((0, 3)));
}

#[test]
fn a_value_matches_the_article_when_equal_to_8_decimals() {
    use dlfs_experiments::experiments::xor_success::Comparison;
    let with = |printed: &str, ours: f64| Comparison {
        quantity: "W1".into(),
        row: 0,
        col: 0,
        printed: printed.into(),
        ours,
    };
    assert!(with("0.49939392", 0.499_393_921_7).matches());
    assert!(with("-1.5", -1.500_000_001).matches());
    assert!(
        !with("0.49939392", 0.499_393_93).matches(),
        "off in the 8th decimal"
    );
    assert!(!with("0.5", -0.5).matches(), "the sign");
    assert!(!with("n/a", 0.0).matches(), "not a number");
}
