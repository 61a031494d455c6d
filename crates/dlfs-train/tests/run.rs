//! A run and what is read from it: its name, whether it diverged or got worse, the first
//! iteration below a loss, where it stops, and how often it reports progress.
use dlfs_init::Init;
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_optimizers::Kind;
use dlfs_train::run::{Run, RunConfig, progress_interval, train, train_with_progress};
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
