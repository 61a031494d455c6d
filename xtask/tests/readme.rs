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
    let marker = "```text\n$ cargo xtask ";
    let mut checked = 0;
    for (start, _) in text.match_indices(marker) {
        let rest = &text[start + marker.len()..];
        let (command, block) = rest.split_once('\n').unwrap();
        let block = &block[..block.find("\n```").unwrap()];
        let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(command.split_whitespace())
            .output()
            .unwrap();
        assert!(o.status.success(), "{command}");
        assert_eq!(
            block,
            String::from_utf8_lossy(&o.stdout).trim_end(),
            "{command}"
        );
        checked += 1;
    }
    assert!(checked >= 1, "the README shows the help");
}

#[test]
fn the_docs_stay_short() {
    // README: what, the two commands, what you get, the reading order; BENCHMARKS: a reference
    // read in a minute (the history is in the commit bodies).
    for (file, most) in [("README.md", 150), ("BENCHMARKS.md", 200)] {
        let lines = std::fs::read_to_string(root().join(file))
            .unwrap()
            .lines()
            .count();
        assert!(lines <= most, "{file} has {lines} lines, more than {most}");
    }
}

#[test]
fn no_path_leaves_the_repository() {
    // A fresh clone regenerates every fixture: nothing points at a folder beside it.
    let mut stack = vec![root().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "target" || name == "results" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if ["rs", "md", "sh", "py", "toml"]
                .iter()
                .any(|x| name.ends_with(&format!(".{x}")))
            {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !text.contains(concat!("../", "shared")),
                    "{}",
                    path.display()
                );
            }
        }
    }
}
