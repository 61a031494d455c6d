//! The memory estimates against what they are documented to count: each grows at least by the
//! bytes a run must keep for one more unit, iteration, image or seed, and stays a reasonable
//! bound; a value that cannot be counted in 64 bits is refused.
use super::*;

const MIB: u64 = 1 << 20;
/// The decision surface's grid: 61 × 61 inputs in one batch.
const GRID: u64 = 61 * 61;

#[test]
fn a_need_within_what_is_available_passes_and_one_beyond_is_refused() {
    assert_eq!(check("--hidden 4", Some(10), 10), Ok(()));
    assert_eq!(
        check("--hidden 5", Some(11), 10),
        Err(TooLarge {
            what: "--hidden 5".into(),
            needed: Some(11),
            available: 10
        })
    );
    let refused = check("--hidden 6", None, u64::MAX).unwrap_err();
    assert_eq!(refused.needed, None);
    // The message names the flag, the need and the limit, in GiB with one decimal.
    assert_eq!(
        check("--hidden 7", Some(3 << 30), 1 << 30)
            .unwrap_err()
            .to_string(),
        "--hidden 7: needs about 3.0 GiB of memory, more than the 1.0 GiB this machine has available"
    );
    assert_eq!(
        check("--iters 8", None, 3 << 29).unwrap_err().to_string(),
        "--iters 8: needs more than 2^64 bytes of memory, more than the 1.5 GiB this machine has available"
    );
}

#[test]
fn available_memory_is_at_most_the_machines_total() {
    let Ok(meminfo) = std::fs::read_to_string("/proc/meminfo") else {
        assert_eq!(available_memory(), u64::MAX);
        return;
    };
    let kib = |key: &str| -> u64 {
        let line = meminfo.lines().find(|l| l.starts_with(key)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let available = available_memory();
    assert!(
        available > 0 && available.is_multiple_of(1024),
        "{available}"
    );
    assert!(available <= kib("MemTotal:") * 1024, "{available}");
    // MemAvailable moves while we read it; within a GiB of our own reading.
    assert!(available.abs_diff(kib("MemAvailable:") * 1024) < 1 << 30);
}

#[test]
fn training_needs_grow_with_the_units_and_the_recorded_losses() {
    let base = train_bytes(&[2, 4, 2], 1000, false).unwrap();
    // The program itself, and then some; the article's network stays small.
    assert!((64 * MIB..100 * MIB).contains(&base), "{base}");
    // One more hidden unit: its 5 parameters with their gradients (16 bytes each), and its
    // column in the three buffers of the grid's batch (8 bytes a value).
    let wider = train_bytes(&[2, 5, 2], 1000, false).unwrap();
    assert!(wider - base >= 5 * 16 + 3 * GRID * 8, "{}", wider - base);
    assert!(wider - base < MIB, "{}", wider - base);
    // A second hidden layer of 4: 20 more parameters and 4 more columns.
    let deeper = train_bytes(&[2, 4, 4, 2], 1000, false).unwrap();
    assert!(deeper - base >= 20 * 16 + 4 * 3 * GRID * 8);
    assert!(deeper - base < 4 * MIB);
    // 1000 more iterations: 1000 more losses of 8 bytes, recorded up to MAX_RECORDED.
    let longer = train_bytes(&[2, 4, 2], 2000, false).unwrap();
    assert!((1000 * 8..=1000 * 100).contains(&(longer - base)));
    let full = train_bytes(&[2, 4, 2], MAX_RECORDED, false).unwrap();
    assert!(full > train_bytes(&[2, 4, 2], MAX_RECORDED - 1, false).unwrap());
    assert_eq!(train_bytes(&[2, 4, 2], 3 * MAX_RECORDED, false), Some(full));
    // Sizes whose parameters cannot be counted in 64 bits.
    assert_eq!(train_bytes(&[usize::MAX, 2], 10, false), None);
    assert_eq!(train_bytes(&[2, usize::MAX / 2, 2], 10, false), None);
    assert_eq!(train_bytes(&[2, 1 << 61, 2], 10, false), None);
}

#[test]
fn the_sweeps_needs_grow_with_their_runs() {
    // The sweep's 5 architectures × 9 learning rates per seed, each run's row of runs.csv (over
    // 60 bytes).
    let ten = runs_bytes(450).unwrap();
    let twenty = runs_bytes(900).unwrap();
    assert!((64 * MIB..100 * MIB).contains(&ten));
    assert!(twenty - ten >= 45 * 10 * 60 && twenty - ten <= 45 * 10 * 4096);
    assert!(runs_bytes(45 * u64::from(u32::MAX)).is_some());
    assert_eq!(runs_bytes(u64::MAX), None);
}

#[test]
fn mnist_needs_count_the_data_the_batch_and_the_network() {
    let base = mnist_bytes(50, 100, false).unwrap();
    // The 70 000 images as bytes, and the program.
    assert!(base >= 64 * MIB + 70_000 * 784, "{base}");
    assert!(base < 1 << 30, "{base}");
    // 100 more images per batch: their rows of 784 pixels as f64.
    let bigger_batch = mnist_bytes(50, 200, false).unwrap();
    assert!(bigger_batch - base >= 100 * 784 * 8);
    assert!(bigger_batch - base < 100 * 784 * 8 * 4);
    // One more hidden unit: 784 + 1 + 10 parameters with their gradients.
    let wider = mnist_bytes(51, 100, false).unwrap();
    assert!(wider - base >= (784 + 1 + 10) * 16, "{}", wider - base);
    assert!(wider - base < MIB);
    assert_eq!(mnist_bytes(usize::MAX, 100, false), None);
    assert_eq!(mnist_bytes(50, usize::MAX, false), None);
    assert_eq!(mnist_bytes(1 << 60, 100, false), None);
}
