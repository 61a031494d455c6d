//! What a run came to: the shared outcome of the sweeps, on the article's runs and on runs
//! whose losses are known from a whole run of the same settings.
use dlfs_experiments::experiments::escape_time;
use dlfs_experiments::outcomes::{Crossings, Outcome, Summary, median, quantile, summarize};
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;
use dlfs_train::run::{RunConfig, train};

#[test]
fn a_cure_records_where_it_converged_and_whether_it_stalled() {
    // The article's stalled network (2-2-2-2 sigmoid, SGD, lr 0.01, seed 42) stays near ln 2.
    let stalled = Outcome::of(&RunConfig {
        hidden: vec![2, 2],
        stop_below: Some(0.1),
        ..RunConfig::default()
    });
    assert!(stalled.stalled() && stalled.converged_at.is_none() && !stalled.diverged);
    assert!((stalled.final_loss - std::f64::consts::LN_2).abs() < 0.01);
    // A run that converges: at the first iteration whose loss is below 0.1.
    let config = RunConfig {
        hidden: vec![4],
        lr: 1.0,
        iters: 20_000,
        ..RunConfig::default()
    };
    let whole = train(&config);
    let first = whole.losses.iter().position(|&l| l < 0.1).unwrap();
    let cured = Outcome::of(&RunConfig {
        stop_below: Some(0.1),
        ..config.clone()
    });
    assert_eq!(cured.converged_at, Some(first));
    assert!(!cured.stalled() && !cured.diverged && cured.final_loss < 0.1);

    // The escape: the first loss below 0.5, then the first below 0.1, where the run stops.
    let escaped = whole.losses.iter().position(|&l| l < 0.5).unwrap();
    assert!(escaped < first);
    let escape = Outcome::of(&RunConfig {
        stop_below: Some(0.1),
        ..config
    });
    assert_eq!(
        (escape.escaped_at, escape.converged_at),
        (Some(escaped), Some(first))
    );
    assert_eq!(escape.final_loss, whole.losses[first]);
    assert!(!escape.diverged);
}

#[test]
fn the_sweep_classifies_the_articles_success_and_its_stall() {
    // The article's success (2-4-2 sigmoid, SGD, lr 0.01, 60000 iterations, seed 42): about 0.98
    // on the right class for every input, so a loss near −ln 0.98 ≈ 0.02.
    let success = Outcome::of(&RunConfig::default());
    assert_eq!(
        (success.config.architecture().as_str(), success.config.seed),
        ("2-4-2", 42)
    );
    assert!(success.converged() && !success.stalled() && !success.diverged);
    assert!(
        success.final_loss < -(0.97f64).ln(),
        "{}",
        success.final_loss
    );
    assert!(success.converged_at.is_some_and(|i| i < 60_000));
    // The article's stall (2-2-2-2): 0.5 for every input, the loss at ln 2.
    let stall = Outcome::of(&RunConfig {
        hidden: vec![2, 2],
        ..RunConfig::default()
    });
    assert!(!stall.converged() && stall.stalled() && !stall.diverged);
    assert!((stall.final_loss - std::f64::consts::LN_2).abs() < 0.01);
    assert_eq!(stall.converged_at, None);
}

#[test]
fn quantiles_are_taken_by_the_nearest_rank() {
    // Rank ⌈q·n⌉ (at least 1) of the sorted values.
    let v = [10, 20, 30, 40];
    let q = |p: f64| quantile(&v, p);
    assert_eq!(q(0.0), Some(10));
    assert_eq!(q(0.25), Some(10));
    assert_eq!(q(0.26), Some(20));
    assert_eq!(q(0.5), Some(20));
    assert_eq!(q(0.51), Some(30));
    assert_eq!(q(0.9), Some(40));
    assert_eq!(q(1.0), Some(40));
    assert_eq!(quantile(&[7], 0.5), Some(7));
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn medians_take_the_middle_value_or_the_mean_of_the_two_middle_ones() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[5]), Some(5.0));
    assert_eq!(median(&[1, 5, 9]), Some(5.0));
    assert_eq!(median(&[1, 2, 4, 8]), Some(3.0));
    assert_eq!(median(&[3, 4]), Some(3.5));
}

/// A made-up outcome of the article's settings with `optimizer` and `seed`.
fn outcome(
    optimizer: Kind,
    seed: u32,
    converged_at: Option<usize>,
    final_loss: f64,
    all_right: bool,
) -> Outcome {
    Outcome {
        config: RunConfig {
            optimizer,
            seed,
            ..RunConfig::default()
        },
        escaped_at: None,
        converged_at,
        final_loss,
        all_right,
        diverged: final_loss.is_nan(),
    }
}

#[test]
fn a_run_converged_stalled_diverged_or_stopped_on_another_plateau() {
    let sgd = |at, loss, right| outcome(Kind::Sgd, 0, at, loss, right);
    let roles = |o: &Outcome| (o.converged(), o.stalled(), o.other(), o.diverged);
    // Below 0.1 with all four right: converged.
    assert_eq!(
        roles(&sgd(Some(5), 0.09, true)),
        (true, false, false, false)
    );
    // Below 0.1 but one input wrong (made up: a real run under 0.1 gets all four right), or
    // exactly 0.1: not converged, another plateau.
    assert_eq!(
        roles(&sgd(Some(5), 0.09, false)),
        (false, false, true, false)
    );
    assert_eq!(roles(&sgd(None, 0.1, true)), (false, false, true, false));
    // Above 0.6: stalled (the article's stall ends at ln 2); 0.6 itself is not above 0.6.
    let ln2 = std::f64::consts::LN_2;
    assert_eq!(roles(&sgd(None, ln2, false)), (false, true, false, false));
    assert_eq!(roles(&sgd(None, 0.6, false)), (false, false, true, false));
    // Diverged: nothing else.
    assert_eq!(
        roles(&sgd(None, f64::NAN, false)),
        (false, false, false, true)
    );
}

#[test]
fn a_summary_counts_the_runs_and_sorts_where_the_converged_ones_converged() {
    let outcomes = [
        outcome(Kind::Sgd, 0, Some(80_000), 0.09, true),
        outcome(Kind::Sgd, 1, Some(1_200), 0.09, true),
        outcome(Kind::Sgd, 2, Some(59_999), 0.09, true), // the article's last iteration
        outcome(Kind::Sgd, 3, Some(60_000), 0.09, true), // one past its budget
        outcome(Kind::Sgd, 4, None, 0.69, false),
        outcome(Kind::Sgd, 5, None, 0.69, false),
        // Went below 0.1 and came back up: not converged, its iteration not counted.
        outcome(Kind::Sgd, 6, Some(10), 0.3, false),
        outcome(Kind::Sgd, 7, None, f64::NAN, false),
    ];
    let s = Summary::of(&outcomes);
    assert_eq!(
        s,
        Summary {
            runs: 8,
            converged: 4,
            stalled: 2,
            other: 1,
            diverged: 1,
            converged_at: vec![1_200, 59_999, 60_000, 80_000],
        }
    );
    assert_eq!(s.rate(), 0.5);
    assert_eq!(s.median(), Some(59_999.5));
    assert_eq!(
        (s.quantile(0.25), s.quantile(0.75)),
        (Some(1_200), Some(60_000))
    );
    // escape-time's "by the article's budget": iterations 0 to 59 999.
    assert_eq!(escape_time::by(&s, 60_000), 2);
    assert_eq!(Summary::of(&[]).runs, 0);
}

#[test]
fn summaries_group_each_run_of_equal_settings() {
    let outcomes = [
        outcome(Kind::Sgd, 0, None, 0.69, false),
        outcome(Kind::Sgd, 1, Some(400), 0.09, true),
        outcome(Kind::Adam, 0, None, f64::NAN, false),
        outcome(Kind::Sgd, 0, Some(100), 0.08, true),
    ];
    let s = summarize(&outcomes, |o| o.config.optimizer);
    let keys: Vec<(Kind, usize, usize)> =
        s.iter().map(|(k, s)| (*k, s.runs, s.converged)).collect();
    // Groups are consecutive runs: Sgd again after Adam is a group of its own.
    assert_eq!(
        keys,
        [(Kind::Sgd, 2, 1), (Kind::Adam, 1, 0), (Kind::Sgd, 1, 1)]
    );
    // A change of any part of the key starts a new group.
    let mut tanh = outcomes[0].clone();
    tanh.config.activation = Activation::Tanh;
    let mut he = outcomes[0].clone();
    he.config.init = Init::He;
    let s = summarize(&[outcomes[0].clone(), tanh, he], |o| {
        (o.config.init, o.config.activation)
    });
    let keys: Vec<_> = s.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            (Init::Article, Activation::Sigmoid),
            (Init::Article, Activation::Tanh),
            (Init::He, Activation::Sigmoid),
        ]
    );
    assert!(summarize(&[], |o| o.config.seed).is_empty());
}

#[test]
fn a_threshold_is_crossed_by_the_first_loss_strictly_below_it() {
    let mut c = Crossings::default();
    // Exactly at a threshold is not below it.
    c.see(0, 0.5);
    assert_eq!(c, Crossings::default());
    c.see(1, 0.49);
    c.see(2, 0.1);
    assert_eq!((c.escaped_at, c.converged_at), (Some(1), None));
    c.see(3, 0.09);
    // Later losses, lower or higher, change neither.
    c.see(4, 0.01);
    c.see(5, 0.7);
    assert_eq!((c.escaped_at, c.converged_at), (Some(1), Some(3)));
    // One loss can cross both.
    let mut both = Crossings::default();
    both.see(7, 0.05);
    assert_eq!((both.escaped_at, both.converged_at), (Some(7), Some(7)));
}
