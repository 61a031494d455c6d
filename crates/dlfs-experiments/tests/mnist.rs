//! The book's §5.7.4 training against numpy: the first 20 steps of `mnist::train` against
//! `benches/numpy/train_neuralnet.py --synthetic 500,100 --iters 20 --seed 1 --json` (fixture in
//! `data/fixtures/mnist/`), on synthetic images both programs draw from
//! `np.random.RandomState(2024)`: losses, accuracies and parameters within 1e-12.
use dlfs_datasets::Images;
use dlfs_experiments::mnist::{Data, EVAL_CHUNK, MnistConfig, accuracy, predictions, train};
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
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

#[test]
fn a_batch_is_its_images_scaled_by_one_over_255() {
    let data = synthetic(300, 10);
    let mask = [299, 0, 17, 17];
    let mut x = ndarray::Array2::from_elem((4, 784), f64::NAN);
    let mut t = [usize::MAX; 4];
    data.gather(&mask, &mut x, &mut t);
    let scaled = data.train.to_f64(); // byte / 255, divided
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
    let scores = net.predict(&data.train.to_f64());
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
    };
    let text = config.to_string();
    for part in [
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

/// The rows of a CSV file, header included.
fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn a_runs_files_hold_its_losses_accuracies_and_confusion_matrix() {
    let data = synthetic(500, 100);
    let config = MnistConfig {
        iters: 12,
        seed: 3,
        ..MnistConfig::default()
    };
    let mut done = Vec::new();
    let mut run = train(&config, &data, |_| {}, |i| done.push(i));
    // Progress counts the iterations done: 1 to 12.
    assert_eq!(done, (1..=12).collect::<Vec<_>>());
    let dir = std::env::temp_dir().join(format!("dlfs-mnist-write-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let names = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    run.write(&dir, &data, &names).unwrap();

    let loss = csv_rows(&dir.join("loss.csv"));
    assert_eq!(loss[0], ["iteration", "loss"]);
    assert_eq!(loss.len(), 13);
    for (i, row) in loss[1..].iter().enumerate() {
        assert_eq!(row[0], i.to_string());
        assert_eq!(row[1].parse::<f64>().unwrap(), run.losses[i]);
    }
    // An epoch is 500 / 100 = 5 iterations: accuracies at iterations 0, 5 and 10.
    let acc = csv_rows(&dir.join("accuracy.csv"));
    assert_eq!(acc[0], ["epoch", "iteration", "train_acc", "test_acc"]);
    let iterations: Vec<&str> = acc[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(iterations, ["0", "5", "10"]);
    for (e, row) in acc[1..].iter().enumerate() {
        assert_eq!(row[0], e.to_string());
        assert_eq!(row[2].parse::<f64>().unwrap(), run.epochs[e].train_acc);
        assert_eq!(row[3].parse::<f64>().unwrap(), run.epochs[e].test_acc);
    }
    // The confusion matrix counts each test image once, by true and predicted class: its
    // diagonal is the test accuracy's numerator.
    let confusion = csv_rows(&dir.join("confusion.csv"));
    assert_eq!(confusion[0], ["true", "predicted", "count"]);
    assert_eq!(confusion.len(), 101);
    let predicted = predictions(&run.net, &data.test);
    for row in &confusion[1..] {
        let (t, p, n): (usize, usize, usize) = (
            row[0].parse().unwrap(),
            row[1].parse().unwrap(),
            row[2].parse().unwrap(),
        );
        let expected = data
            .t_test
            .iter()
            .zip(&predicted)
            .filter(|&(&tt, &pp)| tt == t && pp == p)
            .count();
        assert_eq!(n, expected, "({t}, {p})");
    }
    let right: usize = confusion[1..]
        .iter()
        .filter(|r| r[0] == r[1])
        .map(|r| r[2].parse::<usize>().unwrap())
        .sum();
    let final_acc = accuracy(&run.net, &data.test, &data.t_test);
    assert_eq!(right as f64 / 100.0, final_acc);
    // Each true class's row of the heat map is its share of predictions: the cells' numbers
    // are counts over the row's total, in percent.
    let svg = std::fs::read_to_string(dir.join("confusion.svg")).unwrap();
    for (t, row) in confusion[1..].chunks(10).enumerate() {
        let total: usize = row.iter().map(|r| r[2].parse::<usize>().unwrap()).sum();
        for r in row {
            let n: usize = r[2].parse().unwrap();
            let pct = format!(">\n{:.0}%\n<", n as f64 * 100.0 / total.max(1) as f64);
            assert!(svg.contains(&pct), "class {t}: {pct:?}");
        }
    }
    // The misclassified images: the first 24 test images predicted wrong, each named with its
    // index and true class.
    let wrong: Vec<usize> = (0..100)
        .filter(|&i| predicted[i] != data.t_test[i])
        .take(24)
        .collect();
    assert!(!wrong.is_empty());
    let pictures = std::fs::read_to_string(dir.join("misclassified.svg")).unwrap();
    for &i in &wrong {
        assert!(
            pictures.contains(&format!("#{i}: {}<", names[data.t_test[i]])),
            "image {i}"
        );
    }
    assert_eq!(pictures.matches("<text").count(), 1 + 2 * wrong.len());
    for svg in ["loss.svg", "accuracy.svg"] {
        assert!(
            std::fs::read_to_string(dir.join(svg))
                .unwrap()
                .contains("<polyline")
        );
    }
    let params = csv_rows(&dir.join("params.csv"));
    assert_eq!(params.len(), 1 + 784 * 50 + 50 + 50 * 10 + 10);
    std::fs::remove_dir_all(&dir).unwrap();
}
