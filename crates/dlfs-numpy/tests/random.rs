//! `RandomState` against numpy's own values, stored in `data/fixtures/numpy_rng.json` by
//! `numpy/numpy_rng.py`.
use dlfs_numpy::RandomState;
use proptest::prelude::*;

#[path = "common/rng_fixture.rs"]
mod rng_fixture;
use rng_fixture::{fixture, floats};

#[test]
fn first_values_equal_numpys_for_several_seeds() {
    let fx = fixture();
    for seed in [0u32, 1, 42, 123, 2024, u32::MAX] {
        let f = &fx[seed.to_string()];
        let mut rng = RandomState::new(seed);
        let rand: Vec<f64> = (0..8).map(|_| rng.random_sample()).collect();
        assert_eq!(rand, floats(&f["rand"]), "rand, seed {seed}");
        rng.seed(seed);
        let randn: Vec<f64> = (0..7).map(|_| rng.standard_normal()).collect();
        assert_eq!(randn, floats(&f["randn"]), "randn, seed {seed}");
        // A rand between two randn calls does not disturb the cached normal.
        rng.seed(seed);
        let mix = vec![
            rng.standard_normal(),
            rng.random_sample(),
            rng.standard_normal(),
            rng.standard_normal(),
        ];
        assert_eq!(
            mix,
            floats(&f["randn_rand_randn_randn"]),
            "mixed, seed {seed}"
        );
    }
}

#[test]
fn vectors_and_matrices_are_numpys_draws_in_row_order() {
    // np.random.rand(n), rand(rows, cols), randn(n), randn(rows, cols): the same stream as
    // single draws, row by row.
    let fx = fixture();
    for seed in [0u32, 42, u32::MAX] {
        let f = &fx[seed.to_string()];
        let (rand, randn) = (floats(&f["rand"]), floats(&f["randn"]));
        let mut rng = RandomState::new(seed);
        assert_eq!(rng.rand_vec(8).to_vec(), rand, "rand_vec, seed {seed}");
        rng.seed(seed);
        assert_eq!(rng.rand(2, 4).iter().copied().collect::<Vec<_>>(), rand);
        rng.seed(seed);
        assert_eq!(rng.randn_vec(7).to_vec(), randn, "randn_vec, seed {seed}");
        rng.seed(seed);
        let m = rng.randn(3, 2);
        assert_eq!(m.dim(), (3, 2));
        assert_eq!(m.iter().copied().collect::<Vec<_>>(), randn[..6]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn uniforms_lie_in_the_unit_interval(seed in any::<u32>()) {
        let mut rng = RandomState::new(seed);
        for _ in 0..100 {
            let u = rng.random_sample();
            prop_assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn reseeding_replays_the_same_stream(seed in any::<u32>()) {
        let mut a = RandomState::new(seed);
        let first: Vec<f64> = (0..5).map(|_| a.standard_normal()).collect();
        a.seed(seed);
        let again: Vec<f64> = (0..5).map(|_| a.standard_normal()).collect();
        prop_assert_eq!(first, again);
    }
}

#[test]
fn choice_draws_numpys_batches() {
    // np.random.seed(seed); np.random.choice(n, k), then np.random.rand() (numpy 2.4.6): the
    // same indices, and the stream left where numpy leaves it.
    let cases: [(u32, usize, &[usize], f64); 7] = [
        (
            0,
            60000,
            &[
                2732, 43567, 42613, 52416, 45891, 21243, 30403, 32103, 41993, 57043,
            ],
            0.6458941130666561,
        ),
        (
            1,
            10,
            &[5, 8, 9, 5, 0, 0, 1, 7, 6, 9, 2, 4],
            0.4191945144032948,
        ),
        (
            7,
            128,
            &[47, 68, 25, 118, 67, 83, 23, 103],
            0.9779895119966027,
        ),
        (3, 1000, &[874, 664, 249, 643, 952, 968], 0.510827605197663),
        (42, 2, &[0, 1, 0, 0, 0, 1, 0, 0, 0, 1], 0.15599452033620265),
        (
            5,
            1 << 32,
            &[953453411, 236996814, 3739766767, 3570525885],
            0.20671915533942642,
        ),
        (9, 1, &[0, 0, 0], 0.010374153885699955),
    ];
    for (seed, n, expected, next) in cases {
        let mut rng = RandomState::new(seed);
        let mut got = vec![usize::MAX; expected.len()];
        rng.choice(n, &mut got);
        assert_eq!(got, expected, "seed {seed}, n {n}");
        assert_eq!(
            rng.random_sample(),
            next,
            "seed {seed}, n {n}: the stream after"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn choice_stays_below_n(seed in any::<u32>(), n in 1usize..100_000) {
        let mut out = [0; 16];
        RandomState::new(seed).choice(n, &mut out);
        prop_assert!(out.iter().all(|&v| v < n));
    }
}
