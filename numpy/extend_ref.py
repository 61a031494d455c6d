"""Chapter 6's layers and the book's MultiLayerNetExtend (common/layers.py,
common/multi_layer_net_extend.py, common/optimizer.py) written out in numpy, for the fixtures of
the tests: BatchNormalization and Dropout forward and backward on seeded inputs, and the first
20 training steps of networks with Batch Norm, Dropout and weight decay.

The layers follow the book's lines (np.random.rand(*x.shape) > ratio for Dropout's mask,
10e-7 in Batch Norm's square root, momentum 0.9, dW + lambda * W and 0.5 * lambda * sum(W**2)
for weight decay); the training loop is the book's Trainer.train_step: np.random.choice,
gradient, update, the loss after the update (train_flg=False).

  python3 extend_ref.py > data/fixtures/extend/extend_ref.json"""
import json
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)


class Relu:
    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout = dout.copy()
        dout[self.mask] = 0
        return dout


class Sigmoid:
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Dropout:
    def __init__(self, dropout_ratio):
        self.dropout_ratio = dropout_ratio

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean = np.zeros(gamma.shape[0])
        self.running_var = np.zeros(gamma.shape[0])

    def forward(self, x, train_flg=True):
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc**2, axis=0)
            std = np.sqrt(var + 10e-7)
            xn = xc / std
            self.batch_size, self.xc, self.xn, self.std = x.shape[0], xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - self.running_mean
            xn = xc / ((np.sqrt(self.running_var + 10e-7)))
        return self.gamma * xn + self.beta

    def backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size
        self.dgamma, self.dbeta = dgamma, dbeta
        return dx


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        n = self.y.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n


class MultiLayerNetExtend:
    def __init__(self, sizes, activation, weight_init_std, weight_decay_lambda=0,
                 use_dropout=False, dropout_ration=0.5, use_batchnorm=False):
        self.params, self.layers, self.lam = {}, [], weight_decay_lambda
        hidden = len(sizes) - 2
        for idx in range(1, len(sizes)):
            scale = weight_init_std
            if str(weight_init_std).lower() in ('relu', 'he'):
                scale = np.sqrt(2.0 / sizes[idx - 1])
            elif str(weight_init_std).lower() in ('sigmoid', 'xavier'):
                scale = np.sqrt(1.0 / sizes[idx - 1])
            self.params['W' + str(idx)] = scale * np.random.randn(sizes[idx - 1], sizes[idx])
            self.params['b' + str(idx)] = np.zeros(sizes[idx])
        self.affines, self.bns = [], []
        for idx in range(1, hidden + 1):
            aff = Affine(self.params['W' + str(idx)], self.params['b' + str(idx)])
            self.affines.append(aff)
            self.layers.append(('Affine', aff))
            if use_batchnorm:
                self.params['gamma' + str(idx)] = np.ones(sizes[idx])
                self.params['beta' + str(idx)] = np.zeros(sizes[idx])
                bn = BatchNormalization(self.params['gamma' + str(idx)],
                                        self.params['beta' + str(idx)])
                self.bns.append(bn)
                self.layers.append(('BatchNorm', bn))
            self.layers.append(('Act', Relu() if activation == 'relu' else Sigmoid()))
            if use_dropout:
                self.layers.append(('Dropout', Dropout(dropout_ration)))
        idx = hidden + 1
        aff = Affine(self.params['W' + str(idx)], self.params['b' + str(idx)])
        self.affines.append(aff)
        self.layers.append(('Affine', aff))
        self.last_layer = SoftmaxWithLoss()
        self.hidden = hidden

    def predict(self, x, train_flg=False):
        for kind, layer in self.layers:
            x = layer.forward(x, train_flg) if kind in ('Dropout', 'BatchNorm') else layer.forward(x)
        return x

    def loss(self, x, t, train_flg=False):
        y = self.predict(x, train_flg)
        weight_decay = 0
        for idx in range(1, self.hidden + 2):
            W = self.params['W' + str(idx)]
            weight_decay += 0.5 * self.lam * np.sum(W**2)
        return self.last_layer.forward(y, t) + weight_decay

    def gradient(self, x, t):
        loss = self.loss(x, t, train_flg=True)
        dout = self.last_layer.backward()
        for _, layer in reversed(self.layers):
            dout = layer.backward(dout)
        grads = {}
        for idx in range(1, self.hidden + 2):
            aff = self.affines[idx - 1]
            grads['W' + str(idx)] = aff.dW + self.lam * self.params['W' + str(idx)]
            grads['b' + str(idx)] = aff.db
            if self.bns:
                if idx <= self.hidden:
                    grads['gamma' + str(idx)] = self.bns[idx - 1].dgamma
                    grads['beta' + str(idx)] = self.bns[idx - 1].dbeta
        return loss, grads


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def layers_fixture():
    """Batch Norm twice in training and once in test; Dropout once in training, once in test."""
    rs = np.random.RandomState(7)
    x1, x2 = rs.randn(6, 4) * 3 + 1, rs.randn(6, 4) - 2
    dout = rs.randn(6, 4)
    gamma, beta = rs.rand(4) + 0.5, rs.randn(4)
    bn = BatchNormalization(gamma.copy(), beta.copy())
    out1 = bn.forward(x1, True)
    dx1 = bn.backward(dout)
    out2 = bn.forward(x2, True)
    dx2 = bn.backward(dout)
    test = bn.forward(x1, False)
    np.random.seed(3)
    drop = Dropout(0.3)
    d_out = drop.forward(x1, True)
    d_dx = drop.backward(dout)
    d_test = drop.forward(x1, False)
    return {'x1': x1.tolist(), 'x2': x2.tolist(), 'dout': dout.tolist(),
            'gamma': gamma.tolist(), 'beta': beta.tolist(),
            'bn_out1': out1.tolist(), 'bn_dx1': dx1.tolist(), 'bn_out2': out2.tolist(),
            'bn_dx2': dx2.tolist(), 'bn_dgamma2': bn.dgamma.tolist(),
            'bn_dbeta2': bn.dbeta.tolist(), 'bn_test': test.tolist(),
            'running_mean': bn.running_mean.tolist(), 'running_var': bn.running_var.tolist(),
            'dropout_out': d_out.tolist(), 'dropout_dx': d_dx.tolist(),
            'dropout_test': d_test.tolist()}


def training_fixture(name, sizes, activation, init, lam, dropout, bn, optimizer, lr, seed,
                     steps=20, n=60, batch=10):
    rs = np.random.RandomState(99)
    x = rs.randn(n, sizes[0])
    t = (rs.rand(n) * sizes[-1]).astype(np.int64)
    np.random.seed(seed)
    net = MultiLayerNetExtend(sizes, activation, init, weight_decay_lambda=lam,
                              use_dropout=dropout is not None,
                              dropout_ration=dropout or 0.5, use_batchnorm=bn)
    opt = SGD(lr) if optimizer == 'sgd' else Adam(lr)
    losses, train_losses = [], []
    for _ in range(steps):
        mask = np.random.choice(n, batch)
        train_loss, grads = net.gradient(x[mask], t[mask])
        opt.update(net.params, grads)
        train_losses.append(float(train_loss))
        losses.append(float(net.loss(x[mask], t[mask])))
    return {'name': name, 'sizes': sizes, 'activation': activation, 'init': str(init),
            'weight_decay_lambda': lam, 'dropout': dropout, 'batch_norm': bn,
            'optimizer': optimizer, 'lr': lr, 'seed': seed, 'batch': batch,
            'x': x.tolist(), 't': t.tolist(), 'gradient_losses': train_losses,
            'losses': losses,
            'params': {k: v.ravel().tolist() for k, v in net.params.items()},
            'running_mean': [b.running_mean.tolist() for b in net.bns],
            'running_var': [b.running_var.tolist() for b in net.bns],
            'accuracy_scores': net.predict(x, False)[:5].tolist()}


print(json.dumps({
    'layers': layers_fixture(),
    'training': [
        training_fixture('all_three_adam', [12, 10, 8, 10, 4], 'relu', 'he', 0.1, 0.2, True,
                         'adam', 0.01, 5),
        training_fixture('batch_norm_sigmoid_sgd', [12, 9, 9, 3], 'sigmoid', 'xavier', 0, None,
                         True, 'sgd', 0.1, 11),
        training_fixture('decay_dropout_sgd', [12, 16, 16, 5], 'relu', 0.1, 0.05, 0.5, False,
                         'sgd', 0.05, 2),
    ],
}))
