#!/usr/bin/env bash
# Regenerates every numpy fixture of the tests (needs python3 with numpy; PYTHON=... to choose
# the interpreter). Run from the repository root: bash numpy/fixtures.sh
#
#   data/fixtures/xor_ref/*.json      xor_ref.py --libm: the article's training and eight others
#   data/fixtures/xor_ref_ch6/*.json  xor_ref.py --libm: chapter 6's optimizers, inits and tanh
#   data/fixtures/numpy_rng.json      numpy_rng.py: RandomState's first draws, the article's init
#   data/fixtures/mnist/*.json        train_neuralnet.py --synthetic: the book's §5.7.4, 20 steps (f64, f32)
#   data/fixtures/extend/*.json       extend_ref.py: Batch Norm, Dropout, weight decay (chapter 6)
#
# --libm makes xor_ref.py use the C library's exp and tanh, which ours equal bit for bit;
# numpy's own SIMD exp differs from it by one ulp on about 5% of inputs. Each XOR fixture is
# xor_ref.py's JSON with the arguments that made it added as "args".
set -euo pipefail
py=${PYTHON:-python3}
here=numpy
"$py" -c 'import numpy' || { echo "numpy/fixtures.sh: $py has no numpy (pip install numpy)" >&2; exit 2; }

xor() { # folder, then lines of "name args…"
  local out=data/fixtures/$1 name args
  mkdir -p "$out"
  while read -r name args; do
    [ -z "$name" ] && continue
    # shellcheck disable=SC2086
    "$py" "$here/xor_ref.py" --libm $args | "$py" -c '
import json, sys
d = json.load(sys.stdin); d["args"] = sys.argv[1]
json.dump(d, sys.stdout, indent=1); print()' "--libm $args" > "$out/$name.json.tmp"
    mv "$out/$name.json.tmp" "$out/$name.json"
    echo "wrote $out/$name.json"
  done
}

xor xor_ref <<'LIST'
article_4_sigmoid_s42_lr0.01 --hidden 4 --activation sigmoid --seed 42 --lr 0.01 --iters 60000
stalled_2-2_sigmoid_s42_lr0.01 --hidden 2,2 --activation sigmoid --seed 42 --lr 0.01 --iters 60000
escape_2-2_sigmoid_s42_lr0.1 --hidden 2,2 --activation sigmoid --seed 42 --lr 0.1 --iters 60000
escape_2-2_sigmoid_s42_lr1 --hidden 2,2 --activation sigmoid --seed 42 --lr 1.0 --iters 60000
deep_4-4_sigmoid_s7_lr0.1 --hidden 4,4 --activation sigmoid --seed 7 --lr 0.1 --iters 60000
relu_4_s42_lr0.01 --hidden 4 --activation relu --seed 42 --lr 0.01 --iters 60000
relu_8_s1_lr0.05 --hidden 8 --activation relu --seed 1 --lr 0.05 --iters 20000
sigmoid_3_s123_lr0.5 --hidden 3 --activation sigmoid --seed 123 --lr 0.5 --iters 20000
relu_4-4_s2024_lr0.03 --hidden 4,4 --activation relu --seed 2024 --lr 0.03 --iters 20000
LIST

xor xor_ref_ch6 <<'LIST'
stall_sgd --hidden 2,2 --activation sigmoid --init article --optimizer sgd --seed 42 --lr 0.01 --iters 20000
stall_momentum --hidden 2,2 --activation sigmoid --init article --optimizer momentum --seed 42 --lr 0.01 --iters 20000
stall_nesterov --hidden 2,2 --activation sigmoid --init article --optimizer nesterov --seed 42 --lr 0.01 --iters 20000
stall_adagrad --hidden 2,2 --activation sigmoid --init article --optimizer adagrad --seed 42 --lr 0.01 --iters 20000
stall_rmsprop --hidden 2,2 --activation sigmoid --init article --optimizer rmsprop --seed 42 --lr 0.01 --iters 20000
stall_adam --hidden 2,2 --activation sigmoid --init article --optimizer adam --seed 42 --lr 0.01 --iters 20000
stall_init_std --hidden 2,2 --activation sigmoid --init std=0.01 --optimizer sgd --seed 42 --lr 0.01 --iters 20000
stall_init_xavier --hidden 2,2 --activation sigmoid --init xavier --optimizer sgd --seed 42 --lr 0.01 --iters 20000
stall_init_he --hidden 2,2 --activation sigmoid --init he --optimizer sgd --seed 42 --lr 0.01 --iters 20000
stall_tanh --hidden 2,2 --activation tanh --init article --optimizer sgd --seed 42 --lr 0.01 --iters 20000
tanh_xavier_adam --hidden 3,3 --activation tanh --init xavier --optimizer adam --seed 7 --lr 0.003 --iters 10000
relu_he_momentum --hidden 4,4 --activation relu --init he --optimizer momentum --seed 3 --lr 0.05 --iters 10000
tanh_std_nesterov --hidden 4 --activation tanh --init std=0.5 --optimizer nesterov --seed 11 --lr 0.1 --iters 10000
sigmoid_he_rmsprop --hidden 4 --activation sigmoid --init he --optimizer rmsprop --seed 5 --lr 0.01 --iters 10000
LIST

"$py" "$here/numpy_rng.py"
echo "wrote data/fixtures/numpy_rng.json"

mkdir -p data/fixtures/mnist
"$py" "$here/train_neuralnet.py" --synthetic 500,100 --iters 20 --seed 1 --json \
  > data/fixtures/mnist/synthetic_20_steps.json.tmp
mv data/fixtures/mnist/synthetic_20_steps.json.tmp data/fixtures/mnist/synthetic_20_steps.json
echo "wrote data/fixtures/mnist/synthetic_20_steps.json"

mkdir -p data/fixtures/extend
"$py" "$here/extend_ref.py" > data/fixtures/extend/extend_ref.json.tmp
mv data/fixtures/extend/extend_ref.json.tmp data/fixtures/extend/extend_ref.json
echo "wrote data/fixtures/extend/extend_ref.json"

"$py" "$here/train_neuralnet.py" --synthetic 500,100 --iters 20 --seed 1 --json --dtype float32 \
  > data/fixtures/mnist/synthetic_20_steps_f32.json.tmp
mv data/fixtures/mnist/synthetic_20_steps_f32.json.tmp data/fixtures/mnist/synthetic_20_steps_f32.json
echo "wrote data/fixtures/mnist/synthetic_20_steps_f32.json"
