//! Random numbers exactly as numpy draws them, and the weight initialisation schemes.
//!
//! The article seeds numpy with `np.random.seed(42)` and initialises its network with
//! `np.random.rand` (weights, uniform on [0, 1)) and `np.random.randn` (biases, standard normal).
//! To reproduce its numbers digit for digit, [`RandomState`] reimplements numpy's legacy
//! generator: the Mersenne Twister MT19937 seeded by `init_genrand`, numpy's 53-bit doubles, and
//! its polar Box–Muller normals. The schemes of [`Init`] then fill the layers in order.
//!
//! | scheme | weights `W` (`in × out`) | biases `b` | where |
//! |---|---|---|---|
//! | [`Init::Article`] | `rand` (uniform [0, 1)) | `randn` | the article |
//! | [`Init::Book`] | `0.01 · randn` | 0 | §4.5.1 `TwoLayerNet` |
//! | [`Init::Xavier`] | `randn · √(1/in)` | 0 | §6.2.2 |
//! | [`Init::He`] | `randn · √(2/in)` | 0 | §6.2.2 |

use ndarray::{Array1, Array2};
use rand_mt::Mt;

/// numpy's legacy random generator (`np.random.RandomState`), restricted to what the book uses.
///
/// * `seed(s)` is MT19937's `init_genrand(s)` (numpy's seeding of an integer below 2³²).
/// * [`rand`](Self::random_sample) is `((a >> 5) · 2²⁶ + (b >> 6)) / 2⁵³` from two 32-bit draws `a`, `b`.
/// * [`randn`](Self::standard_normal) is the polar Box–Muller method: draw `x₁, x₂` uniform on
///   (−1, 1) until `0 < r² = x₁² + x₂² < 1`, then `f = √(−2 ln r² / r²)`; return `f·x₂` and keep
///   `f·x₁` for the next call.
///
/// ```
/// use dlfs_init::RandomState;
/// let mut rng = RandomState::new(42);
/// // np.random.seed(42); np.random.rand() → 0.3745401188473625
/// assert_eq!(rng.random_sample(), 0.3745401188473625);
/// ```
#[derive(Clone)]
pub struct RandomState {
    mt: Mt,
    /// The second normal of the last Box–Muller pair, served by the next `standard_normal`.
    cached_gauss: Option<f64>,
}

impl std::fmt::Debug for RandomState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RandomState")
            .field("cached_gauss", &self.cached_gauss)
            .finish_non_exhaustive()
    }
}

impl RandomState {
    /// A generator in the state `np.random.seed(seed)` leaves numpy's global one in.
    pub fn new(seed: u32) -> Self {
        Self {
            mt: Mt::new(seed),
            cached_gauss: None,
        }
    }

    /// Reseeds, like `np.random.seed(seed)` (which also forgets a cached normal).
    pub fn seed(&mut self, seed: u32) {
        *self = Self::new(seed);
    }

    /// One uniform double on [0, 1) with 53 random bits: `np.random.rand()` / `random_sample()`.
    pub fn random_sample(&mut self) -> f64 {
        let a = self.mt.next_u32() >> 5;
        let b = self.mt.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// One standard normal: `np.random.randn()` / `standard_normal()` (legacy polar method).
    pub fn standard_normal(&mut self) -> f64 {
        if let Some(g) = self.cached_gauss.take() {
            return g;
        }
        loop {
            let x1 = 2.0 * self.random_sample() - 1.0;
            let x2 = 2.0 * self.random_sample() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.cached_gauss = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// `np.random.rand(rows, cols)`: uniform [0, 1), filled row by row.
    pub fn rand(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_simple_fn((rows, cols), || self.random_sample())
    }

    /// `np.random.rand(n)`: a vector of uniforms on [0, 1).
    pub fn rand_vec(&mut self, n: usize) -> Array1<f64> {
        Array1::from_shape_simple_fn(n, || self.random_sample())
    }

    /// `np.random.randn(rows, cols)`: standard normals, filled row by row.
    pub fn randn(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_simple_fn((rows, cols), || self.standard_normal())
    }

    /// `np.random.randn(n)`: a vector of standard normals.
    pub fn randn_vec(&mut self, n: usize) -> Array1<f64> {
        Array1::from_shape_simple_fn(n, || self.standard_normal())
    }
}

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
}
