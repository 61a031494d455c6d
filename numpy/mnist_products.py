"""The matrix products of the book's train_neuralnet.py on Fashion-MNIST, and nothing else,
through numpy's BLAS: what the products alone cost a BLAS on this machine.

Per iteration: x·W1 twice (the gradient's forward pass and the loss after the update), x.T·dY
(dW1), and the small second-layer products; 17 times the forward products of the accuracy over
60 000 + 10 000 images (in chunks of 10 000, the largest numpy runs in the program's own time
without swapping the cache out). Random data of the same shapes; 333.5 GFLOP in all.

  OPENBLAS_NUM_THREADS=1 python3 numpy/mnist_products.py
"""
import time
import numpy as np

rs = np.random.RandomState(0)
x = rs.random_sample((100, 784))
w1, w2 = rs.randn(784, 50) * 0.01, rs.randn(50, 10) * 0.01
dy1, dy2 = rs.randn(100, 50), rs.randn(100, 10)
h = rs.random_sample((100, 50))
images = rs.random_sample((10_000, 784))
t = time.perf_counter()
for _ in range(10_000):
    for _ in range(2):  # forward, and the loss after the update
        a1 = x @ w1
        a2 = h @ w2
    dw2 = h.T @ dy2
    dh = dy2 @ w2.T
    dw1 = x.T @ dy1
steps = time.perf_counter() - t
t = time.perf_counter()
for _ in range(17):
    for _ in range(7):  # 60 000 + 10 000 images
        a1 = images @ w1
        a2 = a1[:, :50] @ w2
evals = time.perf_counter() - t
print(f"products of 10 000 steps {steps:.2f} s, of 17 evaluations {evals:.2f} s, "
      f"in all {steps + evals:.2f} s")
