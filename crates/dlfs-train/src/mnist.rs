//! The book's training on images (§5.7.4, `ch05/train_neuralnet.py`): a two-layer network
//! (784 → 50 → 10) trained by mini-batch SGD on MNIST or Fashion-MNIST, with the training and
//! test accuracy once per epoch.
//!
//! The loop is the book's, step for step, so that numpy with the same seed computes the same
//! run: `np.random.seed(seed)`, the book's initialisation (`W = 0.01·randn`, `b = 0`), then for
//! each iteration a batch drawn with `np.random.choice(train_size, batch_size)`, the gradient by
//! backprop, the update, and the loss of the batch *after* the update (the book's
//! `train_loss_list`); every `train_size / batch_size` iterations (an epoch) the accuracy on the
//! whole training and test sets.

use dlfs_datasets::{Images, Mnist};
use dlfs_init::Float;
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, Extend, MultiLayerNet, Precision, Targets};
use dlfs_numpy::kernels::bytes_over_255;
use dlfs_optimizers::{Kind, Optimizer};
use ndarray::Array2;
use rayon::prelude::*;
use std::fmt;

/// The settings of a run. [`MnistConfig::default`] is the book's `train_neuralnet.py`.
#[derive(Debug, Clone, PartialEq)]
pub struct MnistConfig {
    /// The hidden layer's size (the book's 50).
    pub hidden: usize,
    /// The hidden layer's activation (sigmoid here; the book's chapter 5 network uses ReLU).
    pub activation: Activation,
    /// The initialisation (the book's `weight_init_std = 0.01`).
    pub init: Init,
    /// The optimizer (the book's SGD).
    pub optimizer: Kind,
    /// The learning rate (0.1).
    pub lr: f64,
    /// Iterations (10 000).
    pub iters: usize,
    /// Images per mini-batch (100).
    pub batch: usize,
    /// `np.random.seed(seed)` before the initialisation (0).
    pub seed: u32,
    /// Chapter 6's Batch Norm, Dropout and weight decay (none in `train_neuralnet.py`).
    pub extend: Extend,
    /// The precision the network computes in (numpy's default, f64).
    pub precision: Precision,
}

impl Default for MnistConfig {
    fn default() -> Self {
        Self {
            hidden: 50,
            activation: Activation::Sigmoid,
            init: Init::BOOK,
            optimizer: Kind::Sgd,
            lr: 0.1,
            iters: 10_000,
            batch: 100,
            seed: 0,
            extend: Extend::NONE,
            precision: Precision::F64,
        }
    }
}

impl fmt::Display for MnistConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "784-{}-10 {} init={} {} lr={} batch={} iters={} seed={}",
            self.hidden,
            self.activation,
            self.init,
            self.optimizer,
            crate::num(self.lr),
            self.batch,
            self.iters,
            self.seed
        )?;
        if self.extend != Extend::NONE {
            write!(f, " {}", self.extend)?;
        }
        if self.precision != Precision::F64 {
            write!(f, " precision={}", self.precision)?;
        }
        Ok(())
    }
}

/// A data set ready for training: the images as their bytes, the labels as indices.
///
/// The images are scaled to [0, 1] as the book's `load_mnist(normalize=True)` scales them,
/// `byte / 255`, when they are used: a mini-batch when it is drawn ([`gather`](Self::gather)),
/// the whole sets [`EVAL_CHUNK`] images at a time for the accuracy ([`accuracy`]). The values are
/// the same as those of a scaled copy made up front; but the bytes take 55 MB where the copy
/// would take 440 MB, and a mini-batch's 100 random rows are read from memory eight times
/// smaller (drawing them from the f64 copy took 11% of a run).
#[derive(Debug, Clone)]
pub struct Data {
    /// The training images.
    pub train: Images,
    /// Their labels.
    pub t_train: Vec<usize>,
    /// The test images.
    pub test: Images,
    /// Their labels.
    pub t_test: Vec<usize>,
}

impl From<Mnist> for Data {
    fn from(m: Mnist) -> Self {
        let labels = |l: &[u8]| l.iter().map(|&v| usize::from(v)).collect();
        Self {
            t_train: labels(&m.train_labels),
            t_test: labels(&m.test_labels),
            train: m.train_images,
            test: m.test_images,
        }
    }
}

impl Data {
    /// The training images and labels of `mask` (the book's `x_train[batch_mask]`), scaled into
    /// `x` and copied into `t` (no allocation).
    ///
    /// # Panics
    /// If `x` and `t` do not have one row per index of `mask`, `x` does not have one column per
    /// pixel, or an index is out of range.
    pub fn gather<F: Float>(&self, mask: &[usize], x: &mut Array2<F>, t: &mut [usize]) {
        assert!(
            x.nrows() == mask.len() && t.len() == mask.len() && x.ncols() == self.train.size(),
            "Data::gather: {} indices for {} rows of {} values and {} labels; images of {} pixels",
            mask.len(),
            x.nrows(),
            x.ncols(),
            t.len(),
            self.train.size()
        );
        // First one byte of every cache line of the batch's images: these loads do not wait for
        // one another, so the processor fetches many lines from memory at once, where the copy
        // below, row after row, would wait for each row's first lines in turn.
        let touched = mask.iter().fold(0u8, |acc, &m| {
            (self.train.image(m).iter().step_by(64)).fold(acc, |acc, &b| acc ^ b)
        });
        std::hint::black_box(touched);
        let x = x.as_slice_mut().expect("a new array is contiguous");
        for ((row, &m), t) in x.chunks_exact_mut(self.train.size()).zip(mask).zip(t) {
            bytes_over_255(self.train.image(m), row);
            *t = self.t_train[m];
        }
    }
}

/// Images scaled to [0, 1] and classified at a time by [`accuracy`] and [`predictions`]. Each
/// image's scores do not depend on the others in its chunk (each entry of a matrix product is
/// the same chain of fused multiply-adds whatever the product's size), so the accuracy is the
/// book's, computed on the whole set at once; the chunk's rows, 3 MB, stay in the cache.
pub const EVAL_CHUNK: usize = 500;

/// The predicted class of every image (the first largest score, numpy's argmax), the images
/// scaled and classified [`EVAL_CHUNK`] at a time, the chunks shared out among rayon's threads
/// (each with its own copy of the network; the predictions are the same with any number of
/// threads).
pub fn predictions<F: Float>(net: &MultiLayerNet<F>, images: &Images) -> Vec<usize> {
    let size = images.size().max(1);
    let chunks: Vec<Vec<usize>> = images
        .pixels
        .par_chunks(EVAL_CHUNK * size)
        .map_init(
            || (net.clone(), Array2::zeros((0, size))),
            |(net, x), chunk| {
                let rows = chunk.len() / size;
                if x.nrows() != rows {
                    *x = Array2::zeros((rows, size));
                }
                let xs = x.as_slice_mut().expect("a new array is contiguous");
                for (row, image) in xs.chunks_exact_mut(size).zip(chunk.chunks_exact(size)) {
                    bytes_over_255(image, row);
                }
                net.predict(x)
                    .rows()
                    .into_iter()
                    .map(|r| dlfs_networks::argmax(r.iter().copied()))
                    .collect()
            },
        )
        .collect();
    chunks.concat()
}

/// The share of `images` whose predicted class is their label (the book's
/// `network.accuracy(x, t)`): `np.sum(y == t) / x.shape[0]`.
///
/// # Panics
/// If there is not one label per image.
pub fn accuracy<F: Float>(net: &MultiLayerNet<F>, images: &Images, labels: &[usize]) -> f64 {
    assert_eq!(
        images.count,
        labels.len(),
        "mnist::accuracy: {} images and {} labels",
        images.count,
        labels.len()
    );
    let right = predictions(net, images)
        .iter()
        .zip(labels)
        .filter(|(p, t)| p == t)
        .count();
    right as f64 / images.count as f64
}

/// The accuracies at the start of an epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epoch {
    /// The epoch, from 0.
    pub epoch: usize,
    /// The iteration at which they were measured (after its update).
    pub iteration: usize,
    /// The share of training images classified right.
    pub train_acc: f64,
    /// The share of test images classified right.
    pub test_acc: f64,
}

/// What a run produced.
#[derive(Debug)]
pub struct MnistRun<F: Float = f64> {
    /// The settings.
    pub config: MnistConfig,
    /// The trained network.
    pub net: MultiLayerNet<F>,
    /// The loss of each iteration's batch after its update.
    pub losses: Vec<f64>,
    /// The accuracies, once per epoch.
    pub epochs: Vec<Epoch>,
}

/// Trains as the book's `train_neuralnet.py` does (see the [module documentation](self)),
/// in precision `F` (`config.precision` names it), calling `on_epoch` after each accuracy
/// measurement and `progress(iterations done)` after every iteration.
///
/// # Panics
/// If the batch size is 0 or the data has no training image (the caller checks both first),
/// or `F` is not `config.precision`.
pub fn train<F: Float>(
    config: &MnistConfig,
    data: &Data,
    mut on_epoch: impl FnMut(&Epoch),
    mut progress: impl FnMut(usize),
) -> MnistRun<F> {
    assert_eq!(
        F::NAME,
        config.precision.as_str(),
        "mnist::train: trained in {} for a run in {}",
        F::NAME,
        config.precision
    );
    let train_size = data.train.count;
    let inputs = data.train.size();
    let mut rng = RandomState::new(config.seed);
    let mut net = MultiLayerNet::<F>::new_in(
        &[inputs, config.hidden, 10],
        config.activation,
        config.init,
        &mut rng,
    )
    .extended(config.extend);
    let mut optimizer = config.optimizer.build_in::<F>(config.lr);
    // iter_per_epoch = max(train_size / batch_size, 1), a float in the book.
    let per_epoch = (train_size as f64 / config.batch as f64).max(1.0);
    let mut mask = vec![0; config.batch];
    let mut x_batch = Array2::zeros((config.batch, inputs));
    let mut t_batch = vec![0; config.batch];
    let mut losses = Vec::with_capacity(config.iters);
    let mut epochs = Vec::new();
    for i in 0..config.iters {
        rng.choice(train_size, &mut mask);
        data.gather(&mask, &mut x_batch, &mut t_batch);
        net.gradient_with(&x_batch, Targets::Labels(&t_batch), &mut rng);
        optimizer.update(net.params_mut());
        losses.push(net.loss(&x_batch, Targets::Labels(&t_batch)));
        if (i as f64) % per_epoch == 0.0 {
            let e = Epoch {
                epoch: epochs.len(),
                iteration: i,
                train_acc: accuracy(&net, &data.train, &data.t_train),
                test_acc: accuracy(&net, &data.test, &data.t_test),
            };
            on_epoch(&e);
            epochs.push(e);
        }
        progress(i + 1);
    }
    MnistRun {
        config: config.clone(),
        net,
        losses,
        epochs,
    }
}

/// Trains each `(network, optimizer, learning rate)` on the same mini-batches, side by side
/// on rayon's threads, as the book's comparison scripts do (`optimizer_compare_mnist.py`,
/// `weight_init_compare.py`: for each batch, every network's gradient, update and loss). The
/// batches are `masks`, consecutive runs of `batch` training indices, drawn beforehand in the
/// book's order. Returns each network's loss after each update.
///
/// # Panics
/// If `batch` is 0 or an index is out of range.
pub fn side_by_side<F: Float>(
    runs: Vec<(MultiLayerNet<F>, Kind, f64)>,
    data: &Data,
    masks: &[usize],
    batch: usize,
) -> Vec<Vec<f64>> {
    runs.into_par_iter()
        .map(|(mut net, kind, lr)| {
            let mut optimizer = kind.build_in::<F>(lr);
            let mut x = Array2::zeros((batch, data.train.size()));
            let mut t = vec![0; batch];
            let mut losses = Vec::with_capacity(masks.len() / batch);
            for mask in masks.chunks_exact(batch) {
                data.gather(mask, &mut x, &mut t);
                net.gradient(&x, Targets::Labels(&t));
                optimizer.update(net.params_mut());
                losses.push(net.loss(&x, Targets::Labels(&t)));
            }
            losses
        })
        .collect()
}

impl Data {
    /// The training images and labels at `indices` as the training set, and `test` as the test
    /// set: the book's `x_train[:1000]` (with the whole test set), or its validation split.
    pub fn with_sets(&self, indices: &[usize], test: (Images, Vec<usize>)) -> Data {
        Data {
            train: self.train.select(indices),
            t_train: indices.iter().map(|&i| self.t_train[i]).collect(),
            test: test.0,
            t_test: test.1,
        }
    }

    /// The first `n` training images (the book's `x_train[:n]`) with the whole test set.
    pub fn first(&self, n: usize) -> Data {
        let n = n.min(self.train.count);
        let indices: Vec<usize> = (0..n).collect();
        self.with_sets(&indices, (self.test.clone(), self.t_test.clone()))
    }
}
