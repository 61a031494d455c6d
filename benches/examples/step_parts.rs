//! Where the MNIST-like training step's time goes, part by part: the whole step (as in the
//! example `mnist_step`), its two big products run on their own through [`Gemm`] (the code the
//! first `Affine` layer runs: `X·W₁` forward and `dW₁ = Xᵀ·dY` backward, 7.84 MFLOP each), the
//! SGD update of all 39 760 parameters, and `Sigmoid` forward and backward on the hidden layer's
//! 100×50 values. Each figure is the median of 15 runs of 200 calls (after 200 of warm-up), in
//! µs per call; the parts are timed in turn, round after round, so that each round sees one
//! state of the machine.
//!
//! `cargo run --release -p dlfs-benches --example step_parts [rounds]` (default 3). Compare the
//! products' GFLOP/s with `fma_peak`'s (BENCHMARKS.md, "What is left").
use dlfs_benches::{MNIST, data, randn, sigmoid_net, timed_runs_us};
use dlfs_init::Init;
use dlfs_layers::{Layer, Sigmoid};
use dlfs_networks::Targets;
use dlfs_numpy::Gemm;
use dlfs_optimizers::{Optimizer, Sgd};
use ndarray::Array2;
use std::hint::black_box;

/// The median of [`timed_runs_us`]: µs per call.
fn median_us(f: impl FnMut()) -> f64 {
    timed_runs_us(f)[7]
}

fn main() {
    let rounds: usize = match std::env::args().nth(1).map(|s| s.parse()) {
        None => 3,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("step_parts: the argument must be a positive number of rounds");
            std::process::exit(2);
        }
    };
    let (x, labels) = data(MNIST, 1);
    let mut net = sigmoid_net(MNIST, Init::BOOK);
    // The first layer's shapes: x (batch, input), W₁ (input, hidden), dY and h (batch, hidden).
    let (batch, input, hidden) = (MNIST.batch, MNIST.sizes[0], MNIST.sizes[1]);
    let (w, dy, h) = (
        randn(input, hidden, 3),
        randn(batch, hidden, 4),
        randn(batch, hidden, 5),
    );
    let (mut y, mut dw) = (Array2::zeros((batch, hidden)), Array2::zeros(w.dim()));
    let (mut forward, mut backward) = (Gemm::new(), Gemm::new());
    let mut sigmoid = Sigmoid::new();
    let gflops = |us: f64| 2.0 * (batch * input * hidden) as f64 / (us * 1e3);
    println!("round  step_us  xw_us  xw_gflops  xtdy_us  xtdy_gflops  sgd_us  sigmoid_us");
    for round in 1..=rounds {
        let step = median_us(|| {
            black_box(net.gradient(&x, Targets::Labels(&labels)));
            Sgd::new(0.01).update(net.params_mut());
        });
        let xw = median_us(|| forward.matmul_into(&x, &w, None, &mut y));
        let xtdy = median_us(|| backward.matmul_into(&x.t(), &dy, None, &mut dw));
        let sgd = median_us(|| Sgd::new(black_box(0.0)).update(net.params_mut()));
        let sig = median_us(|| {
            black_box(sigmoid.forward(&h));
            black_box(sigmoid.backward(&h));
        });
        println!(
            "{round:5}  {step:7.1}  {xw:5.1}  {:9.1}  {xtdy:7.1}  {:11.1}  {sgd:6.1}  {sig:10.1}",
            gflops(xw),
            gflops(xtdy)
        );
    }
}
