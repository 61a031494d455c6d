//! `RandomState` against numpy's own values, stored in `data/fixtures/numpy_rng.json` by
//! `data/fixtures/numpy_rng.py`.
use dlfs_init::{Init, RandomState};
use proptest::prelude::*;
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/numpy_rng.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("read numpy_rng.json")).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

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
fn article_initialisation_equals_numpys() {
    let fx = fixture();
    for sizes in [vec![2, 4, 2], vec![2, 2, 2, 2]] {
        let key = format!(
            "article_init_{}",
            sizes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("-")
        );
        let params = Init::Article.params(&sizes, &mut RandomState::new(42));
        for (layer, (w, b)) in params.iter().enumerate() {
            let expect = &fx[&key][layer];
            let w_np: Vec<f64> = expect["W"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(floats)
                .collect();
            assert_eq!(
                w.iter().copied().collect::<Vec<_>>(),
                w_np,
                "{key} W{}",
                layer + 1
            );
            assert_eq!(b.to_vec(), floats(&expect["b"]), "{key} b{}", layer + 1);
        }
    }
}

#[test]
fn book_initialisation_equals_numpys() {
    let fx = fixture();
    let params = Init::BOOK.params(&[3, 5, 2], &mut RandomState::new(7));
    for (layer, (w, b)) in params.iter().enumerate() {
        let w_np: Vec<f64> = fx["book_init_3-5-2_seed7"][layer]["W"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(floats)
            .collect();
        assert_eq!(w.iter().copied().collect::<Vec<_>>(), w_np);
        assert!(b.iter().all(|&v| v == 0.0));
    }
}

#[test]
fn he_and_xavier_scale_the_same_normals() {
    let sizes = [8, 3];
    let base = Init::Book { std: 1.0 }.params(&sizes, &mut RandomState::new(3));
    let he = Init::He.params(&sizes, &mut RandomState::new(3));
    let xavier = Init::Xavier.params(&sizes, &mut RandomState::new(3));
    for ((b, h), x) in base[0].0.iter().zip(&he[0].0).zip(&xavier[0].0) {
        assert!((h - b * 0.5).abs() < 1e-15, "He scale √(2/8) = 0.5");
        assert!((x - b * (1.0f64 / 8.0).sqrt()).abs() < 1e-15);
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
