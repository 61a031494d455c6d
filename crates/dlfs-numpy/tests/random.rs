//! `RandomState` against numpy's own values, stored in `data/fixtures/numpy_rng.json` by
//! `data/fixtures/numpy_rng.py`.
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
