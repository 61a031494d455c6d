//! The article's experiments on XOR, the book's chapter 6 scripts, and the library behind
//! `cargo xtask`.
//!
//! | experiment | what it shows |
//! |---|---|
//! | [`xor-success`](experiments::xor_success) | the article's run (2-4-2, sigmoid, seed 42, lr 0.01, 60000 iterations), checked value by value against what the article printed |
//! | [`stalled`](experiments::stalled) | the article's stall: 2-2-2-2 at lr 0.01 answers 0.5 for everything, with the loss flat at ln 2; at lr 0.1 and 1 it escapes |
//! | [`lr-sweep`](experiments::lr_sweep) | learning rates × architectures × seeds: how often each setting converges, stalls or diverges |
//! | [`hidden-features`](experiments::hidden_features) | what the hidden layer of the successful network computes (an AND detector, an OR detector) |
//! | [`gradient-check`](experiments::gradient_check) | backprop against the numerical gradient for the article's network (§5.7.3) |
//!
//! Each experiment is a short file that reads like the book's script for it: it trains (with
//! `dlfs-train`), turns the results into CSV tables ([`table`], [`files`]) and charts
//! (`dlfs-figures`), and hands the files to an [`Output`] — `cargo xtask`'s publishes them
//! whole, in a folder of their own. The column layout of every file is documented in
//! `data/README.md`.

pub mod experiment;
pub mod experiments;
pub mod fashion;
pub mod files;
pub mod outcomes;
pub mod table;

pub use dlfs_train::{Progress, Silent};
pub use experiment::{Experiment, Folder, Options, Output, Report};

/// Every experiment, in the order `cargo xtask experiments` runs them.
pub const EXPERIMENTS: &[Experiment] = &[
    Experiment {
        name: "xor-success",
        about: "the article's run (2-4-2 sigmoid, seed 42, lr 0.01, 60000 it.), checked against its printed values",
        run: experiments::xor_success::run,
        runs_kept: |_| 1,
        summary: "The article's program: a 2-4-2 sigmoid network, seed 42, learning rate 0.01, 60000 full-batch steps on the four XOR points. Every value the article printed (the final W1, b1, W2, b2, the softmax outputs and the hidden outputs) is reproduced to 8 decimals. The trained network draws the solution: one hidden neuron is OR, another AND, and the output is \"OR and not AND\".",
        tables: &["reproduction.csv", "predictions.csv"],
        charts: &[
            "network.svg",
            "filmstrip.svg",
            "loss.svg",
            "decision.svg",
            "grad_norms.svg",
            "activations.svg",
        ],
    },
    Experiment {
        name: "stalled",
        about: "the stall: 2-2-2-2 at lr 0.01 answers 0.5 everywhere; lr 0.1 and 1 escape",
        run: experiments::stalled::run,
        runs_kept: |_| 1,
        summary: "The article's stall: the same program with two hidden layers of two units answers 0.5 for every input, its loss flat at ln 2. The second hidden layer forgets which input it saw (its histograms collapse to two spikes) and the gradients that could undo it are a thousandth of the first ones. Ten times the learning rate escapes.",
        tables: &["plateau.csv"],
        charts: &[
            "loss.svg",
            "success-vs-stalled.svg",
            "lr-0.01/filmstrip.svg",
            "lr-0.01/grad_norms.svg",
            "lr-0.01/activations.svg",
        ],
    },
    Experiment {
        name: "lr-sweep",
        about: "9 learning rates x 5 architectures x N seeds: convergence, stalls, divergence",
        run: experiments::lr_sweep::run,
        runs_kept: |o| experiments::lr_sweep::settings() * u64::from(o.seeds),
        summary: "Nine learning rates, five architectures, many seeds, 60000 steps each: the share of runs that learn XOR, stall at ln 2 or diverge. The article's two settings are 2-4-2 and 2-2-2-2 in the 0.01 column; this run's counts are below.",
        tables: &["summary.csv"],
        charts: &["heatmap.svg"],
    },
    Experiment {
        name: "hidden-features",
        about: "what the successful network's hidden neurons compute (the article's 4x4 table)",
        run: experiments::hidden_features::run,
        runs_kept: |_| 1,
        summary: "The successful network's hidden layer read as boolean functions of the inputs (a neuron is on when its output is at least 0.5), and how far apart the four inputs land in the hidden space: [0,1] and [1,0] land together, so the output layer can draw one line.",
        tables: &["neurons.csv", "distances.csv"],
        charts: &[],
    },
    Experiment {
        name: "gradient-check",
        about: "backprop vs numerical gradient per parameter of the article's network (§5.7.3)",
        run: experiments::gradient_check::run,
        runs_kept: |_| 1,
        summary: "Backpropagation against the numerical gradient (central differences, h = 1e-4) for every parameter of the article's network, before and after training (the table of §5.7.3).",
        tables: &["gradient_check.csv"],
        charts: &[],
    },
    Experiment {
        name: "computational-graphs",
        about: "the book's apple-and-orange graph (§5.4.2) and one training step, forward and back",
        run: experiments::computational_graphs::run,
        runs_kept: |_| 1,
        summary: "Backpropagation as the book draws it: each edge carries a value forward (above) and a gradient back (below, in red), computed here by the layers themselves — the book's shopping example (price 715; 2.2, 110, 3.3, 165 and 650 for the gradients) and one training step of the article's network.",
        tables: &["apple-orange.csv"],
        charts: &["apple-orange.svg", "training-step.svg"],
    },
    Experiment {
        name: "escape-time",
        about: "does 2-2-2-2 at lr 0.005, 0.01, 0.02 ever escape the stall? Up to 1M it. per seed",
        run: experiments::escape_time::run,
        runs_kept: |o| experiments::escape_time::LRS.len() as u64 * u64::from(o.seeds),
        summary: "The stalled network, run up to a million steps per seed at three learning rates: how many seeds escape the plateau, and how the time it takes depends on the learning rate (this run's quartiles below).",
        tables: &["summary.csv"],
        charts: &["escape.svg"],
    },
    Experiment {
        name: "cures",
        about: "the stall (2-2-2-2, lr 0.01) under every optimizer x initialisation x activation",
        run: experiments::cures::run,
        runs_kept: |o| experiments::cures::settings() * u64::from(o.seeds),
        summary: "The stalled setting under every optimizer, initialisation and activation of chapter 6: which of them let it learn XOR within the article's 60000 steps, which stall, and which stop on another plateau (this run's shares below).",
        tables: &["summary.csv"],
        charts: &["heatmap.svg"],
    },
    Experiment {
        name: "optimizer-paths",
        about: "the book's figures 6-3 to 6-8: each optimizer's path on x²/20 + y² from (−7, 2)",
        run: experiments::optimizer_paths::run,
        runs_kept: |_| 1,
        summary: "The book's figures 6-3 to 6-8: each optimizer's 30 steps on f(x, y) = x²/20 + y² from (−7, 2). SGD zigzags across the steep direction; momentum rolls and overshoots; AdaGrad and RMSprop shrink the steep direction's steps; Adam combines both.",
        tables: &["paths.csv"],
        charts: &["paths.svg"],
    },
    Experiment {
        name: "fashion-mnist",
        about: "the book's §5.7.4 training and figure 6-9 on Fashion-MNIST (skipped without the data)",
        run: experiments::fashion_mnist::run,
        runs_kept: |_| 1,
        summary: "The book's two-layer network (784-50-10, sigmoid, SGD lr 0.1, batch 100, 10000 iterations) trained on Fashion-MNIST's 60000 images of clothes, with the training and test accuracy once per epoch (the book's figure 4-12), the confusion matrix of the test set and test images it gets wrong; then the book's optimizer comparison (figure 6-9) on a deeper ReLU network. Run only where Debian's dataset-fashion-mnist is installed.",
        tables: &["accuracy.csv"],
        charts: &[
            "accuracy.svg",
            "loss.svg",
            "confusion.svg",
            "misclassified.svg",
            "optimizers.svg",
        ],
    },
    Experiment {
        name: "weight-init-compare",
        about: "the book's figure 6-15: std 0.01, Xavier and He on a 5-layer ReLU net (Fashion-MNIST)",
        run: experiments::weight_init_compare::run,
        runs_kept: |_| 1,
        summary: "The book's weight_init_compare.py (§6.2.4, figure 6-15) on Fashion-MNIST: the same 784-100-100-100-100-10 ReLU network from three initialisations, trained side by side on the same mini-batches of 128 with SGD 0.01. With std = 0.01 the signal fades layer after layer and the loss does not move for the whole run; Xavier's and He's scales keep it alive and the loss falls, He's fastest.",
        tables: &[],
        charts: &["loss.svg"],
    },
    Experiment {
        name: "batch-norm",
        about: "the book's figures 6-18/19: with and without Batch Norm at 16 weight scales (Fashion-MNIST)",
        run: experiments::batch_norm::run,
        runs_kept: |_| 1,
        summary: "The book's batch_norm_test.py (§6.3.2, figures 6-18 and 6-19) on Fashion-MNIST: a 784-100×5-10 ReLU network trained on 1000 images for 20 epochs (SGD 0.01, batches of 100), with and without Batch Normalization, from initial weights of 16 scales between 1 and 0.0001. Without it the network learns only in a narrow band of scales; with it, it learns from almost all of them, and faster.",
        tables: &[],
        charts: &["batch_norm.svg"],
    },
    Experiment {
        name: "overfit-weight-decay",
        about: "the book's figures 6-20/21: 300 images, 201 epochs, weight decay 0 and 0.1 (Fashion-MNIST)",
        run: experiments::overfit_weight_decay::run,
        runs_kept: |_| 1,
        summary: "The book's overfit_weight_decay.py (§6.4.1–6.4.2, figures 6-20 and 6-21) on Fashion-MNIST: a 784-100×6-10 ReLU network trained on only 300 images learns them by heart while its test accuracy stays far below; weight decay λ = 0.1 (½λΣW² added to the loss) holds the weights small and narrows the gap between the two.",
        tables: &[],
        charts: &["accuracy.svg"],
    },
    Experiment {
        name: "overfit-dropout",
        about: "the book's figures 6-22/23: the same by the book's Trainer, 301 epochs, Dropout 0 and 0.2",
        run: experiments::overfit_dropout::run,
        runs_kept: |_| 1,
        summary: "The book's overfit_dropout.py (§6.4.3, figures 6-22 and 6-23) on Fashion-MNIST: the overfitting network again, trained by the book's Trainer for 301 epochs without and with Dropout (each hidden neuron dropped with probability 0.2 in training, all kept and scaled by 0.8 in test). Dropout slows the training accuracy's climb and narrows its gap to the test accuracy.",
        tables: &[],
        charts: &["accuracy.svg"],
    },
    Experiment {
        name: "hyperparameter-search",
        about: "the book's figure 6-24: 100 random trials of lr and weight decay on a validation split",
        run: experiments::hyperparameter_search::run,
        runs_kept: |_| 1,
        summary: "The book's hyperparameter_optimization.py (§6.5, figure 6-24) on Fashion-MNIST: 500 images shuffled, a fifth held out for validation; 100 trials of a learning rate drawn from 10^U(−6, −2) and a weight decay from 10^U(−8, −4), each training the 784-100×6-10 network for 50 epochs. The best trials' curves, and where every trial fell on the two rates: the learning rate decides, the weight decay hardly matters in this range.",
        tables: &["trials.csv"],
        charts: &["best.svg", "search.svg"],
    },
];

/// The experiment called `name`.
pub fn find(name: &str) -> Option<&'static Experiment> {
    EXPERIMENTS.iter().find(|e| e.name == name)
}
