//! Whole training steps (forward, backward, SGD update) and the article's 60000-iteration run.
//! Run one group with e.g. `cargo bench --bench training -- train_step`.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dlfs_benches::{MNIST, XOR, data, sigmoid_net};
use dlfs_datasets::xor;
use dlfs_init::Init;
use dlfs_networks::Targets;
use dlfs_optimizers::{Optimizer, Sgd};
use std::hint::black_box;

/// FLOPs of one step whose first layer skips `dX`: 2·N·Σ(in·out) forward, 4·N·Σ(in·out)
/// backward, less the first layer's `dX`.
fn step_flops(batch: usize, sizes: &[usize]) -> u64 {
    let mac: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum();
    (batch * (6 * mac - 2 * sizes[0] * sizes[1])) as u64
}

fn train_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("train_step");
    for (size, init) in [(XOR, Init::Article), (MNIST, Init::BOOK)] {
        let (x, labels) = data(size, 1);
        let mut net = sigmoid_net(size, init);
        group.throughput(Throughput::Elements(step_flops(size.batch, size.sizes)));
        group.bench_with_input(BenchmarkId::from_parameter(size.name), &x, |b, x| {
            b.iter(|| {
                let loss = net.gradient(black_box(x), Targets::Labels(&labels));
                Sgd::new(0.01).update(net.params_mut());
                loss
            })
        });
    }
    group.finish();
}

/// The article's run end to end: seed, initialise, 60000 full-batch steps on XOR.
fn article_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("xor_article_run");
    group.sample_size(10); // criterion's least: 55 runs of ~30 ms
    group.throughput(Throughput::Elements(60_000));
    let (x, t) = (xor::inputs(), xor::targets());
    group.bench_function("60000_iterations", |b| {
        b.iter(|| {
            let mut net = sigmoid_net(XOR, Init::Article);
            let mut last = 0.0;
            for _ in 0..60_000 {
                last = net.gradient(&x, Targets::OneHot(t.view()));
                Sgd::new(0.01).update(net.params_mut());
            }
            last
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = dlfs_benches::criterion();
    targets = train_step, article_run
}
criterion_main!(benches);
