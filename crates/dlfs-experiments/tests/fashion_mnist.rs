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
