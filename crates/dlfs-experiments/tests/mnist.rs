//! The book's §5.7.4 training against numpy: the first 20 steps of `mnist::train` against
//! `benches/numpy/train_neuralnet.py --synthetic 500,100 --iters 20 --seed 1 --json` (fixture in
//! `data/fixtures/mnist/`), on synthetic images both programs draw from
//! `np.random.RandomState(2024)`: losses, accuracies and parameters within 1e-12.
use dlfs_datasets::Images;
use dlfs_experiments::mnist::{Data, MnistConfig, train};
use dlfs_init::RandomState;
use serde_json::Value;

#[path = "../../dlfs-networks/tests/common/numpy_fixture.rs"]
mod numpy_fixture;
use numpy_fixture::{assert_close, flatten as floats};

/// The script's synthetic set: `(rs.random_sample((n + m, 784)) * 256).astype(uint8)`, then the
/// labels `(rs.random_sample(n + m) * 10).astype(uint8)`, scaled by 1/255.
fn synthetic(n: usize, m: usize) -> Data {
    let mut rs = RandomState::new(2024);
    let bytes: Vec<u8> = (0..(n + m) * 784)
        .map(|_| (rs.random_sample() * 256.0) as u8)
        .collect();
    let labels: Vec<usize> = (0..n + m)
        .map(|_| (rs.random_sample() * 10.0) as u8 as usize)
        .collect();
    let images = |pixels: &[u8]| Images {
        count: pixels.len() / 784,
        rows: 28,
        cols: 28,
        pixels: pixels.to_vec(),
    };
    Data {
        train: images(&bytes[..n * 784]),
        t_train: labels[..n].to_vec(),
        test: images(&bytes[n * 784..]),
        t_test: labels[n..].to_vec(),
    }
}

#[test]
fn the_first_twenty_steps_agree_with_numpy() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/mnist/synthetic_20_steps.json"
    );
    let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(fx["args"]["synthetic"], "500,100");
    let data = synthetic(500, 100);
    let config = MnistConfig {
        iters: 20,
        seed: 1,
        ..MnistConfig::default()
    };
    let mut seen = Vec::new();
    let mut run = train(&config, &data, |e| seen.push(*e), |_| {});
    let losses = floats(&fx["losses"]);
    assert_eq!(run.losses.len(), 20);
    for (i, (&ours, &np)) in run.losses.iter().zip(&losses).enumerate() {
        assert_close(&format!("loss {i}"), ours, np);
    }
    // iter_per_epoch = 500 / 100 = 5: accuracies at iterations 0, 5, 10, 15.
    let acc = fx["accuracy"].as_array().unwrap();
    assert_eq!(seen.len(), acc.len());
    for (e, np) in seen.iter().zip(acc) {
        let np = floats(np);
        assert_eq!(e.iteration as f64, np[0]);
        assert_eq!(
            (e.train_acc, e.test_acc),
            (np[1], np[2]),
            "iteration {}",
            e.iteration
        );
    }
    let params = run.net.params();
    let w1: Vec<f64> = params[0].value.iter().copied().step_by(97).collect();
    for (name, ours, numpy) in [
        ("W1 (every 97th)", w1, floats(&fx["W1_every_97th"])),
        (
            "b1",
            params[1].value.iter().copied().collect(),
            floats(&fx["b1"]),
        ),
        (
            "W2",
            params[2].value.iter().copied().collect(),
            floats(&fx["W2"]),
        ),
        (
            "b2",
            params[3].value.iter().copied().collect(),
            floats(&fx["b2"]),
        ),
    ] {
        assert_eq!(ours.len(), numpy.len(), "{name}");
        for (i, (&o, &n)) in ours.iter().zip(&numpy).enumerate() {
            assert_close(&format!("{name}[{i}]"), o, n);
        }
    }
}
