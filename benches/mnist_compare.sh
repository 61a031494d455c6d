#!/usr/bin/env bash
# The book's train_neuralnet.py on Fashion-MNIST, whole processes (data loading and the 17
# accuracy measurements included), numpy against `cargo xtask mnist`, side by side: each round
# runs every program once, one after the other, so that both see the same machine (on a shared
# VM the speed of a core drifts by up to 2x from one minute to the next). Prints each round and
# the medians over rounds.
#
#   benches/mnist_compare.sh [rounds]    (default 3; needs python3 with numpy and
#                                         apt-get install dataset-fashion-mnist)
#
# Columns: numpy with one BLAS thread, ours on one thread (RAYON_NUM_THREADS=1), their ratio;
# numpy with two BLAS threads, ours with two threads (the accuracies on both), their ratio;
# the FMA limit of one core for the program's 334 GFLOP (the example fma_peak), and ours on one
# thread as a multiple of it; then the same program in single precision on one thread: numpy
# (--dtype float32), ours (--precision f32), their ratio, and ours as a multiple of the f32
# limit (half the f64 one: twice the numbers per vector).
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/common.sh
rounds=${1:-3}
cargo build --quiet --release -p xtask
cargo build --quiet --release -p dlfs-benches --example fma_peak
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf 'round  numpy_1t_s  ours_1t_s  ratio_1t  numpy_2t_s  ours_2t_s  ratio_2t  limit_s  ours_1t/limit  numpy32_s  ours32_s  ratio32  ours32/limit32\n'
for r in $(seq "$rounds"); do
    np1=$(OPENBLAS_NUM_THREADS=1 secs python3 numpy/train_neuralnet.py)
    our1=$(RAYON_NUM_THREADS=1 secs target/release/xtask mnist --out "$out/1" --force)
    np2=$(OPENBLAS_NUM_THREADS=2 secs python3 numpy/train_neuralnet.py)
    our2=$(RAYON_NUM_THREADS=2 secs target/release/xtask mnist --out "$out/2" --force)
    np32=$(OPENBLAS_NUM_THREADS=1 secs python3 numpy/train_neuralnet.py --dtype float32)
    our32=$(RAYON_NUM_THREADS=1 secs target/release/xtask mnist --precision f32 --out "$out/3" --force)
    peak=$(target/release/examples/fma_peak | sed -E 's/^([0-9.]+) GFLOP.*/\1/')
    awk -v r="$r" -v a="$np1" -v b="$our1" -v c="$np2" -v d="$our2" -v p="$peak" \
        -v e="$np32" -v f="$our32" 'BEGIN {
        limit = 333.5 / p
        printf "%5d  %10.2f  %9.2f  %8.2f  %10.2f  %9.2f  %8.2f  %7.2f  %13.2f  %9.2f  %8.2f  %7.2f  %14.2f\n",
            r, a, b, a / b, c, d, c / d, limit, b / limit, e, f, e / f, f / (limit / 2) }'
done | tee "$out/rounds"
medians 13 < "$out/rounds"
