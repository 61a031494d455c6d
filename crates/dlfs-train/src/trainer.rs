//! The book's `Trainer` (`common/trainer.py`, used from §6.4 on): mini-batch training for a
//! number of epochs, with the accuracy on the training and test sets once per epoch.
//!
//! ```text
//! iter_per_epoch = max(train_size / mini_batch_size, 1)      max_iter = int(epochs · iter_per_epoch)
//! for each of max_iter steps (train_step):
//!     batch_mask = np.random.choice(train_size, batch_size)
//!     grads = network.gradient(x_batch, t_batch); optimizer.update(params, grads)
//!     train_loss_list.append(network.loss(x_batch, t_batch))
//!     if current_iter % iter_per_epoch == 0: train and test accuracy (on the first
//!         evaluate_sample_num_per_epoch images of each, or all of them)
//! test_acc = network.accuracy(x_test, t_test)
//! ```
//!
//! All random draws (the batches, and Dropout's masks) come from one generator, in the book's
//! order, so numpy running the book's code from the same seed draws the same.

use crate::mnist::{Data, Epoch, accuracy};
use dlfs_init::{Float, RandomState};
use dlfs_networks::{MultiLayerNet, Targets};
use dlfs_optimizers::{Kind, Optimizer};
use ndarray::Array2;

/// The book's `Trainer`'s settings (its defaults: 20 epochs, batches of 100, SGD lr 0.01).
#[derive(Debug, Clone, PartialEq)]
pub struct Trainer {
    /// Epochs: `max_iter = int(epochs · iter_per_epoch)` steps.
    pub epochs: usize,
    /// Images per mini-batch.
    pub mini_batch_size: usize,
    /// The update rule.
    pub optimizer: Kind,
    /// Its learning rate.
    pub lr: f64,
    /// Evaluate each epoch on the first this many training and test images (`None`: all).
    pub evaluate_sample_num_per_epoch: Option<usize>,
}

impl Default for Trainer {
    fn default() -> Self {
        Self {
            epochs: 20,
            mini_batch_size: 100,
            optimizer: Kind::Sgd,
            lr: 0.01,
            evaluate_sample_num_per_epoch: None,
        }
    }
}

/// What [`Trainer::train`] returns: the book's `train_loss_list`, `train_acc_list`,
/// `test_acc_list` and final `test_acc`, with the trained network.
#[derive(Debug)]
pub struct Trained<F: Float = f64> {
    /// The trained network.
    pub network: MultiLayerNet<F>,
    /// The loss of every step's batch after its update.
    pub train_loss_list: Vec<f64>,
    /// The accuracies once per epoch (the epoch counted from 1, as the book prints it).
    pub epochs: Vec<Epoch>,
    /// The accuracy on the whole test set after the last step.
    pub test_acc: f64,
}

impl<F: Float> Trained<F> {
    /// The training accuracy of every epoch (the book's `train_acc_list`).
    pub fn train_acc_list(&self) -> Vec<f64> {
        self.epochs.iter().map(|e| e.train_acc).collect()
    }

    /// The test accuracy of every epoch (the book's `test_acc_list`).
    pub fn test_acc_list(&self) -> Vec<f64> {
        self.epochs.iter().map(|e| e.test_acc).collect()
    }
}

impl Trainer {
    /// `max(train_size / mini_batch_size, 1)`, a float as in the book.
    pub fn iter_per_epoch(&self, train_size: usize) -> f64 {
        (train_size as f64 / self.mini_batch_size as f64).max(1.0)
    }

    /// `int(epochs · iter_per_epoch)`.
    pub fn max_iter(&self, train_size: usize) -> usize {
        (self.epochs as f64 * self.iter_per_epoch(train_size)) as usize
    }

    /// Trains `network` on `data` as the book's `Trainer.train()` does, drawing the batches
    /// (and Dropout's masks) from `rng`, and calling `on_epoch` after each evaluation.
    ///
    /// # Panics
    /// If the mini-batch size is 0 or there is no training image.
    pub fn train<F: Float>(
        &self,
        mut network: MultiLayerNet<F>,
        data: &Data,
        rng: &mut RandomState,
        mut on_epoch: impl FnMut(&Epoch),
    ) -> Trained<F> {
        let train_size = data.train.count;
        assert!(
            self.mini_batch_size > 0 && train_size > 0,
            "Trainer::train: batches of {} from {train_size} images",
            self.mini_batch_size
        );
        let iter_per_epoch = self.iter_per_epoch(train_size);
        let max_iter = self.max_iter(train_size);
        let mut optimizer = self.optimizer.build_in::<F>(self.lr);
        // x_train[:t], t_train[:t], x_test[:t], t_test[:t], copied once.
        let sample = self.evaluate_sample_num_per_epoch.map(|t| {
            let (n, m) = (t.min(data.train.count), t.min(data.test.count));
            let first = |k: usize| (0..k).collect::<Vec<_>>();
            let x_train = data.train.select(&first(n));
            let x_test = data.test.select(&first(m));
            (x_train, &data.t_train[..n], x_test, &data.t_test[..m])
        });
        let mut batch_mask = vec![0; self.mini_batch_size];
        let mut x_batch = Array2::zeros((self.mini_batch_size, data.train.size()));
        let mut t_batch = vec![0; self.mini_batch_size];
        let mut train_loss_list = Vec::with_capacity(max_iter);
        let mut epochs = Vec::new();
        for current_iter in 0..max_iter {
            // train_step
            rng.choice(train_size, &mut batch_mask);
            data.gather(&batch_mask, &mut x_batch, &mut t_batch);
            network.gradient_with(&x_batch, Targets::Labels(&t_batch), rng);
            optimizer.update(network.params_mut());
            train_loss_list.push(network.loss(&x_batch, Targets::Labels(&t_batch)));
            if current_iter as f64 % iter_per_epoch == 0.0 {
                let (train, t_train, test, t_test) = match &sample {
                    Some((x, t, x_test, t_test)) => (x, *t, x_test, *t_test),
                    None => (&data.train, &data.t_train[..], &data.test, &data.t_test[..]),
                };
                let epoch = Epoch {
                    epoch: epochs.len() + 1,
                    iteration: current_iter,
                    train_acc: accuracy(&network, train, t_train),
                    test_acc: accuracy(&network, test, t_test),
                };
                on_epoch(&epoch);
                epochs.push(epoch);
            }
        }
        let test_acc = accuracy(&network, &data.test, &data.t_test);
        Trained {
            network,
            train_loss_list,
            epochs,
            test_acc,
        }
    }
}
