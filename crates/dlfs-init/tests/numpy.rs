//! The initialisation schemes against numpy's own draws, stored in `data/fixtures/numpy_rng.json` by
//! `numpy/numpy_rng.py`.
use dlfs_init::{Init, RandomState};

#[path = "../../dlfs-numpy/tests/common/rng_fixture.rs"]
mod rng_fixture;
use rng_fixture::{fixture, floats};

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

#[test]
fn every_scheme_reads_back_from_its_name() {
    for (name, init) in [
        ("article", Init::Article),
        ("std=0.01", Init::BOOK),
        ("std=1.5", Init::Book { std: 1.5 }),
        ("xavier", Init::Xavier),
        ("he", Init::He),
    ] {
        assert_eq!(name.parse::<Init>(), Ok(init), "{name}");
        assert_eq!(init.to_string(), name);
    }
    // A standard deviation must be positive: std=0 would make every weight 0.
    for bad in ["std=0", "std=-1", "std=inf", "std=", "glorot"] {
        assert!(bad.parse::<Init>().is_err(), "{bad}");
    }
}
