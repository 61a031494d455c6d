//! The command line, declared once: every command, flag, default and help text.

use clap::{Args, Parser, Subcommand};
use dlfs_init::Init;
use dlfs_networks::{Activation, Extend, Precision};
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
    /// Full-batch gradient steps.
    #[arg(long, value_name = "N", default_value_t = 60_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub iters: u64,
    /// The network and its training.
    #[command(flatten)]
    pub training: Training,
    /// Where the files go.
    #[command(flatten)]
    pub output: RunOutput,
}

/// `cargo xtask mnist`.
#[derive(Debug, Args)]
pub struct MnistFlags {
    /// The folder with MNIST's four files [default: /usr/share/datasets/fashion-mnist].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub data: Option<PathBuf>,
    /// The hidden layer's size.
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub hidden: u64,
    /// Iterations (mini-batches).
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iters: u64,
    /// Images per mini-batch.
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub batch: u64,
    /// The network and its training.
    #[command(flatten)]
    pub training: Training,
    /// Where the files go.
    #[command(flatten)]
    pub output: RunOutput,
}

/// The flags of every training command. The defaults that differ are each command's
/// library defaults (`RunConfig::default()`, the article's; `MnistConfig::default()`, the
/// book's `train_neuralnet.py`).
#[derive(Debug, Args)]
pub struct Training {
    /// The hidden layers' activation function.
    #[arg(long, value_enum, default_value_t = Activation::Sigmoid)]
    pub activation: Activation,
    /// The update rule (book §6.1), with the book's other hyper-parameters.
    #[arg(long, value_enum, default_value_t = Kind::Sgd)]
    pub optimizer: Kind,
    /// The learning rate of the optimizer, a positive number [default: train 0.01, mnist 0.1].
    #[arg(long, value_parser = learning_rate, allow_negative_numbers = true)]
    pub lr: Option<f64>,
    /// How the parameters are drawn after np.random.seed: article (W = rand, b = randn),
    /// std=S (W = S·randn, b = 0; the book's 0.01), xavier (√(1/n)·randn), he (√(2/n)·randn)
    /// [default: train article, mnist std=0.01].
    #[arg(long, value_parser = init, value_name = "article|std=S|xavier|he")]
    pub init: Option<Init>,
    /// The seed of numpy's np.random.seed, from 0 to 4294967295 [default: train 42, mnist 0].
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u32>,
    /// The precision the network computes in: f64 (numpy's float64, its bits) or f32 (numpy's
    /// float32, about twice as fast on images).
    #[arg(long, value_enum, default_value_t = Precision::F64)]
    pub precision: Precision,
    /// Batch Normalization after every hidden Affine layer (book §6.3).
    #[arg(long)]
    pub batch_norm: bool,
    /// Dropout after every hidden activation, dropping this share of the neurons in training,
    /// from 0 up to (not including) 1 (book §6.4.3).
    #[arg(long, value_name = "RATIO", value_parser = dropout_ratio, allow_negative_numbers = true)]
    pub dropout: Option<f64>,
    /// Weight decay: ½·λ·ΣW² added to the loss, λ·W to every dW, λ ≥ 0 (book §6.4.2).
    #[arg(long, value_name = "LAMBDA", value_parser = weight_decay,
          allow_negative_numbers = true, default_value_t = 0.0)]
    pub weight_decay: f64,
}

impl Training {
    /// Chapter 6's additions these flags turn on.
    pub fn extend(&self) -> Extend {
        Extend {
            batch_norm: self.batch_norm,
            dropout: self.dropout,
            weight_decay: self.weight_decay,
        }
    }
}

/// Where a training command writes its files.
#[derive(Debug, Args)]
pub struct RunOutput {
    /// The folder to write the run's files into [default: data/results/train or
    /// data/results/mnist].
    #[arg(long, value_name = "DIR", value_parser = folder)]
    pub out: Option<PathBuf>,
    /// Replace DIR even if it holds files cargo xtask did not write.
    #[arg(long)]
    pub force: bool,
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

/// Dropout's ratio: a number in [0, 1).
fn dropout_ratio(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(r) if (0.0..1.0).contains(&r) => Ok(r),
        _ => Err("must be a number from 0 up to (not including) 1".into()),
    }
}

/// Weight decay's λ: a finite number ≥ 0.
fn weight_decay(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(l) if l >= 0.0 && l.is_finite() => Ok(l),
        _ => Err("must be a finite number ≥ 0".into()),
    }
}

/// An initialisation: `article`, `std=S`, `xavier` or `he`.
fn init(value: &str) -> Result<Init, String> {
    value.parse()
}

#[cfg(test)]
mod tests {
    //! The command line is outside input: whatever the arguments, parsing them gives flags
    //! within their stated ranges or clap's error, never a panic.
    use super::*;
    use clap::CommandFactory;
    use proptest::prelude::*;

    /// Any string, or one close to what a parser accepts (so that the near misses are tried
    /// too: signs, exponents, `std=` with odd numbers, names with a letter off).
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[-+]?[0-9]{0,4}(\\.[0-9]{0,4})?([eE][-+]?[0-9]{1,4})?",
            "(std=)?[-+]?(inf|nan|NaN|[0-9.eE+-]{0,8})",
            "(sgd|momentum|nesterov|adagrad|rmsprop|adam|article|xavier|he|sigmoid|relu|tanh)[a-z ]?",
            "([a-z-]{1,16},?){0,3}",
            "-{0,2}[a-z]{0,8}",
        ]
    }

    /// A flag of one of the commands, a near miss, or a value.
    fn arg() -> impl Strategy<Value = String> {
        let flags = [
            "--only",
            "--out",
            "--seeds",
            "--quick",
            "--force",
            "--hidden",
            "--activation",
            "--lr",
            "--optimizer",
            "--init",
            "--iters",
            "--seed",
            "--data",
            "--batch",
            "--help",
            "-h",
        ];
        prop_oneof![
            prop::sample::select(flags.to_vec()).prop_map(String::from),
            value(),
        ]
    }

    /// A command line: a command (or anything) and up to 8 arguments.
    fn command_line() -> impl Strategy<Value = Vec<String>> {
        let command = prop_oneof![
            prop::sample::select(vec!["experiments", "train", "mnist"]).prop_map(String::from),
            value(),
        ];
        (command, prop::collection::vec(arg(), 0..8)).prop_map(|(c, mut args)| {
            args.insert(0, c);
            args.insert(0, "cargo xtask".into());
            args
        })
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Xtask::command().debug_assert();
    }

    /// The training flags are within their stated ranges.
    fn check_training(t: &Training) -> Result<(), TestCaseError> {
        prop_assert!(
            t.lr.is_none_or(|lr| lr > 0.0 && lr.is_finite()),
            "{:?}",
            t.lr
        );
        if let Some(Init::Book { std }) = t.init {
            prop_assert!(std > 0.0 && std.is_finite());
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_command_line_parses_into_valid_flags_or_an_error(args in command_line()) {
            let Ok(parsed) = Xtask::try_parse_from(&args) else {
                return Ok(()); // clap's error: one line and exit 2 in main
            };
            match parsed.command {
                Command::Experiments(e) => {
                    prop_assert!(e.seeds.is_none_or(|s| s >= 1));
                    prop_assert!(e.only.iter().all(|n| names().contains(n)));
                    prop_assert!(e.out.is_none_or(|o| !o.as_os_str().is_empty()));
                }
                Command::Train(t) => {
                    check_training(&t.training)?;
                    prop_assert!(!t.hidden.is_empty() && t.hidden.iter().all(|&h| h >= 1));
                    prop_assert!(t.iters >= 1);
                }
                Command::Mnist(m) => {
                    check_training(&m.training)?;
                    prop_assert!((1..=100_000_000).contains(&m.iters));
                    prop_assert!((1..=60_000).contains(&m.batch));
                    prop_assert!((1..=100_000).contains(&m.hidden));
                }
            }
        }

        #[test]
        fn the_value_parsers_accept_or_refuse_any_string(s in value()) {
            // Accepted values are what their help promises, and print back as themselves.
            if let Ok(lr) = learning_rate(&s) {
                prop_assert!(lr > 0.0 && lr.is_finite());
            }
            if let Ok(dir) = folder(&s) {
                prop_assert!(!s.is_empty() && !s.starts_with('-'));
                prop_assert_eq!(dir, PathBuf::from(&s));
            }
            if let Ok(name) = experiment(&s) {
                prop_assert_eq!(name, s.trim());
            }
            match init(&s) {
                Ok(Init::Book { std }) => prop_assert!(std > 0.0 && std.is_finite()),
                Ok(i) => prop_assert_eq!(i.to_string(), s.clone()),
                Err(e) => prop_assert!(e.contains(&s)),
            }
            match s.parse::<Kind>() {
                Ok(k) => prop_assert_eq!(k.to_string(), s.clone()),
                Err(e) => prop_assert!(e.contains(&s)),
            }
            match s.parse::<Activation>() {
                Ok(a) => prop_assert_eq!(a.to_string(), s),
                Err(e) => prop_assert!(e.contains(&s)),
            }
        }
    }
}
