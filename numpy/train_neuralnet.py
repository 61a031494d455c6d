"""The book's ch05/train_neuralnet.py as one program (numpy only), for timing against
`cargo xtask mnist` and for the fixture of its first steps.

The network is the book's TwoLayerNet (Affine -> activation -> Affine -> SoftmaxWithLoss, W = 0.01
randn, b = 0) with a sigmoid hidden layer, as `cargo xtask mnist` trains by default (the book's
chapter 5 network uses ReLU: --activation relu). The loop is train_neuralnet.py's: seed, batches
from np.random.choice, gradient, SGD update, the loss after the update, and the train and test
accuracy every iter_per_epoch iterations.

  python3 train_neuralnet.py [--data DIR] [--iters 10000] [--seed 0] [--activation sigmoid|relu]
  python3 train_neuralnet.py --synthetic 500,100 --iters 20 --json   # the fixture of the tests
  python3 train_neuralnet.py --dtype float32   # the same program in float32 (numpy's float32 loops)

--synthetic N,M: instead of files, N training and M test "images" of 784 bytes drawn from
np.random.RandomState(2024) (random_sample * 256, truncated to bytes, then the labels as
random_sample * 10), scaled by 1/255 as load_mnist(normalize=True) does: in float32
(astype(np.float32), then /= 255.0), which the float64 weights widen to float64.
Run with OPENBLAS_NUM_THREADS=1 for one thread."""
import argparse, gzip, json, os, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
p.add_argument('--iters', type=int, default=10000)
p.add_argument('--batch', type=int, default=100)
p.add_argument('--lr', type=float, default=0.1)
p.add_argument('--hidden', type=int, default=50)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--activation', default='sigmoid', choices=['sigmoid', 'relu'])
p.add_argument('--synthetic', default=None)
p.add_argument('--json', action='store_true')
p.add_argument('--dtype', default='float64', choices=['float64', 'float32'],
               help='float32: the parameters and targets cast to float32 after the draws')
a = p.parse_args()
start = time.time()


def idx(name):
    path = os.path.join(a.data, name)
    opener = gzip.open if os.path.exists(path + '.gz') else open
    with opener(path + '.gz' if os.path.exists(path + '.gz') else path, 'rb') as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)


if a.synthetic:
    n, m = map(int, a.synthetic.split(','))
    rs = np.random.RandomState(2024)
    x_all = (rs.random_sample((n + m, 784)) * 256).astype(np.uint8)
    t_all = (rs.random_sample(n + m) * 10).astype(np.uint8)
    x_train, t_train, x_test, t_test = x_all[:n], t_all[:n], x_all[n:], t_all[n:]
else:
    x_train = idx('train-images-idx3-ubyte').reshape(-1, 784)
    t_train = idx('train-labels-idx1-ubyte')
    x_test = idx('t10k-images-idx3-ubyte').reshape(-1, 784)
    t_test = idx('t10k-labels-idx1-ubyte')
x_train, x_test = x_train.astype(np.float32), x_test.astype(np.float32)
x_train /= 255.0
x_test /= 255.0
t_train_1h, t_test_1h = np.eye(10, dtype=a.dtype)[t_train], np.eye(10, dtype=a.dtype)[t_test]


def softmax(x):
    x = x.T
    x = x - np.max(x, axis=0)
    return (np.exp(x) / np.sum(np.exp(x), axis=0)).T


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)
        for key in self.params:
            self.params[key] = self.params[key].astype(a.dtype)

    def predict(self, x):
        a1 = np.dot(x, self.params['W1']) + self.params['b1']
        self.z1 = 1 / (1 + np.exp(-a1)) if a.activation == 'sigmoid' else np.maximum(a1, 0)
        self.mask = a1 <= 0
        return np.dot(self.z1, self.params['W2']) + self.params['b2']

    def loss(self, x, t):
        self.y = softmax(self.predict(x))
        tl = t.argmax(axis=1)
        return -np.sum(np.log(self.y[np.arange(x.shape[0]), tl] + 1e-7)) / x.shape[0]

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dy = (self.y - t) / x.shape[0]
        grads = {'W2': np.dot(self.z1.T, dy), 'b2': np.sum(dy, axis=0)}
        dz1 = np.dot(dy, self.params['W2'].T)
        if a.activation == 'sigmoid':
            da1 = dz1 * (1.0 - self.z1) * self.z1
        else:
            dz1[self.mask] = 0
            da1 = dz1
        grads['W1'] = np.dot(x.T, da1)
        grads['b1'] = np.sum(da1, axis=0)
        return grads


np.random.seed(a.seed)
network = TwoLayerNet(784, a.hidden, 10)
train_size = x_train.shape[0]
iter_per_epoch = max(train_size / a.batch, 1)
losses, accs = [], []
for i in range(a.iters):
    batch_mask = np.random.choice(train_size, a.batch)
    x_batch, t_batch = x_train[batch_mask], t_train_1h[batch_mask]
    grad = network.gradient(x_batch, t_batch)
    for key in ('W1', 'b1', 'W2', 'b2'):
        network.params[key] -= a.lr * grad[key]
    losses.append(float(network.loss(x_batch, t_batch)))
    if i % iter_per_epoch == 0:
        train_acc = network.accuracy(x_train, t_train_1h)
        test_acc = network.accuracy(x_test, t_test_1h)
        accs.append([i, float(train_acc), float(test_acc)])
        if not a.json:
            print("train acc, test acc | " + str(train_acc) + ", " + str(test_acc))
if a.json:
    w1 = network.params['W1'].ravel()
    print(json.dumps({'args': vars(a), 'losses': losses, 'accuracy': accs,
                      'W1_every_97th': w1[::97].tolist(),
                      'b1': network.params['b1'].tolist(),
                      'W2': network.params['W2'].tolist(),
                      'b2': network.params['b2'].tolist()}))
else:
    print(f"{a.iters} iterations in {time.time() - start:.1f} s (data loading and accuracies included)")
