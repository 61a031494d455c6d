#!/usr/bin/env bash
# Ours against numpy and against the machine's limit, measured side by side: each round runs
# every program once, one after the other, so that numpy and ours see the same machine (on a
# shared VM the speed of a core drifts by up to 2x from one minute to the next). Prints each
# round and the medians over rounds of each figure and of each ratio.
#
#   benches/compare.sh [rounds]      (default 5; needs python3 with numpy: pip install numpy)
#
# Figures: the article's whole program (numpy: numpy/seed_xor.py, ours: the
# example article_run, both whole processes, 60000 iterations), the MNIST-like step (numpy with
# one BLAS thread: numpy/mnist_step.py, ours: the example mnist_step, medians), and the
# FMA limit of one core (the example fma_peak), from which the step's limit is 16.1 MFLOP / peak.
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/common.sh
rounds=${1:-5}
seed_xor=${SEED_XOR:-numpy/seed_xor.py}
cargo build --quiet --release -p dlfs-benches --example article_run --example mnist_step \
    --example fma_peak
bin=target/release/examples
printf 'round  numpy_xor_s  ours_xor_ms  ratio  ns/iter  numpy_step_us  ours_step_us  limit_us  ours/limit  numpy/ours\n'
for r in $(seq "$rounds"); do
    np_xor=$(secs python3 "$seed_xor")
    our_xor=$(secs "$bin/article_run")
    np_step=$(OPENBLAS_NUM_THREADS=1 python3 numpy/mnist_step.py | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
    our_step=$("$bin/mnist_step" | sed -E 's/.*median ([0-9.]+) us.*/\1/')
    peak=$("$bin/fma_peak" | sed -E 's/^([0-9.]+) GFLOP.*/\1/')
    awk -v r="$r" -v a="$np_xor" -v b="$our_xor" -v c="$np_step" -v d="$our_step" -v p="$peak" 'BEGIN {
        limit = 16.1e6 / (p * 1e9) * 1e6
        printf "%5d  %11.2f  %11.1f  %5.0f  %7.0f  %13.0f  %12.0f  %8.0f  %10.2f  %10.1f\n",
            r, a, b * 1000, a / b, b / 60000 * 1e9, c * 1000, d, limit, d / limit, c * 1000 / d }'
done | tee /dev/stderr | medians 10
