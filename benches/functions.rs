//! The activations and losses as functions, at the XOR size and at an MNIST-like size.
//! Run one group with e.g. `cargo bench --bench functions -- softmax_rows`.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dlfs_activations::{
    relu, relu_grad, sigmoid, sigmoid_grad, softmax_rows_into, tanh, tanh_grad,
};
use dlfs_benches::{MNIST, XOR, data, randn};
use dlfs_losses::{
    Targets, cross_entropy_error, cross_entropy_error_grad, sum_squared_error,
    sum_squared_error_grad,
};
use dlfs_numpy::{exp, exp_in_place, ln};
use ndarray::{Array2, Zip};
use std::hint::black_box;

/// A scalar activation: its name, `f` and its derivative `f'`.
type Activation = (&'static str, fn(f64) -> f64, fn(f64) -> f64);

/// Each scalar activation (`f`, the forward direction) and its derivative (`grad`, what the
/// backward pass multiplies by), applied element-wise to the hidden activations
/// `(batch, hidden)`. Run one with e.g. `cargo bench --bench functions -- sigmoid/grad`.
fn activations(c: &mut Criterion) {
    let functions: [Activation; 3] = [
        ("sigmoid", sigmoid, sigmoid_grad),
        ("relu", relu, relu_grad),
        ("tanh", tanh, tanh_grad),
    ];
    for (name, f, grad) in functions {
        let mut group = c.benchmark_group(name);
        for size in [XOR, MNIST] {
            let x = randn(size.batch, size.sizes[1], 1);
            let mut y = Array2::zeros(x.dim());
            group.throughput(Throughput::Elements(x.len() as u64));
            for (id, g) in [("f", f), ("grad", grad)] {
                group.bench_with_input(BenchmarkId::new(id, size.name), &x, |b, x| {
                    b.iter(|| {
                        Zip::from(&mut y)
                            .and(black_box(x))
                            .for_each(|y, &x| *y = g(x))
                    })
                });
            }
        }
        group.finish();
    }
}

/// Softmax, the losses and their gradients on the scores `(batch, classes)`.
fn softmax_and_losses(c: &mut Criterion) {
    let mut softmax = c.benchmark_group("softmax_rows");
    let mut cases = Vec::new();
    for size in [XOR, MNIST] {
        let (_, labels) = data(size, 1);
        let x = randn(size.batch, *size.sizes.last().unwrap(), 2);
        let mut y = Array2::zeros(x.dim());
        softmax.throughput(Throughput::Elements(x.len() as u64));
        softmax.bench_with_input(BenchmarkId::from_parameter(size.name), &x, |b, x| {
            b.iter(|| softmax_rows_into(black_box(x), &mut y))
        });
        softmax_rows_into(&x, &mut y);
        // The same targets as one-hot rows, for the losses that take them.
        let t = Array2::from_shape_fn(y.dim(), |(n, k)| f64::from(u8::from(labels[n] == k)));
        cases.push((size, y, labels, t));
    }
    softmax.finish();
    let mut cee = c.benchmark_group("cross_entropy_error");
    for (size, y, labels, t) in &cases {
        cee.throughput(Throughput::Elements(y.len() as u64));
        cee.bench_with_input(BenchmarkId::new("labels", size.name), y, |b, y| {
            b.iter(|| cross_entropy_error(black_box(y), Targets::Labels(labels)))
        });
        cee.bench_with_input(BenchmarkId::new("one_hot", size.name), y, |b, y| {
            b.iter(|| cross_entropy_error(black_box(y), Targets::OneHot(t.view())))
        });
    }
    cee.finish();
    let mut sse = c.benchmark_group("sum_squared_error");
    for (size, y, _, t) in &cases {
        sse.throughput(Throughput::Elements(y.len() as u64));
        sse.bench_with_input(BenchmarkId::from_parameter(size.name), y, |b, y| {
            b.iter(|| sum_squared_error(black_box(y), t))
        });
    }
    sse.finish();
    // The losses' gradients with respect to y (each allocates its result).
    let mut grads = c.benchmark_group("loss_grad");
    for (size, y, labels, t) in &cases {
        grads.throughput(Throughput::Elements(y.len() as u64));
        grads.bench_with_input(BenchmarkId::new("cross_entropy", size.name), y, |b, y| {
            b.iter(|| cross_entropy_error_grad(black_box(y), Targets::Labels(labels)))
        });
        grads.bench_with_input(BenchmarkId::new("sum_squared", size.name), y, |b, y| {
            b.iter(|| sum_squared_error_grad(black_box(y), t))
        });
    }
    grads.finish();
}

/// `exp` and `ln`: ours (inline, the same bits as the C library's) against the C library's
/// (`f64::exp`, `f64::ln`, which numpy calls), on the hidden activations of each size.
fn exp_and_ln(c: &mut Criterion) {
    let mut group = c.benchmark_group("exp_ln");
    for size in [XOR, MNIST] {
        let x = randn(size.batch, size.sizes[1], 1);
        let x = x.as_slice().expect("standard layout").to_vec();
        let positive: Vec<f64> = x.iter().map(|v| v.abs() + 1e-7).collect();
        let mut y = vec![0.0; x.len()];
        group.throughput(Throughput::Elements(x.len() as u64));
        let mut run = |id: &str, input: &[f64], f: fn(f64) -> f64| {
            group.bench_function(BenchmarkId::new(id, size.name), |b| {
                b.iter(|| {
                    for (y, &x) in y.iter_mut().zip(black_box(input)) {
                        *y = f(x);
                    }
                })
            });
        };
        run("exp_ours", &x, exp);
        run("exp_c_library", &x, f64::exp);
        run("ln_ours", &positive, ln);
        run("ln_c_library", &positive, f64::ln);
        group.bench_function(BenchmarkId::new("exp_in_place_ours", size.name), |b| {
            b.iter(|| {
                y.copy_from_slice(black_box(&x));
                exp_in_place(&mut y);
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = dlfs_benches::criterion();
    targets = activations, softmax_and_losses, exp_and_ln
}
criterion_main!(benches);
