//! What limits the XOR training step on this machine, in three columns per chunk of steps:
//!
//! * `chain_ghz`: a chain of dependent fused multiply-adds (each waits for the last, 4 cycles
//!   apiece on Zen 3), as a clock. Latency-bound work like this runs at the same speed whatever
//!   the other hyperthread of the core is doing.
//! * `step_ns`: one training step of the article's network (`gradient` + `Sgd::update`).
//! * `with_extra_ns`: the same step plus an independent forward pass of a second network
//!   (about half as many instructions again, by callgrind). If the step were bound by the latency
//!   of its dependency chain, the extra work would hide in its shadow; if it is bound by
//!   instruction throughput, the time grows by about the share of instructions added.
//!
//! `cargo run --release -p dlfs-benches --example step_modes [chunks]` (default 20). On this
//! project's VM the clock stays put while `step_ns` flips between two levels about 2× apart;
//! `with_extra_ns / step_ns` is about 1.5 at the slow level and about 1.2 at the fast one (see
//! BENCHMARKS.md).
use dlfs_datasets::xor;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use std::hint::black_box;
use std::time::Instant;

/// Cycles per second, from `n` dependent fmas of 4 cycles each.
fn chain_ghz() -> f64 {
    let n = 20_000_000u32;
    let (a, b) = black_box((0.999_999, 1e-9));
    let mut x = black_box(1.0f64);
    let start = Instant::now();
    for _ in 0..n {
        x = x.mul_add(a, b);
    }
    black_box(x);
    4.0 * f64::from(n) / start.elapsed().as_secs_f64() / 1e9
}

fn main() {
    let chunks: usize = match std::env::args().nth(1) {
        None => 20,
        Some(n) => n.parse().unwrap_or_else(|_| {
            eprintln!("step_modes: the argument must be a number of chunks, not {n:?}");
            std::process::exit(2)
        }),
    };
    let (x, t) = (xor::inputs(), xor::targets());
    let t = Targets::OneHot(t.view());
    let net = |seed| {
        let mut rng = RandomState::new(seed);
        MultiLayerNet::new(&[2, 4, 2], Activation::Sigmoid, Init::Article, &mut rng)
    };
    let (mut a, mut b) = (net(42), net(7));
    const STEPS: u32 = 5000;
    println!("chunk  chain_ghz  step_ns  with_extra_ns  ratio");
    for chunk in 1..=chunks {
        let ghz = chain_ghz();
        let start = Instant::now();
        for _ in 0..STEPS {
            black_box(a.gradient(&x, t));
            Sgd::new(0.01).update(a.params_mut());
        }
        let plain = start.elapsed().as_secs_f64() / f64::from(STEPS) * 1e9;
        let start = Instant::now();
        for _ in 0..STEPS {
            black_box(a.gradient(&x, t));
            black_box(b.loss(&x, t));
            Sgd::new(0.01).update(a.params_mut());
        }
        let extra = start.elapsed().as_secs_f64() / f64::from(STEPS) * 1e9;
        println!(
            "{chunk:5}  {ghz:9.2}  {plain:7.0}  {extra:13.0}  {:5.2}",
            extra / plain
        );
    }
}
