//! A run longer than a million iterations keeps every k-th loss, so its memory stays flat.
use dlfs_train::run::{MAX_RECORDED, RunConfig, train};

#[test]
fn the_stride_is_the_smallest_that_keeps_a_million_losses() {
    let stride = |iters| {
        RunConfig {
            iters,
            ..RunConfig::default()
        }
        .stride()
    };
    assert_eq!(stride(1), 1);
    assert_eq!(stride(MAX_RECORDED), 1);
    assert_eq!(stride(MAX_RECORDED + 1), 2);
    assert_eq!(stride(10 * MAX_RECORDED), 10);
    assert_eq!(stride(10 * MAX_RECORDED + 1), 11);
    assert_eq!(stride(usize::MAX), usize::MAX.div_ceil(MAX_RECORDED));
}

#[test]
fn a_run_past_a_million_iterations_records_every_second_loss_and_the_last() {
    let iters = MAX_RECORDED + 2;
    let long = train(&RunConfig {
        iters,
        ..RunConfig::default()
    });
    assert_eq!(long.stride, 2);
    assert_eq!(long.losses.len(), MAX_RECORDED / 2 + 1);
    assert_eq!(long.iterations, iters);
    // The recorded losses are those of iterations 0, 2, 4, …: the same as a shorter run's.
    let short = train(&RunConfig {
        iters: 2001,
        ..RunConfig::default()
    });
    for k in 0..1000 {
        assert_eq!(
            long.losses[k].to_bits(),
            short.losses[2 * k].to_bits(),
            "iteration {}",
            2 * k
        );
    }
    // The last iteration, 1 000 001, falls between two recorded ones and is written too.
    let points: Vec<(usize, f64)> = long.loss_points().collect();
    assert_eq!(points.len(), MAX_RECORDED / 2 + 2);
    assert_eq!(points[points.len() - 2].0, MAX_RECORDED);
    assert_eq!(
        points[points.len() - 1],
        (MAX_RECORDED + 1, long.final_loss())
    );
    assert!(!long.diverged());
    assert_eq!(long.first_below(0.1).map(|i| i % 2), Some(0));
}
