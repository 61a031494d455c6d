//! The experiments' settings as their documentation states them, and their small functions
//! against hand-worked values: medians and nearest-rank quantiles, the summaries' counts, a
//! neuron's boolean role, distances, moving averages, the stall's plateau, and the book's bowl
//! f(x, y) = x²/20 + y².
use dlfs_experiments::experiments::{
    computational_graphs, cures, escape_time, fashion_mnist, hidden_features, lr_sweep,
    optimizer_paths,
};
use dlfs_experiments::run::RunConfig;
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
fn quantiles_are_taken_by_the_nearest_rank() {
    // Rank ⌈q·n⌉ (at least 1) of the sorted values.
    let v = [10, 20, 30, 40];
    let q = |p: f64| escape_time::quantile(&v, p);
    assert_eq!(q(0.0), Some(10));
    assert_eq!(q(0.25), Some(10));
    assert_eq!(q(0.26), Some(20));
    assert_eq!(q(0.5), Some(20));
    assert_eq!(q(0.51), Some(30));
    assert_eq!(q(0.9), Some(40));
    assert_eq!(q(1.0), Some(40));
    assert_eq!(escape_time::quantile(&[7], 0.5), Some(7));
    assert_eq!(escape_time::quantile(&[], 0.5), None);
}

fn escape(converged_at: Option<usize>, final_loss: f64, diverged: bool) -> escape_time::Outcome {
    escape_time::Outcome {
        lr: 0.01,
        seed: 0,
        escaped_at: None,
        converged_at,
        final_loss,
        diverged,
    }
}

#[test]
fn a_run_is_still_stalled_only_if_it_ends_on_the_plateau() {
    // Neither converged nor diverged, ending at ln 2: the article's stall.
    assert!(escape(None, std::f64::consts::LN_2, false).still_stalled());
    // Each of the three conditions on its own rules it out (the records below are made up to
    // fail only that one; a real converged run ends under 0.1, a diverged one at NaN).
    assert!(!escape(Some(5), 0.69, false).still_stalled(), "converged");
    assert!(!escape(None, 0.69, true).still_stalled(), "diverged");
    assert!(
        !escape(None, 0.6, false).still_stalled(),
        "0.6 is not above 0.6"
    );
    assert!(
        !escape(None, 0.3, false).still_stalled(),
        "escaped, not converged"
    );
}

#[test]
fn the_escape_summary_counts_convergence_within_the_articles_60000_iterations() {
    let outcomes = [
        escape(Some(80_000), 0.09, false),
        escape(Some(1_200), 0.09, false),
        escape(Some(59_999), 0.09, false), // the article's last iteration (0-based)
        escape(Some(60_000), 0.09, false), // one past its budget
        escape(None, 0.69, false),
        escape(None, 0.69, false),
        escape(None, 0.3, false),
        escape(None, f64::NAN, true),
    ];
    let refs: Vec<_> = outcomes.iter().collect();
    let s = escape_time::summarize(&refs);
    assert_eq!(
        s,
        escape_time::Summary {
            runs: 8,
            converged_at: vec![1_200, 59_999, 60_000, 80_000],
            by_article: 2,
            still_stalled: 2,
            diverged: 1,
        }
    );
    assert_eq!(escape_time::summarize(&[]).runs, 0);
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
fn medians_take_the_middle_value_or_the_mean_of_the_two_middle_ones() {
    assert_eq!(lr_sweep::median(&mut []), None);
    assert_eq!(lr_sweep::median(&mut [5]), Some(5.0));
    assert_eq!(lr_sweep::median(&mut [9, 1, 5]), Some(5.0));
    assert_eq!(lr_sweep::median(&mut [8, 1, 4, 2]), Some(3.0));
    assert_eq!(lr_sweep::median(&mut [3, 4]), Some(3.5));
}

fn sweep_outcome(architecture: &str, lr: f64, seed: u32, loss: f64) -> lr_sweep::Outcome {
    let (converged, stalled, diverged) = (loss < 0.1, loss > 0.6, loss.is_nan());
    lr_sweep::Outcome {
        architecture: architecture.into(),
        lr,
        seed,
        final_loss: loss,
        converged,
        stalled,
        diverged,
        first_below: converged.then_some(1000 * (seed as usize + 1)),
    }
}

#[test]
fn the_sweeps_summary_counts_each_setting_over_its_seeds() {
    let outcomes = [
        sweep_outcome("2-4-2", 0.1, 0, 0.01),
        sweep_outcome("2-4-2", 0.1, 1, 0.69),
        sweep_outcome("2-4-2", 0.1, 2, 0.05),
        sweep_outcome("2-4-2", 1.0, 0, f64::NAN),
        sweep_outcome("2-4-2", 1.0, 1, 0.3),
        sweep_outcome("2-2-2", 1.0, 0, 0.02),
    ];
    let s = lr_sweep::summarize(&outcomes);
    assert_eq!(s.len(), 3);
    let row = |s: &lr_sweep::Summary| {
        (
            s.architecture.clone(),
            s.lr,
            s.runs,
            s.converged,
            s.stalled,
            s.diverged,
            s.median_iters,
        )
    };
    // Seeds 0 and 2 converged at 1000 and 3000: median 2000.
    let expect = |a: &str, lr, runs, conv, stall, div, median| {
        (a.to_string(), lr, runs, conv, stall, div, median)
    };
    assert_eq!(row(&s[0]), expect("2-4-2", 0.1, 3, 2, 1, 0, Some(2000.0)));
    assert_eq!(row(&s[1]), expect("2-4-2", 1.0, 2, 0, 0, 1, None));
    assert_eq!(row(&s[2]), expect("2-2-2", 1.0, 1, 1, 0, 0, Some(1000.0)));
    assert_eq!(s[0].rate(), 2.0 / 3.0);
    assert_eq!(s[1].rate(), 0.0);
    assert!(lr_sweep::summarize(&[]).is_empty());
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

fn cure(
    optimizer: Kind,
    seed: u32,
    converged_at: Option<usize>,
    loss: f64,
    stalled: bool,
) -> cures::Outcome {
    cures::Outcome {
        config: RunConfig {
            optimizer,
            seed,
            ..RunConfig::default()
        },
        converged_at,
        final_loss: loss,
        stalled,
        diverged: loss.is_nan(),
    }
}

#[test]
fn the_cures_summary_tells_the_plateaus_apart() {
    let outcomes = [
        cure(Kind::Sgd, 0, None, 0.69, true),
        cure(Kind::Sgd, 1, None, 0.35, false),
        cure(Kind::Sgd, 2, Some(400), 0.09, false),
        cure(Kind::Sgd, 3, Some(100), 0.08, false),
        cure(Kind::Sgd, 4, Some(900), 0.07, false),
        cure(Kind::Adam, 0, None, f64::NAN, false),
    ];
    // Another plateau: neither converged, nor stalled, nor diverged.
    let other: Vec<bool> = outcomes.iter().map(cures::Outcome::other).collect();
    assert_eq!(other, [false, true, false, false, false, false]);
    let s = cures::summarize(&outcomes);
    assert_eq!(s.len(), 2);
    let counts = |s: &cures::Summary| {
        (
            s.optimizer,
            s.runs,
            s.converged,
            s.stalled,
            s.other,
            s.diverged,
            s.median_iters,
        )
    };
    assert_eq!(counts(&s[0]), (Kind::Sgd, 5, 3, 1, 1, 0, Some(400.0)));
    assert_eq!(counts(&s[1]), (Kind::Adam, 1, 0, 0, 0, 1, None));
    // A change of initialisation or activation starts a new setting too.
    let mut tanh = cure(Kind::Sgd, 0, None, 0.69, true);
    tanh.config.activation = Activation::Tanh;
    let mut he = cure(Kind::Sgd, 0, None, 0.69, true);
    he.config.init = Init::He;
    let s = cures::summarize(&[outcomes[0].clone(), tanh, he]);
    assert_eq!(s.len(), 3);
    assert_eq!(
        s.iter().map(|s| (s.init, s.activation)).collect::<Vec<_>>(),
        [
            (Init::Article, Activation::Sigmoid),
            (Init::Article, Activation::Tanh),
            (Init::He, Activation::Sigmoid),
        ]
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
fn the_cures_text_table_lines_up_whole_percents() {
    let rows = ["he · relu".to_string(), "article · sigmoid".to_string()];
    let cols = ["sgd".to_string(), "adam".to_string()];
    let text = cures::rates_table(&rows, &cols, &array![[0.5, 1.0], [0.0, 0.25]]);
    // The longest row label has 17 characters: the first column is 19 wide.
    let expected = [
        "conv. %                   sgd      adam",
        "he · relu                  50       100",
        "article · sigmoid           0        25",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
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
