//! The training loop allocates nothing once the first iteration has sized the layers' buffers.
//! A counting global allocator sees every allocation of this test binary.
use dlfs_init::{Init, RandomState};
use dlfs_networks::{Activation, MultiLayerNet, Targets};
use dlfs_optimizers::{Optimizer, Sgd};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations made by this thread (the test harness's other threads allocate too).
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

#[allow(unsafe_code)]
// SAFETY: forwards every call unchanged to the system allocator, only counting them.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on as is.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: the caller's contract for `realloc` is passed on as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by this thread while `f` runs.
fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_xor_training_loop_allocates_nothing_after_the_first_iteration() {
    let x = ndarray::array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let t = ndarray::array![[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]];
    for (sizes, activation) in [
        (vec![2, 4, 2], Activation::Sigmoid),
        (vec![2, 4, 4, 2], Activation::Relu),
    ] {
        let mut net =
            MultiLayerNet::new(&sizes, activation, Init::Article, &mut RandomState::new(42));
        // The first steps size the buffers, for both forms of targets.
        net.gradient(&x, Targets::OneHot(t.view()));
        net.gradient(&x, Targets::Labels(&[0, 1, 1, 0]));
        let n = allocations_during(|| {
            for _ in 0..1000 {
                net.gradient(&x, Targets::OneHot(t.view()));
                Sgd::new(0.01).update(net.params_mut());
                net.gradient(&x, Targets::Labels(&[0, 1, 1, 0]));
                Sgd::new(0.01).update(net.params_mut());
            }
        });
        assert_eq!(n, 0, "{sizes:?}: {n} allocations in 2000 steps");
    }
}

#[test]
fn an_mnist_sized_step_allocates_nothing_after_the_first() {
    let mut rng = RandomState::new(1);
    let x = rng.rand(100, 784);
    let labels: Vec<usize> = (0..100).map(|i| i % 10).collect();
    let mut net = MultiLayerNet::new(&[784, 50, 10], Activation::Sigmoid, Init::BOOK, &mut rng);
    net.gradient(&x, Targets::Labels(&labels));
    Sgd::new(0.1).update(net.params_mut());
    let n = allocations_during(|| {
        for _ in 0..10 {
            net.gradient(&x, Targets::Labels(&labels));
            Sgd::new(0.1).update(net.params_mut());
        }
    });
    // Five products per step are packed (forward 1 and 2, dW2, dX2, dW1), into the packing
    // buffers each Affine layer keeps: sized in the first step, reused since.
    assert_eq!(n, 0, "{n} allocations in 10 steps");
}

#[test]
fn a_step_with_batch_norm_dropout_and_weight_decay_allocates_nothing_after_the_first() {
    let mut rng = RandomState::new(2);
    let x = rng.rand(32, 20);
    let labels: Vec<usize> = (0..32).map(|i| i % 4).collect();
    let mut net = MultiLayerNet::new(&[20, 16, 16, 4], Activation::Relu, Init::He, &mut rng)
        .with_batch_norm()
        .with_dropout(0.2)
        .with_weight_decay(0.1);
    let mut adam = dlfs_optimizers::Adam::new(0.01);
    let mut step = |net: &mut MultiLayerNet, rng: &mut RandomState| {
        net.gradient_with(&x, Targets::Labels(&labels), rng);
        adam.update(net.params_mut());
        net.loss(&x, Targets::Labels(&labels))
    };
    step(&mut net, &mut rng);
    let n = allocations_during(|| {
        for _ in 0..10 {
            step(&mut net, &mut rng);
        }
    });
    assert_eq!(n, 0, "{n} allocations in 10 steps");
}

#[test]
fn every_optimizer_allocates_its_state_once() {
    let x = ndarray::array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let t = Targets::Labels(&[0, 1, 1, 0]);
    for kind in dlfs_optimizers::Kind::ALL {
        let mut net = MultiLayerNet::new(
            &[2, 3, 3, 2],
            Activation::Tanh,
            Init::He,
            &mut RandomState::new(1),
        );
        let mut opt = kind.build(0.01);
        // The first step sizes the layers' buffers and the optimizer's state.
        net.gradient(&x, t);
        opt.update(net.params_mut());
        let n = allocations_during(|| {
            for _ in 0..500 {
                net.gradient(&x, t);
                opt.update(net.params_mut());
            }
        });
        assert_eq!(n, 0, "{kind}: {n} allocations in 500 steps");
    }
}

#[test]
fn an_f32_step_allocates_nothing_after_the_first() {
    let mut rng = RandomState::new(1);
    let x = rng.rand(100, 784).mapv(|v| v as f32);
    let labels: Vec<usize> = (0..100).map(|i| i % 10).collect();
    let mut net =
        MultiLayerNet::<f32>::new_in(&[784, 50, 10], Activation::Sigmoid, Init::BOOK, &mut rng);
    let mut adam = dlfs_optimizers::Adam::<f32>::new_in(0.001);
    net.gradient(&x, Targets::Labels(&labels));
    adam.update(net.params_mut());
    let n = allocations_during(|| {
        for _ in 0..10 {
            net.gradient(&x, Targets::Labels(&labels));
            adam.update(net.params_mut());
            net.loss(&x, Targets::Labels(&labels));
        }
    });
    assert_eq!(n, 0, "{n} allocations in 10 f32 steps");
}
