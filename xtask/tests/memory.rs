//! The memory estimates are upper bounds of the real commands' peaks: each command runs at
//! several sizes (wide, deep, a large batch, a wide hidden layer on images), its peak resident
//! memory is read from `/proc` while it runs, and it must not exceed the estimate that
//! `cargo xtask` checks before any work — nor be less than a third of it, so that the estimate
//! stays a bound that means something.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[path = "../src/limits.rs"]
#[allow(dead_code)] // the test uses the estimates, not the check
mod limits;

/// Runs `cargo xtask ARGS` and returns its peak resident memory in bytes (the last `VmHWM` of
/// `/proc/PID/status` read before it exits: a high-water mark, read every 2 ms).
fn peak(args: &[&str]) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib * 1024);
        }
        if let Some(exit) = child.try_wait().unwrap() {
            assert!(exit.success(), "{args:?}: {exit}");
            return peak;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn check(what: &str, measured: u64, estimate: u64) {
    let mib = |b: u64| b as f64 / f64::from(1u32 << 20);
    eprintln!(
        "{what}: peak {:.0} MiB, estimate {:.0} MiB",
        mib(measured),
        mib(estimate)
    );
    assert!(
        measured <= estimate,
        "{what}: peak {measured} above the estimate {estimate}"
    );
    assert!(
        3 * measured >= estimate,
        "{what}: estimate {estimate} over 3x the peak {measured}"
    );
}

fn scratch(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("xtask-memory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.to_str().unwrap().to_string()
}

#[test]
fn train_stays_within_its_estimate_wide_and_deep() {
    // At c9b97a6, --hidden 5000 peaked at 772 MiB against ~528 MiB and 2 000 layers of 2 at
    // 1.02 GiB against ~0.42 GiB (the pictures of thousands of units, now not drawn).
    let deep = vec!["2"; 1000].join(",");
    for (hidden, sizes) in [
        ("3000", vec![2, 3000, 2]),
        (deep.as_str(), [vec![2], vec![2; 1000], vec![2]].concat()),
        ("50,50", vec![2, 50, 50, 2]),
    ] {
        let out = scratch("train");
        let measured = peak(&["train", "--hidden", hidden, "--iters", "200", "--out", &out]);
        let estimate = limits::train_bytes(&sizes, 200, false).unwrap();
        check(
            &format!("train {:?}", &sizes[..sizes.len().min(4)]),
            measured,
            estimate,
        );
        std::fs::remove_dir_all(&out).unwrap();
    }
}

#[test]
fn mnist_stays_within_its_estimate_for_a_large_batch_and_a_wide_layer() {
    // At c9b97a6, --batch 60000 peaked at 750 MiB against ~631 MiB.
    let data = dlfs_datasets::FASHION_DIR;
    if !Path::new(data).is_dir() {
        eprintln!("skipped: no data in {data} (apt-get install dataset-fashion-mnist)");
        return;
    }
    for (hidden, batch) in [(50, 30_000), (1000, 100)] {
        let out = scratch("mnist");
        let (h, b) = (hidden.to_string(), batch.to_string());
        let args = [
            "mnist", "--hidden", &h, "--batch", &b, "--iters", "2", "--out", &out,
        ];
        let measured = peak(&args);
        let estimate = limits::mnist_bytes(hidden, batch, false).unwrap();
        check(
            &format!("mnist hidden {hidden} batch {batch}"),
            measured,
            estimate,
        );
        std::fs::remove_dir_all(&out).unwrap();
    }
}
