//! The book's `ch06/hyperparameter_optimization.py` (§6.5, figure 6-24): a random search over
//! the learning rate and the weight decay, judged on validation images held out from training.

use crate::experiment::{Options, Output, Progress, Report};
use crate::experiments::overfit_weight_decay::SIZES;
use crate::table::{Table, num};
use anyhow::Result;
use dlfs_figures::charts::{self, Panel};
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_train::mnist::Data;
use dlfs_train::trainer::{Trained, Trainer};
use rayon::prelude::*;

/// `x_train[:500]`.
pub const IMAGES: usize = 500;
/// `validation_rate`.
pub const VALIDATION_RATE: f64 = 0.20;
/// `optimization_trial`.
pub const TRIALS: usize = 100;
/// `epocs` of `__train`.
pub const EPOCHS: usize = 50;
/// `graph_draw_num`: the best trials drawn.
pub const DRAWN: usize = 20;

/// One trial: its two rates and what its training found.
#[derive(Debug, Clone)]
pub struct Trial {
    /// The trial's number, from 0, in the order drawn.
    pub number: usize,
    /// `lr = 10 ** np.random.uniform(-6, -2)`.
    pub lr: f64,
    /// `weight_decay = 10 ** np.random.uniform(-8, -4)`.
    pub weight_decay: f64,
    /// The validation accuracy per epoch (the `Trainer`'s `test_acc_list`).
    pub val_acc: Vec<f64>,
    /// The training accuracy per epoch.
    pub train_acc: Vec<f64>,
}

impl Trial {
    /// The last epoch's validation accuracy, by which the book ranks the trials.
    pub fn final_val_acc(&self) -> f64 {
        self.val_acc.last().copied().unwrap_or(f64::NAN)
    }
}

/// The book's `shuffle_dataset` and split: `data`'s first `IMAGES` training images shuffled
/// by `np.random.permutation`, the first fifth held out for validation (the test set of the
/// returned data), the rest for training.
pub fn split(data: &Data, rng: &mut RandomState) -> Data {
    let n = IMAGES.min(data.train.count);
    let permutation = rng.permutation(n);
    let validation_num = (n as f64 * VALIDATION_RATE) as usize;
    let (val, train) = permutation.split_at(validation_num);
    let t_val = val.iter().map(|&i| data.t_train[i]).collect();
    data.with_sets(train, (data.train.select(val), t_val))
}

/// The search: the split, then for each trial its rates, its network and its `Trainer`, all
/// drawn one after the other from one generator seeded with `seed`, as the book's script
/// draws them; the trials then train side by side, each from where the stream stood when
/// its network was drawn.
pub fn search(
    data: &Data,
    trials: usize,
    epochs: usize,
    seed: u32,
    progress: &dyn Progress,
) -> Vec<Trial> {
    let mut rng = RandomState::new(seed);
    let data = split(data, &mut rng);
    let trainer = |lr| Trainer {
        epochs,
        lr,
        ..Trainer::default()
    };
    let network = |weight_decay, rng: &mut RandomState| {
        MultiLayerNet::new(&SIZES, Activation::Relu, Init::He, rng).with_weight_decay(weight_decay)
    };
    let mut drawn = Vec::with_capacity(trials);
    let mut batch_mask = vec![0; Trainer::default().mini_batch_size];
    for number in 0..trials {
        let weight_decay = 10f64.powf(rng.uniform(-8.0, -4.0));
        let lr = 10f64.powf(rng.uniform(-6.0, -2.0));
        // Where the stream stands when the trial's network is drawn: the trial draws its
        // network again from here when it trains, so that only one trial's network per thread
        // is in memory at a time.
        drawn.push((number, lr, weight_decay, rng.clone()));
        network(weight_decay, &mut rng);
        // What the Trainer will draw: one mini-batch per step.
        for _ in 0..trainer(lr).max_iter(data.train.count) {
            rng.choice(data.train.count, &mut batch_mask);
        }
    }
    progress.start("hyperparameter-search", trials as u64);
    let found = drawn
        .into_par_iter()
        .map(|(number, lr, weight_decay, mut rng)| {
            let network = network(weight_decay, &mut rng);
            let trained: Trained = trainer(lr).train(network, &data, &mut rng, |_| {});
            progress.advance();
            Trial {
                number,
                lr,
                weight_decay,
                val_acc: trained.test_acc_list(),
                train_acc: trained.train_acc_list(),
            }
        })
        .collect();
    progress.finish();
    found
}

/// Runs the experiment (skipped without Fashion-MNIST). Files: `trials.csv`
/// (`trial,lr,weight_decay,val_acc,train_acc`: the last epoch's accuracies), `curves.csv`
/// (`trial,epoch,val_acc,train_acc`), `best.svg` (the best 20 trials' curves, the book's
/// figure 6-24) and `search.svg` (every trial's validation accuracy over log₁₀ of its two
/// rates). With `--quick`: 6 trials of 5 epochs.
pub fn run(opts: &Options, out: &dyn Output, progress: &dyn Progress) -> Result<Report> {
    let mut report = Report::new("hyperparameter-search");
    let Some(data) = crate::fashion::load(&mut report)? else {
        return Ok(report);
    };
    let (trials, epochs) = if opts.quick { (6, 5) } else { (TRIALS, EPOCHS) };
    let found = search(data, trials, epochs, 0, progress);
    let mut best: Vec<&Trial> = found.iter().collect();
    // sorted(results_val.items(), key=lambda x: x[1][-1], reverse=True): stable, so ties keep
    // the order drawn.
    best.sort_by(|a, b| b.final_val_acc().total_cmp(&a.final_val_acc()));

    let mut table = Table::new(&["trial", "lr", "weight_decay", "val_acc", "train_acc"]);
    let mut curves = Table::new(&["trial", "epoch", "val_acc", "train_acc"]);
    for t in &found {
        let last = |acc: &[f64]| acc.last().map_or(String::new(), |&a| num(a));
        table.push(vec![
            t.number.to_string(),
            num(t.lr),
            num(t.weight_decay),
            last(&t.val_acc),
            last(&t.train_acc),
        ]);
        for (e, (v, tr)) in t.val_acc.iter().zip(&t.train_acc).enumerate() {
            curves.push(vec![t.number.to_string(), e.to_string(), num(*v), num(*tr)]);
        }
    }
    let panels: Vec<Panel> = (best.iter().take(DRAWN).enumerate())
        .map(|(k, t)| {
            let points = |acc: &[f64]| {
                (acc.iter().enumerate())
                    .map(|(e, &a)| (e as f64, a))
                    .collect()
            };
            let title = format!(
                "Best-{} (lr {:.1e}, wd {:.1e})",
                k + 1,
                t.lr,
                t.weight_decay
            );
            (title, vec![points(&t.val_acc), points(&t.train_acc)])
        })
        .collect();
    let points: Vec<(f64, f64, f64)> = (found.iter())
        .map(|t| (t.lr.log10(), t.weight_decay.log10(), t.final_val_acc()))
        .collect();
    out.publish("hyperparameter-search", &mut |dir| {
        table.write(&dir.join("trials.csv"))?;
        curves.write(&dir.join("curves.csv"))?;
        charts::small_multiples(
            &dir.join("best.svg"),
            "The book's figure 6-24 on Fashion-MNIST: the best trials' accuracy per epoch",
            5,
            &["validation", "training"],
            &panels,
        )?;
        charts::scatter(
            &dir.join("search.svg"),
            "Validation accuracy of every trial (dark low, yellow high; the best five labelled)",
            ("log₁₀ learning rate", -6.0..-2.0),
            ("log₁₀ weight decay", -8.0..-4.0),
            &points,
            5,
        )
    })?;
    for (k, t) in best.iter().take(5).enumerate() {
        report.fact(
            format!("Best-{} (val acc {:.2})", k + 1, t.final_val_acc()),
            format!("lr {:.3e}, weight decay {:.3e}", t.lr, t.weight_decay),
        );
    }
    let good: Vec<&&Trial> = best.iter().take(DRAWN).collect();
    if let (Some(lo), Some(hi)) = (
        good.iter().map(|t| t.lr).min_by(f64::total_cmp),
        good.iter().map(|t| t.lr).max_by(f64::total_cmp),
    ) {
        report.fact(
            format!("learning rates of the best {}", good.len()),
            format!("{lo:.1e} to {hi:.1e}"),
        );
    }
    Ok(report)
}
