//! Weight initialisation schemes (§4.5.1, §6.2.2), drawn from numpy's random numbers.
//!
//! The article seeds numpy with `np.random.seed(42)` and initialises its network with
//! `np.random.rand` (weights, uniform on [0, 1)) and `np.random.randn` (biases, standard normal).
//! [`RandomState`] is numpy's legacy generator, bit for bit (it lives in `dlfs-numpy`, with the
//! rest of what exists only to match numpy's bits); the schemes of [`Init`] draw from it and fill
//! the layers in order.
//!
//! | scheme | weights `W` (`in × out`) | biases `b` | where |
//! |---|---|---|---|
//! | [`Init::Article`] | `rand` (uniform [0, 1)) | `randn` | the article |
//! | [`Init::Book`] | `0.01 · randn` | 0 | §4.5.1 `TwoLayerNet` |
//! | [`Init::Xavier`] | `randn · √(1/in)` | 0 | §6.2.2 |
//! | [`Init::He`] | `randn · √(2/in)` | 0 | §6.2.2 |

pub use dlfs_numpy::{Float, RandomState};
use ndarray::{Array1, Array2};
use std::fmt;
use std::str::FromStr;

/// How a network's weights and biases are drawn, layer by layer in order (W1, b1, W2, b2, …).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Init {
    /// The article's: `W = np.random.rand(in, out)`, `b = np.random.randn(out)`.
    Article,
    /// The book's `TwoLayerNet` (§4.5.1): `W = std · randn(in, out)`, `b = 0`.
    Book {
        /// The weight scale, `weight_init_std` (0.01 in the book).
        std: f64,
    },
    /// Xavier (Glorot) for sigmoid and tanh (§6.2.2): `W = randn(in, out) / √in`, `b = 0`.
    Xavier,
    /// He for ReLU (§6.2.2): `W = randn(in, out) · √(2 / in)`, `b = 0`.
    He,
}

impl Init {
    /// The book's default, `Book { std: 0.01 }`.
    pub const BOOK: Init = Init::Book { std: 0.01 };

    /// Draws `(W, b)` for each consecutive pair of `sizes` (`[input, hidden…, output]`), in
    /// order: `W1` then `b1`, then `W2`, `b2`, … — the order the article calls numpy in.
    ///
    /// ```
    /// use dlfs_init::{Init, RandomState};
    /// let params = Init::Article.params(&[2, 4, 2], &mut RandomState::new(42));
    /// assert_eq!(params[0].0.dim(), (2, 4));
    /// assert_eq!(params[1].1.len(), 2);
    /// assert_eq!(params[0].0[[0, 0]], 0.3745401188473625); // numpy's first rand()
    /// ```
    pub fn params(self, sizes: &[usize], rng: &mut RandomState) -> Vec<(Array2<f64>, Array1<f64>)> {
        sizes
            .windows(2)
            .map(|w| {
                let (n_in, n_out) = (w[0], w[1]);
                match self {
                    Init::Article => (rng.rand(n_in, n_out), rng.randn_vec(n_out)),
                    Init::Book { std } => (std * rng.randn(n_in, n_out), Array1::zeros(n_out)),
                    Init::Xavier => (
                        rng.randn(n_in, n_out) * (1.0 / n_in as f64).sqrt(),
                        Array1::zeros(n_out),
                    ),
                    Init::He => (
                        rng.randn(n_in, n_out) * (2.0 / n_in as f64).sqrt(),
                        Array1::zeros(n_out),
                    ),
                }
            })
            .collect()
    }

    /// [`params`](Init::params) in precision `F`: drawn in f64 as numpy draws them, then each
    /// rounded to the nearest `F` (numpy's `astype(np.float32)`; exact for f64).
    pub fn params_in<F: Float>(
        self,
        sizes: &[usize],
        rng: &mut RandomState,
    ) -> Vec<(Array2<F>, Array1<F>)> {
        self.params(sizes, rng)
            .into_iter()
            .map(|(w, b)| (w.mapv(F::from_f64), b.mapv(F::from_f64)))
            .collect()
    }
}

impl fmt::Display for Init {
    /// The name used on command lines and in files: `article`, `std=0.01`, `xavier`, `he`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Init::Article => f.write_str("article"),
            Init::Book { std } => write!(f, "std={std}"),
            Init::Xavier => f.write_str("xavier"),
            Init::He => f.write_str("he"),
        }
    }
}

impl FromStr for Init {
    type Err = String;

    /// `article`, `std=S` (a positive number), `xavier` or `he`.
    ///
    /// ```
    /// use dlfs_init::Init;
    /// assert_eq!("std=0.01".parse(), Ok(Init::BOOK));
    /// assert_eq!("he".parse::<Init>().unwrap().to_string(), "he");
    /// assert!("std=-1".parse::<Init>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "article" => Ok(Init::Article),
            "xavier" => Ok(Init::Xavier),
            "he" => Ok(Init::He),
            _ => match s.strip_prefix("std=").map(str::parse::<f64>) {
                Some(Ok(std)) if std > 0.0 && std.is_finite() => Ok(Init::Book { std }),
                Some(_) => Err(format!(
                    "'{s}': the standard deviation of std=S must be a positive number"
                )),
                None => Err(format!(
                    "unknown initialisation '{s}' (expected article, std=S, xavier or he)"
                )),
            },
        }
    }
}
