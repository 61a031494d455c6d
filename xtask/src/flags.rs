//! The command line, declared once: every command, flag, default and help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dlfs_init::Init;
use dlfs_networks::Activation;
use dlfs_optimizers::Kind;
use std::path::PathBuf;

/// The project's commands: the experiments of the article, and single training runs.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Backpropagation from Deep Learning from Scratch: the article's XOR experiments, chapter 6's cures, training on images",
    arg_required_else_help = true
)]
pub struct Xtask {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every experiment (or the named ones), writing CSV results and SVG charts.
    ///
    /// Each experiment writes into a folder of its own, DIR/NAME/, replaced whole when
    /// the experiment is complete. A folder that holds files cargo xtask did not write is
    /// refused (see --force).
    Experiments(Experiments),
    /// Train one XOR network with the article's initialisation and write its files.
    ///
    /// Writes loss.csv, params.csv, predictions.csv, hidden_K.csv, loss.svg and decision.svg
    /// into DIR, replaced whole when the run is complete. A folder that holds files cargo xtask
    /// did not write is refused (see --force).
    Train(Train),
    /// Train the book's two-layer network on MNIST-format images (§5.7.4, train_neuralnet.py).
    ///
    /// Reads the four IDX files (plain or .gz) from --data, by default
    /// /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist). Prints the
    /// training and test accuracy once per epoch as the book does, and writes loss.csv,
    /// accuracy.csv, params.csv, loss.svg, accuracy.svg, confusion.csv, confusion.svg and
    /// misclassified.svg into DIR.
    Mnist(MnistFlags),
}

/// `cargo xtask experiments`.
#[derive(Debug, Args)]
pub struct Experiments {
    /// Run only these experiments (comma-separated names; see the list below).
    #[arg(long, value_name = "NAME[,NAME…]", value_delimiter = ',', value_parser = experiment)]
    pub only: Vec<&'static str>,
    /// The folder that receives one sub-folder per experiment [default: data/results].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub out: Option<PathBuf>,
    /// Seeds per setting in lr-sweep [default: 50; 2 with --quick].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub seeds: Option<u32>,
    /// The reduced version for CI: 2 seeds per setting in lr-sweep.
    #[arg(long)]
    pub quick: bool,
    /// Replace an experiment's folder even if it holds files cargo xtask did not write.
    #[arg(long)]
    pub force: bool,
}

/// `cargo xtask train`.
#[derive(Debug, Args)]
pub struct Train {
    /// The hidden layers' sizes, comma-separated: 4 is the article's 2-4-2, 2,2 its 2-2-2-2.
    #[arg(long, value_name = "N[,N…]", value_delimiter = ',', default_value = "4",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub hidden: Vec<u64>,
    /// The hidden layers' activation function.
    #[arg(long, value_enum, default_value_t = HiddenActivation::Sigmoid)]
    pub activation: HiddenActivation,
    /// The learning rate of the optimizer, a positive number.
    #[arg(long, default_value_t = 0.01, value_parser = learning_rate, allow_negative_numbers = true)]
    pub lr: f64,
    /// The update rule (book §6.1), with the book's other hyper-parameters.
    #[arg(long, default_value = "sgd", value_parser = optimizer,
          value_name = "sgd|momentum|nesterov|adagrad|rmsprop|adam")]
    pub optimizer: Kind,
    /// How the parameters are drawn after np.random.seed: article (W = rand, b = randn),
    /// std=S (W = S·randn, b = 0; the book's 0.01), xavier (√(1/n)·randn), he (√(2/n)·randn).
    #[arg(long, default_value = "article", value_parser = init,
          value_name = "article|std=S|xavier|he")]
    pub init: Init,
    /// Full-batch gradient steps.
    #[arg(long, value_name = "N", default_value_t = 60_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub iters: u64,
    /// The seed of numpy's np.random.seed, from 0 to 4294967295.
    #[arg(long, default_value_t = 42, allow_negative_numbers = true)]
    pub seed: u32,
    /// The folder to write the run's files into [default: data/results/train].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub out: Option<PathBuf>,
    /// Replace DIR even if it holds files cargo xtask did not write.
    #[arg(long)]
    pub force: bool,
}

/// `cargo xtask mnist`.
#[derive(Debug, Args)]
pub struct MnistFlags {
    /// The folder with MNIST's four files [default: /usr/share/datasets/fashion-mnist].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub data: Option<PathBuf>,
    /// Iterations (mini-batches).
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iters: u64,
    /// Images per mini-batch.
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub batch: u64,
    /// The learning rate, a positive number.
    #[arg(long, default_value_t = 0.1, value_parser = learning_rate, allow_negative_numbers = true)]
    pub lr: f64,
    /// The hidden layer's size.
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub hidden: u64,
    /// The hidden layer's activation function.
    #[arg(long, value_enum, default_value_t = HiddenActivation::Sigmoid)]
    pub activation: HiddenActivation,
    /// How the parameters are drawn (the book's std=0.01).
    #[arg(long, default_value = "std=0.01", value_parser = init,
          value_name = "article|std=S|xavier|he")]
    pub init: Init,
    /// The update rule (book §6.1).
    #[arg(long, default_value = "sgd", value_parser = optimizer,
          value_name = "sgd|momentum|nesterov|adagrad|rmsprop|adam")]
    pub optimizer: Kind,
    /// The seed of numpy's np.random.seed, for the initialisation and the mini-batches.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub seed: u32,
    /// The folder to write the run's files into [default: data/results/mnist].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub out: Option<PathBuf>,
    /// Replace DIR even if it holds files cargo xtask did not write.
    #[arg(long)]
    pub force: bool,
}

/// The activation functions a hidden layer can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HiddenActivation {
    /// The sigmoid 1/(1 + e^-x), as in the article.
    Sigmoid,
    /// The rectified linear unit max(0, x).
    Relu,
    /// The hyperbolic tangent.
    Tanh,
}

impl From<HiddenActivation> for Activation {
    fn from(a: HiddenActivation) -> Self {
        match a {
            HiddenActivation::Sigmoid => Activation::Sigmoid,
            HiddenActivation::Relu => Activation::Relu,
            HiddenActivation::Tanh => Activation::Tanh,
        }
    }
}

/// An experiment's name, one of `dlfs_experiments::EXPERIMENTS`.
fn experiment(name: &str) -> Result<&'static str, String> {
    dlfs_experiments::find(name.trim())
        .map(|e| e.name)
        .ok_or_else(|| {
            format!(
                "unknown experiment '{name}' (known: {})",
                names().join(", ")
            )
        })
}

/// The names of every experiment, in the order they run.
pub fn names() -> Vec<&'static str> {
    dlfs_experiments::EXPERIMENTS
        .iter()
        .map(|e| e.name)
        .collect()
}

/// A folder given on the command line: not empty, and not something that looks like a flag.
fn folder(value: &str) -> Result<PathBuf, String> {
    if value.is_empty() {
        return Err("the folder must not be empty".into());
    }
    if value.starts_with('-') {
        return Err(format!(
            "'{value}' looks like a flag, not a folder (for a folder of that name, write ./{value})"
        ));
    }
    Ok(PathBuf::from(value))
}

/// A learning rate: a finite positive number.
fn learning_rate(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(lr) if lr > 0.0 && lr.is_finite() => Ok(lr),
        _ => Err("must be a positive number".into()),
    }
}

/// An optimizer's name.
fn optimizer(value: &str) -> Result<Kind, String> {
    value.parse()
}

/// An initialisation: `article`, `std=S`, `xavier` or `he`.
fn init(value: &str) -> Result<Init, String> {
    value.parse()
}
