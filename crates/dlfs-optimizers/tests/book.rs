//! Each optimizer against the book's numpy code (§6.1, `common/optimizer.py`), transcribed here
//! with plain loops over `Vec`s — operation for operation, so the bits must agree — over several
//! steps with changing gradients, on a walk of several parameters.
use dlfs_optimizers::{AdaGrad, Adam, Kind, Momentum, Nesterov, Optimizer, Param, RmsProp, Sgd};
use proptest::prelude::*;

/// Parameters of 1 to 6 values each, 1 to 4 of them, and 1 to 5 steps of gradients for each.
fn case() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<Vec<Vec<f64>>>)> {
    (prop::collection::vec(1usize..7, 1..5), 1usize..6).prop_flat_map(|(lens, steps)| {
        let values = lens
            .iter()
            .map(|&n| prop::collection::vec(-10.0..10.0f64, n))
            .collect::<Vec<_>>();
        let grads = lens
            .iter()
            .map(|&n| prop::collection::vec(prop::collection::vec(-5.0..5.0f64, n), steps))
            .collect::<Vec<_>>();
        (values, grads)
    })
}

/// Runs `opt` for every step of `grads` (`grads[param][step]`) and returns the parameters.
fn run(opt: &mut impl Optimizer, values: &[Vec<f64>], grads: &[Vec<Vec<f64>>]) -> Vec<Vec<f64>> {
    let mut values = values.to_vec();
    for step in 0..grads[0].len() {
        let walk = values
            .iter_mut()
            .zip(grads)
            .enumerate()
            .map(|(i, (v, g))| Param {
                name: if i % 2 == 0 { "W" } else { "b" },
                layer: i / 2 + 1,
                shape: (1, v.len()),
                value: v,
                grad: &g[step],
            });
        opt.update(walk);
    }
    values
}

/// The book's classes, one step per call, with their state per parameter (indexed as the
/// book's loops over `params.keys()` are).
#[allow(clippy::needless_range_loop)]
fn book(kind: Kind, lr: f64, values: &[Vec<f64>], grads: &[Vec<Vec<f64>>]) -> Vec<Vec<f64>> {
    let mut params = values.to_vec();
    let zeros: Vec<Vec<f64>> = values.iter().map(|v| vec![0.0; v.len()]).collect();
    let (mut s1, mut s2) = (zeros.clone(), zeros);
    for step in 0..grads[0].len() {
        let it = (step + 1) as f64;
        // lr_t = lr * np.sqrt(1.0 - beta2**iter) / (1.0 - beta1**iter)
        let lr_t = lr * (1.0 - 0.999f64.powf(it)).sqrt() / (1.0 - 0.9f64.powf(it));
        for key in 0..params.len() {
            for e in 0..params[key].len() {
                let g = grads[key][step][e];
                let p = &mut params[key][e];
                let (a, b) = (&mut s1[key][e], &mut s2[key][e]);
                match kind {
                    // params[key] -= self.lr * grads[key]
                    Kind::Sgd => *p -= lr * g,
                    // v = momentum*v - lr*grads; params += v
                    Kind::Momentum => {
                        *a = 0.9 * *a - lr * g;
                        *p += *a;
                    }
                    // params += m*m*v; params -= (1 + m)*lr*grads; v *= m; v -= lr*grads
                    Kind::Nesterov => {
                        *p += 0.9 * 0.9 * *a;
                        *p -= (1.0 + 0.9) * lr * g;
                        *a *= 0.9;
                        *a -= lr * g;
                    }
                    // h += g*g; params -= lr*g / (sqrt(h) + 1e-7)
                    Kind::AdaGrad => {
                        *a += g * g;
                        *p -= lr * g / (a.sqrt() + 1e-7);
                    }
                    // h *= 0.99; h += (1 - 0.99)*g*g; params -= lr*g / (sqrt(h) + 1e-7)
                    Kind::RmsProp => {
                        *a *= 0.99;
                        *a += (1.0 - 0.99) * g * g;
                        *p -= lr * g / (a.sqrt() + 1e-7);
                    }
                    // m += (1 - b1)*(g - m); v += (1 - b2)*(g**2 - v); params -= lr_t*m / (sqrt(v) + 1e-7)
                    Kind::Adam => {
                        *a += (1.0 - 0.9) * (g - *a);
                        *b += (1.0 - 0.999) * (g * g - *b);
                        *p -= lr_t * *a / (b.sqrt() + 1e-7);
                    }
                }
            }
        }
    }
    params
}

fn bits(v: &[Vec<f64>]) -> Vec<Vec<u64>> {
    v.iter()
        .map(|p| p.iter().map(|x| x.to_bits()).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_optimizer_computes_the_books_update_to_the_bit(
        (values, grads) in case(),
        lr in 1e-4..2.0f64,
    ) {
        for kind in Kind::ALL {
            let ours = run(&mut kind.build(lr), &values, &grads);
            prop_assert_eq!(bits(&ours), bits(&book(kind, lr, &values, &grads)), "{}", kind);
        }
        // The named types, called directly, compute the same.
        let book_of = |kind| bits(&book(kind, lr, &values, &grads));
        prop_assert_eq!(bits(&run(&mut Sgd::new(lr), &values, &grads)), book_of(Kind::Sgd));
        prop_assert_eq!(bits(&run(&mut Momentum::new(lr), &values, &grads)), book_of(Kind::Momentum));
        prop_assert_eq!(bits(&run(&mut Nesterov::new(lr), &values, &grads)), book_of(Kind::Nesterov));
        prop_assert_eq!(bits(&run(&mut AdaGrad::new(lr), &values, &grads)), book_of(Kind::AdaGrad));
        prop_assert_eq!(bits(&run(&mut RmsProp::new(lr), &values, &grads)), book_of(Kind::RmsProp));
        prop_assert_eq!(bits(&run(&mut Adam::new(lr), &values, &grads)), book_of(Kind::Adam));
    }
}

#[test]
fn adam_takes_steps_of_about_lr_whatever_the_gradients_scale() {
    // With a constant gradient g, m = (1 − β₁ᵗ)g and v = (1 − β₂ᵗ)g², so the bias correction
    // leaves a step of lr·g·√(1 − β₂ᵗ) / (√(1 − β₂ᵗ)|g| + 1e-7): ±lr but for the 1e-7.
    for g in [1e-3, 1.0, 1e3] {
        let grads = vec![vec![vec![g]; 10]];
        let w = run(&mut Adam::new(0.01), &[vec![0.0]], &grads)[0][0];
        let expected: f64 = (1..=10)
            .map(|t| {
                let c = (1.0 - 0.999f64.powi(t)).sqrt();
                -0.01 * g * c / (c * g.abs() + 1e-7)
            })
            .sum();
        assert!((w - expected).abs() < 1e-12, "g = {g}: {w} vs {expected}");
        assert!((w + 0.1).abs() < 0.001, "g = {g}: about ten steps of lr");
    }
}

#[test]
fn adagrad_steps_shrink_as_the_squared_gradients_add_up() {
    // With a constant gradient, step t is lr·g/(√t·|g|) = lr/√t.
    let grads = [vec![vec![2.0]; 4]];
    let after: Vec<f64> = (1..=4)
        .map(|t| {
            run(
                &mut AdaGrad::new(0.1),
                &[vec![0.0]],
                &[grads[0][..t].to_vec()],
            )[0][0]
        })
        .collect();
    let expected: Vec<f64> = (1..=4)
        .map(|t| -(1..=t).map(|k| 0.1 / (k as f64).sqrt()).sum::<f64>())
        .collect();
    for (a, e) in after.iter().zip(&expected) {
        assert!((a - e).abs() < 1e-6, "{after:?} vs {expected:?}");
    }
}

#[test]
#[should_panic(expected = "Momentum::update: parameter 1 (b1) was not in the first step's walk")]
fn a_stateful_optimizer_refuses_a_walk_that_grew() {
    let mut opt = Momentum::new(0.1);
    run(&mut opt, &[vec![1.0]], &[vec![vec![1.0]]]);
    run(
        &mut opt,
        &[vec![1.0], vec![2.0]],
        &[vec![vec![1.0]], vec![vec![1.0]]],
    );
}

#[test]
#[should_panic(expected = "Adam::update: W1 has 3 values, 2 in the first step")]
fn a_stateful_optimizer_refuses_a_parameter_of_another_size() {
    let mut opt = Adam::new(0.1);
    run(&mut opt, &[vec![1.0, 2.0]], &[vec![vec![1.0, 1.0]]]);
    run(
        &mut opt,
        &[vec![1.0, 2.0, 3.0]],
        &[vec![vec![1.0, 1.0, 1.0]]],
    );
}

#[test]
fn kinds_read_back_from_their_names() {
    for kind in Kind::ALL {
        assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
    }
    assert_eq!(
        "adamw".parse::<Kind>(),
        Err("unknown optimizer 'adamw' (expected one of: sgd, momentum, nesterov, adagrad, rmsprop, adam)".into())
    );
}

#[test]
fn kinds_carry_the_books_class_names() {
    // The classes of the book's common/optimizer.py, and the names used on command lines.
    let book = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"];
    let cli = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];
    for ((kind, book), cli) in Kind::ALL.iter().zip(book).zip(cli) {
        assert_eq!(kind.book_name(), book);
        assert_eq!(kind.to_string(), cli);
    }
}
