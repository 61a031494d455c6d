//! The article's run, digit for digit: every value it printed (`data/article/xor-success.csv`)
//! equals ours rounded to 8 decimals.
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use ndarray::{Array2, array};

#[test]
fn the_article_is_reproduced_to_8_decimals() {
    let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let t = array![[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]];
    let mut net = MultiLayerNet::new(
        &[2, 4, 2],
        Activation::Sigmoid,
        Init::Article,
        &mut RandomState::new(42),
    );
    for _ in 0..60000 {
        net.gradient(&x, Targets::OneHot(t.view()));
        Sgd::new(0.01).update(net.params_mut());
    }
    let y = net.probabilities(&x);
    let hidden = net.hidden_output(1).to_owned();
    let params = net.params();
    let value = |q: &str, r: usize, c: usize| -> f64 {
        match q {
            "y" => y[[r, c]],
            "hidden" => hidden[[r, c]],
            name => {
                let p = &params.iter().find(|p| p.name == name).unwrap().value;
                if p.ndim() == 1 { p[[c]] } else { p[[r, c]] }
            }
        }
    };
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/article/xor-success.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (q, r, c, printed) = (f[0], f[1].parse().unwrap(), f[2].parse().unwrap(), f[3]);
        let ours = value(q, r, c);
        let printed: f64 = printed.parse().unwrap();
        assert_eq!(
            format!("{ours:.8}"),
            format!("{printed:.8}"),
            "{q}[{r},{c}]: ours {ours}"
        );
        checked += 1;
    }
    // W1 8, b1 4, W2 8, b2 2, y 8, hidden 16.
    assert_eq!(checked, 46);
    let shape: Array2<f64> = hidden;
    assert_eq!(shape.dim(), (4, 4));
}
