//! The article's whole program as one process, for timing against `seed_xor.py`:
//! seed 42, the article's initialisation, 60000 full-batch steps on XOR through the public layer
//! API (`MultiLayerNet::gradient` and `Sgd::update`), then the final parameters and outputs.
//!
//! `cargo build --release -p dlfs-benches --example article_run`, then time
//! `target/release/examples/article_run` (see BENCHMARKS.md). An optional argument sets another
//! number of iterations (for instruction counts: the difference between two counts).
use dlfs_datasets::xor;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};

fn main() {
    let (x, t) = (xor::inputs(), xor::targets());
    let mut net = MultiLayerNet::new(
        &[2, 4, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(42),
    );
    let iterations = match std::env::args().nth(1) {
        None => 60_000,
        Some(n) => n.parse().unwrap_or_else(|_| {
            eprintln!("article_run: the argument must be a number of iterations, not {n:?}");
            std::process::exit(2)
        }),
    };
    let mut losses = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        losses.push(net.gradient(&x, Targets::OneHot(t.view())));
        Sgd::new(0.01).update(net.params_mut());
    }
    for p in net.params() {
        println!("{}\n{:.8}", p.name, p.value);
    }
    println!("y: {:.8}", net.probabilities(&x));
    println!("hidden:\n{:.8}", net.hidden_output(1));
    println!(
        "loss first/last: {} {}",
        losses.first().copied().unwrap_or(f64::NAN),
        losses.last().copied().unwrap_or(f64::NAN)
    );
}
