//! A run and what is read from it: its name, whether it diverged or got worse, the first
//! iteration below a loss, where it stops, and how often it reports progress.
use dlfs_experiments::experiments::{cures, escape_time, lr_sweep};
use dlfs_experiments::run::{Run, RunConfig, progress_interval, train, train_with_progress};
use dlfs_init::Init;
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_optimizers::Kind;
use ndarray::array;

#[test]
fn a_configuration_is_named_as_its_documentation_says() {
    // `2-4-2 sigmoid lr=0.01 iters=60000 seed=42`, then the optimizer and the initialisation
    // where they are not the article's.
    assert_eq!(
        RunConfig::default().to_string(),
        "2-4-2 sigmoid lr=0.01 iters=60000 seed=42"
    );
    let adam_he = RunConfig {
        hidden: vec![2, 2],
        activation: Activation::Relu,
        optimizer: Kind::Adam,
        init: Init::He,
        ..RunConfig::default()
    };
    assert_eq!(
        adam_he.to_string(),
        "2-2-2-2 relu lr=0.01 iters=60000 seed=42 optimizer=adam init=he"
    );
    let xavier = RunConfig {
        init: Init::Xavier,
        ..RunConfig::default()
    };
    assert_eq!(
        xavier.to_string(),
        "2-4-2 sigmoid lr=0.01 iters=60000 seed=42 init=xavier"
    );
}

/// A run of the article's network with the given record, for the readings below.
fn run_with(losses: Vec<f64>, stride: usize, iterations: usize, stopped_below: bool) -> Run {
    let net = MultiLayerNet::from_params(
        vec![(array![[1.0, 2.0], [3.0, 4.0]], array![0.5, -0.5])],
        Activation::Sigmoid,
    );
    let final_loss = *losses.last().unwrap_or(&f64::NAN);
    Run {
        config: RunConfig {
            iters: 100,
            ..RunConfig::default()
        },
        net,
        losses,
        stride,
        iterations,
        final_loss,
        stopped_below,
    }
}

#[test]
fn a_run_diverged_when_it_stopped_early_without_reaching_its_goal_or_its_numbers_broke() {
    assert!(!run_with(vec![0.7, 0.5], 1, 100, false).diverged());
    // Stopped early because the loss fell below the goal: not diverged.
    assert!(!run_with(vec![0.7, 0.05], 1, 2, true).diverged());
    // Stopped early on a non-finite loss.
    assert!(run_with(vec![0.7, 0.5], 1, 2, false).diverged());
    // All iterations done, but a parameter is no longer finite.
    let mut broken = run_with(vec![0.7, 0.5], 1, 100, false);
    broken.net = MultiLayerNet::from_params(
        vec![(array![[1.0, f64::INFINITY], [3.0, 4.0]], array![0.5, -0.5])],
        Activation::Sigmoid,
    );
    assert!(broken.diverged());
}

#[test]
fn a_run_got_worse_when_it_ended_above_its_first_loss() {
    assert!(run_with(vec![0.7, 0.5, 0.9], 1, 100, false).got_worse());
    assert!(!run_with(vec![0.7, 0.5, 0.6], 1, 100, false).got_worse());
    // Ending where it started is not worse.
    assert!(!run_with(vec![0.7, 0.5, 0.7], 1, 100, false).got_worse());
    assert!(!run_with(vec![], 1, 0, false).got_worse());
}

#[test]
fn the_first_iteration_below_a_loss_counts_recorded_losses_by_their_stride() {
    let run = run_with(vec![0.9, 0.5, 0.05, 0.01], 10, 31, false);
    assert_eq!(run.first_below(0.1), Some(20));
    // Strictly below: 0.5 is not below 0.5.
    assert_eq!(run.first_below(0.5), Some(20));
    assert_eq!(run.first_below(0.50001), Some(10));
    assert_eq!(run.first_below(1.0), Some(0));
    assert_eq!(run.first_below(0.001), None);
}

#[test]
fn a_run_stops_at_the_first_loss_strictly_below_its_goal() {
    let whole = train(&RunConfig {
        iters: 200,
        ..RunConfig::default()
    });
    // The goal is the loss of iteration 50: the run goes on through it, and stops at the
    // first later iteration whose loss is below it.
    let goal = whole.losses[50];
    let first = whole.losses.iter().position(|&l| l < goal).unwrap();
    assert!(first > 50);
    let stopped = train(&RunConfig {
        iters: 200,
        stop_below: Some(goal),
        ..RunConfig::default()
    });
    assert!(stopped.stopped_below);
    assert_eq!(stopped.iterations, first + 1);
    assert_eq!(stopped.losses, whole.losses[..=first]);
}

#[test]
fn progress_comes_every_power_of_two_of_about_four_million_updates() {
    // 2²² / parameters, a power of two between 1 and 2¹⁶.
    assert_eq!(progress_interval(&[2, 4, 2]), 1 << 16); // 22 parameters
    assert_eq!(progress_interval(&[2, 2000, 2]), 512); // 10 002: 419 → 512
    assert_eq!(progress_interval(&[784, 100, 10]), 64); // 79 510: 52 → 64
    assert_eq!(progress_interval(&[2, 1 << 22, 2]), 1); // more than 2²² parameters
    assert_eq!(progress_interval(&[usize::MAX, usize::MAX]), 1); // saturates
    assert_eq!(progress_interval(&[3]), 1 << 16); // no parameters at all
    // A run reports the iterations done at each multiple of its interval.
    let mut seen = Vec::new();
    let config = RunConfig {
        hidden: vec![2000],
        iters: 1500,
        ..RunConfig::default()
    };
    let run = train_with_progress(&config, &mut |done| seen.push(done));
    assert_eq!(run.iterations, 1500);
    assert_eq!(seen, [512, 1024]);
}

#[test]
fn a_cure_records_where_it_converged_and_whether_it_stalled() {
    // The article's stalled network (2-2-2-2 sigmoid, SGD, lr 0.01, seed 42) stays near ln 2.
    let stalled = cures::outcome(&RunConfig {
        hidden: vec![2, 2],
        stop_below: Some(0.1),
        ..RunConfig::default()
    });
    assert!(stalled.stalled && stalled.converged_at.is_none() && !stalled.diverged);
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
    let cured = cures::outcome(&RunConfig {
        stop_below: Some(0.1),
        ..config.clone()
    });
    assert_eq!(cured.converged_at, Some(first));
    assert!(!cured.stalled && !cured.diverged && cured.final_loss < 0.1);

    // The escape: the first loss below 0.5, then the first below 0.1, where the run stops.
    let escaped = whole.losses.iter().position(|&l| l < 0.5).unwrap();
    assert!(escaped < first);
    let escape = escape_time::outcome(&RunConfig {
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
    let success = lr_sweep::outcome(&RunConfig::default());
    assert_eq!((success.architecture.as_str(), success.seed), ("2-4-2", 42));
    assert!(success.converged && !success.stalled && !success.diverged);
    assert!(
        success.final_loss < -(0.97f64).ln(),
        "{}",
        success.final_loss
    );
    assert!(success.first_below.is_some_and(|i| i < 60_000));
    // The article's stall (2-2-2-2): 0.5 for every input, the loss at ln 2.
    let stall = lr_sweep::outcome(&RunConfig {
        hidden: vec![2, 2],
        ..RunConfig::default()
    });
    assert!(!stall.converged && stall.stalled && !stall.diverged);
    assert!((stall.final_loss - std::f64::consts::LN_2).abs() < 0.01);
    assert_eq!(stall.first_below, None);
}
