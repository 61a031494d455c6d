//! One MNIST-like training step (batch 100, 784 → 50 sigmoid → 10, SoftmaxWithLoss, SGD) as a
//! plain program, for timing side by side with `numpy/mnist_step.py`: the same set-up
//! as the criterion bench `train_step/mnist_100x784-50-10`, timed as 15 runs of 200 steps after
//! a warm-up, printing the median and the best of the 15 (µs per step).
//!
//! `cargo run --release -p dlfs-benches --example mnist_step`
use dlfs_benches::{MNIST, data, sigmoid_net, timed_runs_us};
use dlfs_init::Init;
use dlfs_networks::Targets;
use dlfs_optimizers::{Optimizer, Sgd};

fn main() {
    let (x, labels) = data(MNIST, 1);
    let mut net = sigmoid_net(MNIST, Init::BOOK);
    let runs = timed_runs_us(|| {
        std::hint::black_box(net.gradient(&x, Targets::Labels(&labels)));
        Sgd::new(0.01).update(net.params_mut());
    });
    println!(
        "ours MNIST-like step: median {:.1} us, best {:.1} us (15 runs of 200)",
        runs[7], runs[0]
    );
}
