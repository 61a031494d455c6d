//! Fashion-MNIST (`fashion-mnist`), where its data is installed, and the moving average.
mod common;
use common::*;

#[test]
fn its_quick_run_writes_complete_results() {
    let (_, out) = quick("fashion-mnist");
    // fashion-mnist, where its data is installed: with --quick, 300 iterations of training and
    // 100 of the optimizer comparison.
    let fashion = out.join("fashion-mnist");
    if fashion.exists() {
        let loss = csv(&fashion.join("loss.csv"));
        assert_eq!(loss[0], ["iteration", "loss"]);
        assert_eq!((loss.len(), &loss[300][0][..]), (301, "299"));
        let compared = csv(&fashion.join("optimizers.csv"));
        assert_eq!(
            compared[0],
            ["iteration", "sgd", "momentum", "adagrad", "adam"]
        );
        assert_eq!((compared.len(), &compared[100][0][..]), (101, "99"));
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn f32_training_reaches_the_test_accuracy_of_f64() {
    use dlfs_datasets::{FASHION_DIR, Mnist};
    use dlfs_networks::Precision;
    use dlfs_train::mnist::{Data, MnistConfig, train};
    let dir = std::path::Path::new(FASHION_DIR);
    if !dir.is_dir() {
        return; // the experiments skip without the data too
    }
    let data = Data::from(Mnist::load(dir).unwrap());
    // Two epochs of the book's §5.7.4 run in each precision: the bound is 0.005.
    let config = MnistConfig {
        iters: 1201,
        ..MnistConfig::default()
    };
    let f64_run = train::<f64>(&config, &data, |_| {}, |_| {});
    let f32_config = MnistConfig {
        precision: Precision::F32,
        ..config
    };
    let f32_run = train::<f32>(&f32_config, &data, |_| {}, |_| {});
    let (a, b) = (
        f64_run.epochs.last().unwrap(),
        f32_run.epochs.last().unwrap(),
    );
    assert_eq!((a.iteration, b.iteration), (1200, 1200));
    assert!(
        (a.test_acc - b.test_acc).abs() <= 0.005,
        "test accuracy {} in f64, {} in f32",
        a.test_acc,
        b.test_acc
    );
}
