//! Chapter 6's tools against the book's code: Batch Norm, Dropout and weight decay in
//! `MultiLayerNet`, trained 20 steps as the book's `Trainer.train_step` does, against
//! `numpy/extend_ref.py` (the book's `MultiLayerNetExtend` written out in numpy; fixture in
//! `data/fixtures/extend/`): the loss of each gradient and after each update, the parameters
//! (`gamma` and `beta` too), the running statistics and the test-mode scores, within 1e-12.
#[path = "common/numpy_fixture.rs"]
mod numpy_fixture;
use dlfs_init::{Init, RandomState};
use dlfs_layers::{BatchNormalization, Dropout, Layer};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Kind, Optimizer};
use ndarray::Array2;
use numpy_fixture::{assert_close, flatten};
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/extend/extend_ref.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn matrix(v: &Value) -> Array2<f64> {
    let rows = v.as_array().unwrap();
    let cols = rows[0].as_array().unwrap().len();
    Array2::from_shape_vec((rows.len(), cols), flatten(v)).unwrap()
}

fn assert_all_close(what: &str, ours: impl IntoIterator<Item = f64>, numpy: &[f64]) {
    let ours: Vec<f64> = ours.into_iter().collect();
    assert_eq!(ours.len(), numpy.len(), "{what}: lengths");
    for (i, (&o, &n)) in ours.iter().zip(numpy).enumerate() {
        assert_close(&format!("{what}[{i}]"), o, n);
    }
}

#[test]
fn batch_norm_and_dropout_layers_agree_with_numpy() {
    let fx = fixture();
    let l = &fx["layers"];
    let (x1, x2, dout) = (matrix(&l["x1"]), matrix(&l["x2"]), matrix(&l["dout"]));
    let mut bn = BatchNormalization::new(4);
    bn.gamma = flatten(&l["gamma"]).into();
    bn.beta = flatten(&l["beta"]).into();
    let near = |what: &str, ours: &ndarray::ArrayRef2<f64>, key: &str| {
        assert_all_close(what, ours.iter().copied(), &flatten(&l[key]));
    };
    near("bn out1", bn.forward(&x1, true), "bn_out1");
    near("bn dx1", Layer::backward(&mut bn, &dout), "bn_dx1");
    near("bn out2", bn.forward(&x2, true), "bn_out2");
    near("bn dx2", Layer::backward(&mut bn, &dout), "bn_dx2");
    assert_all_close(
        "dgamma",
        bn.dgamma.iter().copied(),
        &flatten(&l["bn_dgamma2"]),
    );
    assert_all_close("dbeta", bn.dbeta.iter().copied(), &flatten(&l["bn_dbeta2"]));
    near("bn test", bn.forward(&x1, false), "bn_test");
    let running = flatten(&l["running_mean"]);
    assert_all_close("running mean", bn.running_mean.iter().copied(), &running);
    let running = flatten(&l["running_var"]);
    assert_all_close("running var", bn.running_var.iter().copied(), &running);

    // np.random.seed(3); Dropout(0.3): the mask from np.random.rand(6, 4) > 0.3.
    let mut drop = Dropout::new(0.3);
    let mut rng = RandomState::new(3);
    near(
        "dropout out",
        drop.forward(&x1, Some(&mut rng)),
        "dropout_out",
    );
    near("dropout dx", drop.backward(&dout), "dropout_dx");
    near("dropout test", drop.forward(&x1, None), "dropout_test");
}

#[test]
fn twenty_training_steps_agree_with_the_books_multi_layer_net_extend() {
    let fx = fixture();
    let runs = fx["training"].as_array().unwrap();
    assert_eq!(runs.len(), 3);
    for run in runs {
        let name = run["name"].as_str().unwrap();
        let sizes: Vec<usize> = flatten(&run["sizes"]).iter().map(|&s| s as usize).collect();
        let activation = match run["activation"].as_str().unwrap() {
            "relu" => Activation::Relu,
            _ => Activation::Sigmoid,
        };
        let init = match run["init"].as_str().unwrap() {
            "he" => Init::He,
            "xavier" => Init::Xavier,
            std => Init::Book {
                std: std.parse().unwrap(),
            },
        };
        let x = matrix(&run["x"]);
        let t: Vec<usize> = flatten(&run["t"]).iter().map(|&v| v as usize).collect();
        let batch = run["batch"].as_u64().unwrap() as usize;
        let mut rng = RandomState::new(run["seed"].as_u64().unwrap() as u32);
        let mut net = MultiLayerNet::new(&sizes, activation, init, &mut rng)
            .with_weight_decay(run["weight_decay_lambda"].as_f64().unwrap());
        if run["batch_norm"].as_bool().unwrap() {
            net = net.with_batch_norm();
        }
        if let Some(ratio) = run["dropout"].as_f64() {
            net = net.with_dropout(ratio);
        }
        let kind = match run["optimizer"].as_str().unwrap() {
            "adam" => Kind::Adam,
            _ => Kind::Sgd,
        };
        let mut optimizer = kind.build(run["lr"].as_f64().unwrap());
        let (gradient_losses, losses) = (flatten(&run["gradient_losses"]), flatten(&run["losses"]));
        let mut mask = vec![0; batch];
        for step in 0..losses.len() {
            rng.choice(x.nrows(), &mut mask);
            let xb = x.select(ndarray::Axis(0), &mask);
            let tb: Vec<usize> = mask.iter().map(|&m| t[m]).collect();
            let loss = net.gradient_with(&xb, Targets::Labels(&tb), &mut rng);
            assert_close(
                &format!("{name} gradient loss {step}"),
                loss,
                gradient_losses[step],
            );
            optimizer.update(net.params_mut());
            let loss = net.loss(&xb, Targets::Labels(&tb));
            assert_close(&format!("{name} loss {step}"), loss, losses[step]);
        }
        let params = run["params"].as_object().unwrap();
        let ours = net.params();
        assert_eq!(ours.len(), params.len(), "{name}: parameters");
        let hidden = sizes.len() - 2;
        for p in &ours {
            let what = format!("{name} {}", p.name);
            let numpy = flatten(&params[&p.name]);
            let before_batch_norm = net.has_batch_norm()
                && p.name.starts_with('b')
                && !p.name.starts_with("beta")
                && p.name[1..].parse::<usize>().unwrap() <= hidden;
            if before_batch_norm {
                // Batch Norm subtracts the batch's mean, so a bias before it has gradient 0 in
                // exact arithmetic: both programs' `db` is rounding noise (~1e-16), which Adam
                // divides by √v + 1e-7 into steps of ~1e-11. Both stay noise, of that size.
                let noise = |v: &f64| v.abs() < 1e-9;
                assert!(
                    p.value.iter().all(noise) && numpy.iter().all(noise),
                    "{what}"
                );
            } else {
                assert_all_close(&what, p.value.iter().copied(), &numpy);
            }
        }
        // In test mode the biases' noise (above) is no longer removed by the batch's own mean
        // but compared with the running mean: the scores carry it, divided by √running_var.
        let scores = net.predict(&x).to_owned();
        let numpy = flatten(&run["accuracy_scores"]);
        for (i, (ours, numpy)) in scores.iter().zip(&numpy).enumerate() {
            let what = format!("{name} test-mode score {i}");
            assert!(
                (ours - numpy).abs() < 1e-10,
                "{what}: ours {ours:e}, numpy {numpy:e}"
            );
        }
    }
}
