"""One training step of the book's TwoLayerNet at an MNIST-like size in numpy, for comparison
with `cargo bench --bench training -- train_step`: batch 100, 784 -> 50 (sigmoid) -> 10,
SoftmaxWithLoss, SGD. The layers are the book's (§5.6-5.7), including dx of the first layer,
which numpy's program computes and throws away.
Run with one BLAS thread: OPENBLAS_NUM_THREADS=1 python3 numpy/mnist_step.py"""
import time
import numpy as np

rng = np.random.RandomState(1)
x = rng.rand(100, 784)
t = rng.randint(0, 10, size=100)
W1 = 0.01 * rng.randn(784, 50); b1 = np.zeros(50)
W2 = 0.01 * rng.randn(50, 10); b2 = np.zeros(10)

def step(lr=0.01):
    global W1, b1, W2, b2
    a1 = np.dot(x, W1) + b1
    z1 = 1 / (1 + np.exp(-a1))
    a2 = np.dot(z1, W2) + b2
    a2 = a2 - a2.max(axis=1, keepdims=True)
    y = np.exp(a2) / np.sum(np.exp(a2), axis=1, keepdims=True)
    loss = -np.sum(np.log(y[np.arange(100), t] + 1e-7)) / 100
    dy = y.copy(); dy[np.arange(100), t] -= 1; dy /= 100
    dW2 = np.dot(z1.T, dy); db2 = dy.sum(axis=0)
    dz1 = np.dot(dy, W2.T)
    da1 = dz1 * (1.0 - z1) * z1
    dW1 = np.dot(x.T, da1); db1 = da1.sum(axis=0)
    dx = np.dot(da1, W1.T)
    W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
    return loss

for _ in range(100):
    step()
times = []
for _ in range(7):
    n = 500
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    times.append((time.perf_counter() - t0) / n)
times.sort()
print(f"numpy MNIST-like step: median {times[3] * 1e3:.3f} ms, best {times[0] * 1e3:.3f} ms (7 runs of 500)")
