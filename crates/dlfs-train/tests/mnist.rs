//! The book's §5.7.4 training against numpy: the first 20 steps of `mnist::train` against
//! `numpy/train_neuralnet.py --synthetic 500,100 --iters 20 --seed 1 --json` (fixture in
//! `data/fixtures/mnist/`), on synthetic images both programs draw from
//! `np.random.RandomState(2024)`: losses, accuracies and parameters within 1e-12.
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_train::mnist::{EVAL_CHUNK, MnistConfig, accuracy, predictions, train};
use serde_json::Value;

#[path = "../../dlfs-networks/tests/common/numpy_fixture.rs"]
mod numpy_fixture;
use numpy_fixture::{assert_close, flatten as floats};

mod common;
use common::synthetic::synthetic;

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
    let mut run = train::<f64>(&config, &data, |e| seen.push(*e), |_| {});
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
    for (name, ours, numpy) in params_beside_fixture(run.net.params(), &fx) {
        assert_eq!(ours.len(), numpy.len(), "{name}");
        for (i, (&o, &n)) in ours.iter().zip(&numpy).enumerate() {
            assert_close(&format!("{name}[{i}]"), o, n);
        }
    }
}

/// The parameters the fixtures keep (`W1` every 97th value, `b1`, `W2`, `b2`), ours beside
/// numpy's.
fn params_beside_fixture(
    params: Vec<dlfs_networks::NamedArray>,
    fx: &Value,
) -> [(&'static str, Vec<f64>, Vec<f64>); 4] {
    let all = |k: usize| params[k].value.iter().copied().collect::<Vec<f64>>();
    let w1 = params[0].value.iter().copied().step_by(97).collect();
    [
        ("W1 (every 97th)", w1, floats(&fx["W1_every_97th"])),
        ("b1", all(1), floats(&fx["b1"])),
        ("W2", all(2), floats(&fx["W2"])),
        ("b2", all(3), floats(&fx["b2"])),
    ]
}

/// The same 20 steps in single precision, against `numpy/train_neuralnet.py --dtype float32`
/// (its parameters and targets cast to float32 after the draws, its images float32 as
/// `load_mnist` returns them). The two programs round differently — numpy sums the loss
/// pairwise, its BLAS orders the products' sums its own way, its SIMD `exp` is not ours — so
/// they agree to within a few f32 rounding errors per operation, not bit for bit. The
/// tolerance: a product of length 784 accumulates up to about √784·u ≈ 28u of rounding error
/// in either order (u = 2⁻²⁴ ≈ 6·10⁻⁸), about 2·10⁻⁶ relative, and 20 steps of SGD with lr 0.1
/// on a loss near ln 10 carry it forward without amplifying it; so 1·10⁻⁵ relative for the
/// losses, and 1·10⁻⁵ (absolute below 1) for the parameters. (numpy's float64 run is within
/// that too, 5·10⁻⁸ relative in the loss: that ours computes in f32 is checked by every loss
/// being an f32 value.)
#[test]
fn the_first_twenty_steps_in_f32_agree_with_numpys_float32() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/mnist/synthetic_20_steps_f32.json"
    );
    let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(fx["args"]["dtype"], "float32");
    let data = synthetic(500, 100);
    let config = MnistConfig {
        iters: 20,
        seed: 1,
        precision: dlfs_networks::Precision::F32,
        ..MnistConfig::default()
    };
    let mut seen = Vec::new();
    let mut run = train::<f32>(&config, &data, |e| seen.push(*e), |_| {});
    let close = |what: &str, ours: f64, numpy: f64| {
        let tol = 1e-5 * numpy.abs().max(1.0);
        assert!(
            (ours - numpy).abs() <= tol,
            "{what}: ours {ours:e}, numpy float32 {numpy:e}"
        );
    };
    let losses = floats(&fx["losses"]);
    assert_eq!(run.losses.len(), 20);
    for (i, (&ours, &np)) in run.losses.iter().zip(&losses).enumerate() {
        close(&format!("loss {i}"), ours, np);
        assert_eq!(ours, f64::from(ours as f32), "loss {i} is an f32");
    }
    let acc = fx["accuracy"].as_array().unwrap();
    assert_eq!(seen.len(), acc.len());
    for (e, np) in seen.iter().zip(acc) {
        let np = floats(np);
        assert_eq!(
            (e.train_acc, e.test_acc),
            (np[1], np[2]),
            "iteration {}",
            e.iteration
        );
    }
    for (name, ours, numpy) in params_beside_fixture(run.net.params(), &fx) {
        assert_eq!(ours.len(), numpy.len(), "{name}");
        for (i, (&o, &n)) in ours.iter().zip(&numpy).enumerate() {
            close(&format!("{name}[{i}]"), o, n);
        }
    }
}

#[test]
fn a_batch_is_its_images_scaled_as_the_book_loads_them() {
    let data = synthetic(300, 10);
    let mask = [299, 0, 17, 17];
    let mut x = ndarray::Array2::from_elem((4, 784), f64::NAN);
    let mut t = [usize::MAX; 4];
    data.gather(&mask, &mut x, &mut t);
    let scaled = data.train.to_f64(); // f32(byte) / 255, divided
    for (row, &m) in mask.iter().enumerate() {
        assert_eq!(x.row(row), scaled.row(m), "row {row} = image {m}");
        assert_eq!(t[row], data.t_train[m]);
    }
}

#[test]
fn accuracy_in_chunks_on_any_threads_is_the_whole_sets() {
    // 1 234 images: chunks of EVAL_CHUNK = 500, 500 and 234.
    assert_eq!(EVAL_CHUNK, 500);
    let data = synthetic(1234, 10);
    let mut net = MultiLayerNet::new(
        &[784, 20, 10],
        Activation::Sigmoid,
        "std=0.3".parse::<Init>().unwrap(),
        &mut RandomState::new(3),
    );
    // The book's `network.accuracy(x_train, t_train)`: one forward pass over the whole set.
    let whole = net.accuracy(&data.train.to_f64(), Targets::Labels(&data.t_train));
    assert!(whole > 0.0 && whole < 1.0, "{whole}");
    let x = data.train.to_f64();
    let scores = net.predict(&x);
    let expected: Vec<usize> = scores
        .rows()
        .into_iter()
        .map(|r| dlfs_networks::argmax(r.iter().copied()))
        .collect();
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            assert_eq!(
                predictions(&net, &data.train),
                expected,
                "{threads} threads"
            );
            assert_eq!(accuracy(&net, &data.train, &data.t_train), whole);
        });
    }
}

#[test]
fn a_configuration_names_every_setting() {
    let config = MnistConfig {
        hidden: 37,
        activation: Activation::Tanh,
        init: Init::He,
        optimizer: dlfs_optimizers::Kind::Adam,
        lr: 0.002,
        iters: 123,
        batch: 45,
        seed: 6,
        extend: dlfs_networks::Extend {
            batch_norm: true,
            dropout: Some(0.25),
            weight_decay: 0.5,
        },
        precision: dlfs_networks::Precision::F32,
    };
    let text = config.to_string();
    for part in [
        "precision=f32",
        "batch-norm",
        "dropout=0.25",
        "weight-decay=0.5",
        "784-37-10",
        Activation::Tanh.as_str(),
        &format!("init={}", Init::He),
        &dlfs_optimizers::Kind::Adam.to_string(),
        "lr=0.002",
        "batch=45",
        "iters=123",
        "seed=6",
    ] {
        assert!(text.contains(part), "{part:?} not in {text:?}");
    }
}

#[test]
fn progress_counts_the_iterations_done() {
    let data = synthetic(200, 10);
    let config = MnistConfig {
        iters: 5,
        ..MnistConfig::default()
    };
    let mut done = Vec::new();
    train::<f64>(&config, &data, |_| {}, |i| done.push(i));
    assert_eq!(done, [1, 2, 3, 4, 5]);
}

#[test]
fn side_by_side_trains_each_network_on_the_same_batches() {
    use dlfs_optimizers::{Kind, Optimizer};
    use dlfs_train::mnist::side_by_side;
    let data = synthetic(200, 10);
    let mut rng = RandomState::new(4);
    let net = MultiLayerNet::new(&[784, 20, 10], Activation::Sigmoid, Init::BOOK, &mut rng);
    let mut masks = vec![0; 3 * 8];
    rng.choice(200, &mut masks);
    let losses = side_by_side(
        vec![
            (net.clone(), Kind::Sgd, 0.5),
            (net.clone(), Kind::Sgd, 0.5),
            (net.clone(), Kind::Adam, 0.01),
        ],
        &data,
        &masks,
        8,
    );
    // One loss per batch of 8, the same for the same network and optimizer.
    assert_eq!(losses.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 3]);
    assert_eq!(losses[0], losses[1]);
    assert_ne!(losses[0], losses[2]);
    // Each is the loss after the step, as the book's loop computes it by hand.
    let (mut net, mut sgd) = (net, Kind::Sgd.build(0.5));
    let (mut x, mut t) = (ndarray::Array2::zeros((8, 784)), vec![0; 8]);
    for (k, mask) in masks.chunks(8).enumerate() {
        data.gather(mask, &mut x, &mut t);
        net.gradient(&x, Targets::Labels(&t));
        sgd.update(net.params_mut());
        assert_eq!(losses[0][k], net.loss(&x, Targets::Labels(&t)), "batch {k}");
    }
}
