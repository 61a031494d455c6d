//! The README tells the truth: its table of crates lists each crate's dependencies as the
//! manifests do, and its help blocks are the commands' own output.
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The workspace crates among the `[dependencies]` of a manifest.
fn manifest_deps(manifest: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut in_deps = false;
    let mut deps = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
        } else if in_deps && line.starts_with("dlfs-") {
            deps.insert(line.split(['.', ' ', '=']).next().unwrap().to_string());
        }
    }
    deps
}

#[test]
fn the_table_of_crates_lists_the_dependencies_of_each_manifest() {
    let text = readme();
    let mut checked = 0;
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        let name = cells[0].trim_start_matches("| ").trim_matches('`');
        let dir = match name {
            "xtask" => root().join("xtask"),
            n if n.starts_with("dlfs-") => root().join("crates").join(n),
            _ => continue,
        };
        let Some(last) = cells.last() else { continue };
        let listed: BTreeSet<String> = last
            .trim_end_matches(" |")
            .split(", ")
            .map(|d| d.trim().trim_matches('`').to_string())
            .filter(|d| d.starts_with("dlfs-"))
            .collect();
        assert_eq!(
            listed,
            manifest_deps(&dir.join("Cargo.toml")),
            "README row of {name}"
        );
        checked += 1;
    }
    let crates = std::fs::read_dir(root().join("crates")).unwrap().count();
    assert_eq!(checked, crates + 1, "one row per crate and xtask");
}

#[test]
fn the_help_blocks_are_the_commands_own_output() {
    let text = readme();
    for args in [&["--help"][..], &["train", "-h"][..]] {
        let marker = format!("```text\n$ cargo xtask {}\n", args.join(" "));
        let start = text.find(&marker).expect("the README shows this help") + marker.len();
        let block = &text[start..start + text[start..].find("\n```").unwrap()];
        let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success());
        assert_eq!(
            block,
            String::from_utf8_lossy(&o.stdout).trim_end(),
            "{args:?}"
        );
    }
}
