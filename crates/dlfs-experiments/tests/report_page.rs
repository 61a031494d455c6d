//! The report page over every experiment's `--quick` results: every file it links to exists,
//! every table is its CSV file, its figures are the run's; and no temporary file is left.
use dlfs_experiments::{EXPERIMENTS, Folder, Options, Silent};
use dlfs_figures::page;
use std::path::Path;

mod common;
use common::*;

#[test]
fn every_experiment_is_found_by_its_name() {
    for e in EXPERIMENTS {
        assert_eq!(dlfs_experiments::find(e.name).map(|f| f.name), Some(e.name));
    }
    assert!(dlfs_experiments::find("no-such-experiment").is_none());
    assert!(dlfs_experiments::find("").is_none());
}

#[test]
fn the_report_page_shows_every_experiments_results() {
    let out = scratch("page");
    let opts = Options {
        seeds: Options::QUICK_SEEDS,
        quick: true,
    };
    let reports: Vec<_> = EXPERIMENTS
        .iter()
        .map(|e| (e.run)(&opts, &Folder(out.clone()), &Silent).unwrap())
        .collect();
    check_report_page(&out, &reports);
    // No temporary files or folders are left behind.
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

/// Text between HTML tags, unescaped.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Every value of attribute `attr` (`href`, `src`, `data-csv`) in `html`.
fn attributes(html: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

fn check_report_page(out: &Path, reports: &[dlfs_experiments::Report]) {
    let report = |name| reports.iter().find(|r| r.name == name);
    let sections: Vec<page::Section<'_>> = EXPERIMENTS
        .iter()
        .filter(|e| out.join(e.name).is_dir())
        .map(|e| e.section(report(e.name)))
        .collect();
    let html = page::render(out, &sections).unwrap();
    // The page's figures are this run's: every fact of every report, and the sweeps' tables.
    let text = unescape(&html);
    for r in reports {
        for (label, value) in &r.facts {
            assert!(
                text.contains(&format!("<b>{label}</b>: {value}</li>")),
                "{}: {label}",
                r.name
            );
        }
        if let Some(table) = &r.table {
            assert!(
                text.contains(&format!("<pre>{table}</pre>")),
                "{}'s table",
                r.name
            );
        }
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "the page works with scripts off");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    // Every link and image is a file beside the page.
    let links: Vec<String> = attributes(&html, "href")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .chain(attributes(&html, "src"))
        .collect();
    assert!(links.len() > 40, "{} links", links.len());
    for link in &links {
        assert!(
            out.join(link).is_file(),
            "the page links to {link}, which is missing"
        );
    }
    // Every CSV file of every experiment is linked.
    for e in EXPERIMENTS {
        let dir = out.join(e.name);
        if !dir.exists() {
            // Only Fashion-MNIST may be skipped, and only when its data is not installed.
            assert_eq!(e.name, "fashion-mnist", "{} wrote no folder", e.name);
            let data = dlfs_datasets::FASHION_DIR;
            assert!(!Path::new(data).is_dir(), "{data} exists but was not used");
            continue;
        }
        for csv in walk(&dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        {
            let rel = csv
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(links.contains(&rel), "{rel} is not linked");
        }
    }
    // Every table is its CSV file, cell for cell.
    let tables = attributes(&html, "data-csv");
    assert!(tables.len() >= 10, "{tables:?}");
    for name in &tables {
        let start = html.find(&format!("data-csv=\"{name}\"")).unwrap();
        let end = start + html[start..].find("</table>").unwrap();
        let rows: Vec<Vec<String>> = html[start..end]
            .split("<tr>")
            .skip(1)
            .map(|row| {
                row.split(['<', '>'])
                    .collect::<Vec<_>>()
                    .chunks(4)
                    .filter(|c| c.len() == 4 && (c[1] == "td" || c[1] == "th"))
                    .map(|c| unescape(c[2]))
                    .collect()
            })
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(out.join(name))
            .unwrap();
        let expected: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows, expected, "the table of {name}");
    }
}

#[test]
fn each_experiment_keeps_as_many_runs_as_it_trains() {
    // The runs an experiment holds at once (its memory check): the sweeps keep one outcome per
    // setting they list, the others one run.
    use dlfs_experiments::experiments::{cures, escape_time, lr_sweep};
    for seeds in [1, 7, 50] {
        let opts = Options {
            seeds,
            quick: false,
        };
        for e in EXPERIMENTS {
            let expected = match e.name {
                "lr-sweep" => lr_sweep::configs(seeds, lr_sweep::ITERS).len(),
                "cures" => cures::configs(seeds).len(),
                "escape-time" => escape_time::configs(seeds).len(),
                _ => 1,
            };
            assert_eq!(
                (e.runs_kept)(&opts),
                expected as u64,
                "{} with {seeds} seeds",
                e.name
            );
        }
    }
}
