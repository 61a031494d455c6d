//! Forward and backward of each layer at the XOR size and at an MNIST-like size.
//! Run one group with e.g. `cargo bench --bench layers -- affine_forward`.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dlfs_benches::{MNIST, Size, XOR, data, randn, randn_vec};
use dlfs_layers::{Affine, Layer, Relu, Sigmoid, SoftmaxWithLoss, Targets};
use dlfs_numpy::Gemm;
use ndarray::{Array2, linalg::general_mat_mul};
use std::hint::black_box;

/// The first Affine layer of `size`: `(batch, input) → (batch, hidden)`.
fn affine(c: &mut Criterion) {
    let mut fwd = c.benchmark_group("affine_forward");
    for size in [XOR, MNIST] {
        let (x, _) = data(size, 1);
        let (n, i, o) = (size.batch, size.sizes[0], size.sizes[1]);
        let mut layer = Affine::new(randn(i, o, 2), randn_vec(o, 3));
        fwd.throughput(Throughput::Elements((2 * n * i * o) as u64)); // FLOPs
        fwd.bench_with_input(BenchmarkId::from_parameter(size.name), &x, |b, x| {
            b.iter(|| black_box(layer.forward(x)).len())
        });
    }
    fwd.finish();
    let mut bwd = c.benchmark_group("affine_backward");
    for size in [XOR, MNIST] {
        let (x, _) = data(size, 1);
        let (n, i, o) = (size.batch, size.sizes[0], size.sizes[1]);
        let mut layer = Affine::new(randn(i, o, 2), randn_vec(o, 3));
        layer.forward(&x);
        let dout = randn(n, o, 4);
        // dW = Xᵀ·dY and dX = dY·Wᵀ: 2·N·in·out FLOPs each.
        bwd.throughput(Throughput::Elements((4 * n * i * o) as u64));
        bwd.bench_with_input(BenchmarkId::new("with_dx", size.name), &dout, |b, d| {
            b.iter(|| black_box(layer.backward(d)).len())
        });
        bwd.throughput(Throughput::Elements((2 * n * i * o) as u64));
        bwd.bench_with_input(BenchmarkId::new("params_only", size.name), &dout, |b, d| {
            b.iter(|| layer.backward_params(black_box(d)))
        });
    }
    bwd.finish();
}

/// An element-wise layer on the hidden activations `(batch, hidden)` of `size`.
fn elementwise(c: &mut Criterion, name: &str, make: fn() -> Box<dyn Layer>) {
    let mut fwd = c.benchmark_group(format!("{name}_forward"));
    let mut inputs: Vec<(Size, ndarray::Array2<f64>)> = Vec::new();
    for size in [XOR, MNIST] {
        inputs.push((size, randn(size.batch, size.sizes[1], 5)));
    }
    for (size, x) in &inputs {
        let mut layer = make();
        fwd.throughput(Throughput::Elements(x.len() as u64));
        fwd.bench_with_input(BenchmarkId::from_parameter(size.name), x, |b, x| {
            b.iter(|| black_box(layer.forward(x)).len())
        });
    }
    fwd.finish();
    let mut bwd = c.benchmark_group(format!("{name}_backward"));
    for (size, x) in &inputs {
        let mut layer = make();
        layer.forward(x);
        let dout = randn(x.nrows(), x.ncols(), 6);
        bwd.throughput(Throughput::Elements(x.len() as u64));
        bwd.bench_with_input(BenchmarkId::from_parameter(size.name), &dout, |b, d| {
            b.iter(|| black_box(layer.backward(d)).len())
        });
    }
    bwd.finish();
}

fn sigmoid(c: &mut Criterion) {
    elementwise(c, "sigmoid", || Box::new(Sigmoid::new()));
}

fn relu(c: &mut Criterion) {
    elementwise(c, "relu", || Box::new(Relu::new()));
}

/// SoftmaxWithLoss on the scores `(batch, classes)` of `size`.
fn softmax_with_loss(c: &mut Criterion) {
    let mut fwd = c.benchmark_group("softmax_with_loss_forward");
    let mut bwd_inputs = Vec::new();
    for size in [XOR, MNIST] {
        let (_, labels) = data(size, 1);
        let x = randn(size.batch, *size.sizes.last().unwrap(), 7);
        let mut layer = SoftmaxWithLoss::new();
        fwd.throughput(Throughput::Elements(x.len() as u64));
        fwd.bench_with_input(BenchmarkId::from_parameter(size.name), &x, |b, x| {
            b.iter(|| layer.forward(black_box(x), Targets::Labels(&labels)))
        });
        bwd_inputs.push((size, x, labels));
    }
    fwd.finish();
    let mut bwd = c.benchmark_group("softmax_with_loss_backward");
    for (size, x, labels) in &bwd_inputs {
        let mut layer = SoftmaxWithLoss::new();
        layer.forward(x, Targets::Labels(labels));
        bwd.throughput(Throughput::Elements(x.len() as u64));
        bwd.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| black_box(layer.backward(1.0)).len())
        });
    }
    bwd.finish();
}

/// The three products of the MNIST-like first layer (forward `X·W`, `dW = Xᵀ·dY`, and the
/// `dX = dY·Wᵀ` that the network skips), by our `Gemm` and, for comparison, by ndarray's
/// `general_mat_mul` (the `matrixmultiply` crate).
fn matmul(c: &mut Criterion) {
    let mut group = c.benchmark_group("matmul");
    let (x, _) = data(MNIST, 1);
    let (n, i, o) = (MNIST.batch, MNIST.sizes[0], MNIST.sizes[1]);
    let (w, dy) = (randn(i, o, 2), randn(n, o, 4));
    let cases = [
        ("forward_100x784x50", x.view(), w.view()),
        ("dw_784x100x50", x.t(), dy.view()),
        ("dx_100x50x784", dy.view(), w.t()),
    ];
    group.throughput(Throughput::Elements((2 * n * i * o) as u64)); // FLOPs
    for (name, a, b) in cases {
        let mut out = Array2::zeros((a.nrows(), b.ncols()));
        let mut gemm = Gemm::new();
        group.bench_function(BenchmarkId::new("ours", name), |bench| {
            bench.iter(|| gemm.matmul_into(black_box(&a), &b, None, &mut out))
        });
        group.bench_function(BenchmarkId::new("matrixmultiply", name), |bench| {
            bench.iter(|| general_mat_mul(1.0, black_box(&a), &b, 0.0, &mut out))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = dlfs_benches::criterion();
    targets = affine, sigmoid, relu, softmax_with_loss, matmul
}
criterion_main!(benches);
