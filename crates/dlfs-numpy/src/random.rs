//! numpy's legacy random generator, `np.random.RandomState`, bit for bit.
//!
//! The article seeds numpy with `np.random.seed(42)` and draws its initial parameters with
//! `np.random.rand` and `np.random.randn`; to reproduce its numbers digit for digit, the same
//! stream has to come out here: the Mersenne Twister MT19937 seeded by `init_genrand`, numpy's
//! 53-bit doubles, and its polar Box–Muller normals.

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
/// use dlfs_numpy::RandomState;
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

    /// One whole number in `0..n`, as numpy's legacy `randint(0, n)` draws it: a 32-bit draw
    /// masked to the smallest `2ᵏ − 1 ≥ n − 1`, drawn again while it exceeds `n − 1`. `n = 1`
    /// gives 0 without drawing, as numpy does.
    ///
    /// # Panics
    /// If `n` is 0 or above 2³² (numpy draws 64 bits there, which this does not implement).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(
            n >= 1 && n as u64 <= 1 << 32,
            "RandomState::below: n = {n} is not in 1..=2^32"
        );
        let max = (n - 1) as u32;
        if max == 0 {
            return 0;
        }
        let mask = u32::MAX >> max.leading_zeros();
        loop {
            let v = self.mt.next_u32() & mask;
            if v <= max {
                return v as usize;
            }
        }
    }

    /// `np.random.choice(n, out.len())`: indices drawn uniformly from `0..n` with replacement,
    /// the book's `batch_mask` (§4.5.2), written into `out` (no allocation).
    ///
    /// ```
    /// use dlfs_numpy::RandomState;
    /// let mut batch = [0; 5];
    /// RandomState::new(0).choice(60000, &mut batch);
    /// // np.random.seed(0); np.random.choice(60000, 5)
    /// assert_eq!(batch, [2732, 43567, 42613, 52416, 45891]);
    /// ```
    ///
    /// # Panics
    /// As [`below`](Self::below).
    pub fn choice(&mut self, n: usize, out: &mut [usize]) {
        for v in out {
            *v = self.below(n);
        }
    }

    /// `np.random.uniform(low, high)`: `low + (high − low) · rand()`.
    ///
    /// ```
    /// use dlfs_numpy::RandomState;
    /// // np.random.seed(0); np.random.uniform(-8, -4)
    /// assert_eq!(RandomState::new(0).uniform(-8.0, -4.0), -5.804745984290701);
    /// ```
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.random_sample()
    }

    /// `np.random.permutation(n)`: `0..n` shuffled as numpy's legacy `shuffle` does it, from the
    /// last position down, each swapped with one drawn from `0..=i`.
    ///
    /// ```
    /// use dlfs_numpy::RandomState;
    /// // np.random.seed(0); np.random.permutation(6)
    /// assert_eq!(RandomState::new(0).permutation(6), [5, 2, 1, 3, 0, 4]);
    /// ```
    ///
    /// # Panics
    /// As [`below`](Self::below), if `n` is above 2³².
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            order.swap(i, j);
        }
        order
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
