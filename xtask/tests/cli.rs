//! The command line: bad flags give one clear line and a non-zero exit and write nothing; a good
//! `train` writes its files, the same bytes each time.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn assert_rejected(args: &[&str], message: &str, out: &Path) {
    let o = xtask(args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{args:?} succeeded");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(!out.exists(), "{args:?} wrote {}", out.display());
}

#[test]
fn help_lists_the_commands_and_experiments() {
    let o = xtask(&["--help"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for name in [
        "experiments",
        "train",
        "xor-success",
        "stalled",
        "lr-sweep",
        "hidden-features",
        "gradient-check",
    ] {
        assert!(text.contains(name), "help does not mention {name}");
    }
}

#[test]
fn bad_flags_are_rejected_before_anything_is_written() {
    let out = scratch("bad");
    let o = out.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["experiments", "--only", "xor-succes", "--out", o][..],
            "unknown experiment 'xor-succes'",
        ),
        (
            &["experiments", "--seeds", "0", "--out", o][..],
            "--seeds must be a positive whole number",
        ),
        (
            &["experiments", "--bogus", "--out", o][..],
            "unknown argument '--bogus'",
        ),
        (
            &["train", "--lr", "0", "--out", o][..],
            "--lr must be a positive number, not '0'",
        ),
        (
            &["train", "--lr", "-1", "--out", o][..],
            "--lr must be a positive number",
        ),
        (
            &["train", "--lr", "fast", "--out", o][..],
            "--lr must be a positive number, not 'fast'",
        ),
        (
            &["train", "--hidden", "4,0", "--out", o][..],
            "--hidden must be a positive whole number, not '0'",
        ),
        (
            &["train", "--iters", "0", "--out", o][..],
            "--iters must be a positive whole number",
        ),
        (
            &["train", "--activation", "tanh", "--out", o][..],
            "unknown activation 'tanh'",
        ),
        (
            &["train", "--seed", "-3", "--out", o][..],
            "--seed must be a whole number",
        ),
        (&["train", "--out"][..], "--out needs a value"),
        (&["frobnicate"][..], "unknown command 'frobnicate'"),
    ];
    for &(args, message) in cases {
        assert_rejected(args, message, &out);
    }
}

#[test]
fn an_out_that_is_a_file_or_cannot_be_created_is_rejected() {
    let file = scratch("file");
    std::fs::write(&file, "not a folder").unwrap();
    let o = xtask(&["train", "--iters", "10", "--out", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a file, not a folder"));
    let below = file.join("sub");
    let o = xtask(&[
        "experiments",
        "--only",
        "gradient-check",
        "--out",
        below.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot create the folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn train_writes_the_run_files_identically_each_time() {
    let out = scratch("train");
    let o = out.to_str().unwrap();
    let args = [
        "train",
        "--hidden",
        "3,2",
        "--activation",
        "relu",
        "--lr",
        "0.05",
        "--iters",
        "500",
        "--seed",
        "7",
        "--out",
        o,
    ];
    assert!(xtask(&args).status.success());
    let names = [
        "loss.csv",
        "params.csv",
        "predictions.csv",
        "hidden_1.csv",
        "hidden_2.csv",
        "loss.svg",
        "decision.svg",
    ];
    let first: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect();
    assert_eq!(String::from_utf8_lossy(&first[0]).lines().count(), 501);
    assert!(xtask(&args).status.success());
    for (n, bytes) in names.iter().zip(&first) {
        assert_eq!(&std::fs::read(out.join(n)).unwrap(), bytes, "{n} changed");
    }
    // A shallower run in the same folder removes the deeper run's hidden_2.csv.
    let shallow = ["train", "--hidden", "3", "--iters", "20", "--out", o];
    assert!(xtask(&shallow).status.success());
    assert!(!out.join("hidden_2.csv").exists());
    std::fs::remove_dir_all(&out).unwrap();
}
