//! One run of the `cures` experiment's stalled setting as one process, for instruction counts
//! and profiles: 2-2-2-2, lr 0.01, the article's initialisation, with the optimizer and
//! activation given (`cures_run adam tanh 60000`; defaults `sgd sigmoid 60000`), every
//! iteration's gradient and update through the public API, no early stop.
//!
//! `cargo build --release -p dlfs-benches --example cures_run`; under callgrind the difference
//! between two iteration counts is the cost of the steps (BENCHMARKS.md).
use dlfs_datasets::xor;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Kind, Optimizer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |k: usize, default: &str| args.get(k).cloned().unwrap_or_else(|| default.into());
    let parsed = (
        arg(0, "sgd").parse::<Kind>(),
        arg(1, "sigmoid").parse::<Activation>(),
        arg(2, "60000").parse::<usize>(),
    );
    let (Ok(kind), Ok(activation), Ok(iters)) = parsed else {
        eprintln!("usage: cures_run [OPTIMIZER [ACTIVATION [ITERATIONS]]]");
        std::process::exit(2);
    };
    let x = xor::inputs();
    let mut net = MultiLayerNet::new(
        &[2, 2, 2, 2],
        activation,
        Init::Article,
        &mut RandomState::new(0),
    );
    let mut optimizer = kind.build(0.01);
    let mut loss = 0.0;
    for _ in 0..iters {
        loss = net.gradient(&x, Targets::Labels(&xor::LABELS));
        optimizer.update(net.params_mut());
    }
    println!("{kind} {activation} {iters} iterations: final loss {loss}");
}
