//! The floating-point limit of one core: f64 fused multiply-adds on independent accumulators
//! (eight 4-wide vectors, enough to hide the fma latency), in GFLOP/s (an fma is 2 FLOPs).
//!
//! `cargo run --release -p dlfs-benches --example fma_peak`
use std::hint::black_box;
use std::time::Instant;

fn main() {
    const LANES: usize = 32;
    let (a, b) = (black_box(1.000_000_1f64), black_box(0.999_999_9f64));
    let mut acc = black_box([0.5f64; LANES]);
    let iters = 20_000_000u64;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..iters {
            for v in acc.iter_mut() {
                *v = v.mul_add(a, b);
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
        acc = black_box(acc);
    }
    let flops = 2.0 * LANES as f64 * iters as f64;
    println!(
        "{:.1} GFLOP/s (best of 5; checksum {})",
        flops / best / 1e9,
        acc.iter().sum::<f64>()
    );
}
